"""The Deck says what is shown (quotation marks, attributions, principle numbers, a handout's heading
and key ideas); the writers only place it."""

from __future__ import annotations

import msgspec
from conftest import TALK
from pptx import Presentation

from deckbuilder import deck as d
from deckbuilder.build import _compile
from deckbuilder.fit import fit
from deckbuilder.themes import load_theme
from deckbuilder.writers import writer

TWO_HANDOUTS = """\
handouts:
  - {audience: clinicians, style: notes}
  - {audience: clients, style: worksheet}
"""


def compiled(workspace, before: str = "", after: str = ""):
    """Return the Decks of the talk with `before` and `after` around it, its handouts', and its theme."""
    workspace.write("decks/talk.yaml", before + TALK + after, dedent=False)
    return _compile(workspace.deck, workspace.root)


def of_kind(deck: d.Deck, kind: str) -> list:
    return [s for s in deck.slides if s.kind == kind]


def test_quotes_attributions_and_principle_numbers_are_in_the_deck(workspace):
    deck, _, _ = compiled(workspace, after="      - principles: [smith/1, smith/internalize]\n")
    quote = of_kind(deck, "quote")[0]
    assert d.text_of(quote.text) == "This is the essence of love, the ability to repair breaches."
    assert d.text_of(quote.quoted) == "\u201c" + d.text_of(quote.text) + "\u201d"
    assert quote.attribution == "\u2014 Jeffery Smith, MD"
    assert [item.label for item in of_kind(deck, "principles")[0].items] == ["1.", "2."]


def test_a_handout_says_its_heading_and_a_worksheet_its_key_ideas(workspace):
    statement = "      - text: Repair builds trust\n"
    _, (notes, worksheet), _ = compiled(workspace, TWO_HANDOUTS, statement)
    assert (notes.handout.heading, notes.handout.key_ideas) == ("Clinician notes", ())
    assert worksheet.handout.heading == "Worksheet"
    ideas = [d.text_of(idea) for idea in worksheet.handout.key_ideas]
    assert ideas == ["Give before you take", "Repair builds trust"]  # clients read principles by title


def test_a_notes_handout_is_headed_for_its_audience(workspace):
    _, (handout,), _ = compiled(workspace, "handouts: [{audience: participants, style: notes}]\n")
    assert handout.handout.heading == "Participant notes"
    _, (handout,), _ = compiled(workspace, "audience: Ärzte\nhandouts: [{audience: Ärzte, style: notes}]\n")
    assert handout.handout.heading == "Notes"


def test_the_writers_show_what_the_deck_says(workspace, tmp_path):
    deck, (_, worksheet), loaded = compiled(workspace, TWO_HANDOUTS, "      - principles: [smith/1]\n")
    french = {
        "quote": {"quoted": (d.Run("\u00ab Cite \u00bb"),), "attribution": "\u2013 Quelqu'un"},
        "principles": {"items": (d.PrincipleItem(1, "I.", (d.Run("Donner"),), ()),)},
    }
    slides = tuple(msgspec.structs.replace(s, **french.get(s.kind, {})) for s in deck.slides)
    # a theme whose quote layout draws no quotation mark of its own
    workspace.write("themes/plain/theme.yaml", "name: P\nextends: calm\nlayouts: {quote: Title and Content}")
    theme = load_theme("plain", workspace.root)
    refitted = fit(msgspec.structs.replace(deck, slides=slides), theme)  # its layouts hold other frames
    writer("pptx").write(refitted, theme, tmp_path / "t.pptx")
    texts = [shape.text_frame.text for slide in Presentation(tmp_path / "t.pptx").slides
             for shape in slide.placeholders if shape.has_text_frame]  # fmt: skip
    assert any(t.startswith("\u00ab Cite \u00bb\n\u2013 Quelqu'un") for t in texts)
    assert any(t.startswith("I. Donner") for t in texts)

    ideas = ((d.Run("Eins"),),)
    handout = msgspec.structs.replace(worksheet.handout, heading="Arbeitsblatt", key_ideas=ideas)
    writer("handout").write(msgspec.structs.replace(worksheet, handout=handout), loaded, tmp_path / "t.html")
    html = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert '<p class="kind">Arbeitsblatt</p>' in html
    assert "<h3>Key ideas</h3><ul><li>Eins</li></ul>" in html
