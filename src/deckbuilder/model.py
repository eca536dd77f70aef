"""Typed input models: what a deck outline, an article and a theme may contain.

Each field's description is its documentation and becomes the JSON Schema that editors use.
Unknown keys are rejected (with a "did you mean"), never silently ignored.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import typing
from typing import Annotated, Literal, Union, get_args, get_origin

import msgspec
from msgspec import Meta, Struct, field

from .kinds import DISTINCTIVE_KEYS


def limited(kind, expects: str, description: str | None = None, words: bool = False, **limits):
    """Return `kind` with limits, and the words a report uses to say what is expected; `words` marks
    text that readers see, where `${name}` placeholders are filled in."""
    extra = {"expects": expects, **({"words": True} if words else {})}
    return Annotated[kind, Meta(**limits, description=description, extra=extra)]


# Limits generous to any real deck, so that no value can exhaust memory or break an output.
MAX_ID, MAX_LINE, MAX_TEXT, MAX_LONG_TEXT = 64, 300, 2_000, 20_000
MAX_ITEMS, MAX_SLIDES, MAX_SECTIONS = 100, 500, 100
MAX_MINUTES = 1440  # a day
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
NAME_BYTES = 255  # the longest folder or file name that file systems allow, in UTF-8 bytes

Id = limited(
    str, f"an id: at most {MAX_ID} letters, digits, '-', '_' or '.'; no spaces or '/'",
    "Letters, digits, '-', '_' or '.'.", pattern=ID_PATTERN, max_length=MAX_ID,
)  # fmt: skip
Line = limited(str, f"at most {MAX_LINE} characters", max_length=MAX_LINE)
Words = limited(str, f"at most {MAX_LINE} characters", words=True, max_length=MAX_LINE)
Ref = limited(str, "a reference such as smith or smith/3", max_length=2 * MAX_ID + 1)
ThemeName = limited(str, f"a theme name of at most {MAX_ID} characters, e.g. calm", max_length=MAX_ID)
FilePath = Annotated[str, Meta(max_length=1024, extra={
    "expects": f"a path: at most 1024 characters, each folder or file name at most {NAME_BYTES} bytes",
    "path": True,  # its names are checked by Model.__post_init__
})]  # fmt: skip
Title = limited(str, f"a title of at most {MAX_LINE} characters; put more in the notes",
                "Text; **bold** and *italic* are honoured.", words=True, max_length=MAX_LINE)  # fmt: skip
Text = limited(str, f"a text of at most {MAX_TEXT:,} characters; split a longer one",
               "Text; **bold** and *italic* are honoured.", words=True, max_length=MAX_TEXT)  # fmt: skip
Idea = limited(str, f"a key idea of 1 to {MAX_TEXT:,} characters", "Text; **bold** and *italic* are honoured.",
              words=True, min_length=1, max_length=MAX_TEXT)  # fmt: skip
LongText = limited(str, f"a text of at most {MAX_LONG_TEXT:,} characters",
                   "Text; **bold** and *italic* are honoured.", words=True, max_length=MAX_LONG_TEXT)  # fmt: skip


def items(kind, most: int = MAX_ITEMS, what: str = "items; split the list", min_length: int | None = None):
    """Return a list of `kind` with at most `most` entries."""
    return limited(list[kind], f"at most {most} {what}", min_length=min_length, max_length=most)


def one_or_many(kind):
    """Return `kind` or a list of it: `audience: clients` as well as `audience: [clients]`."""
    return Union[kind, items(kind)]


Bullet = Union[Text, items(Text)]
Bullets = items(Bullet)
Texts = items(Text)
Names = one_or_many(Line)
Refs = one_or_many(Ref)
Paths = one_or_many(FilePath)
Url = limited(str, f"a web address of at most {MAX_TEXT:,} characters", max_length=MAX_TEXT)
Minutes = limited(
    float, f"a number of minutes such as 10: whole or half minutes, at most {MAX_MINUTES}",
    "Minutes.", ge=0, le=MAX_MINUTES, multiple_of=0.5,
)  # fmt: skip


class Model(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """Base of every input model: immutable, and strict about keys (typos are errors).

    A rule checked in `__post_init__` raises ValueError("what is wrong; what is expected").
    """

    def __post_init__(self) -> None:
        for name in _path_fields(type(self)):
            for path in names(getattr(self, name)):
                longest = max(len(part.encode()) for part in re.split(r"[/\\]", path))
                if longest > NAME_BYTES:
                    raise ValueError(f"a folder or file name in `{name}` is too long: {longest} bytes, "
                                     f"at most {NAME_BYTES}; shorten it (a letter beyond English takes "
                                     "2 to 4 bytes)")  # fmt: skip


@functools.cache
def _path_fields(model: type) -> tuple[str, ...]:
    """Return the fields of `model` that hold paths."""
    hints = typing.get_type_hints(model, include_extras=True)
    return tuple(name for name, kind in hints.items() if _holds(kind, "path"))


def _holds(kind, flag: str) -> bool:
    """Return whether `kind`, or a type inside it, is marked with `flag` ("path", "words")."""
    metas = kind.__metadata__ if get_origin(kind) is Annotated else ()
    if any(isinstance(m, Meta) and (m.extra or {}).get(flag) for m in metas):
        return True
    return any(_holds(arg, flag) for arg in get_args(kind))


@functools.cache
def words_keys(model: type) -> frozenset[str]:
    """Return the keys, anywhere in a `model` file, whose values are text that readers see."""
    found: set[str] = set()
    seen: set[type] = set()

    def visit(kind) -> None:
        if isinstance(kind, type) and issubclass(kind, Struct):
            if kind in seen:
                return
            seen.add(kind)
            for f in msgspec.structs.fields(kind):
                if _holds(f.type, "words"):
                    found.add(f.encode_name)
                visit(f.type)
        for arg in get_args(kind):
            visit(arg)

    visit(model)
    return frozenset(found)


def names(value: Names | None) -> list[str]:
    """Return a one-or-many field as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


