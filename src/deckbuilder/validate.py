"""Loaded data to typed models, with every problem of a file reported at its file:line:col.

msgspec stops at the first problem, so validation repeats on a working copy from which each
reported mistake is removed, until the file validates or nothing more can be learned. The
working copy remembers the original list indexes, so every position stays true. Items of lists
(sections, slides, principles, ...) are validated one by one first, innermost first, so that a
file with many mistakes costs one small round per mistake, not one round of the whole file.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import msgspec

from .errors import Problems, did_you_mean, shorten
from .kinds import DISTINCTIVE_KEYS, KINDS, WRITTEN
from .load import Document
from .model import Outline, SlideBase, slide_kinds

M = TypeVar("M")
MAX_ROUNDS = 200  # per item: more mistakes than this in one slide are not all reported
_ERROR = re.compile(r"^(?P<msg>.*?)(?: - at (?P<key>`key` in )?`\$(?P<path>.*)`)?$", re.S)
_TYPE_WORDS = {
    "str": "text", "array": "a list", "object": "a mapping of keys", "int": "a whole number",
    "float": "a number", "bool": "true or false", "date": "a date", "null": "nothing",
}  # fmt: skip
# What to write when a value has the wrong type and its field says nothing more.
_TYPE_HINTS = {
    "str": "write the text after the key; put it in quotes if it contains ': ' or starts with [ or {",
    "array": "write each item on a line starting with '- ', or as [a, b]",
    "object": "write its keys on the lines below it, indented",
    "int": "write a whole number, e.g. 3",
    "float": "write a number, e.g. 10",
    "bool": "write true or false",
    "date": "write a date as YYYY-MM-DD, e.g. 2026-12-05",
}
# A number with an exponent that YAML 1.1 reads as text: 1e5, 1.0e300 (it wants 1.0e+300).
_UNSIGNED_EXPONENT = re.compile(r"[-+]?(\d+)(\.\d*)?[eE]([-+]?)(\d+)")


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
    for path in list(_list_items(model, work.data, ())):
        _convert(doc, work, model, path, problems, reported)
    result = _convert(doc, work, model, (), problems, reported)
    problems.raise_if_any()
    if result is None:  # pragma: no cover
        raise AssertionError("validation failed without a reported problem")
    return result


def _convert(doc: Document, work: _Working, model: type, path: tuple, problems: Problems,
             reported: set[tuple]) -> Any:  # fmt: skip
    """Return the value at `path` as its type, reporting and removing its mistakes; None if none."""
    value, kind = work.get(path), _annotation_at(model, work.data, path)
    for _ in range(MAX_ROUNDS):
        if not work.holds(path, value):  # the item itself was removed
            return None
        try:
            return msgspec.convert(value, _pick(kind, value))
        except msgspec.ValidationError as error:
            if not _report(str(error), path, kind, doc, work, problems, reported):
                return None
    return None


def _list_items(kind: Any, data: Any, path: tuple):
    """Yield the paths of the mappings in lists of models, innermost and last first."""
    kind = _pick(kind, data)
    if not (_is_struct(kind) and isinstance(data, dict)):
        return
    hints = _hints(kind)
    for name, value in data.items():
        field = _pick(hints.get(name, Any), value)
        if isinstance(value, list) and get_origin(field) is list:
            element = get_args(field)[0]
            for i in reversed(range(len(value))):
                if isinstance(value[i], dict) and _is_struct(_pick(element, value[i])):
                    yield from _list_items(element, value[i], path + (name, i))
                    yield path + (name, i)
        elif isinstance(value, dict) and get_origin(field) is dict:  # msgspec's errors do not name the key
            element = get_args(field)[1]
            for key, item in value.items():
                if isinstance(key, str) and _is_struct(_pick(element, item)):
                    yield from _list_items(element, item, path + (name, key))
                    yield path + (name, key)
        elif isinstance(value, dict):
            yield from _list_items(field, value, path + (name,))


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
        return _value_at(self.data, path)

    def holds(self, path: tuple, value: Any) -> bool:
        """Whether `value` is still at `path` (a removed null is not, though `get` gives None there)."""
        current = self.data
        for part in path:
            if not _has(current, part):
                return False
            current = current[part]
        return current is value

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
        if kinds[0] in WRITTEN:
            return None
        return (f"unknown slide kind '{shorten(slide['kind'])}'", doc.pos(path + ("kind",)),
                did_you_mean(slide["kind"], WRITTEN))  # fmt: skip
    if len(kinds) == 1:
        return None
    if len(kinds) > 1:
        keys = [k for k in slide if k in DISTINCTIVE_KEYS]
        return (
            "a slide has two kinds: " + " and ".join(f"'{k}'" for k in keys),
            doc.key_pos(path + (keys[1],)),
            "split it into two slides, or give `kind:` and only that kind's keys",
        )
    known = {"kind", "alt", "caption", *field_names(SlideBase), *DISTINCTIVE_KEYS}
    for key in slide:
        if key not in known:  # content keys are often misspelled
            return (f"unknown key '{shorten(key)}'", doc.key_pos(path + (key,)),
                    did_you_mean(key, known, list_all=False) or "a slide's keys: " + ", ".join(sorted(known)))
    return (
        "this slide has no content",
        doc.pos(path),
        "add one of: " + ", ".join("/".join(KINDS[kind]) for kind in WRITTEN),
    )


def _report(message: str, prefix: tuple, kind: Any, doc: Document, work: _Working,
            problems: Problems, reported: set[tuple]) -> bool:  # fmt: skip
    """Record one msgspec error about the `kind` at `prefix` and remove its cause.

    Return False when no progress is possible.
    """
    match = _ERROR.match(message)
    inner = _named_keys(kind, work.get(prefix), _parse_path(match.group("path") or ""))
    if match.group("key"):  # a key of the mapping at `inner` is of the wrong kind
        return _report_key(match.group("msg"), prefix + inner, kind, inner, doc, work, problems)
    path, item = prefix + inner, work.get(prefix)
    original = work.original(path)
    target = _type_at(kind, item, inner)
    text = match.group("msg")
    unknown = re.match(r"Object contains unknown field `(.*)`", text, re.DOTALL)
    if unknown:
        key = unknown.group(1)
        hint = unknown_key(key, target, doc.key_pos(original + (key,)), problems)
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
    message_text, hint = _value_message(text, original, value, target, _expects(kind, item, inner))
    named = re.search(r"`(\w+)`", message_text)  # a rule about one key of this mapping: at its value
    if isinstance(value, dict) and named and named.group(1) in value:
        original += (named.group(1),)
    problems.add(message_text, doc.pos(original), hint)
    return work.remove(path) or work.remove_item_around(path)


def _value_message(text: str, path: tuple, value: Any, target: Any, expects: str) -> tuple[str, str]:
    """Return plain words and a hint for an error about a value."""
    name = next((p for p in reversed(path) if isinstance(p, str)), "this file")
    found = _describe(value)
    expected = re.match(r"Expected `([^`]*)`, got `([^`]*)`", text)
    if expected:
        kinds = [t.strip() for t in expected.group(1).split("|") if t.strip() != "null"]
        wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in kinds)
        hint = _type_hint(kinds, value) or ("" if "str" in kinds else expects)
        hint = hint or _TYPE_HINTS.get(kinds[0], "")
        return f"'{name}' expects {wanted}, found {found}", hint
    enum = re.match(r"Invalid enum value '(.*)'", text, re.DOTALL)
    if enum:
        return f"{found} is not a valid {name}", did_you_mean(enum.group(1), _literal_values(target))
    if "matching regex" in text:  # `expects` reads "a color: written ..."
        return f"'{name}' expects {expects.partition(':')[0]}, found {found}", expects
    bound = re.match(r"Expected `\w+` (>=|>|<=|<) ([\d.e+-]+)", text)
    if bound:
        words = {">=": "at least", ">": "more than", "<=": "at most", "<": "less than"}[bound.group(1)]
        return f"'{name}' must be {words} {float(bound.group(2)):g}, found {found}", expects
    multiple = re.match(r"Expected `\w+` that's a multiple of ([\d.]+)", text)
    if multiple:
        return f"'{name}' must be a multiple of {float(multiple.group(1)):g}, found {found}", expects
    length = re.match(r"Expected `(str|array|object)` of length (>=|<=) (\d+)", text)
    if length:
        return _length_message(name, value, length.group(2), int(length.group(3)), expects)
    if "date" in text.lower():
        return f"'{name}' expects a date, found {found}", _TYPE_HINTS["date"]
    message, _, hint = text.partition("; ")  # a rule of the model: "what is wrong; what is expected"
    return message, hint or expects or f"see docs/format.md for what '{name}' holds"


def _type_hint(kinds: list[str], value: Any) -> str:
    """Return the likely fix when YAML read a value as another type than the one meant."""
    if isinstance(value, bool) and "str" in kinds:
        return "YAML reads yes/no/on/off/true/false as a yes-or-no value: put the text in quotes"
    if isinstance(value, dict) and "str" in kinds:
        return "a text containing ': ' must be put in quotes"
    if isinstance(value, (int, float)) and "str" in kinds:
        return "put the text in quotes"
    if "array" in kinds:
        return _TYPE_HINTS["array"]
    number = _UNSIGNED_EXPONENT.fullmatch(value) if isinstance(value, str) else None
    if number and {"int", "float"} & set(kinds) and not (number.group(2) and number.group(3)):
        whole, point, sign, power = number.groups()
        fixed = f"{value[: number.start(1)]}{whole}{point or '.0'}e{sign or '+'}{power}"
        return f"YAML reads '{shorten(value)}' as text: write a number with an exponent as {shorten(fixed)}"
    return ""


def _length_message(name: str, value: Any, op: str, limit: int, expects: str) -> tuple[str, str]:
    """Return the words for a text or list that is too long or too short."""
    if op == ">=" and isinstance(value, str):
        return f"'{name}' is empty", f"write {expects}, or leave '{name}' out"
    if op == ">=":
        plural = "s" if limit > 1 else ""
        return f"'{name}' needs at least {limit} item{plural}", "write each on a line below it, starting with '- '"
    if isinstance(value, str):
        return f"'{name}' is too long: {len(value):,} characters, at most {limit:,}", expects
    return f"'{name}' has too many items: {len(value):,}, at most {limit:,}", expects


def _required_hint(target: Any) -> str:
    """Name the required keys; where a model can `extends:` another, that supplies them too."""
    fields = msgspec.structs.fields(target) if _is_struct(target) else ()
    required = [f.name for f in fields if f.required]
    if not required:
        return ""
    extends = any(f.name == "extends" for f in fields)
    return "required keys here: " + ", ".join(required) + (", or `extends: calm` to take them from a theme" if extends else "")


def unknown_key(key: str, model: Any, pos, problems: Problems) -> str:
    """Report a key that `model` does not have, with the closest ones; return the hint."""
    fields = field_names(model)
    hint = did_you_mean(key, fields) or "known keys here: " + ", ".join(sorted(fields))
    problems.add(f"unknown key '{shorten(key)}'", pos, hint)
    return hint


def _report_key(text: str, path: tuple, kind: Any, inner: tuple, doc: Document, work: _Working,
                problems: Problems) -> bool:  # fmt: skip
    """Record a mistake in a key of the mapping at `path` (msgspec does not say which key) and remove it."""
    mapping, wanted = work.get(path), get_args(_pick(_annotation_at(kind, work.get(path[: len(path) - len(inner)]), inner), None))
    key = next((k for k in mapping if not _converts(k, wanted[0])), next(iter(mapping)))
    expects = re.sub(r"`(\w+)`", lambda m: _TYPE_WORDS.get(m.group(1), m.group(1)), text.split(" - ")[0])
    problems.add(f"the key {_describe(key)} is not allowed here: {expects[0].lower()}{expects[1:]}",
                 doc.key_pos(work.original(path) + (key,)), "rename the key")
    return work.remove(path + (key,))


def _parse_path(text: str) -> tuple:
    """Return msgspec's error path as a tuple; `...` stands for a mapping's key that it does not name."""
    return tuple(
        int(index) if index else name or ...
        for name, index in re.findall(r"\.([^.\[]+)|\[(\d+)\]|\[\.\.\.\]", text)
    )


def _named_keys(kind: Any, data: Any, path: tuple) -> tuple:
    """Replace each `...` in `path` with the first key of that mapping whose value does not convert."""
    named: tuple = ()
    for part in path:
        if part is ...:
            mapping = _value_at(data, named)
            value_kind = get_args(_pick(_annotation_at(kind, data, named), mapping))[1]
            part = next((k for k, v in mapping.items() if not _converts(v, value_kind)), next(iter(mapping)))
        named += (part,)
    return named


def _converts(value: Any, kind: Any) -> bool:
    try:
        msgspec.convert(value, kind)
    except msgspec.ValidationError:
        return False
    return True


def _type_at(model: type, data: Any, path: tuple) -> Any:
    """Return the model type that validates the value at `path` (a struct, list or literal)."""
    return _pick(_annotation_at(model, data, path), _value_at(data, path))


def _annotation_at(model: type, data: Any, path: tuple) -> Any:
    """Return the declared type of the value at `path`, with its limits (Annotated)."""
    current, value = model, data
    for part in path:
        current = _pick(current, value)
        if isinstance(part, int):
            args = get_args(current)
            current = args[0] if args else Any
        elif _is_struct(current):
            current = _hints(current).get(part, Any)
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            current = Any
        value = value[part] if _has(value, part) else None
    return current


def _value_at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part] if _has(data, part) else None
    return data


def _expects(model: type, data: Any, path: tuple) -> str:
    """Return what the model says is expected at `path` ("a number of minutes such as 10")."""
    kind, value = _annotation_at(model, data, path), _value_at(data, path)
    while True:
        if get_origin(kind) is typing.Annotated:
            for meta in kind.__metadata__:
                if isinstance(meta, msgspec.Meta) and meta.extra and "expects" in meta.extra:
                    return meta.extra["expects"]
            kind = get_args(kind)[0]
        elif get_origin(kind) in (Union, types.UnionType):
            kind = _member(kind, value)
        else:
            return ""


@functools.cache
def _hints(kind: type) -> dict[str, Any]:
    """Return a model's field types by the keys a file writes (`for`, where the model says `for_`)."""
    hints = typing.get_type_hints(kind, include_extras=True)
    return {f.encode_name: hints[f.name] for f in msgspec.structs.fields(kind)}


