"""YAML files to plain data that remembers where every value came from.

PyYAML's composer gives a node tree with marks; we build the data ourselves from it so that
duplicate keys, unsafe tags and alias bombs are rejected with a position instead of being
silently accepted (``yaml.safe_load`` keeps the last of two duplicate keys).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import DeckError, Position, Problem, Problems, shorten, shown
from .workspace import read_bytes

MAX_VALUES = 100_000
MAX_DEPTH = 64
# Control characters XML cannot hold (and YAML refuses raw): dropped, as the format promises.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_SCALAR_TAGS = {
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")
}
# libyaml's parser when PyYAML has it: several times faster, with the same marks and errors.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


@dataclass
class Document:
    """A loaded YAML file: its data, and the position of every value and key in it."""

    file: Path
    data: Any
    values: dict[tuple, Position] = field(default_factory=dict)
    keys: dict[tuple, Position] = field(default_factory=dict)
    paths: dict[int, tuple] = field(default_factory=dict)  # id(container) -> its path
    inline: dict[tuple, Position] = field(default_factory=dict)  # texts written as they read, on one line
    bases: tuple[Path, ...] = ()  # the outlines merged into this one by `extends:`, nearest first

    def pos(self, path: tuple) -> Position:
        """Return the position of the value at `path`, or of its closest existing parent."""
        path = tuple(path)
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, Position(self.file, 1, 1))

    def key_pos(self, path: tuple) -> Position:
        """Return the position of the key that holds the value at `path`."""
        return self.keys.get(tuple(path)) or self.pos(path)

    def char_pos(self, path: tuple, index: int) -> Position:
        """Return the position of character `index` of the text at `path`: exact where the text is
        written on one line as it reads (no escapes, no folding), else the text's start."""
        start = self.inline.get(tuple(path))
        return Position(start.file, start.line, start.col + index) if start else self.pos(path)


def read_text(path: Path, pos: Position | None = None, what: str = "the file", value: str | None = None) -> str:
    """Return a file's text (a regular file within MAX_TEXT_BYTES); a file that is not UTF-8 is a
    DeckError at the first bad byte, or at `pos` (the entry that names the file as `value`)."""
    raw = read_bytes(path, pos, what, value)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before[before.rfind(b"\n") + 1 :]
        col = len(line_start.decode("utf-8", errors="replace")) + 1
        byte = f"byte 0x{raw[exc.start]:02x}"
        hint = "save the file as UTF-8 (most editors offer 'UTF-8' in 'Save as' or 'Encoding')"
        if pos is None:
            raise DeckError(Problem(f"the file is not UTF-8 text ({byte})", Position(path, line, col), hint)) from None
        named = f": {shown(value)}" if value is not None else ""
        raise DeckError(Problem(f"{what} is not UTF-8 text ({byte} on line {line}, column {col}){named}", pos, hint)) from None


def load_yaml(path: Path) -> Document:
    """Load one YAML file safely, keeping positions; raise DeckError on any problem."""
    text = FORBIDDEN.sub("", read_text(path))
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and mark.line >= text.count("\n"):
            mark = exc.context_mark  # an unclosed quote or bracket: point where it opens
        message = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.problem:
            message = f"{exc.problem} ({exc.context})"
        line = text.splitlines()[mark.line] if mark and mark.line < len(text.splitlines()) else ""
        raise DeckError(
            Problem(
                f"YAML syntax error: {message}",
                Position(path, mark.line + 1, mark.column + 1) if mark else Position(path),
                _syntax_hint(message, line),
            )
        ) from None
    except RecursionError:
        raise DeckError(Problem("the file is nested too deeply", Position(path),
                                f"nest lists and mappings at most {MAX_DEPTH} deep")) from None  # fmt: skip
    finally:
        loader.dispose()
    if node is None:
        raise DeckError(
            Problem("the file is empty", Position(path, 1, 1), "see docs/format.md for what this file holds")
        )
    doc = Document(path, None)
    builder = _Builder(doc, text.splitlines())
    doc.data = builder.build(node, (), 0)
    builder.problems.raise_if_any()
    return doc


