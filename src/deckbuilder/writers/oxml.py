"""The PresentationML that python-pptx does not write, built and edited as parsed elements.

Paragraphs with bullets, hanging indents and muted runs; placeholder shapes that shrink text on
overflow; pictures with alt text; the slide-number field; speaker notes; a layout copied from
another template with its relationships; a template's example slides removed; theme colors and
fonts; document properties with fixed times.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import oxml_parser, parse_xml
from pptx.oxml.ns import nsdecls, nsuri, qn
from pptx.parts.slide import SlideLayoutPart

FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
SECTIONS = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"  # the p:ext of a presentation's sections
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
FIRST_LAYOUT_ID = 2147483648  # masters and layouts share ids from here (ECMA-376 19.2.1.33)
_NSMAP = {prefix: nsuri(prefix) for prefix in ("a", "p", "r")}
_PH = etree.ETXPath("{%s}nvSpPr/{%s}nvPr/{%s}ph" % ((nsuri("p"),) * 3))  # a shape's placeholder
_LAYOUT_IDS = "./p:sldMasterIdLst/p:sldMasterId/@id | ./p:sldLayoutIdLst/p:sldLayoutId/@id"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Muted:
    """The color of muted text: a scheme color, lightened by `lum` (modulation, offset) if set."""

    scheme: str
    lum: tuple[int, int] | None = None

    def element(self):
        """Return the a:schemeClr element of this color."""
        color = _element("a:schemeClr", val=self.scheme)
        if self.lum:
            etree.SubElement(color, _tag("a:lumMod"), val=str(self.lum[0]))
            etree.SubElement(color, _tag("a:lumOff"), val=str(self.lum[1]))
        return color


# Muted text: the built-in designs' muted color; in an organisation's template, its text color lightened.
MUTED = Muted("accent2")
TEXT_LIGHTER = Muted("tx1", (65000, 35000))


@functools.cache
def _tag(name: str) -> str:
    """Return the Clark name of a prefixed tag ("a:p"), worked out once."""
    return qn(name)


def _element(tag: str, **attrs: str):
    """Return a new element of python-pptx's class for `tag` (like "a:p"), with attributes."""
    prefix = tag.partition(":")[0]
    return oxml_parser.makeelement(_tag(tag), attrs, nsmap={prefix: _NSMAP[prefix]})


def text(value: str) -> str:
    """Return `value` without the control characters XML cannot hold."""
    return _NOT_XML.sub("", value)


def run(value: str, size: float | None, bold: bool, italic: bool | None, muted: Muted | None):
    """Return an a:r: text with its size, weight, slant and (when muted) color. `italic` False: upright
    even where the layout draws italics; None: as the layout draws it."""
    r = _element("a:r")
    props = etree.SubElement(r, _tag("a:rPr"), lang="en-US")
    if size:
        props.set("sz", str(int(size * 100)))
    if bold:
        props.set("b", "1")
    if italic is not None:
        props.set("i", "1" if italic else "0")
    props.set("dirty", "0")
    if muted:
        etree.SubElement(props, _tag("a:solidFill")).append(muted.element())
    etree.SubElement(r, _tag("a:t")).text = text(value)
    return r


def paragraph(runs: list, level: int = 0, bullet: str = "", indents: tuple[int, int] | None = None,
              before: float | None = None, line: float | None = None, size: float | None = None,
              number: int = 0):  # fmt: skip
    """Return an a:p of `runs`. bullet: "" keeps the layout's, "none" removes it, "number" counts
    (from `number` when set: a list continued from another slide).

    `indents` (marL, indent in EMU), `before` (points) and `line` (line spacing, 1.0 single) replace
    the layout's when given; `size` (points) also sizes the paragraph's end mark.
    """
    p = _element("a:p")
    props = _element("a:pPr")
    if level:
        props.set("lvl", str(level))
    if indents is not None:
        props.set("marL", str(indents[0]))
        props.set("indent", str(indents[1]))
    if line is not None:
        spacing = etree.SubElement(props, _tag("a:lnSpc"))
        etree.SubElement(spacing, _tag("a:spcPct"), val=str(round(line * 100000)))
    if before is not None:
        spacing = etree.SubElement(props, _tag("a:spcBef"))
        etree.SubElement(spacing, _tag("a:spcPts"), val=str(round(before * 100)))
    if bullet == "none":
        etree.SubElement(props, _tag("a:buNone"))
    elif bullet == "number":
        etree.SubElement(props, _tag("a:buFont"), typeface="+mj-lt")
        numbering = etree.SubElement(props, _tag("a:buAutoNum"), type="arabicPeriod")
        if number:
            numbering.set("startAt", str(number))
    if len(props) or props.attrib:
        p.append(props)
    p.extend(runs)
    if size:
        etree.SubElement(p, _tag("a:endParaRPr"), lang="en-US", sz=str(int(size * 100)), dirty="0")
    return p


