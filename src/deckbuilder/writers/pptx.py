"""Deck -> .pptx: each slide kind filled into the placeholders of a theme layout.

Text is real, editable text in the layouts' placeholders; speaker notes go on notes slides;
pictures carry their alt text. Layout and theme decide the look; this module only places text.
"""

from __future__ import annotations

from pathlib import Path

from .. import deck as d
from ..themes import LoadedTheme
from .layouts import LayoutChooser, builtin_template
from .ooxml import MUTED, TEXT_LIGHTER, Box, Layout, Package, Placeholder, esc, load_template

# Text that does not fit shrinks (PowerPoint and Impress both honour normAutofit on the slide).
_BODY_PR = {"body": "<a:bodyPr><a:normAutofit/></a:bodyPr>", "obj": "<a:bodyPr><a:normAutofit/></a:bodyPr>",
            "sldNum": "<a:bodyPr/>"}  # fmt: skip
_TITLE_PR = "<a:bodyPr><a:normAutofit/></a:bodyPr>"

UNBRANDED = ("section", "closing")  # full-color slides, where a logo would fight the color
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


def write(deck: d.Deck, theme: LoadedTheme, out: Path) -> list:
    """Write `deck` as a .pptx at `out`; return warnings (e.g. a layout the template lacks).

    A built-in design takes the theme's colors and fonts; an organisation's template keeps its own.
    """
    template = load_template(theme.template_path(), theme.doc.pos(("template",)))
    package = Package(template)
    if not template.notes_master:
        package.add_notes_master(builtin_template())
    t = theme.theme
    if template.generated:
        package.recolor(
            {"dk1": t.colors.text, "lt1": t.colors.background, "accent1": t.colors.accent,
             "accent2": t.colors.muted},
            {"majorFont": t.fonts.heading, "minorFont": t.fonts.body},
        )  # fmt: skip
    layouts = LayoutChooser(package, theme)
    lost: set[str] = set()
    for slide in deck.slides:
        layout = layouts.choose(slide.kind)
        canvas = _Canvas(layout, package, t.sizes.min_body)
        _FILL[type(slide)](canvas, slide)
        if theme.logo and slide.kind not in UNBRANDED:
            canvas.logo(theme.logo, f"{t.name} logo", slide.kind)
        canvas.slide_number(slide.number)
        if canvas.lost and slide.kind not in lost:
            lost.add(slide.kind)
            layouts.warnings.append(
                f"layout '{layout.name}' has no text placeholder, so {slide.kind} slides show only their title"
            )
        notes = _paras(slide.notes) if slide.notes else None
        package.add_slide(layout, "".join(canvas.shapes), notes, canvas.images)
    package.properties(deck.title, deck.author, deck.subject)
    package.save(out)
    return layouts.warnings


