"""A theme's .pptx template read with python-pptx: its slide size and its layouts, indexed by name.

The file passes the safe gate (opc.py) first; python-pptx then opens a clean package rebuilt from
what the gate let through, never the file itself. What the writer relies on is checked here, so
a template it cannot use is `Unusable`, with the reason in its owner's words.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DeckError, Position, Problem
from .opc import PRESENTATION, Unusable, parse, read
from .textstyle import DEFAULT_SIZE, MASTER_STYLES, TITLES, TextStyle, base_type, body_props, fonts, list_style, resolve

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
ID_LISTS = {"slideMaster": "sldMasterIdLst", "slideLayout": "sldLayoutIdLst"}  # the order PowerPoint shows
# ECMA-376 limits: placeholder types, slide sizes, and (tighter than the schema, so that every
# position computed from them stays valid) a placeholder's place and size within the largest slide.
PLACEHOLDER_TYPES = frozenset(
    "title body ctrTitle subTitle dt sldNum ftr hdr obj chart tbl clipArt dgm media sldImg pic".split()
)
TEXT_PLACEHOLDERS = ("title", "ctrTitle", "subTitle", "body", "obj")
SLIDE_SIZE = (914400, 51206400)
PLACE = (-51206400, 51206400)
EXTENT = (0, 51206400)
INDEX = (0, 4294967295)
SHAPES = frozenset(P + tag for tag in ("sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart"))
# The parts the writer reads, by the python-pptx part class each must load as: name in messages.
PARTS = {"SlideMasterPart": "slide master", "SlideLayoutPart": "slide layout", "NotesMasterPart": "notes master"}


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    x: int
    y: int
    w: int
    h: int


@dataclass(frozen=True)
class Placeholder:
    type: str  # title, ctrTitle, subTitle, body, pic, sldNum, ...
    idx: int
    box: Box  # where it sits, from its layout or that layout's master
    style: TextStyle = TextStyle()  # how it draws text, from its layout, master and their text styles


@dataclass
class Layout:
    """A slide layout: its placeholders, and what text sizes and fonts mean in it.

    A placeholder draws its text at `ph.style.level(lvl).size`; `title_size` and `body_size` are
    the sizes this layout's master draws a title and first-level body text at, so that a size
    chosen for titles or body text scales by `size / title_size` (a title slide's larger title
    keeps its proportion). `fonts` names the master's theme fonts ("+mj-lt", "+mn-lt"), which
    `LevelStyle.typeface` looks up.
    """

    name: str
    part: str  # e.g. ppt/slideLayouts/slideLayout2.xml
    placeholders: list[Placeholder] = field(default_factory=list)
    type: str = "cust"  # what the layout is for: title, obj, secHead, twoObj, picTx, ...
    fonts: dict[str, str] = field(default_factory=dict)
    title_size: float = DEFAULT_SIZE
    body_size: float = DEFAULT_SIZE

    def columns(self) -> list[list[Placeholder]]:
        """Return the text placeholders as columns, left to right, each read top to bottom.

        Templates number their placeholders in many ways; where they sit is what they are for.
        """
        columns: list[list[Placeholder]] = []
        texts = [p for p in self.placeholders if p.type in ("body", "obj")]
        for ph in sorted(texts, key=lambda p: (p.box.x, p.box.y)):
            centre = ph.box.x + ph.box.w // 2
            column = next((c for c in columns if c[0].box.x <= centre <= c[0].box.x + c[0].box.w), None)
            if column is None:
                columns.append([ph])
            else:
                column.append(ph)
        return [sorted(c, key=lambda p: p.box.y) for c in columns]

    def find(self, kind: str, idx: int | None = None) -> Placeholder | None:
        """Return the placeholder of a type (title also matches ctrTitle) and optional idx."""
        for ph in self.placeholders:
            same = ph.type == kind or (kind == "title" and ph.type == "ctrTitle")
            if same and (idx is None or ph.idx == idx):
                return ph
        return None


class Template:
    """A .pptx opened through the safe gate and read with python-pptx; its layouts by name.

    `data` is the clean package the writer opens again for each deck (python-pptx edits in place);
    the presentation read here is handed to the first deck, so that one build opens it once.
    """

    def __init__(self, path: Path) -> None:
        contents = read(path)
        self.path = path
        self.data = contents.zipped()
        app = contents.parts.get("docProps/app.xml", b"")
        self.generated = b"<Application>deckbuilder</Application>" in app  # a built-in theme's design
        prs = open_presentation(self.data)
        size = prs.part._element.find(P + "sldSz")
        if size is None:
            raise Unusable(f"{PRESENTATION} has no slide size (p:sldSz)")
        self.width = _number(size, "cx", SLIDE_SIZE, PRESENTATION)
        self.height = _number(size, "cy", SLIDE_SIZE, PRESENTATION)
        if not prs.part.rels:
            raise Unusable(f"{PRESENTATION} has no relationships (ppt/_rels/presentation.xml.rels), so no slide master")
        masters = related(prs.part, "slideMaster")
        if not masters:
            raise Unusable("it has no slide master")
        self.all_layouts: list[Layout] = []  # every master's, in order: two may share a name
        self.layouts: dict[str, Layout] = {}  # name -> the first layout of that name; see _theme_name
        inherited: dict[str, _Master] = {}
        for master in masters:
            _check_part(master, "SlideMasterPart")
            _check_numbers(master)
            for part in related(master, "slideLayout"):
                _check_part(part, "SlideLayoutPart")
                _check_numbers(part)
                layout = read_layout(part.slide_layout, inherited)
                self.all_layouts.append(layout)
                name = layout.name if layout.name not in self.layouts else f"{_theme_name(master)}/{layout.name}"
                self.layouts.setdefault(name, layout)
        _check_placeholders(self.all_layouts)
        for notes in related(prs.part, "notesMaster"):  # python-pptx clones its placeholders into every notes slide
            _check_part(notes, "NotesMasterPart")
            _check_numbers(notes)
        self._unused = prs

    def presentation(self):
        """Return a python-pptx presentation of the template to write one deck into."""
        prs, self._unused = self._unused, None
        return prs if prs is not None else open_presentation(self.data)


def open_presentation(data: bytes):
    """Return a python-pptx presentation of a clean package; what it cannot read is Unusable."""
    import io

    from lxml import etree

    from .package import FastPackage

    try:
        return FastPackage.open(io.BytesIO(data)).main_document_part.presentation
    except (KeyError, ValueError, TypeError, AttributeError, etree.LxmlError) as error:
        raise Unusable(f"python-pptx cannot read it ({str(error)[:80] or type(error).__name__})") from None


def related(part, rel: str) -> list:
    """Return the parts `part` relates to with a PresentationML relationship type.

    Masters and layouts come in the order of the id list that PowerPoint shows them in (one that
    is related but not listed is not shown, so not used); other parts by part name.
    """
    targets = {rid: r.target_part for rid, r in part.rels.items() if r.reltype == REL + rel and not r.is_external}
    listed = part._element.find(P + ID_LISTS[rel]) if rel in ID_LISTS else None
    if listed is not None:
        return list(dict.fromkeys(targets[rid] for rid in (e.get(R_ID) for e in listed) if rid in targets))
    return sorted(set(targets.values()), key=lambda target: _natural(_name(target)))


def slide_layouts(prs) -> dict:
    """Return the python-pptx layouts of every master of `prs` by part name."""
    return {_name(part): part.slide_layout for master in related(prs.part, "slideMaster")
            for part in related(master, "slideLayout")}  # fmt: skip


def read_layout(layout, masters: dict[str, _Master] | None = None) -> Layout:
    """Return what the chooser and the fit need of a python-pptx layout; boxes and text styles come
    from its own master, and a placeholder with no box anywhere is left out, as if the layout lacked it.

    `masters` keeps what was read of each master (by part name) for the next layout of a template.
    """
    parts = related(layout.part, "slideMaster")
    if not parts:
        raise Unusable(f"its slide layout {_name(layout.part)} has no relationship to a slide master")
    masters = {} if masters is None else masters
    if _name(parts[0]) not in masters:
        masters[_name(parts[0])] = _Master(parts[0])
    master = masters[_name(parts[0])]
    placeholders = []
    for shape, ph in _placeholders(layout._element):
        kind = ph.get("type", "obj")
        inherited = master.places.get(base_type(kind), (None,) * 4)
        place = [own if own is not None else base for own, base in zip(_place(shape, _name(layout.part)), inherited)]
        if None in place:  # no place here nor on the master: text put in it would not be drawn
            continue
        style = master.style(kind, shape.find(f"{P}txBody"))
        placeholders.append(Placeholder(kind, int(ph.get("idx", "0").strip()), Box(*place), style))
    return Layout(layout.name, _name(layout.part), placeholders, layout._element.get("type", "cust"),
                  dict(master.fonts), master.title_size, master.body_size)  # fmt: skip


class _Master:
    """What the placeholders of a slide master's layouts inherit: the place and text of the master's
    placeholders (the first of each type, as python-pptx takes them), its text styles and theme
    fonts, and the presentation's default text style."""

    def __init__(self, part) -> None:
        _check_part(part, "SlideMasterPart")
        element = part._element
        self.places: dict[str, list] = {}  # type -> x, y, cx, cy of the master's placeholder (None: unset)
        self._own: dict[str, tuple] = {}  # type -> what the master's placeholder sets of its text
        for shape, ph in _placeholders(element):
            kind = ph.get("type", "obj")
            if kind not in self.places:
                self.places[kind] = _place(shape, _name(part))
                self._own[kind] = _text_props(shape.find(f"{P}txBody"))
        styles = element.find(f"{P}txStyles")
        self._styles = {name: list_style(styles.find(P + name) if styles is not None else None)
                        for name in ("titleStyle", "bodyStyle", "otherStyle")}  # fmt: skip
        self._defaults = list_style(part.package.presentation_part._element.find(f"{P}defaultTextStyle"))
        self.fonts = fonts(theme_element(part))
        self.title_size = self.style("title").levels[0].size
        self.body_size = self.style("body").levels[0].size

    def style(self, kind: str, body=None) -> TextStyle:
        """Return the style of a layout placeholder of type `kind` whose p:txBody is `body`."""
        base = base_type(kind)
        sources = [_text_props(body), self._own.get(base, _NOTHING),
                   ({}, self._styles[MASTER_STYLES.get(base, "otherStyle")]), ({}, self._defaults)]  # fmt: skip
        return resolve(sources, kind in TITLES)