# ---------------------------------------------------------------- article library

Year = limited(int, "a year written YYYY, e.g. 2020", ge=1000, le=9999)
DateText = limited(
    str, "a date: YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2020 or 2020-05", "A date.",
    pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
)  # fmt: skip


def _doc(text: str):
    return Meta(description=text)


PrincipleNumber = limited(int, "a principle number from 1 to 999, e.g. 3", ge=1, le=999)


class Principle(Model):
    """A principle the article sets out; decks show it with `principle: article/N`."""

    number: Annotated[PrincipleNumber, _doc("The principle's number; `article/N` refers to it.")]
    title: Annotated[Title, _doc("The principle as the article names it.")]
    id: Annotated[Id | None, _doc("Stable id; defaults to the slug of the title.")] = None
    summary: Annotated[Text | None, _doc("One plain sentence for the slide.")] = None
    excerpt: Annotated[LongText | None, _doc("A short verbatim passage from the article.")] = None


class Quote(Model):
    """A verbatim quotation; decks show it with `quote: article/id`."""

    id: Annotated[Id, _doc("Stable id; `article/id` refers to it.")]
    text: Annotated[LongText, _doc("The quotation, verbatim.")]
    speaker: Annotated[
        Line | None,
        _doc("Someone quoted inside the article, cited 'as cited in' the article; "
             "write 'Family, Given' when the family name is not the last word."),
    ] = None  # fmt: skip


Authors = items(Line, what="authors")
ManyPrinciples = items(Principle, 999, "principles")
ManyQuotes = items(Quote, 999, "quotes")


