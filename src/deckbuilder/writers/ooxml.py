"""The PresentationML package: a template's parts and layouts, and the zip a deck becomes.

All raw OOXML knowledge lives here. Slides are written as XML text into a copy of the
template's package, which keeps a deck of any size linear in time (python-pptx's part naming
is quadratic in the number of slides) and keeps start-up free of heavy imports.
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DeckError, Position, Problem
from .opc import PRESENTATION, RELS_NS, Contents, Unusable, extension, parse, read, rels_name

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
XMLNS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.presentationml."
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FIXED_TIME = "2000-01-01T00:00:00Z"
# Muted text: the built-in designs' muted color; in an organisation's template, its text color lightened.
MUTED = '<a:schemeClr val="accent2"/>'
TEXT_LIGHTER = '<a:schemeClr val="tx1"><a:lumMod val="65000"/><a:lumOff val="35000"/></a:schemeClr>'
THEME_TYPE = "application/vnd.openxmlformats-officedocument.theme+xml"
# ECMA-376 limits: placeholder types, slide sizes, and (tighter than the schema, so that every
# position computed from them stays valid) a placeholder's place and size within the largest slide.
PLACEHOLDER_TYPES = frozenset(
    "title body ctrTitle subTitle dt sldNum ftr hdr obj chart tbl clipArt dgm media sldImg pic".split()
)
# The PresentationML parts the writer reads: relationship type (after REL), content type (after
# CT), root element, and the folder the writer expects them in.
PARTS = {
    "presentation": ("officeDocument", "presentation.main", "presentation", "ppt"),
    "slide master": ("slideMaster", "slideMaster", "sldMaster", "ppt/slideMasters"),
    "slide layout": ("slideLayout", "slideLayout", "sldLayout", "ppt/slideLayouts"),
    "notes master": ("notesMaster", "notesMaster", "notesMaster", "ppt/notesMasters"),
}
TEXT_PLACEHOLDERS = ("title", "ctrTitle", "subTitle", "body", "obj")
SLIDE_SIZE = (914400, 51206400)
PLACE = (-51206400, 51206400)
EXTENT = (0, 51206400)
INDEX = (0, 4294967295)
IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp"}

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def esc(text: str) -> str:
    """Return `text` escaped for XML, without the control characters XML cannot hold."""
    text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


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
    box: Box | None


@dataclass
class Layout:
    name: str
    part: str  # e.g. ppt/slideLayouts/slideLayout2.xml
    placeholders: list[Placeholder] = field(default_factory=list)
    type: str = "cust"  # what the layout is for: title, obj, secHead, twoObj, picTx, ...

    def columns(self) -> list[list[Placeholder]]:
        """Return the text placeholders as columns, left to right, each read top to bottom.

        Templates number their placeholders in many ways; where they sit is what they are for.
        """
        columns: list[list[Placeholder]] = []
        texts = [p for p in self.placeholders if p.type in ("body", "obj")]
        for ph in sorted(texts, key=lambda p: (p.box.x, p.box.y) if p.box else (0, 0)):
            centre = ph.box.x + ph.box.w // 2 if ph.box else 0
            column = next((c for c in columns if c[0].box is None or c[0].box.x <= centre <= c[0].box.x + c[0].box.w),
                          None)  # fmt: skip
            if column is None:
                columns.append([ph])
            else:
                column.append(ph)
        return [sorted(c, key=lambda p: p.box.y if p.box else 0) for c in columns]

    def find(self, kind: str, idx: int | None = None) -> Placeholder | None:
        """Return the placeholder of a type (title also matches ctrTitle) and optional idx."""
        for ph in self.placeholders:
            same = ph.type == kind or (kind == "title" and ph.type == "ctrTitle")
            if same and (idx is None or ph.idx == idx):
                return ph
        return None


class Template:
    """A .pptx opened as parts through the safe gate (opc.py); its layouts indexed by name.

    What the writer relies on is checked here, so a template it cannot use is `Unusable`.
    """

    def __init__(self, path: Path) -> None:
        contents = read(path)
        self.path = path
        self.parts, self.types, self.defaults = contents.parts, contents.types, contents.defaults
        pres = _root(contents, PRESENTATION, "presentation")
        size = pres.find("p:sldSz", NS)
        if size is None:
            raise Unusable(f"{PRESENTATION} has no slide size (p:sldSz)")
        self.width = _number(size, "cx", SLIDE_SIZE, PRESENTATION)
        self.height = _number(size, "cy", SLIDE_SIZE, PRESENTATION)
        if rels_name(PRESENTATION) not in self.parts:
            raise Unusable(f"{PRESENTATION} has no relationships ({rels_name(PRESENTATION)}), so no slide master")
        self.masters = _related(contents, PRESENTATION, "slide master")
        if not self.masters:
            raise Unusable("it has no slide master")
        self.master_boxes: dict[str, Box] = {}
        for ph in _placeholders(_root(contents, self.masters[0], "slide master"), self.masters[0]):
            if ph.box:
                self.master_boxes.setdefault(_base_type(ph.type), ph.box)
        self.layouts: dict[str, Layout] = {}
        for name in sorted({n for m in self.masters for n in _related(contents, m, "slide layout")}, key=_natural):
            if not _related(contents, name, "slide master"):
                raise Unusable(f"its slide layout {name} has no relationship to a slide master")
            layout = self.layout(name, _root(contents, name, "slide layout"))
            self.layouts.setdefault(layout.name, layout)
        _check_placeholders(self.layouts)
        self.notes_master = next(iter(_related(contents, PRESENTATION, "notes master")), None)
        if self.notes_master:
            _root(contents, self.notes_master, "notes master")
        app = self.parts.get("docProps/app.xml", b"")
        self.generated = b"<Application>deckbuilder</Application>" in app  # a built-in theme's design

    def layout(self, part: str, root) -> Layout:
        """Return the layout parsed from `part`; placeholders without a box take the master's."""
        csld = root.find("p:cSld", NS)
        phs = [
            ph if ph.box else Placeholder(ph.type, ph.idx, self.master_boxes.get(_base_type(ph.type)))
            for ph in _placeholders(root, part)
        ]
        name = csld.get("name", "") if csld is not None else ""
        return Layout(name, part, phs, root.get("type", "cust"))


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