_NOTHING = ({}, list_style(None))


def _placeholders(root):
    """Yield (shape, p:ph) for each placeholder of a master's or layout's shape tree."""
    for shape in root.iterfind(f"{P}cSld/{P}spTree/*"):
        if shape.tag in SHAPES and len(shape):
            ph = shape[0].find(f"{P}nvPr/{P}ph")
            if ph is not None:
                yield shape, ph


def _place(shape, part: str) -> list:
    """Return x, y, cx, cy as a shape's own a:xfrm sets them, None where it sets none."""
    xfrm = shape.find(f"{P}xfrm") if shape.tag == P + "graphicFrame" else shape.find(f"*/{A}xfrm")
    off = xfrm.find(f"{A}off") if xfrm is not None else None
    ext = xfrm.find(f"{A}ext") if xfrm is not None else None
    return [_number(off, "x", PLACE, part) if off is not None else None,
            _number(off, "y", PLACE, part) if off is not None else None,
            _number(ext, "cx", EXTENT, part) if ext is not None else None,
            _number(ext, "cy", EXTENT, part) if ext is not None else None]  # fmt: skip


def _text_props(body) -> tuple[dict, tuple[dict, ...]]:
    """Return what a p:txBody (or None) sets: its a:bodyPr's properties and its a:lstStyle's levels."""
    if body is None:
        return _NOTHING
    return body_props(body.find(f"{A}bodyPr")), list_style(body.find(f"{A}lstStyle"))


