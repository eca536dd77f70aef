"""One diagnostics channel: every finding a Problem with severity, code and position; `check`
groups them, `--json` prints them for editors and CI, `--strict` fails on warnings."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from deckbuilder.cli import app

runner = CliRunner()


def run(workspace, monkeypatch, *args: str):
    monkeypatch.chdir(workspace.root)
    return runner.invoke(app, list(args))


def timed(workspace, duration: int = 50) -> None:
    text = workspace.deck.read_text(encoding="utf-8")
    workspace.write("decks/talk.yaml", f"duration: {duration}\n" + text, dedent=False)


def test_a_warning_has_its_position_code_and_hint(workspace, monkeypatch):
    timed(workspace)
    result = run(workspace, monkeypatch, "build")
    assert result.exit_code == 0, result.output
    assert "warning: decks/talk.yaml:1:11: the sections add up to 10 minutes, but duration is 50 minutes" in result.output
    assert "hint: change `duration:`" in result.output


def test_check_json_prints_every_finding_as_an_object(workspace, monkeypatch):
    timed(workspace)
    result = run(workspace, monkeypatch, "check", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    [timing] = [f for f in found if f["code"] == "ce.timing"]
    assert timing == {"severity": "warning", "code": "ce.timing", "file": "decks/talk.yaml", "line": 1, "column": 11,
                      "message": "the sections add up to 10 minutes, but duration is 50 minutes",
                      "hint": "change `duration:` or the sections' `minutes:`"}  # fmt: skip


def test_check_json_gives_errors_too_and_exits_1(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", 'title: "T"\nsections:\n  - title: "P"\n    slides:\n      - bulets: [x]\n')
    result = run(workspace, monkeypatch, "check", "--json")
    assert result.exit_code == 1
    [error] = json.loads(result.stdout)
    assert error["severity"] == "error" and (error["file"], error["line"]) == ("decks/talk.yaml", 5)
    assert "bulets" in error["message"] and error["hint"]


def test_strict_makes_warnings_fail_check_and_stops_build_from_writing(workspace, monkeypatch):
    timed(workspace)
    assert run(workspace, monkeypatch, "check").exit_code == 0
    checked = run(workspace, monkeypatch, "check", "--strict")
    assert checked.exit_code == 1 and "ce.timing" not in checked.output
    assert "the sections add up to 10 minutes" in checked.output
    built = run(workspace, monkeypatch, "build", "--strict")
    assert built.exit_code == 1
    assert "--strict: 1 warning, so nothing was written" in built.output
    assert not (workspace.root / "output").exists()


def test_check_reports_warnings_and_notes_grouped_by_file_with_a_summary(workspace, monkeypatch):
    timed(workspace)
    workspace.write("themes/pale/theme.yaml", 'name: Pale\nextends: calm\ncolors: {background: "#FFFFFF", '
                    'text: "#1A1A1A", accent: "#999999", muted: "#5A5A5A"}\n')  # fmt: skip
    result = run(workspace, monkeypatch, "check", "--theme", "pale")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith(("warning:", "note:", "ok", "checked"))]
    assert lines[0].startswith("warning: decks/talk.yaml:1:11:")
    assert lines[1].startswith("warning: themes/pale/theme.yaml:3:")
    assert lines[-1] == "ok decks/talk.yaml (9 slides, 2 warnings)"


def test_every_mistake_of_the_outline_articles_and_theme_comes_in_one_round(workspace, monkeypatch):
    text = workspace.deck.read_text(encoding="utf-8").replace("theme: calm", "theme: nosuch")
    workspace.write("decks/talk.yaml", text.replace('title: "Points"', 'title: "Points"\n        minutes: -3'),
                    dedent=False)  # fmt: skip
    workspace.write("decks/articles/broken.yaml", "title: [not, a, title]\n")
    result = run(workspace, monkeypatch, "check")
    assert result.exit_code == 1
    assert "error: decks/talk.yaml:2:8: unknown theme 'nosuch'" in result.output
    assert "error: decks/talk.yaml:8:18: 'minutes' must be at least 0, found '-3'" in result.output
    assert "error: decks/articles/broken.yaml:1:8: 'title' expects text, found a list" in result.output


def test_an_unmeasurable_font_is_a_warning_at_the_themes_fonts(workspace, monkeypatch):
    workspace.write("themes/aptos/theme.yaml", 'name: Aptos\nextends: calm\nfonts: {heading: "Aptos", body: "Aptos"}\n')
    result = run(workspace, monkeypatch, "build", "--theme", "aptos")
    assert result.exit_code == 0, result.output
    assert "warning: themes/aptos/theme.yaml:3:8: no font file for 'Aptos'" in result.output
    assert "hint: put the font's .ttf or .otf files in the theme's fonts/ folder" in result.output


def test_every_code_is_documented():
    import re
    from pathlib import Path

    from deckbuilder import checks

    root = Path(__file__).resolve().parents[1]
    documented = set(re.findall(r"^\| `([a-z0-9]+\.[a-z0-9-]+)` \|", (root / "docs" / "checks.md").read_text(), re.M))
    for module in checks.MODULES:
        __import__(f"deckbuilder.checks.{module}")
    source = "\n".join(p.read_text() for p in (root / "src" / "deckbuilder").rglob("*.py"))
    families = "|".join({code.split(".")[0] for code in documented})
    used = set(re.findall(rf'"((?:{families})\.[a-z0-9-]+)"', source)) | set(checks.CHECKS)
    assert used <= documented, sorted(used - documented)
    assert documented <= used, sorted(documented - used)


DOZEN = {
    "decks/talk.yaml": """\
