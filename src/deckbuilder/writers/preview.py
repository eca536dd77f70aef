"""Deck -> a self-contained HTML preview: every slide drawn as the PowerPoint writer places it, beside
its speaker notes, under a header that links to the build's other files and lists its findings.

The slides are drawn from the fitted Deck and the theme only: the layouts the fit stage chose, the
frames `placing.plan` puts the text in, the fitted sizes, the template's backgrounds, shapes and text
colours (a built-in design in the theme's palette). Sizes are points of the slide, which the page
scales to the width a slide is shown at. The page is rendered by the theme's sandboxed template
`preview.html.j2` from plain data; deck text is only ever data.
"""

from __future__ import annotations

import colorsys
import functools
from pathlib import Path

from .. import deck as d
from ..contrast import linear
from ..errors import as_json, gravest_first
from ..fit import EMU_PER_POINT, space
from ..fonts import METRIC_COMPATIBLE
from ..measure import LINE_PITCH
from ..themes import LoadedTheme
from .handout import PREVIEW_TEMPLATE, css_string, data_uri, generate
from .layouts import LayoutChooser
from .oxml import MUTED, TEXT_LIGHTER
from .placing import Frame, caption_height, plan
from .pptx import UNBRANDED, logo_box, scheme_colors
from .template import Box, Layout, load_template, related, theme_element
from .textstyle import MAJOR, MINOR, LevelStyle, color

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
SERIF = ("cambria", "caladea", "georgia", "times new roman", "liberation serif", "garamond")  # else sans-serif
PREVIEW_DPI = 144  # pictures are stored as large as a slide shows them on a wide screen
ANCHORS = {"t": "flex-start", "ctr": "center", "b": "flex-end"}
ALIGNS = {"l": "left", "ctr": "center", "r": "right", "just": "justify", "dist": "justify"}


def write(deck: d.Deck, theme: LoadedTheme, out: Path) -> list:
    """Write the preview of `deck` at `out`, the page `page` drew of it if it did; return no warnings
    (the build gave them)."""
    global _drawn
    drawn, _drawn = _drawn, (None, None, "")  # taken once: the page is not kept after its build
    with out.open("w", encoding="utf-8") as file:
        if drawn[0] is deck and drawn[1] is theme:
            file.write(drawn[2])
        else:
            render(deck, theme, file.write)
    return []


_drawn: tuple = (None, None, "")  # the deck, theme and page `page` drew last


def page(deck: d.Deck, theme: LoadedTheme) -> str:
    """Return the preview of `deck`, kept for the writer of the same deck: a watch shows the page as soon
    as the deck is fitted, and its build need not draw it again."""
    global _drawn
    pieces: list[str] = []
    render(deck, theme, pieces.append)
    _drawn = (deck, theme, "".join(pieces))
    return _drawn[2]


def render(deck: d.Deck, theme: LoadedTheme, sink) -> None:
    """Give the preview's HTML to `sink` piece by piece."""
    template = load_template(theme.template_path(), theme.doc.pos(("template",)))
    drawer = _Drawer(template, theme)
    fonts = theme.theme.fonts
    context = {
        "deck": {"title": deck.title, "name": deck.name, "author": deck.author, "outputs": _links(deck)},
        "slide": {"width": _pt(template.width), "height": _pt(template.height)},
        "fonts": {"heading": _stack(fonts.heading), "body": _stack(fonts.body)},
        "slides": [drawer.slide(slide) for slide in deck.slides],
        "findings": [as_json(f, Path.cwd()) for f in sorted(deck.findings, key=gravest_first)],
    }  # fmt: skip
    generate(theme, PREVIEW_TEMPLATE, context, sink, kind="preview")


def _links(deck: d.Deck) -> list[dict]:
    """Return the other files of the build, each with what it is: the page links to them beside it."""
    own = f"{deck.name}-preview.html"
    return [{"href": name, "label": _label(deck.name, name)} for name in deck.outputs if name != own]


