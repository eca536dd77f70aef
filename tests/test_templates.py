"""Organisation templates that deckbuilder did not make (tests/templates/): the sample workshop is
built into each, and the result is checked as a trainer would: the right layouts, none of the
template's example slides, its own colors kept, speaker notes present, LibreOffice renders it."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from rendercheck import need, to_pdf
from typer.testing import CliRunner

from deckbuilder.cli import app

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = Path(__file__).parent / "templates"
PML = "http://schemas.openxmlformats.org/presentationml/2006/main"

# Template -> the layout each slide kind must use (a borrowed built-in layout keeps its name).
EXPECTED = {
    "impress": {
        "title": "Title Slide", "bullets": "Title, Content", "two-column": "Title, 2 Content",
        "exercise": "Title, 2 Content", "quote": "Quote", "statement": "Statement",
        "section": "Section Header", "image": "Picture with Caption", "closing": "Closing",
    },
    "german": {
        "title": "Titelfolie", "bullets": "Titel und Inhalt", "agenda": "Titel und Inhalt",
        "two-column": "Vergleich", "exercise": "Vergleich", "section": "Abschnittsüberschrift",
        "image": "Bild mit Überschrift", "closing": "Abschnittsüberschrift", "quote": "Quote",
    },
    "fourthree": {
        "title": "Title Slide", "bullets": "Content (Org)", "two-column": "Comparison",
        "section": "Section Header", "image": "Picture with Caption", "quote": "Quote",
    },
    **{name: {"title": "Title Slide", "bullets": "Title and Content", "two-column": "Comparison",
              "section": "Section Header", "image": "Picture with Caption", "quote": "Quote"}
       for name in ("potx", "twomasters", "logo", "quirky")},
}  # fmt: skip
FILES = {"potx": "potx.potx"}  # the others are <name>.pptx
WITH_EXAMPLES = ("impress", "german", "fourthree", "quirky")  # templates that come with example slides


def template_file(name: str) -> Path:
    return TEMPLATES / FILES.get(name, f"{name}.pptx")


def org_workspace(root: Path, template: str, extra: str = "") -> Path:
    """Copy the sample workshop into `root` with a theme `org` that uses a test template."""
    shutil.copytree(REPO / "decks", root / "decks")
    theme = root / "themes" / "org"
    theme.mkdir(parents=True)
    shutil.copy(template_file(template), theme)
    (theme / "theme.yaml").write_text(
        "name: Org\n"
        'colors: {background: "#FFFFFF", text: "#1A1A1A", accent: "#1F3A5F", muted: "#5A5A5A"}\n'
        'fonts: {heading: "Liberation Sans", body: "Liberation Sans"}\n'
        f"template: {template_file(template).name}\n{extra}",
        encoding="utf-8",
    )
    return root


def build(root: Path, *args: str):
    return CliRunner().invoke(app, ["build", str(root / "decks" / "attachment-workshop.yaml"),
                                    "--root", str(root), "--theme", "org", *args])  # fmt: skip


def kinds_of_sample(pptx: Path) -> list[str]:
    """The kinds of the slides of the sample built into `pptx` with the org theme (continued slides too)."""
    from deckbuilder.build import compile_deck

    root = pptx.parents[2]
    deck = compile_deck(root / "decks" / "attachment-workshop.yaml", root, "org")
    return [s.kind for s in deck.slides]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, str]]:
    """Build the sample into each template once: template -> (the .pptx, the command's output)."""
    out = {}
    for name in EXPECTED:
        root = org_workspace(tmp_path_factory.mktemp(name), name)
        result = build(root)
        assert result.exit_code == 0, result.output
        out[name] = (root / "output" / "attachment-workshop" / "attachment-workshop.pptx", result.output)
    return out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_kind_uses_the_layout_made_for_it(built, name):
    pptx, _ = built[name]
    layouts = [slide.slide_layout.name for slide in Presentation(pptx).slides]
    used = dict(zip(kinds_of_sample(pptx), layouts))
    for kind, layout in EXPECTED[name].items():
        assert used[kind] == layout, (kind, used[kind])


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_example_slides_and_their_media_are_gone(built, name):
    pptx, _ = built[name]
    source = Presentation(template_file(name))
    example_titles = {s.shapes.title.text for s in source.slides if s.shapes.title is not None}
    deck = Presentation(pptx)
    assert len(deck.slides) == len(kinds_of_sample(built[name][0]))
    titles = {s.shapes.title.text for s in deck.slides if s.shapes.title is not None}
    assert example_titles and not (example_titles & titles)
    with zipfile.ZipFile(template_file(name)) as z:
        example_media = {z.read(n) for n in z.namelist() if n.startswith("ppt/media/")}
    with zipfile.ZipFile(pptx) as z:
        media = {z.read(n) for n in z.namelist() if n.startswith("ppt/media/")}
    assert not (example_media & media)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_organisation_keeps_its_colors_and_the_deck_has_notes(built, name):
    pptx, _ = built[name]
    with zipfile.ZipFile(template_file(name)) as z:
        before = z.read("ppt/theme/theme1.xml")
    with zipfile.ZipFile(pptx) as z:
        assert z.read("ppt/theme/theme1.xml") == before
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(pptx).slides if s.has_notes_slide]
    assert any("Kift" in n for n in notes)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_ids_are_unique_and_every_relationship_resolves(built, name):
    pptx, _ = built[name]
    with zipfile.ZipFile(pptx) as z:
        parts = set(z.namelist())
        ids = Counter()
        for part in parts:
            data = z.read(part).decode("utf-8", "replace")
            if part.endswith(".xml"):
                root = etree.fromstring(z.read(part))
                ids.update(e.get("id") for e in root.iter(f"{{{PML}}}sldLayoutId", f"{{{PML}}}sldMasterId"))
            if part.endswith(".rels"):
                base = part.replace("_rels/", "").removesuffix(".rels").rsplit("/", 1)[0]
                for target, mode in re.findall(r'Target="([^"]+)"(?: TargetMode="(\w+)")?', data):
                    if mode != "External":
                        resolved = Path(target.lstrip("/")) if target.startswith("/") else Path(base, target)
                        assert str(Path(*_norm(resolved.parts))) in parts, (part, target)
    assert ids and max(ids.values()) == 1


