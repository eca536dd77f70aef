"""Reporting problems: fast for files with thousands of mistakes, short, and always with a hint."""

from __future__ import annotations

import pathlib
import time

import pytest
from typer.testing import CliRunner

from deckbuilder import load
from deckbuilder.cli import app
from deckbuilder.errors import MAX_REPORTED, DeckError, Position, Problem
from deckbuilder.load import load_yaml
from deckbuilder.model import Article, Outline, Theme
from deckbuilder.validate import validate

runner = CliRunner()


def run(*args: str):
    """Run the CLI like a user; a traceback or an uncaught exception fails the test."""
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def empty_slides(count: int) -> str:
    return 'title: "Big"\nsections:\n  - title: "One"\n    slides:\n' + "      - {}\n" * count


def timed_check(workspace, monkeypatch, text: str) -> tuple[object, float]:
    workspace.write("decks/talk.yaml", text, dedent=False)
    monkeypatch.chdir(workspace.root)
    start = time.process_time()
    result = run("check", "decks/talk.yaml")
    return result, time.process_time() - start


# ------------------------------------------------------------------ many problems


def test_twenty_thousand_empty_slides_are_reported_in_about_a_second(workspace, monkeypatch):
    result, seconds = timed_check(workspace, monkeypatch, empty_slides(20_000))
    print(f"check of 20,000 empty slides: {seconds:.2f} s")
    assert result.exit_code == 1
    assert result.output.count("this slide has no content") == MAX_REPORTED
    assert f"... and {20_000 - MAX_REPORTED} more problems" in result.output
    assert seconds < 5


def test_many_mistakes_inside_slides_are_reported_quickly(workspace, monkeypatch):
    slide = "      - {bullets: [a], title: [t], minutes: ten, notez: x}\n"
    section = '  - title: "One"\n    slides:\n' + slide * 500
    result, seconds = timed_check(workspace, monkeypatch, 'title: "Big"\nsections:\n' + section * 4)
    print(f"check of 2,000 slides with 3 mistakes each: {seconds:.2f} s")
    assert result.exit_code == 1
    assert f"... and {6_000 - MAX_REPORTED} more problems" in result.output
    assert seconds < 5


def test_a_short_report_is_not_capped(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text(empty_slides(3))
    with pytest.raises(DeckError) as info:
        validate(load_yaml(path), Outline)
    assert len(info.value.problems) == 3
    assert "more problem" not in info.value.render()


def test_each_file_is_read_once_for_its_report(tmp_path, monkeypatch):
    path = tmp_path / "deck.yaml"
    path.write_text(empty_slides(500))
    with pytest.raises(DeckError) as info:
        validate(load_yaml(path), Outline)
    reads = []
    real = pathlib.Path.read_bytes
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: reads.append(self) or real(self))
    path.write_text(empty_slides(500))  # a new version of the file is read again, once
    info.value.render()
    str(info.value)
    assert reads == [path]


def test_duplicate_keys_count_against_the_value_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(load, "MAX_VALUES", 1_000)
    path = tmp_path / "deck.yaml"
    path.write_text("title: A\n" * 1_001)
    with pytest.raises(DeckError) as info:
        load_yaml(path)
    [problem] = info.value.problems
    assert "more than 1000 values" in problem.message
    assert problem.pos.line == 1_000
    assert problem.hint


# ------------------------------------------------------------------ long values


def test_messages_quote_at_most_about_80_characters_of_a_value(tmp_path):
    long = "x" * 1_000  # YAML allows keys of at most 1024 characters
    path = tmp_path / "deck.yaml"
    path.write_text(f'title: "T"\nlevel: {long}\n{long}a: 1\n{long}b: 2\n')
    found = problems_of(path, Outline)
    path.write_text(f"{long}: 1\n{long}: 2\n")
    with pytest.raises(DeckError) as info:
        load_yaml(path)
    found += info.value.problems
    assert len(found) == 4
    for problem in found:
        assert "x" * 81 not in problem.message + problem.hint, problem.message
        assert "x" * 59 + "\u2026" + "x" * 19 in problem.message  # cut in the middle: the end is kept


