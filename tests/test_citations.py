"""APA 7 citations: author names, in-text citations, dates, reference entries and their order."""

from __future__ import annotations

import itertools
import textwrap
from pathlib import Path

import pytest

from deckbuilder import citations, deck
from deckbuilder.deck import text_of
from deckbuilder.load import load_yaml
from deckbuilder.model import Article
from deckbuilder.validate import validate

_files = itertools.count()


@pytest.fixture
def article(tmp_path: Path):
    """Return a function: article YAML text -> validated Article (as the library loads it)."""

    def make(text: str) -> Article:
        path = tmp_path / f"article{next(_files)}.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return validate(load_yaml(path), Article)

    return make


# ------------------------------------------------------------------ names


@pytest.mark.parametrize(
    "name, apa",
    [
        ("Jeffery Smith", "Smith, J."),
        ("Lisa Brookes Kift", "Kift, L. B."),
        ("Nhat Hanh, Thich", "Nhat Hanh, T."),
        ("Jean-Paul Sartre", "Sartre, J.-P."),
        ("Plato", "Plato"),
    ],
)
def test_apa_author(name, apa):
    assert citations.apa_author(name) == apa


def test_display_name_puts_given_names_first():
    assert citations.display_name("Nhat Hanh, Thich") == "Thich Nhat Hanh"
    assert citations.display_name("Jeffery Smith") == "Jeffery Smith"


# ------------------------------------------------------------------ in-text citations


def test_in_text_single_author_without_date(article):
    smith = article('title: "Healing a Lack of Primal Love"\nauthors: ["Jeffery Smith"]\n')
    assert citations.in_text(smith) == "(Smith, n.d.)"


def test_in_text_secondary_source(article):
    burgo = article('title: "Attachment Theory and the Origins of Shame"\nauthor: "Joseph Burgo"\n')
    assert citations.in_text(burgo, "Allan Schore") == "(Schore, as cited in Burgo, n.d.)"


def test_in_text_secondary_source_with_family_name_first(article):
    burgo = article('title: "T"\nauthor: "Joseph Burgo"\npublished: 2019\n')
    assert citations.in_text(burgo, "Nhat Hanh, Thich") == "(Nhat Hanh, as cited in Burgo, 2019)"


@pytest.mark.parametrize(
    "authors, expected",
    [
        ('["Jeffery Smith"]', "(Smith, 2020)"),
        ('["Jeffery Smith", "Ann Jones"]', "(Smith & Jones, 2020)"),
        ('["Jeffery Smith", "Ann Jones", "Bo Lee"]', "(Smith et al., 2020)"),
        ('["Nhat Hanh, Thich"]', "(Nhat Hanh, 2020)"),
    ],
)
def test_in_text_author_counts(article, authors, expected):
    assert citations.in_text(article(f'title: "T"\nauthors: {authors}\npublished: 2020\n')) == expected


def test_in_text_without_author_uses_the_title(article):
    anon = article('title: "Anxious Attachment"\nsite: "GoodTherapy"\npublished: 2021\n')
    assert citations.in_text(anon) == "(\u201cAnxious Attachment,\u201d 2021)"


def test_in_text_without_author_shortens_the_title_at_a_colon_or_comma(article):
    anon = article('title: "Own the Inner Child: Breaking Free"\n')
    assert citations.in_text(anon) == "(\u201cOwn the Inner Child,\u201d n.d.)"


def test_reference_title_ending_in_a_question_mark_gets_no_period(article):
    asked = article('title: "Why Does It Matter?"\nsite: "A Blog"\npublished: 2023-11\n')
    assert deck.text_of(citations.reference(asked)) == "Why Does It Matter? (2023, November). A Blog."


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    "published, in_reference",
    [
        ("2020", "(2020)."),
        ("2020-05", "(2020, May)."),
        ("2020-05-03", "(2020, May 3)."),  # YAML reads this as a date
        ('"2020-05-03"', "(2020, May 3)."),  # ... and this as text
        ("2020-12-25", "(2020, December 25)."),
    ],
)
def test_reference_dates(article, published, in_reference):
    a = article(f'title: "T"\nauthor: "Jeffery Smith"\npublished: {published}\n')
    assert f"Smith, J. {in_reference}" in text_of(citations.reference(a))
    assert citations.in_text(a) == "(Smith, 2020)"


def test_missing_date_is_nd(article):
    a = article('title: "T"\nauthor: "Jeffery Smith"\n')
    assert text_of(citations.reference(a)).startswith("Smith, J. (n.d.). ")


# ------------------------------------------------------------------ reference entries


def test_reference_with_site_and_url(article):
    a = article(
        """\
        title: "Healing a Lack of Primal Love"
        authors: ["Jeffery Smith"]
        site: "Psychology Today"
        published: 2020-05-03
        url: "https://example.org/primal-love"
        """
    )
    runs = citations.reference(a)
    assert text_of(runs) == (
        "Smith, J. (2020, May 3). Healing a Lack of Primal Love. Psychology Today. "
        "https://example.org/primal-love"
    )
    italic = [r.text for r in runs if r.italic]
    assert italic == ["Psychology Today"]  # the site is italic, the article title is not


def test_reference_without_site_italicizes_the_title(article):
    runs = citations.reference(article('title: "Healing"\nauthors: ["Jeffery Smith"]\n'))
    assert text_of(runs) == "Smith, J. (n.d.). Healing."
    assert any(r.italic and "Healing" in r.text for r in runs)
    assert not any(r.italic and "Smith" in r.text for r in runs)