def slide_number(number: int):
    """Return the a:p of a slide-number field, showing `number` until the viewer counts."""
    p = _element("a:p")
    field = etree.SubElement(p, _tag("a:fld"), id=SLIDE_NUMBER_FIELD, type="slidenum")
    etree.SubElement(field, _tag("a:rPr"), lang="en-US")
    etree.SubElement(field, _tag("a:t")).text = str(number)
    return p


def text_shape(sid: int, name: str, kind: str, idx: int, box, paragraphs: list, autofit: bool):
    """Return a p:sp filling the layout's placeholder (`kind`, `idx`); `box` when it needs its own.

    With `autofit`, text that does not fit shrinks: PowerPoint and Impress honour normAutofit.
    """
    sp = copy.deepcopy(_TEXT_SHAPE)
    names = sp[0][0]
    names.set("id", str(sid))
    names.set("name", text(name))
    ph = sp[0][2][0]
    ph.set("type", kind)
    if idx:
        ph.set("idx", str(idx))
    if box:
        xfrm = etree.SubElement(sp[1], _tag("a:xfrm"))
        etree.SubElement(xfrm, _tag("a:off"), x=str(box.x), y=str(box.y))
        etree.SubElement(xfrm, _tag("a:ext"), cx=str(box.w), cy=str(box.h))
    body = sp[2]
    if autofit:
        etree.SubElement(body[0], _tag("a:normAutofit"))
    body.extend(paragraphs)
    return sp


def picture_shape(sid: int, name: str, alt: str, rid: str, box):
    """Return a p:pic of the image related as `rid`, placed at `box`, its alt text in p:cNvPr/@descr."""
    pic = copy.deepcopy(_PICTURE)
    pic[0][0].attrib.update({"id": str(sid), "name": text(name), "descr": text(alt)})
    pic[1][0].set(_tag("r:embed"), rid)
    off, ext = pic[2][0]
    off.attrib.update({"x": str(box.x), "y": str(box.y)})
    ext.attrib.update({"cx": str(box.w), "cy": str(box.h)})
    return pic


_TEXT_SHAPE = parse_xml(
    f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="0" name=""/><p:cNvSpPr><a:spLocks noGrp="1"/>'
    "</p:cNvSpPr><p:nvPr><p:ph/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/></p:txBody></p:sp>"
)
_PICTURE = parse_xml(
    f'<p:pic {nsdecls("a", "p", "r")}><p:nvPicPr><p:cNvPr id="0" name="" descr=""/>'
    '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
    '<p:blipFill><a:blip r:embed=""/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
    '<p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
)


def set_notes(notes_slide, paragraphs: list) -> None:
    """Put `paragraphs` in the notes placeholder of a notes slide, adding one if its master has none."""
    tree = notes_slide.shapes._spTree
    holder = next((sp for sp in tree.iterfind(_tag("p:sp")) if _placeholder_type(sp) == "body"), None)
    if holder is None:
        sid = 1 + max(int(i) for i in tree.xpath(".//p:cNvPr/@id"))
        tree.append(text_shape(sid, "Notes Placeholder", "body", 1, None, paragraphs, False))
        return
    body = holder.get_or_add_txBody()
    for p in body.findall(_tag("a:p")):
        body.remove(p)
    body.extend(paragraphs)


def _placeholder_type(shape) -> str | None:
    found = _PH(shape)
    return found[0].get("type", "obj") if found else None



def drop_slides(prs) -> None:
    """Remove a template's example slides, and the sections and custom shows that list them."""
    root = prs.part._element
    ids = root.find(_tag("p:sldIdLst"))
    if ids is not None:
        for sld_id in ids:
            prs.part.drop_rel(sld_id.get(_tag("r:id")))
        root.remove(ids)
    for shows in root.findall(_tag("p:custShowLst")):
        root.remove(shows)
    for ext in root.findall(f"{_tag('p:extLst')}/{_tag('p:ext')}[@uri='{SECTIONS}']"):
        ext.getparent().remove(ext)