def _related(contents: Contents, source: str, what: str) -> list[str]:
    """Return the masters, layouts or notes masters `source` relates to, in the folder the writer expects."""
    rel, _, _, folder = PARTS[what]
    parts = sorted(set(contents.related(source, REL + rel)), key=_natural)
    for part in parts:
        if posixpath.dirname(part) != folder:
            raise Unusable(f"its {what} {part} is not in {folder}/, where PowerPoint keeps them")
    return parts


def _root(contents: Contents, part: str, what: str):
    """Return the parsed root of a PresentationML part, checked to be what the writer edits as text."""
    _, content_type, tag, _ = PARTS[what]
    kind = contents.types.get(part, "")
    root = contents.root(part) if kind == CT + content_type + "+xml" else None
    if root is None or root.tag != f"{{{NS['p']}}}{tag}":
        raise Unusable(f"{part} is not a {what} (its content type is {kind or 'missing'})")
    if root.nsmap.get("r") != NS["r"] or any(e.prefix != "p" for e in root.iter(f"{{{NS['p']}}}*")):
        raise Unusable(f"{part} does not use the usual prefixes p: and r: of PresentationML")
    return root


def _number(element, attr: str, limits: tuple[int, int], part: str, default: int | None = None) -> int:
    """Return a whole-number attribute within `limits`; anything else makes the template Unusable."""
    value = element.get(attr)
    if value is None and default is not None:
        return default
    if value is not None and re.fullmatch(r"\s*[+-]?[0-9]{1,20}\s*", value) and limits[0] <= int(value) <= limits[1]:
        return int(value)
    shown = f'{attr}="{value[:40]}"' if value is not None else f"no {attr}"
    raise Unusable(f"{part} has {shown} where a whole number from {limits[0]} to {limits[1]} belongs")