def _label(stem: str, name: str) -> str:
    """Return what a file of the build is, in a word or two: "PowerPoint", "handout: clients"."""
    if name == f"{stem}.pptx":
        return "PowerPoint"
    if name == f"{stem}.pdf":
        return "slides PDF"
    rest = name[len(stem) + 1 :] if name.startswith(stem + "-") else name
    kind, _, suffix = rest.rpartition(".")
    part = kind.removeprefix("handout-")
    return f"handout: {part}" + (" (PDF)" if suffix == "pdf" else "")


def _stack(family: str) -> str:
    """Return a CSS font-family list: the theme's font, the open font of the same metrics, a generic one."""
    names = [family] + ([METRIC_COMPATIBLE[family.lower()]] if family.lower() in METRIC_COMPATIBLE else [])
    generic = "serif" if family.lower() in SERIF else "sans-serif"
    return ", ".join(f'"{css_string(name)}"' for name in names) + f", {generic}"


def _pt(emu: int) -> float:
    """Return a length in points of the slide, which the page scales."""
    return round(emu / EMU_PER_POINT, 2)


def _box(box: Box) -> dict:
    return {"x": _pt(box.x), "y": _pt(box.y), "w": _pt(box.w), "h": _pt(box.h)}


class _Drawer:
    """Draws the slides of one deck in one template."""

    def __init__(self, template, theme: LoadedTheme) -> None:
        self.template, self.theme = template, theme
        self.layouts = LayoutChooser(template, theme)
        self.caption = caption_height(theme.theme.sizes.body)
        fonts = theme.theme.fonts
        self.fonts = {MAJOR: fonts.heading, MINOR: fonts.body} if template.generated else None
        self.muted = MUTED if template.generated else TEXT_LIGHTER

    def slide(self, slide: d.Slide) -> dict:
        """Return what one slide shows, as plain data: its design, text frames, pictures and notes."""
        layout = self.layouts.choose(slide.kind)
        size = (self.template.width, self.template.height)
        design = self._design(layout)
        fit = slide.fit
        made = plan(slide, layout, size, fit.caption if fit and fit.caption else self.caption, self.theme.theme.italics)
        sizes = fit.sizes if fit else (None,) * len(made.frames)
        small = fit.small if fit else None
        spacing = fit.spacing if fit else 1.0
        frames = [self._frame(f, layout, design, s, small, 1.0 if f.is_title else spacing)
                  for f, s in zip(made.frames, sizes, strict=True)]  # fmt: skip
        number = layout.find("sldNum")
        if number is not None:
            frames.append(self._text(number, layout, design, str(slide.number)))
        images = [{**_box(i.box), "src": _picture(i.picture, i.box), "alt": i.alt} for i in made.images]
        logo = self.theme.logo
        if logo and slide.kind not in UNBRANDED:
            box = logo_box(logo, slide.kind, *size)
            images.append({**_box(box), "src": _picture(logo, box), "alt": f"{self.theme.theme.name} logo"})
        return {
            "number": slide.number, "kind": slide.kind, "title": d.text_of(slide.title),
            "background": design.background, "shapes": design.shapes, "frames": frames, "images": images,
            "notes": [{"level": p.level, "runs": _runs(p.runs, self.theme.theme.italics)} for p in slide.notes],
        }  # fmt: skip

    def _design(self, layout: Layout) -> _Design:
        """Return what a layout draws, read once per template, layout and palette (a watch redraws often)."""
        recolored = tuple(scheme_colors(self.theme.theme).items()) if self.template.generated else ()
        key = (self.template, layout.part, recolored)
        if key not in _DESIGNS:
            if len(_DESIGNS) > 64:
                _DESIGNS.clear()
            _DESIGNS[key] = _design(self.layouts.slide_layout(layout), recolored)
        return _DESIGNS[key]

    def _frame(self, frame: Frame, layout: Layout, design: _Design, size, small, spacing: float) -> dict:
        """Return a text frame: its box, insets and anchor, and each paragraph as the writer sets it."""
        style = frame.ph.style
        paras, counted = [], 0
        for para in frame.paras:
            level = style.level(para.level)
            margin, indent, drawn = para.indents(level.margin, level.indent)
            run = (small if para.small and small else size) or level.size
            counted = (para.number or counted + 1) if para.bullet == "number" else 0
            bullet = None
            if para.bullet == "number":
                bullet = {"text": f"{counted}.", "color": design.color(level.bullet_color or level.color), "scale": 1.0}
            elif drawn and not para.bullet and level.bullet:
                bullet = {"text": level.bullet_char or "\u2022", "scale": level.bullet_scale,
                          "color": design.color(level.bullet_color or level.color)}  # fmt: skip
            before = para.before if para.before is not None else space(level.before, level.before_points, run)
            paras.append({
                **self._look(level, layout, design), "size": run, "margin": _pt(margin), "indent": _pt(indent),
                "before": round(before, 2), "after": round(space(level.after, level.after_points, run), 2),
                "line": _line(level, spacing), "bullet": bullet,
                "runs": [{"text": t.text, "bold": t.bold or level.bold,
                          "italic": bool(t.italic) or (level.italic and self.theme.theme.italics),
                          "color": design.color(self._muted()) if t.muted else None} for t in para.texts],
            })  # fmt: skip
        return {**self._place(frame.place, style), "paras": paras}

    def _text(self, ph, layout: Layout, design: _Design, text: str) -> dict:
        """Return a frame of one line of text at its placeholder's own size (the slide number)."""
        level = ph.style.level(0)
        para = {**self._look(level, layout, design), "size": level.size, "margin": 0, "indent": 0, "before": 0,
                "after": 0, "line": _line(level, 1.0), "bullet": None,
                "runs": [{"text": text, "bold": level.bold, "italic": False, "color": None}]}  # fmt: skip
        return {**self._place(ph.box, ph.style), "paras": [para]}

    def _place(self, box: Box, style) -> dict:
        left, top, right, bottom = style.insets
        return {**_box(box), "insets": [_pt(top), _pt(right), _pt(bottom), _pt(left)],
                "anchor": ANCHORS.get(style.anchor, "flex-start")}  # fmt: skip

    def _look(self, level: LevelStyle, layout: Layout, design: _Design) -> dict:
        """Return how a level draws its text: font, colour, alignment, capitals and letter spacing."""
        font = level.typeface(self.fonts or layout.fonts) or self.theme.theme.fonts.body
        return {"font": _stack(font), "color": design.color(level.color), "align": ALIGNS.get(level.align, "left"),
                "caps": level.caps, "tracking": level.tracking}  # fmt: skip

    def _muted(self) -> str:
        lum = f"/lum/{self.muted.lum[0]}/{self.muted.lum[1]}" if self.muted.lum else ""
        return self.muted.scheme + lum


