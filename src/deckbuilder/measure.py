"""Line breaking and block heights of paragraphs, measured with font advance widths.

A paragraph is a sequence of `Span`s (text in one face at one size, in points). `lines` wraps it like
PowerPoint and LibreOffice do: at spaces, after a hyphen, en dash or em dash inside a word (not
after a slash, as LibreOffice; never breaking where a viewer might not keeps the count safe),
between East Asian characters and emoji; a word wider than the line breaks between characters; a
line break character (newline, vertical tab) starts a new line; spaces at the end of a line take no
room. `block_height` stacks paragraphs with the viewers' line pitch (see `Para`).

Breaking a paragraph into units is cached per text, faces and relative sizes, so measuring the same
paragraph at several candidate sizes costs one bisection per line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, pairwise

from .fonts import Face

LINE_PITCH = 1.2  # single spacing, in font sizes: PowerPoint and LibreOffice use it for every font
_SLACK = 1e-9  # em: text exactly as wide as the line fits, whatever the rounding of the sums

_SPACES = " \t\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u200b\u205f\u3000"
_SPACE = re.escape(_SPACES)  # break after; U+00A0 and U+2007 (no-break spaces) are not among them
_WIDE = ("\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
         "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2600-\u27bf\U0001f000-\U0001faff"
         "\U00020000-\U0003fffd")  # fmt: skip
_CLOSE = (
    ")\\]}.,;:!?\"'\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff1f\uff01\uff09\u300d\u300f\u3011\u3015\u3009\u300b"
    "\u30fc\u30fb\u2026\u200d\ufe0f\U0001f3fb-\U0001f3ff"
)  # no break before these
_OPEN = "(\\[{\u300c\u300e\u3010\u3014\u3008\u300a\u200d"  # no break after these
_BREAK = re.compile(
    f"(?<=[{_SPACE}])(?=[^{_SPACE}])"  # after spaces
    f"|(?<=[^{_SPACE}][-\u2010])(?=[^{_SPACE}\\d\\-\u2010])"  # after a hyphen inside a word, not before a digit
    f"|(?<=[^{_SPACE}][\u2013\u2014])(?=[^{_SPACE}\u2013\u2014{_CLOSE}])"  # after an en or em dash
    f"|(?<=[^{_SPACE}{_OPEN}])(?=[{_WIDE}])(?![{_CLOSE}])"  # before an East Asian character or emoji
    f"|(?<=[{_WIDE}])(?=[^{_SPACE}{_CLOSE}])"  # after one
)
_AT_SPACES = re.compile(r"(?<= )(?=[^ ])")  # the same breaks for plain text: printable ASCII without -
_NOT_PLAIN = re.compile(r"[^ -~]|-")
_HARD = re.compile("[\n\v\u2028]")


@dataclass(frozen=True)
class Span:
    """A run of text in one face at one size (points)."""

    text: str
    face: Face
    size: float


@dataclass(frozen=True)
class Para:
    """A paragraph placed in a box: its wrap width (points) and the first line's indent (see `lines`);
    its line pitch, 1.2 x the largest size on each line x `pitch_factor`, or `pitch_points` when set;
    and its space before (not added for the first paragraph of a block) and after, in points."""

    spans: Sequence[Span]
    width: float
    first: float = 0.0
    pitch_factor: float = 1.0
    pitch_points: float | None = None
    before: float = 0.0
    after: float = 0.0


def lines(spans: Sequence[Span], width: float, first: float = 0.0) -> int:
    """Return how many lines the paragraph takes wrapped to `width` points, the first line `first`
    points narrower (a negative `first` is a hanging indent: the first line is wider)."""
    return len(_line_sizes(spans, width, first))


def paragraph_height(para: Para, first_in_block: bool = False) -> float:
    """Return the height of one paragraph in points, with its space before unless it comes first."""
    sizes = _line_sizes(para.spans, para.width, para.first)
    if para.pitch_points is not None:
        body = para.pitch_points * len(sizes)
    else:
        body = LINE_PITCH * para.pitch_factor * sum(sizes)
    return body + para.after + (0.0 if first_in_block else para.before)


def block_height(paras: Sequence[Para]) -> float:
    """Return the height in points the paragraphs take stacked in one text box."""
    return sum(paragraph_height(para, index == 0) for index, para in enumerate(paras))


def _line_sizes(spans: Sequence[Span], width: float, first: float) -> list[float]:
    """Return the largest size (points) on each line of the paragraph; an empty paragraph has one line."""
    if len(spans) == 1:
        base, key = spans[0].size, ((spans[0].text, spans[0].face, 1.0),)
    elif spans:
        base = max(span.size for span in spans)
        key = tuple((span.text, span.face, span.size / base) for span in spans)
    else:
        return [0.0]
    base = base or 1.0
    found: list[float] = []
    avail = (width - first) / base
    for segment in _segments(key):
        found.extend(ratio * base for ratio in segment.wrap(avail, width / base))
        avail = width / base  # only the paragraph's first line is indented
    return found


@lru_cache(maxsize=1024)  # the paragraphs of the slides being fitted: one slide tries several sizes
def _segments(key: tuple[tuple[str, Face, float], ...]) -> list[_Segment]:
    """Split a paragraph (text, face, size relative to the largest) at hard line breaks into segments."""
    text = "".join(part for part, _, _ in key)
    offsets = list(accumulate(len(part) for part, _, _ in key))
    bounds = [0] + [m.start() for m in _HARD.finditer(text)] + [len(text)]
    return [_Segment(key, text, offsets, a + (index > 0), b) for index, (a, b) in enumerate(pairwise(bounds))]


class _Segment:
    """Text between hard line breaks as unbreakable units, with running widths (in the largest size's em)
    for bisecting: units i to j fit on a line of width w when ends[j] - starts[i] <= w."""

    def __init__(self, key: tuple[tuple[str, Face, float], ...], text: str, offsets: list[int],
                 start: int, end: int) -> None:  # fmt: skip
        self.key, self.text, self.offsets, self.start = key, text, offsets, start
        part = text[start:end]
        self.pieces = (_BREAK if _NOT_PLAIN.search(part) else _AT_SPACES).split(
            part
        )  # units with their spaces
        self.size = max(ratio for _, _, ratio in key)
        self.ratios: list[float] | None = None  # the largest relative size in each unit, when sizes differ
        if len(key) == 1:  # one face and size (the common case): measure the units' text directly
            self.starts, self.ends = _running(self.pieces, key[0][1].width)
            return
        self.starts, self.ends = _running(self.pieces, self._in_order())
        ratios = [max(key[i][2] for i in self._spans(*self._bounds(i))) for i in range(len(self.pieces))]
        if any(ratio != self.size for ratio in ratios):
            self.ratios = ratios

    def _in_order(self) -> Callable[[str], float]:
        """Return a measure of consecutive parts of the segment's text, each part in the spans it lies in."""
        position = self.start

        def width(part: str) -> float:
            nonlocal position
            position += len(part)
            return self._width(position - len(part), position)

        return width

    def _bounds(self, i: int) -> tuple[int, int]:
        """Return where unit i's text is, without its trailing spaces."""
        a = self.start + sum(map(len, self.pieces[:i]))
        return a, a + len(self.pieces[i].rstrip(_SPACES))

    def _spans(self, a: int, b: int) -> range:
        """Return the indices of the spans that text[a:b] lies in (the span at `a` when it is empty)."""
        last = len(self.key) - 1
        return range(
            min(bisect_right(self.offsets, a), last), min(bisect_right(self.offsets, max(b - 1, a)), last) + 1
        )

    def _width(self, a: int, b: int) -> float:
        """Return the width of text[a:b], each part measured in its span's face and relative size."""
        total = 0.0
        for index in self._spans(a, b) if b > a else ():
            part, face, ratio = self.key[index]
            lo, hi = max(a, self.offsets[index] - len(part)), min(b, self.offsets[index])
            if hi > lo:
                total += face.width(self.text[lo:hi]) * ratio
        return total

    def _ratio(self, i: int, j: int) -> float:
        """Return the largest relative size of units i to j."""
        return self.size if self.ratios is None else max(self.ratios[i : j + 1])

    def wrap(self, avail: float, width: float) -> list[float]:
        """Return the largest relative size on each line, wrapping to `width`, the first line `avail` wide."""
        sizes: list[float] = []
        count, i, origin, empty, line_max = len(self.pieces), 0, 0.0, True, 0.0
        while i < count:
            j = bisect_right(self.ends, origin + avail + _SLACK, i) - 1
            if j >= i:
                line_max = max(line_max, self._ratio(i, j))
                i, empty = j + 1, False
            elif empty:  # a unit wider than the line: break it between characters
                full, rest = self._break_unit(i, avail, width)
                sizes.extend([self._ratio(i, i)] * full)
                line_max, origin, avail, i, empty = (
                    self._ratio(i, i),
                    self.ends[i] - rest,
                    width,
                    i + 1,
                    False,
                )
            else:
                sizes.append(line_max)
                origin, avail, empty, line_max = self.starts[i], width, True, 0.0
        sizes.append(line_max)
        return sizes

    def _break_unit(self, i: int, avail: float, width: float) -> tuple[int, float]:
        """Fill lines with the unit's characters, at least one a line: the full lines made, the rest's width."""
        a, b = self._bounds(i)
        full, used = 0, 0.0
        for position in range(a, b):
            char = self._width(position, position + 1)
            if used and used + char > avail + _SLACK:
                full, used, avail = full + 1, 0.0, width
            used += char
        return full, used


def _running(pieces: list[str], width: Callable[[str], float]) -> tuple[list[float], list[float]]:
    """Return where each unit starts and where its visible text ends on one unbroken line."""
    starts, ends, position = [], [], 0.0
    for piece in pieces:
        word = piece.rstrip(_SPACES)
        starts.append(position)
        position += width(word)
        ends.append(position)
        if len(word) < len(piece):
            position += width(piece[len(word) :])
    return starts, ends
