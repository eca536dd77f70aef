"""Golden slide parts: a deck with one slide of every kind, each slide's XML compared with a
committed golden (tests/golden/pptx/), pretty-printed, shape ids and relationship ids left out.

Regenerate with UPDATE_GOLDEN=1 and read the diff before committing it.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from typer.testing import CliRunner

from deckbuilder.build import compile_deck
from deckbuilder.cli import app

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "pptx"
DECK = GOLDEN / "every-kind.yaml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def normalized(xml: bytes) -> str:
    """Return a part's XML pretty-printed, without shape ids and relationship ids."""
    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    for element in root.iter():
        if element.tag == f"{{{P}}}cNvPr":
            element.attrib.pop("id", None)
        for name in [n for n in element.attrib if n.startswith(f"{{{R}}}")]:
            element.set(name, "rId")
    return etree.tostring(root, pretty_print=True, encoding="unicode")


@pytest.fixture(scope="module")
def slides(tmp_path_factory) -> list[tuple[str, str]]:
    """Build the deck; return (golden file name, its text) for every slide, in order."""
    root = tmp_path_factory.mktemp("golden")
    shutil.copytree(REPO / "decks" / "articles", root / "decks" / "articles")
    shutil.copytree(REPO / "decks" / "images", root / "decks" / "images")
    shutil.copy(DECK, root / "decks")
    result = CliRunner().invoke(app, ["build", str(root / "decks" / DECK.name), "--root", str(root)])
    assert result.exit_code == 0, result.output
    pptx = root / "output" / "every-kind" / "every-kind.pptx"
    kinds = [s.kind for s in compile_deck(root / "decks" / DECK.name, root).slides]
    out = []
    with zipfile.ZipFile(pptx) as z:
        for n, (kind, slide) in enumerate(zip(kinds, Presentation(pptx).slides, strict=True), 1):
            text = f"<!-- layout: {slide.slide_layout.name} -->\n" + normalized(z.read(slide.part.partname[1:]))
            if slide.has_notes_slide:
                text += "<!-- notes -->\n" + normalized(z.read(slide.notes_slide.part.partname[1:]))
            out.append((f"{n:02d}-{kind}.xml", text))
    return out


def test_the_deck_has_one_slide_of_every_kind(slides):
    from deckbuilder.writers.placing import _PLAN

    assert len({name.split("-", 1)[1] for name, _ in slides}) == len(_PLAN)


def test_each_slide_part_matches_its_golden(slides):
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN.glob("*.xml"):
            old.unlink()
        for name, text in slides:
            (GOLDEN / name).write_text(text, encoding="utf-8")
    assert sorted(p.name for p in GOLDEN.glob("*.xml")) == sorted(name for name, _ in slides)
    for name, text in slides:
        assert text == (GOLDEN / name).read_text(encoding="utf-8"), f"{name} differs from its golden"
