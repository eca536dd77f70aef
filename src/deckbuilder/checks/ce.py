"""CE readiness: what a continuing-education sponsor (APA CE sponsor practice) checks before it grants credit.

Objectives, level, disclosure and references are checked in a deck for clinicians or one with
`objectives:`; the timing in every deck with a `duration`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Outline
from ..resolve import minutes_text, section_minutes
from . import Finding, Subject, check

# Verbs that name no observable behaviour; the longest phrasing first.
VAGUE = ("become aware of", "become familiar with", "be aware of", "be familiar with", "appreciate",
         "understand", "know", "learn")  # fmt: skip
MEASURABLE = "list, describe, explain, identify, apply, compare, demonstrate, analyze, assess or plan"
# Objectives that suit a session: (up to minutes, fewest, most); a longer one has at least the last most.
OBJECTIVES_FOR = ((60, 1, 3), (180, 2, 3), (360, 3, 4))
CLINICIANS = "clinicians"


def is_ce(outline: Outline) -> bool:
    """A deck for clinicians, or one that states objectives, is reviewed as a CE session."""
    return outline.audience == CLINICIANS or bool(outline.objectives)


@check("ce.objective-verb")
def objective_verb(s: Subject) -> Iterator[Finding]:
    """Each objective starts with a verb whose result can be observed and measured."""
    for i, objective in enumerate(s.outline.objectives):
        words = re.sub(r"^\W*(to\s+)?", "", objective.lower())
        vague = next((v for v in VAGUE if re.match(rf"{v}\b", words)), None)
        if vague:
            yield Finding(f"objective {i + 1} starts with '{vague}', which cannot be measured",
                          s.doc.pos(("objectives", i)),
                          f"start with what participants will be able to do: {MEASURABLE}")  # fmt: skip


@check("ce.objective-count")
def objective_count(s: Subject) -> Iterator[Finding]:
    """The number of objectives suits the session's length: a few, more for a longer one."""
    o = s.outline
    if o.duration is None or not is_ce(o):
        return
    fewest, most = expected_objectives(o.duration)
    count = len(o.objectives)
    if fewest <= count <= (most or count):
        return
    expected = f"{fewest} to {most}" if most else f"at least {fewest}"
    have = f"{count} objective{'' if count == 1 else 's'}" if count else "no objectives"
    yield Finding(f"{have} for {minutes_text(o.duration)}: about {expected} suit a session this long",
                  s.doc.key_pos(("objectives",)) if count else s.doc.key_pos(("duration",)),
                  "merge or split objectives: each names one thing participants can do by the end")  # fmt: skip


def expected_objectives(duration: float) -> tuple[int, int | None]:
    """Return the fewest and most objectives for a session of `duration` minutes (None: no most)."""
    for limit, fewest, most in OBJECTIVES_FOR:
        if duration <= limit:
            return fewest, most
    return OBJECTIVES_FOR[-1][2], None


@check("ce.timing")
def timing(s: Subject) -> Iterator[Finding]:
    """The sections' minutes add up to the deck's `duration`, and each section's slides fit in it."""
    for i, section in enumerate(s.outline.sections):
        slides = [x.minutes for x in section.slides if x.minutes is not None]
        if section.minutes is None or not slides:
            continue
        taken, untimed = sum(slides), len(slides) < len(section.slides)
        if taken > section.minutes or (taken < section.minutes and not untimed):
            side = "more" if taken > section.minutes else "less"
            yield Finding(f"the slides of section '{section.title}' take {minutes_text(taken)}, "
                          f"{side} than its {minutes_text(section.minutes)}",
                          s.doc.pos(("sections", i, "minutes")),
                          "change the section's `minutes:` or its slides' `minutes:`")  # fmt: skip
    yield from _total(s)


def _total(s: Subject) -> Iterator[Finding]:
    """The sections' minutes add up to `duration`; a section without minutes is told what is left."""
    planned = s.outline.duration
    parts = [section_minutes(section) for section in s.outline.sections]
    if planned is None or not parts:
        return
    total = sum(p for p in parts if p is not None)
    untimed = [i for i, p in enumerate(parts) if p is None]
    if not untimed and abs(total - planned) > 0.01:
        where, hint = s.doc.pos(("duration",)), "change `duration:` or the sections' `minutes:`"
        if where.file != s.doc.file:  # the duration of an outline it extends: the fix belongs in this deck
            where, hint = s.doc.pos(()), f"add `duration: {total:g}` to this deck, or change its sections' `minutes:`"
        yield Finding(f"the sections add up to {minutes_text(total)}, but duration is {minutes_text(planned)}",
                      where, hint)
    left = planned - total
    share = f"{minutes_text(left)} of {minutes_text(planned)} are left" if left > 0 else "no time is left"
    for i in untimed:
        yield Finding(f"section '{s.outline.sections[i].title}' has no minutes: {share} for "
                      + ("it" if len(untimed) == 1 else f"the {len(untimed)} sections without minutes"),
                      s.doc.pos(("sections", i)), "give the section `minutes:`, or its slides theirs")  # fmt: skip


@check("ce.level")
def level(s: Subject) -> Iterator[Finding]:
    """A CE session for clinicians states its instructional level."""
    if s.outline.audience == CLINICIANS and s.outline.level is None:
        yield Finding("a deck for clinicians has no `level`", s.doc.pos(("audience",)),
                      "add `level: introductory`, `intermediate` or `advanced`: CE sponsors state it")  # fmt: skip


@check("ce.disclosure")
def disclosure(s: Subject) -> Iterator[Finding]:
    """A CE session for clinicians discloses the presenter's relevant financial relationships."""
    if s.outline.audience == CLINICIANS and not s.outline.disclosure:
        yield Finding("a deck for clinicians has no `disclosure`", s.doc.pos(("audience",)),
                      "add `disclosure:` naming the presenter's relevant financial relationships, or "
                      "saying there are none")  # fmt: skip


@check("ce.references")
def references(s: Subject) -> Iterator[Finding]:
    """A CE session rests on the literature: at least one reference, and about one per hour."""
    o = s.outline
    if not is_ce(o):
        return
    count = sum(len(x.entries) for x in s.deck.slides if x.kind == "references")
    hours = int((o.duration or 0) // 60)
    wanted = max(1, hours)
    if count >= wanted:
        return
    have = f"{count} reference{'' if count == 1 else 's'}" if count else "no references"
    per = f" for {hours} hours of content: about one per hour is expected" if hours > 1 else ""
    yield Finding(f"the deck has {have}{per}", s.doc.key_pos(("sources",)),
                  "cite the articles the content rests on, with a quote, a principle or `cite:`")
