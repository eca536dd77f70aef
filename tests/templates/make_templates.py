"""Build the organisation-template fixtures in this folder.

    python tests/templates/make_templates.py            # all three
    python tests/templates/make_templates.py german     # just one

* impress.pptx    - written by LibreOffice Impress' pptx export from a hand-written
                    flat ODF presentation (.fodp): 16:9 (28 x 15.75 cm), coloured master
                    band and background, DejaVu Serif titles, one slide.
* german.pptx     - python-pptx's default (4:3) template widened to 16:9, layouts
                    renamed to the German PowerPoint names, navy palette,
                    "Liberation Sans", a bar on the master, two slides (one picture).
* fourthree.pptx  - python-pptx's default 4:3 template with "Title and Content"
                    renamed to "Content (Org)", a deep-red palette, one slide.

Needs python-pptx, Pillow and (for impress.pptx) LibreOffice (`soffice`) on PATH.
The python-pptx files are byte-for-byte reproducible (fixed zip timestamps and
document properties); impress.pptx is reproducible in content only, since
LibreOffice stamps its own save time.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.util import Emu

HERE = Path(__file__).resolve().parent

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
FIXED_TIME = dt.datetime(2024, 1, 15, 9, 0, 0)


# --------------------------------------------------------------------------- helpers


def xp(element, expr: str) -> list:
    return etree.XPath(expr, namespaces=NS)(element)


def soffice(convert_to: str, src: Path, outdir: Path, profile: Path) -> Path:
    """Run a headless LibreOffice conversion with a private user profile."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        sys.exit("LibreOffice (soffice) is needed to build impress.pptx")
    cmd = [
        exe,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        convert_to,
        "--outdir",
        str(outdir),
        str(src),
    ]
    subprocess.run(cmd, check=True, timeout=300, capture_output=True)
    out = outdir / (src.stem + "." + convert_to.split(":")[0])
    if not out.exists():
        sys.exit(f"LibreOffice did not write {out}")
    return out


def rewrite_zip(path: Path, patches: dict[str, Callable[[bytes], bytes]] | None = None) -> None:
    """Re-pack a .pptx with fixed timestamps, applying bytes->bytes patches by member name."""
    patches = patches or {}
    with zipfile.ZipFile(path) as zin:
        members = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members:
            if name in patches:
                data = patches[name](data)
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zout.writestr(info, data)
    path.write_bytes(buf.getvalue())


def patch_theme(
    data: bytes, name: str, colors: dict[str, str], major: str | None, minor: str | None
) -> bytes:
    root = etree.fromstring(data)
    root.set("name", name)
    scheme = root.find(".//a:clrScheme", NS)
    scheme.set("name", name)
    for slot, rgb in colors.items():
        el = scheme.find(f"a:{slot}", NS)
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{NS['a']}}}srgbClr", val=rgb)
    fonts = root.find(".//a:fontScheme", NS)
    if major or minor:
        fonts.set("name", name)
    if major:
        fonts.find("a:majorFont/a:latin", NS).set("typeface", major)
    if minor:
        fonts.find("a:minorFont/a:latin", NS).set("typeface", minor)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def patch_app(data: bytes, fmt: str, slides: int, theme: str) -> bytes:
    text = data.decode("utf-8")
    text = re.sub(
        r"<PresentationFormat>.*?</PresentationFormat>",
        f"<PresentationFormat>{fmt}</PresentationFormat>",
        text,
    )
    text = re.sub(r"<Slides>\d+</Slides>", f"<Slides>{slides}</Slides>", text)
    text = text.replace("<vt:lpstr>Office Theme</vt:lpstr>", f"<vt:lpstr>{theme}</vt:lpstr>")
    return text.encode("utf-8")


def set_core(prs: Presentation, title: str, author: str, language: str) -> None:
    cp = prs.core_properties
    cp.title = title
    cp.author = author
    cp.last_modified_by = author
    cp.language = language
    cp.revision = 1
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME


def add_master_bar(master, name: str, x: int, y: int, cx: int, cy: int, color: str | None) -> None:
    """A plain filled rectangle on the slide master, behind the placeholders."""
    tree = master.shapes._spTree
    ids = [int(v) for v in xp(tree, ".//p:cNvPr/@id")]
    fill = f'<a:srgbClr val="{color}"/>' if color else '<a:schemeClr val="accent1"/>'
    xml = (
        f'<p:sp xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}">'
        f'<p:nvSpPr><p:cNvPr id="{max(ids) + 1}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill>{fill}</a:solidFill>'
        f"<a:ln><a:noFill/></a:ln></p:spPr>"
        f'<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody>'
        f"</p:sp>"
    )
    sp = etree.fromstring(xml)
    grp = tree.find("p:grpSpPr", NS)
    grp.addnext(sp)  # first shape drawn = bottom of the z-order


