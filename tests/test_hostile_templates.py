"""Hostile and broken .pptx templates, made from the built-in one by rewriting one member at a time.

Each is refused by `check` and by `build` as "this template cannot be used: <reason>" at the
theme.yaml `template:` line, with exit code 1, quickly, without a traceback and with nothing
written. The built-in templates keep building decks that openxml-audit finds valid (the
organisation templates of tests/templates/ are audited in test_templates.py).
"""

from __future__ import annotations

import io
import random
import re
import shutil
import struct
import time
import tracemalloc
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest
from test_templates import audit_errors
from typer.testing import CliRunner

from deckbuilder.cli import app

from conftest import Workspace

REPO = Path(__file__).resolve().parents[1]
CALM = REPO / "themes" / "calm" / "template.pptx"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PRES_RELS = "ppt/_rels/presentation.xml.rels"
MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"  # "Title and Content"
TYPES = "[Content_Types].xml"
THEME_YAML = "name: Org\nextends: calm\ntemplate: t.pptx\n"
WHERE = "themes/org/theme.yaml:3:11: this template cannot be used: "


# ------------------------------------------------------------------ making templates


def calm() -> dict[str, bytes]:
    with zipfile.ZipFile(CALM) as z:
        return {name: z.read(name) for name in z.namelist()}


def zipped(members) -> bytes:
    """Return a zip of (name, data) pairs or a name -> data mapping, names as given."""
    buf = io.BytesIO()
    with warnings.catch_warnings():  # zipfile warns about duplicate names, which some cases want
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members.items() if isinstance(members, dict) else members:
                z.writestr(name, data)
    return buf.getvalue()


def edited(name: str, old: str, new: str) -> bytes:
    """Return the built-in template with the first `old` replaced by `new` in one member."""
    members = calm()
    text = members[name].decode("utf-8")
    assert old in text, (name, old)
    members[name] = text.replace(old, new, 1).encode("utf-8")
    return zipped(members)


def without(*names: str) -> bytes:
    return zipped({n: d for n, d in calm().items() if n not in names})


def added(*pairs: tuple[str, bytes]) -> bytes:
    return zipped(list(calm().items()) + list(pairs))


def patched(data: bytes, name: str, **fields: int) -> bytes:
    """Set header fields (version, flag, method, crc, size) of member `name`, in its local and central headers."""
    local = {"version": (4, "H"), "flag": (6, "H"), "method": (8, "H"), "crc": (14, "L"), "size": (22, "L")}
    out = bytearray(data)
    encoded = name.encode()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        start = z.getinfo(name).header_offset
    central = out.index(b"PK\x01\x02", out.rindex(encoded) - 46)  # the central entry ends with the name
    for key, value in fields.items():
        offset, fmt = local[key]
        struct.pack_into("<" + fmt, out, start + offset, value)
        struct.pack_into("<" + fmt, out, central + offset + 2, value)
    return bytes(out)


def deflated_zeros(size: int) -> bytes:
    """Return a raw deflate stream of `size` zero bytes, made in milliseconds (full flushes repeat)."""
    chunk = 1 << 20
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = z.compress(bytes(chunk)) + z.flush(zlib.Z_FULL_FLUSH)
    count, rest = divmod(size, chunk)
    return block * count + z.compress(bytes(rest)) + z.flush()


def zeros_member(name: str, size: int, declared: int, members: dict[str, bytes] | None = None) -> bytes:
    """Return the built-in template with member `name` made of `size` zeros, its header saying `declared`."""
    members = calm() if members is None else members
    members[name] = deflated_zeros(size)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for part, data in members.items():
            z.writestr(zipfile.ZipInfo(part), data, zipfile.ZIP_DEFLATED if part != name else zipfile.ZIP_STORED)
    return patched(buf.getvalue(), name, method=zipfile.ZIP_DEFLATED, size=declared, crc=0)


def bomb() -> bytes:
    """A zip bomb of about 4 MB: a member of 4,000,000,000 zeros."""
    return zeros_member("ppt/media/zeros.bin", 4_000_000_000, 4_000_000_000)


def too_large_in_all() -> bytes:
    """Three members that each claim 90 MB from 1 MB: not bombs, but too much together."""
    members = calm()
    for n in range(3):
        members[f"ppt/media/big{n}.bin"] = random.Random(n).randbytes(1 << 20)
    data = zipped(members)
    for n in range(3):
        data = patched(data, f"ppt/media/big{n}.bin", size=90 << 20)
    return data


def lying_header() -> bytes:
    """A theme part whose header says 2,273 bytes but which unpacks to 4 GB."""
    return zeros_member("ppt/theme/theme1.xml", 4_000_000_000, 2273)