def copy_layout(layout, master, scale: tuple[float, float], muted: Muted):
    """Add a copy of `layout` (another package's) to `master`, with its relationships, scaled.

    Its pictures come along; muted text takes `muted`; the master's own marks show around it.
    """
    package = master.part.package
    element = copy.deepcopy(layout._element)
    remute(element, muted)
    for box in element.iter(_tag("a:off"), _tag("a:ext")):
        for attr, factor in (("x", scale[0]), ("cx", scale[0]), ("y", scale[1]), ("cy", scale[1])):
            if attr in box.attrib:
                box.set(attr, str(round(int(box.get(attr)) * factor)))
    element.attrib.pop("showMasterSp", None)
    part = SlideLayoutPart(package.next_partname("/ppt/slideLayouts/slideLayout%d.xml"), CT.PML_SLIDE_LAYOUT,
                           package, element)  # fmt: skip
    part.relate_to(master.part, RT.SLIDE_MASTER)
    renamed = {rid: _copy_target(rel, part) for rid, rel in layout.part.rels.items() if rel.reltype != RT.SLIDE_MASTER}
    for node in element.iter():
        for attr, value in node.attrib.items():
            if attr.startswith("{" + _NSMAP["r"]) and value in renamed:
                node.set(attr, renamed[value])
    rid = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    ids = master._element.get_or_add_sldLayoutIdLst()
    used = [int(i) for root in _masters_and_layouts(package) for i in root.xpath(_LAYOUT_IDS)]
    etree.SubElement(ids, _tag("p:sldLayoutId"), {"id": str(max([FIRST_LAYOUT_ID - 1, *used]) + 1), _tag("r:id"): rid})
    return part.slide_layout



def _copy_target(rel, part) -> str:
    """Relate `part` to a copy of what `rel` (of another package) points to; return the new rId.

    An image already in the package is shared; any other part is copied as it is.
    """
    from pptx.opc.package import Part

    if rel.is_external:
        return part.relate_to(rel.target_ref, rel.reltype, is_external=True)
    package, target = part.package, rel.target_part
    if rel.reltype == RT.IMAGE:
        return part.relate_to(package.get_or_add_image_part(io.BytesIO(target.blob)), RT.IMAGE)
    stem, _, ext = str(target.partname).rpartition(".")
    name = package.next_partname(stem.rstrip("0123456789") + "%d." + ext)
    return part.relate_to(Part(name, target.content_type, package, target.blob), rel.reltype)


def _masters_and_layouts(package):
    """Return the presentation element and its masters' elements, which hold layout ids."""
    prs = package.presentation_part
    return [prs._element] + [master.element for master in prs.presentation.slide_masters]


def recolor(theme_part, colors: dict[str, str], fonts: dict[str, str]) -> None:
    """Set a theme part's scheme colors (dk1, lt1, accent1, ...) and major/minor fonts."""
    root = etree.fromstring(theme_part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
    scheme = root.find(f".//{_tag('a:clrScheme')}")
    for slot, value in colors.items():
        holder = scheme.find(qn(f"a:{slot}")) if scheme is not None else None
        if holder is not None:
            holder[:] = [_element("a:srgbClr", val=value.lstrip("#").upper())]
    for slot, typeface in fonts.items():
        latin = root.find(f".//{_tag('a:' + slot)}/{_tag('a:latin')}")
        if latin is not None:
            latin.set("typeface", text(typeface))
    theme_part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def properties(prs, title: str, author: str, subject: str, slides: int, notes: int) -> None:
    """Write the core properties afresh with fixed times, and the application's, so equal input
    gives equal bytes."""
    from pptx.oxml.coreprops import CT_CoreProperties

    core = prs.core_properties
    core._element = CT_CoreProperties.new_coreProperties()
    core.title, core.subject, core.author = (_property(value) for value in (title, subject, author))
    core.last_modified_by = "deckbuilder"
    core.created = core.modified = FIXED_TIME
    try:
        app = prs.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
    except KeyError:  # the template has none: PowerPoint needs none
        return
    root = etree.Element(f"{{{EXTENDED}}}Properties", nsmap={None: EXTENDED})
    for name, value in (("Application", "deckbuilder"), ("Slides", slides), ("Notes", notes)):
        etree.SubElement(root, f"{{{EXTENDED}}}{name}").text = str(value)
    app.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _property(value: str) -> str:
    """Return a document property as python-pptx takes it: at most 255 characters."""
    value = text(value)
    return value if len(value) <= 255 else value[:254] + "\u2026"


def remute(paragraph, muted: Muted) -> None:
    """Give the muted runs of `paragraph` the color `muted` (a template's own text, lightened)."""
    if muted == MUTED:
        return
    for color in list(paragraph.iter(_tag("a:schemeClr"))):
        if color.get("val") == MUTED.scheme and not len(color):
            color.getparent().replace(color, muted.element())


def add_view_props(prs) -> None:
    """Give a presentation without view properties (Impress writes none) the part PowerPoint expects."""
    from pptx.opc.package import Part

    if any(rel.reltype == RT.VIEW_PROPS for rel in prs.part.rels.values()):
        return
    root = parse_xml(f'<p:viewPr {nsdecls("p")}><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>')
    package = prs.part.package
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    prs.part.relate_to(Part(package.next_partname("/ppt/viewProps%d.xml"), CT.PML_VIEW_PROPS, package, blob),
                       RT.VIEW_PROPS)  # fmt: skip