def scale_x(element, factor: float) -> None:
    """Scale every shape's a:xfrm horizontally (off x, ext cx)."""
    for xfrm in xp(element, ".//p:spTree/*[not(self::p:grpSpPr)]//a:xfrm"):
        off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
        if off is not None:
            off.set("x", str(round(int(off.get("x")) * factor)))
        if ext is not None:
            ext.set("cx", str(round(int(ext.get("cx")) * factor)))


def fill_body(placeholder, lines: list[tuple[int, str]]) -> None:
    tf = placeholder.text_frame
    first = True
    for level, text in lines:
        para = tf.paragraphs[0] if first else tf.add_paragraph()
        first = False
        para.text = text
        para.level = level


# --------------------------------------------------------------------------- german.pptx

GERMAN_NAMES = {
    "Title Slide": "Titelfolie",
    "Title and Content": "Titel und Inhalt",
    "Section Header": "Abschnittsüberschrift",
    "Two Content": "Zwei Inhalte",
    "Comparison": "Vergleich",
    "Title Only": "Nur Titel",
    "Blank": "Leer",
    "Content with Caption": "Inhalt mit Überschrift",
    "Picture with Caption": "Bild mit Überschrift",
    "Title and Vertical Text": "Titel und vertikaler Text",
    "Vertical Title and Text": "Vertikaler Titel und Text",
}
GERMAN_PROMPTS = {
    "Click to edit Master title style": "Titelmasterformat durch Klicken bearbeiten",
    "Click to edit Master subtitle style": "Formatvorlage des Untertitelmasters durch Klicken bearbeiten",
    "Click to edit Master text styles": "Mastertextformat bearbeiten",
    "Second level": "Zweite Ebene",
    "Third level": "Dritte Ebene",
    "Fourth level": "Vierte Ebene",
    "Fifth level": "Fünfte Ebene",
}
NAVY = "14325C"
GERMAN_PALETTE = {
    "dk2": "0F2240",
    "lt2": "E8EDF3",
    "accent1": NAVY,
    "accent2": "E09F1F",
    "accent3": "3A8D7A",
    "accent4": "6B7785",
    "accent5": "2F6DB5",
    "accent6": "B5332E",
    "hlink": "2F6DB5",
    "folHlink": "6B4E9B",
}


def german_picture() -> bytes:
    img = Image.new("RGB", (160, 90), "#E8EDF3")
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, 159, 17], fill="#" + NAVY)
    draw.ellipse([55, 30, 105, 80], fill="#E09F1F")
    draw.rectangle([10, 60, 40, 80], fill="#3A8D7A")
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def translate(element) -> None:
    for t in xp(element, ".//a:t"):
        if t.text in GERMAN_PROMPTS:
            t.text = GERMAN_PROMPTS[t.text]
    for el in xp(element, ".//*[@lang='en-US']"):
        el.set("lang", "de-DE")


