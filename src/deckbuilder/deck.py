"""The Deck: the finished content of a presentation, which every writer reads.

Plain immutable data. The resolver builds it; writers turn it into files and never decide
what a slide says.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Union

from msgspec import Struct

from .errors import Position, Problem


class Data(Struct, frozen=True):
    """Immutable, printable, cheap to define (deck data is built on every run)."""


class Run(Data):
    """A piece of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


Rich = tuple[Run, ...]


class Para(Data):
    """A paragraph: its runs and indent level (0 top, 1 nested).

    `continued`: the rest of the paragraph before, carried over to a continuation slide.
    """

    runs: Rich
    level: int = 0
    continued: bool = False


def text_of(runs: Rich) -> str:
    """Return the plain text of some runs."""
    return "".join(run.text for run in runs)


def runs_in(value, skip: frozenset[str] = frozenset()) -> Iterator[Run]:
    """Yield every Run in a slide (or any deck data), leaving out the fields named in `skip`."""
    if isinstance(value, Run):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from runs_in(item, skip)
    elif isinstance(value, Data):
        for name in value.__struct_fields__:
            if name not in skip:
                yield from runs_in(getattr(value, name), skip)


class Fitted(Data):
    """The text sizes the fit stage chose for a slide, in points.

    `sizes` go with the slide's text frames in the order the PowerPoint writer places them;
    `small` is for citations and references; `spacing` scales the line spacing (1: as designed).
    `titled`: the first size is the title's; `has_small`: the slide shows text at `small`;
    `caption` is the height (EMU) a caption under a picture is given, measured (0: the default).
    """

    sizes: tuple[float, ...]
    small: float
    spacing: float = 1.0
    titled: bool = False
    has_small: bool = False
    caption: int = 0

    @property
    def smallest(self) -> float | None:
        """Return the size of the smallest text besides the title (None: the slide has none)."""
        sizes = (*(self.sizes[1:] if self.titled else self.sizes), *((self.small,) if self.has_small else ()))
        return min(sizes, default=None)


class Common(Data, kw_only=True):
    """What every slide has. `number` counts from 1 in presentation order.

    `where` is the place in the outline the slide comes from (`title_where`, of its section's title
    when it has none of its own); `fit` its measured text sizes; `citation` the APA in-text citation
    of every work it quotes or paraphrases ("(Burgo, n.d.; Kift, 2019)"), shown with it.
    """

    title: Rich
    number: int = 0
    notes: tuple[Para, ...] = ()
    citation: str = ""
    section: str = ""
    minutes: float | None = None
    handout: bool = True
    audience: tuple[str, ...] = ()  # empty: every audience
    id: str = ""
    where: Position | None = None
    title_where: Position | None = None  # of a title the slide takes from its section
    fit: Fitted | None = None
    start: int = 1  # the number of its first numbered item: higher on a slide that continues a list


class TitleSlide(Common, kw_only=True):
    kind = "title"
    subtitle: Rich = ()
    byline: tuple[str, ...] = ()  # presenter, organisation, date


class NoticeSlide(Common, kw_only=True):
    """A content note or a disclosure: a short statement before the content."""

    kind = "notice"
    text: Rich = ()


class ObjectivesSlide(Common, kw_only=True):
    kind = "objectives"
    lead: Rich = ()
    items: tuple[Rich, ...] = ()


class AgendaItem(Data):
    title: Rich
    minutes: float | None
    time: str = ""  # "25 minutes"


class AgendaSlide(Common, kw_only=True):
    kind = "agenda"
    items: tuple[AgendaItem, ...] = ()
    total: float | None = None
    total_text: str = ""  # "Total: 90 minutes"


class SectionSlide(Common, kw_only=True):
    kind = "section"
    label: str = ""  # "Part 2 · 25 minutes"


class BulletsSlide(Common, kw_only=True):
    kind = "bullets"
    paras: tuple[Para, ...] = ()


class QuoteSlide(Common, kw_only=True):
    """A pull-quote: `text` for a design that marks a quotation itself, `quoted` inside quotation marks."""

    kind = "quote"
    text: Rich = ()
    quoted: Rich = ()  # “text”
    attribution: str = ""  # "— Allan Schore"


class PrincipleSlide(Common, kw_only=True):
    kind = "principle"
    summary: Rich = ()
    excerpt: Rich = ()  # verbatim, for a design that marks a quotation itself
    quoted_excerpt: Rich = ()  # “excerpt”


