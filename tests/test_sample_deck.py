"""The sample workshop, built as a user builds it: structure, accessibility, golden text."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu
from typer.testing import CliRunner

from deckbuilder.build import compile_deck
from deckbuilder.cli import app

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "decks" / "attachment-workshop.yaml"
GOLDEN = Path(__file__).parent / "golden" / "attachment-workshop.txt"

# slide kind -> the calm layout it must use
LAYOUTS = {
    "title": "Title Slide", "section": "Section Header", "quote": "Quote",
    "statement": "Statement", "image": "Picture with Caption", "two-column": "Comparison",
    "exercise": "Comparison",
    "closing": "Closing",
}  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(app, ["build", str(SAMPLE), "--root", str(REPO), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "attachment-workshop" / "attachment-workshop.pptx"


@pytest.fixture(scope="module")
def deck():
    return compile_deck(SAMPLE, REPO)


def test_one_slide_per_deck_slide_in_16_9(built, deck):
    prs = Presentation(built)
    assert len(prs.slides) == len(deck.slides) > 40
    assert (Emu(prs.slide_width).inches, Emu(prs.slide_height).inches) == pytest.approx((13.333, 7.5), abs=0.01)


def test_every_slide_has_a_titled_title_placeholder(built):
    for number, slide in enumerate(Presentation(built).slides, 1):
        title = slide.shapes.title
        assert title is not None and title.is_placeholder, f"slide {number} has no title placeholder"
        assert title.text_frame.text.strip(), f"slide {number} has an empty title"


def test_each_kind_uses_its_layout(built, deck):
    for slide, made in zip(deck.slides, Presentation(built).slides):
        expected = LAYOUTS.get(slide.kind, "Title and Content")
        assert made.slide_layout.name == expected, (slide.number, slide.kind)


def test_text_is_editable_text_and_pictures_carry_alt_text(built, deck):
    prs = Presentation(built)
    pictures = [
        (slide, shape)
        for slide in prs.slides
        for shape in slide.shapes
        if shape.shape_type == 13  # MSO_SHAPE_TYPE.PICTURE
    ]
    image_slides = [s for s in deck.slides if s.kind == "image"]
    assert len(pictures) == len(image_slides) == 2
    for (_, shape), source in zip(pictures, image_slides):
        descr = shape._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr")
        assert descr == source.alt and not descr.endswith(".png")
        assert abs(shape.width / shape.height - source.picture.width / source.picture.height) < 0.01


def test_speaker_notes_are_on_notes_slides(built, deck):
    prs = Presentation(built)
    for slide, made in zip(deck.slides, prs.slides):
        if slide.notes:
            assert made.has_notes_slide
            first = "".join(r.text for r in slide.notes[0].runs)
            assert first in made.notes_slide.notes_text_frame.text


def test_references_are_apa_and_sorted(built):
    prs = Presentation(built)
    refs = [s for s in prs.slides if s.shapes.title.text.startswith("References")]
    entries = [p.text for s in refs for p in s.placeholders[1].text_frame.paragraphs]
    assert entries[0].startswith("Burgo, J. (n.d.). Attachment Theory")
    assert any(e.startswith("Kift, L. B. (n.d.).") and "Love And Life Toolbox" in e for e in entries)
    assert any(e.startswith("Own the Inner Child") and "(n.d.)" in e for e in entries)  # no author
    assert entries == sorted(entries, key=str.lower)


def test_quote_of_a_person_inside_an_article_is_cited_as_cited_in(built):
    texts = [shape.text_frame.text for s in Presentation(built).slides for shape in s.placeholders
             if shape.has_text_frame]  # fmt: skip
    assert any("(Schore, as cited in Burgo, n.d.)" in t for t in texts)


def test_the_template_contributes_layouts_only(built):
    with zipfile.ZipFile(built) as z:
        names = z.namelist()
    slides = [n for n in names if n.startswith("ppt/slides/") and n.endswith(".xml")]
    assert len(slides) == len(Presentation(built).slides)


def test_same_input_gives_identical_bytes(built, tmp_path):
    CliRunner().invoke(app, ["build", str(SAMPLE), "--root", str(REPO), "--out", str(tmp_path)])
    again = tmp_path / "attachment-workshop" / "attachment-workshop.pptx"
    assert again.read_bytes() == built.read_bytes()


def test_golden_text(built, deck):
    """Every slide's layout and text; regenerate with UPDATE_GOLDEN=1 and read the diff."""
    lines = []
    for slide, made in zip(deck.slides, Presentation(built).slides):
        lines.append(f"## {slide.number} {slide.kind} [{made.slide_layout.name}]")
        for shape in made.placeholders:
            if shape.has_text_frame and shape.placeholder_format.type != 13:  # 13: slide number
                for paragraph in shape.text_frame.paragraphs:
                    if paragraph.text:
                        lines.append(f"{'  ' * paragraph.level}- {paragraph.text}")
    text = "\n".join(lines) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")
