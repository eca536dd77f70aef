"""What each audience gets: the parts a handout leaves out, texts in an audience's wording, key ideas.

The resolver asks this module what to make; writers only place what the Deck then says.
"""

from __future__ import annotations

import msgspec

from . import deck as d
from .markup import parse

CLIENTS = "clients"  # the audience whose decks and handouts are client material: worksheets, plain words

# The parts of a deck that a handout leaves out, by its audience and by its style (both apply):
# `disclosure`, `objectives`, `agenda`: those generated slides; `notes`: every slide's speaker notes;
# `closing`: the closing slide, unless the outline gives it a wording for the audience (`for:`);
# `numbers`: principle numbers ("Principle 5: ..." reads as its title, a principles list is unnumbered).
LEFT_OUT_FOR = {CLIENTS: frozenset({"disclosure", "objectives", "agenda", "notes", "closing", "numbers"})}
LEFT_OUT_IN = {"worksheet": frozenset({"agenda", "notes"})}
IN_DECKS = frozenset({"numbers"})  # what a deck for an audience leaves out as its handouts do
NUMBERED = ("principle", "principles")  # the slide kinds that `numbers` changes

KEY_TEXT = {"statement": "text", "quote": "quoted"}  # a marked slide's key idea: this text, else its title
UNMARKED_KEYS = {"statement": "text", "principle": "title"}  # the key ideas of an outline that marks none


def left_out(handout: d.Handout | None, deck_audience: str | None) -> frozenset[str]:
    """Return the parts a handout leaves out. A deck shows what the outline says, since its presenter
    speaks to it, though a deck for clients reads principles by their titles too."""
    if handout is None:
        return LEFT_OUT_FOR.get(deck_audience, frozenset()) & IN_DECKS
    return LEFT_OUT_FOR.get(handout.audience, frozenset()) | LEFT_OUT_IN.get(handout.style, frozenset())


def worded(entry, audience: str | None):
    """Return an outline slide (or the closing) in `audience`'s wording: each key its `for:` gives replaces
    the entry's own."""
    wording = entry.for_.get(audience) if audience is not None else None
    if wording is None:
        return entry
    given = {name: getattr(wording, name) for name in wording.__struct_fields__}
    given = {name: value for name, value in given.items() if value is not None}
    return msgspec.structs.replace(entry, **given)


def closing(entry, audience: str | None, left: frozenset[str]):
    """Return the closing in `audience`'s wording, or None: left out, with no wording for this audience."""
    if entry is None or ("closing" in left and audience not in entry.for_):
        return None
    return worded(entry, audience)


def key_ideas(shown: list[tuple[object, d.Slide]]) -> tuple[d.Rich, ...]:
    """Return a worksheet's key ideas from its (outline slide, slide) pairs: the slides marked `key:`, in
    their own words or the idea's; an outline that marks none gets its statements and principles."""
    marked = [(entry.key, slide) for entry, slide in shown if entry.key]
    if marked:
        return tuple(parse(key) if isinstance(key, str) else getattr(slide, KEY_TEXT.get(slide.kind, "title"))
                     for key, slide in marked)  # fmt: skip
    return tuple(getattr(slide, UNMARKED_KEYS[slide.kind]) for _, slide in shown
                 if slide.kind in UNMARKED_KEYS)  # fmt: skip