def damaged() -> bytes:
    data = bytearray(zipped(calm()))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo(MASTER)
    start = info.header_offset + 30 + len(MASTER)
    data[start + 100 : start + 400] = bytes(300)
    return bytes(data)


def encrypted() -> bytes:
    return patched(zipped(calm()), LAYOUT, flag=1)


def bzip2() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in calm().items():
            z.writestr(name, data, zipfile.ZIP_BZIP2 if name == LAYOUT else zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def many_members() -> bytes:
    return added(*((f"ppt/media/m{n}.bin", b"") for n in range(10_001)))


def macros(content_type: str) -> bytes:
    """A macro-enabled presentation (.pptm): its project is related from the presentation."""
    members = calm()
    rels = members[PRES_RELS].decode()
    members[PRES_RELS] = rels.replace("</Relationships>", '<Relationship Id="rId99" Type="http://schemas.microsoft.com/'
                                      'office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>').encode()  # fmt: skip
    types = members[TYPES].decode().replace("presentationml.presentation.main+xml", content_type)
    members[TYPES] = types.replace("<Default ", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                                   "<Default ", 1).encode()  # fmt: skip
    members["ppt/vbaProject.bin"] = b"Attribute VB_Name = \"Module1\"\nSub AutoOpen()\nEnd Sub\n"
    return zipped(members)


def no_placeholders() -> bytes:
    members = calm()
    for name in members:
        if name.startswith("ppt/slideLayouts/slideLayout"):
            members[name] = re.sub(rb"<p:ph\b[^>]*/>", b"", members[name])
    return zipped(members)


def with_doctype(name: str, doctype: str, text: str = "") -> bytes:
    """Return the built-in template with a DTD in one member, and (in a layout) a text that uses it."""
    members = calm()
    xml = members[name].decode().replace("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>", doctype)
    members[name] = xml.replace("Slide title", text).encode()
    return zipped(members)


def relinked(target: str) -> bytes:
    return edited(PRES_RELS, 'Target="theme/theme1.xml"', f'Target="{target}"')


def utf16() -> bytes:
    members = calm()
    text = members["ppt/presentation.xml"].decode().replace("encoding='UTF-8'", "encoding='UTF-16'")
    members["ppt/presentation.xml"] = text.encode("utf-16")
    return zipped(members)


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]>"
)
XXE = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'

