"""User-facing errors: every mistake in a user's file carries its position and a hint."""

from __future__ import annotations

import difflib
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

MAX_REPORTED = 100  # problems shown in one report; the rest are counted
QUOTED = 80  # characters of a user's value that a message quotes
_LONG = re.compile(rf"'[^'\n]{{{QUOTED + 1},}}'|[^\s']{{{QUOTED + 1},}}")


@dataclass(frozen=True)
class Position:
    """A place in a user's file; line and column count from 1."""

    file: Path
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if not self.line:
            return str(self.file)
        return f"{self.file}:{self.line}:{self.col}"


SEVERITIES = ("error", "warning", "info")  # an error stops the build; `--strict` stops at warnings too
LABELS = {"info": "note"}  # how a severity is printed, where not by its name


@dataclass(frozen=True)
class Problem:
    """One finding: what is wrong (or worth knowing), where, and how to fix it.

    Every stage reports through it: `severity` is one of SEVERITIES; `code` names the kind of
    finding for editors, CI and docs/checks.md (e.g. `fit.shrunk`); errors in input may have none.
    """

    message: str
    pos: Position | None = None
    hint: str = ""
    severity: str = "error"
    code: str = ""

    def headline(self, base: Path | None = None, label: str | None = None) -> str:
        """Return the problem in one line: its severity (or `label`), file:line:col and message."""
        where = _display(self.pos, base)
        message = _clip(self.message)
        label = label or LABELS.get(self.severity, self.severity)
        return f"{label}: {where}: {message}" if where else f"{label}: {message}"

    def render(self, base: Path | None = None, label: str | None = None) -> str:
        """Return the problem as a block: file:line:col, the offending line, a caret, the hint."""
        lines = [self.headline(base, label)]
        source = _source_line(self.pos)
        if source is not None:
            text, col = _window(source, self.pos.col)
            gutter = f"{self.pos.line:>5} | "
            lines.append(gutter + text)
            lines.append(" " * (len(gutter) - 2) + "| " + " " * (col - 1) + "^")
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


class DeckError(Exception):
    """One or more problems in the user's input; the CLI prints them all and exits 1."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__(f"{len(self.problems)} problem(s)")

    def __reduce__(self):
        """Pickle as its problems, so that a mistake found in a build's child process reaches the parent."""
        return DeckError, (self.problems,)

    def __str__(self) -> str:
        return self.render()

    def render(self, base: Path | None = None) -> str:
        """Return the first MAX_REPORTED problems, and how many more there are."""
        shown = [p.render(base) for p in self.problems[:MAX_REPORTED]]
        more = len(self.problems) - MAX_REPORTED
        if more > 0:
            shown.append(f"... and {more} more problem{'s' if more > 1 else ''}")
        return "\n\n".join(shown)


class Problems:
    """Collects problems so that all of a file's mistakes are reported together."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, message: str, pos: Position | None = None, hint: str = "") -> None:
        self.items.append(Problem(message, pos, hint))

    def extend(self, error: DeckError) -> None:
        self.items.extend(error.problems)

    def once(self, seen: dict, key, pos: Position, what: str, hint: str) -> None:
        """Remember where `key` first appears in `seen`; report a second one, naming the first's line."""
        if key in seen:
            self.add(f"duplicate {what}, first at line {seen[key].line}", pos, hint)
        else:
            seen[key] = pos

    def raise_if_any(self) -> None:
        if self.items:
            raise DeckError(sorted(self.items, key=order))


def did_you_mean(word: str, choices, n: int = 3, list_all: bool = True) -> str:
    """Return a hint naming the closest choices, or (with `list_all`) all of a few choices."""
    choices = sorted({str(c) for c in choices})
    close = difflib.get_close_matches(str(word), choices, n=n, cutoff=0.6)
    best = difflib.SequenceMatcher(None, str(word), close[0]).ratio() if close else 0
    close = [c for c in close if difflib.SequenceMatcher(None, str(word), c).ratio() > best - 0.1]
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    if list_all and choices and len(choices) <= 12:
        return "expected one of: " + ", ".join(choices)
    return ""


def as_json(problem: Problem, base: Path | None = None) -> dict:
    """Return a finding as one JSON object (for `check --json`): file relative to `base` when inside it."""
    where = _display(problem.pos, base).rsplit(":", 2) if problem.pos and problem.pos.line else None
    file = where[0] if where else (_display(problem.pos, base) if problem.pos else None)
    return {"severity": problem.severity, "code": problem.code, "file": file,
            "line": problem.pos.line if problem.pos else None, "column": problem.pos.col if problem.pos else None,
            "message": problem.message, "hint": problem.hint}  # fmt: skip


def gravest_first(problem: Problem) -> int:
    """Sort key of findings: errors, then warnings, then notes (a stable sort keeps their order within each)."""
    return SEVERITIES.index(problem.severity)


def order(problem: Problem):
    """Sort key of findings: by file, then line and column."""
    pos = problem.pos
    return (str(pos.file), pos.line, pos.col) if pos else ("", 0, 0)


def _display(pos: Position | None, base: Path | None) -> str:
    if pos is None:
        return ""
    if base is not None:  # as the user sees the file: a link by its own name, not where it leads
        for file, folder in ((Path(os.path.abspath(pos.file)), Path(os.path.abspath(base))),
                             (pos.file.resolve(), base.resolve())):  # fmt: skip
            if file.is_relative_to(folder):
                return str(Position(file.relative_to(folder), pos.line, pos.col))
    return str(pos)


def shorten(text, limit: int = QUOTED) -> str:
    """Return `text` cut in the middle to `limit` characters (a file name keeps its end), so a long
    value cannot flood a message; characters that do not print are escaped."""
    text = str(text)
    if not text.isprintable():
        text = repr(text)[1:-1]
    return text if len(text) <= limit else text[: limit - 21] + "\u2026" + text[-20:]


def shown(value) -> str:
    """Return a user's value quoted for a message, shortened by `shorten`."""
    return f"'{shorten(value)}'"


def _clip(text: str) -> str:
    """Shorten every quoted value and every unbroken run of characters longer than QUOTED."""

    def short(match: re.Match) -> str:
        value = match.group()
        return f"'{shorten(value[1:-1])}'" if value.startswith("'") else shorten(value)

    return _LONG.sub(short, text)


def _window(line: str, col: int, width: int = 2 * QUOTED) -> tuple[str, int]:
    """Return the part of a long source line around `col`, and the column within that part."""
    if len(line) <= width:
        return line, col
    start = max(0, min(col - 1 - width // 2, len(line) - width))
    text = line[start : start + width]
    if start:
        text, col = "\u2026" + text[1:], col - start
    if start + width < len(line):
        text = text[:-1] + "\u2026"
    return text, col


def _source_line(pos: Position | None) -> str | None:
    if pos is None or not pos.line:
        return None
    try:
        stat = pos.file.stat()
    except OSError:
        return None
    lines = _source_lines(pos.file, stat.st_mtime_ns, stat.st_size)
    if lines is None or pos.line > len(lines):
        return None
    return lines[pos.line - 1].expandtabs(1)


@functools.lru_cache(maxsize=8)
def _source_lines(file: Path, mtime_ns: int, size: int) -> tuple[str, ...] | None:
    """Return a file's lines, read once for all the problems reported in it."""
    try:
        return tuple(file.read_bytes().decode("utf-8", errors="replace").splitlines())
    except OSError:
        return None
