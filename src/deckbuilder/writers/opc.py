"""Opening a .pptx safely: the one gate every reader of a theme's template goes through.

Templates arrive by e-mail and download, so a template is untrusted input. Its zip directory is
checked before anything is unpacked (sizes, compression ratios, member names, encryption); then
only the parts that relationships reach from the package root are unpacked, each in chunks that
stop at its declared size, and every XML part is parsed with DTDs and entities off (and then let
go: readers parse again the few parts they need). What passes is a `Contents`; anything else
raises `Unusable` with the reason in the template owner's words.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import shown

MB = 1 << 20
MAX_TOTAL = 200 * MB  # all its members unpacked
MAX_MEMBER = 100 * MB  # one member unpacked
MAX_RATIO = 100  # unpacked : packed, for a member over 1 MB; more is a zip bomb
MAX_XML = 20 * MB  # one XML part: parsed, it takes several times that in memory
MAX_MEMBERS = 10_000
MAX_DIRECTORY = 16 * MB  # the zip's table of contents
CHUNK = 256 * 1024

RESAVE = "open it in PowerPoint or Impress and save it as a PowerPoint Presentation (.pptx)"
HINT = f"{RESAVE}, or remove `template:` to use the built-in design"
SMALLER = "make its pictures smaller (File > Compress Pictures in PowerPoint)"
TYPES = "[Content_Types].xml"
ROOT_RELS = "_rels/.rels"
PRESENTATION = "ppt/presentation.xml"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STRICT_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
VBA_PROJECT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PML = "application/vnd.openxmlformats-officedocument.presentationml."
MAIN = PML + "presentation.main+xml"
# A PowerPoint template (.potx) is a presentation in all but its main content type, which a deck
# built from it takes: PowerPoint and python-pptx open only presentations.
AS_PRESENTATION = {PML + "template.main+xml": MAIN}
# Main part content types that are not a plain presentation: what the file is, what to do.
NOT_A_PRESENTATION = {
    PML + "slideshow.main+xml": ("it is a PowerPoint show (.ppsx)", HINT),
}
MACROS = (
    "it contains macros (a .pptm), which deckbuilder never copies into a deck",
    "save it in PowerPoint as a PowerPoint Presentation (.pptx), which leaves the macros out",
)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_EOCD = struct.Struct("<4s4H2LH")  # end of central directory
_EOCD64 = struct.Struct("<4sQ2H2L4Q")  # its Zip64 form
# What zipfile raises for a damaged directory (RuntimeError: its refusal of a member that needs a
# newer version of zip than it reads), and for a damaged member.
_BAD_DIRECTORY = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, struct.error, RuntimeError)
_BAD_MEMBER = (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError)
_ENCRYPTED = 0x1 | 0x40  # flag bits: encrypted, strongly encrypted
_PATCHED = 0x20  # flag bit: compressed patched data, which no Office file uses
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted Office file, or a .ppt
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted Office file keeps its package in


class Unusable(Exception):
    """Why a template cannot be used, in words for its owner, and what to do instead."""

    def __init__(self, reason: str, hint: str = HINT) -> None:
        super().__init__(reason)
        self.reason, self.hint = reason, hint


@dataclass(frozen=True)
class Contents:
    """The parts of a package that relationships reach: bytes, parsed XML, types, relationships."""

    parts: dict[str, bytes]  # part name (no leading /) -> bytes
    types: dict[str, str]  # part name -> content type
    defaults: dict[str, str]  # extension (lower case) -> content type
    relations: dict[str, list[tuple[str, str]]]  # part ("" the package) -> its internal (type, target part)

    def related(self, source: str, rel_type: str) -> list[str]:
        """Return the parts `source` relates to with `rel_type`."""
        return [part for kind, part in self.relations.get(source, []) if kind == rel_type]

    def root(self, part: str):
        """Return the parsed root element of an XML part (it parsed safely once already)."""
        return parse(part, self.parts[part])

    def zipped(self) -> bytes:
        """Return a clean package of these parts alone, a template's main part typed as a presentation.

        Readers open this, never the file itself: what it holds passed every check above.
        """
        from lxml import etree

        types = etree.Element(TYPES_NS + "Types", nsmap={None: TYPES_NS[1:-1]})
        for ext, kind in sorted(self.defaults.items()):
            etree.SubElement(types, TYPES_NS + "Default", Extension=ext, ContentType=kind)
        for part, kind in self.types.items():
            if part != TYPES:
                etree.SubElement(types, TYPES_NS + "Override", PartName="/" + part,
                                 ContentType=AS_PRESENTATION.get(kind, kind))  # fmt: skip
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
            z.writestr(TYPES, etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True))
            for part, data in self.parts.items():
                if part != TYPES:
                    z.writestr(part, data)
        return buf.getvalue()


def read(path: Path) -> Contents:
    """Return the reachable parts of the .pptx at `path`, checked as described above.

    The file is read as every file is (a regular file within the workspace's size limit).
    """
    from ..errors import DeckError
    from ..workspace import read_bytes

    try:
        data = read_bytes(path, what="the file", large=True)
    except DeckError as error:
        raise Unusable(error.problems[0].message, error.problems[0].hint) from None
    f = io.BytesIO(data)
    _check_directory(f, len(data))
    with _open_zip(f) as z:
        return _Reader(z).contents()


def _open_zip(f) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(f)
    except _BAD_DIRECTORY:
        raise Unusable("it is not a .pptx file (its zip directory is damaged)") from None


def parse(name: str, data: bytes):
    """Return the root element of an XML part, parsed without DTDs, entities or network access."""
    from lxml import etree

    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise Unusable(f"{name} is not UTF-8 text") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        if b"<!DOCTYPE" in data:
            raise Unusable(_dtd(name)) from None
        raise Unusable(f"{name} is not valid XML (line {error.lineno})") from None
    if root.getroottree().docinfo.doctype:
        raise Unusable(_dtd(name))
    return root


def _dtd(name: str) -> str:
    return f"{name} declares a DTD (<!DOCTYPE>), which can hide entity bombs and links to other files"


def rels_name(part: str) -> str:
    """Return the name of the relationships part of `part` ("" is the package itself)."""
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def extension(name: str) -> str:
    """Return a part's extension in lower case, as content types name it ("rels" for _rels/.rels)."""
    base = posixpath.basename(name)
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _target(source: str, rel) -> str:
    """Return the part an internal relationship of `source` names; outside the package is Unusable."""
    target = rel.get("Target") or ""
    base = "" if target.startswith("/") else posixpath.dirname(source)
    part = posixpath.normpath(posixpath.join(base, target.lstrip("/"))) if target else ".."
    if _SCHEME.match(target) or "\\" in target or part == "." or part.split("/")[0] == "..":
        raise Unusable(f"{rels_name(source)} has a relationship to {shown(target)}, outside the package",
                       "a template's relationships point only to parts inside it")  # fmt: skip
    return part


def _check_directory(f, size: int) -> None:
    """Refuse what is not a zip, or has an oversized table of contents, before parsing it."""
    head = f.read(len(_OLE))
    if head == _OLE and _ENCRYPTED_PACKAGE in f.getvalue():
        raise Unusable("it is encrypted: a password protects it (a password-protected presentation)",
                       "save a copy without the password (File > Info > Protect Presentation > Encrypt with "
                       "Password, and clear it) and use that")  # fmt: skip
    if head == _OLE:
        raise Unusable("it is a password-protected presentation or an old PowerPoint file (.ppt)",
                       f"remove the password (File > Info > Protect Presentation) or {RESAVE}")  # fmt: skip
    f.seek(max(0, size - 65557))
    tail = f.read()
    at = tail.rfind(b"PK\x05\x06")
    if not head.startswith(b"PK") or at < 0 or len(tail) - at < _EOCD.size:
        raise Unusable("it is not a .pptx file (not a zip package)")
    _, _, _, _, entries, directory, _, _ = _EOCD.unpack_from(tail, at)
    locator = tail[at - 20 : at - 16] if at >= 20 else b""  # where a Zip64 directory record is
    if (entries == 0xFFFF or directory == 0xFFFFFFFF) and locator == b"PK\x06\x07":
        (offset,) = struct.unpack_from("<Q", tail, at - 12)
        f.seek(offset)
        record = f.read(_EOCD64.size)
        if len(record) == _EOCD64.size and record.startswith(b"PK\x06\x06"):
            entries, directory = _EOCD64.unpack(record)[7:9]
    if entries > MAX_MEMBERS:
        raise Unusable(f"it holds {entries} members, more than {MAX_MEMBERS}")
    if directory > MAX_DIRECTORY:
        raise Unusable(f"its zip directory is {_mb(directory)}, more than {MAX_DIRECTORY // MB} MB")
    f.seek(0)


class _Reader:
    """Reads one zip whose directory passed: the parts relationships reach, each once."""

    def __init__(self, z: zipfile.ZipFile) -> None:
        self.z = z
        self.members = _members(z)  # name -> ZipInfo
        self.parts: dict[str, bytes] = {}
        self.types: dict[str, str] = {}
        self.defaults: dict[str, str] = {}
        self.overrides: dict[str, str] = {}
        self.relations: dict[str, list[tuple[str, str]]] = {}

    def contents(self) -> Contents:
        self._content_types()
        if ROOT_RELS not in self.members:
            raise Unusable(f"it has no {ROOT_RELS}, so nothing says where its presentation is")
        todo = [""]  # the package itself, then each part reached
        while todo:
            source = todo.pop()
            rels = rels_name(source)
            if rels not in self.members:
                continue
            found = self.relations[source] = []
            for rel in self._reach(rels).iter(RELS_NS + "Relationship"):
                if rel.get("TargetMode") == "External":
                    continue
                if rel.get("Type") == VBA_PROJECT:
                    raise Unusable(*MACROS)
                part = _target(source, rel)
                if part not in self.members:
                    raise Unusable(f"{rels} points to {part}, which the file does not contain")
                found.append((rel.get("Type", ""), part))
                if part not in self.parts:
                    self._reach(part)
                    todo.append(part)
        contents = Contents(self.parts, self.types, self.defaults, self.relations)
        _check_main(contents)
        return contents

    def _content_types(self) -> None:
        """Read the content types by extension and by part name (which ignores case)."""
        if TYPES not in self.members:
            raise Unusable(f"it has no {TYPES}, which says what each of its parts is")
        self.parts[TYPES] = self._unpack(TYPES)
        root = _xml(TYPES, self.parts[TYPES])
        for default in root.iter(TYPES_NS + "Default"):
            self.defaults[default.get("Extension", "").lower()] = default.get("ContentType", "")
        names = {name.lower(): name for name in self.members}
        for override in root.iter(TYPES_NS + "Override"):
            name = names.get(override.get("PartName", "").lstrip("/").lower())
            if name is not None:
                self.overrides[name] = override.get("ContentType", "")

    def _reach(self, name: str):
        """Unpack a reached part; return its parsed root when it is XML (an SVG picture is not)."""
        kind = self.overrides.get(name) or self.defaults.get(extension(name))
        if not kind:
            raise Unusable(f"{name} has no content type in {TYPES}")
        self.types[name] = kind
        self.parts[name] = self._unpack(name)
        if not kind.endswith("xml") or kind.startswith("image/"):
            return None
        return _xml(name, self.parts[name])

    def _unpack(self, name: str) -> bytes:
        """Return a member's bytes, read in chunks that stop at the size its header declares."""
        info = self.members[name]
        chunks, size = [], 0
        try:
            with self.z.open(info) as member:
                while chunk := member.read(CHUNK):
                    size += len(chunk)
                    if size > info.file_size:
                        raise Unusable(f"{name} holds more than the {info.file_size} bytes it declares")
                    chunks.append(chunk)
        except _BAD_MEMBER as error:
            raise Unusable(f"{name} is damaged ({str(error)[:80]})") from None
        return b"".join(chunks)


def _xml(name: str, data: bytes):
    """Return a member's parsed root, refusing XML too large to parse in little memory."""
    if len(data) > MAX_XML:
        raise Unusable(f"{name} is {_mb(len(data))} of XML, more than the {MAX_XML // MB} MB one XML part may have")
    return parse(name, data)


def _check_main(contents: Contents) -> None:
    """Refuse a package whose main part is not a plain presentation at ppt/presentation.xml."""
    if contents.related("", STRICT_DOCUMENT):
        raise Unusable("it is saved as Strict Open XML, which deckbuilder does not read", HINT)
    if contents.related("", OFFICE_DOCUMENT) != [PRESENTATION]:
        raise Unusable(f"{ROOT_RELS} names no presentation at {PRESENTATION}")
    kind = contents.types[PRESENTATION]
    if "macroEnabled" in kind:
        raise Unusable(*MACROS)
    if kind in NOT_A_PRESENTATION:
        raise Unusable(*NOT_A_PRESENTATION[kind])
    if AS_PRESENTATION.get(kind, kind) != MAIN:
        raise Unusable(f"{PRESENTATION} is not a presentation (its content type is {shown(kind)})")


def _members(z: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Return the zip's members (not folders) by name, refusing what is unsafe before unpacking any."""
    infos = z.infolist()
    if len(infos) > MAX_MEMBERS:
        raise Unusable(f"it holds {len(infos)} members, more than {MAX_MEMBERS}")
    total = 0
    for info in infos:
        name = info.filename
        if _unsafe(name):
            raise Unusable(f"it holds a member named {shown(name)}, which is not a safe part name",
                           "a .pptx names its parts like ppt/slides/slide1.xml, inside it")  # fmt: skip
        if info.flag_bits & _ENCRYPTED:
            raise Unusable(f"{name} is encrypted", f"remove the password, or {RESAVE}")
        if info.flag_bits & _PATCHED:
            raise Unusable(f"{name} is stored as patched data, which .pptx never uses")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Unusable(f"{name} is compressed with method {info.compress_type}, which .pptx never uses")
        if info.file_size > MB and info.file_size > MAX_RATIO * info.compress_size:
            raise Unusable(f"{name} would unpack {_mb(info.compress_size)} into {_mb(info.file_size)}, "
                           f"more than {MAX_RATIO} times its size: a zip bomb",
                           "this file is made to exhaust memory; ask for the template again")  # fmt: skip
        if info.file_size > MAX_MEMBER:
            raise Unusable(f"{name} would unpack to {_mb(info.file_size)}, "
                           f"more than the {MAX_MEMBER // MB} MB one part may have", SMALLER)  # fmt: skip
        total += info.file_size
    if total > MAX_TOTAL:
        raise Unusable(f"it would unpack to {_mb(total)} in all, more than the {MAX_TOTAL // MB} MB "
                       "a template may have", SMALLER)  # fmt: skip
    names = Counter(info.filename.lower() for info in infos if not info.filename.endswith("/"))
    twice = [info.filename for info in infos if names[info.filename.lower()] > 1]
    if twice:
        same = [name for name in twice if name.lower() == twice[0].lower()]
        raise Unusable(f"it holds {' and '.join(shown(name) for name in same[:2])}, one part twice "
                       "(part names ignore case)")  # fmt: skip
    return {info.filename: info for info in infos if not info.filename.endswith("/")}


def _unsafe(name: str) -> bool:
    """Return whether a member name could point outside the package or collide with another."""
    segments = name.rstrip("/").split("/")
    return (
        not name or name.startswith("/") or "\\" in name or re.match(r"[A-Za-z]:", name) is not None
        or any(ord(c) < 32 or c == "\x7f" for c in name)
        or any(s in ("", ".", "..") or s.endswith(".") for s in segments)
    )  # fmt: skip


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB" if size < 10 * MB else f"{size // MB} MB"
