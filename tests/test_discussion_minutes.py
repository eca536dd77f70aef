"""A discussion shows its minutes as an exercise does: in a heading over its questions, on the
slide and in the handouts."""

from __future__ import annotations

from pptx import Presentation
from test_visible_citations import body
from typer.testing import CliRunner

from deckbuilder.cli import app

DECK = """\
title: "Talk"
sections:
  - title: "Part"
    slides:
      - kind: discussion
        title: "Pairs"
        minutes: 6
        questions: ["What did you notice?"]
      - kind: discussion
        title: "Open floor"
        questions: ["Anything else?"]
"""


def test_a_discussion_heads_its_questions_with_its_minutes_on_the_slide_and_in_the_handout(workspace, tmp_path):
    workspace.write("decks/talk.yaml", DECK)
    result = CliRunner().invoke(app, ["build", str(workspace.deck), "--root", str(workspace.root), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    texts = {slide.shapes.title.text_frame.text: body(slide) for slide in Presentation(tmp_path / "talk" / "talk.pptx").slides}
    heading, question = texts["Pairs"]
    assert (heading.text, question.text) == ("Questions \u00b7 6 minutes", "What did you notice?")
    assert heading.runs[0].font.bold
    assert [p.text for p in texts["Open floor"]] == ["Anything else?"]
    html = (tmp_path / "talk" / "talk-handout-participants.html").read_text(encoding="utf-8")
    assert "<h3>Pairs</h3><h4>Questions \u00b7 6 minutes</h4>" in html
    assert "<h3>Open floor</h3><div" in html
