"""`deckbuilder sources`: listing, showing and searching the article library, with references to paste."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import run_cli as run


@pytest.fixture
def in_workspace(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    return workspace


LISTING = [
    "ID     YEAR  AUTHORS        PRINCIPLES  QUOTES  TITLE",
    "smith  n.d.  Jeffery Smith  2           2       Healing a Lack of Primal Love",
]


@pytest.mark.parametrize("args", [["sources"], ["sources", "list"]])
def test_list_shows_each_article(in_workspace, args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == LISTING


def test_list_takes_root_before_or_after_the_subcommand(workspace, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args in (["sources", "--root", str(workspace.root), "list"], ["sources", "list", "--root", str(workspace.root)]):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == LISTING


def test_show_gives_every_reference_to_paste(in_workspace):
    result = run("sources", "show", "smith")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "smith: Healing a Lack of Primal Love",
        "  Jeffery Smith, n.d.",
        "  cite it with `cite: smith`",
        "",
        "Principles (write `principle: REFERENCE` in a slide):",
        "  smith/1  Give before you take",
        "      Offer something positive before asking for change.",
        "  smith/2  Internalize, do not replace",
        "      Help the client take in what was missing.",
        "",
        "Quotes (write `quote: REFERENCE` in a slide):",
        "  smith/essence-of-love",
        "      \u201cThis is the essence of love, the ability to repair breaches.\u201d",
        "  smith/fire-together  (Allan Schore)",
        "      \u201cCells that fire together, wire together.\u201d",
    ]


@pytest.mark.parametrize("ref", ["smith/2", "smith/internalize"])
def test_show_one_principle_by_number_or_id(in_workspace, ref):
    result = run("sources", "show", ref)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "  smith/2  Internalize, do not replace",
        "      Help the client take in what was missing.",
    ]


def test_unknown_article_suggests_the_closest(in_workspace):
    result = run("sources", "show", "smiht")
    assert result.exit_code == 1
    assert result.output == "error: unknown article 'smiht'\n  hint: did you mean 'smith'?\n"


def test_unknown_item_suggests_the_closest(in_workspace):
    result = run("sources", "show", "smith/fire-togther")
    assert result.exit_code == 1
    assert result.output == ("error: unknown principle or quote 'smith/fire-togther'\n"
                             "  hint: did you mean 'smith/fire-together'?\n")  # fmt: skip
    result = run("sources", "show", "smith/no-such-quote-at-all")
    assert result.output == ("error: unknown principle or quote 'smith/no-such-quote-at-all'\n"
                             "  hint: 'deckbuilder sources show smith' lists them\n")  # fmt: skip
    result = run("sources", "show", "smith/\u00b2")  # a digit to Python, not a number to int()
    assert result.exit_code == 1
    assert result.output.startswith("error: unknown principle or quote 'smith/\u00b2'\n")


def test_a_deck_naming_a_principle_by_a_superscript_digit_is_an_error(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    workspace.write("decks/talk.yaml", workspace.deck.read_text(encoding="utf-8").replace("smith/1", "smith/\u00b2"))
    result = run("check")
    assert result.exit_code == 1
    assert "unknown principle 'smith/\u00b2'" in result.output and "Traceback" not in result.output


def test_search_ranks_titles_before_summaries_before_quotes(in_workspace):
    result = run("sources", "search", "take")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "  smith/1  (principle)",  # "take" in its title
        "      Give before you take",
        "  smith/2  (principle)",  # in its summary
        "      Internalize, do not replace",
    ]


def test_search_puts_items_with_more_of_the_words_first(in_workspace):
    result = run("sources", "search", "LOVE", "repair")
    assert result.exit_code == 0, result.output
    refs = [line.split()[0] for line in result.output.splitlines() if not line.startswith("      ")]
    assert refs == ["smith/essence-of-love", "smith"]  # both words in the quote; one in the article title


def test_search_finds_word_beginnings_and_speakers(in_workspace):
    result = run("sources", "search", "schor")
    assert result.output.splitlines()[0] == "  smith/fire-together  (quote)"


def test_search_without_a_match_says_so(in_workspace):
    result = run("sources", "search", "zebra")
    assert result.exit_code == 1
    assert result.output == ("error: nothing in the library has 'zebra'\n"
                             "  hint: try fewer or other words; 'deckbuilder sources list' shows the articles\n")  # fmt: skip


def test_an_article_that_does_not_load_is_reported_with_the_others_shown(in_workspace):
    in_workspace.write("decks/articles/bad.yaml", 'title: "Bad"\nquotes: [{id: x}]\n')
    result = run("sources", "list")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == LISTING
    assert "error: decks/articles/bad.yaml:2:10: missing required key 'text'" in result.output


def test_a_folder_without_a_library_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("sources")
    assert result.exit_code == 1
    assert result.output == (f"error: no article library: '{tmp_path / 'decks' / 'articles'}' is not a folder\n"
                             "  hint: run deckbuilder in a workspace (one with decks/articles/), or pass --root DIR\n")  # fmt: skip


def test_sources_in_a_subprocess(workspace):
    done = subprocess.run([sys.executable, "-m", "deckbuilder", "sources", "show", "smith/1"],
                          cwd=workspace.root, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "  smith/1  Give before you take"
