"""Output formats: one writer module each, registered here by name, and the files they make.

A writer exposes `write(deck, theme, path) -> list[str]` (warnings) and reads only the Deck
and the theme.
"""

from __future__ import annotations

import glob
import importlib
from collections import Counter

from ..library import slug

# format -> (module, output file name pattern)
WRITERS = {
    "pptx": ("deckbuilder.writers.pptx", "{name}.pptx"),
    "handout": ("deckbuilder.writers.handout", "{name}-handout-{audience}.html"),
}
PRINTED = ".pdf"  # a handout printed with --pdf: its HTML file name with this suffix


def writer(fmt: str):
    """Return the writer module of `fmt`, imported only when it is used."""
    return importlib.import_module(WRITERS[fmt][0])


def handout_names(name: str, handouts: list) -> list[str]:
    """Return the file name of each handout of deck `name`, one distinct name each when possible.

    A handout is named by its audience's slug, then also by its style when another handout shares
    that slug, then "large-print" when another shares the style too; two handouts alike in all three
    get one name, which the resolver rejects.
    """
    audiences = Counter(slug(h.audience) for h in handouts)
    styles = Counter((slug(h.audience), h.style) for h in handouts)
    parts = []
    for h in handouts:
        part = slug(h.audience)
        if audiences[part] > 1:
            part += f"-{h.style}"
        if styles[(slug(h.audience), h.style)] > 1 and h.large_print:
            part += "-large-print"
        parts.append(part)
    return [WRITERS["handout"][1].format(name=name, audience=part) for part in parts]


def output_patterns(name: str) -> list[str]:
    """Return glob patterns that match every file a build of deck `name` can write."""
    patterns = [pattern.format(name=glob.escape(name), audience="*") for _, pattern in WRITERS.values()]
    return patterns + [p.rsplit(".", 1)[0] + PRINTED for p in patterns]