def make_german(out: Path) -> None:
    prs = Presentation()
    factor = 12192000 / prs.slide_width  # 4/3
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    prs.part._element.find("p:sldSz", NS).attrib.pop("type", None)  # no "screen4x3"
    for el in xp(prs.part._element, ".//a:defRPr[@lang='en-US']"):
        el.set("lang", "de-DE")

    master = prs.slide_master
    scale_x(master._element, factor)
    translate(master._element)
    for layout in master.slide_layouts:
        scale_x(layout._element, factor)
        translate(layout._element)
        layout.name = GERMAN_NAMES[layout.name]
    # titles in the navy text colour 2; brand bar across the top, thin accent line at the bottom
    for clr in xp(master._element, "p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/a:solidFill/a:schemeClr"):
        clr.set("val", "tx2")
    add_master_bar(master, "Markenbalken", 0, 0, 12192000, 228600, None)
    add_master_bar(master, "Akzentlinie", 0, 6781800, 12192000, 76200, "E09F1F")

    by_name = {l.name: l for l in master.slide_layouts}
    s1 = prs.slides.add_slide(by_name["Titel und Inhalt"])
    s1.shapes.title.text = "Beispielfolie: Workshop-Ablauf"
    fill_body(
        s1.placeholders[1],
        [
            (0, "Begrüßung und Einführung"),
            (1, "Ziele für heute"),
            (0, "Übung in Kleingruppen"),
            (0, "Zusammenfassung"),
        ],
    )

    s2 = prs.slides.add_slide(by_name["Bild mit Überschrift"])
    s2.shapes.title.text = "Beispielbild"
    s2.placeholders[1].insert_picture(io.BytesIO(german_picture()))
    s2.placeholders[2].text = "Bildunterschrift für das Beispielbild."

    set_core(prs, "Organisationsvorlage (Beispiel)", "Vorlagen-Team", "de-DE")
    prs.save(out)
    rewrite_zip(
        out,
        {
            "ppt/theme/theme1.xml": lambda d: patch_theme(
                d, "Organisation", GERMAN_PALETTE, "Liberation Sans", "Liberation Sans"
            ),
            "docProps/app.xml": lambda d: patch_app(d, "Breitbild", 2, "Organisation"),
        },
    )


# --------------------------------------------------------------------------- fourthree.pptx

RED_PALETTE = {
    "dk2": "3B0A12",
    "lt2": "F3EDE6",
    "accent1": "9B1B30",
    "accent2": "D9822B",
    "accent3": "5A6B3C",
    "accent4": "7A6A5C",
    "accent5": "C94F4F",
    "accent6": "2E4A62",
    "hlink": "9B1B30",
    "folHlink": "5C3A5E",
}


def make_fourthree(out: Path) -> None:
    prs = Presentation()  # 9144000 x 6858000, the standard English layout names
    master = prs.slide_master
    by_name = {l.name: l for l in master.slide_layouts}
    by_name["Title and Content"].name = "Content (Org)"
    add_master_bar(master, "Org Band", 0, 6629400, 9144000, 228600, None)

    s1 = prs.slides.add_slide(by_name["Title and Content"])
    s1.shapes.title.text = "Example slide"
    fill_body(s1.placeholders[1], [(0, "A first point"), (1, "with a detail"), (0, "A second point")])

    set_core(prs, "Org template 4:3 (example)", "Template team", "en-GB")
    prs.save(out)
    rewrite_zip(
        out,
        {
            "ppt/theme/theme1.xml": lambda d: patch_theme(d, "Org Red", RED_PALETTE, None, None),
            "docProps/app.xml": lambda d: patch_app(d, "On-screen Show (4:3)", 1, "Org Red"),
        },
    )


# --------------------------------------------------------------------------- potx.potx

TEAL_PALETTE = {"dk2": "123B3A", "accent1": "1F6F6B", "accent2": "C2762B"}