# case -> (the template, words the reason must contain)
CASES = {
    "zip bomb": (bomb, "ppt/media/zeros.bin would unpack"),
    "too large in all": (too_large_in_all, "would unpack to 270 MB in all"),
    "lying header": (lying_header, "ppt/theme/theme1.xml is damaged"),
    "not a zip": (lambda: b"Hello, I am not a presentation.\n" * 10, "not a .pptx file"),
    "empty file": (lambda: b"", "not a .pptx file"),
    "password protected": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "password-protected"),
    "damaged member": (damaged, f"{MASTER} is damaged"),
    "zip from the future": (lambda: patched(zipped(calm()), LAYOUT, version=106), "not a .pptx file"),
    "encrypted member": (encrypted, f"{LAYOUT} is encrypted"),
    "strongly encrypted member": (lambda: patched(zipped(calm()), LAYOUT, flag=0x40), f"{LAYOUT} is encrypted"),
    "patched-data member": (lambda: patched(zipped(calm()), LAYOUT, flag=0x20), f"{LAYOUT} is stored as patched data"),
    "bzip2 member": (bzip2, f"{LAYOUT} is compressed with method 12"),
    "too many members": (many_members, "more than 10000"),
    "zip slip": (lambda: added(("../../../../zipslip.txt", b"gotcha")), "'../../../../zipslip.txt'"),
    "absolute name": (lambda: added(("/etc/cron.d/x", b"x")), "'/etc/cron.d/x'"),
    "backslash": (lambda: added(("ppt\\..\\..\\x.txt", b"x")), "'ppt\\..\\..\\x.txt'"),
    "drive letter": (lambda: added(("C:/Windows/x.txt", b"x")), "'C:/Windows/x.txt'"),
    "control character": (lambda: added(("ppt/a\x01.xml", b"x")), "not a safe part name"),
    "duplicate member": (lambda: added(("ppt/presentation.xml", b"<x/>")), "'ppt/presentation.xml' and 'ppt/presentation.xml', one part twice"),
    "members differing in case": (lambda: added(("PPT/Presentation.xml", b"<x/>")),
                                  "'ppt/presentation.xml' and 'PPT/Presentation.xml', one part twice (part names ignore case)"),
    "no content types": (lambda: without(TYPES), "no [Content_Types].xml"),
    "no package relationships": (lambda: without("_rels/.rels"), "no _rels/.rels"),
    "no presentation": (lambda: edited("_rels/.rels", "relationships/officeDocument", "relationships/other"),
                        "_rels/.rels names no presentation"),
    "Strict Open XML": (lambda: edited("_rels/.rels", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                                       "officeDocument", "http://purl.oclc.org/ooxml/officeDocument/relationships/"
                                       "officeDocument"), "Strict Open XML"),
    "bad XML": (lambda: edited("ppt/slideLayouts/slideLayout3.xml", "</p:cSld>", "</p:cSldd>"),
                "ppt/slideLayouts/slideLayout3.xml is not valid XML (line 2)"),
    "entity bomb": (lambda: with_doctype(LAYOUT, BILLION_LAUGHS, "&lol9;"), f"{LAYOUT} declares a DTD"),
    "external entity": (lambda: with_doctype(LAYOUT, XXE, "&xxe;"), f"{LAYOUT} declares a DTD"),
    "DTD in a part the reader skips": (lambda: with_doctype("ppt/theme/theme2.xml", XXE), "ppt/theme/theme2.xml declares a DTD"),
    "not UTF-8": (utf16, "ppt/presentation.xml is not UTF-8"),
    "idx not a number": (lambda: edited(LAYOUT, 'idx="1"', 'idx="one"'), f'{LAYOUT} has idx="one"'),
    "cx not a number": (lambda: edited(LAYOUT, 'cx="10728960"', 'cx="abc"'), f'{LAYOUT} has cx="abc"'),
    "negative width": (lambda: edited(LAYOUT, 'cx="10728960"', 'cx="-5"'), f'{LAYOUT} has cx="-5"'),
    "huge offset": (lambda: edited(LAYOUT, 'x="731520"', 'x="99999999999999999999999"'), f'{LAYOUT} has x="9999999'),
    "unknown placeholder type": (lambda: edited(LAYOUT, 'type="body"', 'type="body&quot;/&gt;"'), "placeholder type"),
    "no slide size": (lambda: edited("ppt/presentation.xml", '<p:sldSz cx="12192000" cy="6858000"/>', ""),
                      "no slide size"),
    "slide size too large": (lambda: edited("ppt/presentation.xml", 'cx="12192000"', 'cx="1219200000000"'),
                             'ppt/presentation.xml has cx="1219200000000"'),
    "no presentation relationships": (lambda: without(PRES_RELS), "ppt/presentation.xml has no relationships"),
    "master missing from the file": (lambda: without(MASTER), f"{PRES_RELS} points to {MASTER}, which the file"),
    "no slide master": (lambda: edited(PRES_RELS, "relationships/slideMaster", "relationships/other"), "no slide master"),
    "master of the wrong content type": (lambda: edited(TYPES, "slideMaster+xml", "slideLayout+xml"),
                                         f"{MASTER} is not a slide master"),
    "layouts missing from the file": (lambda: without(*(n for n in calm() if n.startswith("ppt/slideLayouts/"))),
                                      f"{MASTER_RELS} points to ppt/slideLayouts/slideLayout1.xml, which the file"),
    "layout without a master": (lambda: edited("ppt/slideLayouts/_rels/slideLayout3.xml.rels", "relationships/slideMaster",
                                               "relationships/other"), "slideLayout3.xml has no relationship to a slide master"),
    "no slide layouts": (lambda: zipped({**calm(), MASTER_RELS: re.sub(rb"<Relationship [^>]*slideLayout\"[^>]*/>", b"",
                                                                      calm()[MASTER_RELS])}), "no slide layouts"),  # fmt: skip
    "relationship outside the package": (lambda: relinked("../../../../etc/passwd"), "'../../../../etc/passwd', outside the package"),
    "relationship to a URL": (lambda: relinked("file:///etc/passwd"), "'file:///etc/passwd', outside the package"),
    "part without a content type": (lambda: edited(TYPES, 'Extension="rels"', 'Extension="relz"'), "_rels/.rels has no content type"),
    "macros (.pptm)": (lambda: macros("presentation.macroEnabled.main+xml"), "macros"),
    "macros in a .pptx": (lambda: macros("presentationml.presentation.main+xml"), "macros"),
    "no placeholders": (no_placeholders, "no title or text placeholders"),
}  # fmt: skip


def theme_workspace(ws: Workspace, template: bytes) -> None:
    """Give the workspace a theme `org` whose template (named on line 3) is `template`."""
    ws.write("themes/org/theme.yaml", THEME_YAML)
    ws.write("themes/org/t.pptx", template)