def _check_placeholders(layouts: dict[str, Layout]) -> None:
    """Refuse a template whose layouts have nowhere to put a slide's title or text."""
    if not layouts:
        raise Unusable("it has no slide layouts")
    if not any(ph.type in TEXT_PLACEHOLDERS for layout in layouts.values() for ph in layout.placeholders):
        raise Unusable("its slide layouts have no title or text placeholders, so every slide would be empty",
                       "give its layouts title and content placeholders (View > Slide Master in PowerPoint), "
                       "or remove `template:` to use the built-in design")  # fmt: skip


def _natural(name: str):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def _base_type(kind: str) -> str:
    return {"ctrTitle": "title", "subTitle": "body", "obj": "body", "pic": "body"}.get(kind, kind)


def _placeholders(root, part: str) -> list[Placeholder]:
    """Return the placeholders of a parsed master or layout, their numbers checked."""
    found = []
    for sp in root.iter(f"{{{NS['p']}}}sp", f"{{{NS['p']}}}pic"):
        ph = sp.find(".//p:nvPr/p:ph", NS)
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        if kind not in PLACEHOLDER_TYPES:
            raise Unusable(f"{part} has a placeholder type {kind[:40]!r} that PowerPoint does not know")
        off, ext = sp.find("p:spPr/a:xfrm/a:off", NS), sp.find("p:spPr/a:xfrm/a:ext", NS)
        box = None
        if off is not None and ext is not None:
            box = Box(_number(off, "x", PLACE, part), _number(off, "y", PLACE, part),
                      _number(ext, "cx", EXTENT, part), _number(ext, "cy", EXTENT, part))  # fmt: skip
        found.append(Placeholder(kind, _number(ph, "idx", INDEX, part, 0), box))
    return found


