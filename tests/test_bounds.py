"""Every number, text and list a user writes has a range; values outside it are reported."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from deckbuilder.cli import app

from conftest import TALK

runner = CliRunner()

THEME = """\
name: Big
extends: calm
sizes: {SIZES}
"""


def run(*args: str):
    """Run the CLI like a user; a traceback or an uncaught exception fails the test."""
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def check(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    return run("check", "decks/talk.yaml")


def refused(workspace, monkeypatch) -> str:
    """Return what `check` reports about the workspace's deck, which must have problems."""
    result = check(workspace, monkeypatch)
    assert result.exit_code == 1, result.output
    return result.output


def refused_theme(workspace, monkeypatch, sizes: str, more: str = "") -> str:
    """Return what `check` reports about a deck whose theme has these sizes and settings."""
    workspace.write("themes/big/theme.yaml", THEME.replace("{SIZES}", sizes) + more)
    workspace.write("decks/talk.yaml", TALK.replace("theme: calm", "theme: big"))
    return refused(workspace, monkeypatch)


def error_block(output: str, where: str) -> str:
    """Return the reported problem at `where` (file:line:col), with its source line and hint."""
    blocks = [b for b in output.split("\n\n") if where in b.splitlines()[0]]
    assert blocks, output
    return blocks[0]


def hint_of(block: str) -> str:
    [hint] = [line for line in block.splitlines() if line.strip().startswith("hint: ")]
    return hint.strip().removeprefix("hint: ")


# ------------------------------------------------------------------ theme sizes


@pytest.mark.parametrize(
    "sizes, key, words",
    [
        ("{min_body: .inf}", "min_body", "at most 48"),
        ("{min_body: .nan}", "min_body", "at least 8"),
        ("{min_body: 5000}", "min_body", "at most 48"),
        ("{min_body: 0.001}", "min_body", "at least 8"),
        ("{body: -24}", "body", "at least 8"),
        ("{title: 1.0e+9}", "title", "at most 96"),
        ("{title: 97}", "title", "at most 96"),
    ],
)
def test_theme_size_out_of_range_is_refused(workspace, monkeypatch, sizes, key, words):
    block = error_block(refused_theme(workspace, monkeypatch, sizes), "themes/big/theme.yaml:3:")
    assert f"'{key}' must be {words}" in block
    assert re.search(r"a size in points between 8 and \d+", hint_of(block))


def test_smallest_body_size_may_not_exceed_the_body_size(workspace, monkeypatch):
    output = refused_theme(workspace, monkeypatch, "{body: 20, min_body: 24}")
    block = error_block(output, "themes/big/theme.yaml:3:")
    assert "`min_body` (24 pt) is larger than `body` (20 pt)" in block
    assert "at most `body`" in hint_of(block)


def test_themes_show_refuses_a_huge_title_size_quickly(workspace, monkeypatch):
    workspace.write("themes/big/theme.yaml", THEME.replace("{SIZES}", "{title: 1.0e+9}"))
    monkeypatch.chdir(workspace.root)
    result = run("themes", "show", "big")
    assert result.exit_code == 1, result.output
    assert "'title' must be at most 96" in result.output
    assert not (workspace.root / "output" / "themes" / "big-preview.png").exists()


def test_sizes_within_range_are_accepted(workspace, monkeypatch):
    workspace.write("themes/big/theme.yaml", THEME.replace("{SIZES}", "{title: 96, body: 8, min_body: 8}"))
    workspace.write("decks/talk.yaml", TALK.replace("theme: calm", "theme: big"))
    monkeypatch.chdir(workspace.root)
    found = json.loads(run("check", "--json", "decks/talk.yaml").stdout)
    assert {f["code"] for f in found if f["severity"] == "error"} == {"a11y.text-too-small"}  # valid, if hard to read


# ------------------------------------------------------------------ minutes


@pytest.mark.parametrize(
    "value, words",
    [
        (".inf", "must be at most 1440, found 'inf'"),
        (".nan", "must be at least 0, found 'nan'"),
        ("1.0e+300", "must be at most 1440"),
        ("1.0e-12", "must be a multiple of 0.5, found '1e-12'"),
        ("-5", "must be at least 0"),
        ("2.25", "must be a multiple of 0.5"),
    ],
)
@pytest.mark.parametrize("where", ["slide", "section", "duration"])
def test_minutes_out_of_range_are_refused(workspace, monkeypatch, value, words, where):
    text = {
        "slide": TALK.replace('bullets: ["First point", "Second point"]',
                              f'bullets: ["First point"]\n        minutes: {value}'),
        "section": TALK.replace("minutes: 10", f"minutes: {value}"),
        "duration": TALK.replace("theme: calm", f"theme: calm\nduration: {value}"),
    }[where]  # fmt: skip
    workspace.write("decks/talk.yaml", text)
    output = refused(workspace, monkeypatch)
    assert words in output
    assert "hint: a number of minutes such as 10: whole or half minutes, at most 1440" in output


