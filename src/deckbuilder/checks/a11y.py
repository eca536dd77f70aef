"""Accessibility: what PowerPoint's accessibility checker and WCAG 2.2 ask of slides and handouts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..deck import ImageSlide, Rich, Slide, StatementSlide, TwoColumnSlide, runs_in, text_of
from ..errors import shorten
from ..fit import CONTINUED
from ..markup import parse
from . import Finding, Subject, check

SMALLEST = 18.0  # points: no text on a slide is smaller
READABLE = 24.0  # points: body text that the back of a large room reads
MOST_ITEMS, MOST_WORDS = 7, 40  # more on one slide is read, not listened to
QUOTED_COPIES = frozenset({"quoted", "quoted_excerpt"})  # `text` and `excerpt` in quotation marks
NOT_SHOWN_AS_BODY = QUOTED_COPIES | {"title", "notes"}
LISTS = frozenset({"paras", "items", "steps", "prompts", "questions"})  # fields whose entries are bullets
FILE_NAME = re.compile(r"^\S+\.(?:png|jpe?g|gif|bmp|tiff?|webp|svg|heic|emf|wmf)$", re.IGNORECASE)
CAPITALS = re.compile(r"\b[A-Z]{2,}(?:\W+[A-Z]{2,}){2,}\b")  # three words or more in capitals


def _heading(slide: Slide) -> Rich:
    """Return what the slide shows as its title: a statement's title place holds its text."""
    return slide.text if isinstance(slide, StatementSlide) else slide.title


def _named(slide: Slide) -> str:
    """Return how a finding names a slide: its number and title."""
    return f"slide {slide.number} \u201c{shorten(text_of(_heading(slide)))}\u201d"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _says_nothing(alt: str, path: Path) -> bool:
    """Return whether alt text tells a listener nothing: empty, a file name, or its picture's name."""
    alt = alt.strip()
    return not alt or bool(FILE_NAME.match(alt)) or _words(alt) == _words(path.stem)


@check("a11y.alt-text")
def alt_text(s: Subject) -> Iterator[Finding]:
    """Screen readers read a picture's alt text instead of showing it: a file name says nothing."""
    for slide in s.deck.slides:
        if isinstance(slide, ImageSlide) and slide.picture and _says_nothing(slide.alt, slide.picture.path):
            alt = f"'s alt text \u201c{shorten(slide.alt)}\u201d names a file" if slide.alt.strip() else " has no alt text"
            yield Finding(f"{_named(slide)}: the picture{alt}", slide.where,
                          "say in `alt:` what the picture shows, for people who cannot see it")  # fmt: skip


@check("a11y.no-title")
def no_title(s: Subject) -> Iterator[Finding]:
    """Screen readers list and announce slides by their titles."""
    for slide in s.deck.slides:
        if not text_of(_heading(slide)).strip():
            yield Finding(f"slide {slide.number} ({slide.kind}) has no title", slide.where,
                          "give it a `title:` (a slide without one takes its section's)")  # fmt: skip


def _key(runs: Rich) -> str:
    """Return a title as compared: its words, whatever their case and spacing."""
    return " ".join(text_of(runs).split()).casefold()


@check("a11y.duplicate-title")
def duplicate_title(s: Subject) -> Iterator[Finding]:
    """Screen-reader users move between slides by their titles, so each says which slide it is.

    A continuation slide ("(cont.)") and a slide that carries its section's title (a quote, which
    shows it as a running head) belong to a slide or section already named.
    """
    first: dict[str, int] = {}
    for slide in s.deck.slides:
        key = _key(_heading(slide))
        if not key or key.endswith(CONTINUED.casefold()):
            continue
        if slide.kind != "section" and key == _key(parse(slide.section)):
            continue
        if key in first:
            yield Finding(f"{_named(slide)} has the same title as slide {first[key]}", slide.where,
                          "give the slide a `title:` of its own")  # fmt: skip
        else:
            first[key] = slide.number


@check("a11y.text-too-small", "error")
def text_too_small(s: Subject) -> Iterator[Finding]:
    """Text below 18 pt cannot be read from the back of a room (body text, labels and citations).

    Text is never set below the theme's `min_body`, so the theme is where to fix it: one finding
    there, naming the slides it affects."""
    small = [slide.number for slide in s.deck.slides
             if slide.fit and slide.fit.smallest is not None and slide.fit.smallest < SMALLEST]  # fmt: skip
    if small:
        shown = ", ".join(map(str, small[:5])) + (f" and {len(small) - 5} more" if len(small) > 5 else "")
        size = s.theme.theme.sizes.min_body
        yield Finding(f"the theme sets text as small as {size:g} pt, below {SMALLEST:g} pt, on slide"
                      f"{'s' if len(small) > 1 else ''} {shown}", s.theme.doc.pos(("sizes", "min_body")),
                      f"raise the theme's `min_body` to {SMALLEST:g}")  # fmt: skip


@check("a11y.text-size")
def text_size(s: Subject) -> Iterator[Finding]:
    """The theme's body size is what every slide starts at: below 24 pt, a large room squints."""
    body = s.theme.theme.sizes.body
    if body < READABLE:
        yield Finding(f"body text is {body:g} pt, below the {READABLE:g} pt a large room reads",
                      s.theme.doc.pos(("sizes", "body")), f"set `sizes: body` to {READABLE:g} or more")


def _count(slide: Slide) -> tuple[int, int]:
    """Return how many bullets (list entries) and words a slide shows besides its title."""
    items = sum(len(getattr(slide, name)) for name in LISTS if hasattr(slide, name))
    if isinstance(slide, TwoColumnSlide):
        items += len(slide.left.paras) + len(slide.right.paras)
    words = sum(len(run.text.split()) for run in runs_in(slide, NOT_SHOWN_AS_BODY))
    return items, words


@check("a11y.dense-slide", "info")
def dense_slide(s: Subject) -> Iterator[Finding]:
    """A slide with more than 7 bullets or about 40 words is read, not listened to: a note, since
    objectives, exercises and principles are often meant to be read."""
    for slide in s.deck.slides:
        if slide.kind == "references":
            continue
        items, words = _count(slide)
        if items > MOST_ITEMS:
            what = f"{items} bullets, more than {MOST_ITEMS}"
        elif words > MOST_WORDS:
            what = f"{words} words, more than {MOST_WORDS}"
        else:
            continue
        yield Finding(f"{_named(slide)} has {what}", slide.where, "split it; put detail in the speaker notes")


@check("a11y.large-print")
def large_print(s: Subject) -> Iterator[Finding]:
    """Large print is for readers with low vision: words in capitals lose the shapes they read by.

    Italics need no check: a large-print handout sets them upright and bold. Speaker notes count
    where a handout keeps them.
    """
    for handout in s.handouts:
        if handout.handout is None or not handout.handout.large_print:
            continue
        for slide in handout.slides:
            found = CAPITALS.search(" ".join(run.text for run in runs_in(slide, QUOTED_COPIES)))
            if found:
                what = handout.handout.heading.lower() or "handout"
                yield Finding(f"{_named(slide)}: \u201c{shorten(found.group())}\u201d is in capitals in the "
                              f"large-print {what}", slide.where, "write it in lower case; use **bold** for emphasis")
