"""The article library: references by number and id, their errors and hints, duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckbuilder.errors import DeckError, Position, Problems
from deckbuilder.library import load_library, slug
from deckbuilder.model import Principle, Quote

from conftest import SMITH

POS = Position(Path("decks/talk.yaml"), 7, 16)


def library(workspace):
    problems = Problems()
    lib = load_library([workspace.root / "decks" / "articles"], problems, workspace.root)
    return lib, problems.items


def lookup_error(lib, ref: str, want: str):
    with pytest.raises(DeckError) as info:
        lib.lookup(ref, want, POS)
    [problem] = info.value.problems
    assert problem.pos == POS  # the error points at the reference in the deck
    return problem


# ------------------------------------------------------------------ lookups


def test_fixture_library_loads_without_problems(workspace):
    lib, problems = library(workspace)
    assert problems == []
    assert list(lib.entries) == ["smith"]


def test_lookup_principle_by_number(workspace):
    lib, _ = library(workspace)
    entry, item = lib.lookup("smith/2", "principle", POS)
    assert entry.id == "smith"
    assert isinstance(item, Principle)
    assert item.title == "Internalize, do not replace"


def test_lookup_principle_by_id(workspace):
    lib, _ = library(workspace)
    _, item = lib.lookup("smith/internalize", "principle", POS)
    assert item.number == 2


def test_lookup_principle_by_default_id(workspace):
    lib, _ = library(workspace)
    _, item = lib.lookup("smith/give-before-you-take", "principle", POS)
    assert item.number == 1


def test_lookup_quote_by_id(workspace):
    lib, _ = library(workspace)
    _, item = lib.lookup("smith/fire-together", "quote", POS)
    assert isinstance(item, Quote)
    assert item.text == "Cells that fire together, wire together."
    assert item.speaker == "Allan Schore"


def test_lookup_article(workspace):
    lib, _ = library(workspace)
    entry, item = lib.lookup("smith", "article", POS)
    assert entry.article.title == "Healing a Lack of Primal Love"
    assert item is None


# ------------------------------------------------------------------ mismatches and unknowns


# (reference, what the slide wants, in the message, in the hint, never in the hint)
WRONG_REFERENCES = [
    ("smith/internalize", "quote", "'smith/internalize' is a principle, not a quote",
     ["smith/essence-of-love"], []),  # shows the quotes there are
    ("smith/1", "quote", "is a principle, not a quote", [], []),
    ("smith/essence-of-love", "principle", "is a quote, not a principle", [], []),
    ("smith", "quote", "names an article, not a quote", ["smith/essence-of-love"], []),
    ("smith/essence-of-lov", "quote", "unknown quote 'smith/essence-of-lov'",
     ["smith/essence-of-love"], ["fire-together"]),  # only the close ones
    ("smith/zzz", "quote", "unknown quote 'smith/zzz'", ["smith/essence-of-love", "smith/fire-together"], []),
    ("smith/7", "principle", "unknown principle 'smith/7'", ["smith/1"], []),
    ("smyth/1", "principle", "unknown article 'smyth'", ["'smith'"], []),
]  # fmt: skip


@pytest.mark.parametrize("ref, want, message, hints, absent", WRONG_REFERENCES)
def test_a_wrong_reference_says_what_it_names_and_what_exists(workspace, ref, want, message, hints, absent):
    lib, _ = library(workspace)
    problem = lookup_error(lib, ref, want)
    assert message in problem.message
    assert all(h in problem.hint for h in hints), problem.hint
    assert not any(a in problem.hint for a in absent), problem.hint


# ------------------------------------------------------------------ duplicates


def test_principle_and_quote_sharing_an_id(workspace):
    workspace.write("decks/articles/smith.yaml", SMITH.replace("id: internalize", "id: essence-of-love"))
    _, problems = library(workspace)
    [problem] = problems
    assert problem.message == "duplicate id 'essence-of-love' in article 'smith', first at line 8"
    assert problem.pos.file.name == "smith.yaml"
    assert problem.pos.line == 13  # the quote, the second use of the id
    assert "rename" in problem.hint


def test_two_quotes_sharing_an_id(workspace):
    workspace.write("decks/articles/smith.yaml", SMITH.replace("id: fire-together", "id: essence-of-love"))
    _, problems = library(workspace)
    [problem] = problems
    assert "duplicate id 'essence-of-love'" in problem.message
    assert problem.pos.line == 15


def test_duplicate_principle_number(workspace):
    workspace.write("decks/articles/smith.yaml", SMITH.replace("number: 2", "number: 1"))
    _, problems = library(workspace)
    [problem] = problems
    assert problem.message == "duplicate principle number 1, first at line 5"
    assert (problem.pos.line, problem.pos.col) == (8, 13)
    assert problem.hint == "give each principle its own `number:`"


def test_two_articles_with_one_id(workspace):
    workspace.write("decks/articles/zz-copy.yaml", "id: smith\n" + SMITH)
    _, problems = library(workspace)
    [problem] = problems
    assert "duplicate article id 'smith'" in problem.message
    assert problem.pos.file.name == "zz-copy.yaml"
    assert "smith.yaml" in problem.hint


def test_problems_of_every_article_are_collected(workspace):
    workspace.write("decks/articles/a.yaml", 'title: "A"\nautor: X\n')
    workspace.write("decks/articles/b.yaml", 'title: "B"\npublished: 2020-13-01\n')
    lib, problems = library(workspace)
    assert sorted(p.pos.file.name for p in problems) == ["a.yaml", "b.yaml"]
    assert "smith" in lib.entries  # the good article is still indexed


# ------------------------------------------------------------------ ids and slugs


def test_article_id_defaults_to_the_file_stem(workspace):
    workspace.write("decks/articles/kift-early.yaml", 'title: "Early"\nauthor: "Lisa Brookes Kift"\n')
    lib, _ = library(workspace)
    assert sorted(lib.entries) == ["kift-early", "smith"]


def test_explicit_article_id_wins(workspace):
    workspace.write("decks/articles/smith.yaml", "id: smith-primal-love\n" + SMITH)
    lib, problems = library(workspace)
    assert problems == []
    assert list(lib.entries) == ["smith-primal-love"]
    assert lib.lookup("smith-primal-love/1", "principle", POS)[1].number == 1


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Give before you take", "give-before-you-take"),
        ("Internalize, don't replace!", "internalize-don-t-replace"),
        ("Café crème: ça va?", "cafe-creme-ca-va"),
        ("  Step 1 -- the   start  ", "step-1-the-start"),
    ],
)
def test_slug(title, expected):
    assert slug(title) == expected
