"""Deck -> .pptx: each slide kind filled into the placeholders of a theme layout.

Text is real, editable text in the layouts' placeholders; speaker notes go on notes slides;
pictures carry their alt text. Layout and theme decide the look; this module only places text.
python-pptx reads the template and writes the package; oxml.py builds what it does not offer.
"""

from __future__ import annotations

from itertools import chain
from pathlib import Path

from .. import deck as d
from ..themes import LoadedTheme
from . import oxml
from .layouts import LayoutChooser
from .oxml import MUTED, TEXT_LIGHTER
from .template import Box, Layout, Placeholder, load_template, related

UNBRANDED = ("section", "closing")  # full-color slides, where a logo would fight the color


def write(deck: d.Deck, theme: LoadedTheme, out: Path) -> list:
    """Write `deck` as a .pptx at `out`; return warnings (e.g. a layout the template lacks).

    A built-in design takes the theme's colors and fonts; an organisation's template keeps its own.
    """
    template = load_template(theme.template_path(), theme.doc.pos(("template",)))
    prs = template.presentation()
    oxml.drop_slides(prs)
    oxml.add_view_props(prs)
    t = theme.theme
    if template.generated:
        for master in related(prs.part, "slideMaster"):
            oxml.recolor(master.part_related_by(oxml.RT.THEME),
                         {"dk1": t.colors.text, "lt1": t.colors.background, "accent1": t.colors.accent,
                          "accent2": t.colors.muted},
                         {"majorFont": t.fonts.heading, "minorFont": t.fonts.body})  # fmt: skip
    layouts = LayoutChooser(template, prs, theme)
    package = prs.part.package
    lost: set[str] = set()
    notes = 0
    for slide in deck.slides:
        layout = layouts.choose(slide.kind)
        canvas = _Canvas(layout, package.add_slide(layouts.slide_layout(layout)), template, t.sizes.min_body)
        _FILL[type(slide)](canvas, slide)
        if theme.logo and slide.kind not in UNBRANDED:
            canvas.logo(theme.logo, f"{t.name} logo", slide.kind)
        canvas.slide_number(slide.number)
        if canvas.lost and slide.kind not in lost:
            lost.add(slide.kind)
            layouts.warnings.append(
                f"layout '{layout.name}' has no text placeholder, so {slide.kind} slides show only their title"
            )
        if slide.notes:
            oxml.set_notes(package.add_notes(canvas.slide), list(_paras(slide.notes)))
            notes += 1
    oxml.properties(prs, deck.title, deck.author, deck.subject, len(deck.slides), notes)
    package.save(out)
    return layouts.warnings