def load_template(path: Path, where: Position) -> Template:
    """Return the template at `path`, read once per version of the file, so that `check` and the
    writer share it; a template that cannot be used is a DeckError at `where`, its `template:` line."""
    try:
        try:
            stat = path.stat()
        except OSError as error:
            raise Unusable(f"it cannot be read ({error.strerror})") from None
        return _template(path, stat.st_mtime_ns, stat.st_size)
    except Unusable as error:
        raise DeckError(Problem(f"this template cannot be used: {error.reason}", where, error.hint)) from None


@functools.lru_cache(maxsize=4)
def _template(path: Path, mtime_ns: int, size: int) -> Template:
    return Template(path)


def _name(part) -> str:
    return str(part.partname).lstrip("/")


def _theme_name(master) -> str:
    """Return the name of a master's theme, by which PowerPoint groups that master's layouts.

    A layout whose name an earlier master's layout has is found as "<theme name>/<layout name>".
    """
    theme = theme_element(master)
    return theme.get("name", "") if theme is not None else ""


def theme_element(master):
    """Return the root element of a master's theme part, or None if it has none."""
    themes = related(master, "theme")
    return parse(_name(themes[0]), themes[0].blob) if themes else None


def _check_part(part, cls: str) -> None:
    """Refuse a part that python-pptx did not load as the kind the writer expects (its content type)."""
    if type(part).__name__ != cls:
        raise Unusable(f"{_name(part)} is not a {PARTS[cls]} (its content type is {part.content_type or 'missing'})")


def _check_numbers(part) -> None:
    """Refuse placeholder types, numbers and places that python-pptx would misread."""
    for ph in part._element.iter(P + "ph"):
        kind = ph.get("type", "obj")
        if kind not in PLACEHOLDER_TYPES:
            raise Unusable(f"{_name(part)} has a placeholder type {kind[:40]!r} that PowerPoint does not know")
        _number(ph, "idx", INDEX, _name(part), 0)
        shape = list(itertools.islice(ph.iterancestors(), 3))[-1]  # p:sp of p:nvSpPr/p:nvPr/p:ph
        _place(shape, _name(part))


def _number(element, attr: str, limits: tuple[int, int], part: str, default: int | None = None) -> int:
    """Return a whole-number attribute within `limits`; anything else makes the template Unusable."""
    value = element.get(attr)
    if value is None and default is not None:
        return default
    if value is not None and re.fullmatch(r"\s*[+-]?[0-9]{1,20}\s*", value) and limits[0] <= int(value) <= limits[1]:
        return int(value)
    shown = f'{attr}="{value[:40]}"' if value is not None else f"no {attr}"
    raise Unusable(f"{part} has {shown} where a whole number from {limits[0]} to {limits[1]} belongs")


def _check_placeholders(layouts: list[Layout]) -> None:
    """Refuse a template whose layouts have nowhere to put a slide's title or text."""
    if not layouts:
        raise Unusable("it has no slide layouts")
    if not any(ph.type in TEXT_PLACEHOLDERS for layout in layouts for ph in layout.placeholders):
        raise Unusable("its slide layouts have no title or text placeholders, so every slide would be empty",
                       "give its layouts title and content placeholders (View > Slide Master in PowerPoint), "
                       "or remove `template:` to use the built-in design")  # fmt: skip


def _natural(name: str):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]
