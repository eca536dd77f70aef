"""The slides handout: a picture of each of the handout's slides, drawn by LibreOffice, three to a
printed page with ruled lines beside each; and the deck as PDF, one page per slide."""

from __future__ import annotations

import math
import re
import subprocess

import pytest
from pptx import Presentation
from test_evaluation import sample
from test_office import pages, with_slides_handout
from test_render import need

from deckbuilder.build import build

pytestmark = pytest.mark.client
PICTURE = re.compile(r'<section class="slide"><img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]*)">')


def pictures(html) -> list[str]:
    """Return the alt text of each slide picture of a slides handout."""
    return PICTURE.findall(html.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workshop(tmp_path_factory):
    """The sample workshop built with a slides handout beside its notes, and --pdf."""
    need("libreoffice"), need("pdftoppm"), need("chromium")
    root = tmp_path_factory.mktemp("workshop")
    deck = sample(root, "handouts:\n  - {audience: clinicians, style: notes}\n  - {audience: clinicians, style: slides}\n")
    built = build(deck, root, root / "output", also=["pdf"])
    return {p.name.removeprefix("attachment-workshop"): p for p in built.outputs}


def test_the_deck_pdf_has_one_page_per_slide(workshop):
    slides = len(Presentation(workshop[".pptx"]).slides)
    assert slides == 46
    assert pages(workshop[".pdf"]) == slides


def test_the_sample_slides_handout_shows_each_handout_slide_three_to_a_page(workshop):
    shown = pictures(workshop["-handout-clinicians-slides.html"])
    assert len(shown) == 45  # the 46 slides but "How we will work today", which has `handout: false`
    assert shown[:3] == ["Slide 1: Healing Attachment Wounds", "Slide 2: Disclosure", "Slide 3: Learning objectives"]
    assert not [alt for alt in shown if "How we will work today" in alt]
    assert pages(workshop["-handout-clinicians-slides.pdf"]) == math.ceil(45 / 3)


def test_a_slides_handout_on_a4_shows_its_own_slides(workspace):
    need("libreoffice"), need("pdftoppm"), need("chromium")
    with_slides_handout(workspace)
    text = workspace.deck.read_text(encoding="utf-8")
    workspace.write("decks/talk.yaml", text + '      - {title: "Logistics", bullets: [Exits], handout: false}\n',
                    dedent=False)  # fmt: skip
    built = build(workspace.deck, workspace.root, workspace.root / "output", paper="a4", also=["pdf"])
    made = {p.name: p for p in built.outputs}
    assert len(Presentation(made["talk.pptx"]).slides) == 10
    shown = pictures(made["talk-handout-participants-slides.html"])
    assert len(shown) == 9 and "Slide 4: Points" in shown
    assert pages(made["talk-handout-participants-slides.pdf"]) == 3


def test_every_printed_page_is_headed_by_the_title_and_byline(workshop):
    pdftotext = need("pdftotext")
    pdf = workshop["-handout-clinicians-slides.pdf"]
    text = subprocess.run([pdftotext, "-f", "2", "-l", "2", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip
    assert "Healing Attachment Wounds" in text
    assert "Dana Reyes, LMFT \u00b7 Bay Area Attachment Institute \u00b7 December 5, 2026" in text


def test_check_finds_what_cannot_fit_on_a_slides_handouts_own_slides(workspace):
    """Its slides are fitted with the deck's, so `check` says what `build` would: here a client wording."""
    from typer.testing import CliRunner

    from deckbuilder.cli import app

    long_title = " ".join(["Wwwwwwwwww"] * 27)  # just under the 300 characters a title may have
    text = workspace.deck.read_text(encoding="utf-8").replace(
        '        notes: "Say hello to the room."\n',
        f'        notes: "Say hello to the room."\n        for: {{clients: {{title: "{long_title}"}}}}\n')
    workspace.write("decks/talk.yaml", text + "handouts:\n  - {audience: clients, style: slides}\n", dedent=False)
    result = CliRunner().invoke(app, ["check", "--root", str(workspace.root)])
    assert result.exit_code == 1, result.output
    assert "decks/talk.yaml:" in result.output and "is too long to fit" in result.output
