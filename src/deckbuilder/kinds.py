"""The slide kinds, named once: the model, the Deck, the resolver, every writer and the docs are
checked against this table (tests/test_kinds.py), so that a kind cannot be half added.

A kind that an outline writes is recognised by its distinctive keys; a generated kind has none:
the resolver makes it from the outline's other settings (title, objectives, sections, ...).
"""

from __future__ import annotations

# kind -> the outline keys that imply it (none: generated), in the order slides usually come
KINDS: dict[str, tuple[str, ...]] = {
    "title": (),
    "notice": (),
    "objectives": (),
    "agenda": (),
    "section": (),
    "bullets": ("bullets",),
    "quote": ("quote",),
    "principle": ("principle",),
    "principles": ("principles",),
    "exercise": ("steps", "prompts", "opt_out"),
    "discussion": ("questions",),
    "image": ("image",),
    "two-column": ("left", "right"),
    "statement": ("text",),
    "references": (),
    "closing": (),
}
WRITTEN = tuple(kind for kind, keys in KINDS.items() if keys)  # what an outline's slides may be
GENERATED = tuple(kind for kind, keys in KINDS.items() if not keys)
DISTINCTIVE_KEYS = {key: kind for kind, keys in KINDS.items() for key in keys}