def make_potx(out: Path) -> None:
    """python-pptx's default template saved as a PowerPoint template: no slides, a .potx main part."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    prs.part._element.find("p:sldSz", NS).attrib.pop("type", None)
    for layout in prs.slide_master.slide_layouts:
        scale_x(layout._element, 4 / 3)
    scale_x(prs.slide_master._element, 4 / 3)
    add_master_bar(prs.slide_master, "Template Band", 0, 0, 12192000, 152400, None)
    set_core(prs, "Org template (.potx)", "Template team", "en-US")
    prs.save(out)
    main = "application/vnd.openxmlformats-officedocument.presentationml."
    rewrite_zip(out, {
        "[Content_Types].xml": lambda d: d.replace(f"{main}presentation.main+xml".encode(),
                                                   f"{main}template.main+xml".encode()),
        "ppt/theme/theme1.xml": lambda d: patch_theme(d, "Org Teal", TEAL_PALETTE, None, None),
    })  # fmt: skip


# --------------------------------------------------------------------------- twomasters.pptx

SECOND_MASTER_LAYOUTS = ("Title Slide", "Title and Content", "Section Header", "Two Content")


def make_twomasters(out: Path) -> None:
    """Two masters: the second's title sits at the bottom and its layouts take their places from it.

    Both masters have a "Title and Content" layout; the second's placeholders have no a:xfrm of their
    own, so only a reader that inherits from a layout's own master places them right.
    """
    from copy import deepcopy

    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import SlideLayoutPart, SlideMasterPart

    prs = Presentation()
    package = prs.part.package
    first = prs.slide_master
    theme = first.part.part_related_by(RT.THEME)
    theme2 = Part(PackURI("/ppt/theme/theme2.xml"), theme.content_type, package,
                  patch_theme(theme.blob, "Second", {"accent1": "4B2E83"}, None, None))  # fmt: skip
    element = deepcopy(first._element)
    ids = element.find("p:sldLayoutIdLst", NS)
    for child in list(ids):
        ids.remove(child)
    for ph in xp(element, "p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph[@type='title']]/p:spPr/a:xfrm/a:off"):
        ph.set("y", "5300000")  # the title at the bottom
    for ph in xp(element, "p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph[@type='body']]/p:spPr/a:xfrm/a:off"):
        ph.set("y", "457200")  # the body at the top
    master = SlideMasterPart(PackURI("/ppt/slideMasters/slideMaster2.xml"), CT.PML_SLIDE_MASTER, package, element)
    master.relate_to(theme2, RT.THEME)
    next_id = 2147483660
    for n, layout in enumerate(l for l in first.slide_layouts if l.name in SECOND_MASTER_LAYOUTS):
        copied = deepcopy(layout._element)
        for xfrm in xp(copied, "p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph[not(@type) or @type='title' "
                               "or @type='body']]/p:spPr/a:xfrm"):  # fmt: skip
            xfrm.getparent().remove(xfrm)
        part = SlideLayoutPart(PackURI(f"/ppt/slideLayouts/slideLayout{12 + n}.xml"), CT.PML_SLIDE_LAYOUT,
                               package, copied)  # fmt: skip
        part.relate_to(master, RT.SLIDE_MASTER)
        etree.SubElement(ids, f"{{{NS['p']}}}sldLayoutId",
                         {"id": str(next_id), f"{{{NS['r']}}}id": master.relate_to(part, RT.SLIDE_LAYOUT)})  # fmt: skip
        next_id += 1
    masters = prs.part._element.find("p:sldMasterIdLst", NS)
    etree.SubElement(masters, f"{{{NS['p']}}}sldMasterId",
                     {"id": str(next_id), f"{{{NS['r']}}}id": prs.part.relate_to(master, RT.SLIDE_MASTER)})  # fmt: skip
    set_core(prs, "Two masters (example)", "Template team", "en-US")
    prs.save(out)
    rewrite_zip(out)


# --------------------------------------------------------------------------- logo.pptx


def logo_picture() -> bytes:
    img = Image.new("RGB", (120, 40), "#FFFFFF")
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, 39, 39], fill="#B5332E")
    draw.rectangle([48, 12, 116, 28], fill="#2E4A62")
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def make_logo(out: Path) -> None:
    """Every layout carries the organisation's logo as a picture of its own, top right."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation()
    image = prs.part.package.get_or_add_image_part(io.BytesIO(logo_picture()))
    for layout in prs.slide_master.slide_layouts:
        rid = layout.part.relate_to(image, RT.IMAGE)
        tree = layout.shapes._spTree
        ids = [int(v) for v in xp(tree, ".//p:cNvPr/@id")]
        tree.append(etree.fromstring(
            f'<p:pic xmlns:p="{NS["p"]}" xmlns:a="{NS["a"]}" xmlns:r="{NS["r"]}"><p:nvPicPr>'
            f'<p:cNvPr id="{max(ids) + 1}" name="Logo" descr="Org logo"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/>'
            f'</p:cNvPicPr><p:nvPr userDrawn="1"/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/><a:stretch>'
            '<a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="7772400" y="76200"/>'
            '<a:ext cx="1143000" cy="381000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
        ))  # fmt: skip
    set_core(prs, "Layouts with a logo (example)", "Template team", "en-US")
    prs.save(out)
    rewrite_zip(out)


# --------------------------------------------------------------------------- quirky.pptx


def quirky_types(data: bytes) -> bytes:
    """[Content_Types].xml as other tools write it: ContentType first, single quotes, several lines,
    an upper-case PNG default."""
    root = etree.fromstring(data)
    lines = ["<?xml version='1.0' encoding='UTF-8'?>",
             "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'>"]  # fmt: skip
    for entry in root:
        tag, attrs = etree.QName(entry).localname, dict(entry.attrib)
        if tag == "Default":
            ext = "PNG" if attrs["Extension"] == "png" else attrs["Extension"]
            lines.append(f"  <Default ContentType='{attrs['ContentType']}'\n           Extension='{ext}'/>")
        else:
            lines.append(f"  <Override ContentType='{attrs['ContentType']}'\n    PartName='{attrs['PartName']}' />")
    return ("\n".join(lines) + "\n</Types>\n").encode()


