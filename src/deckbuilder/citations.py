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


def in_text(article: Article, speaker: str | None = None) -> str:
    """Return the parenthetical citation: (Smith, n.d.) or (Schore, as cited in Burgo, n.d.)."""
    return joined([(article, speaker)])


def joined(works: list[tuple[Article, str | None]]) -> str:
    """Return one parenthetical citation of several works, as APA 7 joins them: in the order of
    their first authors, separated by semicolons, the years of one author's works after one name:
    "(Burgo, n.d.; Kift, 2019)", "(Smith, 2019, 2021)"; "" for none."""
    years: dict[str, list[str]] = {}
    for article, speaker in sorted(works, key=lambda work: (_who(*work).lstrip("\u201c").lower(), year(work[0]))):
        shown = years.setdefault(_who(article, speaker), [])
        if year(article) not in shown:
            shown.append(year(article))
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


def label(article: Article) -> str:
    """Return how a principle's number is told apart from another article's: its authors as an
    in-text citation names them ("Smith", "Smith & Jones"), or its short title."""
    return _who(article).rstrip(",\u201d") + ("\u201d" if not article.author_names else "")


def _short_title(title: str) -> str:
    """Return the first words of a title, up to a colon or comma, for an in-text citation."""
    words = re.split(r"[:,]", title)[0].rstrip("?!.").split()
    return " ".join(words[:6])


def reference(article: Article) -> Rich:
    """Return the reference-list entry; the title (or the site, when known) is in italics."""
    date = _date(published(article))
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


def sort_key(article: Article) -> str:
    """Return what APA orders the reference list by: the first author, else the title."""
    first = article.author_names[0] if article.author_names else article.title
    key = surname(first) + " " + first if article.author_names else first
    return re.sub(r"^(the|a|an)\s+", "", key.lower().lstrip("\"'\u201c#0123456789. "))


def _author_list(names: list[str]) -> str:
    people = [apa_author(n) for n in names]
    if len(people) == 1:
        return people[0]
    if len(people) <= 20:
        return ", ".join(people[:-1]) + ", & " + people[-1]
    return ", ".join(people[:19]) + ", \u2026 " + people[-1]


def _date(published: str | None) -> str:
    if not published:
        return "n.d."
    parts = published.split("-")
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    return f"{parts[0]}, {month}" + (f" {int(parts[2])}" if len(parts) == 3 else "")