def _line(level: LevelStyle, spacing: float) -> str:
    """Return a paragraph's CSS line height: in points of the slide (`pt`) or a factor of the font size."""
    if level.line_points is not None:
        return f"calc(var(--pt) * {level.line_points:g})"
    return f"{(level.line or 1.0) * spacing * LINE_PITCH:.3f}"


def _runs(runs: d.Rich, italics: bool) -> list[dict]:
    return [{"text": r.text, "bold": r.bold or (r.italic and not italics), "italic": r.italic and italics}
            for r in runs]  # fmt: skip


def _picture(picture: d.Picture, box: Box) -> str:
    """Return a picture as a data URI, stored as large as the slide shows it on a wide screen."""
    from ..pictures import EMU_PER_INCH, embedded

    return _uri(*embedded(picture, box.w * PREVIEW_DPI // EMU_PER_INCH, box.h * PREVIEW_DPI // EMU_PER_INCH))


@functools.lru_cache(maxsize=64)
def _uri(data: bytes, ext: str) -> str:
    return data_uri(data, ext)


# ------------------------------------------------------------------ what a layout draws


class _Design:
    """What a layout draws besides the slide's text: its background and shapes, and its colours."""

    def __init__(self, scheme: dict[str, str], mapping: dict[str, str]) -> None:
        self.scheme, self.mapping = scheme, mapping
        self.background = self.color("bg1")
        self.shapes: list[dict] = []

    def color(self, value: str | None) -> str:
        """Return "#RRGGBB" of a template's color ("" or None: the text's, tx1)."""
        value = value or "tx1"
        if value.startswith("#"):
            return value
        name, *change = value.split("/")
        found = self.scheme.get(self.mapping.get(name, name)) or self.scheme.get("dk1", "#000000")
        return _changed(found, change[0], [int(n) / 100000 for n in change[1:]]) if change else found


def _changed(hex_color: str, how: str, amounts: list[float]) -> str:
    """Return a color changed as DrawingML does: its luminance scaled and raised (`lum`), or mixed
    with white (`tint`) or black (`shade`) in linear light."""
    if how == "lum":
        h, light, s = colorsys.rgb_to_hls(*(int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)))
        rgb = list(colorsys.hls_to_rgb(h, min(1.0, max(0.0, light * amounts[0] + amounts[1])), s))
    else:
        mixed = [c * amounts[0] + (1 - amounts[0]) if how == "tint" else c * amounts[0] for c in linear(hex_color)]
        rgb = [c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in mixed]
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}" for c in rgb)