class PrincipleItem(Data):
    number: int
    label: str  # "3.", shown before the title
    title: Rich
    summary: Rich


class PrinciplesSlide(Common, kw_only=True):
    kind = "principles"
    items: tuple[PrincipleItem, ...] = ()


class ExerciseSlide(Common, kw_only=True):
    kind = "exercise"
    steps_heading: str = ""  # "Steps · 10 minutes"
    prompts_heading: str = ""  # "Reflect"
    steps: tuple[Rich, ...] = ()
    prompts: tuple[Rich, ...] = ()
    opt_out: Rich = ()


class DiscussionSlide(Common, kw_only=True):
    kind = "discussion"
    questions_heading: str = ""  # "Questions · 6 minutes"; none without minutes
    questions: tuple[Rich, ...] = ()


class Picture(Data):
    """An image file checked by the resolver: its upright size in pixels and its format.

    Writers embed `pictures.embedded(picture, ...)`, which may be a converted copy.
    """

    path: Path
    width: int  # turned as its EXIF orientation says
    height: int
    format: str  # of the file: "png", "jpeg", "webp", "tiff", ...


class ImageSlide(Common, kw_only=True):
    kind = "image"
    picture: Picture | None = None
    alt: str = ""
    caption: Rich = ()


class Column(Data):
    heading: Rich = ()
    paras: tuple[Para, ...] = ()


class TwoColumnSlide(Common, kw_only=True):
    """Two columns side by side. `inline_headings`: the headings are too long for the places a
    layout gives them, so each column begins with its heading instead."""

    kind = "two-column"
    left: Column = Column()
    right: Column = Column()
    inline_headings: bool = False


class StatementSlide(Common, kw_only=True):
    kind = "statement"
    text: Rich = ()


class ReferencesSlide(Common, kw_only=True):
    kind = "references"
    entries: tuple[Rich, ...] = ()
    sources: tuple[Position, ...] = ()  # where each entry's article is


class ClosingSlide(Common, kw_only=True):
    kind = "closing"
    text: Rich = ()


Slide = Union[
    TitleSlide, NoticeSlide, ObjectivesSlide, AgendaSlide, SectionSlide, BulletsSlide,
    QuoteSlide, PrincipleSlide, PrinciplesSlide, ExerciseSlide, DiscussionSlide, ImageSlide,
    TwoColumnSlide, StatementSlide, ReferencesSlide, ClosingSlide,
]  # fmt: skip
SLIDE_TYPES: tuple[type, ...] = Slide.__args__


class Evaluation(Data, kw_only=True):
    """A CE evaluation form: the workshop it is about, what it asks to rate from 1 to 5, what it asks to write."""

    details: tuple[tuple[str, str], ...] = ()  # ("Presenter", "Dana Reyes, LMFT"), ("CE hours", "1.5"), ...
    scale: tuple[str, str] = ("", "")  # what 1 and 5 mean
    instructions: str = ""  # how to fill it in: "Circle one number for each line: 1 = ..., 5 = ..."
    objectives_heading: str = ""  # "Learning objectives"
    objectives_question: str = ""  # "How well was this objective met?"
    objectives: tuple[Rich, ...] = ()  # each with its number: "1. Explain ..."
    ratings_heading: str = ""
    ratings: tuple[str, ...] = ()  # the presenter's knowledge, the content's usefulness, its relevance
    questions: tuple[str, ...] = ()  # open questions, each with room to write


class Handout(Data, kw_only=True):
    """What a printed handout is: for whom, in which style, and what it says besides the slides."""

    audience: str
    style: str  # "notes": summaries with speaker notes; "worksheet": prompts with writing space;
    # "slides": pictures of the slides with lines for notes; "evaluation": a CE evaluation form
    large_print: bool = False
    paper: str | None = None  # "letter" or "a4"; None: the theme's
    heading: str = ""  # "Clinician notes", "Worksheet"
    key_ideas: tuple[Rich, ...] = ()  # a worksheet's summary of the deck
    evaluation: Evaluation | None = None  # an evaluation handout's form


class Deck(Data, kw_only=True):
    """A resolved presentation for one audience (and, for a handout, the handout's style)."""

    name: str  # the outline's file stem: output names derive from it
    title: str
    slides: tuple[Slide, ...]
    audience: str | None = None
    author: str = ""
    subject: str = ""
    handout: Handout | None = None
    findings: tuple[Problem, ...] = ()  # warnings and notes of every stage, each with its position and code
    outputs: tuple[str, ...] = ()  # the files its build makes, by name, for a page that links to them