def test_a_long_source_line_is_shown_around_the_caret(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text("title: " + "y" * 3_000 + "z\n")
    block = Problem("bad", Position(path, 1, 3_008), "fix it").render()
    source, caret = block.splitlines()[1:3]
    assert len(source) < 200
    assert source.index("z") == caret.index("^")


# ------------------------------------------------------------------ every problem has a hint


SLIDE = 'title: "T"\nsections:\n  - title: "S"\n    slides:\n      - '
THEME_OK = (
    'name: T\ncolors: {background: "#FFFFFF", text: "#000000", accent: "#224466", muted: "#555555"}\n'
    "fonts: {heading: Arial, body: Arial}\n"
)
# One bad input for every kind of problem the loader and the validator report.
BAD_INPUTS = {
    "not utf-8": (Outline, b"title: \xff\n"),
    "syntax: colon in text": (Outline, "title: a: b\n"),
    "syntax: tab": (Outline, "title: T\n\tsubtitle: S\n"),
    "syntax: unclosed quote": (Outline, 'title: "T\nsubtitle: S\n'),
    "syntax: reserved character": (Outline, "title: @home\n"),
    "syntax: bad indentation": (Outline, "title: T\n  subtitle: S\n theme: x\n"),
    "very deep nesting": (Outline, "title: " + "[" * 5_000 + "]" * 5_000 + "\n"),
    "empty file": (Outline, "# nothing\n"),
    "too deep a nesting": (Outline, "title: " + "[" * 70 + "]" * 70 + "\n"),
    "alias bomb": (Outline, "a: &a [1,1,1,1,1,1,1,1,1,1]\n" + "".join(
        f"{c}: &{c} [" + ",".join([f"*{p}"] * 10) + "]\n" for p, c in zip("abcdef", "bcdefg")
    )),
    "value tag": (Outline, "title: !!python/name:os.system\n"),
    "merge key": (Outline, "base: &b {title: T}\n<<: *b\n"),
    "key not a word": (Outline, "[a, b]: 1\ntitle: T\n"),
    "key tag": (Outline, "!!python/name:os.system x: 1\ntitle: T\n"),
    "duplicate key": (Outline, "title: A\ntitle: B\n"),
    "not a mapping": (Outline, "- a\n- b\n"),
    "unknown slide kind": (Outline, SLIDE + "{kind: chart, title: x}\n"),
    "two slide kinds": (Outline, SLIDE + "{bullets: [a], quote: smith/x}\n"),
    "misspelled slide content": (Outline, SLIDE + "{bulets: [a]}\n"),
    "unknown slide key": (Outline, SLIDE + "{qqqqqqqq: [a]}\n"),
    "slide without content": (Outline, SLIDE + "{title: T}\n"),
    "misspelled key": (Outline, "title: T\nsubtitel: S\n"),
    "unknown key": (Outline, "title: T\nqqqqqqqq: S\n"),
    "missing key": (Article, "site: S\n"),
    "missing theme keys": (Theme, "name: T\n"),
    "text found number": (Outline, "title: 5\n"),
    "text found yes": (Outline, "title: T\nsubtitle: yes\n"),
    "text found mapping": (Outline, "title: T\nsubtitle: {a: b}\n"),
    "text found list": (Outline, "title: T\nsubtitle: [a]\n"),
    "number found text": (Outline, "title: T\nduration: ninety\n"),
    "number written 1.0e300": (Outline, "title: T\nduration: 1.0e300\n"),
    "whole number found fraction": (Article, 'title: A\nprinciples: [{number: 1.5, title: "P"}]\n'),
    "true or false found text": (Outline, SLIDE + "{bullets: [a], handout: maybe}\n"),
    "list found text": (Outline, "title: T\nobjectives: one\n"),
    "mapping found text": (Outline, "title: T\nclosing: thanks\n"),
    "mapping or text found list": (Outline, "title: T\npresenter: [a]\n"),
    "date found text": (Outline, "title: T\ndate: soon\n"),
    "impossible date": (Outline, "title: T\ndate: 2026-13-45\n"),
    "choice": (Outline, "title: T\nlevel: expert\n"),
    "id": (Outline, "title: T\nsections: [{title: S, id: a b}]\n"),
    "color": (Theme, THEME_OK.replace('"#224466"', "blue")),
    "published": (Article, "title: A\npublished: May 2020\n"),
    "year": (Article, "title: A\npublished: 99\n"),
    "path": (Outline, SLIDE + "{image: " + "p" * 300 + ".png, alt: A}\n"),
    "number too small": (Outline, "title: T\nduration: -1\n"),
    "number too large": (Theme, THEME_OK + "sizes: {title: 200}\n"),
    "infinite": (Outline, "title: T\nduration: .inf\n"),
    "not a multiple": (Outline, "title: T\nduration: 0.1\n"),
    "text too long": (Outline, "title: " + "t" * 301 + "\n"),
    "too many items": (Outline, "title: T\nobjectives: [" + "o, " * 101 + "]\n"),
    "too few items": (Outline, SLIDE + "{questions: []}\n"),
    "author and authors": (Article, 'title: A\nauthor: "B C"\nauthors: ["D E"]\n'),
    "min_body above body": (Theme, THEME_OK + "sizes: {body: 20, min_body: 24}\n"),
}


def problems_of(path: pathlib.Path, model) -> list[Problem]:
    with pytest.raises(DeckError) as info:
        validate(load_yaml(path), model)
    return info.value.problems


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_every_problem_names_what_is_expected(tmp_path, case):
    model, content = BAD_INPUTS[case]
    path = tmp_path / "file.yaml"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    found = problems_of(path, model)
    assert found
    for problem in found:
        assert problem.message and problem.hint.strip(), (case, problem)
        assert problem.pos and problem.pos.file == path
        assert len(problem.message) < 200 and len(problem.hint) < 300, (case, problem)


@pytest.mark.parametrize("name", ["missing.yaml", "."])
def test_a_file_that_cannot_be_read_names_what_is_expected(tmp_path, name):
    with pytest.raises(DeckError) as info:
        load_yaml(tmp_path / name)
    [problem] = info.value.problems
    assert problem.hint


def test_a_number_with_an_unsigned_exponent_is_explained(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text('title: "T"\nduration: 1.0e300\n')
    [problem] = problems_of(path, Outline)
    assert problem.message == "'duration' expects a number, found '1.0e300'"
    assert problem.hint == "YAML reads '1.0e300' as text: write a number with an exponent as 1.0e+300"


def test_text_that_only_looks_like_an_exponent_gets_no_exponent_hint(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_text('title: "T"\nduration: ninety\n')
    [problem] = problems_of(path, Outline)
    assert "exponent" not in problem.hint
    assert problem.hint == "a number of minutes such as 10: whole or half minutes, at most 1440"


def test_a_long_value_in_any_message_is_shortened_when_shown():
    problem = Problem("image not found: images/" + "я" * 300 + f".png; '{'q' * 300}' and '{'short'}'")
    message = problem.render().splitlines()[0]
    assert "я" * 81 not in message and "q" * 81 not in message
    assert "я" * 50 in message and f"'{'q' * 59}\u2026{'q' * 20}'" in message and "'short'" in message