class Article(Model):
    """One article of the library: where it was published, its principles and its quotations."""

    title: Annotated[Title, _doc("The article's title.")]
    id: Annotated[Id | None, _doc("Defaults to the file name without .yaml.")] = None
    authors: Annotated[Authors | None, _doc('Authors as written, e.g. ["Jeffery Smith"].')] = None
    author: Annotated[Line | None, _doc("A single author (instead of `authors`).")] = None
    credentials: Annotated[Line | None, _doc("Shown on quote slides, e.g. MD, LMFT.")] = None
    site: Annotated[Line | None, _doc("Publication or blog name.")] = None
    published: Annotated[Year | DateText | None, _doc("YYYY, YYYY-MM or YYYY-MM-DD; missing: n.d.")] = None
    url: Annotated[Url | None, _doc("Where the article can be read.")] = None
    text: Annotated[FilePath | None, _doc("Path to a local copy of the text, for checks.")] = None
    principles: Annotated[ManyPrinciples, _doc("The article's principles, each with its number.")] = []
    quotes: Annotated[ManyQuotes, _doc("Quotations from the article.")] = []

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.authors is not None and self.author is not None:
            raise ValueError("give either `author` or `authors`, not both; "
                             "write one name as `author`, or a list of names as `authors`")  # fmt: skip

    @property
    def author_names(self) -> list[str]:
        return list(self.authors or ([self.author] if self.author else []))


def published(article: Article) -> str | None:
    """Return the publication date as "YYYY", "YYYY-MM" or "YYYY-MM-DD", or None."""
    return None if article.published is None else str(article.published)


# ---------------------------------------------------------------- deck outline

VAR_NAME = r"^[A-Za-z0-9_-]+$"
VarName = limited(str, "a variable name: letters, digits, '_' or '-'", "A variable name.", pattern=VAR_NAME)


def slide_kinds(data: dict) -> list[str]:
    """Return the kinds a raw slide mapping claims: its `kind`, or those its keys imply."""
    if "kind" in data:
        return [str(data["kind"])]
    return sorted({DISTINCTIVE_KEYS[k] for k in data if k in DISTINCTIVE_KEYS})


class Wording(Model):
    """A slide's texts for one audience: each key given replaces the slide's own for that audience."""

    title: Annotated[Title | None, _doc("The title for this audience.")] = None


def wordings(kind: type[Wording]):
    """Return the `for:` field of a slide (or the closing): audience -> its wording."""
    return limited(dict[Line, kind], "at most 20 audiences", "Texts for an audience, e.g. for: {clients: {title: ...}}.",
                   max_length=20)  # fmt: skip


WORDINGS = field(default_factory=dict, name="for")  # `for` is a Python keyword: the model says `for_`


class SlideBase(Model, tag_field="kind", kw_only=True):
    id: Annotated[Id | None, _doc("Stable id, for overrides and links.")] = None
    title: Annotated[Title | None, _doc("The slide's title.")] = None
    notes: Annotated[LongText | None, _doc("Speaker notes.")] = None
    minutes: Annotated[Minutes | None, _doc("Time for this slide.")] = None
    cite: Annotated[Refs, _doc("Articles to add to the references.")] = []
    audience: Annotated[Names | None, _doc("Audiences that see this slide; default all.")] = None
    handout: Annotated[bool, _doc("false leaves the slide out of handouts.")] = True
    key: Annotated[bool | Idea, _doc("A worksheet's key idea: true (the slide's main text), or its words.")] = False
    for_: wordings(Wording) = WORDINGS

    @property
    def kind(self) -> str:
        return self.__struct_config__.tag


class BulletsWording(Wording):
    """A bullets slide's texts for one audience."""

    bullets: Annotated[Bullets | None, _doc("The points for this audience.")] = None


class BulletsSlide(SlideBase, tag="bullets", kw_only=True):
    bullets: Annotated[Bullets, _doc("Points; a nested list is one level deeper.")]
    for_: wordings(BulletsWording) = WORDINGS


class QuoteSlide(SlideBase, tag="quote"):
    quote: Annotated[Ref, _doc("A quote reference: article/quote-id.")]


class PrincipleSlide(SlideBase, tag="principle"):
    principle: Annotated[Ref, _doc("A principle reference: article/N or article/id.")]


