"""Fitted text as a person sees it: each deck rendered by LibreOffice as PowerPoint draws it.

The sample workshop and a stress deck (tests/decks/stress/) are built with every built-in theme
and with a 4:3 organisation template; rendercheck finds words outside their boxes or clipped,
body text without a size or below the theme's minimum, and body text in mixed sizes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import rendercheck
from test_templates import org_workspace

from deckbuilder.build import build
from deckbuilder.themes import load_theme

REPO = Path(__file__).resolve().parents[1]
OUTLINES = {"sample": "decks/attachment-workshop.yaml", "stress": "tests/decks/stress/stress.yaml"}
THEMES = ("calm", "clinic", "high-contrast")
DECKS = [(deck, theme) for deck in OUTLINES for theme in (*THEMES, "fourthree")]
pytestmark = pytest.mark.client


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[tuple[str, str], tuple[Path, float]]:
    """Build every deck with every theme: (deck, theme) -> (the .pptx, the theme's min_body)."""
    org = org_workspace(tmp_path_factory.mktemp("org"), "fourthree")
    shutil.copytree(REPO / Path(OUTLINES["stress"]).parent, org / Path(OUTLINES["stress"]).parent)
    out = tmp_path_factory.mktemp("out")
    decks = {}
    for deck, theme in DECKS:
        root, name = (org, "org") if theme == "fourthree" else (REPO, theme)
        pptx = build(root / OUTLINES[deck], root, out / f"{deck}-{theme}", theme=name).outputs[0]
        decks[deck, theme] = pptx, load_theme(name, root).theme.sizes.min_body
    return decks


@pytest.fixture(scope="module")
def findings(built, tmp_path_factory) -> dict[tuple[str, str], list[rendercheck.Finding]]:
    """Render every built deck as PowerPoint draws it, in one LibreOffice run: (deck, theme) -> findings."""
    found = rendercheck.check(dict(built.values()), tmp_path_factory.mktemp("render"))
    return {key: found[pptx] for key, (pptx, _) in built.items()}


@pytest.mark.parametrize("deck, theme", DECKS)
def test_every_word_is_drawn_inside_its_box_at_a_body_size(findings, deck, theme):
    assert findings[deck, theme] == [], rendercheck.summary(findings[deck, theme])


def test_text_that_libreoffice_shrinks_itself_is_found_in_its_box(built, tmp_path):
    """The control: rendered with LibreOffice's own shrinking, every word of the densest deck is in place."""
    pptx, min_body = built["stress", "high-contrast"]
    [pdf] = rendercheck.to_pdf([pptx], tmp_path)
    placed = [f for f in rendercheck.inspect(pptx, pdf, min_body) if f.kind in ("outside", "missing")]
    assert placed == [], rendercheck.summary(placed)


def test_the_check_finds_overflow_clipping_and_missing_sizes(tmp_path):
    """A hand-made deck: one box too small for its text, one that fits, body runs with bad sizes."""
    from pptx import Presentation
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Emu, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])  # Title and Content
    slide.shapes.title.text_frame.text = "Fits"
    body = slide.placeholders[1].text_frame
    sizes = {"roomy": 24, "unsized": None, "tiny": 10}
    for i, (word, size) in enumerate(sizes.items()):
        run = (body.paragraphs[0] if i == 0 else body.add_paragraph()).add_run()
        run.text = f"{word} words"
        if size:
            run.font.size = Pt(size)
    small = slide.shapes.add_textbox(Emu(457200), Emu(5486400), Emu(2743200), Emu(457200))
    small.text_frame.word_wrap = True
    small.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # LibreOffice would shrink it
    small.text_frame.text = " ".join(["overflowing"] * 12)
    small.text_frame.paragraphs[0].runs[0].font.size = Pt(28)
    small.name = "Small"
    pptx = tmp_path / "hand.pptx"
    prs.save(pptx)

    found = rendercheck.check({pptx: 18}, tmp_path / "render")[pptx]
    sized = {(f.kind, f.word) for f in found if f.shape == "Content Placeholder 2"}
    assert sized == {("unsized", "unsized"), ("small", "tiny"), ("mixed", "")}  # 24, 10 and the unsized 32 pt
    overflow = {(f.kind, f.word) for f in found if f.shape == "Small"}
    assert overflow == {("outside", "overflowing"), ("missing", "overflowing")}
    assert not [f for f in found if f.shape.startswith("Title")]
