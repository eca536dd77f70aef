"""Inline text markup: `**bold**` and `*italic*`, and nothing else is interpreted.

A single pass over the runs of asterisks pairs each closing run with the nearest open one (a
stack, as CommonMark's emphasis does), so any text parses in linear time; unpaired asterisks
stay literal.
"""

from __future__ import annotations

import re

from .deck import Rich, Run

_STARS = re.compile(r"\*+")


class _Stars:
    """A run of asterisks: which of them are still literal, and the spans it ends and starts.

    Closing takes stars from the left of the run, opening from the right; the literal rest is
    text[lo:hi]. A span is 2 stars wide for bold, 1 for italic.
    """

    __slots__ = ("start", "end", "lo", "hi", "ends", "starts")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end, self.lo, self.hi = start, end, start, end
        self.ends: list[int] = []
        self.starts: list[int] = []


def parse(text: str, bold: bool = False, italic: bool = False) -> Rich:
    """Return the runs of `text`; unmatched asterisks stay literal."""
    runs = [_Stars(m.start(), m.end()) for m in _STARS.finditer(text)]
    _pair(text, runs)
    out: list[Run] = []
    pieces: list[str] = []  # text of the current style, joined once it changes
    style = (bold, italic)
    depth = {1: 0, 2: 0}  # open italic and bold spans
    at = 0

    def emit(piece: str) -> None:
        nonlocal style
        now = (bold or depth[2] > 0, italic or depth[1] > 0)
        if piece and now != style:
            flush()
            style = now
        pieces.append(piece)

    def flush() -> None:
        joined = "".join(pieces)
        if joined:
            out.append(Run(joined, *style))
        pieces.clear()

    for run in runs:
        emit(text[at : run.start])
        for width in run.ends:
            depth[width] -= 1
        emit(text[run.lo : run.hi])
        for width in run.starts:
            depth[width] += 1
        at = run.end
    emit(text[at:])
    flush()
    return tuple(out)


def _pair(text: str, runs: list[_Stars]) -> None:
    """Pair closing runs with open ones; a run closes after text and opens before it.

    A closing `**` takes the nearest open run with two stars left, a closing `*` the nearest with
    one (either falls back to the other width when none is open); open runs passed over in between
    stay literal, so overlapping spans keep the first complete one. `ones` and `twos` hold the
    places in `open_runs` of the runs with one and with two or more stars left.
    """
    open_runs: list[_Stars] = []
    ones: list[int] = []
    twos: list[int] = []
    for run in runs:
        if run.start > 0 and not text[run.start - 1].isspace():
            while open_runs and run.lo < run.hi:
                want = 2 if run.hi - run.lo >= 2 else 1
                same, other = (twos, ones) if want == 2 else (ones, twos)
                at = same[-1] if same else other[-1]
                width = want if same else 1
                del open_runs[at + 1 :]  # passed over: literal
                for stack in (ones, twos):
                    while stack and stack[-1] > at:
                        stack.pop()
                opener = open_runs[at]
                (twos if opener.hi - opener.lo >= 2 else ones).pop()
                opener.hi -= width
                opener.starts.append(width)
                run.lo += width
                run.ends.append(width)
                if opener.lo == opener.hi:
                    open_runs.pop()
                else:
                    (twos if opener.hi - opener.lo >= 2 else ones).append(at)
        if run.end < len(text) and not text[run.end].isspace() and run.lo < run.hi:
            (twos if run.hi - run.lo >= 2 else ones).append(len(open_runs))
            open_runs.append(run)


def plain(text: str) -> Rich:
    """Return `text` as one unformatted run (for text that is not markup, like names)."""
    return (Run(text),) if text else ()