title: "Twelve mistakes"
theme: broken
duration: ninety
level: guru
sections:
  - title: "Part one"
    minutes: -5
    slides:
      - title: "Points"
        bulets: ["First"]
      - quote: smith/fire
        handout: maybe
""",
    "decks/articles/smith.yaml": 'title: [not, text]\nquotes:\n  - id: fire\n    text: 42\n',
    "decks/articles/jones.yaml": 'title: "Jones"\npublished: someday\ncolour: red\n',
    "themes/broken/theme.yaml": """\
name: Broken
extends: calm
colors: {background: "#FFFFFF", text: "black", accent: "#0B3D91", muted: "#2E2E2E"}
template: missing.pptx
layouts: {bulets: "Title and Content"}
""",
}


def test_a_dozen_mistakes_in_outline_articles_and_theme_are_all_reported_in_one_run(tmp_path, monkeypatch):
    for relative, text in DOZEN.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "--json"])
    assert result.exit_code == 1
    found = {(f["file"], f["line"], f["column"]) for f in json.loads(result.stdout)}
    assert found == {
        ("decks/articles/jones.yaml", 2, 12), ("decks/articles/jones.yaml", 3, 1),
        ("decks/articles/smith.yaml", 1, 8), ("decks/articles/smith.yaml", 4, 11),
        ("decks/talk.yaml", 3, 11), ("decks/talk.yaml", 4, 8), ("decks/talk.yaml", 7, 14),
        ("decks/talk.yaml", 10, 9), ("decks/talk.yaml", 12, 18),
        ("themes/broken/theme.yaml", 3, 39), ("themes/broken/theme.yaml", 4, 11),
        ("themes/broken/theme.yaml", 5, 11),
    }  # fmt: skip


def test_a_slide_for_an_unknown_audience_still_has_its_references_checked_in_the_same_round(workspace, monkeypatch):
    text = workspace.deck.read_text(encoding="utf-8").replace(
        "      - quote: smith/fire-together\n", "      - quote: smith/fire-togethr\n        audience: [clinician]\n")
    workspace.write("decks/talk.yaml", "audience: clinicians\n" + text, dedent=False)
    result = run(workspace, monkeypatch, "check")
    assert result.exit_code == 1
    assert "no deck or handout is for audience 'clinician'" in result.output
    assert "unknown quote 'smith/fire-togethr'" in result.output and "fire-together" in result.output


def test_a_slide_for_another_audience_keeps_its_citations_off_this_decks_references(workspace, monkeypatch):
    text = workspace.deck.read_text(encoding="utf-8").replace(
        "      - principle: smith/1\n", "")
    text = text.replace("      - quote: smith/essence-of-love\n", "").replace(
        "      - quote: smith/fire-together\n", "      - quote: smith/fire-together\n        audience: [clients]\n")
    workspace.write("decks/talk.yaml", "audience: clinicians\naudiences: [clients]\n" + text, dedent=False)
    monkeypatch.chdir(workspace.root)
    assert runner.invoke(app, ["build"]).exit_code == 0
    from pptx import Presentation

    titles = [s.shapes.title.text_frame.text for s in Presentation(str(workspace.output)).slides]
    assert "References" not in titles