class _Canvas:
    """The shapes of one slide being written."""

    def __init__(self, layout: Layout, slide, template, small: float) -> None:
        self.layout, self.slide, self.template = layout, slide, template
        self.small = small  # citations and references: the theme's smallest body size
        self.muted = MUTED if template.generated else TEXT_LIGHTER
        self.lost = False  # text the layout had no placeholder for
        self.tree = slide.shapes._spTree
        self.next_id = 2

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def fill(self, kind: str, paras: tuple, name: str = "") -> bool:
        """Put paragraphs into the layout's placeholder of a type; return False if it has none."""
        ph = self.layout.find(kind)
        if ph is not None:
            self.put(ph, paras, name)
        return ph is not None

    def put(self, ph: Placeholder, paras: tuple, name: str = "") -> None:
        """Put paragraphs into a placeholder of the layout."""
        if not paras:
            return
        sid = self._id()
        shared = sum(p.idx == ph.idx and p.type == ph.type for p in self.layout.placeholders) > 1
        box = ph.box if shared else None  # placeholders that share an idx (Impress writes none) need their own place
        for p in paras:
            oxml.remute(p, self.muted)
        autofit = ph.type != "sldNum"  # text that does not fit shrinks; a number always fits
        self.tree.append(oxml.text_shape(sid, f"{name or ph.type.title()} {sid}", ph.type, ph.idx, box, paras, autofit))

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

    def picture(self, picture: d.Picture, alt: str, area: Box, anchor: str = "center", name: str = "Picture") -> None:
        """Place an image inside `area`, as large as fits, keeping its aspect ratio.

        `anchor` "center" centres it in the area; "left" and "right" put it in a bottom corner.

        The image stored is only as large as `area` shows it at 200 dpi: the deck stays small.
        """
        import io

        from ..pictures import DPI, EMU_PER_INCH, embedded

        data, _ = embedded(picture, area.w * DPI // EMU_PER_INCH, area.h * DPI // EMU_PER_INCH)
        _, rid = self.slide.part.get_or_add_image_part(io.BytesIO(data))
        scale = min(area.w / picture.width, area.h / picture.height)
        w, h = int(picture.width * scale), int(picture.height * scale)
        x = {"left": area.x, "right": area.x + area.w - w}.get(anchor, area.x + (area.w - w) // 2)
        y = area.y + area.h - h if anchor in ("left", "right") else area.y + (area.h - h) // 2
        sid = self._id()
        self.tree.append(oxml.picture_shape(sid, f"{name} {sid}", alt, rid, Box(x, y, w, h)))

    def logo(self, picture: d.Picture, alt: str, kind: str) -> None:
        """Put the theme's logo in a bottom corner: larger on the title slide, small elsewhere."""
        width, height = self.template.width, self.template.height
        margin = width * 6 // 100
        if kind == "title":
            box = Box(width - margin - width * 20 // 100, height * 78 // 100, width * 20 // 100, height * 12 // 100)
        else:
            box = Box(margin, height * 885 // 1000, width * 14 // 100, height * 55 // 1000)
        self.picture(picture, alt, box, "right" if kind == "title" else "left", "Logo")

    def slide_number(self, number: int) -> None:
        self.fill("sldNum", (oxml.slide_number(number),), "Slide Number")

    def title(self, runs: d.Rich) -> None:
        self.fill("title", _p(runs), "Title")

    def body(self, paras: tuple) -> None:
        """Fill the layout's first text placeholder."""
        self.stack(paras)


# ------------------------------------------------------------------ paragraphs and runs


class _muted(d.Run):
    """A run in the theme's muted color."""


def _runs(runs: d.Rich, size: float | None = None, muted: bool = False, italic: bool = False) -> list:
    return [oxml.run(run.text, size, run.bold, run.italic or italic,
                     MUTED if muted or isinstance(run, _muted) else None) for run in runs]  # fmt: skip


def _p(runs: d.Rich, level: int = 0, bullet: str = "", size: float | None = None,
       muted: bool = False, italic: bool = False, hanging: int = 0) -> tuple:  # fmt: skip
    """Return one paragraph (as a tuple, so paragraphs add up). See `oxml.paragraph` for `bullet`."""
    return (oxml.paragraph(_runs(runs, size, muted, italic), level, bullet, size, hanging),)


def _paras(paras: tuple[d.Para, ...]) -> tuple:
    return _all(_p(p.runs, p.level) for p in paras)


def _all(parts) -> tuple:
    """Return the paragraphs of several parts as one part."""
    return tuple(chain.from_iterable(parts))


# ------------------------------------------------------------------ one function per kind


def _title(c: _Canvas, s: d.TitleSlide) -> None:
    c.title(s.title)
    byline = _all(_p((d.Run(line),), bullet="none") for line in s.byline)
    if c.layout.columns():
        c.fill("subTitle", _p(s.subtitle))
        c.stack(byline)
    elif not c.fill("subTitle", _p(s.subtitle) + byline):
        c.stack(_p(s.subtitle) + byline)


def _notice(c: _Canvas, s: d.NoticeSlide) -> None:
    c.title(s.title)
    c.body(_p(s.text, bullet="none"))


def _objectives(c: _Canvas, s: d.ObjectivesSlide) -> None:
    c.title(s.title)
    c.body(_p(s.lead, bullet="none") + _all(_p(item, bullet="number") for item in s.items))


def _agenda(c: _Canvas, s: d.AgendaSlide) -> None:
    """Numbered parts, as the section slides number them, each with its time."""
    c.title(s.title)
    paras = []
    for item in s.items:
        minutes = (_muted(f"  \u00b7  {item.time}"),) if item.time else ()
        paras.append(_p(item.title + minutes, bullet="number"))
    if s.total_text:
        paras.append(_p((_muted(s.total_text),), bullet="none"))
    c.body(_all(paras))


def _section(c: _Canvas, s: d.SectionSlide) -> None:
    c.title(s.title)
    c.body(_p((d.Run(s.label),), bullet="none"))


def _bullets(c: _Canvas, s: d.BulletsSlide) -> None:
    c.title(s.title)
    c.body(_paras(s.paras))


def _quote(c: _Canvas, s: d.QuoteSlide) -> None:
    c.title(s.title)
    attribution = _p((d.Run(s.attribution),), bullet="none") if s.attribution else ()
    citation = _p((d.Run(s.citation),), bullet="none", muted=True)
    if len((c.layout.columns() or [[]])[0]) >= 2:  # a quote layout, which draws its own quotation mark
        c.stack(_p(s.text, bullet="none"), attribution + citation)
    else:
        c.body(_p(s.quoted, bullet="none") + attribution + citation)


def _principle(c: _Canvas, s: d.PrincipleSlide) -> None:
    c.title(s.title)
    excerpt = _p(s.quoted_excerpt, bullet="none", italic=True) if s.quoted_excerpt else ()
    citation = _p((d.Run(s.citation),), bullet="none", muted=True, size=c.small)
    c.stack(_p(s.summary, bullet="none"), excerpt + citation)


def _principles(c: _Canvas, s: d.PrinciplesSlide) -> None:
    c.title(s.title)
    paras = []
    for item in s.items:
        number = (d.Run(f"{item.label} ", bold=True),)
        paras.append(_p(number + tuple(d.Run(r.text, True, r.italic) for r in item.title), bullet="none"))
        if item.summary:
            paras.append(_p(item.summary, level=1))
    paras.append(_p((d.Run(s.citation),), bullet="none", muted=True, size=c.small))
    c.body(_all(paras))


def _exercise(c: _Canvas, s: d.ExerciseSlide) -> None:
    """Steps beside the reflection prompts when the layout has two columns, else one list."""
    c.title(s.title)
    label = s.steps_heading
    steps = _all(_p(step, bullet="number") for step in s.steps)
    reflect = _all(_p(prompt) for prompt in s.prompts)
    opt_out = _p(s.opt_out, bullet="none", italic=True, muted=True) if s.opt_out else ()
    if len(c.layout.columns()) >= 2 and s.steps and s.prompts:
        c.side_by_side((_p((d.Run(label, bold=True),), bullet="none"), steps),
                       (_p((d.Run(s.prompts_heading, bold=True),), bullet="none"), reflect + opt_out))  # fmt: skip
        return
    heading = _p((d.Run(label, bold=True),), bullet="none") if s.steps else ()
    reflect_heading = _p((d.Run(s.prompts_heading, bold=True),), bullet="none") if s.prompts else ()
    c.body(heading + steps + reflect_heading + reflect + opt_out)


def _discussion(c: _Canvas, s: d.DiscussionSlide) -> None:
    c.title(s.title)
    c.body(_all(_p(q) for q in s.questions))


def _image(c: _Canvas, s: d.ImageSlide) -> None:
    c.title(s.title)
    area = c.layout.find("pic")
    box = area.box if area else _free_area(c)
    c.picture(s.picture, s.alt, box)
    if s.caption:
        c.body(_p(s.caption, bullet="none"))


def _free_area(c: _Canvas) -> Box:
    """Return the content area of a layout without a picture placeholder."""
    bodies = [ph.box for column in c.layout.columns() for ph in column]
    if bodies:
        return max(bodies, key=lambda b: b.w * b.h)
    width, height = c.template.width, c.template.height
    return Box(width // 10, height // 4, width * 8 // 10, height * 6 // 10)


def _two_column(c: _Canvas, s: d.TwoColumnSlide) -> None:
    c.title(s.title)
    c.side_by_side(*((_p(col.heading, bullet="none") if col.heading else (), _paras(col.paras))
                     for col in (s.left, s.right)))  # fmt: skip


def _statement(c: _Canvas, s: d.StatementSlide) -> None:
    c.title(s.text)
    if s.title:
        c.body(_p(s.title, bullet="none"))


def _references(c: _Canvas, s: d.ReferencesSlide) -> None:
    c.title(s.title)
    c.body(_all(_p(entry, size=c.small, hanging=457200) for entry in s.entries))


def _closing(c: _Canvas, s: d.ClosingSlide) -> None:
    c.title(s.title)
    if s.text:
        c.body(_p(s.text, bullet="none"))


_FILL = {
    d.TitleSlide: _title, d.NoticeSlide: _notice, d.ObjectivesSlide: _objectives,
    d.AgendaSlide: _agenda, d.SectionSlide: _section, d.BulletsSlide: _bullets,
    d.QuoteSlide: _quote, d.PrincipleSlide: _principle, d.PrinciplesSlide: _principles,
    d.ExerciseSlide: _exercise, d.DiscussionSlide: _discussion, d.ImageSlide: _image,
    d.TwoColumnSlide: _two_column, d.StatementSlide: _statement, d.ReferencesSlide: _references,
    d.ClosingSlide: _closing,
}  # fmt: skip
