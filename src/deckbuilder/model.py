"""Typed input models: what a deck outline, an article and a theme may contain.

Each field's description is its documentation and becomes the JSON Schema that editors use.
Unknown keys are rejected (with a "did you mean"), never silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN)]
Text = Annotated[str, Field(description="Text; **bold** and *italic* are honoured.")]
Bullet = Union[Text, list[Text]]


def _one_or_many(value: Any) -> Any:
    """Accept `audience: clients` as well as `audience: [clients]`."""
    return [value] if isinstance(value, str) else value


Names = Annotated[list[str], BeforeValidator(_one_or_many)]


class Model(BaseModel):
    """Base of every input model: immutable, strict about keys, numbers accepted as text."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    @model_validator(mode="before")
    @classmethod
    def _unknown_keys(cls, data: Any, info: ValidationInfo) -> Any:
        """Record unknown keys for the error report and drop them, so the rest still validates."""
        if not isinstance(data, dict) or not info.context:
            return data
        allowed = {name for name in cls.model_fields} | {
            f.alias for f in cls.model_fields.values() if f.alias
        }
        unknown = [key for key in data if key not in allowed]
        if not unknown:
            return data
        info.context.setdefault("unknown", []).extend(
            (id(data), key, sorted(allowed)) for key in unknown
        )
        return {k: v for k, v in data.items() if k in allowed}


# ---------------------------------------------------------------- article library


class Principle(Model):
    number: int = Field(description="The principle's number in the article; `article/N` refers to it.")
    id: Id | None = Field(None, description="Stable id; defaults to the slug of the title.")
    title: Text = Field(description="The principle as the article names it.")
    summary: Text | None = Field(None, description="One plain sentence for the slide.")
    excerpt: Text | None = Field(None, description="A short verbatim passage from the article.")


class Quote(Model):
    id: Id = Field(description="Stable id; `article/id` refers to it.")
    text: Text = Field(description="The quotation, verbatim.")
    speaker: str | None = Field(
        None,
        description="Someone quoted inside the article, cited 'as cited in' the article; "
        "write 'Family, Given' when the family name is not the last word.",
    )


class Article(Model):
    id: Id | None = Field(None, description="Defaults to the file name without .yaml.")
    title: str = Field(description="The article's title.")
    authors: list[str] | None = Field(None, description='Authors as written, e.g. ["Jeffery Smith"].')
    author: str | None = Field(None, description="A single author (instead of `authors`).")
    credentials: str | None = Field(None, description="Shown on quote slides, e.g. MD, LMFT.")
    site: str | None = Field(None, description="Publication or blog name.")
    published: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD; missing: n.d.")
    url: str | None = Field(None, description="Where the article can be read.")
    text: str | None = Field(None, description="Path to a local copy of the text, for checks.")
    principles: list[Principle] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)

    @field_validator("published", mode="before")
    @classmethod
    def _published(cls, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, (dt.date, int)):
            value = str(value)
        if isinstance(value, str):
            parts = value.split("-")
            try:
                if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
                    raise ValueError
                dt.date(int(parts[0]), int((parts + ["1"])[1]), int((parts + ["1", "1"])[2]))
            except ValueError:
                raise ValueError(
                    f"'published' expects YYYY, YYYY-MM or YYYY-MM-DD, found '{value}'"
                ) from None
        return value

    @model_validator(mode="after")
    def _one_author_field(self) -> "Article":
        if self.authors is not None and self.author is not None:
            raise ValueError("give either `author` or `authors`, not both")
        return self

    @property
    def author_names(self) -> list[str]:
        return list(self.authors or ([self.author] if self.author else []))


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


def slide_kinds(data: Any) -> list[str]:
    """Return the kinds a raw slide mapping claims: its `kind`, or those its keys imply."""
    if not isinstance(data, dict):
        return []
    if "kind" in data:
        return [str(data["kind"])]
    return sorted({DISTINCTIVE_KEYS[k] for k in data if k in DISTINCTIVE_KEYS})


def _kind_tag(data: Any) -> str | None:
    kinds = slide_kinds(data)
    return "kind:" + kinds[0] if len(kinds) == 1 else None


class SlideBase(Model):
    id: Id | None = Field(None, description="Stable id, for overrides and links.")
    title: Text | None = Field(None, description="The slide's title.")
    notes: Text | None = Field(None, description="Speaker notes.")
    minutes: float | None = Field(None, ge=0, description="Time for this slide.")
    cite: Names = Field(default_factory=list, description="Articles to add to the references.")
    audience: Names | None = Field(None, description="Audiences that see this slide; default all.")
    handout: bool = Field(True, description="false leaves the slide out of handouts.")


class BulletsSlide(SlideBase):
    kind: Literal["bullets"] = "bullets"
    bullets: list[Bullet] = Field(description="Points; a nested list is one level deeper.")


