"""python-pptx's package, made linear in the number of slides and saved byte for byte the same.

python-pptx names each new part, and looks for an image it already holds, by walking the whole
package, and finds the next slide id by scanning every slide: building a deck is quadratic.
`FastPackage` counts instead, and starts each slide and notes slide as a copy of the first.
`save` writes fixed zip entry times, so equal input gives equal bytes.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PACKAGE_URI, PackURI
from pptx.opc.serialized import PackageWriter, _ZipPkgWriter
from pptx.oxml.slide import CT_Slide
from pptx.package import Package
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import NotesSlidePart, SlidePart

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
STORED = (".png", ".jpeg", ".jpg", ".gif")  # already compressed
FIRST_SLIDE_ID = 256


class FastPackage(Package):
    """A python-pptx package that counts part names and slide ids, and remembers its images."""

    def __init__(self, pkg_file) -> None:
        super().__init__(pkg_file)
        self._counters: dict[str, list] = {}  # part name template -> [next number, names taken before]
        self._images: dict[str, ImagePart] = {}  # SHA-1 -> part
        self._next_slide_id = FIRST_SLIDE_ID
        self._blank_slide = CT_Slide.new()  # what every slide starts as (python-pptx parses it each time)
        self._blank_notes = None  # what every notes slide starts as, its placeholders cloned once

    def next_partname(self, tmpl: str) -> PackURI:
        """Return the next free part name of `tmpl`, scanning the package once per template."""
        if tmpl not in self._counters:
            prefix = tmpl[: (tmpl % 42).find("42")]
            taken = {str(p.partname) for p in self.iter_parts() if p.partname.startswith(prefix)}
            self._counters[tmpl] = [1, taken]
        counter = self._counters[tmpl]
        while tmpl % counter[0] in counter[1]:
            counter[0] += 1
        counter[0] += 1
        return PackURI(tmpl % (counter[0] - 1))

    def get_or_add_image_part(self, image_file) -> ImagePart:
        """Return the image part holding these bytes, adding it the first time."""
        image = Image.from_file(image_file)
        if image.sha1 not in self._images:
            self._images[image.sha1] = ImagePart.new(self, image)
        return self._images[image.sha1]

    def next_image_partname(self, ext: str) -> PackURI:
        return self.next_partname("/ppt/media/image%d." + ext)

    def add_slide(self, layout):
        """Add a blank slide on `layout` at the end of the presentation; return it."""
        presentation = self.presentation_part
        name = self.next_partname("/ppt/slides/slide%d.xml")
        slide_part = SlidePart(name, CT.PML_SLIDE, self, copy.deepcopy(self._blank_slide))
        slide_part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        rid = presentation.rels._add_relationship(RT.SLIDE, slide_part)  # new, so no match to look for
        presentation._element.get_or_add_sldIdLst()._add_sldId(id=self._next_slide_id, rId=rid)
        self._next_slide_id += 1
        return slide_part.slide

    def add_notes(self, slide):
        """Return a new notes slide of `slide`: python-pptx makes the first, the others copy it."""
        master = self.presentation_part.notes_master_part  # python-pptx adds one if the template has none
        if self._blank_notes is None:
            part = NotesSlidePart.new(self, slide.part)
            self._blank_notes = copy.deepcopy(part._element)
        else:
            name = self.next_partname("/ppt/notesSlides/notesSlide%d.xml")
            part = NotesSlidePart(name, CT.PML_NOTES_SLIDE, self, copy.deepcopy(self._blank_notes))
            part.relate_to(master, RT.NOTES_MASTER)
            part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        return part.notes_slide

    def save(self, path) -> None:
        """Write the package with fixed entry times; images are stored, everything else deflated.

        The zip is made in memory and written at once: zipfile seeks back over each member's header.
        """
        buffer = io.BytesIO()
        _FixedPackageWriter.write(buffer, self._rels, tuple(self.iter_parts()))
        Path(path).write_bytes(buffer.getbuffer())


class _FixedZip(_ZipPkgWriter):
    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, ZIP_DATE)
        info.compress_type = zipfile.ZIP_STORED if pack_uri.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
        self._zipf.writestr(info, blob)


class _FixedPackageWriter(PackageWriter):
    def _write(self) -> None:
        with _FixedZip(self._pkg_file) as phys_writer:
            self._write_content_types_stream(phys_writer)
            phys_writer.write(PACKAGE_URI.rels_uri, rels_xml(self._pkg_rels))
            for part in self._parts:
                phys_writer.write(part.partname, part.blob)
                if part._rels:
                    phys_writer.write(part.partname.rels_uri, rels_xml(part.rels))


def rels_xml(rels) -> bytes:
    """Return a relationships part, in rId order: python-pptx's own output, several times faster."""
    root = etree.Element(f"{{{RELS_NS}}}Relationships", nsmap={None: RELS_NS})
    for rid in sorted(rels.keys(), key=lambda r: (int(r[3:]) if r[:3] == "rId" and r[3:].isdigit() else 0, r)):
        rel = rels[rid]
        attrs = {"Id": rid, "Type": rel.reltype, "Target": rel.target_ref}
        if rel.is_external:
            attrs["TargetMode"] = "External"
        etree.SubElement(root, f"{{{RELS_NS}}}Relationship", attrs)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