def test_reference_author_list(article):
    a = article('title: "T"\nauthors: ["Jeffery Smith", "Lisa Brookes Kift", "Ann Jones"]\n')
    assert text_of(citations.reference(a)).startswith("Smith, J., Kift, L. B., & Jones, A. (n.d.). ")


def test_reference_without_author_starts_with_the_title(article):
    a = article('title: "Anxious Attachment"\nsite: "GoodTherapy"\npublished: 2021\n')
    assert text_of(citations.reference(a)) == "Anxious Attachment. (2021). GoodTherapy."


def test_reference_keeps_a_single_final_period(article):
    a = article('title: "Ends with a period."\nauthor: "Jeffery Smith"\nsite: "Blog."\n')
    assert text_of(citations.reference(a)) == "Smith, J. (n.d.). Ends with a period. Blog."


# ------------------------------------------------------------------ order of the reference list


def test_reference_list_order(article):
    smith = article('title: "Primal Love"\nauthor: "Jeffery Smith"\n')
    burgo = article('title: "Shame"\nauthor: "Joseph Burgo"\n')
    kift = article('title: "Early Relationship"\nauthor: "Lisa Brookes Kift"\n')
    hanh = article('title: "Peace"\nauthor: "Nhat Hanh, Thich"\n')
    anon = article('title: "The Anxious Mind"\n')  # no author: sorted by title, without "The"
    ordered = sorted([smith, hanh, anon, kift, burgo], key=citations.sort_key)
    assert [a.title for a in ordered] == [
        "The Anxious Mind", "Shame", "Early Relationship", "Peace", "Primal Love",
    ]  # fmt: skip


def test_works_of_the_same_authors_sort_undated_first_then_by_date_then_by_title(article):
    smith = 'authors: ["Jeffery Smith"]\n'
    later = article('title: "Apples"\npublished: 2021\n' + smith)
    zebras = article('title: "Zebras"\npublished: 2019\n' + smith)
    apples = article('title: "The apples"\npublished: 2019-05\n' + smith)
    undated = article('title: "Undated"\n' + smith)
    with_jones = article('title: "Aardvarks"\nauthors: ["Jeffery Smith", "Ann Jones"]\npublished: 2000\n')
    ordered = sorted([with_jones, later, zebras, apples, undated], key=citations.sort_key)
    assert ordered == [undated, apples, zebras, later, with_jones]


def test_same_family_name_sorts_by_given_name(article):
    ann = article('title: "B"\nauthor: "Ann Smith"\n')
    jeff = article('title: "A"\nauthor: "Jeffery Smith"\n')
    assert sorted([jeff, ann], key=citations.sort_key) == [ann, jeff]


# ------------------------------------------------------------------ several works in one citation


def test_several_works_are_joined_in_the_order_of_their_authors(article):
    kift = article('title: "Early relationships"\nauthors: ["Lisa Brookes Kift"]\npublished: 2019\n')
    burgo = article('title: "Shame"\nauthors: ["Joseph Burgo"]\n')
    assert citations.joined([(kift, None, "2019"), (burgo, None, "n.d.")]) == "(Burgo, n.d.; Kift, 2019)"


def test_works_of_one_author_share_the_name_and_list_their_years(article):
    later = article('title: "B"\nauthors: ["Jeffery Smith"]\npublished: 2021\n')
    earlier = article('title: "A"\nauthors: ["Jeffery Smith"]\npublished: 2019\n')
    anon = article('title: "Anxious Attachment: a guide"\npublished: 2020\n')
    assert citations.joined([(later, None, "2021"), (anon, None, "2020"), (earlier, None, "2019")]) == (
        "(\u201cAnxious Attachment,\u201d 2020; Smith, 2019, 2021)")


def test_a_joined_citation_of_no_work_is_empty():
    assert citations.joined([]) == ""


def test_a_principle_label_names_the_authors_or_the_title(article):
    assert citations.label(article('title: "T"\nauthors: ["Jeffery Smith", "Ann Jones"]\n')) == "Smith & Jones"
    assert citations.label(article('title: "Anxious Attachment: a guide"\n')) == "\u201cAnxious Attachment\u201d"


# ------------------------------------------------------------------ works told apart


def test_works_of_the_same_authors_and_year_get_letters_by_title(article):
    smith = 'authors: ["Jeffery Smith"]\n'
    zebras = article('title: "Zebras"\npublished: 2026\n' + smith)
    apples = article('title: "An apple"\npublished: 2026-01\n' + smith)
    older = article('title: "Older"\npublished: 2019\n' + smith)
    undated = [article(f'title: "{t}"\n' + smith) for t in "BA"]
    jones = article('title: "Other"\nauthors: ["Ann Jones"]\npublished: 2026\n')
    assert citations.told_apart([zebras, apples, older, *undated, jones]) == [
        ("2026b", "Smith 2026b"), ("2026a", "Smith 2026a"), ("2019", "Smith 2019"),
        ("n.d.-b", "Smith n.d.-b"), ("n.d.-a", "Smith n.d.-a"), ("2026", "Jones")]
    assert text_of(citations.reference(apples, "2026a")) == "Smith, J. (2026a, January). An apple."
