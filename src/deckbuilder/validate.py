"""Loaded data to typed models, with every problem of a file reported at its file:line:col."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problems, did_you_mean
from .load import Document
from .model import DISTINCTIVE_KEYS, SLIDE_KINDS, SlideBase, slide_kinds

M = TypeVar("M", bound=BaseModel)


def validate(doc: Document, model: type[M], what: str = "") -> M:
    """Return `doc.data` as a `model`; raise DeckError listing every problem in the file."""
    problems = Problems()
    context: dict[str, Any] = {"unknown": []}
    result = None
    if not isinstance(doc.data, dict):
        problems.add(
            f"expected a mapping of keys (like 'title: ...'), found {_describe(doc.data)}",
            doc.pos(()),
            f"see FORMAT.md for the shape of {what or 'this file'}",
        )
        problems.raise_if_any()
    try:
        result = model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        seen: set[tuple] = set()
        for error in exc.errors(include_url=False):
            path = _data_path(doc.data, error["loc"], error["type"])
            if path in seen:
                continue
            seen.add(path)
            message, hint = _message(error, path)
            if error["type"] == "union_tag_not_found" and isinstance(error.get("input"), dict):
                path, message, hint = _misspelled_kind_key(error["input"], path, message, hint)
            pos = doc.key_pos(path) if error["type"] == "missing" or path in doc.keys else doc.pos(path)
            problems.add(message, pos, hint)
    for container_id, key, allowed in context["unknown"]:
        path = doc.paths.get(container_id, ()) + (key,)
        problems.add(f"unknown key '{key}'", doc.key_pos(path), did_you_mean(key, allowed))
    problems.raise_if_any()
    return result


def _data_path(data: Any, loc: tuple, kind: str) -> tuple:
    """Map a pydantic error location to the path of the value in the loaded data."""
    path: tuple = ()
    current = data
    for part in loc:
        if isinstance(part, str) and part.startswith("kind:"):
            continue  # the tag of the slide-kind union, not a key
        if isinstance(current, dict) and part in current:
            current = current[part]
            path += (part,)
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
            path += (part,)
        elif kind == "missing" and isinstance(part, str) and part == loc[-1]:
            path += (part,)
    return path


def _message(error: dict, path: tuple) -> tuple[str, str]:
    """Return a plain-words message and a hint for one pydantic error."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    name = next((p for p in reversed(path) if isinstance(p, str)), "")
    if kind == "missing":
        return f"missing required key '{path[-1]}'", ""
    if kind in ("union_tag_not_found", "union_tag_invalid"):
        return _slide_kind_message(value)
    if kind == "string_type":
        hint = ""
        if isinstance(value, bool):
            hint = "YAML reads yes/no/on/off/true/false as a yes-or-no value: put the text in quotes"
        elif isinstance(value, dict):
            hint = "a text containing ': ' must be put in quotes"
        return f"'{name}' expects text, found {_describe(value)}", hint
    if kind == "list_type":
        return f"'{name}' expects a list, found {_describe(value)}", "write each item on a line starting with '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"'{name or 'this item'}' expects a mapping of keys, found {_describe(value)}", ""
    if kind == "literal_error":
        return f"'{value}' is not a valid {name}", did_you_mean(value, _literal_choices(ctx))
    if kind.startswith(("int_", "float_")):
        return f"'{name}' expects a number, found {_describe(value)}", ""
    if kind.startswith("bool_"):
        return f"'{name}' expects true or false, found {_describe(value)}", ""
    if kind.startswith(("date_", "datetime_")):
        return f"'{name}' expects a date, found {_describe(value)}", "write dates as YYYY-MM-DD"
    if kind == "string_pattern_mismatch":
        if name == "id" or name.endswith("id"):
            return f"'{value}' is not a valid id", "use letters, digits, '-', '_' or '.'; no spaces or '/'"
        return f"'{value}' is not a valid {name}", "colors are written #RRGGBB, e.g. \"#5B7F6E\""
    if kind in ("too_short",):
        return f"'{name}' needs at least {ctx.get('min_length', 1)} item(s)", ""
    if kind.startswith(("greater_than", "less_than")):
        return f"'{name}': {error['msg'].lower()}", ""
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), ""
    return f"'{name}': {error['msg']}", ""


def _slide_kind_message(value: Any) -> tuple[str, str]:
    if not isinstance(value, dict):
        return f"a slide must be a mapping of keys, found {_describe(value)}", ""
    kinds = slide_kinds(value)
    if "kind" in value:
        return f"unknown slide kind '{value['kind']}'", did_you_mean(value["kind"], SLIDE_KINDS)
    if len(kinds) > 1:
        keys = [k for k in value if k in DISTINCTIVE_KEYS]
        return (
            "a slide has two kinds: " + " and ".join(f"'{k}'" for k in keys),
            "split it into two slides, or give `kind:` and only that kind's keys",
        )
    return (
        "this slide has no content",
        "add one of: bullets, quote, principle, principles, steps, questions, image, left/right, text",
    )


def _misspelled_kind_key(slide: dict, path: tuple, message: str, hint: str):
    """A slide without content often has its content key misspelled: point at that key."""
    known = {"kind", "alt", "caption", *SlideBase.model_fields, *DISTINCTIVE_KEYS}
    for key in slide:
        if key not in known:
            return path + (key,), f"unknown key '{key}'", did_you_mean(key, known)
    return path, message, hint


def _literal_choices(ctx: dict) -> list[str]:
    return [c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ",").split(",")]


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
