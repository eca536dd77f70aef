"""YAML written as text, so that an imported draft can carry `# check:` comments where a person
should look. Strings are always double-quoted (JSON's escapes, which YAML reads too), so no value
can turn into a number, a date, a boolean or a comment.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

INDENT = "  "
# Characters a YAML reader takes as a line break or refuses unescaped, though JSON leaves them as they are.
_UNSAFE = re.compile("[\u0080-\u009f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


@dataclass
class Note:
    """A value with a comment at the end of its line."""

    value: object
    comment: str


@dataclass
class Entry:
    """A mapping in a list, with comment lines above it."""

    fields: dict
    comments: list[str] = field(default_factory=list)


def scalar(value) -> str:
    """Return a scalar as YAML text: strings double-quoted and escaped, numbers and dates bare."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        quoted = json.dumps(value, ensure_ascii=False)
        return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
    return str(value)


def dump(data: dict, header: list[str]) -> str:
    """Return `data` as block-style YAML headed by the comment lines `header`."""
    lines = [f"# {line}" for line in header]
    _mapping(data, 0, lines)
    return "\n".join(lines) + "\n"


def _mapping(data: dict, depth: int, lines: list[str], first: str = "") -> None:
    """Append a mapping's keys; `first` prefixes the first line (a list item's "- ")."""
    pad = INDENT * depth
    for i, (key, value) in enumerate(data.items()):
        lead = pad[: len(pad) - len(first)] + first if i == 0 and first else pad
        comment = ""
        if isinstance(value, Note):
            value, comment = value.value, f"  # {value.comment}"
        if isinstance(value, dict) and value:
            lines.append(f"{lead}{key}:{comment}")
            _mapping(value, depth + 1, lines)
        elif isinstance(value, list) and value:
            lines.append(f"{lead}{key}:{comment}")
            _sequence(value, depth + 1, lines)
        else:
            lines.append(f"{lead}{key}: {_inline(value)}{comment}")


def _sequence(items: list, depth: int, lines: list[str]) -> None:
    """Append a list's items: mappings in block style, scalars and lists of scalars on one line."""
    pad = INDENT * depth
    for item in items:
        comment = ""
        if isinstance(item, Note):
            item, comment = item.value, f"  # {item.comment}"
        if isinstance(item, Entry):
            lines.extend(f"{pad}# {line}" for line in item.comments)
            _mapping(item.fields, depth + 1, lines, first="- ")
        elif isinstance(item, dict):
            _mapping(item, depth + 1, lines, first="- ")
        else:
            lines.append(f"{pad}- {_inline(item)}{comment}")


def _inline(value) -> str:
    """Return a scalar, or a list or mapping written on one line (`[]`, `{}` when empty)."""
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_inline(v)}" for k, v in value.items()) + "}"
    return scalar(value)