class QuoteSlide(SlideBase):
    kind: Literal["quote"] = "quote"
    quote: str = Field(description="A quote reference: article/quote-id.")


class PrincipleSlide(SlideBase):
    kind: Literal["principle"] = "principle"
    principle: str = Field(description="A principle reference: article/N or article/id.")


class PrinciplesSlide(SlideBase):
    kind: Literal["principles"] = "principles"
    principles: list[str] = Field(min_length=1, description="Principle references.")


class ExerciseSlide(SlideBase):
    kind: Literal["exercise"] = "exercise"
    steps: list[Text] = Field(default_factory=list, description="Numbered steps.")
    prompts: list[Text] = Field(default_factory=list, description="Reflection prompts.")
    opt_out: Text | None = Field(None, description="How a participant may opt out.")


class DiscussionSlide(SlideBase):
    kind: Literal["discussion"] = "discussion"
    questions: list[Text] = Field(min_length=1, description="Questions for the group.")


class ImageSlide(SlideBase):
    kind: Literal["image"] = "image"
    image: str = Field(description="Image path, relative to the deck file.")
    alt: Text = Field(description="What the image shows, for screen readers.")
    caption: Text | None = Field(None, description="Shown under the image.")


class Column(Model):
    heading: Text | None = None
    bullets: list[Bullet] = Field(default_factory=list)


class TwoColumnSlide(SlideBase):
    kind: Literal["two-column"] = "two-column"
    left: Column
    right: Column


class StatementSlide(SlideBase):
    kind: Literal["statement"] = "statement"
    text: Text = Field(description="One large sentence.")


Slide = Annotated[
    Union[
        Annotated[BulletsSlide, Tag("kind:bullets")],
        Annotated[QuoteSlide, Tag("kind:quote")],
        Annotated[PrincipleSlide, Tag("kind:principle")],
        Annotated[PrinciplesSlide, Tag("kind:principles")],
        Annotated[ExerciseSlide, Tag("kind:exercise")],
        Annotated[DiscussionSlide, Tag("kind:discussion")],
        Annotated[ImageSlide, Tag("kind:image")],
        Annotated[TwoColumnSlide, Tag("kind:two-column")],
        Annotated[StatementSlide, Tag("kind:statement")],
    ],
    Discriminator(_kind_tag),
]


class Section(Model):
    id: Id | None = None
    title: Text
    minutes: float | None = Field(None, ge=0, description="Time for the section (agenda).")
    slides: list[Slide] = Field(default_factory=list)


class Presenter(Model):
    name: str
    credentials: str | None = None
    organization: str | None = None


class HandoutSpec(Model):
    audience: str = Field(description="Who the handout is for, e.g. clinicians or clients.")
    style: Literal["notes", "worksheet"] = Field(
        description="notes: summaries with speaker notes; worksheet: prompts with writing space."
    )
    large_print: bool = False


class Closing(Model):
    title: Text = "Questions"
    text: Text | None = None


class Outline(Model):
    title: Text
    subtitle: Text | None = None
    presenter: Presenter | None = None
    date: dt.date | None = None
    duration: float | None = Field(None, ge=0, description="Minutes; compared with the sections.")
    audience: str | None = Field(None, description="Who the deck is for, e.g. clinicians.")
    level: Literal["introductory", "intermediate", "advanced"] | None = None
    theme: str = "calm"
    sources: Names = Field(default_factory=lambda: ["articles/"])
    objectives: list[Text] = Field(default_factory=list)
    disclosure: Text | None = None
    content_note: Text | None = None
    handouts: list[HandoutSpec] | None = None
    sections: list[Section] = Field(default_factory=list)
    closing: Closing | None = None

    @field_validator("presenter", mode="before")
    @classmethod
    def _presenter_name(cls, value: Any) -> Any:
        """Accept `presenter: Dana Reyes` as well as the mapping form."""
        return {"name": value} if isinstance(value, str) else value


# ---------------------------------------------------------------- theme

Color = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$", description="A color as #RRGGBB.")]


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
    title: float = Field(36, gt=0)
    body: float = Field(24, gt=0)
    min_body: float = Field(18, gt=0)


class HandoutStyle(Model):
    template: str | None = None
    css: str | None = None
    page: Literal["letter", "a4"] = "letter"


class Theme(Model):
    name: str
    colors: Colors
    fonts: Fonts
    font_files: FontFiles | None = None
    sizes: Sizes = Field(default_factory=Sizes)
    logo: str | None = None
    template: str | None = Field(None, description="A .pptx whose slide layouts are used.")
    layouts: dict[str, str] = Field(default_factory=dict, description="Slide kind -> layout name.")
    handout: HandoutStyle = Field(default_factory=HandoutStyle)
