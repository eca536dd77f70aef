"""Client materials: decks and handouts for clients read at grade 8 or below, offer a way out of
each exercise, and speak to clients rather than to clinicians."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from deckbuilder.checks.clients import grade, syllables
from deckbuilder.cli import app

CLIENT_DECK = """\
title: "Calm together"
theme: calm
audience: {audience}
audiences: [clinicians]
{handouts}sections:
  - title: "Part one"
    slides:
      - title: "What we learn"
        bullets: ["We notice our feelings", "We breathe and rest"]
      - title: "Why it matters"
        bullets:
          - "Intergenerational transmission of insecure attachment organization necessitates comprehensive consideration of developmental vulnerabilities."
          - "Psychophysiological dysregulation characteristically accompanies interpersonal abandonment anticipation."
      - kind: exercise
        title: "Breathe"
        steps: ["Breathe in slowly", "Breathe out slowly"]
      - title: "For the team"
        audience: [clinicians]
        bullets: ["Bring it to your caseload", "Countertransference shows up in your couples work"]
      - title: "At home"
        bullets: ["Ask your clients about sleep"]
"""


def check(workspace, monkeypatch, audience: str = "clients", handouts: str = "") -> list[dict]:
    """Return the client findings of `check --json` on a deck with this audience and handouts."""
    workspace.write("decks/talk.yaml", CLIENT_DECK.format(audience=audience, handouts=handouts))
    monkeypatch.chdir(workspace.root)
    result = CliRunner().invoke(app, ["check", "--json"])
    assert result.exit_code == 0, result.output
    return [{k: f[k] for k in ("code", "file", "line", "column", "message", "hint")}
            for f in json.loads(result.stdout) if f["code"].startswith("client.")]  # fmt: skip


def test_a_deck_for_clients_is_checked_for_reading_grade_opt_outs_and_jargon(workspace, monkeypatch):
    where = {"code": "", "file": "decks/talk.yaml", "line": 0, "column": 9}
    assert check(workspace, monkeypatch) == [
        {**where, "code": "client.reading-grade", "line": 10,
         "message": "client material reads at grade 14.0 (Flesch-Kincaid; aim for 8 or below): "
                    "\u201cWhy it matters\u201d reads at grade 34.5",
         "hint": "use shorter sentences and shorter words, or keep this slide for clinicians "
                 "(`audience: [clinicians]`)"},
        {**where, "code": "client.opt-out", "line": 14,
         "message": "exercise \u201cBreathe\u201d has no `opt_out:`, and clients see it",
         "hint": "say how a client may sit it out, e.g. opt_out: \"You may watch instead.\""},
        {**where, "code": "client.jargon", "line": 20,
         "message": "\u201cAt home\u201d speaks to clinicians, and clients see it: \u201cyour clients\u201d",
         "hint": "say it in a client's words, or keep the slide for clinicians (`audience: [clinicians]`)"},
    ]  # fmt: skip


def test_a_handout_for_clients_is_client_material_and_a_deck_for_clinicians_is_not(workspace, monkeypatch):
    handouts = "handouts:\n  - {audience: clients, style: worksheet}\n"
    found = check(workspace, monkeypatch, "clinicians", handouts)
    assert [(f["code"], f["line"]) for f in found] == [("client.reading-grade", 12), ("client.opt-out", 16),
                                                       ("client.jargon", 22)]  # fmt: skip
    assert check(workspace, monkeypatch, "clinicians") == []


def test_clean_client_material_has_no_findings(workspace, monkeypatch):
    deck = CLIENT_DECK.replace("Ask your clients about sleep", "Sleep well")
    deck = deck.replace('        steps: ["Breathe in slowly", "Breathe out slowly"]\n',
                        '        steps: ["Breathe in slowly", "Breathe out slowly"]\n'
                        '        opt_out: "You may rest instead."\n')  # fmt: skip
    deck = "\n".join(line for line in deck.split("\n") if "Intergenerational" not in line and "Psycho" not in line)
    workspace.write("decks/talk.yaml", deck.replace("        bullets:\n      - kind", "        bullets: [\"It helps\"]\n      - kind")
                    .format(audience="clients", handouts=""))  # fmt: skip
    monkeypatch.chdir(workspace.root)
    result = CliRunner().invoke(app, ["check", "--json", "--strict"])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("word", "count"), [("cat", 1), ("table", 2), ("relationship", 4), ("internalization", 6),
                                             ("breathed", 1), ("yesterday", 3)])  # fmt: skip
def test_syllables_are_counted_by_groups_of_vowels(word, count):
    assert syllables(word) == count


def test_the_reading_grade_is_flesch_kincaid():
    assert grade(["The cat sat on the mat."]) == pytest.approx(0.39 * 6 + 11.8 * 1 - 15.59)
    assert grade(["Our cat sat.", "It purred. It slept!"]) == pytest.approx(0.39 * 7 / 3 + 11.8 * 7 / 7 - 15.59)


def test_hard_client_material_is_reported_even_when_no_slide_is_long_enough_to_grade(workspace, monkeypatch):
    deck = ('title: "Calm"\naudience: clients\nsections:\n  - title: "Part one"\n    slides:\n'
            '      - title: "Terms"\n        bullets: ["Psychophysiological dysregulation", '
            '"Intergenerational transmission"]\n')  # fmt: skip
    workspace.write("decks/talk.yaml", deck, dedent=False)
    monkeypatch.chdir(workspace.root)
    found = [f for f in json.loads(CliRunner().invoke(app, ["check", "--json"]).stdout)
             if f["code"] == "client.reading-grade"]  # fmt: skip
    assert len(found) == 1 and (found[0]["line"], found[0]["column"]) == (2, 11)
    assert found[0]["message"].startswith("client material reads at grade ")
