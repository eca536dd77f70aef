"""`deckbuilder import pptx`: an existing PowerPoint deck becomes an outline that builds at once.

The presentations are made here with python-pptx's own template, as any PowerPoint deck is, and
the sample workshop is built, imported and built again (the round trip keeps every slide).
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import make_png, run_cli
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

REPO = Path(__file__).resolve().parents[1]
# python-pptx's template: its layouts by name
TITLE, CONTENT, SECTION, TWO, COMPARISON, TITLE_ONLY, BLANK = 0, 1, 2, 3, 4, 5, 6


def import_pptx(root: Path, file: Path, *args: str):
    return run_cli("import", "pptx", str(file), "--root", str(root), *args)


def inputs(tmp_path: Path) -> Path:
    """Return the folder for the presentations a test imports (their charts are python-pptx's, not audited)."""
    folder = tmp_path / "imports"
    folder.mkdir(exist_ok=True)
    return folder


def imported(root: Path, prs, tmp_path: Path, name: str) -> str:
    """Save `prs` as NAME.pptx, import it into the workspace at `root`, build that, and return the outline."""
    prs.save(inputs(tmp_path) / f"{name}.pptx")
    result = import_pptx(root, inputs(tmp_path) / f"{name}.pptx")
    assert result.exit_code == 0, result.output
    built = run_cli("build", str(root / "decks" / f"{name}.yaml"), "--root", str(root))
    assert built.exit_code == 0, built.output
    return (root / "decks" / f"{name}.yaml").read_text(encoding="utf-8")


def files_of(root: Path) -> dict[str, bytes]:
    """Return every file under `root` with its bytes, to show that nothing changed."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def paragraphs(frame, *items) -> None:
    """Fill a text frame with (level, text) paragraphs; text may be a list of (text, bold, italic) runs."""
    for i, (level, text) in enumerate(items):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.level = level
        for run_text, bold, italic in [(text, False, False)] if isinstance(text, str) else text:
            run = p.add_run()
            run.text = run_text
            run.font.bold, run.font.italic = bold or None, italic or None


def add(prs, layout: int, title: str, text: str | None = None, notes: str | None = None):
    """Add a slide of python-pptx's `layout` with its title, the text of its second placeholder and notes."""
    s = prs.slides.add_slide(prs.slide_layouts[layout])
    s.shapes.title.text = title
    if text is not None:
        s.placeholders[1].text = text
    if notes is not None:
        s.notes_slide.notes_text_frame.text = notes
    return s


def plain_deck(path: Path, picture: Path) -> Path:
    """Write a deck as PowerPoint users make them: no sections, pictures, a table and a chart."""
    prs = Presentation()
    add(prs, TITLE, "Grief in the clinic", "A talk for nurses", "Welcome everyone.")
    s = add(prs, CONTENT, "What grief looks like")
    paragraphs(s.placeholders[1].text_frame, (0, "Sadness"), (1, "in waves"),
               (1, [("often ", False, False), ("at night", True, False)]), (0, [("Anger", False, True)]),
               (2, "deeper still"))  # fmt: skip
    s.notes_slide.notes_text_frame.text = "Ask who has seen this.\nTake two answers."
    s = add(prs, TWO, "Before and after")
    s._element.set("show", "0")
    paragraphs(s.placeholders[1].text_frame, (0, "Numb"), (0, "Alone"))
    paragraphs(s.placeholders[2].text_frame, (0, "Sad"), (0, "Held"))
    pic = add(prs, TITLE_ONLY, "A picture").shapes.add_picture(str(picture), Inches(1), Inches(2))
    pic._element.nvPicPr.cNvPr.set("descr", "A red square")
    pic = add(prs, TITLE_ONLY, "No alt text").shapes.add_picture(str(picture), Inches(1), Inches(2))
    pic._element.nvPicPr.cNvPr.set("descr", "")
    s = add(prs, TITLE_ONLY, "Numbers")
    s.shapes.add_table(3, 4, Inches(1), Inches(2), Inches(6), Inches(2))
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", (1, 2))
    s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(4), Inches(4), Inches(3), data)
    s = prs.slides.add_slide(prs.slide_layouts[BLANK])
    box = s.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(2))
    box.text_frame.text = "A slide without a title costs ${price} or $$5"
    prs.save(path)
    return path


