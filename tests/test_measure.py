"""Line breaking and block heights: where lines break, how tall paragraphs stack, and how fast."""

from __future__ import annotations

import math
import random
import time

import pytest

from deckbuilder.fonts import WIDE_EM, FontBook
from deckbuilder.measure import LINE_PITCH, Para, Span, block_height, lines
from deckbuilder.workspace import builtin_dir

SIZE = 20.0


@pytest.fixture(scope="module")
def face():
    return FontBook((builtin_dir() / "calm" / "fonts",)).face("Carlito")


def width(face, text: str, size: float = SIZE) -> float:
    """Return the width of `text` in points."""
    return face.width(text) * size


def count(face, text: str, points: float, first: float = 0.0) -> int:
    return lines([Span(text, face, SIZE)], points, first)


def test_text_breaks_at_spaces_and_trailing_spaces_take_no_room(face):
    full = width(face, "hello world")
    assert count(face, "hello world", full) == 1
    assert count(face, "hello world   ", full) == 1
    assert count(face, "hello world", full - 0.01) == 2
    assert count(face, "hello world again", width(face, "hello world") + 0.01) == 2
    assert count(face, "hello\u00a0world", full - 0.01) == 2  # no break at a no-break space: by character


@pytest.mark.parametrize("mark", ["-", "\u2013", "\u2014"])
def test_a_word_breaks_after_its_hyphen_or_dash(face, mark):
    line = width(face, f"x well{mark}")
    assert count(face, f"x well{mark}go", line) == 2  # "x well-" / "go"
    assert count(face, "x wellWWgo", line) == 3  # "x" / the word broken by character


def test_no_break_after_a_slash_as_in_libreoffice(face):
    assert count(face, "x and/or", width(face, "x and/")) == 3  # "x" / "and/o" / "r"


def test_no_break_after_a_hyphen_before_a_digit(face):
    assert count(face, "ab 10-20", width(face, "ab 10-")) == 2  # "ab" / "10-20", which fits
    assert count(face, "ab 10-20", width(face, "10-2")) == 3  # 10-20 breaks by character, not at its hyphen


def test_east_asian_text_breaks_between_characters_not_before_closing_marks(face):
    em = SIZE * WIDE_EM
    assert count(face, "漢字漢字漢字", 2.5 * em) == 3
    assert count(face, "漢字。", 2.5 * em) == 2  # "漢" / "字。": the full stop stays with its character
    assert count(face, "word漢字", width(face, "word") + em) == 2


def test_a_word_wider_than_the_line_starts_a_new_line_and_breaks_by_character(face):
    word = "x" * 400
    line = width(face, "x" * 50)
    assert count(face, word, line) == 8
    assert (
        count(face, "a " + word[:390] + " b", line) == 1 + 8
    )  # "a" / 8 lines of x, the last shared with "b"
    assert count(face, word, 0.0) == 400  # at least one character a line, never a loop
    assert count(face, word, -5.0) == 400


def test_a_hanging_indent_widens_the_first_line_and_an_indent_narrows_it(face):
    text = "one two three four"
    full = width(face, text)
    assert count(face, text, full - 10, first=-10) == 1
    assert count(face, text, full, first=5) == 2
    assert count(face, text + " five", width(face, "three") + 1) == 5


def test_an_empty_paragraph_takes_one_line_and_line_breaks_start_lines(face):
    assert count(face, "", 100) == 1
    assert lines([], 100) == 1
    assert count(face, "a\nb\vc", 100) == 3
    assert count(face, "a\n", 100) == 2


def test_each_line_is_as_tall_as_the_largest_size_on_it(face):
    spans = [Span("small words\n", face, 10), Span("big", face, 30)]
    assert block_height([Para(spans, 500)]) == pytest.approx(LINE_PITCH * (10 + 30))


def test_block_height_adds_pitch_and_spacing_but_not_the_first_space_before(face):
    para = Para([Span("one line", face, SIZE)], 500, pitch_factor=0.9, before=10, after=4)
    assert block_height([para]) == pytest.approx(LINE_PITCH * SIZE * 0.9 + 4)
    assert block_height([para, para]) == pytest.approx(2 * (LINE_PITCH * SIZE * 0.9 + 4) + 10)
    fixed = Para([Span("one two", face, SIZE)], width(face, "two"), pitch_points=30)
    assert block_height([fixed]) == 60
    assert block_height([]) == 0


def test_mixed_faces_and_sizes_measure_each_part_in_its_own(face):
    bold = FontBook((builtin_dir() / "calm" / "fonts",)).face("Carlito", bold=True)
    spans = [Span("hello ", face, SIZE), Span("world", bold, 2 * SIZE)]
    full = width(face, "hello ") + width(bold, "world", 2 * SIZE)
    assert lines(spans, full) == 1
    assert lines(spans, full - 0.01) == 2
    assert (
        lines([Span("hel", face, SIZE), Span("lo", bold, SIZE)], width(face, "he")) == 2
    )  # one word, two faces


def test_a_deck_sized_workload_is_measured_fast(face, capsys):
    rng = random.Random(1)
    vocabulary = [rng.choice("abcdefghij") * rng.randint(2, 12) for _ in range(3000)]
    paragraphs = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(2, 40))) for _ in range(5000)]
    words = sum(len(p.split()) for p in paragraphs)
    started = time.perf_counter()
    for size in (32, 28, 24, 20, 18):
        for text in paragraphs:
            lines([Span(text, face, size)], 600)
    seconds = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n{words} words at 5 sizes measured in {seconds:.2f} s")
    assert words > 90_000 and seconds < 3.0  # about 0.3 s on the reference machine; loose for shared CI
    assert math.isfinite(seconds)
