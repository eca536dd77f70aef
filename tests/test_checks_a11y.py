"""Accessibility findings: each code with a deck that triggers it, its message, position and code."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from deckbuilder.cli import app

runner = CliRunner()


def findings(workspace, monkeypatch, code: str, *args: str) -> list[tuple[str, str, str]]:
    """Return (severity, file:line:col, message) of the findings of `code` that `check --json` reports."""
    monkeypatch.chdir(workspace.root)
    result = runner.invoke(app, ["check", "--json", *args])
    assert result.exit_code == (1 if '"severity": "error"' in result.stdout else 0), result.output
    return [(f["severity"], f"{f['file']}:{f['line']}:{f['column']}", f["message"])
            for f in json.loads(result.stdout) if f["code"] == code]  # fmt: skip


def edit(workspace, old: str, new: str) -> None:
    text = workspace.deck.read_text(encoding="utf-8")
    assert old in text
    workspace.write("decks/talk.yaml", text.replace(old, new), dedent=False)


def test_the_fixture_deck_has_no_accessibility_warnings(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    found = json.loads(runner.invoke(app, ["check", "--json"]).stdout)
    assert [f for f in found if f["code"].startswith("a11y.")] == []


@pytest.mark.parametrize(("alt", "said"), [
    ("pic.png", "the picture's alt text “pic.png” names a file"),
    ("IMG_1234.JPG", "the picture's alt text “IMG_1234.JPG” names a file"),
    ("Pic", "the picture's alt text “Pic” names a file"),
    (" ", "the picture has no alt text"),
])  # fmt: skip
def test_alt_text_that_names_a_file_or_nothing_is_reported_at_the_image_slide(workspace, monkeypatch, alt, said):
    edit(workspace, 'alt: "A small red square"', f'alt: "{alt}"')
    assert findings(workspace, monkeypatch, "a11y.alt-text") == [("warning", "decks/talk.yaml:13:9", f"slide 8 “Part one”: {said}")]


def test_a_slide_without_a_title_is_reported(workspace, monkeypatch):
    edit(workspace, 'title: "Part one"', 'title: ""')
    found = findings(workspace, monkeypatch, "a11y.no-title")
    assert found[0] == ("warning", "decks/talk.yaml:4:5", "slide 3 (section) has no title")


def test_a_repeated_title_is_reported_with_the_first_slides_number(workspace, monkeypatch):
    edit(workspace, "      - quote: smith/essence-of-love\n",
         '      - title: "points"\n        bullets: ["Third point"]\n      - quote: smith/essence-of-love\n')
    assert findings(workspace, monkeypatch, "a11y.duplicate-title") == [
        ("warning", "decks/talk.yaml:10:9", "slide 5 “points” has the same title as slide 4")]


def test_slides_that_carry_their_sections_title_are_not_duplicates(workspace, monkeypatch):
    edit(workspace, 'title: "Points"', 'title: "Part one"')
    assert findings(workspace, monkeypatch, "a11y.duplicate-title") == []


def small_theme(workspace) -> None:
    workspace.write("themes/small/theme.yaml", "name: Small\nextends: calm\nsizes: {body: 16, min_body: 16}\n")


def test_text_set_below_18_pt_is_one_error_at_the_themes_min_body(workspace, monkeypatch):
    small_theme(workspace)
    found = findings(workspace, monkeypatch, "a11y.text-too-small", "--theme", "small")
    assert found == [("error", "themes/small/theme.yaml:3:29",
                      "the theme sets text as small as 16 pt, below 18 pt, on slides 1, 2, 3, 4, 5 and 3 more")]


def test_a_theme_body_size_below_24_pt_is_a_warning_at_the_theme(workspace, monkeypatch):
    small_theme(workspace)
    assert findings(workspace, monkeypatch, "a11y.text-size", "--theme", "small") == [
        ("warning", "themes/small/theme.yaml:3:15", "body text is 16 pt, below the 24 pt a large room reads")]


def test_a_slide_with_more_than_7_bullets_is_a_note(workspace, monkeypatch):
    edit(workspace, 'bullets: ["First point", "Second point"]', "bullets: [a, b, c, d, e, f, g, h]")
    assert findings(workspace, monkeypatch, "a11y.dense-slide") == [
        ("info", "decks/talk.yaml:7:9", "slide 4 “Points” has 8 bullets, more than 7")]


def test_a_slide_with_more_than_40_words_is_a_note(workspace, monkeypatch):
    edit(workspace, '"Second point"', '"' + " ".join(["word"] * 40) + '"')
    assert findings(workspace, monkeypatch, "a11y.dense-slide") == [
        ("info", "decks/talk.yaml:7:9", "slide 4 “Points” has 42 words, more than 40")]


def test_capitals_in_a_large_print_handout_are_reported(workspace, monkeypatch):
    edit(workspace, "theme: calm\n", "theme: calm\nhandouts:\n  - {audience: clients, style: worksheet, large_print: true}\n")
    edit(workspace, '"Second point"', '"PLEASE READ THIS first"')
    assert findings(workspace, monkeypatch, "a11y.large-print") == [
        ("warning", "decks/talk.yaml:9:9",
         "slide 3 “Points”: “PLEASE READ THIS” is in capitals in the large-print worksheet")]  # no agenda in it


def test_capitals_in_speaker_notes_count_only_where_the_handout_shows_them(workspace, monkeypatch):
    edit(workspace, "theme: calm\n", "theme: calm\nhandouts:\n  - {audience: clients, style: worksheet, large_print: true}\n")
    edit(workspace, '"Say hello to the room."', '"SAY HELLO TO THE ROOM."')
    assert findings(workspace, monkeypatch, "a11y.large-print") == []
    edit(workspace, "style: worksheet", "style: notes")
    assert findings(workspace, monkeypatch, "a11y.large-print") == []  # clients get no speaker notes
    edit(workspace, "audience: clients", "audience: clinicians")
    assert len(findings(workspace, monkeypatch, "a11y.large-print")) == 1


def test_citations_and_references_below_18_pt_are_errors_too(workspace, monkeypatch):
    workspace.write("themes/small/theme.yaml", "name: Small\nextends: calm\nsizes: {min_body: 16}\n")
    found = findings(workspace, monkeypatch, "a11y.text-too-small", "--theme", "small")
    assert found == [("error", "themes/small/theme.yaml:3:19",
                      "the theme sets text as small as 16 pt, below 18 pt, on slides 7, 9")]


def test_an_error_finding_fails_check_and_stops_build_from_writing(workspace, monkeypatch):
    small_theme(workspace)
    monkeypatch.chdir(workspace.root)
    checked = runner.invoke(app, ["check", "--theme", "small"])
    assert checked.exit_code == 1 and "checked decks/talk.yaml" in checked.output
    built = runner.invoke(app, ["build", "--theme", "small"])
    assert built.exit_code == 1 and "the theme sets text as small as 16 pt" in built.output
    assert not (workspace.root / "output").exists()