class Package:
    """The output package: the template's parts without its slides, plus the deck's slides."""

    def __init__(self, template: Template) -> None:
        self.template = template
        self.parts: dict[str, bytes] = dict(template.parts)
        self.slides: list[tuple[str, str]] = []  # (slide part, notes part or "")
        self.media: dict[bytes, str] = {}  # content -> part name
        self.types: dict[str, str] = {}  # part name -> content type, for new parts
        self.notes_master = template.notes_master
        if CT + "viewProps+xml" not in template.types.values():
            self._add_view_props()

    # -------------------------------------------------------------- adding content

    def add_media(self, data: bytes, ext: str) -> str:
        """Return the part name of an image, storing identical images once."""
        name = self.media.get(data)
        if name is None:
            name = f"ppt/media/deck-image{len(self.media) + 1}.{ext}"
            self.media[data] = name
            self.parts[name] = data
        return name

    def add_slide(self, layout: Layout, shapes: str, notes: str | None, images: list[str]) -> None:
        """Add a slide made of `shapes` (spTree children), with speaker notes and images."""
        n = len(self.slides) + 1
        slide = f"ppt/slides/deck-slide{n}.xml"
        rels = [(REL + "slideLayout", "../slideLayouts/" + posixpath.basename(layout.part))]
        rels += [(REL + "image", "../media/" + posixpath.basename(i)) for i in images]
        notes_part = ""
        if notes is not None and self.notes_master:
            notes_part = f"ppt/notesSlides/deck-notes{n}.xml"
            rels.append((REL + "notesSlide", "../notesSlides/" + posixpath.basename(notes_part)))
            self.parts[notes_part] = _notes_xml(notes).encode()
            self.parts[rels_name(notes_part)] = _rels_xml([
                (REL + "notesMaster", "../notesMasters/" + posixpath.basename(self.notes_master)),
                (REL + "slide", "../slides/" + posixpath.basename(slide)),
            ]).encode()  # fmt: skip
            self.types[notes_part] = CT + "notesSlide+xml"
        self.parts[slide] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sld {XMLNS}><p:cSld>'
            '<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            f"<p:grpSpPr/>{shapes}</p:spTree></p:cSld>"
            "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
        ).encode()
        self.parts[rels_name(slide)] = _rels_xml(rels).encode()
        self.types[slide] = CT + "slide+xml"
        self.slides.append((slide, notes_part))

    def import_layout(self, source: Template, layout: Layout, replace: dict[str, str]) -> Layout:
        """Add a layout of another template under this one's first master, scaled to its slides.

        `replace` maps XML snippets to their substitutes (colors that mean something else here).
        """
        sx, sy = self.template.width / source.width, self.template.height / source.height
        xml = source.parts[layout.part].decode("utf-8")
        for old, new in replace.items():
            xml = xml.replace(old, new)
        xml = re.sub(
            r'<a:(off|ext) (x|cx)="(\d+)" (y|cy)="(\d+)"/>',
            lambda m: f'<a:{m[1]} {m[2]}="{round(int(m[3]) * sx)}" {m[4]}="{round(int(m[5]) * sy)}"/>', xml
        )
        xml = xml.replace(' showMasterSp="0"', "")  # keep the organisation's own marks around it
        part = f"ppt/slideLayouts/deck-layout{sum(1 for n in self.types if 'deck-layout' in n) + 1}.xml"
        master = self.template.masters[0]
        self.parts[part] = xml.encode("utf-8")
        self.parts[rels_name(part)] = _rels_xml([(REL + "slideMaster", "../slideMasters/" + posixpath.basename(master))]).encode()
        self.types[part] = CT + "slideLayout+xml"
        rid = self._relate(master, REL + "slideLayout", "../slideLayouts/" + posixpath.basename(part))
        new_id = 1 + max(
            [2147483648] + [int(i) for n, data in self.parts.items() if n.startswith(("ppt/slideMasters/", "ppt/presentation.xml"))
                            for i in re.findall(rb'<p:sld(?:Layout|Master)Id id="(\d+)"', data)]
        )  # fmt: skip
        master_xml = self.parts[master].decode("utf-8")
        entry = f'<p:sldLayoutId id="{new_id}" r:id="{rid}"/>'
        if "</p:sldLayoutIdLst>" in master_xml:
            master_xml = master_xml.replace("</p:sldLayoutIdLst>", entry + "</p:sldLayoutIdLst>", 1)
        else:
            master_xml = re.sub(r"(</p:clrMap>|<p:clrMap\b[^>]*/>)", lambda m: m[1] + f"<p:sldLayoutIdLst>{entry}</p:sldLayoutIdLst>", master_xml, count=1)
        self.parts[master] = master_xml.encode("utf-8")
        return self.template.layout(part, parse(part, self.parts[part]))

    def add_notes_master(self, source: Template) -> None:
        """Give a template without a notes master (so without speaker notes) the one of `source`."""
        self.notes_master = "ppt/notesMasters/deck-notesMaster1.xml"
        rels = []
        for rel_type, target in ((t, tg) for _, t, tg in _read_rels(source.parts[rels_name(source.notes_master)])):
            if rel_type == REL + "theme":
                theme = "ppt/theme/deck-notes-theme.xml"
                self.parts[theme] = source.parts[posixpath.normpath(posixpath.join("ppt/notesMasters", target))]
                self.types[theme] = THEME_TYPE
                rels.append((rel_type, "../theme/" + posixpath.basename(theme)))
        self.parts[self.notes_master] = source.parts[source.notes_master]
        self.parts[rels_name(self.notes_master)] = _rels_xml(rels).encode()
        self.types[self.notes_master] = CT + "notesMaster+xml"
        rid = self._relate("ppt/presentation.xml", REL + "notesMaster", "notesMasters/" + posixpath.basename(self.notes_master))
        xml = re.sub(r"<p:notesMasterIdLst>.*?</p:notesMasterIdLst>", "", self.parts["ppt/presentation.xml"].decode("utf-8"), flags=re.S)
        xml = xml.replace("</p:sldMasterIdLst>", f'</p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id="{rid}"/></p:notesMasterIdLst>', 1)
        self.parts["ppt/presentation.xml"] = xml.encode("utf-8")

    def _add_view_props(self) -> None:
        """Give a template without view properties (Impress writes none) the part PowerPoint expects."""
        part = "ppt/deck-viewProps.xml"
        self.parts[part] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:viewPr {XMLNS}>'
                            '<p:gridSpacing cx="76200" cy="76200"/></p:viewPr>').encode()  # fmt: skip
        self.types[part] = CT + "viewProps+xml"
        self._relate(PRESENTATION, REL + "viewProps", posixpath.basename(part))

    def _relate(self, part: str, rel_type: str, target: str) -> str:
        """Add a relationship from `part` (keeping the others as they are) and return its id."""
        name = rels_name(part)
        xml = self.parts.get(name, _rels_xml([]).encode()).decode("utf-8")
        rid = "rId" + str(1 + max([0] + [int(n) for n in re.findall(r'Id="rId(\d+)"', xml)]))
        rel = f'<Relationship Id="{rid}" Type="{rel_type}" Target="{esc(target)}"/>'
        xml = xml.replace("</Relationships>", rel + "</Relationships>") if "</Relationships>" in xml else \
            re.sub(r"<Relationships([^>]*)/>", lambda m: f"<Relationships{m[1]}>{rel}</Relationships>", xml)
        self.parts[name] = xml.encode("utf-8")
        return rid

    # -------------------------------------------------------------- theme and properties

    def recolor(self, colors: dict[str, str], fonts: dict[str, str]) -> None:
        """Set the theme's scheme colors (dk1, lt1, accent1, ...) and major/minor fonts."""
        for name in [n for n, t in self.template.types.items() if t == THEME_TYPE and n in self.parts]:
            xml = self.parts[name].decode("utf-8")
            for slot, value in colors.items():
                xml = re.sub(
                    rf"<a:{slot}>.*?</a:{slot}>",
                    f'<a:{slot}><a:srgbClr val="{value.lstrip("#").upper()}"/></a:{slot}>',
                    xml, count=1, flags=re.S,
                )  # fmt: skip
            for slot, typeface in fonts.items():
                xml = re.sub(
                    rf'(<a:{slot}>\s*<a:latin typeface=")[^"]*(")',
                    lambda m: m.group(1) + esc(typeface) + m.group(2), xml, count=1,
                )  # fmt: skip
            self.parts[name] = xml.encode("utf-8")

    def properties(self, title: str, author: str, subject: str) -> None:
        """Write core properties with fixed timestamps, so equal input gives equal bytes."""
        self.parts["docProps/core.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{esc(title)}</dc:title><dc:subject>{esc(subject)}</dc:subject>"
            f"<dc:creator>{esc(author)}</dc:creator><cp:lastModifiedBy>deckbuilder</cp:lastModifiedBy>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_TIME}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_TIME}</dcterms:modified>'
            "</cp:coreProperties>"
        ).encode()
        self.types["docProps/core.xml"] = "application/vnd.openxmlformats-package.core-properties+xml"
        if "docProps/app.xml" in self.parts:
            self.parts["docProps/app.xml"] = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                f"<Application>deckbuilder</Application><Slides>{len(self.slides)}</Slides>"
                f"<Notes>{sum(1 for _, n in self.slides if n)}</Notes></Properties>"
            ).encode()

    # -------------------------------------------------------------- saving

    def save(self, path: Path) -> None:
        """Write the package: slide list, relationships and content types, then the zip."""
        self._presentation()
        self._drop_unreachable()
        self._content_types()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
            for name in ["[Content_Types].xml", "_rels/.rels"] + sorted(
                n for n in self.parts if n not in ("[Content_Types].xml", "_rels/.rels")
            ):
                info = zipfile.ZipInfo(name, ZIP_DATE)
                compressed = name.rsplit(".", 1)[-1] in ("png", "jpeg", "jpg", "gif")
                info.compress_type = zipfile.ZIP_STORED if compressed else zipfile.ZIP_DEFLATED
                z.writestr(info, self.parts[name])

    def _presentation(self) -> None:
        rels_name = "ppt/_rels/presentation.xml.rels"
        rels = _read_rels(self.parts[rels_name])
        kept = [(rid, t, target) for rid, t, target in rels if t != REL + "slide"]
        used = {int(m) for rid, _, _ in kept for m in re.findall(r"\d+", rid)}
        next_id = max(used, default=0) + 1
        slide_ids = []
        for i, (slide, _) in enumerate(self.slides):
            rid = f"rId{next_id + i}"
            kept.append((rid, REL + "slide", "slides/" + posixpath.basename(slide)))
            slide_ids.append(f'<p:sldId id="{256 + i}" r:id="{rid}"/>')
        self.parts[rels_name] = _rels_xml([(t, target) for _, t, target in kept],
                                          [rid for rid, _, _ in kept]).encode()  # fmt: skip
        xml = self.parts["ppt/presentation.xml"].decode("utf-8")
        xml = re.sub(r"<p:sldIdLst>.*?</p:sldIdLst>|<p:sldIdLst/>", "", xml, flags=re.S)
        # the template's sections and custom shows list its own example slides
        xml = re.sub(r'<p:ext uri="\{521415D9-36F7-43E2-AB2F-B90AF26B5E84\}">.*?</p:ext>|<p:custShowLst>.*?</p:custShowLst>',
                     "", xml, flags=re.S)  # fmt: skip
        id_list = f"<p:sldIdLst>{''.join(slide_ids)}</p:sldIdLst>" if slide_ids else ""
        anchor = re.search(r"<p:sldSz\b", xml)
        xml = xml[: anchor.start()] + id_list + xml[anchor.start():]
        self.parts["ppt/presentation.xml"] = xml.encode("utf-8")

    def _drop_unreachable(self) -> None:
        """Remove parts no relationship reaches: the template's own slides and their media."""
        reached = {"[Content_Types].xml", "_rels/.rels"}
        todo = ["_rels/.rels"]
        while todo:
            rels_part = todo.pop()
            source_dir = posixpath.dirname(posixpath.dirname(rels_part))
            for _, _, target in _read_rels(self.parts.get(rels_part, b"")):
                if "://" in target:
                    continue
                part = posixpath.normpath(
                    target.lstrip("/") if target.startswith("/") else posixpath.join(source_dir, target)
                )
                if part in self.parts and part not in reached:
                    reached.add(part)
                    rels = rels_name(part)
                    if rels in self.parts:
                        reached.add(rels)
                        todo.append(rels)
        for name in list(self.parts):
            if name not in reached:
                del self.parts[name]

    def _content_types(self) -> None:
        """Write the content types: the template's, then those of the deck's new parts and pictures."""
        defaults = {ext: t for ext, t in self.template.defaults.items() if ext}
        for name in self.parts:
            ext = extension(name)
            if ext in IMAGE_TYPES and ext not in defaults:
                defaults[ext] = IMAGE_TYPES[ext]
        defaults.setdefault("rels", "application/vnd.openxmlformats-package.relationships+xml")
        defaults.setdefault("xml", "application/xml")
        types = {**self.template.types, **self.types}
        body = "".join(f'<Default Extension="{esc(e)}" ContentType="{esc(t)}"/>' for e, t in sorted(defaults.items()))
        body += "".join(
            f'<Override PartName="/{esc(n)}" ContentType="{esc(t)}"/>'
            for n, t in sorted(types.items(), key=lambda item: _natural(item[0]))
            if n in self.parts and n != "[Content_Types].xml" and defaults.get(extension(n)) != t
        )
        self.parts["[Content_Types].xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f"{body}</Types>"
        ).encode()


def _read_rels(xml: bytes) -> list[tuple[str, str, str]]:
    if not xml:
        return []
    return [
        (rel.get("Id", ""), rel.get("Type", ""), rel.get("Target", ""))
        for rel in parse("relationships", xml).iter(RELS_NS + "Relationship")
        if rel.get("TargetMode") != "External"
    ]


def _rels_xml(rels: list[tuple[str, str]], ids: list[str] | None = None) -> str:
    ids = ids or [f"rId{i}" for i in range(1, len(rels) + 1)]
    body = "".join(
        f'<Relationship Id="{rid}" Type="{t}" Target="{esc(target)}"/>' for rid, (t, target) in zip(ids, rels)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_REL}">{body}</Relationships>'
    )


def _notes_xml(paragraphs: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:notes {XMLNS}><p:cSld><p:spTree>'
        '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
        '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr>'
        '<a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/>'
        "</p:nvPr></p:nvSpPr><p:spPr/></p:sp>"
        '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/>'
        '</p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/>'
        f"<p:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</p:txBody></p:sp>"
        "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    )
