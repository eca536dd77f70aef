"""CE readiness: objectives, timing, level, disclosure and references, as a CE sponsor reviews them."""

from __future__ import annotations

import json

import pytest

from conftest import TALK
from typer.testing import CliRunner

from deckbuilder.cli import app

CE = """\
audience: clinicians
level: intermediate
disclosure: "No relevant financial relationships."
duration: 10
objectives:
  - "Describe the essence of love."
  - "Apply one principle in session."
"""


def ce_findings(workspace, monkeypatch, text: str) -> list[dict]:
    """Return the ce.* findings `check --json` makes of the deck `text`."""
    workspace.write("decks/talk.yaml", text, dedent=False)
    monkeypatch.chdir(workspace.root)
    result = CliRunner().invoke(app, ["check", "--json"])
    assert result.exit_code == 0, result.output
    return [f for f in json.loads(result.stdout) if f["code"].startswith("ce.")]


def where(finding: dict) -> str:
    return f"{finding['file']}:{finding['line']}:{finding['column']}"


def test_a_ce_deck_that_follows_the_conventions_has_no_findings(workspace, monkeypatch):
    assert ce_findings(workspace, monkeypatch, CE + TALK) == []


def test_a_deck_for_no_one_in_particular_gets_no_ce_review(workspace, monkeypatch):
    assert ce_findings(workspace, monkeypatch, TALK) == []


def test_an_objective_with_a_vague_verb(workspace, monkeypatch):
    text = CE.replace("Apply one principle in session.", "To become aware of the principles.") + TALK
    [finding] = ce_findings(workspace, monkeypatch, text)
    assert finding["code"] == "ce.objective-verb" and where(finding) == "decks/talk.yaml:7:5"
    assert finding["message"] == "objective 2 starts with 'become aware of', which cannot be measured"
    assert finding["hint"] == ("start with what participants will be able to do: list, describe, explain, "
                               "identify, apply, compare, demonstrate, analyze, assess or plan")  # fmt: skip


def test_understand_is_flagged_but_not_a_word_that_starts_with_know(workspace, monkeypatch):
    text = CE.replace("Describe the essence", "Understand the essence").replace("Apply", "Knowledgeably apply")
    [finding] = ce_findings(workspace, monkeypatch, text + TALK)
    assert finding["message"] == "objective 1 starts with 'understand', which cannot be measured"
    assert where(finding) == "decks/talk.yaml:6:5"


def test_too_many_objectives_for_the_duration(workspace, monkeypatch):
    text = CE.replace("objectives:\n", "objectives:\n  - \"List one.\"\n  - \"List two.\"\n") + TALK
    [finding] = ce_findings(workspace, monkeypatch, text)
    assert finding["code"] == "ce.objective-count" and where(finding) == "decks/talk.yaml:5:1"
    assert finding["message"] == "4 objectives for 10 minutes: about 1 to 3 suit a session this long"


def test_a_long_session_wants_more_objectives(workspace, monkeypatch):
    talk = TALK.replace("minutes: 10", "minutes: 240")
    text = CE.replace("duration: 10", "duration: 240") + talk
    found = ce_findings(workspace, monkeypatch, text)
    [count] = [f for f in found if f["code"] == "ce.objective-count"]
    assert count["message"] == "2 objectives for 240 minutes: about 3 to 4 suit a session this long"


def test_a_ce_deck_without_objectives_is_told_at_its_duration(workspace, monkeypatch):
    text = CE.split("objectives:")[0] + TALK
    [finding] = ce_findings(workspace, monkeypatch, text)
    assert finding["code"] == "ce.objective-count" and where(finding) == "decks/talk.yaml:4:1"
    assert finding["message"] == "no objectives for 10 minutes: about 1 to 3 suit a session this long"


def test_slides_that_take_more_than_their_section(workspace, monkeypatch):
    talk = TALK.replace('title: "Points"', 'title: "Points"\n        minutes: 8').replace(
        "      - principle: smith/1", "      - kind: discussion\n        questions: [Why?]\n        minutes: 4\n"
        "      - principle: smith/1")  # fmt: skip
    found = ce_findings(workspace, monkeypatch, CE + talk)
    [finding] = found
    assert finding["code"] == "ce.timing" and where(finding) == "decks/talk.yaml:12:14"
    assert finding["message"] == "the slides of section 'Part one' take 12 minutes, more than its 10 minutes"
    assert finding["hint"] == "change the section's `minutes:` or its slides' `minutes:`"


@pytest.mark.parametrize("section, duration, message, place", [
    ('    minutes: 5\n    slides:\n      - text: "One"\n        minutes: 2\n', 15,
     "the slides of section 'Two' take 2 minutes, less than its 5 minutes", "23:14"),
    ('    slides:\n      - text: "One"\n', 25,
     "section 'Two' has no minutes: 15 minutes of 25 minutes are left for it", "22:5"),
    ('    slides:\n      - questions: ["Why?"]\n        minutes: 6\n', 20,  # a discussion's minutes count
     "the sections add up to 16 minutes, but duration is 20 minutes", "4:11"),
])  # fmt: skip
def test_a_second_section_whose_time_does_not_add_up(workspace, monkeypatch, section, duration, message, place):
    text = CE.replace("duration: 10", f"duration: {duration}") + TALK + '  - title: "Two"\n' + section
    [finding] = ce_findings(workspace, monkeypatch, text)
    assert (finding["code"], finding["message"], where(finding)) == ("ce.timing", message, f"decks/talk.yaml:{place}")


def test_a_section_without_minutes_is_told_how_to_give_them(workspace, monkeypatch):
    text = CE.replace("duration: 10", "duration: 25") + TALK + '  - title: "Two"\n    slides:\n      - text: "One"\n'
    [finding] = ce_findings(workspace, monkeypatch, text)
    assert finding["hint"] == "give the section `minutes:`, or its slides theirs"


def test_a_deck_for_clinicians_states_its_level_and_disclosure(workspace, monkeypatch):
    text = CE.replace("level: intermediate\n", "").replace('disclosure: "No relevant financial relationships."\n', "")
    found = ce_findings(workspace, monkeypatch, text + TALK)
    assert [(f["code"], where(f), f["message"]) for f in found] == [
        ("ce.level", "decks/talk.yaml:1:11", "a deck for clinicians has no `level`"),
        ("ce.disclosure", "decks/talk.yaml:1:11", "a deck for clinicians has no `disclosure`"),
    ]
    assert found[0]["hint"] == "add `level: introductory`, `intermediate` or `advanced`: CE sponsors state it"


def test_a_ce_deck_without_references(workspace, monkeypatch):
    talk = TALK.split("      - quote:")[0]
    [finding] = ce_findings(workspace, monkeypatch, CE + talk)
    assert finding["code"] == "ce.references" and where(finding) == "decks/talk.yaml:1:1"
    assert finding["message"] == "the deck has no references"


def test_a_long_ce_deck_wants_about_one_reference_per_hour(workspace, monkeypatch):
    text = CE.replace("duration: 10", "duration: 180") + TALK.replace("minutes: 10", "minutes: 180")
    [finding] = ce_findings(workspace, monkeypatch, text)
    assert finding["code"] == "ce.references"
    assert finding["message"] == "the deck has 1 reference for 3 hours of content: about one per hour is expected"
    assert finding["hint"] == "cite the articles the content rests on, with a quote, a principle or `cite:`"
