"""Principles of different articles are told apart: where a deck shows principles of two articles,
each is labelled with its article's authors and its number, on the slides and in the handouts."""

from __future__ import annotations

from test_visible_citations import slides_by_title
from typer.testing import CliRunner

from deckbuilder.cli import app

BURGO = """\
title: "Shame"
authors: ["Joseph Burgo"]
principles:
  - number: 2
    title: "Defenses protect"
    summary: "They kept the child safe."
"""


def build(workspace, tmp_path, principles: str) -> tuple[dict[str, list[str]], str]:
    """Build a talk of a principle slide (smith/2) and a principles slide "Both" with the CLI; return each
    slide title -> its body paragraphs, and the handout."""
    workspace.write("decks/articles/burgo.yaml", BURGO)
    workspace.write("decks/talk.yaml", 'title: "Talk"\nsections:\n  - title: "Part"\n    slides:\n'
                    f'      - principle: smith/2\n      - {{principles: {principles}, title: "Both"}}\n')  # fmt: skip
    result = CliRunner().invoke(app, ["build", str(workspace.deck), "--root", str(workspace.root), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    texts = {title: parts[0] for title, parts in slides_by_title(tmp_path / "talk" / "talk.pptx").items()}
    return texts, (tmp_path / "talk" / "talk-handout-participants.html").read_text(encoding="utf-8")


def test_principles_of_two_articles_carry_their_authors_with_their_numbers(workspace, tmp_path):
    texts, html = build(workspace, tmp_path, "[burgo/2, smith/1]")
    assert "Smith 2: Internalize, do not replace" in texts
    assert texts["Both"] == ["Burgo 2: Defenses protect", "They kept the child safe.", "Smith 1: Give before you take",
                             "Offer something positive before asking for change.", "(Burgo, n.d.; Smith, n.d.)"]
    assert "<h3>Smith 2: Internalize, do not replace</h3>" in html
    assert "<li><strong>Burgo 2: Defenses protect</strong>" in html
    assert "<li><strong>Smith 1: Give before you take</strong>" in html


def test_principles_of_one_article_keep_plain_numbers(workspace, tmp_path):
    texts, html = build(workspace, tmp_path, "[smith/1, smith/2]")
    assert "Principle 2: Internalize, do not replace" in texts
    assert texts["Both"][0] == "1. Give before you take"
    assert "<li><strong>1. Give before you take</strong>" in html


def test_a_principle_without_a_summary_starts_with_its_excerpt(workspace, tmp_path):
    """An imported draft leaves summaries to the trainer: its principle slide has no empty first line."""
    workspace.write("decks/articles/burgo.yaml", BURGO.replace('summary: "They kept the child safe."',
                                                               'summary: null\n    excerpt: "Defenses once kept the child safe."'))
    workspace.write("decks/talk.yaml", 'title: "Talk"\nsections:\n  - title: "Part"\n    slides:\n      - principle: burgo/2\n')
    result = CliRunner().invoke(app, ["build", str(workspace.deck), "--root", str(workspace.root), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    [paragraphs] = slides_by_title(tmp_path / "talk" / "talk.pptx")["Principle 2: Defenses protect"]
    assert paragraphs[0] == "\u201cDefenses once kept the child safe.\u201d", paragraphs
