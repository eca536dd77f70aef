"""The PresentationML package: a template's parts and layouts, and the zip a deck becomes.

All raw OOXML knowledge lives here. Slides are written as XML text into a copy of the
template's package, which keeps a deck of any size linear in time (python-pptx's part naming
is quadratic in the number of slides) and keeps start-up free of heavy imports.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from ..errors import DeckError, Problem, Position

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
    """A .pptx opened as parts; its layouts indexed by name."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with zipfile.ZipFile(path) as z:
                self.parts = {name: z.read(name) for name in z.namelist() if not name.endswith("/")}
        except (zipfile.BadZipFile, OSError) as exc:
            raise DeckError(
                Problem(f"the template is not a .pptx file ({exc})", Position(path),
                        "save the template from PowerPoint or Impress as .pptx")  # fmt: skip
            ) from None
        if "ppt/presentation.xml" not in self.parts:
            raise DeckError(Problem("the template has no presentation part", Position(path),
                                    "save it from PowerPoint or Impress as .pptx"))  # fmt: skip
        pres = ET.fromstring(self.parts["ppt/presentation.xml"])
        size = pres.find("p:sldSz", NS)
        self.width = int(size.get("cx")) if size is not None else 12192000
        self.height = int(size.get("cy")) if size is not None else 6858000
        self.masters = sorted((n for n in self.parts if re.fullmatch(r"ppt/slideMasters/[^/]+\.xml", n)),
                              key=_natural)  # fmt: skip
        if not self.masters:
            raise DeckError(Problem("the template has no slide master", Position(path),
                                    "save it from PowerPoint or Impress as .pptx"))  # fmt: skip
        self.master_boxes: dict[str, Box] = {}
        for ph in _placeholders(self.parts[self.masters[0]]):
            if ph.box:
                self.master_boxes.setdefault(_base_type(ph.type), ph.box)
        self.layouts: dict[str, Layout] = {}
        for name in sorted(self.parts, key=_natural):
            if re.fullmatch(r"ppt/slideLayouts/[^/]+\.xml", name):
                layout = self.layout(name, self.parts[name])
                self.layouts.setdefault(layout.name, layout)
        self.notes_master = next(
            (n for n in sorted(self.parts) if re.fullmatch(r"ppt/notesMasters/[^/]+\.xml", n)), None
        )
        app = self.parts.get("docProps/app.xml", b"")
        self.generated = b"<Application>deckbuilder</Application>" in app  # a built-in theme's design

    def layout(self, part: str, xml: bytes) -> Layout:
        """Return the layout in `xml`; placeholders without a box take the master's."""
        root = ET.fromstring(xml)
        csld = root.find("p:cSld", NS)
        phs = [
            ph if ph.box else Placeholder(ph.type, ph.idx, self.master_boxes.get(_base_type(ph.type)))
            for ph in _placeholders(xml)
        ]
        name = csld.get("name", "") if csld is not None else ""
        return Layout(name, part, phs, root.get("type", "cust"))


def _natural(name: str):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def _base_type(kind: str) -> str:
    return {"ctrTitle": "title", "subTitle": "body", "obj": "body", "pic": "body"}.get(kind, kind)


def _placeholders(xml: bytes) -> list[Placeholder]:
    root = ET.fromstring(xml)
    found = []
    for sp in root.iter():
        if sp.tag not in (f"{{{NS['p']}}}sp", f"{{{NS['p']}}}pic"):
            continue
        ph = sp.find(".//p:nvPr/p:ph", NS)
        if ph is None:
            continue
        off, ext = sp.find("p:spPr/a:xfrm/a:off", NS), sp.find("p:spPr/a:xfrm/a:ext", NS)
        box = None
        if off is not None and ext is not None:
            box = Box(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
        found.append(Placeholder(ph.get("type", "obj"), int(ph.get("idx", "0")), box))
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
            self.parts[_rels_name(notes_part)] = _rels_xml([
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
        self.parts[_rels_name(slide)] = _rels_xml(rels).encode()
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
        self.parts[_rels_name(part)] = _rels_xml([(REL + "slideMaster", "../slideMasters/" + posixpath.basename(master))]).encode()
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
        return self.template.layout(part, self.parts[part])

    def add_notes_master(self, source: Template) -> None:
        """Give a template without a notes master (so without speaker notes) the one of `source`."""
        self.notes_master = "ppt/notesMasters/deck-notesMaster1.xml"
        rels = []
        for rel_type, target in ((t, tg) for _, t, tg in _read_rels(source.parts[_rels_name(source.notes_master)])):
            if rel_type == REL + "theme":
                theme = "ppt/theme/deck-notes-theme.xml"
                self.parts[theme] = source.parts[posixpath.normpath(posixpath.join("ppt/notesMasters", target))]
                self.types[theme] = "application/vnd.openxmlformats-officedocument.theme+xml"
                rels.append((rel_type, "../theme/" + posixpath.basename(theme)))
        self.parts[self.notes_master] = source.parts[source.notes_master]
        self.parts[_rels_name(self.notes_master)] = _rels_xml(rels).encode()
        self.types[self.notes_master] = CT + "notesMaster+xml"
        rid = self._relate("ppt/presentation.xml", REL + "notesMaster", "notesMasters/" + posixpath.basename(self.notes_master))
        xml = re.sub(r"<p:notesMasterIdLst>.*?</p:notesMasterIdLst>", "", self.parts["ppt/presentation.xml"].decode("utf-8"), flags=re.S)
        xml = xml.replace("</p:sldMasterIdLst>", f'</p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id="{rid}"/></p:notesMasterIdLst>', 1)
        self.parts["ppt/presentation.xml"] = xml.encode("utf-8")

    def _relate(self, part: str, rel_type: str, target: str) -> str:
        """Add a relationship from `part` (keeping the others as they are) and return its id."""
        name = _rels_name(part)
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
        for name in [n for n in self.parts if re.fullmatch(r"ppt/theme/theme\d+\.xml", n)]:
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
                    rels = _rels_name(part)
                    if rels in self.parts:
                        reached.add(rels)
                        todo.append(rels)
        for name in list(self.parts):
            if name not in reached:
                del self.parts[name]

    def _content_types(self) -> None:
        xml = self.parts["[Content_Types].xml"].decode("utf-8")
        defaults = dict(re.findall(r'<Default Extension="([^"]+)" ContentType="([^"]+)"', xml))
        overrides = dict(re.findall(r'<Override PartName="/([^"]+)" ContentType="([^"]+)"', xml))
        overrides.update(self.types)
        for name in self.parts:
            ext = name.rsplit(".", 1)[-1].lower()
            if ext in IMAGE_TYPES and ext not in defaults:
                defaults[ext] = IMAGE_TYPES[ext]
        defaults.setdefault("rels", "application/vnd.openxmlformats-package.relationships+xml")
        defaults.setdefault("xml", "application/xml")
        body = "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in sorted(defaults.items()))
        body += "".join(
            f'<Override PartName="/{n}" ContentType="{t}"/>'
            for n, t in sorted(overrides.items(), key=lambda item: _natural(item[0]))
            if n in self.parts
        )
        self.parts["[Content_Types].xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f"{body}</Types>"
        ).encode()


def _rels_name(part: str) -> str:
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def _read_rels(xml: bytes) -> list[tuple[str, str, str]]:
    if not xml:
        return []
    root = ET.fromstring(xml)
    return [
        (rel.get("Id"), rel.get("Type"), rel.get("Target"))
        for rel in root
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