PLAIN_OUTLINE = """\
# yaml-language-server: $schema=../schemas/deck.schema.json
# Imported from grief.pptx by `deckbuilder import pptx`; lines marked `# check:` need a look.
# check: the title slide's speaker notes were left out: “Welcome everyone.”
title: "Grief in the clinic"
subtitle: "A talk for nurses"
sections:
  # check: the deck had no sections: name this one, or split the slides into sections
  - title: "Slides"
    slides:
      # check: points nested more than one level deep are set one level deep
      - title: "What grief looks like"
        bullets:
          - "Sadness"
          - ["in waves", "often **at night**"]
          - "*Anger*"
          - ["deeper still"]
        notes: "Ask who has seen this.\\nTake two answers."
      # check: this slide was hidden in PowerPoint; remove it if it is not to be shown
      - title: "Before and after"
        left:
          bullets:
            - "Numb"
            - "Alone"
        right:
          bullets:
            - "Sad"
            - "Held"
      - title: "A picture"
        image: "images/grief/slide4.png"
        alt: "A red square"
      - title: "No alt text"
        image: "images/grief/slide4.png"
        alt: ""  # check: alt text missing
      # check: left out a table (3 rows, 4 columns): type its content as bullets, or show it as a picture
      # check: left out a chart: show it as a picture (in PowerPoint, right-click it and Save as Picture)
      - title: "Numbers"
        bullets: []
      # check: this slide had no title; it takes its section's title
      - bullets:
          - "A slide without a title costs $${price} or $$$5"
"""


def test_a_plain_deck_becomes_an_outline_that_builds(workspace, tmp_path):
    file = plain_deck(inputs(tmp_path) / "grief.pptx", make_png(tmp_path / "red.png"))
    result = import_pptx(workspace.root, file)
    assert result.exit_code == 0, result.output
    outline = workspace.root / "decks" / "grief.yaml"
    assert result.output.splitlines() == [f"wrote {outline}", f"wrote {workspace.root / 'decks/images/grief'}"]
    assert outline.read_text(encoding="utf-8") == PLAIN_OUTLINE
    assert sorted(p.name for p in (workspace.root / "decks" / "images" / "grief").iterdir()) == ["slide4.png"]
    built = run_cli("build", str(outline), "--root", str(workspace.root))
    assert built.exit_code == 0, built.output
    assert "a11y.alt-text" in run_cli("check", str(outline), "--root", str(workspace.root), "--json").output
    slides = Presentation(workspace.root / "output" / "grief" / "grief.pptx").slides
    texts = [shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame]
    assert "A slide without a title costs ${price} or $$5" in texts


def test_pictures_beside_text_follow_it_and_unreadable_ones_are_named(workspace, tmp_path):
    prs = Presentation()
    s = add(prs, CONTENT, "Sun and rain")
    paragraphs(s.placeholders[1].text_frame, (0, "Sun"), (0, "Rain"))
    s.shapes.add_picture(str(make_png(tmp_path / "blue.png", color="blue")), Inches(6), Inches(2))
    broken = s.shapes.add_picture(str(make_png(tmp_path / "red.png")), Inches(1), Inches(5))
    broken.part.related_part(broken._element.blip_rId)._blob = b"this is no picture"
    text = imported(workspace.root, prs, tmp_path, "weather")
    assert text.split("    slides:\n")[1] == WEATHER_SLIDES


WEATHER_SLIDES = """\
      # check: left out a picture in a format deckbuilder does not show (such as a Windows metafile): \
save it as PNG or JPEG, put it in decks/images/ and add an image slide
      # check: this slide had pictures beside its text; they follow on slides of their own
      - title: "Sun and rain"
        bullets:
          - "Sun"
          - "Rain"
      - title: "Sun and rain"
        image: "images/weather/slide1.png"
        alt: ""  # check: alt text missing
"""


def test_a_quote_layout_becomes_a_quote_of_the_library_or_a_statement(workspace, tmp_path):
    prs = Presentation()
    prs.slide_layouts[CONTENT].name = "Quote"
    for title, quote, who in (("A thought", "\u201cCells that fire together, wire together.\u201d", "\u2014 Allan Schore"),
                              ("Another", "\u201cNot in the library.\u201d", "\u2014 Someone")):  # fmt: skip
        s = add(prs, CONTENT, title)
        paragraphs(s.placeholders[1].text_frame, (0, quote), (0, who))
    text = imported(workspace.root, prs, tmp_path, "quotes")
    assert text.split("    slides:\n")[1] == QUOTE_SLIDES


