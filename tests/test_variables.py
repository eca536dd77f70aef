"""`vars:` and `--var NAME=VALUE`: `${name}` in a deck's texts, plain substitution, errors at the `${`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from pptx import Presentation
from typer.testing import CliRunner

from deckbuilder.cli import app

runner = CliRunner()

DECK = """\
title: "Attachment at ${organization}"
presenter: {name: Dana Reyes, organization: "${organization}"}
audiences: [clients]
handouts: [{audience: participants, style: notes}, {audience: clients, style: worksheet}]
vars:
  organization: Riverside Clinic
  year: 2026
sections:
  - title: "Part one (${year})"
    slides:
      - title: Points
        bullets: ["Fees: $$20 at ${organization}", ["{{ 1 + 1 }} and {% if x %}"]]
        notes: |
          Welcome everyone to ${organization}.
        for:
          clients: {title: "Your visit to ${organization}"}
      - quote: smith/essence-of-love
closing: {text: "Thank you, ${organization}"}
"""


def run(workspace, monkeypatch, *args: str):
    monkeypatch.chdir(workspace.root)
    return runner.invoke(app, list(args))


def texts(pptx) -> list[str]:
    """Return every text of a built deck: its shapes' and its speaker notes'."""
    found = []
    for slide in Presentation(str(pptx)).slides:
        found += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            found.append(slide.notes_slide.notes_text_frame.text)
    return found


def test_placeholders_in_titles_bullets_notes_wordings_and_the_closing_are_filled_in(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", DECK)
    result = run(workspace, monkeypatch, "build")
    assert result.exit_code == 0, result.output
    shown = "\n".join(texts(workspace.output))
    for text in ("Attachment at Riverside Clinic", "Part one (2026)", "Fees: $20 at Riverside Clinic",
                 "Welcome everyone to Riverside Clinic.", "Thank you, Riverside Clinic"):  # fmt: skip
        assert text in shown
    assert "${" not in shown and "$$" not in shown
    handouts = {p.name: p.read_text(encoding="utf-8") for p in workspace.output.parent.glob("*.html")}
    assert "Your visit to Riverside Clinic" in handouts["talk-handout-clients.html"]
    assert "Riverside Clinic" in handouts["talk-handout-participants.html"]


def test_template_braces_stay_as_written_on_slides_and_in_handouts(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", DECK)
    assert run(workspace, monkeypatch, "build").exit_code == 0
    assert "{{ 1 + 1 }} and {% if x %}" in "\n".join(texts(workspace.output))
    assert "{{ 1 + 1 }} and {% if x %}" in (workspace.output.parent / "talk-handout-participants.html").read_text()


def test_the_command_line_wins_and_a_value_is_never_filled_in_again(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", DECK)
    result = run(workspace, monkeypatch, "build", "--var", "organization=Lakeside ${year} & $$", "--var", "extra=x")
    assert result.exit_code == 0, result.output
    shown = "\n".join(texts(workspace.output))
    assert "Attachment at Lakeside ${year} & $$" in shown
    assert "Riverside" not in shown


def test_ids_references_and_keys_are_not_filled_in(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", DECK.replace("      - quote: smith/essence-of-love",
                                                    "      - quote: ${organization}"))  # fmt: skip
    result = run(workspace, monkeypatch, "check")
    assert result.exit_code == 1
    assert "decks/talk.yaml:17:16: unknown article '${organization}'" in result.output


def test_a_limit_applies_to_the_filled_in_text(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", DECK)
    result = run(workspace, monkeypatch, "check", "--var", "organization=" + "x" * 300)
    assert result.exit_code == 1
    assert "decks/talk.yaml:1:8: 'title' is too long: 314 characters, at most 300" in result.output


@pytest.mark.parametrize("text, where, message, hint", [
    ('title: "Hello ${organisation}"', "1:15", "unknown variable 'organisation'", "did you mean 'organization'?"),
    ("title: Hello ${organisation}", "1:14", "unknown variable 'organisation'", "did you mean 'organization'?"),
    ("title: Hello ${city}", "1:14", "unknown variable 'city'",
     "set it under `vars:` in the deck, or with --var city=VALUE"),
    ('title: "Tab\\there ${city}"', "1:8", "unknown variable 'city'", "set it under `vars:`"),
    ("title: Fees ${organization", "1:13", "'${' is not closed", "end the name with '}', e.g. ${organization}"),
    ("title: Fees ${my org}", "1:13", "'${my org}' is not a variable name", "a variable name has letters"),
    ("title: Hello\nsubtitle: >\n  and ${city}", "2:11", "unknown variable 'city'", "set it under `vars:`"),
])  # fmt: skip
def test_a_bad_placeholder_is_an_error_at_its_dollar_sign(workspace, monkeypatch, text, where, message, hint):
    workspace.write("decks/talk.yaml", workspace.deck.read_text().replace('title: "Test talk"', text)
                    + "vars: {organization: Riverside}\n")  # fmt: skip
    for command in ("build", "check"):
        result = run(workspace, monkeypatch, command)
        assert result.exit_code == 1, result.output
        assert f"error: decks/talk.yaml:{where}: {message}" in result.output
        assert f"hint: {hint}" in result.output
        assert "Traceback" not in result.output
    assert not (workspace.root / "output").exists()


@pytest.mark.parametrize("entries, where, message, hint", [
    ("vars: [a, b]", "15:7", "`vars` must be a mapping of names to texts", "write one 'name: text' a line"),
    ("vars:\n  my org: Riverside", "16:3", "'my org' is not a variable name", "letters, digits, '_' and '-' only"),
    ("vars:\n  open: yes", "16:9", "the variable 'open' must be a text, found 'true'", 'open: "Riverside Clinic"'),
    ("vars:\n  city: [a]", "16:9", "the variable 'city' must be a text, found a list", "write the text in quotes"),
    ("vars:\n  city: " + "x" * 301, "16:9", "the variable 'city' is too long: 301 characters, at most 300",
     "shorten it"),
])  # fmt: skip
def test_a_bad_vars_entry_is_an_error_at_its_position(workspace, monkeypatch, entries, where, message, hint):
    workspace.write("decks/talk.yaml", workspace.deck.read_text() + entries + "\n")
    result = run(workspace, monkeypatch, "build")
    assert result.exit_code == 1, result.output
    assert f"error: decks/talk.yaml:{where}: {message}" in result.output
    assert hint in result.output
    assert not (workspace.root / "output").exists()


def test_a_bad_variable_is_reported_with_the_outlines_other_mistakes_in_one_round(workspace, monkeypatch):
    text = DECK.replace("Welcome everyone to ${organization}", "Welcome to ${organisation}")
    text = text.replace("quote: smith/essence-of-love", "quote: smith/nope")
    workspace.write("decks/talk.yaml", text.replace("  year: 2026\n", "  year: 2026\n  city: [a]\n"))
    result = run(workspace, monkeypatch, "check")
    assert result.exit_code == 1
    for error in ("decks/talk.yaml:14:16: unknown variable 'organisation'", "decks/talk.yaml:18:16: unknown quote",
                  "decks/talk.yaml:8:9: the variable 'city' must be a text"):  # fmt: skip
        assert error in result.output


def test_numbers_are_values_as_text(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", 'title: "Since ${year}, ${hours} hours"\n' + DECK.split("\n", 1)[1]
                    .replace("year: 2026", "year: 1990\n  hours: 1.5"))  # fmt: skip
    assert run(workspace, monkeypatch, "build").exit_code == 0
    assert "Since 1990, 1.5 hours" in texts(workspace.output)


@pytest.mark.parametrize("option, message, hint", [
    ("organization", "--var 'organization' has no '='", "write --var NAME=VALUE"),
    ("my org=Riverside", "--var 'my org=Riverside': 'my org' is not a variable name", "a variable name has"),
])  # fmt: skip
def test_a_malformed_var_option_fails_before_anything_is_built(workspace, monkeypatch, option, message, hint):
    workspace.write("decks/talk.yaml", DECK)
    for command in ("build", "check"):
        result = run(workspace, monkeypatch, command, "--var", option)
        assert result.exit_code == 1
        assert f"error: {message}" in result.output and f"hint: {hint}" in result.output
    assert not (workspace.root / "output").exists()


def test_check_fills_in_the_command_lines_variables(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", DECK.replace("  organization: Riverside Clinic\n", ""))
    assert "unknown variable 'organization'" in run(workspace, monkeypatch, "check").output
    result = run(workspace, monkeypatch, "check", "--var", "organization=Lakeside")
    assert result.exit_code == 0, result.output


def test_python_m_deckbuilder_build_with_a_var(workspace):
    workspace.write("decks/talk.yaml", DECK)
    done = subprocess.run([sys.executable, "-m", "deckbuilder", "build", "--var", "organization=Hillside"],
                          cwd=workspace.root, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Attachment at Hillside" in texts(workspace.output)


def test_checks_see_the_filled_in_text(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", workspace.deck.read_text().replace('alt: "A small red square"', 'alt: "${alt}"'))
    result = run(workspace, monkeypatch, "check", "--json", "--var", "alt=pic.png")
    found = [(f["line"], f["message"]) for f in json.loads(result.stdout) if f["code"] == "a11y.alt-text"]
    assert found == [(13, "slide 8 “Part one”: the picture's alt text “pic.png” names a file")]


def test_a_placeholder_in_a_bracketed_list_unquoted_gets_the_quotes_hint(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", DECK.replace('["Fees: $$20 at ${organization}", ', "[Fees at ${organization}, "))
    result = run(workspace, monkeypatch, "check")
    assert "error: decks/talk.yaml:12:28: YAML syntax error: did not find expected ',' or ']'" in result.output
    assert "hint: a text with ${name} inside [...] or {...} must be put in quotes" in result.output


def test_the_deck_schema_accepts_vars_and_refuses_a_bad_name(tmp_path):
    import jsonschema

    from deckbuilder.load import load_yaml
    from deckbuilder.schema import schema

    validator = jsonschema.Draft7Validator(schema("deck"))
    good = tmp_path / "good.yaml"
    good.write_text(DECK, encoding="utf-8")
    assert [e.message for e in validator.iter_errors(load_yaml(good).data)] == []
    assert list(validator.iter_errors({"title": "T", "vars": {"my org": "x"}}))
