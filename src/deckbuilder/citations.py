"""APA 7 citations: in-text citations and reference-list entries for library articles."""

from __future__ import annotations

import re

from .deck import Rich, Run
from .model import Article, published

_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _split(name: str) -> tuple[str, list[str]]:
    """Return (family name, given names): the last word, or what precedes a comma.

    "Nhat Hanh, Thich" names a family name of several words, as APA asks for Thich Nhat Hanh.
    """
    if "," in name:
        family, _, given = name.partition(",")
        return family.strip(), given.split()
    words = name.split()
    return (words[-1], words[:-1]) if words else (name, [])


def surname(name: str) -> str:
    """Return the family name: "Smith" for "Jeffery Smith", "Nhat Hanh" for "Nhat Hanh, Thich"."""
    return _split(name)[0]


def display_name(name: str) -> str:
    """Return the name as spoken: "Thich Nhat Hanh" for "Nhat Hanh, Thich"."""
    family, given = _split(name)
    return " ".join(given + [family]) if "," in name else name


def apa_author(name: str) -> str:
    """Return "Smith, J." for "Jeffery Smith" and "Kift, L. B." for "Lisa Brookes Kift"."""
    family, given = _split(name)
    if not given:
        return family
    return f"{family}, " + " ".join(_initial(w) for w in given)


def _initial(word: str) -> str:
    parts = [p for p in word.split("-") if p]
    return "-".join(p[0].upper() + "." for p in parts)


def year(article: Article) -> str:
    date = published(article)
    return date[:4] if date else "n.d."


def told_apart(articles: list[Article]) -> list[tuple[str, str]]:
    """Return each article's year as cited and its principle label, so that no two works read alike:
    works of the same authors and year get letters in reference-list order ("2026a", "n.d.-a"), and
    the label of a work whose authors wrote another one carries its year ("Smith 2026a")."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i in sorted(range(len(articles)), key=lambda i: sort_key(articles[i])):
        groups.setdefault((_who(articles[i]), year(articles[i])), []).append(i)
    years = [year(article) for article in articles]
    for same in (group for group in groups.values() if len(group) > 1):
        for letter, i in zip("abcdefghijklmnopqrstuvwxyz", same):
            years[i] += ("-" if years[i] == "n.d." else "") + letter
    authors = [_who(article) for article in articles]
    return [(years[i], label(article, years[i] if authors.count(authors[i]) > 1 else ""))
            for i, article in enumerate(articles)]  # fmt: skip


def in_text(article: Article, speaker: str | None = None) -> str:
    """Return the parenthetical citation: (Smith, n.d.) or (Schore, as cited in Burgo, n.d.)."""
    return joined([(article, speaker, year(article))])


def joined(works: list[tuple[Article, str | None, str]]) -> str:
    """Return one parenthetical citation of several works (each an article, who in it speaks, and its
    year as cited), as APA 7 joins them: in the order of their first authors, separated by semicolons,
    the years of one author's works after one name: "(Burgo, n.d.; Kift, 2019)",
    "(Smith, 2019, 2021)", "(Smith, 2026a, 2026b)"; "" for none."""
    years: dict[str, list[str]] = {}
    ordered = sorted(works, key=lambda work: (_who(*work[:2]).lstrip("\u201c").lower(), work[2]))
    for article, speaker, when in ordered:
        shown = years.setdefault(_who(article, speaker), [])
        if when not in shown:
            shown.append(when)
    parts = [who + (" " if who.endswith(",\u201d") else ", ") + ", ".join(when) for who, when in years.items()]
    return f"({'; '.join(parts)})" if parts else ""


def _who(article: Article, speaker: str | None = None) -> str:
    """Return who an in-text citation names: "Smith", "Smith & Jones", "Smith et al.", a speaker
    "as cited in" them, or a short title in quotes (the comma inside them) when there is no author."""
    names = article.author_names
    if not names:
        who = f"\u201c{_short_title(article.title)},\u201d"
    elif len(names) == 1:
        who = surname(names[0])
    elif len(names) == 2:
        who = f"{surname(names[0])} & {surname(names[1])}"
    else:
        who = f"{surname(names[0])} et al."
    return f"{surname(speaker)}, as cited in {who}" if speaker else who


def label(article: Article, when: str = "") -> str:
    """Return how a principle's number is told apart from another article's: its authors as an
    in-text citation names them ("Smith", "Smith & Jones"), or its short title; then `when`, a year
    that tells apart works of the same authors ("Smith 2026a")."""
    who = _who(article).rstrip(",\u201d") + ("\u201d" if not article.author_names else "")
    return f"{who} {when}" if when else who


def _short_title(title: str) -> str:
    """Return the first words of a title, up to a colon or comma, for an in-text citation."""
    words = re.split(r"[:,]", title)[0].rstrip("?!.").split()
    return " ".join(words[:6])


def reference(article: Article, when: str | None = None) -> Rich:
    """Return the reference-list entry, dated with `when`, its year as cited ("2026a"); the title (or
    the site, when known) is in italics."""
    date = _date(published(article), when or year(article))
    title = article.title.rstrip(".")
    title += "" if title.endswith(("?", "!")) else "."
    names = article.author_names
    runs: list[Run] = []
    if names:
        runs.append(Run(f"{_author_list(names)} ({date}). "))
        runs.append(Run(title, italic=not article.site))
    else:
        runs.append(Run(title, italic=not article.site))
        runs.append(Run(f" ({date})."))
    if article.site:
        runs.append(Run(" "))
        runs.append(Run(article.site.rstrip("."), italic=True))
        runs.append(Run("."))
    if article.url:
        runs.append(Run(f" {article.url}"))
    return tuple(runs)


def sort_key(article: Article) -> tuple:
    """Return what APA orders the reference list by: the authors (one author before the same author
    with others), else the title; then the year, undated works first; then the title."""
    authors = tuple(_sortable(surname(name) + " " + name) for name in article.author_names)
    title = _sortable(article.title)
    return authors or (title,), (published(article) is not None, year(article)), title


def _sortable(text: str) -> str:
    """Return text as APA alphabetizes it: in lower case, without a leading article or numbering."""
    return re.sub(r"^(the|a|an)\s+", "", text.lower().lstrip("\"'\u201c#0123456789. "))


def _author_list(names: list[str]) -> str:
    people = [apa_author(n) for n in names]
    if len(people) == 1:
        return people[0]
    if len(people) <= 20:
        return ", ".join(people[:-1]) + ", & " + people[-1]
    return ", ".join(people[:19]) + ", \u2026 " + people[-1]


def _date(published: str | None, when: str) -> str:
    """Return a reference's date: its year as cited (`when`: "2026a", "n.d."), then month and day."""
    parts = (published or "").split("-")
    if len(parts) == 1:
        return when
    month = _MONTHS[int(parts[1]) - 1]
    return f"{when}, {month}" + (f" {int(parts[2])}" if len(parts) == 3 else "")
