"""The Deck: the finished content of a presentation, which every writer reads.

Plain immutable data. The resolver builds it; writers turn it into files and never decide
what a slide says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Union


@dataclass(frozen=True)
class Run:
    """A piece of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


Rich = tuple[Run, ...]


@dataclass(frozen=True)
class Para:
    """A paragraph: its runs and indent level (0 top, 1 nested)."""

    runs: Rich
    level: int = 0


def text_of(runs: Rich) -> str:
    """Return the plain text of some runs."""
    return "".join(run.text for run in runs)


@dataclass(frozen=True)
class Common:
    """What every slide has. `number` counts from 1 in presentation order."""

    title: Rich
    number: int = 0
    notes: tuple[Para, ...] = ()
    section: str = ""
    minutes: float | None = None
    handout: bool = True
    audience: tuple[str, ...] = ()  # empty: every audience
    id: str = ""


@dataclass(frozen=True)
class TitleSlide(Common):
    kind = "title"
    subtitle: Rich = ()
    byline: tuple[str, ...] = ()  # presenter, organisation, date


@dataclass(frozen=True)
class NoticeSlide(Common):
    """A content note or a disclosure: a short statement before the content."""

    kind = "notice"
    text: Rich = ()


@dataclass(frozen=True)
class ObjectivesSlide(Common):
    kind = "objectives"
    lead: Rich = ()
    items: tuple[Rich, ...] = ()


@dataclass(frozen=True)
class AgendaItem:
    title: Rich
    minutes: float | None


@dataclass(frozen=True)
class AgendaSlide(Common):
    kind = "agenda"
    items: tuple[AgendaItem, ...] = ()
    total: float | None = None


@dataclass(frozen=True)
class SectionSlide(Common):
    kind = "section"
    label: str = ""  # "Part 2 · 25 minutes"


@dataclass(frozen=True)
class BulletsSlide(Common):
    kind = "bullets"
    paras: tuple[Para, ...] = ()


@dataclass(frozen=True)
class QuoteSlide(Common):
    kind = "quote"
    text: Rich = ()
    attribution: str = ""  # "Allan Schore"
    citation: str = ""  # "(Schore, as cited in Burgo, n.d.)"


@dataclass(frozen=True)
class PrincipleSlide(Common):
    kind = "principle"
    summary: Rich = ()
    excerpt: Rich = ()
    citation: str = ""


@dataclass(frozen=True)
class PrincipleItem:
    number: int
    title: Rich
    summary: Rich


@dataclass(frozen=True)
class PrinciplesSlide(Common):
    kind = "principles"
    items: tuple[PrincipleItem, ...] = ()
    citation: str = ""


@dataclass(frozen=True)
class ExerciseSlide(Common):
    kind = "exercise"
    steps: tuple[Rich, ...] = ()
    prompts: tuple[Rich, ...] = ()
    opt_out: Rich = ()


@dataclass(frozen=True)
class DiscussionSlide(Common):
    kind = "discussion"
    questions: tuple[Rich, ...] = ()


@dataclass(frozen=True)
class Picture:
    """An image file checked by the resolver: its size in pixels and its format."""

    path: Path
    width: int
    height: int
    format: str  # "png", "jpeg", "gif", "bmp"


@dataclass(frozen=True)
class ImageSlide(Common):
    kind = "image"
    picture: Picture | None = None
    alt: str = ""
    caption: Rich = ()


@dataclass(frozen=True)
class Column:
    heading: Rich = ()
    paras: tuple[Para, ...] = ()


@dataclass(frozen=True)
class TwoColumnSlide(Common):
    kind = "two-column"
    left: Column = field(default_factory=Column)
    right: Column = field(default_factory=Column)


@dataclass(frozen=True)
class StatementSlide(Common):
    kind = "statement"
    text: Rich = ()


@dataclass(frozen=True)
class ReferencesSlide(Common):
    kind = "references"
    entries: tuple[Rich, ...] = ()


@dataclass(frozen=True)
class ClosingSlide(Common):
    kind = "closing"
    text: Rich = ()


Slide = Union[
    TitleSlide, NoticeSlide, ObjectivesSlide, AgendaSlide, SectionSlide, BulletsSlide,
    QuoteSlide, PrincipleSlide, PrinciplesSlide, ExerciseSlide, DiscussionSlide, ImageSlide,
    TwoColumnSlide, StatementSlide, ReferencesSlide, ClosingSlide,
]  # fmt: skip
SLIDE_TYPES: tuple[type, ...] = Slide.__args__
KINDS = tuple(t.kind for t in SLIDE_TYPES)


@dataclass(frozen=True)
class Deck:
    """A resolved presentation for one audience."""

    name: str  # the outline's file stem: output names derive from it
    title: str
    slides: tuple[Slide, ...]
    audience: str | None = None
    author: str = ""
    subject: str = ""
    warnings: tuple[str, ...] = ()
