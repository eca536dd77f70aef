"""python-pptx's package, made linear in the number of slides and saved byte for byte the same.

python-pptx names each new part, and looks for an image it already holds, by walking the whole
package, and finds the next slide id by scanning every slide: building a deck is quadratic.
`FastPackage` counts instead. `save` writes fixed zip entry times, so equal input gives equal bytes.
"""

from __future__ import annotations

import zipfile

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter, _ZipPkgWriter
from pptx.package import Package
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import SlidePart

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
STORED = (".png", ".jpeg", ".jpg", ".gif")  # already compressed
FIRST_SLIDE_ID = 256


class FastPackage(Package):
    """A python-pptx package that counts part names and remembers its images."""

    def next_partname(self, tmpl: str) -> PackURI:
        """Return the next free part name of `tmpl`, scanning the package once per template."""
        counters = self.__dict__.setdefault("_counters", {})
        if tmpl not in counters:
            prefix = tmpl[: (tmpl % 42).find("42")]
            taken = {str(p.partname) for p in self.iter_parts() if p.partname.startswith(prefix)}
            counters[tmpl] = [1, taken]
        counter = counters[tmpl]
        while tmpl % counter[0] in counter[1]:
            counter[0] += 1
        counter[0] += 1
        return PackURI(tmpl % (counter[0] - 1))

    def get_or_add_image_part(self, image_file) -> ImagePart:
        """Return the image part holding these bytes, adding it the first time."""
        images = self.__dict__.setdefault("_images", {})
        image = Image.from_file(image_file)
        if image.sha1 not in images:
            images[image.sha1] = ImagePart.new(self, image)
        return images[image.sha1]

    def next_image_partname(self, ext: str) -> PackURI:
        return self.next_partname("/ppt/media/image%d." + ext)

    def add_slide(self, layout):
        """Add a blank slide on `layout` at the end of the presentation; return it."""
        presentation = self.presentation_part
        slide_part = SlidePart.new(self.next_partname("/ppt/slides/slide%d.xml"), self, layout.part)
        rid = presentation.rels._add_relationship(RT.SLIDE, slide_part)  # new, so no match to look for
        ids = presentation._element.get_or_add_sldIdLst()
        count = self.__dict__.setdefault("_slides", [FIRST_SLIDE_ID])
        ids._add_sldId(id=count[0], rId=rid)
        count[0] += 1
        return slide_part.slide

    def save(self, path) -> None:
        """Write the package with fixed entry times; images are stored, everything else deflated."""
        _FixedPackageWriter.write(path, self._rels, tuple(self.iter_parts()))


class _FixedZip(_ZipPkgWriter):
    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, ZIP_DATE)
        info.compress_type = zipfile.ZIP_STORED if pack_uri.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
        self._zipf.writestr(info, blob)


class _FixedPackageWriter(PackageWriter):
    def _write(self) -> None:
        with _FixedZip(self._pkg_file) as phys_writer:
            self._write_content_types_stream(phys_writer)
            self._write_pkg_rels(phys_writer)
            self._write_parts(phys_writer)

