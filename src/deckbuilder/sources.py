"""Browsing the article library: what articles there are, what each offers, and where words occur.

Every principle and quotation is shown with the reference a deck uses for it
(`principle: smith-primal-love/5`, `quote: burgo-shame/fire-together`), so it can be pasted.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import DeckError, Problem, Problems, did_you_mean, shown
from .library import Entry, Library, load_library
from .model import Principle, Quote

WIDTH = 100  # the width text is wrapped to
INDENT = "      "
# How much a word counts where it is found: in a title, a summary, or a quotation's text.
WEIGHTS = {"title": 3, "summary": 2, "text": 1}


def library_folder(root: Path) -> Path:
    """Return the workspace's article library: decks/articles/."""
    return root / "decks" / "articles"


def load(root: Path) -> tuple[Library, list[Problem]]:
    """Return the workspace's library, and the problems of the article files that did not load."""
    folder = library_folder(root)
    if not folder.is_dir():
        raise DeckError(Problem(f"no article library: {shown(folder)} is not a folder", None,
                                "run deckbuilder in a workspace (one with decks/articles/), or pass --root DIR"))  # fmt: skip
    problems = Problems()
    library = load_library([folder], problems, root)
    return library, problems.items


def listing(library: Library) -> list[tuple[str, ...]]:
    """Return one row per article: id, year, authors, how many principles and quotes, title."""
    rows = [("ID", "YEAR", "AUTHORS", "PRINCIPLES", "QUOTES", "TITLE")]
    for entry in library.entries.values():
        article = entry.article
        rows.append((entry.id, entry.year, _authors(entry), str(len(article.principles)),
                     str(len(article.quotes)), article.title))  # fmt: skip
    return rows


def _authors(entry: Entry) -> str:
    return ", ".join(entry.article.author_names) or entry.article.site or "(no author)"


def show(library: Library, ref: str) -> str:
    """Return an article's principles and quotes with their references, or one item (`article/item`)."""
    article_id, _, item_ref = ref.partition("/")
    entry, _ = library.lookup(article_id, "article", None)
    if item_ref:
        return "\n".join(_item(entry, _find(entry, ref, item_ref)))
    article = entry.article
    lines = [f"{entry.id}: {article.title}", f"  {_authors(entry)}, {entry.year}"
             + (f" · {article.url}" if article.url else ""), f"  cite it with `cite: {entry.id}`"]  # fmt: skip
    for key, items in (("principle", article.principles), ("quote", article.quotes)):
        if items:
            lines += ["", f"{key.capitalize()}s (write `{key}: REFERENCE` in a slide):"]
            for item in items:
                lines += _item(entry, item)
    return "\n".join(lines)


def _find(entry: Entry, ref: str, item_ref: str) -> Principle | Quote:
    """Return the principle (by number or id) or quote that `item_ref` names in an article."""
    item = entry.item(item_ref)
    if item is None:
        refs = [reference(entry, i) for i in (*entry.article.principles, *entry.article.quotes)]
        hint = did_you_mean(ref, refs, list_all=False) or (
            f"'deckbuilder sources show {entry.id}' lists them" if refs else f"article '{entry.id}' has none")
        raise DeckError(Problem(f"unknown principle or quote {shown(ref)}", None, hint))
    return item


def reference(entry: Entry, item: Principle | Quote) -> str:
    """Return the reference a deck writes for an item: article/N for a principle, article/id for a quote."""
    return f"{entry.id}/{item.number if isinstance(item, Principle) else item.id}"


def _item(entry: Entry, item: Principle | Quote) -> list[str]:
    """Return an item as its reference and label, then its text wrapped below."""
    if isinstance(item, Principle):
        head, body = f"  {reference(entry, item)}  {item.title}", item.summary or ""
    else:
        head = f"  {reference(entry, item)}" + (f"  ({item.speaker})" if item.speaker else "")
        body = f"\u201c{item.text}\u201d"
    return [head] + textwrap.wrap(body, WIDTH, initial_indent=INDENT, subsequent_indent=INDENT)


@dataclass(frozen=True)
class Hit:
    """A search result: what matched, how well, and where it stands in the library."""

    matched: int  # how many of the words searched for it has
    score: int
    order: int
    reference: str
    kind: str
    text: str


def search(library: Library, words: list[str]) -> list[Hit]:
    """Return the articles, principles and quotes that have any of `words`, best first.

    A word is found at the start of a word of the text ("attach" finds "attachment"), whatever
    its case and accents; where it is found says how much it counts (WEIGHTS), and items with
    more of the words come first.
    """
    wanted = [w for word in words for w in _words(word)]
    hits = []
    for order, (ref, kind, fields, text) in enumerate(_candidates(library)):
        found = [max((WEIGHTS[f] for f, value in fields if _has(value, word)), default=0) for word in wanted]
        if any(found):
            hits.append(Hit(sum(map(bool, found)), sum(found), order, ref, kind, text))
    return sorted(hits, key=lambda h: (-h.matched, -h.score, h.order))


def _candidates(library: Library):
    """Yield every article, principle and quote: its reference, kind, searched fields and label."""
    for entry in library.entries.values():
        article = entry.article
        yield entry.id, "article", [("title", article.title)], article.title
        for p in article.principles:
            fields = [("title", p.title), ("summary", p.summary or ""), ("text", p.excerpt or "")]
            yield reference(entry, p), "principle", fields, p.title
        for q in article.quotes:
            yield reference(entry, q), "quote", [("text", q.text), ("text", q.speaker or "")], f"\u201c{q.text}\u201d"


def _has(text: str, word: str) -> bool:
    return any(w.startswith(word) for w in _words(text))


def _words(text: str) -> list[str]:
    """Return the words of a text, lower case and without accents."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return re.findall(r"\w+", "".join(c for c in plain if not unicodedata.combining(c)))


def hit_lines(hit: Hit) -> list[str]:
    """Return a search result as its reference and kind, then its text shortened below."""
    return [f"  {hit.reference}  ({hit.kind})", INDENT + textwrap.shorten(hit.text, WIDTH - len(INDENT), placeholder=" …")]
