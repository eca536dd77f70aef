"""Quote fidelity: quotes and excerpts are found in the article's `text:`, or the closest passage
and the word differences are shown; a quote of 40 words or more is too long for a slide."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from conftest import SMITH
from typer.testing import CliRunner

from deckbuilder.checks.quotes import Source
from deckbuilder.cli import app

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
ARTICLE = SMITH.replace("credentials: MD\n", "text: smith.txt\n").replace(
    'summary: "Offer something positive before asking for change."',
    'excerpt: "offer something \u2014 anything \u2014 positive first"')
TEXT = """\
Principle 1: Give before you take. We should Offer something – anything –
positive first.

As Schore put it: “Cells that fire together, wire together.” And this is the
essence   of love, the ability to repair breaches when attunement fails.
"""


def findings(workspace, monkeypatch, article: str = ARTICLE, text: str | bytes = TEXT):
    """Return the findings of `check --json` on the fixture workspace with this article and text."""
    workspace.write("decks/articles/smith.yaml", article)
    workspace.write("decks/articles/smith.txt", text, dedent=False)
    monkeypatch.chdir(workspace.root)
    result = CliRunner().invoke(app, ["check", "--json"])
    return result, json.loads(result.stdout)


def only(found: list[dict], code: str) -> list[dict]:
    return [{k: f[k] for k in ("code", "file", "line", "column", "message", "hint")} for f in found if f["code"] == code]


def test_quotes_are_found_whatever_their_typography_first_letter_and_final_stop(workspace, monkeypatch):
    result, found = findings(workspace, monkeypatch)
    assert result.exit_code == 0, result.output
    assert only(found, "quote.not-found") == []


def test_a_quote_not_in_the_text_shows_the_closest_passage_and_the_words_that_differ(workspace, monkeypatch):
    article = ARTICLE.replace("wire together.", "wires together.")
    result, found = findings(workspace, monkeypatch, article)
    assert result.exit_code == 0, result.output
    assert only(found, "quote.not-found") == [{
        "code": "quote.not-found", "file": "decks/articles/smith.yaml", "line": 16, "column": 11,
        "message": "quote 'fire-together' is not in the article text: "
                   "text has \u201cwire together\u201d, the quote \u201cwires together\u201d",
        "hint": "the closest passage (smith.txt, line 4): \u201cCells that fire together, wire together\u201d",
    }]  # fmt: skip


def test_an_excerpt_not_in_the_text_is_found_at_the_excerpt(workspace, monkeypatch):
    article = ARTICLE.replace("anything — positive", "anything positive at all")
    _, found = findings(workspace, monkeypatch, article)
    [finding] = only(found, "quote.not-found")
    assert (finding["line"], finding["column"]) == (7, 14)
    assert finding["message"] == ("the excerpt of principle 1 is not in the article text: "
                                  "text has \u201c- positive\u201d, the quote \u201cpositive\u201d; "
                                  "text has \u201cfirst\u201d, the quote \u201cat all first\u201d")  # fmt: skip


def test_words_left_out_must_be_marked_and_the_rest_in_order(workspace, monkeypatch):
    marked = ARTICLE.replace("ability to repair breaches.", "ability to repair [ruptures] ... when attunement fails")
    assert only(findings(workspace, monkeypatch, marked)[1], "quote.not-found") == []
    reordered = ARTICLE.replace("This is the essence of love, the ability to repair breaches.",
                                "the ability to repair breaches ... This is the essence of love")  # fmt: skip
    [finding] = only(findings(workspace, monkeypatch, reordered)[1], "quote.not-found")
    assert finding["message"].startswith("quote 'essence-of-love' is not in the article text: ")


def test_case_matters_after_the_first_letter(workspace, monkeypatch):
    article = ARTICLE.replace("Cells that fire together", "cells That fire together")
    [finding] = only(findings(workspace, monkeypatch, article)[1], "quote.not-found")
    assert finding["message"].endswith("text has \u201cthat fire\u201d, the quote \u201cThat fire\u201d")


def test_a_quote_like_nothing_in_the_text_says_so(workspace, monkeypatch):
    article = ARTICLE.replace("Cells that fire together, wire together.", "Quiet rivers run deep under snow.")
    [finding] = only(findings(workspace, monkeypatch, article)[1], "quote.not-found")
    assert finding["message"] == "quote 'fire-together' is not in the article text, and no passage of it is close"
    assert finding["hint"] == "check that `text:` is this article's text, and copy the quotation from it"


def test_a_quote_of_40_words_is_too_long_for_a_slide(workspace, monkeypatch):
    words = " ".join(["word"] * 40)
    article = ARTICLE.replace("This is the essence of love, the ability to repair breaches.", words)
    _, found = findings(workspace, monkeypatch, article.replace("text: smith.txt\n", ""))
    assert only(found, "quote.long") == [{
        "code": "quote.long", "file": "decks/articles/smith.yaml", "line": 13, "column": 11,
        "message": "quote 'essence-of-love' has 40 words, too long for a slide",
        "hint": "APA sets a quotation of 40 words or more as a block: quote a shorter passage, or summarize it",
    }]  # fmt: skip
    shorter = ARTICLE.replace("This is the essence of love, the ability to repair breaches.", " ".join(["word"] * 39))
    assert only(findings(workspace, monkeypatch, shorter.replace("text: smith.txt\n", ""))[1], "quote.long") == []


def test_an_article_text_that_is_not_utf8_is_an_error_at_its_text_line(workspace, monkeypatch):
    result, found = findings(workspace, monkeypatch, text=b"Fine first line.\nCaf\xe9 society.\n")
    assert result.exit_code == 1
    [error] = [f for f in found if f["severity"] == "error"]
    assert (error["file"], error["line"], error["column"]) == ("decks/articles/smith.yaml", 3, 7)
    assert error["message"] == "article text is not UTF-8 text (byte 0xe9 on line 2, column 4): 'smith.txt'"
    assert error["hint"].startswith("save the file as UTF-8")


def test_a_missing_article_text_is_an_error_at_its_text_line(workspace, monkeypatch):
    workspace.write("decks/articles/smith.yaml", ARTICLE.replace("smith.txt", "gone.txt"))
    monkeypatch.chdir(workspace.root)
    result = CliRunner().invoke(app, ["check", "--json"])
    assert result.exit_code == 1
    [error] = json.loads(result.stdout)
    assert (error["line"], error["column"], error["message"]) == (3, 7, "article text not found: 'gone.txt'")


def test_the_closest_passage_of_a_100_kb_text_is_found_fast():
    filler = "Attachment research follows infants into adult life and love. " * 1600
    source = Source(filler + "Cells that fire together, wire together. " + filler)
    assert len(filler) * 2 > 100_000
    start = time.perf_counter()
    assert not source.has("Cells that fire together, wires together.")
    finding = source.report("quote 'x'", "Cells that fire together, wires together.", None, "t.txt")
    assert time.perf_counter() - start < 2  # a quadratic search would take minutes; loose for a busy machine
    assert finding.message == "quote 'x' is not in the article text: text has \u201cwire together\u201d, the quote \u201cwires together\u201d"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not beside the repository")
def test_the_sample_quotes_are_in_the_source_articles(tmp_path, monkeypatch):
    """The sample ships no article texts (they are third-party writing); given them, it passes."""
    root = tmp_path / "ws"
    shutil.copytree(REPO / "decks", root / "decks")
    seeds = {"smith-primal-love": "000_", "burgo-shame": "001_", "kift-early-relationship": "002_",
             "goodtherapy-anxious-attachment": "003_"}  # fmt: skip
    for article, prefix in seeds.items():
        [seed] = SEEDS.glob(prefix + "*.txt")
        shutil.copy(seed, root / "decks" / "articles" / f"{article}.txt")
        yaml = root / "decks" / "articles" / f"{article}.yaml"
        text = yaml.read_text(encoding="utf-8")
        yaml.write_text(text.replace("\ntext: null", f"\ntext: {article}.txt  #"), encoding="utf-8")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["check", "--json", "--strict"])
    assert result.exit_code == 0, result.output
    assert not [f for f in json.loads(result.stdout) if f["code"].startswith("quote.")]


def test_a_deck_answers_only_for_the_quotations_it_shows(workspace, monkeypatch):
    article = ARTICLE.replace("wire together.", "wires together.") + (
        "  - id: unused\n    text: \"" + " ".join(["word"] * 45) + "\"\n")
    workspace.write("decks/talk.yaml", workspace.deck.read_text().replace("      - quote: smith/fire-together\n", ""),
                    dedent=False)  # fmt: skip
    result, found = findings(workspace, monkeypatch, article)
    assert result.exit_code == 0, result.output
    assert only(found, "quote.not-found") == [] and only(found, "quote.long") == []


@pytest.mark.parametrize("quote", ["ells that fire together", "...", "[sic]"])
def test_a_quote_is_found_as_whole_words_and_one_without_words_is_not_found(workspace, monkeypatch, quote):
    article = ARTICLE.replace("Cells that fire together, wire together.", quote)
    result, found = findings(workspace, monkeypatch, article)
    assert result.exit_code == 0, result.output
    assert [f["line"] for f in only(found, "quote.not-found")] == [16]
