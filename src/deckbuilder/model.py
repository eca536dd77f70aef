"""Typed input models: what a deck outline, an article and a theme may contain.

Each field's description is its documentation and becomes the JSON Schema that editors use.
Unknown keys are rejected (with a "did you mean"), never silently ignored.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from msgspec import Meta, Struct

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
Id = Annotated[str, Meta(pattern=ID_PATTERN, description="Letters, digits, '-', '_' or '.'.")]
Text = Annotated[str, Meta(description="Text; **bold** and *italic* are honoured.")]
Bullet = Union[Text, list[Text]]
Names = Union[str, list[str]]  # `audience: clients` as well as `audience: [clients]`
Minutes = Annotated[float, Meta(ge=0, description="Minutes.")]


class Model(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """Base of every input model: immutable, and strict about keys (typos are errors)."""


def names(value: Names | None) -> list[str]:
    """Return a one-or-many field as a list."""
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


# ---------------------------------------------------------------- article library

Year = Annotated[int, Meta(ge=1000, le=9999)]
DateText = Annotated[
    str, Meta(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$", description="A date.")
]


def _doc(text: str):
    return Meta(description=text)


class Principle(Model):
    number: Annotated[int, _doc("The principle's number in the article; `article/N` refers to it.")]
    title: Annotated[Text, _doc("The principle as the article names it.")]
    id: Annotated[Id | None, _doc("Stable id; defaults to the slug of the title.")] = None
    summary: Annotated[Text | None, _doc("One plain sentence for the slide.")] = None
    excerpt: Annotated[Text | None, _doc("A short verbatim passage from the article.")] = None


class Quote(Model):
    id: Annotated[Id, _doc("Stable id; `article/id` refers to it.")]
    text: Annotated[Text, _doc("The quotation, verbatim.")]
    speaker: Annotated[
        str | None,
        _doc("Someone quoted inside the article, cited 'as cited in' the article; "
             "write 'Family, Given' when the family name is not the last word."),
    ] = None  # fmt: skip


class Article(Model):
    title: Annotated[str, _doc("The article's title.")]
    id: Annotated[Id | None, _doc("Defaults to the file name without .yaml.")] = None
    authors: Annotated[list[str] | None, _doc('Authors as written, e.g. ["Jeffery Smith"].')] = None
    author: Annotated[str | None, _doc("A single author (instead of `authors`).")] = None
    credentials: Annotated[str | None, _doc("Shown on quote slides, e.g. MD, LMFT.")] = None
    site: Annotated[str | None, _doc("Publication or blog name.")] = None
    published: Annotated[Year | DateText | None, _doc("YYYY, YYYY-MM or YYYY-MM-DD; missing: n.d.")] = None
    url: Annotated[str | None, _doc("Where the article can be read.")] = None
    text: Annotated[str | None, _doc("Path to a local copy of the text, for checks.")] = None
    principles: list[Principle] = []
    quotes: list[Quote] = []

    def __post_init__(self) -> None:
        if self.authors is not None and self.author is not None:
            raise ValueError("give either `author` or `authors`, not both")

    @property
    def author_names(self) -> list[str]:
        return list(self.authors or ([self.author] if self.author else []))


def published(article: Article) -> str | None:
    """Return the publication date as "YYYY", "YYYY-MM" or "YYYY-MM-DD", or None."""
    return None if article.published is None else str(article.published)


# ---------------------------------------------------------------- deck outline

SLIDE_KINDS = (
    "bullets", "quote", "principle", "principles", "exercise",
    "discussion", "image", "two-column", "statement",
)  # fmt: skip
# The key that identifies each kind when `kind:` is not given.
DISTINCTIVE_KEYS = {
    "bullets": "bullets", "quote": "quote", "principle": "principle",
    "principles": "principles", "image": "image", "left": "two-column", "right": "two-column",
    "text": "statement", "steps": "exercise", "prompts": "exercise", "opt_out": "exercise",
    "questions": "discussion",
}  # fmt: skip


def slide_kinds(data: dict) -> list[str]:
    """Return the kinds a raw slide mapping claims: its `kind`, or those its keys imply."""
    if "kind" in data:
        return [str(data["kind"])]
    return sorted({DISTINCTIVE_KEYS[k] for k in data if k in DISTINCTIVE_KEYS})


class SlideBase(Model, tag_field="kind", kw_only=True):
    id: Annotated[Id | None, _doc("Stable id, for overrides and links.")] = None
    title: Annotated[Text | None, _doc("The slide's title.")] = None
    notes: Annotated[Text | None, _doc("Speaker notes.")] = None
    minutes: Annotated[Minutes | None, _doc("Time for this slide.")] = None
    cite: Annotated[Names, _doc("Articles to add to the references.")] = []
    audience: Annotated[Names | None, _doc("Audiences that see this slide; default all.")] = None
    handout: Annotated[bool, _doc("false leaves the slide out of handouts.")] = True

    @property
    def kind(self) -> str:
        return self.__struct_config__.tag


class BulletsSlide(SlideBase, tag="bullets"):
    bullets: Annotated[list[Bullet], _doc("Points; a nested list is one level deeper.")]


class QuoteSlide(SlideBase, tag="quote"):
    quote: Annotated[str, _doc("A quote reference: article/quote-id.")]


class PrincipleSlide(SlideBase, tag="principle"):
    principle: Annotated[str, _doc("A principle reference: article/N or article/id.")]


class PrinciplesSlide(SlideBase, tag="principles"):
    principles: Annotated[list[str], Meta(min_length=1, description="Principle references.")]


class ExerciseSlide(SlideBase, tag="exercise"):
    steps: Annotated[list[Text], _doc("Numbered steps.")] = []
    prompts: Annotated[list[Text], _doc("Reflection prompts; handouts give writing space.")] = []
    opt_out: Annotated[Text | None, _doc("How a participant may opt out.")] = None


class DiscussionSlide(SlideBase, tag="discussion"):
    questions: Annotated[list[Text], Meta(min_length=1, description="Questions for the group.")]


class ImageSlide(SlideBase, tag="image"):
    image: Annotated[str, _doc("Image path, relative to the deck file.")]
    alt: Annotated[Text, _doc("What the image shows, for screen readers.")]
    caption: Annotated[Text | None, _doc("Shown with the image.")] = None


class Column(Model):
    heading: Text | None = None
    bullets: list[Bullet] = []


class TwoColumnSlide(SlideBase, tag="two-column"):
    left: Column
    right: Column


class StatementSlide(SlideBase, tag="statement"):
    text: Annotated[Text, _doc("One large sentence.")]


Slide = Union[
    BulletsSlide, QuoteSlide, PrincipleSlide, PrinciplesSlide, ExerciseSlide,
    DiscussionSlide, ImageSlide, TwoColumnSlide, StatementSlide,
]  # fmt: skip


class Section(Model):
    title: Text
    id: Id | None = None
    minutes: Annotated[Minutes | None, _doc("Time for the section (agenda).")] = None
    slides: list[Slide] = []


class Presenter(Model):
    name: str
    credentials: str | None = None
    organization: str | None = None


class HandoutSpec(Model):
    audience: Annotated[str, _doc("Who the handout is for, e.g. clinicians or clients.")]
    style: Annotated[
        Literal["notes", "worksheet"],
        _doc("notes: summaries with speaker notes; worksheet: prompts with writing space."),
    ]
    large_print: bool = False
    paper: Annotated[Literal["letter", "a4"] | None, _doc("Page size; default: the theme's.")] = None


class Closing(Model):
    title: Text = "Questions"
    text: Text | None = None


class Outline(Model):
    title: Text
    subtitle: Text | None = None
    presenter: Annotated[Presenter | str | None, _doc("A name, or name/credentials/organization.")] = None
    date: dt.date | None = None
    duration: Annotated[Minutes | None, _doc("Minutes; compared with the sections.")] = None
    audience: Annotated[str | None, _doc("Who the deck is for, e.g. clinicians.")] = None
    level: Literal["introductory", "intermediate", "advanced"] | None = None
    theme: Annotated[str, _doc("A theme name: themes/<name>/ or a built-in theme.")] = "calm"
    sources: Annotated[Names, _doc("Library files or folders, relative to this file.")] = "articles/"
    objectives: list[Text] = []
    disclosure: Text | None = None
    content_note: Text | None = None
    handouts: list[HandoutSpec] | None = None
    sections: list[Section] = []
    closing: Closing | None = None


# ---------------------------------------------------------------- theme

Color = Annotated[str, Meta(pattern=r"^#[0-9A-Fa-f]{6}$", description="A color as #RRGGBB.")]


class Colors(Model):
    background: Color
    text: Color
    accent: Color
    muted: Color


class Fonts(Model):
    heading: str
    body: str


class FontFiles(Model):
    heading: str | None = None
    body: str | None = None


class Sizes(Model):
    title: Annotated[float, Meta(gt=0)] = 36
    body: Annotated[float, Meta(gt=0)] = 24
    min_body: Annotated[float, Meta(gt=0)] = 18


class HandoutStyle(Model):
    template: str | None = None
    css: str | None = None
    page: Literal["letter", "a4"] = "letter"


class Theme(Model, kw_only=True):
    name: str
    extends: Annotated[str | None, _doc("A theme whose settings this one starts from.")] = None
    colors: Colors
    fonts: Fonts
    font_files: FontFiles | None = None
    sizes: Sizes = Sizes()
    logo: str | None = None
    template: Annotated[str | None, _doc("A .pptx whose slide layouts are used.")] = None
    layouts: Annotated[dict[str, str], _doc("Slide kind -> layout name.")] = {}
    handout: HandoutStyle = HandoutStyle()