def _pick(kind: Any, value: Any) -> Any:
    """Unwrap Annotated and Optional; of a union, pick the member that fits `value`."""
    kind = _bare(kind)
    if get_origin(kind) in (Union, types.UnionType):
        return _pick(_member(kind, value), value)
    return kind


def _member(union: Any, value: Any) -> Any:
    """Return the member of a union meant for `value` (a tagged struct by its `kind`)."""
    members = [m for m in get_args(union) if m is not type(None)]
    for member in members:
        if _fits(_bare(member), value):
            return member
    return members[0] if members else union


def _fits(kind: Any, value: Any) -> bool:
    """Return whether `value` has the shape of `kind`; YAML's true/false is no number."""
    base = get_origin(kind) or kind
    if _is_struct(kind):
        return isinstance(value, dict) and kind.__struct_config__.tag in (None, value.get("kind"))
    if isinstance(value, bool) or base is bool:
        return isinstance(value, bool) and base is bool
    if base in (int, float):
        return isinstance(value, (int, float))
    return isinstance(base, type) and isinstance(value, base)


def _bare(kind: Any) -> Any:
    while get_origin(kind) is typing.Annotated:
        kind = get_args(kind)[0]
    return kind


def _is_struct(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, msgspec.Struct)


@functools.cache
def field_names(kind: Any) -> tuple[str, ...]:
    return tuple(f.encode_name for f in msgspec.structs.fields(kind)) if _is_struct(kind) else ()


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
    return f"'{shorten(value)}'"