_DESIGNS: dict[tuple, _Design] = {}


def _design(layout, recolored: tuple) -> _Design:
    """Return what a python-pptx layout draws: the master's shapes under its own, unless it hides them."""
    master = layout.slide_master._element
    root = layout._element
    mapping = dict(master.find(f"{P}clrMap").attrib) if master.find(f"{P}clrMap") is not None else {}
    override = root.find(f"{P}clrMapOvr/{A}overrideClrMapping")
    if override is not None:
        mapping = dict(override.attrib)
    design = _Design({**_scheme(layout.slide_master), **dict(recolored)}, mapping)
    fill = root.find(f"{P}cSld/{P}bg/{P}bgPr/{A}solidFill")
    fill = fill if fill is not None else master.find(f"{P}cSld/{P}bg/{P}bgPr/{A}solidFill")
    design.background = design.color(color(fill)) if fill is not None else design.background
    trees = ([master] if root.get("showMasterSp") not in ("0", "false") else []) + [root]
    design.shapes = [shape for tree in trees for shape in _shapes(tree, design)]
    return design


def _scheme(master) -> dict[str, str]:
    """Return the colors of a master's theme by slot (dk1, lt1, accent1, ...)."""
    theme = related(master.part, "theme")
    root = theme_element(master.part) if theme else None
    scheme = root.find(f"{A}themeElements/{A}clrScheme") if root is not None else None
    found = {}
    for slot in scheme if scheme is not None else ():
        value = color(slot)
        if value and value.startswith("#"):
            found[slot.tag.removeprefix(A)] = value
    return found


def _shapes(tree, design: _Design) -> list[dict]:
    """Return the drawn shapes of a master's or layout's shape tree that are not placeholders: filled
    rectangles and ellipses, and their text (a large quotation mark)."""
    shapes = []
    for shape in tree.iterfind(f"{P}cSld/{P}spTree/{P}sp"):
        if shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is not None:
            continue
        place = _xfrm(shape.find(f"{P}spPr/{A}xfrm"))
        if place is None:
            continue
        fill = shape.find(f"{P}spPr/{A}solidFill")
        geometry = shape.find(f"{P}spPr/{A}prstGeom")
        found = {**_box(place), "fill": design.color(color(fill)) if fill is not None else None,
                 "round": geometry is not None and geometry.get("prst") == "ellipse", "text": _shape_text(shape, design)}
        if found["fill"] or found["text"]:
            shapes.append(found)
    return shapes


def _xfrm(xfrm) -> Box | None:
    """Return the box an a:xfrm sets, or None when it sets none that can be read."""
    try:
        off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
        return Box(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
    except (AttributeError, TypeError, ValueError):
        return None


def _shape_text(shape, design: _Design) -> dict | None:
    """Return the text a shape draws, in the look of its first run, or None when it has none."""
    text = "".join(t.text or "" for t in shape.iter(f"{A}t"))
    if not text.strip():
        return None
    props = shape.find(f".//{A}r/{A}rPr")
    size = props.get("sz") if props is not None else None
    latin = props.find(f"{A}latin") if props is not None else None
    face = latin.get("typeface", MINOR) if latin is not None else MINOR
    return {"text": text, "size": int(size) / 100 if size and size.isdigit() else 18.0, "heading": face == MAJOR,
            "color": design.color(color(props.find(f"{A}solidFill")) if props is not None else None)}  # fmt: skip