class PrinciplesSlide(SlideBase, tag="principles"):
    principles: Annotated[items(Ref, min_length=1), _doc("Principle references.")]


class ExerciseWording(Wording):
    """An exercise's texts for one audience."""

    steps: Annotated[Texts | None, _doc("The steps for this audience.")] = None
    prompts: Annotated[Texts | None, _doc("The reflection prompts for this audience.")] = None
    opt_out: Annotated[Text | None, _doc("The opt-out line for this audience.")] = None


class ExerciseSlide(SlideBase, tag="exercise", kw_only=True):
    steps: Annotated[Texts, _doc("Numbered steps.")] = []
    prompts: Annotated[Texts, _doc("Reflection prompts; handouts give writing space.")] = []
    opt_out: Annotated[Text | None, _doc("How a participant may opt out.")] = None
    for_: wordings(ExerciseWording) = WORDINGS


Questions = items(Text, min_length=1)


class DiscussionWording(Wording):
    """A discussion's texts for one audience."""

    questions: Annotated[Questions | None, _doc("The questions for this audience.")] = None


class DiscussionSlide(SlideBase, tag="discussion", kw_only=True):
    questions: Annotated[Questions, _doc("Questions for the group.")]
    for_: wordings(DiscussionWording) = WORDINGS


class ImageWording(Wording):
    """An image slide's texts for one audience."""

    alt: Annotated[Text | None, _doc("The alt text for this audience.")] = None
    caption: Annotated[Text | None, _doc("The caption for this audience.")] = None


class ImageSlide(SlideBase, tag="image", kw_only=True):
    image: Annotated[FilePath, _doc("Image path, relative to the deck file.")]
    alt: Annotated[Text, _doc("What the image shows, for screen readers.")]
    caption: Annotated[Text | None, _doc("Shown with the image.")] = None
    for_: wordings(ImageWording) = WORDINGS


class Column(Model):
    """One column of a two-column slide."""

    heading: Annotated[Title | None, _doc("The column's heading.")] = None
    bullets: Annotated[Bullets, _doc("Points; a nested list is one level deeper.")] = []


class TwoColumnWording(Wording):
    """A two-column slide's texts for one audience."""

    left: Annotated[Column | None, _doc("The left column for this audience.")] = None
    right: Annotated[Column | None, _doc("The right column for this audience.")] = None


class TwoColumnSlide(SlideBase, tag="two-column", kw_only=True):
    left: Annotated[Column, _doc("The left column: heading and bullets.")]
    right: Annotated[Column, _doc("The right column: heading and bullets.")]
    for_: wordings(TwoColumnWording) = WORDINGS


class StatementWording(Wording):
    """A statement's texts for one audience."""

    text: Annotated[Text | None, _doc("The sentence for this audience.")] = None


class StatementSlide(SlideBase, tag="statement", kw_only=True):
    text: Annotated[Text, _doc("One large sentence.")]
    for_: wordings(StatementWording) = WORDINGS


Slide = Union[
    BulletsSlide, QuoteSlide, PrincipleSlide, PrinciplesSlide, ExerciseSlide,
    DiscussionSlide, ImageSlide, TwoColumnSlide, StatementSlide,
]  # fmt: skip


class Section(Model):
    """A part of the deck: it gets a section slide and a line in the agenda."""

    title: Annotated[Title, _doc("The section's title, on its section slide and in the agenda.")]
    id: Annotated[Id | None, _doc("Stable id, for overrides and links.")] = None
    minutes: Annotated[Minutes | None, _doc("Time for the section (agenda).")] = None
    slides: Annotated[
        items(Slide, MAX_SLIDES, "slides in a section; split it into two sections"),
        _doc("The section's slides; each one's keys say its kind (bullets:, quote:, principle:, ...)."),
    ] = []