def test_a_number_yaml_reads_as_text_gets_the_exponent_hint(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", TALK.replace("minutes: 10", "minutes: 1e-12"))
    output = refused(workspace, monkeypatch)
    block = error_block(output, "decks/talk.yaml:5:14")
    assert "'minutes' expects a number, found '1e-12'" in block
    assert hint_of(block) == "YAML reads '1e-12' as text: write a number with an exponent as 1.0e-12"


def test_half_minutes_are_shown_on_the_agenda(workspace, monkeypatch):
    from deckbuilder.build import compile_deck

    workspace.write("decks/talk.yaml", TALK.replace("minutes: 10", "minutes: 7.5"))
    deck = compile_deck(workspace.deck, workspace.root)
    [agenda] = [s for s in deck.slides if s.kind == "agenda"]
    assert [item.time for item in agenda.items] == ["7.5 minutes"]


# ------------------------------------------------------------------ paths, texts, lists, numbers


def test_a_file_name_over_255_characters_is_refused(workspace, monkeypatch):
    name = "p" * 300 + ".png"
    workspace.write("decks/talk.yaml", TALK.replace("image: images/pic.png", f"image: images/{name}"))
    output = refused(workspace, monkeypatch)
    block = error_block(output, "decks/talk.yaml:13:16")
    assert "a folder or file name in `image` is too long: 304 bytes, at most 255" in block
    assert "shorten it" in hint_of(block)


def test_a_name_over_255_bytes_in_another_script_is_refused(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", TALK.replace("theme: calm", "theme: calm\nsources: " + "ж" * 200))
    block = error_block(refused(workspace, monkeypatch), "decks/talk.yaml:3:10")
    assert "a folder or file name in `sources` is too long: 400 bytes, at most 255" in block
    assert "2 to 4 bytes" in hint_of(block)


def test_a_path_over_1024_characters_is_refused(workspace, monkeypatch):
    path = "/".join(["folder"] * 150) + "/pic.png"
    workspace.write("decks/talk.yaml", TALK.replace("image: images/pic.png", f"image: {path}"))
    block = error_block(refused(workspace, monkeypatch), "decks/talk.yaml:13:16")
    assert "'image' is too long: 1,057 characters, at most 1,024" in block


def test_a_long_path_in_a_theme_is_refused(workspace, monkeypatch):
    output = refused_theme(workspace, monkeypatch, "{}", "logo: " + "l" * 300 + ".png\n")
    assert "a folder or file name in `logo` is too long" in error_block(output, "themes/big/theme.yaml:4:7")


def test_a_long_title_is_refused_and_quoted_short(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", TALK.replace('title: "Points"', 'title: "' + "t" * 301 + '"'))
    output = refused(workspace, monkeypatch)
    block = error_block(output, "decks/talk.yaml:7:16")
    assert "'title' is too long: 301 characters, at most 300" in block
    assert "a title of at most 300 characters" in hint_of(block)


def test_too_many_slides_in_a_section(workspace, monkeypatch):
    slides = "".join('      - text: "A sentence."\n' for _ in range(501))
    workspace.write("decks/talk.yaml", 'title: "T"\nsections:\n  - title: "One"\n    slides:\n' + slides)
    output = refused(workspace, monkeypatch)
    assert "'slides' has too many items: 501, at most 500" in output
    assert "split it into two sections" in output


@pytest.mark.parametrize("number, words", [("0", "at least 1"), ("1000", "at most 999")])
def test_principle_numbers_are_bounded(workspace, monkeypatch, number, words):
    article = workspace.root / "decks" / "articles" / "smith.yaml"
    article.write_text(article.read_text().replace("number: 2", f"number: {number}"))
    output = refused(workspace, monkeypatch)
    block = error_block(output, "decks/articles/smith.yaml:8:13")
    assert f"'number' must be {words}" in block
    assert hint_of(block) == "a principle number from 1 to 999, e.g. 3"


def test_a_long_id_is_refused(workspace, monkeypatch):
    long_id = 'title: "Part one"\n    id: ' + "i" * 65
    workspace.write("decks/talk.yaml", TALK.replace('title: "Part one"', long_id))
    output = refused(workspace, monkeypatch)
    assert "'id' is too long: 65 characters, at most 64" in output


def test_too_many_audiences(workspace, monkeypatch):
    listed = ", ".join(f"group{i}" for i in range(21))
    workspace.write("decks/talk.yaml", f"audiences: [{listed}]\n" + TALK)
    output = refused(workspace, monkeypatch)
    assert "error: decks/talk.yaml:1:12: 'audiences' has too many items: 21, at most 20" in output
    assert "at most 20 audiences" in hint_of(error_block(output, "decks/talk.yaml:1:12"))
