"""Which text of a slide goes into which placeholder of its layout, as plain data.

The fit stage measures these frames and the writer writes them, so both see the same paragraphs
in the same boxes. Sizes are not decided here: the fit stage chooses them for each frame.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import chain
from typing import NamedTuple

from .. import deck as d
from .template import Box, Layout, Placeholder

NUMBER_INDENT = 457200  # a hanging indent wide enough for "10." at large sizes (EMU)
REFERENCE_INDENT = 457200  # APA's half-inch hanging indent
REFERENCE_SPACE = 9.0  # points between references
GAP = 182880  # between a picture and its caption (EMU, 0.2 in)
CAPTION_LINES = 2  # a caption under a picture has room for this many lines at the body size
TITLES = ("title", "ctrTitle")


class Text(NamedTuple):
    """A run as written: its text and look."""

    text: str
    bold: bool = False
    italic: bool = False
    muted: bool = False


class Para(NamedTuple):
    """A paragraph as written. `bullet`: "" the layout's, "none", "number", or "hidden" (a paragraph
    continued from the one before: indented like it, with no bullet of its own).

    `small` text (citations, references) is set at the slide's small size; `hanging` indents every
    line but the first by that many EMU; `slanted`: the whole paragraph is set in italics (an excerpt,
    an opt-out line), which `plan` writes into its texts as the theme allows.
    """

    texts: tuple[Text, ...]
    level: int = 0
    bullet: str = ""
    small: bool = False
    hanging: int = 0
    before: float | None = None  # points of space before it; None: the layout's
    number: int = 0  # of a numbered paragraph, when its list does not start at 1 on this slide
    slanted: bool = False

    def indents(self, margin: int, indent: int) -> tuple[int, int, bool]:
        """Return this paragraph's (marL, indent, whether a bullet is drawn), given the level's own."""
        if self.hanging:
            return self.hanging, -self.hanging, False
        if self.bullet == "none":
            return 0, 0, False
        if self.bullet == "number":
            return NUMBER_INDENT, -NUMBER_INDENT, True
        if self.bullet == "hidden":
            return margin, 0, False
        return margin, indent, True


class Frame(NamedTuple):
    """Paragraphs in a placeholder; `box` when it needs a place of its own (not the layout's)."""

    ph: Placeholder
    paras: tuple[Para, ...]
    name: str
    box: Box | None = None

    @property
    def place(self) -> Box:
        return self.box or self.ph.box

    @property
    def is_title(self) -> bool:
        return self.ph.type in TITLES

    @property
    def is_heading(self) -> bool:
        """A column's heading: one line that stays the same on every part of a continued slide."""
        return self.name == "Heading"


class Image(NamedTuple):
    picture: d.Picture
    alt: str
    box: Box


class Plan(NamedTuple):
    """What one slide shows: text frames in writing order, pictures, and whether text had no place."""

    frames: tuple[Frame, ...]
    images: tuple[Image, ...]
    lost: bool


def caption_height(body: float) -> int:
    """Return the room (EMU) a caption under a picture takes: CAPTION_LINES at `body` points, and insets."""
    return round(CAPTION_LINES * 1.2 * body * 12700) + 91440


def plan(slide: d.Slide, layout: Layout, size: tuple[int, int], caption_height: int, italics: bool = True) -> Plan:
    """Return where the text and pictures of `slide` go in `layout` (slide `size` in EMU).

    `caption_height` is the room a picture's caption takes under it (EMU). Without `italics` (a
    theme that promises none), emphasis is bold and slanted paragraphs are upright.
    """
    planner = _Planner(layout, size, caption_height)
    _PLAN[type(slide)](planner, slide)
    frames = tuple(f._replace(paras=tuple(_slant(p, italics) for p in f.paras)) for f in planner.frames)
    return Plan(frames, tuple(planner.images), planner.lost)


def _slant(para: Para, italics: bool) -> Para:
    """Return a paragraph with italics where the theme allows them, else bold for emphasis."""
    if italics:
        return para._replace(texts=tuple(t._replace(italic=t.italic or para.slanted) for t in para.texts))
    return para._replace(texts=tuple(t._replace(**emphasis(t.bold, t.italic, italics)) for t in para.texts))


def emphasis(bold: bool, italic: bool, italics: bool) -> dict[str, bool]:
    """Return a run's bold and italic under a theme: without `italics`, emphasis is bold instead."""
    return {"bold": bold, "italic": italic} if italics else {"bold": bold or italic, "italic": False}


class _Planner:
    """Collects the frames of one slide."""

    def __init__(self, layout: Layout, size: tuple[int, int], caption_height: int) -> None:
        self.layout, self.size, self.caption_height = layout, size, caption_height
        self.frames: list[Frame] = []
        self.images: list[Image] = []
        self.lost = False  # text the layout had no placeholder for

    def fill(self, kind: str, paras: tuple) -> bool:
        """Put paragraphs into the layout's placeholder of a type; return False if it has none."""
        ph = self.layout.find(kind)
        if ph is not None:
            self.put(ph, paras, "Title" if kind == "title" else kind.title())
        return ph is not None

    def put(self, ph: Placeholder, paras: tuple, name: str, box: Box | None = None) -> None:
        """Put paragraphs into a placeholder; placeholders that share an idx (Impress writes none)
        need their own place."""
        if not paras:
            return
        shared = sum(p.idx == ph.idx and p.type == ph.type for p in self.layout.placeholders) > 1
        self.frames.append(Frame(ph, tuple(paras), name, box or (ph.box if shared else None)))

    def stack(self, *parts: tuple) -> None:
        """Fill the first column: part by part when it has a placeholder for each, else all in one."""
        subtitle = self.layout.find("subTitle")
        column = (self.layout.columns() or [[subtitle] if subtitle else []])[0]
        if len(column) >= len(parts):
            for ph, paras in zip(column, parts):
                self.put(ph, paras, "Text")
        elif column:
            self.put(column[0], _all(parts), "Text")
        elif _all(parts):
            self.lost = True

    def side_by_side(self, left: tuple, right: tuple) -> None:
        """Fill two columns with (heading, content) each; one column takes both in turn."""
        columns = self.layout.columns()
        if len(columns) < 2:
            self.stack(_all(left + right))
            return
        for column, (heading, content) in zip(columns, (left, right)):
            if len(column) >= 2:
                self.put(column[0], heading, "Heading")
                self.put(column[1], content, "Text")
            else:
                self.put(column[0], heading + content, "Text")

    def title(self, runs: d.Rich) -> None:
        self.fill("title", _p(runs))

    def body(self, paras: tuple) -> None:
        """Fill the layout's first text placeholder."""
        self.stack(paras)

    def picture(self, picture: d.Picture, alt: str, caption: tuple) -> None:
        """Show a picture as large as the content area allows, its caption directly under it, or
        beside it when that leaves the picture larger (a tall picture)."""
        area = self._content_area()
        holder = next(iter(chain.from_iterable(self.layout.columns())), None) or self.layout.find("subTitle")
        if not caption or holder is None:
            self.lost = self.lost or bool(caption)
            self.images.append(Image(picture, alt, _inside(picture, area)))
            return
        room = min(self.caption_height, area.h // 2)  # the picture keeps at least half the area
        under = Box(area.x, area.y, area.w, max(1, area.h - room - GAP))
        beside = Box(area.x, area.y, area.w * 2 // 3 - GAP // 2, area.h)
        wide = _scale(picture, under) >= _scale(picture, beside)
        shown = _inside(picture, under if wide else beside)
        if wide:
            width = max(shown.w, area.w // 2)
            x = min(max(area.x, shown.x + (shown.w - width) // 2), area.x + area.w - width)
            text = Box(x, shown.y + shown.h + GAP, width, room)
            top = area.y + (area.h - shown.h - GAP - room) // 2  # the pair, centred
            shown, text = replace(shown, y=top), replace(text, y=top + shown.h + GAP)
        else:
            text = Box(shown.x + shown.w + GAP, shown.y, area.x + area.w - shown.x - shown.w - GAP, shown.h)
        self.images.append(Image(picture, alt, shown))
        self.put(holder, caption, "Caption", text)

    def grown(self, ph: Placeholder) -> Box:
        """Return a placeholder's box run on down to the next placeholder below it, or to the
        bottom margin of the slide (what is free there)."""
        box = ph.box
        below = [p.box.y for p in self.layout.placeholders
                 if p.box.y >= box.y + box.h and p.box.x < box.x + box.w and box.x < p.box.x + p.box.w
                 and p.type not in ("sldNum", "dt", "ftr")]  # fmt: skip
        bottom = min(below, default=self.size[1] * 93 // 100)
        return replace(box, h=max(box.h, bottom - box.y))

    def _content_area(self) -> Box:
        """Return the part of the layout that holds content, clear of the title: its picture and text
        places below the title together, or those above it (a title under the picture) when they
        are larger; without any, the room between the title and the bottom margin."""
        width, height = self.size
        title = self.layout.find("title")
        top, bottom = (title.box.y, title.box.y + title.box.h) if title else (0, 0)
        boxes = [ph.box for ph in self.layout.placeholders if ph.type in ("pic", "body", "obj")]
        sides = [_union([b for b in boxes if b.y >= bottom]), _union([b for b in boxes if b.y + b.h <= top])]
        found = max(filter(None, sides), key=lambda b: b.w * b.h, default=None)
        if found:
            return found
        y = max(bottom, height // 10) + GAP
        return Box(width // 10, y, width * 8 // 10, height * 93 // 100 - y)


def _union(boxes: list[Box]) -> Box | None:
    """Return the smallest box that holds all of `boxes`, or None when there are none."""
    if not boxes:
        return None
    x, y = min(b.x for b in boxes), min(b.y for b in boxes)
    return Box(x, y, max(b.x + b.w for b in boxes) - x, max(b.y + b.h for b in boxes) - y)


def _scale(picture: d.Picture, area: Box) -> float:
    return min(area.w / picture.width, area.h / picture.height)


def _inside(picture: d.Picture, area: Box) -> Box:
    """Return the largest box of the picture's shape centred in `area`."""
    scale = _scale(picture, area)
    w, h = max(1, int(picture.width * scale)), max(1, int(picture.height * scale))
    return Box(area.x + (area.w - w) // 2, area.y + (area.h - h) // 2, w, h)


# ------------------------------------------------------------------ paragraphs and runs


def _texts(runs: d.Rich, muted: bool = False, bold: bool = False) -> tuple[Text, ...]:
    return tuple(Text(run.text, run.bold or bold, run.italic, muted) for run in runs)


def _p(runs: d.Rich, level: int = 0, bullet: str = "", small: bool = False, muted: bool = False,
       italic: bool = False, bold: bool = False) -> tuple:  # fmt: skip
    """Return one paragraph (as a tuple, so paragraphs add up); `italic`: set in italics as a whole."""
    return (Para(_texts(runs, muted, bold), level, bullet, small, slanted=italic),)


def _line(text: str, **kwargs) -> tuple:
    return _p((d.Run(text),), **kwargs) if text else ()


def _paras(paras: tuple[d.Para, ...]) -> tuple:
    return _all(_p(p.runs, p.level, "hidden" if p.continued else "") for p in paras)


def _cited(s: d.Slide) -> tuple:
    """Return a slide's in-text citation: small and muted, after what it cites (on each part of a
    continued slide, as each part paraphrases its sources too)."""
    return _line(s.citation, bullet="none", muted=True, small=True)


def _all(parts) -> tuple:
    """Return the paragraphs of several parts as one part."""
    return tuple(chain.from_iterable(parts))


# ------------------------------------------------------------------ one function per kind


def _title(c: _Planner, s: d.TitleSlide) -> None:
    c.title(s.title)
    byline = _all(_line(line, bullet="none") for line in s.byline)
    if c.layout.columns():
        c.fill("subTitle", _p(s.subtitle))
        column = c.layout.columns()[0]
        if byline and len(column) == 1:  # a byline of three lines may run on into the free room below
            c.put(column[0], byline, "Text", c.grown(column[0]))
        else:
            c.stack(byline)
    elif not c.fill("subTitle", _p(s.subtitle) + byline):
        c.stack(_p(s.subtitle) + byline)


def _notice(c: _Planner, s: d.NoticeSlide) -> None:
    c.title(s.title)
    c.body(_p(s.text, bullet="none"))


def _numbered(items, start: int) -> tuple:
    """Return numbered paragraphs of runs counting from `start` (a list continued from an earlier slide)."""
    return tuple(Para(texts, bullet="number", number=start + i if start > 1 else 0) for i, texts in enumerate(items))


def _objectives(c: _Planner, s: d.ObjectivesSlide) -> None:
    c.title(s.title)
    lead = _p(s.lead, bullet="none") if s.lead else ()
    c.body(lead + _numbered(map(_texts, s.items), s.start))


def _agenda(c: _Planner, s: d.AgendaSlide) -> None:
    """Numbered parts, as the section slides number them, each with its time."""
    c.title(s.title)
    parts = [_texts(item.title) + ((Text(f"  \u00b7  {item.time}", muted=True),) if item.time else ())
             for item in s.items]  # fmt: skip
    c.body(_numbered(parts, s.start) + _line(s.total_text, bullet="none", muted=True))


def _section(c: _Planner, s: d.SectionSlide) -> None:
    c.title(s.title)
    c.body(_line(s.label, bullet="none"))


def _bullets(c: _Planner, s: d.BulletsSlide) -> None:
    c.title(s.title)
    c.body(_paras(s.paras) + _cited(s))


def _quote(c: _Planner, s: d.QuoteSlide) -> None:
    c.title(s.title)
    attribution = _line(s.attribution, bullet="none")
    citation = _line(s.citation, bullet="none", muted=True)
    if len((c.layout.columns() or [[]])[0]) >= 2:  # a quote layout, which draws its own quotation mark
        c.stack(_p(s.text, bullet="none"), attribution + citation)
    else:
        c.body(_p(s.quoted, bullet="none") + attribution + citation)


def _principle(c: _Planner, s: d.PrincipleSlide) -> None:
    c.title(s.title)
    excerpt = _p(s.quoted_excerpt, bullet="none", italic=True) if s.quoted_excerpt else ()
    rest = excerpt + _cited(s)
    c.stack(*((_p(s.summary, bullet="none"), rest) if s.summary else (rest,)))  # no empty line for a draft's summary


def _principles(c: _Planner, s: d.PrinciplesSlide) -> None:
    c.title(s.title)
    paras = []
    for item in s.items:
        paras.append(_p((d.Run(f"{item.label} "),) + item.title, bullet="none", bold=True))
        if item.summary:
            paras.append(_p(item.summary, level=1))
    paras.append(_cited(s))
    c.body(_all(paras))


def _exercise(c: _Planner, s: d.ExerciseSlide) -> None:
    """Steps beside the reflection prompts when the layout has two columns, else one list."""
    c.title(s.title)
    steps = _numbered(map(_texts, s.steps), s.start)
    reflect = _all(_p(prompt) for prompt in s.prompts)
    opt_out = _p(s.opt_out, bullet="none", italic=True, muted=True) if s.opt_out else ()
    heading = _line(s.steps_heading, bullet="none", bold=True) if s.steps else ()
    reflect_heading = _line(s.prompts_heading, bullet="none", bold=True) if s.prompts or opt_out else ()
    if len(c.layout.columns()) >= 2:  # the steps on the left, what to reflect on on the right
        c.side_by_side((heading, steps), (reflect_heading, reflect + opt_out + _cited(s)))
    else:
        c.body(heading + steps + reflect_heading + reflect + opt_out + _cited(s))


def _discussion(c: _Planner, s: d.DiscussionSlide) -> None:
    c.title(s.title)
    heading = _line(s.questions_heading, bullet="none", bold=True)
    c.body(heading + _all(_p(q) for q in s.questions) + _cited(s))


def _image(c: _Planner, s: d.ImageSlide) -> None:
    c.title(s.title)
    c.picture(s.picture, s.alt, (_p(s.caption, bullet="none") if s.caption else ()) + _cited(s))


def _two_column(c: _Planner, s: d.TwoColumnSlide) -> None:
    c.title(s.title)
    columns = [(_p(col.heading, bullet="none", bold=s.inline_headings) if col.heading else (), _paras(col.paras))
               for col in (s.left, s.right)]  # fmt: skip
    if s.inline_headings:
        columns = [((), heading + paras) for heading, paras in columns]
    (left, (heading, paras)) = columns
    c.side_by_side(left, (heading, paras + _cited(s)))


def _statement(c: _Planner, s: d.StatementSlide) -> None:
    c.title(s.text)
    c.body((_p(s.title, bullet="none") if s.title else ()) + _cited(s))


def _references(c: _Planner, s: d.ReferencesSlide) -> None:
    c.title(s.title)
    c.body(tuple(Para(_texts(entry), small=True, hanging=REFERENCE_INDENT, before=REFERENCE_SPACE)
                 for entry in s.entries))  # fmt: skip


def _closing(c: _Planner, s: d.ClosingSlide) -> None:
    c.title(s.title)
    if s.text:
        c.body(_p(s.text, bullet="none"))


_PLAN = {
    d.TitleSlide: _title, d.NoticeSlide: _notice, d.ObjectivesSlide: _objectives,
    d.AgendaSlide: _agenda, d.SectionSlide: _section, d.BulletsSlide: _bullets,
    d.QuoteSlide: _quote, d.PrincipleSlide: _principle, d.PrinciplesSlide: _principles,
    d.ExerciseSlide: _exercise, d.DiscussionSlide: _discussion, d.ImageSlide: _image,
    d.TwoColumnSlide: _two_column, d.StatementSlide: _statement, d.ReferencesSlide: _references,
    d.ClosingSlide: _closing,
}  # fmt: skip
