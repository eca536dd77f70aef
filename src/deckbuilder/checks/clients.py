"""Client materials: what a deck or handout for clients says, and how plainly.

The client material of a deck is the deck itself when its `audience` is clients, and each handout
for clients; a slide is read as its title and its texts (not its citations; the speaker notes a
handout keeps too). The reading grade is the Flesch-Kincaid grade level,
0.39 × words per sentence + 11.8 × syllables per word − 15.59, with syllables counted by the rules
of `syllables` (textstat, the usual library for it, fetches NLTK's pronouncing dictionary from the
network on first use, which a workstation offline or a CI run cannot do).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import deck as d
from ..audiences import CLIENTS
from . import Finding, Subject, check, words

READING_GRADE = 8  # the highest grade level for client material (health literacy guidance: 6 to 8)
HARDEST = 3  # slides named when the material reads above that grade
GRADED = 10  # words a slide needs for its own grade to mean something (a title alone has none)
# Words and phrases that speak to clinicians, or in their trade's words, in text for clients.
JARGON = (
    "your caseload", "caseload", "in your couples work", "your clients", "your client", "clinician",
    "clinicians", "countertransference", "transference", "DSM", "psychoeducation", "case conceptualization",
    "treatment plan", "therapeutic alliance", "CE credit", "CE certificate",
)  # fmt: skip
_JARGON = re.compile(r"\b(?:" + "|".join(re.escape(j) for j in sorted(JARGON, key=len, reverse=True)) + r")\b",
                     re.IGNORECASE)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_NOT_READ = {"notes", "quoted", "quoted_excerpt"}  # speaker notes, and texts a slide shows twice


def client_slides(s: Subject) -> list[tuple[d.Slide, list[str]]]:
    """Return each slide of the client material with the texts a client reads on it: handouts first
    (whole slides), then the deck's; a slide continued on others is one slide."""
    read: dict[object, tuple[d.Slide, list[str]]] = {}
    for material in (*s.handouts, s.deck):
        if material.audience != CLIENTS:
            continue
        notes = material.handout is not None  # a handout shows the notes it keeps; a deck's are the presenter's
        mine: dict[object, tuple[d.Slide, list[str]]] = {}
        for slide in material.slides:
            key = slide.where or id(slide)
            if slide.kind == "references" or key in read:
                continue
            mine.setdefault(key, (slide, []))[1].extend(texts(slide, notes))
        read.update(mine)
    return list(read.values())


def texts(value, notes: bool = False) -> Iterator[str]:
    """Yield the texts of a slide (or a part of one) that a reader sees, one per paragraph."""
    if isinstance(value, d.Para):
        yield d.text_of(value.runs)
    elif isinstance(value, tuple) and value and all(isinstance(r, d.Run) for r in value):
        yield d.text_of(value)
    elif isinstance(value, tuple):
        for item in value:
            yield from texts(item, notes)
    elif isinstance(value, d.Data):
        for name in value.__struct_fields__:
            if name not in _NOT_READ or (notes and name == "notes"):
                yield from texts(getattr(value, name), notes)


def syllables(word: str) -> int:
    """Return the syllables of an English word, by its groups of vowels: a final silent e (or es,
    ed) and a leading y are none; a word of three letters or fewer, or a number, is one."""
    word = re.sub(r"[^a-z]", "", word.lower())
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", re.sub(r"^y", "", word))))


def grade(paragraphs: list[str]) -> float:
    """Return the Flesch-Kincaid grade level of some paragraphs (each one sentence at least)."""
    counted = [words(p) for p in paragraphs]
    n_words = sum(len(w) for w in counted)
    if not n_words:
        return 0.0
    sentences = sum(max(1, len(_SENTENCE_END.findall(p))) for p, w in zip(paragraphs, counted) if w)
    n_syllables = sum(syllables(word) for w in counted for word in w)
    return 0.39 * n_words / sentences + 11.8 * n_syllables / n_words - 15.59


@check("client.reading-grade")
def reading_grade(s: Subject) -> Iterator[Finding]:
    """Client material reads at grade 8 or below; the hardest slides are named where they are."""
    slides = client_slides(s)
    overall = grade([t for _, read in slides for t in read])
    if overall <= READING_GRADE:
        return
    graded = sorted(((grade(read), slide) for slide, read in slides if len(words(" ".join(read))) >= GRADED),
                    key=lambda g: -g[0])  # fmt: skip
    hardest = [g for g in graded if g[0] > READING_GRADE][:HARDEST]
    for level, slide in hardest:
        yield Finding(f"client material reads at grade {overall:.1f} (Flesch-Kincaid; aim for {READING_GRADE} "
                      f"or below): \u201c{d.text_of(slide.title)}\u201d reads at grade {level:.1f}", slide.where,
                      "use shorter sentences and shorter words, or keep this slide for clinicians "
                      "(`audience: [clinicians]`)")  # fmt: skip
    if not hardest:  # hard as a whole, though no slide is long enough to grade alone
        yield Finding(f"client material reads at grade {overall:.1f} (Flesch-Kincaid; aim for {READING_GRADE} "
                      "or below)", s.doc.pos(("audience",)), "use shorter sentences and shorter words")


@check("client.opt-out")
def opt_out(s: Subject) -> Iterator[Finding]:
    """Every exercise in client material says how to sit it out."""
    for slide, _ in client_slides(s):
        if isinstance(slide, d.ExerciseSlide) and not slide.opt_out:
            yield Finding(f"exercise \u201c{d.text_of(slide.title)}\u201d has no `opt_out:`, and clients see it",
                          slide.where, "say how a client may sit it out, e.g. opt_out: \"You may watch instead.\"")  # fmt: skip


@check("client.jargon")
def jargon(s: Subject) -> Iterator[Finding]:
    """Client material speaks to clients, in their words, not to clinicians in theirs."""
    for slide, read in client_slides(s):
        found = {m.group().lower(): m.group() for t in read for m in _JARGON.finditer(t)}
        if found:
            shown = ", ".join(f"\u201c{f}\u201d" for f in found.values())
            yield Finding(f"\u201c{d.text_of(slide.title)}\u201d speaks to clinicians, and clients see it: {shown}",
                          slide.where, "say it in a client's words, or keep the slide for clinicians "
                          "(`audience: [clinicians]`)")  # fmt: skip