QUOTE_SLIDES = """\
      - quote: "smith/fire-together"
        title: "A thought"
      # check: a quotation: add it to an article of the library and write `quote: article/id`, so that \
its source is cited
      - text: "\u201cNot in the library.\u201d \u2014 Someone"
        title: "Another"
"""


def test_section_headers_and_powerpoint_sections_start_sections(workspace, tmp_path):
    prs = Presentation()
    add(prs, CONTENT, "Before any section")
    add(prs, SECTION, "Part A", "The first part", "Breathe.")
    add(prs, CONTENT, "In part A")
    add(prs, CONTENT, "In part B")
    ids = [slide.slide_id for slide in prs.slides]
    sections = (
        '<p:ext xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"><p14:sectionLst '
        'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main">'
        f'<p14:section name="Opening" id="{{00000000-0000-0000-0000-000000000001}}"><p14:sldIdLst>'
        f'<p14:sldId id="{ids[0]}"/></p14:sldIdLst></p14:section>'
        f'<p14:section name="Middle" id="{{00000000-0000-0000-0000-000000000002}}"><p14:sldIdLst>'
        f'<p14:sldId id="{ids[1]}"/><p14:sldId id="{ids[2]}"/></p14:sldIdLst></p14:section>'
        f'<p14:section name="Part B" id="{{00000000-0000-0000-0000-000000000003}}"><p14:sldIdLst>'
        f'<p14:sldId id="{ids[3]}"/></p14:sldIdLst></p14:section></p14:sectionLst></p:ext>'
    )  # fmt: skip
    from lxml import etree

    presentation = prs.part._element
    ext_list = etree.SubElement(presentation, "{http://schemas.openxmlformats.org/presentationml/2006/main}extLst")
    ext_list.append(etree.fromstring(sections))
    text = imported(workspace.root, prs, tmp_path, "parts")
    assert text.split("sections:\n")[1] == (
        '  - title: "Opening"\n'
        "    slides:\n"
        '      - title: "Before any section"\n'
        "        bullets: []\n"
        "  # check: the section slide's text was left out: \u201cThe first part\u201d\n"
        "  # check: the section slide's speaker notes were left out: \u201cBreathe.\u201d\n"
        '  - title: "Part A"\n'
        "    slides:\n"
        '      - title: "In part A"\n'
        "        bullets: []\n"
        '  - title: "Part B"\n'
        "    slides:\n"
        '      - title: "In part B"\n'
        "        bullets: []\n"
    )  # fmt: skip
    presentation.remove(ext_list)
    text = imported(workspace.root, prs, tmp_path, "headers")
    assert text.split("sections:\n")[1].startswith(
        "  # check: the slides before the first section: name this section\n"
        '  - title: "Introduction"\n'
        "    slides:\n"
        '      - title: "Before any section"\n'
    )  # fmt: skip
    assert '  - title: "Part A"\n' in text and "Part B" not in text


def slide_texts(path: Path) -> list[tuple[str, str, str]]:
    """Return each slide's title, other text and notes, their spaces made one."""

    def norm(text: str) -> str:
        return " ".join(text.split())

    found = []
    for slide in Presentation(path).slides:
        title = slide.shapes.title
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape != title]
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        found.append((norm(title.text_frame.text if title is not None else ""), norm(" | ".join(texts)), norm(notes)))
    return found


