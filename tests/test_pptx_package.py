"""The .pptx package: templates as other tools write them, read through python-pptx; the deck's
bytes fixed; building linear in the number of slides; and a validator that can fail."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from test_templates import TEMPLATES, audit_errors, build, org_workspace

from deckbuilder.writers import oxml
from deckbuilder.writers.package import FastPackage, rels_xml
from deckbuilder.writers.template import Template, open_presentation, related, slide_layouts

PML = "application/vnd.openxmlformats-officedocument.presentationml."
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
DECK = ("output", "attachment-workshop", "attachment-workshop.pptx")


def built(root: Path, template: str) -> Path:
    result = build(org_workspace(root, template))
    assert result.exit_code == 0, result.output
    return root.joinpath(*DECK)


def content_types(pptx: Path) -> etree._Element:
    with zipfile.ZipFile(pptx) as z:
        return etree.fromstring(z.read("[Content_Types].xml"))


# ------------------------------------------------------------------ templates as tools write them


def test_a_potx_template_is_written_as_a_presentation(tmp_path):
    pptx = built(tmp_path, "potx")
    overrides = {e.get("PartName"): e.get("ContentType") for e in content_types(pptx).iter(TYPES + "Override")}
    assert overrides["/ppt/presentation.xml"] == PML + "presentation.main+xml"
    assert len(Presentation(pptx).slides) > 10


def test_odd_content_types_and_prefixes_are_read_as_powerpoint_reads_them(tmp_path):
    """ContentType before PartName, single quotes, several lines, PNG in upper case, prefix pml:."""
    pptx = built(tmp_path, "quirky")
    types = content_types(pptx)
    defaults = [e.get("Extension").lower() for e in types.iter(TYPES + "Default")]
    assert len(defaults) == len(set(defaults))
    overrides = {e.get("PartName"): e.get("ContentType") for e in types.iter(TYPES + "Override")}
    assert overrides["/ppt/presentation.xml"] == PML + "presentation.main+xml"
    assert {s.slide_layout.name for s in Presentation(pptx).slides} >= {"Title Slide", "Title and Content"}


def test_each_layout_takes_its_places_from_its_own_master():
    template = Template(TEMPLATES / "twomasters.pptx")
    contents = [layout for layout in template.all_layouts if layout.name == "Title and Content"]
    assert len(contents) == 2  # one on each master
    first, second = (layout.find("title").box for layout in contents)
    assert first.y < 2_000_000 and second.y == 5_300_000  # the second master's title is at the bottom
    assert contents[1].columns()[0][0].box.y == 457_200


def test_a_borrowed_layout_brings_its_pictures(tmp_path):
    """A layout copied into another template keeps its relationships: its logo does not dangle."""
    source = Template(TEMPLATES / "logo.pptx")
    target = Template(TEMPLATES / "fourthree.pptx")
    prs = open_presentation(target.data)
    original = slide_layouts(open_presentation(source.data))[source.layouts["Title and Content"].part]
    master = related(prs.part, "slideMaster")[0].slide_master
    copied = oxml.copy_layout(original, master, (1.0, 1.0), oxml.TEXT_LIGHTER)
    blip = copied._element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    rid = blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
    assert copied.part.related_part(rid).blob == original.part.related_part(rid).blob
    out = tmp_path / "borrowed.pptx"
    prs.part.package.save(out)
    assert audit_errors(out) == []
    assert "Title and Content" in [layout.name for layout in Presentation(out).slide_layouts]


# ------------------------------------------------------------------ the same bytes every time


def test_zip_entries_and_document_properties_have_fixed_times(tmp_path):
    pptx = built(tmp_path, "german")
    with zipfile.ZipFile(pptx) as z:
        assert {info.date_time for info in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.namelist()[:2] == ["[Content_Types].xml", "_rels/.rels"]
    core = Presentation(pptx).core_properties
    assert (core.created.year, core.modified.year, core.last_modified_by) == (2000, 2000, "deckbuilder")


# ------------------------------------------------------------------ linear in the number of slides


def test_part_names_are_counted_not_searched_and_images_stored_once(monkeypatch):
    package = FastPackage.open(io.BytesIO(Template(TEMPLATES / "fourthree.pptx").data))
    prs = package.presentation_part.presentation
    oxml.drop_slides(prs)
    walks = []
    real = FastPackage.iter_parts
    monkeypatch.setattr(FastPackage, "iter_parts", lambda self: walks.append(1) or real(self))
    layout = prs.slide_layouts[1]
    png = (TEMPLATES.parent.parent / "decks" / "images" / "pendulum.png").read_bytes()
    for _ in range(200):
        slide = package.add_slide(layout)
        slide.part.get_or_add_image_part(io.BytesIO(png))
        package.add_notes(slide)
    assert len(walks) < 10  # a few times for each kind of part name, not once per slide
    names = [str(p.partname) for p in real(package)]
    assert "/ppt/slides/slide200.xml" in names and "/ppt/notesSlides/notesSlide200.xml" in names
    assert sum(name.startswith("/ppt/media/") for name in names) == 1
    assert [s.slide_id for s in list(prs.slides)[:2]] == [256, 257]


def test_relationship_parts_are_what_python_pptx_writes():
    prs = Presentation(TEMPLATES / "german.pptx")
    for part in prs.part.package.iter_parts():
        if part._rels:
            canonical = [etree.tostring(etree.fromstring(x), method="c14n") for x in (part.rels.xml, rels_xml(part.rels))]
            assert canonical[0] == canonical[1], part.partname


# ------------------------------------------------------------------ the validator can fail


@pytest.mark.unaudited  # the deck is broken on purpose
def test_openxml_audit_reports_a_defect_seeded_into_a_built_deck(tmp_path):
    pptx = built(tmp_path, "fourthree")
    assert audit_errors(pptx) == []
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(pptx) as z, zipfile.ZipFile(broken, "w") as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename == "ppt/presentation.xml":  # slide ids start at 256 (ECMA-376 19.2.1.34)
                data = data.replace(b'<p:sldId id="256"', b'<p:sldId id="7"', 1)
            out.writestr(info, data)
    assert any("sldId" in error or "256" in error for error in audit_errors(broken)), audit_errors(broken)


@pytest.mark.unaudited
def test_openxml_audit_reports_a_relationship_that_dangles(tmp_path):
    pptx = built(tmp_path, "logo")
    broken = tmp_path / "dangling.pptx"
    with zipfile.ZipFile(pptx) as z, zipfile.ZipFile(broken, "w") as out:
        for info in z.infolist():
            if not info.filename.startswith("ppt/media/"):
                out.writestr(info, z.read(info))
    assert audit_errors(broken)


def test_another_masters_layout_of_the_same_name_is_found_by_its_theme_name(tmp_path):
    root = org_workspace(tmp_path, "twomasters", 'layouts: {bullets: "Second/Title and Content"}\n')
    result = build(root)
    assert result.exit_code == 0, result.output
    assert "has no layout named" not in result.output
    deck = Presentation(root.joinpath(*DECK))
    second = deck.slide_masters[1]
    masters = {s.slide_layout.name: s.slide_layout.slide_master for s in deck.slides}
    assert masters["Title and Content"] == second and masters["Title Slide"] == deck.slide_masters[0]


def _edited(source: Path, target: Path, edit) -> None:
    """Write a copy of the .pptx `source` at `target` with `edit(name, xml) -> xml` applied to its XML parts."""
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name in z.namelist():
            data = z.read(name)
            out.writestr(name, edit(name, data.decode("utf-8")).encode("utf-8") if name.endswith(".xml") else data)


def test_a_notes_master_with_an_unknown_placeholder_type_is_refused(tmp_path):
    root = org_workspace(tmp_path, "german")
    template = next((root / "themes" / "org").glob("*.pptx"))
    source = Path(__file__).parents[1] / "themes" / "calm" / "template.pptx"  # one with a notes master
    _edited(source, template, lambda name, xml: xml.replace('type="body"', 'type="bogus"', 1)
            if name.startswith("ppt/notesMasters/notesMaster") else xml)  # fmt: skip
    result = build(root)
    assert result.exit_code == 1, result.output
    assert "this template cannot be used:" in result.output and "notesMaster1.xml" in result.output
    assert "Traceback" not in result.output


def test_text_never_goes_into_a_placeholder_that_has_no_place(tmp_path):
    """A layout's body with no position, on a master without a body: that layout is not used for text."""
    import re

    root = org_workspace(tmp_path, "german")
    template = next((root / "themes" / "org").glob("*.pptx"))
    source = tmp_path / "source.pptx"
    template.rename(source)

    def unplaced(name: str, xml: str) -> str:
        if name.startswith(("ppt/slideMasters/slideMaster", "ppt/slideLayouts/slideLayout")):
            xml = re.sub(r'(<p:ph type="body"[^>]*/>.*?<p:spPr)>.*?</p:spPr>', r"\1/>", xml, flags=re.S)
        return xml

    _edited(source, template, unplaced)
    result = build(root)
    assert result.exit_code == 0, result.output
    deck = Presentation(root.joinpath(*DECK))
    unplaced_text = [(i, sh.name) for i, slide in enumerate(deck.slides, 1) for sh in slide.placeholders
                     if sh.left is None and sh.has_text_frame and sh.text_frame.text.strip()]  # fmt: skip
    assert unplaced_text == []


def test_layouts_come_in_the_order_powerpoint_shows_and_unlisted_ones_are_not_used(tmp_path):
    import re

    calm = Path(__file__).parents[1] / "themes" / "calm" / "template.pptx"
    shown_order = [layout.name for layout in Template(calm).all_layouts]

    def reorder(name: str, xml: str) -> str:
        if name == "ppt/slideMasters/slideMaster1.xml":
            ids = re.findall(r"<p:sldLayoutId [^>]*/>", xml)
            xml = xml.replace("".join(ids), "".join(reversed(ids[1:])))  # the first is left out, the rest reversed
        return xml

    _edited(calm, tmp_path / "reordered.pptx", reorder)
    names = [layout.name for layout in Template(tmp_path / "reordered.pptx").all_layouts]
    assert names == list(reversed(shown_order[1:]))