@pytest.fixture(scope="module")
def templates() -> dict[str, bytes]:
    return {name: make() for name, (make, _) in CASES.items()}


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_template_is_refused_quickly_at_the_template_line(workspace, templates, case, command):
    theme_workspace(workspace, templates[case])
    start = time.process_time()
    result = CliRunner().invoke(app, [command, "--root", str(workspace.root), "--theme", "org"])
    elapsed = time.process_time() - start
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert WHERE in result.output, result.output
    assert CASES[case][1] in result.output, result.output
    assert "hint: " in result.output
    assert not (workspace.root / "output").exists()
    assert elapsed < 2.0, f"{case}: {elapsed:.2f} s"


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_zip_bomb_is_refused_in_well_under_a_second_with_little_memory(workspace, command):
    data = bomb()
    assert len(data) < 5_000_000
    theme_workspace(workspace, data)
    tracemalloc.start()
    start = time.process_time()
    try:
        result = CliRunner().invoke(app, [command, "--root", str(workspace.root), "--theme", "org"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1, result.output
    assert "ppt/media/zeros.bin would unpack" in result.output
    assert time.process_time() - start < 1.0
    assert peak < 30_000_000


def test_an_xml_part_too_large_to_parse_in_little_memory_is_refused(workspace):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in calm().items():  # stored, so not a zip bomb
            big = name == "ppt/theme/theme1.xml"
            z.writestr(name, b" " * (22 << 20) if big else data, zipfile.ZIP_STORED if big else None)
    theme_workspace(workspace, buf.getvalue())
    result = CliRunner().invoke(app, ["check", "--root", str(workspace.root), "--theme", "org"])
    assert result.exit_code == 1, result.output
    assert WHERE + "ppt/theme/theme1.xml is 22 MB of XML, more than the 20 MB" in result.output


def test_members_that_nothing_relates_to_are_not_copied_into_the_deck(workspace):
    theme_workspace(workspace, added(("extra/secret.txt", b"a note"), ("ppt/unrelated.xml", b"<x/>")))
    result = CliRunner().invoke(app, ["build", "--root", str(workspace.root), "--theme", "org"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(workspace.output) as z:
        names = z.namelist()
    assert not [n for n in names if "secret" in n or "unrelated" in n or ".." in n], names


def test_the_writer_reuses_the_template_that_check_opened(workspace, monkeypatch):
    from deckbuilder.writers import template

    theme_workspace(workspace, zipped(calm()))
    opened = []
    real = template.read
    monkeypatch.setattr(template, "read", lambda path: opened.append(path.name) or real(path))
    result = CliRunner().invoke(app, ["build", "--root", str(workspace.root), "--theme", "org"])
    assert result.exit_code == 0, result.output
    assert opened.count("t.pptx") == 1


MUTANT_VALUES = ["", "-1", "one", "1e5", "99999999999999999999", "&amp;", "&#x1F600;", " 7 ", "+3", "title",
                 "pic", "\u0665", "../../x", "/etc/passwd", "file:///x", "http://example.com/x"]


def mutant(seed: int) -> bytes:
    """Return the built-in template with a few random changes: values, elements, cuts, bytes."""
    rng = random.Random(seed)
    members = calm()
    for _ in range(rng.randrange(1, 4)):
        name = rng.choice(sorted(members))
        text = members[name].decode("utf-8")
        attrs = list(re.finditer(r'="([^"]*)"', text))
        empties = list(re.finditer(r"<[\w:]+\b[^>]*/>", text))
        change = rng.randrange(4)
        if change == 0 and attrs:
            m = rng.choice(attrs)
            text = text[: m.start(1)] + rng.choice(MUTANT_VALUES) + text[m.end(1) :]
        elif change == 1 and empties:
            m = rng.choice(empties)
            text = text[: m.start()] + text[m.end() :]
        elif change == 2:
            text = text[: rng.randrange(len(text))]
        else:
            del members[name]
            continue
        members[name] = text.encode("utf-8")
    data = bytearray(zipped(members))
    if rng.random() < 0.3:
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


@pytest.mark.unaudited  # a mutated template's own schema errors are copied into the deck as they are
@pytest.mark.parametrize("seed", range(60))
def test_a_randomly_broken_template_builds_or_is_refused_cleanly(workspace, seed):
    theme_workspace(workspace, mutant(seed))
    result = CliRunner().invoke(app, ["build", "--root", str(workspace.root), "--theme", "org"])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert WHERE in result.output, result.output
        assert not (workspace.root / "output").exists()
    else:
        assert result.exit_code == 0, result.output
        assert workspace.output.is_file()


# ------------------------------------------------------------------ good templates stay good


@pytest.mark.parametrize("theme", ["calm", "clinic", "high-contrast"])
def test_the_sample_deck_in_each_built_in_theme_passes_openxml_audit(tmp_path, theme):
    shutil.copytree(REPO / "decks", tmp_path / "decks")
    result = CliRunner().invoke(app, ["build", str(tmp_path / "decks" / "attachment-workshop.yaml"),
                                      "--root", str(tmp_path), "--theme", theme])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert audit_errors(tmp_path / "output" / "attachment-workshop" / "attachment-workshop.pptx") == []