@pytest.mark.parametrize("theme, slides", [("calm", 46), ("high-contrast", 50)])
def test_round_trip_of_the_sample_keeps_every_slide(tmp_path, theme, slides):
    """High-contrast type is larger, so that slides continue, and sets nothing in italics."""
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "decks", ws / "decks")
    shutil.copytree(REPO / "schemas", ws / "schemas")
    sample = ws / "decks" / "attachment-workshop.yaml"
    assert run_cli("build", str(sample), "--root", str(ws), "--theme", theme).exit_code == 0
    built = ws / "output" / "attachment-workshop" / "attachment-workshop.pptx"
    result = import_pptx(ws, built, "--name", "again")
    assert result.exit_code == 0, result.output
    rebuilt = run_cli("build", str(ws / "decks" / "again.yaml"), "--root", str(ws), "--theme", theme)
    assert rebuilt.exit_code == 0, rebuilt.output
    before, after = slide_texts(built), slide_texts(ws / "output" / "again" / "again.pptx")
    assert len(before) == len(after) == slides
    for number, (old, new) in enumerate(zip(before, after), 1):
        assert old == new, f"slide {number}"
    titles = [title for title, _, _ in after]
    for generated in ("Learning objectives", "Agenda", "Disclosure", "Content note", "References"):
        assert titles.count(generated) == 1
    outline = (ws / "decks" / "again.yaml").read_text(encoding="utf-8")
    assert "quote: \"smith-primal-love/essence-of-love\"" in outline
    assert "principle: \"smith-primal-love/5\"" in outline
    assert len(list((ws / "decks" / "images" / "again").iterdir())) == 2


def test_a_draft_that_repeats_an_article_does_not_take_its_place(tmp_path):
    """An imported draft of an article the library has (same principles and quotes, no summaries yet):
    principles are matched by the summary the slide shows, quotes to the finished article, with a comment."""
    ws = tmp_path / "ws"
    shutil.copytree(REPO / "decks", ws / "decks")
    sample = ws / "decks" / "attachment-workshop.yaml"
    assert run_cli("build", str(sample), "--root", str(ws)).exit_code == 0
    smith = (ws / "decks" / "articles" / "smith-primal-love.yaml").read_text(encoding="utf-8")
    draft = re.sub(r"(?m)^(\s*)summary: .*$", r"\1summary: null", smith)
    (ws / "decks" / "articles" / "aa-smith-draft.yaml").write_text(draft, encoding="utf-8")
    built = ws / "output" / "attachment-workshop" / "attachment-workshop.pptx"
    assert import_pptx(ws, built, "--name", "again").exit_code == 0
    outline = (ws / "decks" / "again.yaml").read_text(encoding="utf-8")
    assert "aa-smith-draft/5\"" not in outline and 'principle: "smith-primal-love/5"\n' in outline
    assert 'quote: "smith-primal-love/essence-of-love"  # check: also in aa-smith-draft/essence-of-love' in outline
    assert "aa-smith-draft\"\n" not in outline and '"(Smith, n.d.)"' not in outline  # citations still cite
    assert 'principles:\n          - "smith-primal-love/1"' in outline
    rebuilt = run_cli("build", str(ws / "decks" / "again.yaml"), "--root", str(ws))
    assert rebuilt.exit_code == 0, rebuilt.output
    assert slide_texts(built) == slide_texts(ws / "output" / "again" / "again.pptx")


def test_continued_slides_are_joined_again(workspace):
    objectives = [f"Describe at some length how thing number {i} works in practice with clients and couples"
                  for i in range(1, 11)]  # fmt: skip
    points = [f"Point {i} says something long enough to take up most of a line on the slide" for i in range(1, 15)]
    deck = workspace.write("decks/long.yaml", "title: Long\n" + "objectives:\n" + "".join(
        f"  - {o}\n" for o in objectives) + "sections:\n  - title: Only part\n    slides:\n"
        "      - title: Many points\n        notes: Go slowly.\n        bullets:\n" + "".join(
        f"          - {p}\n" for p in points), dedent=False)  # fmt: skip
    assert run_cli("build", str(deck), "--root", str(workspace.root)).exit_code == 0
    built = workspace.root / "output" / "long" / "long.pptx"
    titles = [title for title, _, _ in slide_texts(built)]
    assert titles.count("Learning objectives (cont.)") >= 1 and titles.count("Many points (cont.)") == 1
    assert import_pptx(workspace.root, built, "--name", "again").exit_code == 0
    outline = (workspace.root / "decks" / "again.yaml").read_text(encoding="utf-8")
    assert "(cont.)" not in outline
    assert outline.split("objectives:\n")[1].split("sections:")[0] == "".join(f'  - "{o}"\n' for o in objectives)
    assert outline.split("slides:\n")[1] == (
        '      - title: "Many points"\n        bullets:\n' + "".join(f'          - "{p}"\n' for p in points)
        + '        notes: "Go slowly."\n')  # fmt: skip
    assert run_cli("build", str(workspace.root / "decks" / "again.yaml"), "--root", str(workspace.root)).exit_code == 0
    assert slide_texts(workspace.root / "output" / "again" / "again.pptx") == slide_texts(built)