def quirky_prefix(data: bytes) -> bytes:
    """PresentationML under the prefix pml: instead of p:, and r:id before id in layout lists."""
    text = data.decode("utf-8").replace("<p:", "<pml:").replace("</p:", "</pml:").replace("xmlns:p=", "xmlns:pml=")
    return re.sub(r'<pml:sldLayoutId id="(\d+)" r:id="(\w+)"/>', r'<pml:sldLayoutId r:id="\2" id="\1"/>', text).encode()


def make_quirky(out: Path) -> None:
    """A template as other tools write it (see quirky_types and quirky_prefix), with a picture."""
    prs = Presentation()
    by_name = {l.name: l for l in prs.slide_master.slide_layouts}
    slide = prs.slides.add_slide(by_name["Picture with Caption"])
    slide.shapes.title.text = "Example picture"
    slide.placeholders[1].insert_picture(io.BytesIO(logo_picture()))
    set_core(prs, "Quirky template (example)", "Template team", "en-US")
    prs.save(out)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
    prefixed = [n for n in names if n.startswith(("ppt/presentation.xml", "ppt/slideMasters/", "ppt/slideLayouts/"))
                and n.endswith(".xml")]  # fmt: skip
    rewrite_zip(out, {"[Content_Types].xml": quirky_types, **{n: quirky_prefix for n in prefixed}})


# --------------------------------------------------------------------------- impress.pptx

