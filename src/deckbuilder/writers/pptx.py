"""Deck -> .pptx: each slide kind filled into the placeholders of a theme layout.

Text is real, editable text in the layouts' placeholders; speaker notes go on notes slides;
pictures carry their alt text. Layout and theme decide the look; this module only places text.
python-pptx reads the template and writes the package; oxml.py builds what it does not offer.
"""

from __future__ import annotations

from pathlib import Path

from .. import deck as d
from ..themes import LoadedTheme
from . import oxml
from .layouts import LayoutChooser
from .oxml import MUTED, TEXT_LIGHTER, Muted
from .placing import Frame, Para, caption_height, emphasis, plan
from .template import Box, Layout, load_template, related

UNBRANDED = ("section", "closing")  # full-color slides, where a logo would fight the color


def write(deck: d.Deck, theme: LoadedTheme, out: Path) -> list:
    """Write `deck` as a .pptx at `out`. What the template lacks was found by the fit stage, which
    chose the same layouts: no warnings are left to give.

    A built-in design takes the theme's colors and fonts; an organisation's template keeps its own.
    """
    template = load_template(theme.template_path(), theme.doc.pos(("template",)))
    prs = template.presentation()
    oxml.drop_slides(prs)
    oxml.add_view_props(prs)
    t = theme.theme
    if template.generated:
        for master in related(prs.part, "slideMaster"):
            oxml.recolor(master.part_related_by(oxml.RT.THEME), scheme_colors(t),
                         {"majorFont": t.fonts.heading, "minorFont": t.fonts.body})  # fmt: skip
    layouts = LayoutChooser(template, theme, prs)
    package = prs.part.package
    muted = MUTED if template.generated else TEXT_LIGHTER
    notes = 0
    for slide in deck.slides:
        layout = layouts.choose(slide.kind)
        canvas = _Canvas(layout, package.add_slide(layouts.slide_layout(layout)), template, muted, not t.italics)
        fit = slide.fit
        caption = fit.caption if fit and fit.caption else caption_height(t.sizes.body)
        made = plan(slide, layout, (template.width, template.height), caption, t.italics)
        sizes = fit.sizes if fit else (None,) * len(made.frames)
        titles = [(f, size) for f, size in zip(made.frames, sizes, strict=True) if f.is_title]
        for frame, size in titles:  # measured at full line spacing: a cut is for the body boxes
            canvas.text(frame, size, fit and fit.small, 1)
        for image in made.images:
            canvas.picture(image.picture, image.alt, image.box)
        for frame, size in zip(made.frames, sizes, strict=True):
            if not frame.is_title:
                canvas.text(frame, size, fit and fit.small, fit.spacing if fit else 1)
        if theme.logo and slide.kind not in UNBRANDED:
            canvas.logo(theme.logo, f"{t.name} logo", slide.kind)
        canvas.slide_number(slide.number)
        if slide.notes:
            oxml.set_notes(package.add_notes(canvas.slide), _notes(slide.notes, t.italics))
            notes += 1
    oxml.properties(prs, deck.title, deck.author, deck.subject, len(deck.slides), notes)
    package.save(out)
    return []


def scheme_colors(theme) -> dict[str, str]:
    """Return the scheme colors a built-in design takes from the theme's palette, by slot."""
    c = theme.colors
    return {"dk1": c.text, "lt1": c.background, "accent1": c.accent, "accent2": c.muted}