class _Canvas:
    """The shapes of one slide being written."""

    def __init__(self, layout: Layout, package: Package, small: float) -> None:
        self.layout, self.package = layout, package
        self.small = small  # citations and references: the theme's smallest body size
        self.muted = MUTED if package.template.generated else TEXT_LIGHTER
        self.lost = False  # text the layout had no placeholder for
        self.shapes: list[str] = []
        self.images: list[str] = []
        self.next_id = 2

    def _id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def fill(self, kind: str, paras: str, name: str = "") -> bool:
        """Put paragraphs into the layout's placeholder of a type; return False if it has none."""
        ph = self.layout.find(kind)
        if ph is not None:
            self.put(ph, paras, name)
        return ph is not None

    def put(self, ph: Placeholder, paras: str, name: str = "") -> None:
        """Put paragraphs into a placeholder of the layout."""
        if not paras:
            return
        sid = self._id()
        idx_attr = f' idx="{ph.idx}"' if ph.idx else ""
        sp_pr = "<p:spPr/>"
        if ph.box and sum(p.idx == ph.idx and p.type == ph.type for p in self.layout.placeholders) > 1:
            box = ph.box  # placeholders that share an idx (Impress writes none) need their own place
            sp_pr = f'<p:spPr><a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/></a:xfrm></p:spPr>'
        if self.muted != MUTED:
            paras = paras.replace(MUTED, self.muted)
        self.shapes.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{esc(name or ph.type.title())} {sid}"/>'
            '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="{ph.type}"{idx_attr}/></p:nvPr></p:nvSpPr>{sp_pr}'
            f"<p:txBody>{_BODY_PR.get(ph.type, _TITLE_PR)}<a:lstStyle/>{paras}</p:txBody></p:sp>"
        )

    def stack(self, *parts: str) -> None:
        """Fill the first column: part by part when it has a placeholder for each, else all in one."""
        subtitle = self.layout.find("subTitle")
        column = (self.layout.columns() or [[subtitle] if subtitle else []])[0]
        if len(column) >= len(parts):
            for ph, paras in zip(column, parts):
                self.put(ph, paras, "Text")
        elif column:
            self.put(column[0], "".join(parts), "Text")
        elif "".join(parts):
            self.lost = True

    def side_by_side(self, left: tuple[str, str], right: tuple[str, str]) -> None:
        """Fill two columns with (heading, content) each; one column takes both in turn."""
        columns = self.layout.columns()
        if len(columns) < 2:
            self.stack("".join(left + right))
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
        from ..pictures import DPI, EMU_PER_INCH, embedded

        data, ext = embedded(picture, area.w * DPI // EMU_PER_INCH, area.h * DPI // EMU_PER_INCH)
        media = self.package.add_media(data, ext)
        if media not in self.images:
            self.images.append(media)
        rid = f"rId{2 + self.images.index(media)}"
        scale = min(area.w / picture.width, area.h / picture.height)
        w, h = int(picture.width * scale), int(picture.height * scale)
        x = {"left": area.x, "right": area.x + area.w - w}.get(anchor, area.x + (area.w - w) // 2)
        y = area.y + area.h - h if anchor in ("left", "right") else area.y + (area.h - h) // 2
        sid = self._id()
        self.shapes.append(
            f'<p:pic><p:nvPicPr><p:cNvPr id="{sid}" name="{name} {sid}" descr="{esc(alt)}"/>'
            '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
        )

    def logo(self, picture: d.Picture, alt: str, kind: str) -> None:
        """Put the theme's logo in a bottom corner: larger on the title slide, small elsewhere."""
        width, height = self.package.template.width, self.package.template.height
        margin = width * 6 // 100
        if kind == "title":
            box = Box(width - margin - width * 20 // 100, height * 78 // 100, width * 20 // 100, height * 12 // 100)
        else:
            box = Box(margin, height * 885 // 1000, width * 14 // 100, height * 55 // 1000)
        self.picture(picture, alt, box, "right" if kind == "title" else "left", "Logo")

    def slide_number(self, number: int) -> None:
        self.fill(
            "sldNum",
            f'<a:p><a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr lang="en-US"/>'
            f"<a:t>{number}</a:t></a:fld></a:p>", "Slide Number",
        )  # fmt: skip

    def title(self, runs: d.Rich) -> None:
        self.fill("title", _p(runs), "Title")

    def body(self, paras: str) -> None:
        """Fill the layout's first text placeholder."""
        self.stack(paras)


# ------------------------------------------------------------------ paragraphs and runs


class _muted(d.Run):
    """A run in the theme's muted color."""


def _runs(runs: d.Rich, size: float | None = None, muted: bool = False, italic: bool = False) -> str:
    out = []
    for run in runs:
        muted_run = muted or isinstance(run, _muted)
        attrs = ' lang="en-US"'
        if size:
            attrs += f' sz="{int(size * 100)}"'
        if run.bold:
            attrs += ' b="1"'
        if run.italic or italic:
            attrs += ' i="1"'
        fill = f"<a:solidFill>{MUTED}</a:solidFill>" if muted_run else ""
        out.append(f"<a:r><a:rPr{attrs} dirty=\"0\">{fill}</a:rPr><a:t>{esc(run.text)}</a:t></a:r>"
                   if fill else f'<a:r><a:rPr{attrs} dirty="0"/><a:t>{esc(run.text)}</a:t></a:r>')  # fmt: skip
    return "".join(out)


def _p(runs: d.Rich, level: int = 0, bullet: str = "", size: float | None = None,
       muted: bool = False, italic: bool = False, tabs: str = "", hanging: int = 0) -> str:  # fmt: skip
    """Return one paragraph. bullet: "" keeps the layout's, "none" removes it, "number" counts.

    `hanging` indents every line but the first by that many EMU (reference lists).
    """
    props = f' lvl="{level}"' if level else ""
    inner = ""
    if hanging:
        props += f' marL="{hanging}" indent="-{hanging}"'
        inner += '<a:spcBef><a:spcPts val="900"/></a:spcBef><a:buNone/>'
    elif bullet == "none":
        props += ' marL="0" indent="0"'
        inner += "<a:buNone/>"
    elif bullet == "number":  # a hanging indent wide enough for "10." at large sizes
        props += ' marL="457200" indent="-457200"'
        inner += '<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"/>'
    inner += tabs  # the schema orders spacing, then bullets, then tab stops
    p_pr = f"<a:pPr{props}>{inner}</a:pPr>" if (props or inner) else ""
    end = f'<a:endParaRPr lang="en-US" sz="{int(size * 100)}" dirty="0"/>' if size and not runs else ""
    return f"<a:p>{p_pr}{_runs(runs, size, muted, italic)}{end}</a:p>"


def _paras(paras: tuple[d.Para, ...]) -> str:
    return "".join(_p(p.runs, p.level) for p in paras)


# ------------------------------------------------------------------ one function per kind


def _title(c: _Canvas, s: d.TitleSlide) -> None:
    c.title(s.title)
    byline = "".join(_p((d.Run(line),), bullet="none") for line in s.byline)
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
    c.body(_p(s.lead, bullet="none") + "".join(_p(item, bullet="number") for item in s.items))


def _agenda(c: _Canvas, s: d.AgendaSlide) -> None:
    """Numbered parts, as the section slides number them, each with its time."""
    c.title(s.title)
    paras = []
    for item in s.items:
        minutes = (_muted(f"  \u00b7  {item.time}"),) if item.time else ()
        paras.append(_p(item.title + minutes, bullet="number"))
    if s.total_text:
        paras.append(_p((_muted(s.total_text),), bullet="none"))
    c.body("".join(paras))


def _section(c: _Canvas, s: d.SectionSlide) -> None:
    c.title(s.title)
    c.body(_p((d.Run(s.label),), bullet="none"))


def _bullets(c: _Canvas, s: d.BulletsSlide) -> None:
    c.title(s.title)
    c.body(_paras(s.paras))


def _quote(c: _Canvas, s: d.QuoteSlide) -> None:
    c.title(s.title)
    attribution = _p((d.Run(s.attribution),), bullet="none") if s.attribution else ""
    citation = _p((d.Run(s.citation),), bullet="none", muted=True)
    if len((c.layout.columns() or [[]])[0]) >= 2:  # a quote layout, which draws its own quotation mark
        c.stack(_p(s.text, bullet="none"), attribution + citation)
    else:
        c.body(_p(s.quoted, bullet="none") + attribution + citation)


def _principle(c: _Canvas, s: d.PrincipleSlide) -> None:
    c.title(s.title)
    excerpt = _p(s.quoted_excerpt, bullet="none", italic=True) if s.quoted_excerpt else ""
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
    c.body("".join(paras))


def _exercise(c: _Canvas, s: d.ExerciseSlide) -> None:
    """Steps beside the reflection prompts when the layout has two columns, else one list."""
    c.title(s.title)
    label = s.steps_heading
    steps = "".join(_p(step, bullet="number") for step in s.steps)
    reflect = "".join(_p(prompt) for prompt in s.prompts)
    opt_out = _p(s.opt_out, bullet="none", italic=True, muted=True) if s.opt_out else ""
    if len(c.layout.columns()) >= 2 and s.steps and s.prompts:
        c.side_by_side((_p((d.Run(label, bold=True),), bullet="none"), steps),
                       (_p((d.Run(s.prompts_heading, bold=True),), bullet="none"), reflect + opt_out))  # fmt: skip
        return
    heading = _p((d.Run(label, bold=True),), bullet="none") if s.steps else ""
    reflect_heading = _p((d.Run(s.prompts_heading, bold=True),), bullet="none") if s.prompts else ""
    c.body(heading + steps + reflect_heading + reflect + opt_out)


def _discussion(c: _Canvas, s: d.DiscussionSlide) -> None:
    c.title(s.title)
    c.body("".join(_p(q) for q in s.questions))


def _image(c: _Canvas, s: d.ImageSlide) -> None:
    c.title(s.title)
    area = c.layout.find("pic")
    box = area.box if area and area.box else _free_area(c)
    c.picture(s.picture, s.alt, box)
    if s.caption:
        c.body(_p(s.caption, bullet="none"))


def _free_area(c: _Canvas) -> Box:
    """Return the content area of a layout without a picture placeholder."""
    bodies = [ph.box for column in c.layout.columns() for ph in column if ph.box]
    if bodies:
        return max(bodies, key=lambda b: b.w * b.h)
    width, height = c.package.template.width, c.package.template.height
    return Box(width // 10, height // 4, width * 8 // 10, height * 6 // 10)


def _two_column(c: _Canvas, s: d.TwoColumnSlide) -> None:
    c.title(s.title)
    c.side_by_side(*((_p(col.heading, bullet="none") if col.heading else "", _paras(col.paras))
                     for col in (s.left, s.right)))  # fmt: skip


def _statement(c: _Canvas, s: d.StatementSlide) -> None:
    c.title(s.text)
    if s.title:
        c.body(_p(s.title, bullet="none"))


def _references(c: _Canvas, s: d.ReferencesSlide) -> None:
    c.title(s.title)
    c.body("".join(_p(entry, size=c.small, hanging=457200) for entry in s.entries))


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