# A minimal flat ODF presentation, 28 cm x 15.75 cm (16:9). The master page "Brand"
# has a pale background, a green band with a thin gold line at the top, and title /
# outline placeholders in DejaVu Serif / Liberation Sans. (LibreOffice's pptx export
# writes Liberation Sans/Serif as their metric twins Arial/Times New Roman, so the
# title font is DejaVu Serif to keep a non-default name in the .pptx.)
FODP = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">
 <office:meta>
  <dc:title>Impress organisation template (example)</dc:title>
  <meta:initial-creator>Template team</meta:initial-creator>
  <meta:creation-date>2024-01-15T09:00:00</meta:creation-date>
  <dc:date>2024-01-15T09:00:00</dc:date>
  <dc:language>en-GB</dc:language>
 </office:meta>
 <office:font-face-decls>
  <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'" style:font-family-generic="roman" style:font-pitch="variable"/>
  <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss" style:font-pitch="variable"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="graphic">
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="18pt" fo:language="en" fo:country="GB"/>
  </style:default-style>
  <style:style style:name="standard" style:family="graphic">
   <style:graphic-properties draw:stroke="none" draw:fill="solid" draw:fill-color="#1F6F5C"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="18pt" fo:color="#1B1B1B"/>
  </style:style>
  <style:style style:name="Brand-background" style:family="presentation">
   <style:graphic-properties draw:stroke="none" draw:fill="solid" draw:fill-color="#F6F3EC"/>
  </style:style>
  <style:style style:name="Brand-backgroundobjects" style:family="presentation"/>
  <style:style style:name="Brand-title" style:family="presentation">
   <style:graphic-properties draw:stroke="none" draw:fill="none" draw:textarea-vertical-align="middle"/>
   <style:paragraph-properties fo:text-align="start"/>
   <style:text-properties style:font-name="DejaVu Serif" fo:font-size="36pt" fo:font-weight="bold" fo:color="#1F6F5C"/>
  </style:style>
  <style:style style:name="Brand-subtitle" style:family="presentation">
   <style:graphic-properties draw:stroke="none" draw:fill="none" draw:textarea-vertical-align="middle"/>
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="24pt" fo:color="#555555"/>
  </style:style>
  <style:style style:name="Brand-outline1" style:family="presentation">
   <style:graphic-properties draw:stroke="none" draw:fill="none"/>
   <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="24pt" fo:color="#1B1B1B"/>
  </style:style>
  <style:style style:name="Brand-outline2" style:family="presentation" style:parent-style-name="Brand-outline1">
   <style:text-properties fo:font-size="20pt"/>
  </style:style>
  <style:style style:name="Brand-outline3" style:family="presentation" style:parent-style-name="Brand-outline2">
   <style:text-properties fo:font-size="18pt"/>
  </style:style>
  <style:style style:name="Brand-notes" style:family="presentation">
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="12pt"/>
  </style:style>
  <style:presentation-page-layout style:name="AL1T1">
   <presentation:placeholder presentation:object="title" svg:x="1.4cm" svg:y="1.2cm" svg:width="25.2cm" svg:height="2.4cm"/>
   <presentation:placeholder presentation:object="outline" svg:x="1.4cm" svg:y="4.0cm" svg:width="25.2cm" svg:height="10.2cm"/>
  </style:presentation-page-layout>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="PM1">
   <style:page-layout-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm" fo:margin-right="0cm" fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/>
  </style:page-layout>
  <style:style style:name="Mdp1" style:family="drawing-page">
   <style:drawing-page-properties draw:background-size="full" draw:fill="solid" draw:fill-color="#F6F3EC"/>
  </style:style>
  <style:style style:name="dp1" style:family="drawing-page"/>
  <style:style style:name="gr1" style:family="graphic" style:parent-style-name="standard">
   <style:graphic-properties draw:stroke="none" draw:fill="solid" draw:fill-color="#1F6F5C"/>
  </style:style>
  <style:style style:name="gr2" style:family="graphic" style:parent-style-name="standard">
   <style:graphic-properties draw:stroke="none" draw:fill="solid" draw:fill-color="#D4A017"/>
  </style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Brand" style:page-layout-name="PM1" draw:style-name="Mdp1">
   <draw:rect draw:style-name="gr1" draw:layer="backgroundobjects" svg:x="0cm" svg:y="0cm" svg:width="28cm" svg:height="0.8cm"/>
   <draw:rect draw:style-name="gr2" draw:layer="backgroundobjects" svg:x="0cm" svg:y="0.8cm" svg:width="28cm" svg:height="0.15cm"/>
   <draw:frame presentation:style-name="Brand-title" draw:layer="backgroundobjects" svg:x="1.4cm" svg:y="1.2cm" svg:width="25.2cm" svg:height="2.4cm" presentation:class="title" presentation:placeholder="true">
    <draw:text-box/>
   </draw:frame>
   <draw:frame presentation:style-name="Brand-outline1" draw:layer="backgroundobjects" svg:x="1.4cm" svg:y="4.0cm" svg:width="25.2cm" svg:height="10.2cm" presentation:class="outline" presentation:placeholder="true">
    <draw:text-box/>
   </draw:frame>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:presentation>
   <draw:page draw:name="page1" draw:style-name="dp1" draw:master-page-name="Brand" presentation:presentation-page-layout-name="AL1T1">
    <draw:frame presentation:style-name="Brand-title" draw:layer="layout" svg:x="1.4cm" svg:y="1.2cm" svg:width="25.2cm" svg:height="2.4cm" presentation:class="title">
     <draw:text-box><text:p>Example slide</text:p></draw:text-box>
    </draw:frame>
    <draw:frame presentation:style-name="Brand-outline1" draw:layer="layout" svg:x="1.4cm" svg:y="4.0cm" svg:width="25.2cm" svg:height="10.2cm" presentation:class="outline">
     <draw:text-box>
      <text:list>
       <text:list-item><text:p>A first point</text:p>
        <text:list><text:list-item><text:p>with a detail</text:p></text:list-item></text:list>
       </text:list-item>
       <text:list-item><text:p>A second point</text:p></text:list-item>
      </text:list>
     </draw:text-box>
    </draw:frame>
   </draw:page>
  </office:presentation>
 </office:body>
</office:document>
"""


def make_impress(out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="mk_impress_") as tmp:
        tmp = Path(tmp)
        src = tmp / "impress.fodp"
        src.write_text(FODP, encoding="utf-8")
        pptx = soffice("pptx:Impress MS PowerPoint 2007 XML", src, tmp / "out", tmp / "profile")
        shutil.copyfile(pptx, out)


# --------------------------------------------------------------------------- main

BUILDERS = {"impress": make_impress, "german": make_german, "fourthree": make_fourthree, "potx": make_potx,
            "twomasters": make_twomasters, "logo": make_logo, "quirky": make_quirky}  # fmt: skip
FILES = {"potx": "potx.potx"}  # the others are <name>.pptx


def main(argv: list[str]) -> None:
    names = argv or list(BUILDERS)
    for name in names:
        out = HERE / FILES.get(name, f"{name}.pptx")
        BUILDERS[name](out)
        print(f"wrote {out.relative_to(HERE.parent.parent)} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