def logo_box(picture: d.Picture, kind: str, width: int, height: int) -> Box:
    """Return where the theme's logo goes on a slide of `kind`: larger in the title slide's bottom right
    corner, small in the bottom left elsewhere."""
    margin = width * 6 // 100
    if kind == "title":
        area = Box(width - margin - width * 20 // 100, height * 78 // 100, width * 20 // 100, height * 12 // 100)
    else:
        area = Box(margin, height * 885 // 1000, width * 14 // 100, height * 55 // 1000)
    scale = min(area.w / picture.width, area.h / picture.height)
    w, h = int(picture.width * scale), int(picture.height * scale)
    x = area.x + area.w - w if kind == "title" else area.x
    return Box(x, area.y + area.h - h, w, h)


class _Canvas:
    """The shapes of one slide being written."""

    def __init__(self, layout: Layout, slide, template, muted: Muted, upright: bool) -> None:
        self.layout, self.slide, self.template, self.muted = layout, slide, template, muted
        self.upright = upright  # no italics, even where the layout draws them
        self.tree = slide.shapes._spTree
        self.next_id = 2

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def text(self, frame: Frame, size: float | None, small: float | None, spacing: float) -> None:
        """Write a frame's paragraphs into its placeholder, every run at the size the fit stage chose."""
        sid = self._id()
        style = frame.ph.style
        paras = [_paragraph(p, style.level(p.level), size, small, spacing, self.muted, self.upright)
                 for p in frame.paras]  # fmt: skip
        autofit = frame.ph.type != "sldNum"  # a presenter's later edits still shrink; a number always fits
        name = f"{frame.name} {sid}"
        self.tree.append(oxml.text_shape(sid, name, frame.ph.type, frame.ph.idx, frame.box, paras, autofit))

    def picture(self, picture: d.Picture, alt: str, box: Box, name: str = "Picture") -> None:
        """Place an image at `box`; the image stored is only as large as the box shows it at 200 dpi."""
        import io

        from ..pictures import DPI, EMU_PER_INCH, embedded

        data, _ = embedded(picture, box.w * DPI // EMU_PER_INCH, box.h * DPI // EMU_PER_INCH)
        _, rid = self.slide.part.get_or_add_image_part(io.BytesIO(data))
        sid = self._id()
        self.tree.append(oxml.picture_shape(sid, f"{name} {sid}", alt, rid, box))

    def logo(self, picture: d.Picture, alt: str, kind: str) -> None:
        """Put the theme's logo in a bottom corner: larger on the title slide, small elsewhere."""
        self.picture(picture, alt, logo_box(picture, kind, self.template.width, self.template.height), "Logo")

    def slide_number(self, number: int) -> None:
        ph = self.layout.find("sldNum")
        if ph is not None:
            sid = self._id()
            self.tree.append(oxml.text_shape(sid, f"Slide Number {sid}", ph.type, ph.idx, None,
                                             [oxml.slide_number(number)], False))  # fmt: skip


def _paragraph(para: Para, level, size: float | None, small: float | None, spacing: float, muted: Muted,
               upright: bool = False):  # fmt: skip
    """Return the a:p of a planned paragraph at its size; indents only where the plan sets them;
    `upright`: every run says it is not italic, so no layout's italics show."""
    margin, indent, _ = para.indents(level.margin, level.indent)
    explicit = bool(para.bullet or para.hanging)  # "": the layout's bullet and indents
    bullet = "none" if para.bullet == "hidden" or para.hanging else para.bullet
    run_size = small if para.small and small else size
    line = (level.line or 1.0) * spacing if spacing != 1 else None
    runs = [oxml.run(t.text, run_size, t.bold, False if upright else t.italic or None, muted if t.muted else None)
            for t in para.texts]  # fmt: skip
    return oxml.paragraph(runs, para.level, bullet, (margin, indent) if explicit else None, para.before, line, run_size,
                          para.number)  # fmt: skip


def _notes(paras: tuple[d.Para, ...], italics: bool) -> list:
    """Return the speaker notes' paragraphs; without `italics`, emphasis is bold."""
    return [oxml.paragraph([_notes_run(r, italics) for r in p.runs], p.level) for p in paras]


def _notes_run(run: d.Run, italics: bool):
    shown = emphasis(run.bold, run.italic, italics)
    return oxml.run(run.text, None, shown["bold"], shown["italic"] or None, None)
