"""Quote fidelity: every quotation occurs in the article's text, and none is too long for a slide.

A quotation (a quote's `text`, a principle's `excerpt`) is found in the article's `text:` when it
occurs there word for word after both are normalized: runs of white space are one space, typographic
quotes are straight (’ ‘ “ ” -> ' "), dashes are hyphens, spaced or not (– — -> -) and an
ellipsis is three dots (… -> ...). Case matters, except for the first letter of the quotation,
which a sentence may change; so may its final punctuation. An ellipsis (...) or a [bracketed
insertion] marks words left out: the parts around it must occur in order.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from ..deck import text_of
from ..errors import Position
from ..library import Entry
from ..markup import parse
from . import Finding, Subject, check, words

LONG_QUOTE = 40  # words: APA sets such a quotation as a block, too long for a slide
SHOWN = 3  # differences a message shows
_SAME = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"',
                       "\u201e": '"', "\u201f": '"', "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2015": "-",
                       "\u2212": "-", "\u2026": "..."})  # fmt: skip
_SPACE = re.compile(r"\s+")
_DASH = re.compile(r"\s*-\s*")
_GAP = re.compile(r"\.\.\.|\[[^\]]*\]")  # words left out, or put in
_EDGE = " .,;:"  # what a quotation may change at its ends
_OUTER = _EDGE + "'\""  # and what a passage may have around it


def normal(text: str) -> str:
    """Return `text` with the differences a quotation may have from its source made equal."""
    return _SPACE.sub(" ", _DASH.sub(" - ", text.translate(_SAME))).strip()


def quotations(s: Subject) -> Iterator[tuple[Entry, tuple, str, str]]:
    """Yield each quotation the deck shows (a quote, a principle's excerpt): its article, its path in
    the article file, its name and its text. A deck answers for what it quotes, not the whole library."""
    shown = _shown(s)
    for entry in s.library.entries.values():
        for i, principle in enumerate(entry.article.principles):
            if principle.excerpt and id(principle) in shown:
                yield entry, ("principles", i, "excerpt"), f"the excerpt of principle {principle.number}", principle.excerpt
        for i, quote in enumerate(entry.article.quotes):
            if id(quote) in shown:
                yield entry, ("quotes", i, "text"), f"quote '{quote.id}'", quote.text


def _shown(s: Subject) -> set[int]:
    """Return the library items (by identity) that the outline's slides quote or show as principles."""
    found = set()
    for section in s.outline.sections:
        for slide in section.slides:
            refs = [(getattr(slide, "quote", None), "quote"), (getattr(slide, "principle", None), "principle")]
            refs += [(ref, "principle") for ref in getattr(slide, "principles", None) or ()]
            for ref, want in refs:
                if ref:  # the deck resolved, so every reference is known
                    found.add(id(s.library.lookup(ref, want, Position(s.doc.file))[1]))
    return found


def plain_text(markup: str) -> str:
    """Return what a quotation says, without its **bold** and *italic* marks."""
    return text_of(parse(markup))


@check("quote.not-found")
def not_found(s: Subject) -> Iterator[Finding]:
    """Each quotation of an article with a `text:` occurs in that text."""
    sources: dict[str, Source] = {}
    for entry, path, name, quotation in quotations(s):
        if entry.text is None:
            continue
        source = sources.setdefault(entry.id, Source(entry.text))
        said = plain_text(quotation)
        if not source.has(said):
            yield source.report(name, said, entry.doc.pos(path), entry.article.text or "")


@check("quote.long")
def long_quote(s: Subject) -> Iterator[Finding]:
    """No quotation is so long that it needs a block of its own."""
    for entry, path, name, quotation in quotations(s):
        count = len(words(plain_text(quotation)))
        if count >= LONG_QUOTE:
            yield Finding(f"{name} has {count} words, too long for a slide",
                          entry.doc.pos(path),
                          f"APA sets a quotation of {LONG_QUOTE} words or more as a block: "
                          "quote a shorter passage, or summarize it")  # fmt: skip


class Source:
    """An article's text, normalized once and cut into words, for finding quotations in it."""

    def __init__(self, text: str) -> None:
        self.normal = normal(text)
        cut = [(number, token) for number, line in enumerate(text.splitlines(), 1) for token in normal(line).split()]
        self.lines = [number for number, _ in cut]
        self.tokens = [token for _, token in cut]
        self.keys = [_key(t) for t in self.tokens]

    def has(self, quotation: str) -> bool:
        """Whether every part of `quotation` occurs in the text, in order, as whole words; a quotation
        without a word ("...") is found nowhere."""
        at, parts = 0, [p.strip(_EDGE) for p in _GAP.split(normal(quotation))]
        for part in filter(None, parts):
            variants = "|".join(re.escape(v) for v in (part, part[0].swapcase() + part[1:]))
            found = re.compile(rf"(?<!\w)(?:{variants})(?!\w)").search(self.normal, at)
            if found is None:
                return False
            at = found.end()
        return any(parts)

    def report(self, name: str, quotation: str, pos: Position | None, file: str) -> Finding:
        """Return the finding for a quotation not in the text: the closest passage and how it differs."""
        quoted = normal(quotation).strip(_OUTER).split(" ")
        start, end = self.closest(quoted)
        if start == end:
            return Finding(f"{name} is not in the article text, and no passage of it is close", pos,
                           "check that `text:` is this article's text, and copy the quotation from it")  # fmt: skip
        passage = " ".join(self.tokens[start:end]).strip(_OUTER).split(" ")
        if quoted[0][1:] == passage[0][1:] and quoted[0][:1].lower() == passage[0][:1].lower():
            quoted[0] = passage[0]  # a quotation may change its first letter's case
        line = self.lines[start]
        changes = differences(quoted, passage)
        more = f"; and {len(changes) - SHOWN} more" if len(changes) > SHOWN else ""
        return Finding(f"{name} is not in the article text: " + "; ".join(changes[:SHOWN]) + more, pos,
                       f"the closest passage ({file}, line {line}): \u201c{' '.join(passage)}\u201d")  # fmt: skip

    def closest(self, quoted: list[str]) -> tuple[int, int]:
        """Return the token range of the passage most like `quoted`: where most of its words are
        near each other, then aligned word by word (empty when too little is alike)."""
        wanted = {_key(t) for t in quoted} - {""}
        hits = [i for i, k in enumerate(self.keys) if k in wanted]
        n, best, most, j = len(quoted), 0, 0, 0
        for i, first in enumerate(hits):  # the window of n tokens from each hit with the most hits
            while j < len(hits) and hits[j] < first + n:
                j += 1
            if j - i > most:
                most, best = j - i, first
        if most < max(2, n // 3):
            return 0, 0
        low, high = max(0, best - n // 2), min(len(self.keys), best + n + n // 2)
        matcher = difflib.SequenceMatcher(None, [_key(t) for t in quoted], self.keys[low:high], autojunk=False)
        blocks = [b for b in matcher.get_matching_blocks() if b.size]
        return low + blocks[0].b, low + blocks[-1].b + blocks[-1].size


def differences(quoted: list[str], passage: list[str]) -> list[str]:
    """Return how a quotation differs from a passage, word by word, each with a word of context."""
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, quoted, passage, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i2 < len(quoted) and j2 < len(passage):
            i2, j2 = i2 + 1, j2 + 1
        elif i1 and j1:
            i1, j1 = i1 - 1, j1 - 1
        changes.append(f"text has \u201c{' '.join(passage[j1:j2])}\u201d, the quote \u201c{' '.join(quoted[i1:i2])}\u201d")
    return changes


def _key(token: str) -> str:
    """Return a word as compared when looking for a passage: lower case, without punctuation."""
    return re.sub(r"[^\w']+", "", token.lower())
