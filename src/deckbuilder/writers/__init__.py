"""Output formats: one writer module each, registered here by name.

A writer exposes `write(deck, theme, path) -> list[str]` (warnings) and reads only the Deck
and the theme.
"""

from __future__ import annotations

import importlib

# format -> (module, output file name pattern)
WRITERS = {
    "pptx": ("deckbuilder.writers.pptx", "{name}.pptx"),
    "handout": ("deckbuilder.writers.handout", "{name}-handout-{audience}.html"),
}


def writer(fmt: str):
    """Return the writer module of `fmt`, imported only when it is used."""
    return importlib.import_module(WRITERS[fmt][0])