class Presenter(Model):
    """Who presents the deck, as the title slide names them."""

    name: Annotated[Words, _doc("The presenter's name.")]
    credentials: Annotated[Words | None, _doc("e.g. LMFT, PhD.")] = None
    organization: Annotated[Words | None, _doc("Where the presenter works.")] = None


class HandoutSpec(Model):
    """A printable handout made beside the deck."""

    audience: Annotated[Line, _doc("Who the handout is for, e.g. clinicians or clients.")]
    style: Annotated[
        Literal["notes", "worksheet", "slides", "evaluation"],
        _doc("notes: summaries with speaker notes; worksheet: prompts with writing space; slides: three "
             "slide pictures a page with lines for notes; evaluation: a CE evaluation form."),
    ]
    large_print: Annotated[bool, _doc("true: larger type for easier reading.")] = False
    paper: Annotated[Literal["letter", "a4"] | None, _doc("Page size; default: the theme's.")] = None


class ClosingWording(Wording):
    """The closing's texts for one audience."""

    text: Annotated[Text | None, _doc("The line under the title for this audience.")] = None


class Closing(Model):
    """The last slide."""

    title: Annotated[Title, _doc("The closing slide's title.")] = "Questions"
    text: Annotated[Text | None, _doc("A line under the title.")] = None
    for_: wordings(ClosingWording) = WORDINGS


class Outline(Model):
    """A deck outline: its title page, objectives, sections and slides, and the handouts made from it."""

    title: Annotated[Title, _doc("The deck's title, on the title slide and the handouts.")]
    subtitle: Annotated[Title | None, _doc("A line under the title.")] = None
    presenter: Annotated[Presenter | Words | None, _doc("A name, or name/credentials/organization.")] = None
    date: Annotated[dt.date | None, _doc("When the deck is presented: YYYY-MM-DD.")] = None
    duration: Annotated[Minutes | None, _doc("Minutes; compared with the sections.")] = None
    audience: Annotated[Line | None, _doc("Who the deck is for, e.g. clinicians.")] = None
    audiences: Annotated[
        items(Line, 20, "audiences") | None,
        _doc("Other audiences that slides may name, for decks made from this outline for them."),
    ] = None
    level: Annotated[
        Literal["introductory", "intermediate", "advanced"] | None, _doc("The level of the training (CE).")
    ] = None
    ce_hours: Annotated[
        limited(float, "a number of hours such as 1.5: whole or half hours, from 0.5 to 24",
                ge=0.5, le=24, multiple_of=0.5) | None,
        _doc("CE credit hours, on the evaluation form; default: the duration, in whole and half hours."),
    ] = None
    theme: Annotated[ThemeName, _doc("A theme name: themes/<name>/ or a built-in theme.")] = "calm"
    sources: Annotated[Paths, _doc("Library files or folders, relative to this file.")] = "articles/"
    objectives: Annotated[Texts, _doc("Learning objectives, each a sentence starting with a verb.")] = []
    disclosure: Annotated[Text | None, _doc("The presenter's financial and other relationships (CE).")] = None
    content_note: Annotated[Text | None, _doc("The hard material the deck touches on.")] = None
    handouts: Annotated[items(HandoutSpec, 20, "handouts") | None, _doc("Handouts to make.")] = None
    sections: Annotated[items(Section, MAX_SECTIONS, "sections"), _doc("The deck's parts, in order.")] = []
    closing: Annotated[Closing | None, _doc("The last slide; default: 'Questions'.")] = None
    vars: Annotated[
        dict[VarName, Line | int | float],
        _doc("Variables: `${name}` in the deck's texts becomes the value; `--var name=value` wins."),
    ] = {}
    extends: Annotated[
        FilePath | None,
        _doc("Another deck outline this one starts from, relative to this file; the fields written here replace "
             "its fields, and `vars:` are merged name by name."),
    ] = None
    remove: Annotated[items(Id) | None, _doc("Ids of sections or slides of the extended outline to leave out.")] = None
    replace: Annotated[
        dict[Id, dict] | None,
        _doc("Id -> the whole section or slide that replaces that section or slide of the extended outline."),
    ] = None
    insert_before: Annotated[
        dict[Id, items(dict)] | None,
        _doc("Id -> sections to put before that section, or slides before that slide, of the extended outline."),
    ] = None
    insert_after: Annotated[
        dict[Id, items(dict)] | None,
        _doc("Id -> sections to put after that section, or slides after that slide, of the extended outline."),
    ] = None


