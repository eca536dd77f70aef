"""Validation: typed models from loaded data, every problem of a file at its file:line:col."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from deckbuilder.errors import DeckError
from deckbuilder.load import load_yaml
from deckbuilder.model import Article, Outline
from deckbuilder.validate import validate


def load(tmp_path: Path, text: str, model=Outline):
    path = tmp_path / "file.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return validate(load_yaml(path), model)


def problems(tmp_path: Path, text: str, model=Outline):
    with pytest.raises(DeckError) as info:
        load(tmp_path, text, model)
    return info.value.problems


def one_problem(tmp_path: Path, text: str, model=Outline):
    found = problems(tmp_path, text, model)
    assert len(found) == 1, [p.message for p in found]
    return found[0]


def at(pos) -> tuple[int, int]:
    return (pos.line, pos.col)


def slide(body: str) -> str:
    """A deck whose only slide starts on line 5, column 9."""
    return 'title: "Talk"\nsections:\n  - title: "One"\n    slides:\n      - ' + body


# ------------------------------------------------------------------ valid input


def test_valid_outline(tmp_path):
    outline = load(
        tmp_path,
        """\
        title: "Talk"
        date: 2026-12-05
        duration: 90
        sections:
          - title: "One"
            slides:
              - bullets: ["a", ["b", "c"]]
              - quote: smith/essence-of-love
              - text: "One big sentence."
              - kind: discussion
                questions: ["Why?"]
              - left: {heading: L, bullets: [x]}
                right: {heading: R, bullets: [y]}
        """,
    )
    assert outline.title == "Talk"
    assert outline.date == dt.date(2026, 12, 5)
    assert outline.duration == 90
    kinds = [s.kind for s in outline.sections[0].slides]
    assert kinds == ["bullets", "quote", "statement", "discussion", "two-column"]


# ------------------------------------------------------------------ unknown keys


def test_unknown_top_level_key_suggests_the_closest(tmp_path):
    problem = one_problem(tmp_path, 'title: "Talk"\nsubtitel: "Sub"\n')
    assert problem.message == "unknown key 'subtitel'"
    assert at(problem.pos) == (2, 1)
    assert problem.hint == "did you mean 'subtitle'?"


def test_unknown_key_in_a_slide_suggests_the_closest(tmp_path):
    problem = one_problem(tmp_path, slide("bullets: [a]\n        note: hello\n"))
    assert problem.message == "unknown key 'note'"
    assert at(problem.pos) == (6, 9)
    assert "did you mean 'notes'?" in problem.hint


def test_misspelled_content_key_is_named_not_reported_as_an_empty_slide(tmp_path):
    problem = one_problem(tmp_path, slide("title: T\n        bulets: [a]\n"))
    assert problem.message == "unknown key 'bulets'"
    assert at(problem.pos) == (6, 9)
    assert "'bullets'" in problem.hint


def test_unknown_key_in_a_nested_mapping(tmp_path):
    problem = one_problem(tmp_path, 'title: "Talk"\npresenter: {name: Dana, credential: LMFT}\n')
    assert problem.message == "unknown key 'credential'"
    assert at(problem.pos) == (2, 25)
    assert "'credentials'" in problem.hint


def test_unknown_key_in_an_article(tmp_path):
    problem = one_problem(tmp_path, 'title: "A"\nautors: ["Jeffery Smith"]\n', Article)
    assert problem.message == "unknown key 'autors'"
    assert "'authors'" in problem.hint


# ------------------------------------------------------------------ wrong types


@pytest.mark.parametrize(
    "line, message",
    [
        ("subtitle: [a, b]", "'subtitle' expects text"),
        ("subtitle: {a: b}", "'subtitle' expects text"),
        ("duration: ninety", "'duration' expects a number"),
        ("objectives: one", "'objectives' expects a list"),
        ("sections: {title: One}", "'sections' expects a list"),
    ],
)
def test_wrong_types_say_what_was_expected(tmp_path, line, message):
    problem = one_problem(tmp_path, f'title: "Talk"\n{line}\n')
    assert problem.message.startswith(message), problem.message
    assert problem.pos.line == 2


def test_text_containing_colon_space_gets_the_quoting_hint(tmp_path):
    problem = one_problem(tmp_path, 'title: "Talk"\nsubtitle: {Note: read}\n')
    assert "quotes" in problem.hint


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "true"])
def test_yes_no_read_as_boolean_gets_the_quoting_hint(tmp_path, word):
    problem = one_problem(tmp_path, f'title: "Talk"\nsubtitle: {word}\n')
    assert "'subtitle' expects text" in problem.message
    assert "in quotes" in problem.hint
    assert at(problem.pos) == (2, 11)


def test_yes_in_a_bullet_list_gets_the_quoting_hint(tmp_path):
    problem = one_problem(tmp_path, slide('bullets: ["Ready?", yes]\n'))
    assert "expects text" in problem.message
    assert "in quotes" in problem.hint
    assert at(problem.pos) == (5, 29)


def test_boolean_field_rejects_other_words(tmp_path):
    problem = one_problem(tmp_path, slide("bullets: [a]\n        handout: maybe\n"))
    assert "'handout' expects true or false" in problem.message


def test_negative_minutes_are_rejected(tmp_path):
    problem = one_problem(tmp_path, slide("bullets: [a]\n        minutes: -5\n"))
    assert "'minutes'" in problem.message
    assert problem.pos.line == 6


def test_invalid_level_lists_the_choices(tmp_path):
    problem = one_problem(tmp_path, 'title: "Talk"\nlevel: intermediat\n')
    assert "'intermediat' is not a valid level" in problem.message
    assert "'intermediate'" in problem.hint


# ------------------------------------------------------------------ dates


def test_impossible_deck_date(tmp_path):
    problem = one_problem(tmp_path, 'title: "Talk"\ndate: 2026-13-45\n')
    assert "'date' expects a date" in problem.message
    assert "2026-13-45" in problem.message
    assert "YYYY-MM-DD" in problem.hint
    assert problem.pos.line == 2


@pytest.mark.parametrize("value", ["2026-13-45", "2026-13", "'20 May 2020'", "99"])
def test_invalid_article_published_date(tmp_path, value):
    problem = one_problem(tmp_path, f'title: "A"\npublished: {value}\n', Article)
    assert "published" in problem.message
    assert "YYYY" in problem.message + problem.hint
    assert problem.pos.line == 2


def test_author_and_authors_together(tmp_path):
    problem = one_problem(tmp_path, 'title: "A"\nauthor: "Jeffery Smith"\nauthors: ["Ann Jones"]\n', Article)
    assert "either `author` or `authors`" in problem.message
    assert problem.pos.line in (2, 3)  # at one of the two keys, not at the top of the file


@pytest.mark.parametrize("value", ["2020", "2020-05", "2020-05-03", "'2020-05-03'"])
def test_valid_article_published_dates(tmp_path, value):
    article = load(tmp_path, f'title: "A"\npublished: {value}\n', Article)
    assert str(article.published).startswith("2020")


# ------------------------------------------------------------------ slide kinds


def test_slide_with_two_kinds(tmp_path):
    problem = one_problem(tmp_path, slide("bullets: [a]\n        quote: smith/essence-of-love\n"))
    assert "two kinds" in problem.message
    assert "'bullets'" in problem.message and "'quote'" in problem.message
    assert "split it into two slides" in problem.hint
    assert problem.pos.line in (5, 6)


def test_slide_with_no_content(tmp_path):
    problem = one_problem(tmp_path, slide("title: Only a title\n"))
    assert "no content" in problem.message
    assert at(problem.pos) == (5, 9)
    assert "bullets" in problem.hint


def test_unknown_kind_suggests_the_closest(tmp_path):
    problem = one_problem(tmp_path, slide("kind: bulets\n        bullets: [a]\n"))
    assert "unknown slide kind 'bulets'" in problem.message
    assert problem.pos.line == 5
    assert "'bullets'" in problem.hint


def test_slide_that_is_not_a_mapping(tmp_path):
    problem = one_problem(tmp_path, slide('"just a sentence"\n'))
    assert "mapping" in problem.message
    assert at(problem.pos) == (5, 9)


def test_image_slide_needs_alt_text(tmp_path):
    problem = one_problem(tmp_path, slide("image: images/pic.png\n"))
    assert "missing required key 'alt'" in problem.message
    assert problem.pos.line == 5


# ------------------------------------------------------------------ all problems together


def test_all_problems_of_a_file_are_reported_together(tmp_path):
    found = problems(
        tmp_path,
        """\
        title: "Talk"
        subtitel: "Sub"
        date: 2026-13-45
        level: beginner
        sections:
          - title: "One"
            minuts: 5
            slides:
              - title: "No content"
              - bullets: [a]
                quote: smith/x
              - kind: bulets
                bullets: [a]
              - bullets: [a, yes]
                note: "typo"
        """,
    )
    lines = {p.pos.line for p in found}
    assert {2, 3, 4, 7, 9, 12, 14, 15} <= lines, sorted((p.pos.line, p.message) for p in found)
    assert lines & {10, 11}  # the two-kinds slide
    assert [p.pos.line for p in found] == sorted(p.pos.line for p in found)  # in file order


def test_problems_of_several_slides_in_one_section_keep_their_own_lines(tmp_path):
    found = problems(
        tmp_path,
        slide(
            "bullets: [a]\n"
            "        handout: maybe\n"
            "      - bullets: [b]\n"
            "        minutes: lots\n"
            "      - bullets: [c]\n"
            "        audiense: clients\n"
        ),
    )
    assert [p.pos.line for p in found] == [6, 8, 10]


# ------------------------------------------------------------------ mappings whose keys the file chooses


def test_a_wrong_value_under_a_chosen_key_is_reported_at_that_key(tmp_path):
    """msgspec says only `layouts[...]`: the problem is still found at the key whose value is wrong."""
    from deckbuilder.model import Theme

    found = problems(tmp_path, 'name: t\nlayouts:\n  bullets: "Title and Content"\n  quote: 5\n', Theme)
    problem = next(p for p in found if "quote" in p.message)
    assert problem.message == "'quote' expects text, found '5'"
    assert at(problem.pos) == (4, 10)


def test_a_wrong_key_of_a_mapping_is_reported_at_that_key(tmp_path):
    long = "a" * 301
    problem = one_problem(tmp_path, slide(f'title: "T"\n        bullets: [a]\n        for:\n          clients: {{title: "x"}}\n          {long}: {{title: "y"}}\n'))
    assert problem.message.startswith(f"the key '{long[:20]}")
    assert "not allowed here: expected text of length <= 300" in problem.message
    assert at(problem.pos) == (9, 11)
