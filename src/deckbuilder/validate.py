"""Loaded data to typed models, with every problem of a file reported at its file:line:col.

msgspec stops at the first problem, so validation repeats on a working copy from which each
reported mistake is removed, until the file validates or nothing more can be learned. The
working copy remembers the original list indexes, so every position stays true.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import msgspec

from .errors import Problems, did_you_mean
from .load import Document
from .model import DISTINCTIVE_KEYS, SLIDE_KINDS, Outline, SlideBase, slide_kinds

M = TypeVar("M")
MAX_ROUNDS = 200
_ERROR = re.compile(r"^(?P<msg>.*?)(?: - at `\$(?P<path>.*)`)?$", re.S)
# Fields written in a pattern: what they expect and how to write it.
_FORMATS = {
    "id": ("an id", "use letters, digits, '-', '_' or '.'; no spaces or '/'"),
    "color": ("a color", 'colors are written "#RRGGBB", e.g. "#5B7F6E"'),
    "published": ("a date", "write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2020 or 2020-05"),
}
_TYPE_WORDS = {
    "str": "text", "array": "a list", "object": "a mapping of keys", "int": "a whole number",
    "float": "a number", "bool": "true or false", "date": "a date", "null": "nothing",
}  # fmt: skip


def validate(doc: Document, model: type[M], what: str = "this file") -> M:
    """Return `doc.data` as a `model`; raise DeckError listing every problem in the file."""
    problems = Problems()
    if not isinstance(doc.data, dict):
        problems.add(
            f"expected a mapping of keys (like 'title: ...'), found {_describe(doc.data)}",
            doc.pos(()),
            f"see docs/format.md for the shape of {what}",
        )
        problems.raise_if_any()
    work = _Working(doc.data)
    if model is Outline:
        _tag_slides(doc, work, problems)
    reported: set[tuple] = set()  # paths of values reported (and removed)
    for _ in range(MAX_ROUNDS):
        try:
            result = msgspec.convert(work.data, model)
        except msgspec.ValidationError as error:
            if not _report(str(error), doc, work, model, problems, reported):
                break
        else:
            problems.raise_if_any()
            return result
    problems.raise_if_any()
    raise AssertionError("validation failed without a reported problem")  # pragma: no cover


class _Working:
    """A copy of the data that can lose items while remembering their original paths."""

    def __init__(self, data: Any) -> None:
        self.index: dict[int, list[int]] = {}
        self.data = self._copy(data)

    def _copy(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: self._copy(v) for k, v in value.items()}
        if isinstance(value, list):
            items = [self._copy(v) for v in value]
            self.index[id(items)] = list(range(len(items)))
            return items
        return value

    def original(self, path: tuple) -> tuple:
        """Translate a path in the working copy to the path in the loaded file."""
        out, current = [], self.data
        for part in path:
            if isinstance(current, list) and isinstance(part, int) and part < len(current):
                out.append(self.index[id(current)][part])
            else:
                out.append(part)
            current = current[part] if _has(current, part) else None
        return tuple(out)

    def get(self, path: tuple) -> Any:
        current = self.data
        for part in path:
            current = current[part] if _has(current, part) else None
        return current

    def remove(self, path: tuple) -> bool:
        """Remove the value at `path` from its parent; return False if there is none."""
        if not path:
            return False
        parent = self.get(path[:-1])
        part = path[-1]
        if isinstance(parent, dict) and part in parent:
            del parent[part]
            return True
        if isinstance(parent, list) and isinstance(part, int) and part < len(parent):
            del parent[part]
            del self.index[id(parent)][part]
            return True
        return False

    def remove_item_around(self, path: tuple) -> bool:
        """Remove the innermost list item that contains `path` (a slide, a section, ...)."""
        for cut in range(len(path), 0, -1):
            if isinstance(path[cut - 1], int):
                return self.remove(path[:cut])
        return False


def _has(container: Any, part: Any) -> bool:
    if isinstance(container, dict):
        return part in container
    return isinstance(container, list) and isinstance(part, int) and part < len(container)


def _tag_slides(doc: Document, work: _Working, problems: Problems) -> None:
    """Give every slide its `kind`, inferred from its keys; report slides with none or two."""
    sections = work.data.get("sections")
    if not isinstance(sections, list):
        return
    for s, section in enumerate(sections):
        slides = section.get("slides") if isinstance(section, dict) else None
        if not isinstance(slides, list):
            continue
        for i in reversed(range(len(slides))):
            if not isinstance(slides[i], dict):
                continue
            path = ("sections", s, "slides", i)
            problem = _kind_problem(slides[i], work.original(path), doc)
            if problem is None:
                slides[i]["kind"] = slide_kinds(slides[i])[0]
            else:
                problems.add(*problem)
                work.remove(path)


def _kind_problem(slide: dict, path: tuple, doc: Document):
    kinds = slide_kinds(slide)
    if "kind" in slide:
        if kinds[0] in SLIDE_KINDS:
            return None
        return (f"unknown slide kind '{slide['kind']}'", doc.pos(path + ("kind",)),
                did_you_mean(slide["kind"], SLIDE_KINDS))  # fmt: skip
    if len(kinds) == 1:
        return None
    if len(kinds) > 1:
        keys = [k for k in slide if k in DISTINCTIVE_KEYS]
        return (
            "a slide has two kinds: " + " and ".join(f"'{k}'" for k in keys),
            doc.key_pos(path + (keys[1],)),
            "split it into two slides, or give `kind:` and only that kind's keys",
        )
    known = {"kind", "alt", "caption", *_field_names(SlideBase), *DISTINCTIVE_KEYS}
    for key in slide:
        if key not in known:  # content keys are often misspelled
            return (f"unknown key '{key}'", doc.key_pos(path + (key,)), did_you_mean(key, known))
    return (
        "this slide has no content",
        doc.pos(path),
        "add one of: bullets, quote, principle, principles, steps, questions, image, left/right, text",
    )


def _report(message: str, doc: Document, work: _Working, model: type, problems: Problems,
            reported: set[tuple]) -> bool:  # fmt: skip
    """Record one msgspec error and remove its cause; return False when no progress is possible."""
    match = _ERROR.match(message)
    text, path = match.group("msg"), _parse_path(match.group("path") or "")
    original = work.original(path)
    target = _type_at(model, work.data, path)
    unknown = re.match(r"Object contains unknown field `(.*)`", text)
    if unknown:
        key = unknown.group(1)
        hint = did_you_mean(key, _field_names(target))
        problems.add(f"unknown key '{key}'", doc.key_pos(original + (key,)), hint)
        if hint.startswith("did you mean"):  # the key it stands for will be missing: say it once
            reported.update(original + (name,) for name in re.findall(r"'([^']+)'", hint))
        return work.remove(path + (key,))
    missing = re.match(r"Object missing required field `(.*)`", text)
    if missing:
        key = missing.group(1)
        if original + (key,) not in reported:
            where = doc.key_pos(original) if original in doc.keys else doc.pos(original)
            problems.add(f"missing required key '{key}'", where, _required_hint(target))
        return work.remove_item_around(path)
    reported.add(original)
    value = work.get(path)
    message_text, hint = _value_message(text, original, value, target)
    named = re.search(r"`(\w+)`", message_text)  # a rule about one key of this mapping
    if isinstance(value, dict) and named and named.group(1) in value:
        problems.add(message_text, doc.key_pos(original + (named.group(1),)), hint)
    else:
        problems.add(message_text, doc.pos(original), hint)
    return work.remove(path) or work.remove_item_around(path)


def _value_message(text: str, path: tuple, value: Any, target: Any) -> tuple[str, str]:
    """Return plain words and a hint for an error about a value."""
    name = next((p for p in reversed(path) if isinstance(p, str)), "this file")
    expected = re.match(r"Expected `([^`]*)`, got `([^`]*)`", text)
    if expected:
        wanted = " or ".join(_TYPE_WORDS.get(t.strip(), t.strip()) for t in expected.group(1).split("|")
                             if t.strip() != "null")  # fmt: skip
        hint = ""
        if isinstance(value, bool) and "str" in expected.group(1):
            hint = "YAML reads yes/no/on/off/true/false as a yes-or-no value: put the text in quotes"
        elif isinstance(value, dict) and "str" in expected.group(1):
            hint = "a text containing ': ' must be put in quotes"
        elif isinstance(value, (int, float)) and "str" in expected.group(1):
            hint = "put the text in quotes"
        elif "array" in expected.group(1):
            hint = "write each item on a line starting with '- ', or as [a, b]"
        return f"'{name}' expects {wanted}, found {_describe(value)}", hint
    enum = re.match(r"Invalid enum value '(.*)'", text)
    if enum:
        return f"'{enum.group(1)}' is not a valid {name}", did_you_mean(enum.group(1), _literal_values(target))
    if "matching regex" in text or name in _FORMATS:
        wanted, hint = _FORMATS.get(name, _FORMATS["id"] if name.endswith("id") else _FORMATS["color"])
        return f"'{name}' expects {wanted}, found {_describe(value)}", hint
    bound = re.match(r"Expected `\w+` (>=|>|<=|<) ([\d.]+)", text)
    if bound:
        words = {">=": "at least", ">": "more than", "<=": "at most", "<": "less than"}[bound.group(1)]
        return f"'{name}' must be {words} {float(bound.group(2)):g}, found {_describe(value)}", ""
    if "of length >=" in text:
        return f"'{name}' needs at least one item", ""
    if "date" in text.lower():
        return f"'{name}' expects a date, found {_describe(value)}", "a date that exists, written YYYY-MM-DD (e.g. 2026-12-05)"
    return text, ""


def _required_hint(target: Any) -> str:
    """Name the required keys; where a model can `extends:` another, that supplies them too."""
    fields = msgspec.structs.fields(target) if _is_struct(target) else ()
    required = [f.name for f in fields if f.required]
    if not required:
        return ""
    extends = any(f.name == "extends" for f in fields)
    return "required keys here: " + ", ".join(required) + (", or `extends: calm` to take them from a theme" if extends else "")


def _parse_path(text: str) -> tuple:
    return tuple(
        int(index) if index else name
        for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]", text)
    )


def _type_at(model: type, data: Any, path: tuple) -> Any:
    """Return the model type that validates the value at `path` (a struct, list or literal)."""
    current, value = model, data
    for part in path:
        current = _pick(current, value)
        if isinstance(part, int):
            args = get_args(current)
            current = args[0] if args else Any
        elif _is_struct(current):
            hints = typing.get_type_hints(current)
            current = hints.get(part, Any)
        value = value[part] if _has(value, part) else None
    return _pick(current, value)


def _pick(kind: Any, value: Any) -> Any:
    """Unwrap Annotated and Optional; of a union, pick the member that fits `value`."""
    while get_origin(kind) is typing.Annotated:
        kind = get_args(kind)[0]
    if get_origin(kind) in (Union, types.UnionType):
        members = [m for m in get_args(kind) if m is not type(None)]
        for member in members:
            base = get_origin(member) or member
            if isinstance(value, dict) and _is_struct(member):
                tag = member.__struct_config__.tag
                if tag is None or value.get("kind") == tag:
                    return _pick(member, value)
            elif isinstance(value, list) and base is list:
                return member
        return _pick(members[0], value) if members else kind
    return kind


def _is_struct(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, msgspec.Struct)


def _field_names(kind: Any) -> list[str]:
    return [f.name for f in msgspec.structs.fields(kind)] if _is_struct(kind) else []


def _literal_values(kind: Any) -> list[str]:
    return [str(v) for v in get_args(kind)] if get_origin(kind) is Literal else []


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"'{value}'"
