"""YAML loading: positions, and every way a file can be unsafe or unreadable."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from deckbuilder.errors import DeckError
from deckbuilder.load import load_yaml
from deckbuilder.model import Outline
from deckbuilder.validate import validate


def write(tmp_path: Path, content: str | bytes, name: str = "deck.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def load_problems(path: Path):
    """Load a file that must fail; return its problems."""
    with pytest.raises(DeckError) as info:
        load_yaml(path)
    return info.value.problems


def at(pos) -> tuple[int, int]:
    return (pos.line, pos.col)


# ------------------------------------------------------------------ positions


def test_loads_plain_data(tmp_path):
    doc = load_yaml(write(tmp_path, 'title: "Talk"\nduration: 90\nsources: [articles/]\n'))
    assert doc.data == {"title": "Talk", "duration": 90, "sources": ["articles/"]}


def test_positions_of_values_and_keys(tmp_path):
    doc = load_yaml(
        write(
            tmp_path,
            'title: "Talk"\n'
            "sections:\n"
            '  - title: "One"\n'
            "    slides:\n"
            "      - bullets: [a, b]\n",
        )
    )
    assert at(doc.pos(("title",))) == (1, 8)
    assert at(doc.key_pos(("title",))) == (1, 1)
    assert at(doc.pos(("sections", 0, "title"))) == (3, 12)
    assert at(doc.key_pos(("sections", 0, "title"))) == (3, 5)
    assert at(doc.pos(("sections", 0, "slides", 0, "bullets", 1))) == (5, 22)
    assert doc.pos(("title",)).file == doc.file


def test_position_of_a_missing_value_is_its_closest_parent(tmp_path):
    doc = load_yaml(write(tmp_path, "sections:\n  - title: One\n"))
    assert doc.pos(("sections", 0, "slides", 3)) == doc.pos(("sections", 0))
    assert at(doc.pos(("sections", 0))) == (2, 5)


def test_byte_order_mark_is_accepted_and_positions_are_unchanged(tmp_path):
    doc = load_yaml(write(tmp_path, "\ufefftitle: Talk\n"))
    assert doc.data == {"title": "Talk"}
    assert at(doc.key_pos(("title",))) == (1, 1)


# ------------------------------------------------------------------ duplicate keys


def test_duplicate_key_is_rejected_naming_both_lines(tmp_path):
    problems = load_problems(write(tmp_path, "title: A\ntheme: calm\ntitle: B\n"))
    assert len(problems) == 1
    problem = problems[0]
    assert "duplicate key 'title'" in problem.message
    assert at(problem.pos) == (3, 1)
    assert "line 1" in problem.hint


def test_duplicate_key_inside_a_slide_is_rejected(tmp_path):
    text = (
        "title: A\n"
        "sections:\n"
        "  - title: S\n"
        "    slides:\n"
        "      - bullets: [a]\n"
        "        notes: first\n"
        "        notes: second\n"
    )
    [problem] = load_problems(write(tmp_path, text))
    assert "duplicate key 'notes'" in problem.message
    assert at(problem.pos) == (7, 9)
    assert "line 6" in problem.hint


def test_every_duplicate_key_of_a_file_is_reported(tmp_path):
    problems = load_problems(write(tmp_path, "a: 1\na: 2\nb: 1\nb: 2\n"))
    assert sorted(p.pos.line for p in problems) == [2, 4]


# ------------------------------------------------------------------ tags


def test_python_object_tag_is_rejected_and_not_executed(tmp_path, capfd):
    path = write(tmp_path, 'title: !!python/object/apply:os.system ["echo hi"]\n')
    [problem] = load_problems(path)
    assert "tag" in problem.message
    assert at(problem.pos) == (1, 8)
    assert "remove the tag" in problem.hint
    assert "hi" not in capfd.readouterr().out


def test_python_tag_does_not_run_a_command(tmp_path):
    marker = tmp_path / "pwned"
    path = write(tmp_path, f'title: !!python/object/apply:os.system ["touch {marker}"]\n')
    load_problems(path)
    assert not marker.exists()


@pytest.mark.parametrize(
    "value",
    [
        "!!python/name:os.system",
        "!!python/object:collections.OrderedDict {}",
        "!!python/object/new:os.system [echo hi]",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!!omap [a: 1]",
        "!custom text",
        "!<tag:example.com,2026:thing> text",
    ],
)
def test_other_tags_are_rejected(tmp_path, value):
    [problem] = load_problems(write(tmp_path, f"title: Talk\nsubtitle: {value}\n"))
    assert "tag" in problem.message
    assert at(problem.pos) == (2, 11)


def test_tag_on_a_key_is_rejected(tmp_path):
    [problem] = load_problems(write(tmp_path, "!custom title: Talk\n"))
    assert "tag" in problem.message
    assert problem.pos.line == 1


def test_standard_tags_for_plain_values_are_accepted(tmp_path):
    doc = load_yaml(write(tmp_path, "title: !!str 2026\nduration: !!int '90'\n"))
    assert doc.data == {"title": "2026", "duration": 90}


def test_merge_keys_are_rejected(tmp_path):
    problems = load_problems(write(tmp_path, "base: &b {title: A}\nother:\n  <<: *b\n"))
    assert [at(p.pos) for p in problems] == [(3, 3)]


# ------------------------------------------------------------------ size limits


def _alias_bomb() -> str:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    names = "abcdefghi"
    for prev, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_fails_fast_with_a_clear_message(tmp_path):
    path = write(tmp_path, _alias_bomb())
    assert path.read_text().count("\n") == 9  # nine levels: 9**9 values if expanded
    start = time.perf_counter()
    problems = load_problems(path)
    elapsed = time.perf_counter() - start
    assert elapsed < 10  # expanding it would take minutes; a busy machine may take a second
    [problem] = problems
    assert "alias" in (problem.message + " " + problem.hint).lower()
    assert problem.pos.file == path and 1 <= problem.pos.line <= 9


def test_a_few_aliases_are_fine(tmp_path):
    doc = load_yaml(write(tmp_path, "a: &who Dana\nb: *who\n"))
    assert doc.data == {"a": "Dana", "b": "Dana"}


def test_deep_nesting_is_an_error_not_a_crash(tmp_path):
    path = write(tmp_path, "title: " + "[" * 5000 + "]" * 5000 + "\n")
    problems = load_problems(path)
    assert problems and problems[0].pos.file == path


# ------------------------------------------------------------------ encodings and odd files


def test_non_utf8_file_is_an_error_at_the_bad_byte(tmp_path):
    path = write(tmp_path, 'title: "Talk"\nsubtitle: "Caf\xe9"\n'.encode("latin-1"))
    [problem] = load_problems(path)
    assert "UTF-8" in problem.message
    assert at(problem.pos) == (2, 15)
    assert "UTF-8" in problem.hint


def test_non_utf8_column_counts_characters_not_bytes(tmp_path):
    # "é" and "’" are valid UTF-8 (2 and 3 bytes); the stray latin-1 byte is the 15th character.
    path = write(tmp_path, 'title: "Café ’'.encode("utf-8") + b'\xe9"\n')
    [problem] = load_problems(path)
    assert at(problem.pos) == (1, 15)


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_an_error(tmp_path, content):
    path = write(tmp_path, content)
    [problem] = load_problems(path)
    assert "empty" in problem.message
    assert problem.pos.file == path


def test_missing_file_is_an_error(tmp_path):
    [problem] = load_problems(tmp_path / "nope.yaml")
    assert "not found" in problem.message


def test_list_where_a_mapping_belongs(tmp_path):
    doc = load_yaml(write(tmp_path, "- title: Talk\n- title: Other\n"))
    assert isinstance(doc.data, list)
    with pytest.raises(DeckError) as info:
        validate(doc, Outline, "a deck outline")
    [problem] = info.value.problems
    assert "expected a mapping" in problem.message and "a list" in problem.message
    assert at(problem.pos) == (1, 1)


def test_syntax_error_has_position_and_hint(tmp_path):
    [problem] = load_problems(write(tmp_path, "title: Talk\nsubtitle: Healing: a start\n"))
    assert "YAML syntax error" in problem.message
    assert at(problem.pos) == (2, 18)
    assert "quotes" in problem.hint


def test_tab_indentation_hint(tmp_path):
    [problem] = load_problems(write(tmp_path, "title: Talk\nsections:\n\t- title: One\n"))
    assert problem.pos.line == 3
    assert "tabs" in problem.hint


# ------------------------------------------------------------------ control characters


def test_raw_control_characters_are_dropped(tmp_path):
    doc = load_yaml(write(tmp_path, 'title: "bell\x07here"\nsubtitle: back\x08space\n'))
    assert doc.data == {"title": "bellhere", "subtitle": "backspace"}


def test_escaped_control_characters_are_dropped(tmp_path):
    # YAML escapes produce the same characters XML cannot hold; they must not reach outputs.
    doc = load_yaml(write(tmp_path, 'title: "bell\\x07here"\nsubtitle: "nul\\0byte"\n'))
    assert doc.data == {"title": "bellhere", "subtitle": "nulbyte"}


def test_tabs_and_newlines_in_text_are_kept(tmp_path):
    doc = load_yaml(write(tmp_path, 'notes: "one\\ttwo\\nthree"\n'))
    assert doc.data == {"notes": "one\ttwo\nthree"}