def _syntax_hint(message: str, line: str) -> str:
    """Return the likely fix for a YAML syntax error on `line`."""
    if "\t" in line[: len(line) - len(line.lstrip())] or "'\\t'" in message:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in message:
        return "a text containing ': ' must be put in quotes"
    if "while parsing a flow" in message and "${" in line:
        return "a text with ${name} inside [...] or {...} must be put in quotes"
    if "cannot start any token" in message:
        return "text starting with @, ` or % must be put in quotes"
    if any(m in message for m in ("expected ':'", "expected <block end>", "did not find expected key")):
        return "check the indentation of this line and the one before it"
    return "check the indentation, quotes and brackets around this position"


class _Builder:
    """Turns a composed node tree into data, recording positions and enforcing limits."""

    def __init__(self, doc: Document, lines: list[str]) -> None:
        self.doc = doc
        self.lines = lines
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()
        self.problems = Problems()

    def build(self, node: yaml.Node, path: tuple, depth: int) -> Any:
        pos = self._pos(node)
        self._count(pos, depth)
        self.doc.values.setdefault(path, pos)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            items: list = []
            self.doc.paths[id(items)] = path
            for i, child in enumerate(node.value):
                items.append(self.build(child, path + (i,), depth + 1))
            return items
        if isinstance(node, yaml.ScalarNode) and node.tag in _SCALAR_TAGS:
            if node.tag == _TIMESTAMP:
                return node.value  # the model parses dates, and reports impossible ones
            try:
                value = self.constructor.construct_object(node)
                if isinstance(value, str):
                    self._inline(node, value, path)
                    return FORBIDDEN.sub("", value)
                return value
            except (ValueError, OverflowError, yaml.constructor.ConstructorError):
                return node.value
        self.problems.add(
            f"the YAML tag '{shorten(node.tag)}' is not allowed",
            pos,
            "deckbuilder reads plain YAML only: remove the tag (the word starting with '!')",
        )
        return None

    def _count(self, pos: Position, depth: int) -> None:
        """Count one more value; stop at MAX_VALUES or MAX_DEPTH, so no file can exhaust memory."""
        self.count += 1
        if self.count > MAX_VALUES or depth > MAX_DEPTH:
            what = f"more than {MAX_VALUES} values" if depth <= MAX_DEPTH else "too deep a nesting"
            raise DeckError(
                Problem(
                    f"the file expands to {what}",
                    pos,
                    f"a file holds at most {MAX_VALUES} values, nested at most {MAX_DEPTH} deep; "
                    "YAML aliases (*name) that repeat anchors (&name) can multiply a file: "
                    "write the content out instead",
                )
            )

    def _mapping(self, node: yaml.MappingNode, path: tuple, depth: int) -> dict:
        result: dict = {}
        self.doc.paths[id(result)] = path
        for key_node, value_node in node.value:
            key_pos = self._pos(key_node)
            problem = self._key_problem(key_node, result, path)
            if problem:
                self._count(key_pos, depth + 1)  # a key that is reported, not kept, counts too
                self.problems.add(problem[0], key_pos, problem[1])
                continue
            key = key_node.value
            self.doc.keys[path + (key,)] = key_pos
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    def _key_problem(self, node: yaml.Node, result: dict, path: tuple) -> tuple[str, str] | None:
        """Return what is wrong with a mapping key (and the fix), or None for a usable key."""
        if node.tag == "tag:yaml.org,2002:merge":
            return "merge keys (<<) are not supported", "write the keys out"
        if not isinstance(node, yaml.ScalarNode):
            return "a key must be a plain word", "remove the brackets"
        if node.tag not in _SCALAR_TAGS:
            return (f"the YAML tag '{shorten(node.tag)}' is not allowed",
                    "deckbuilder reads plain YAML only: remove the tag")  # fmt: skip
        if node.value in result:
            first = self.doc.keys[path + (node.value,)]
            key = shorten(node.value)
            return f"duplicate key '{key}'", f"'{key}' is already set at line {first.line}; keep one of them"
        return None

    def _inline(self, node: yaml.ScalarNode, value: str, path: tuple) -> None:
        """Remember where a text's first character is when its characters are the file's, one for one."""
        start, end = node.start_mark, node.end_mark
        style = node.style or ""  # libyaml says "" for plain, PyYAML None
        first = start.column + (style in ("'", '"'))
        one_line = start.line == end.line and style in ("", "'", '"') and start.line < len(self.lines)
        if one_line and self.lines[start.line][first : first + len(value)] == value:
            self.doc.inline[path] = Position(self.doc.file, start.line + 1, first + 1)

    def _pos(self, node: yaml.Node) -> Position:
        mark = node.start_mark
        return Position(self.doc.file, mark.line + 1, mark.column + 1)