# ---------------------------------------------------------------- bad input


def zipped(members: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in members.items():
            z.writestr(name, text)
    return buf.getvalue()


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RESAVE = ("open it in PowerPoint or Impress, save it as a PowerPoint Presentation (.pptx) and import that")
BAD = {
    "text": (b"just some notes\n", "cannot import this file: it is not a .pptx file (not a zip package)", RESAVE),
    "zip": (zipped({"readme.txt": "hello"}),
            ("cannot import this file: it has no [Content_Types].xml, which says what each of its parts is"),
            RESAVE),
    "encrypted": (OLE + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(100),
                  ("cannot import this file: it is encrypted: a password protects it (a password-protected "
                   "presentation)"),
                  ("save a copy without the password (File > Info > Protect Presentation > Encrypt with Password, "
                   "and clear it) and use that")),
    "old": (OLE + bytes(600),
            "cannot import this file: it is a password-protected presentation or an old PowerPoint file (.ppt)",
            ("remove the password (File > Info > Protect Presentation) or open it in PowerPoint or Impress and "
             "save it as a PowerPoint Presentation (.pptx)")),
    "empty": (b"", "the file is empty", "import a PowerPoint presentation (.pptx)"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_file_that_is_no_presentation_is_an_error_and_nothing_is_written(workspace, tmp_path, case):
    content, message, hint = BAD[case]
    file = inputs(tmp_path) / f"{case}.pptx"
    file.write_bytes(content)
    before = files_of(workspace.root)
    result = import_pptx(workspace.root, file)
    assert result.exit_code == 1
    assert result.output == f"error: {file}: {message}\n  hint: {hint}\n"
    assert files_of(workspace.root) == before


def test_a_slide_without_its_layout_is_an_error(workspace, tmp_path):
    prs = Presentation()
    add(prs, CONTENT, "Lost")
    buf = io.BytesIO()
    prs.save(buf)
    file = inputs(tmp_path) / "lost.pptx"
    with zipfile.ZipFile(buf) as source, zipfile.ZipFile(file, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "ppt/slides/_rels/slide1.xml.rels":
                data = re.sub(rb'<Relationship [^>]*slideLayout"[^>]*/>', b"", data)
            target.writestr(item, data)
    before = files_of(workspace.root)
    result = import_pptx(workspace.root, file)
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {file}: cannot import this file: python-pptx cannot read it (KeyError: ")
    assert result.output.endswith(f"\n  hint: {RESAVE}\n")
    assert files_of(workspace.root) == before


def test_a_missing_or_unreadable_file_is_an_error(workspace, tmp_path):
    result = import_pptx(workspace.root, tmp_path / "nowhere.pptx")
    assert result.exit_code == 1
    assert result.output == f"error: {tmp_path / 'nowhere.pptx'}: no such file\n  hint: check the path of the .pptx to import\n"
    result = import_pptx(workspace.root, tmp_path)
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {tmp_path}: cannot import this file: the file is a folder, not a file\n")


def test_an_existing_deck_or_pictures_are_kept_unless_forced(workspace, tmp_path):
    file = plain_deck(inputs(tmp_path) / "talk.pptx", make_png(tmp_path / "red.png"))
    before = files_of(workspace.root)
    result = import_pptx(workspace.root, file)
    assert result.exit_code == 1
    assert result.output == (f"error: {workspace.deck}: a deck of this name exists already\n"
                             "  hint: choose another name with --name, or replace it with --force\n")  # fmt: skip
    assert files_of(workspace.root) == before
    make_png(workspace.root / "decks" / "images" / "other" / "old.png")
    before = files_of(workspace.root)
    result = import_pptx(workspace.root, file, "--name", "other")
    assert result.exit_code == 1
    assert result.output == (f"error: {workspace.root / 'decks/images/other'}: the folder for the deck's pictures "
                             "holds files already\n"
                             "  hint: choose another name with --name, or replace them with --force\n")  # fmt: skip
    assert files_of(workspace.root) == before
    assert import_pptx(workspace.root, file, "--force").exit_code == 0
    assert workspace.deck.read_text(encoding="utf-8").startswith("# yaml-language-server")
    assert import_pptx(workspace.root, file, "--name", "other", "--force").exit_code == 0
    assert sorted(p.name for p in (workspace.root / "decks" / "images" / "other").iterdir()) == ["slide4.png"]


def test_the_name_defaults_to_the_slug_of_the_file_name(workspace, tmp_path):
    file = plain_deck(inputs(tmp_path) / "Grief Talk 2019.pptx", make_png(tmp_path / "red.png"))
    assert import_pptx(workspace.root, file).exit_code == 0
    assert (workspace.root / "decks" / "grief-talk-2019.yaml").is_file()
    assert (workspace.root / "decks" / "images" / "grief-talk-2019" / "slide4.png").is_file()


def test_text_too_long_for_the_format_is_cut_with_a_comment(workspace, tmp_path):
    prs = Presentation()
    s = add(prs, CONTENT, "Crowded", notes="n" * 20_001)
    paragraphs(s.placeholders[1].text_frame, (0, "x" * 2_001), *[(0, f"point {i}") for i in range(100)])
    text = imported(workspace.root, prs, tmp_path, "crowded")
    assert ("      # check: a point longer than 2,000 characters was cut: split it\n"
            "      # check: only the first 100 points were kept: split the slide\n"
            '      - title: "Crowded"\n'
            "        bullets:\n"
            f'          - "{"x" * 2_000}"\n') in text  # fmt: skip
    assert '          - "point 98"\n        notes: "' + "n" * 20_000 + '"  # check: cut to 20,000 characters\n' in text


def test_a_failed_write_leaves_nothing_behind(workspace, tmp_path):
    file = plain_deck(inputs(tmp_path) / "grief.pptx", make_png(tmp_path / "red.png"))
    shutil.rmtree(workspace.root / "decks" / "images")
    workspace.write("decks/images", "a file where the pictures folder belongs")
    before = files_of(workspace.root)
    result = import_pptx(workspace.root, file)
    assert result.exit_code == 1
    assert result.output == (f"error: {workspace.root / 'decks' / 'images' / 'grief'}: cannot write this folder: "
                             "Not a directory\n  hint: check that you may write to the workspace's decks/ folder\n")
    assert files_of(workspace.root) == before


def test_a_bad_name_is_refused(workspace, tmp_path):
    file = plain_deck(inputs(tmp_path) / "grief.pptx", make_png(tmp_path / "red.png"))
    result = import_pptx(workspace.root, file, "--name", "../up")
    assert result.exit_code == 1
    assert result.output.startswith("error: '../up' cannot name a deck\n")


@pytest.mark.parametrize("name", ["q\n", "q\n.yaml"])
def test_a_name_with_a_line_break_is_refused(workspace, tmp_path, name):
    file = plain_deck(inputs(tmp_path) / "grief.pptx", make_png(tmp_path / "red.png"))
    before = files_of(workspace.root)
    result = import_pptx(workspace.root, file, "--name", name)
    assert result.exit_code == 1 and "cannot name a deck" in result.output
    assert files_of(workspace.root) == before


def test_a_pictures_folder_that_leads_outside_the_workspace_is_refused(workspace, tmp_path):
    file = plain_deck(inputs(tmp_path) / "grief.pptx", make_png(tmp_path / "red.png"))
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(workspace.root / "decks" / "images")
    (workspace.root / "decks" / "images").symlink_to(outside, target_is_directory=True)
    result = import_pptx(workspace.root, file)
    assert result.exit_code == 1
    assert result.output == (f"error: {file}: '{workspace.root / 'decks' / 'images'}' leads outside the workspace\n"
                             "  hint: replace the link with a folder of the workspace\n")  # fmt: skip
    assert list(outside.iterdir()) == [] and not (workspace.root / "decks" / "grief.yaml").exists()


def test_old_pictures_come_back_when_the_outline_cannot_be_written(workspace, tmp_path):
    file = plain_deck(inputs(tmp_path) / "grief.pptx", make_png(tmp_path / "red.png"))
    make_png(workspace.root / "decks" / "images" / "grief" / "old.png")
    (workspace.root / "decks" / "grief.yaml").mkdir()  # a folder where the outline goes: os.replace fails
    result = import_pptx(workspace.root, file, "--force")
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in (workspace.root / "decks" / "images" / "grief").iterdir()) == ["old.png"]
    assert not [p for p in (workspace.root / "decks" / "images").iterdir() if p.name.startswith(".")]