# ---------------------------------------------------------------- theme

Color = limited(str, 'a color: written "#RRGGBB", e.g. "#5B7F6E"', "A color as #RRGGBB.",
                pattern=r"^#[0-9A-Fa-f]{6}$")  # fmt: skip


class Colors(Model):
    """The theme's palette; text colors need a contrast of 4.5:1 against the background."""

    background: Annotated[Color, _doc("The slides' and handouts' background.")]
    text: Annotated[Color, _doc("Body text.")]
    accent: Annotated[Color, _doc("Kickers, headings and the panels of section slides.")]
    muted: Annotated[Color, _doc("Secondary text: attributions, footers.")]


class Fonts(Model):
    """Font names as PowerPoint knows them."""

    heading: Annotated[Line, _doc("The titles' font, e.g. Cambria.")]
    body: Annotated[Line, _doc("The body text's font, e.g. Calibri.")]


class FontFiles(Model):
    """Font files to measure text with, relative to theme.yaml."""

    heading: Annotated[FilePath | None, _doc("A .ttf or .otf file for the heading font.")] = None
    body: Annotated[FilePath | None, _doc("A .ttf or .otf file for the body font.")] = None


def points(low: int, high: int, example: int):
    """Return a type size in points between `low` and `high`."""
    return limited(float, f"a size in points between {low} and {high}, e.g. {example}",
                   f"Points, {low} to {high}.", ge=low, le=high)  # fmt: skip


class Sizes(Model):
    """Type sizes in points."""

    title: Annotated[points(8, 96, 36), _doc("Slide titles.")] = 36
    body: Annotated[points(8, 72, 24), _doc("Body text, before fitting.")] = 24
    min_body: Annotated[points(8, 48, 18), _doc("The smallest body size fitting may shrink to.")] = 18

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.min_body > self.body:
            raise ValueError(f"`min_body` ({self.min_body:g} pt) is larger than `body` ({self.body:g} pt); "
                             "the smallest body size must be at most `body`")  # fmt: skip


class HandoutStyle(Model):
    """How handouts look."""

    template: Annotated[FilePath | None, _doc("A handout Jinja template, relative to theme.yaml.")] = None
    css: Annotated[FilePath | None, _doc("A handout style sheet, relative to theme.yaml.")] = None
    page: Annotated[Literal["letter", "a4"], _doc("The default paper size.")] = "letter"


class Theme(Model, kw_only=True):
    """A theme: colors, fonts, sizes, a .pptx template and the handouts' style."""

    name: Annotated[Line, _doc("The theme's display name.")]
    extends: Annotated[ThemeName | None, _doc("A theme whose settings this one starts from.")] = None
    colors: Annotated[Colors, _doc("The palette, as #RRGGBB.")]
    fonts: Annotated[Fonts, _doc("The heading and body fonts.")]
    font_files: Annotated[FontFiles | None, _doc("Font files to measure text with.")] = None
    sizes: Annotated[Sizes, _doc("Type sizes in points.")] = Sizes()
    logo: Annotated[FilePath | None, _doc("An image for slides and handouts, relative to theme.yaml.")] = None
    template: Annotated[FilePath | None, _doc("A .pptx whose slide layouts are used.")] = None
    layouts: Annotated[dict[str, Line], _doc("Slide kind -> layout name.")] = {}
    handout: Annotated[HandoutStyle, _doc("How handouts look.")] = HandoutStyle()
    italics: Annotated[bool, _doc("false: nothing is set in italics; emphasis is bold, excerpts and "
                                  "opt-out lines upright, on slides and in handouts.")] = True
