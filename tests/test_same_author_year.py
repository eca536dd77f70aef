"""Works by the same authors in the same year are told apart as APA 7 does: "2026a", "2026b" (and
"n.d.-a", "n.d.-b"), lettered in the order of their titles, in every in-text citation, reference and
principle label of the deck and its handouts."""

from __future__ import annotations

import re

from test_visible_citations import slides_by_title
from typer.testing import CliRunner

from deckbuilder.cli import app

ZEBRA = """\
title: "Zebras in the consulting room"
authors: ["Eve Example"]
published: 2026-03-03
principles:
  - number: 1
    title: "Stripes differ"
    summary: "No two clients are alike."
"""
APPLE = """\
title: "An apple a day"
authors: ["Eve Example"]
published: 2026
principles:
  - number: 1
    title: "Small habits"
    summary: "Repair is daily work."
"""
TALK = """\
title: "Talk"
sections:
  - title: "Part"
    slides:
      - {title: "Both works", bullets: ["A point"], cite: [zebra, apple]}
      - {principles: [zebra/1, apple/1], title: "Both"}
      - principle: apple/1
"""


def build(workspace, tmp_path, zebra: str = ZEBRA, apple: str = APPLE) -> tuple[dict[str, list[list[str]]], str]:
    """Build a talk citing two works of Eve Example (of 2026); return the slides by title, and the handout."""
    workspace.write("decks/articles/zebra.yaml", zebra)
    workspace.write("decks/articles/apple.yaml", apple)
    workspace.write("decks/talk.yaml", TALK)
    args = ["build", str(workspace.deck), "--root", str(workspace.root), "--out", str(tmp_path)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    slides = slides_by_title(tmp_path / "talk" / "talk.pptx")
    return slides, (tmp_path / "talk" / "talk-handout-participants.html").read_text(encoding="utf-8")


def test_two_works_of_one_author_and_year_are_lettered_by_title_everywhere(workspace, tmp_path):
    slides, html = build(workspace, tmp_path)
    assert slides["Both works"][0][-1] == "(Example, 2026a, 2026b)"
    assert slides["Both"][0] == ["Example 2026b 1: Stripes differ", "No two clients are alike.",
                                 "Example 2026a 1: Small habits", "Repair is daily work.", "(Example, 2026a, 2026b)"]
    assert "Example 2026a 1: Small habits" in slides
    assert slides["Example 2026a 1: Small habits"][0][-1] == "(Example, 2026a)"
    references = ["Example, E. (2026a). An apple a day.",
                  "Example, E. (2026b, March 3). Zebras in the consulting room."]
    assert slides["References"] == [references]
    text = re.sub(r"<[^>]+>", "", html)
    assert all(reference in text for reference in references)
    assert text.index(references[0]) < text.index(references[1])
    assert "Example 2026b 1: Stripes differ" in text
    assert "(Example, 2026a, 2026b)" in text


def test_undated_works_of_one_author_are_lettered_after_a_hyphen(workspace, tmp_path):
    slides, _ = build(workspace, tmp_path, ZEBRA.replace("2026-03-03", "null"), APPLE.replace("2026", "null"))
    assert slides["Both works"][0][-1] == "(Example, n.d.-a, n.d.-b)"
    assert slides["References"] == [["Example, E. (n.d.-a). An apple a day.",
                                     "Example, E. (n.d.-b). Zebras in the consulting room."]]


def test_sources_list_and_show_give_the_lettered_years(workspace, tmp_path):
    build(workspace, tmp_path)
    root = ["--root", str(workspace.root)]
    listed = CliRunner().invoke(app, ["sources", "list", *root]).output
    assert re.search(r"^apple +2026a +Eve Example", listed, re.MULTILINE), listed
    assert re.search(r"^zebra +2026b +Eve Example", listed, re.MULTILINE), listed
    assert "  Eve Example, 2026b\n" in CliRunner().invoke(app, ["sources", "show", "zebra", *root]).output


def test_a_work_of_the_library_that_the_deck_does_not_cite_letters_nothing(workspace, tmp_path):
    """Letters tell apart the works a deck cites: another work of the author and year in the library
    (a draft just imported, say) leaves the deck's citations and references as they were."""
    workspace.write("decks/talk.yaml", TALK)
    build(workspace, tmp_path)  # both cited: lettered
    workspace.write("decks/talk.yaml", '''\
title: "Talk"
sections:
  - title: "Part"
    slides:
      - {title: "One work", bullets: ["A point"], cite: [zebra]}
      - principle: zebra/1
''')
    result = CliRunner().invoke(app, ["build", str(workspace.deck), "--root", str(workspace.root), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    slides = slides_by_title(tmp_path / "talk" / "talk.pptx")
    assert slides["One work"][0][-1] == "(Example, 2026)"
    assert slides["References"] == [["Example, E. (2026, March 3). Zebras in the consulting room."]]
    assert "Principle 1: Stripes differ" in slides