def _norm(parts):
    out = []
    for p in parts:
        if p == "..":
            out.pop()
        elif p not in (".", ""):
            out.append(p)
    return out


def test_a_missing_layout_is_borrowed_with_a_warning_naming_where_it_looked(built):
    _, output = built["german"]
    assert "german.pptx: no layout named 'Quote'" in output
    assert "quote slides use the built-in calm theme's 'Quote' layout" in output
    assert "layouts:" in output


def test_borrowed_layouts_fit_a_4_3_slide(built):
    pptx, _ = built["fourthree"]
    deck = Presentation(pptx)
    assert (deck.slide_width, deck.slide_height) == (9144000, 6858000)
    for slide in deck.slides:
        for shape in list(slide.slide_layout.shapes) + list(slide.shapes):
            if shape.width is not None and shape.left is not None:
                assert shape.left + shape.width <= deck.slide_width + 1, (slide.slide_layout.name, shape.name)


def test_a_layout_name_the_template_lacks_is_a_warning_at_its_line(tmp_path):
    root = org_workspace(tmp_path, "german", 'layouts: {bullets: "Titel und Inhalte"}\n')
    result = build(root)
    assert result.exit_code == 0, result.output
    assert "theme.yaml:5:20: german.pptx has no layout named 'Titel und Inhalte'" in result.output
    assert "Titel und Inhalt" in result.output  # the closest name is suggested


def test_a_layout_named_in_the_theme_wins_over_placeholder_matching(tmp_path):
    root = org_workspace(tmp_path, "german", 'layouts: {bullets: "Inhalt mit Überschrift"}\n')
    result = build(root)
    assert result.exit_code == 0, result.output
    pptx = root / "output" / "attachment-workshop" / "attachment-workshop.pptx"
    used = dict(zip(kinds_of_sample(pptx), (s.slide_layout.name for s in Presentation(pptx).slides)))
    assert used["bullets"] == "Inhalt mit Überschrift"


def audit_errors(pptx: Path) -> list[str]:
    """Return what openxml-audit finds wrong in a .pptx (the Open XML SDK's checks, in Python)."""
    from openxml_audit import validate_pptx

    return [str(error) for error in validate_pptx(pptx).errors]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_deck_in_each_template_passes_openxml_audit(built, name):
    assert audit_errors(built[name][0]) == []


def test_a_template_that_is_not_a_pptx_is_an_error_at_its_line(tmp_path):
    root = org_workspace(tmp_path, "german")
    (root / "themes" / "org" / "german.pptx").write_text("not a zip", encoding="utf-8")
    result = build(root)
    assert result.exit_code == 1
    assert "theme.yaml:4:11: this template cannot be used: it is not a .pptx file" in result.output
    assert "Traceback" not in result.output
    assert not (root / "output").exists()


@pytest.mark.client
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_libreoffice_renders_one_page_per_slide(built, name, tmp_path):
    [pdf] = to_pdf([built[name][0]], tmp_path)
    info = subprocess.run([need("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info)[1]) == len(kinds_of_sample(built[name][0]))


def test_two_columns_prefer_a_two_content_layout_to_content_with_caption():
    from deckbuilder.writers.layouts import _fit
    from deckbuilder.writers.template import Template

    layouts = Template(TEMPLATES / "german.pptx").layouts
    caption, two, comparison = (layouts[n] for n in ("Inhalt mit Überschrift", "Zwei Inhalte", "Vergleich"))
    assert _fit("two-column", comparison) > _fit("two-column", two) > _fit("two-column", caption) > 0


def test_text_goes_to_the_subtitle_of_a_title_layout_or_is_reported_lost(tmp_path):
    root = org_workspace(tmp_path, "german", 'layouts: {closing: "Titelfolie", section: "Nur Titel"}\n')
    result = build(root)
    assert result.exit_code == 0, result.output
    deck = Presentation(root / "output" / "attachment-workshop" / "attachment-workshop.pptx")
    closing = deck.slides[-1]
    assert closing.slide_layout.name == "Titelfolie"
    assert any("evaluation form" in s.text_frame.text for s in closing.shapes if s.has_text_frame)
    assert "layout 'Nur Titel' has no text placeholder, so section slides show only their title" in result.output


def test_a_template_that_needs_a_newer_zip_version_is_an_error_at_its_line(tmp_path):
    """zipfile refuses to read the directory of such a file; the owner learns it is not a usable .pptx."""
    root = org_workspace(tmp_path, "german")
    template = root / "themes" / "org" / "german.pptx"
    data = bytearray(template.read_bytes())
    entry = data.index(b"PK\x01\x02")  # the first central directory entry
    data[entry + 6:entry + 8] = (99).to_bytes(2, "little")  # "version needed to extract": 9.9
    template.write_bytes(bytes(data))
    result = build(root)
    assert result.exit_code == 1
    assert "theme.yaml:4:11: this template cannot be used: it is not a .pptx file" in result.output
    assert "Traceback" not in result.output
    assert not (root / "output").exists()
