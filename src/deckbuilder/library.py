"""The article library: articles, their principles and quotes, looked up by reference."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from . import citations
from .errors import DeckError, Position, Problem, Problems, did_you_mean
from .load import Document, load_yaml, read_text
from .model import Article, Principle, Quote
from .validate import validate
from .workspace import locate, locate_file

_LATIN = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "ł": "l",
                        "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "TH"})  # Latin letters with no decomposition


def slug(text: str) -> str:
    """Return the kebab-case id of a title: "Give before you take" -> "give-before-you-take".

    Accented Latin letters lose their accents; text with letters or digits that have no Latin
    form (Cyrillic, Greek, CJK) also gets "u" and a stable 8-digit hash of the text, so that no id
    and no file name is empty and "Врачи A" and "Медсёстры A" stay apart.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN))
    latin = decomposed.encode("ascii", "ignore").decode()
    kebab = re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-")
    if kebab and not any(c.isalnum() and not c.isascii() and not unicodedata.combining(c) for c in decomposed):
        return kebab
    return "-".join(filter(None, [kebab, "u" + hashlib.blake2s(text.encode(), digest_size=4).hexdigest()]))


@dataclass
class Entry:
    """One article with its items indexed by number and id."""

    id: str
    article: Article
    doc: Document
    by_number: dict[int, Principle] = field(default_factory=dict)
    by_id: dict[str, Principle | Quote] = field(default_factory=dict)
    text: str | None = None  # the article's local copy (`text:`), which quotes are checked against
    year: str = ""  # its year as cited, lettered when its authors wrote another work that year: "2026a"
    label: str = ""  # what a principle's number is told apart by: "Smith", "Smith 2026a"

    def principle_id(self, principle: Principle) -> str:
        return principle.id or slug(principle.title)

    def item(self, ref: str) -> Principle | Quote | None:
        """Return the principle or quote that `ref` names: by id, else by number (ASCII digits only)."""
        item = self.by_id.get(ref)
        if item is None and ref.isascii() and ref.isdigit():
            item = self.by_number.get(int(ref))
        return item


class Library:
    """Every article a deck can reference."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}

    def add(self, doc: Document, problems: Problems) -> Entry | None:
        """Validate one article file and index it; problems are collected, not raised."""
        try:
            article = validate(doc, Article, "an article")
        except DeckError as error:
            problems.extend(error)
            return None
        article_id = article.id or doc.file.stem
        if article_id in self.entries:
            other = self.entries[article_id].doc.file
            problems.add(
                f"duplicate article id '{article_id}'",
                doc.pos(("id",)),
                f"{other.name} has the same id; give one of them another `id:`",
            )
            return None
        entry = Entry(article_id, article, doc)
        numbers: dict[int, Position] = {}
        ids: dict[str, Position] = {}
        for i, principle in enumerate(article.principles):
            problems.once(numbers, principle.number, doc.pos(("principles", i, "number")),
                          f"principle number {principle.number}", "give each principle its own `number:`")  # fmt: skip
            entry.by_number.setdefault(principle.number, principle)
            self._index(entry, entry.principle_id(principle), principle, doc.pos(("principles", i)), ids, problems)
        for i, quote in enumerate(article.quotes):
            self._index(entry, quote.id, quote, doc.pos(("quotes", i, "id")), ids, problems)
        self.entries[article_id] = entry
        return entry

    def tell_apart(self, cited: Collection[str] | None = None) -> None:
        """Give every entry its year as cited and its label, which depend on the other works cited with
        it: the articles of `cited` (ids), or of the whole library."""
        together = [e for e in self.entries.values() if cited is None or e.id in cited]
        alone = [[e] for e in self.entries.values() if cited is not None and e.id not in cited]  # told apart from none
        for entries in (together, *alone):
            for entry, (year, label) in zip(entries, citations.told_apart([e.article for e in entries])):
                entry.year, entry.label = year, label

    @staticmethod
    def _index(entry: Entry, item_id: str, item, pos: Position, ids: dict[str, Position], problems: Problems) -> None:
        problems.once(ids, item_id, pos, f"id '{item_id}' in article '{entry.id}'",
                      "principles and quotes of one article share ids; rename one of them")  # fmt: skip
        entry.by_id.setdefault(item_id, item)

    def lookup(self, ref: str, want: str, pos: Position) -> tuple[Entry, Principle | Quote | None]:
        """Return the article and item that `ref` names; `want` is quote, principle or article.

        Raise DeckError naming the closest existing references when there is no such thing.
        """
        article_id, _, item_ref = str(ref).partition("/")
        entry = self.entries.get(article_id)
        if entry is None:
            hint = did_you_mean(article_id, self.entries) or (
                "no articles found: add decks/articles/<id>.yaml or set `sources:`"
            )
            raise DeckError(Problem(f"unknown article '{article_id}'", pos, hint))
        if want == "article" or (not item_ref and want == "cite"):
            return entry, None
        if not item_ref:
            raise DeckError(
                Problem(f"'{ref}' names an article, not a {want}", pos,
                        f"write {article_id}/<{want} id>: " + self._choices(entry, want))
            )
        item = entry.item(item_ref)
        if item is None:
            candidates = [f"{entry.id}/{i}" for i in self._ids(entry, want)]
            hint = did_you_mean(f"{article_id}/{item_ref}", candidates) or self._choices(entry, want)
            raise DeckError(Problem(f"unknown {want} '{ref}'", pos, hint))
        if want == "cite":
            return entry, item
        actual = "quote" if isinstance(item, Quote) else "principle"
        if actual != want:
            raise DeckError(
                Problem(f"'{ref}' is a {actual}, not a {want}", pos,
                        f"use `{actual}: {ref}`, or one of: " + self._choices(entry, want))
            )
        return entry, item

    @staticmethod
    def _ids(entry: Entry, want: str) -> list[str]:
        if want == "quote":
            return [q.id for q in entry.article.quotes]
        if want == "principle":
            return [str(n) for n in entry.by_number] + [
                entry.principle_id(p) for p in entry.article.principles
            ]
        return list(entry.by_id)

    def _choices(self, entry: Entry, want: str) -> str:
        ids = self._ids(entry, want)
        if not ids:
            return f"article '{entry.id}' has no {want}s"
        shown = ", ".join(f"{entry.id}/{i}" for i in ids[:8])
        return shown + (", \u2026" if len(ids) > 8 else "")


def load_library(paths: list[Path], problems: Problems, root: Path) -> Library:
    """Load every article file under `paths` (files or folders, top level, inside the workspace)."""
    library = Library()
    for path in paths:
        files = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")) if path.is_dir() else [path]
        for file in files:
            try:
                locate(file.name, file.parent, root, Position(file))  # a link must not lead outside
                doc = load_yaml(file)
            except DeckError as error:
                problems.extend(error)
                continue
            entry = library.add(doc, problems)
            text = _read_text(doc, root, problems)
            if entry is not None:
                entry.text = text
    library.tell_apart()
    return library


def _read_text(doc: Document, root: Path, problems: Problems) -> str | None:
    """Return an article's `text:`, its local copy: UTF-8 text inside the workspace, within the size
    limit; a file that cannot be read is reported at `text:`."""
    value = doc.data.get("text") if isinstance(doc.data, dict) else None
    if not isinstance(value, str):
        return None
    pos, what = doc.pos(("text",)), "article text"
    path = locate_file(value, doc.file.parent, root, pos, what, problems=problems)
    try:
        return None if path is None else read_text(path, pos, what, value)
    except DeckError as error:
        problems.extend(error)
        return None
