"""Output formats: one module each, registered here by name with the files it makes.

A format's module writes from the Deck, `write(deck, theme, path) -> list[Problem]` (warnings), and
reads only the Deck and the theme. A step makes its files from another format's instead (`source`):
its module has `convert(source_path, path) -> list[Problem]`. A format that needs a program the computer
may lack (a browser, LibreOffice) has `unavailable() -> str | None`, the warning of a build that cannot make
its files here. An optional format is made only when a build asks for it; a handout format makes the
handouts of its `styles` only.
"""

from __future__ import annotations

import glob
import importlib
from collections import Counter
from dataclasses import dataclass

from ..library import slug


@dataclass(frozen=True)
class Format:
    """An output format: the module that makes it and the name of each file it makes."""

    module: str
    name: str  # {name}: the deck's file stem; {audience}: a handout's audience (and style)
    each: str = "deck"  # "deck": one file of the deck; "handout": one file per handout
    source: str = ""  # the format whose files a step converts; "": written from the Deck
    option: str = ""  # the build option that asks for it ("pdf": `build --pdf`, "preview"); "": always made
    styles: tuple[str, ...] = ()  # the handout styles it makes; (): every handout
    drawn: bool = False  # it draws a handout's slides as the deck's are: the build fits them first

    def makes(self, deck) -> bool:
        """Say whether this format makes a file of `deck` (the deck, or one of its handouts)."""
        return not self.styles or deck.handout is None or deck.handout.style in self.styles


HANDOUT = "{name}-handout-{audience}.html"  # every style's: the `pdf` step prints each of them

# in the order they are made: a step after its source
FORMATS = {
    "pptx": Format("deckbuilder.writers.pptx", "{name}.pptx"),
    "handout": Format("deckbuilder.writers.handout", HANDOUT, each="handout",
                      styles=("notes", "worksheet", "evaluation")),
    "slides-handout": Format("deckbuilder.writers.slides", HANDOUT, each="handout", styles=("slides",),
                             drawn=True),
    "pdf": Format("deckbuilder.printing", "{name}-handout-{audience}.pdf", each="handout", source="handout",
                  option="pdf"),
    "slides-pdf": Format("deckbuilder.office", "{name}.pdf", source="pptx", option="pdf"),
    "preview": Format("deckbuilder.writers.preview", "{name}-preview.html", option="preview"),
}  # fmt: skip


def drawn(handout) -> bool:
    """Say whether a handout's Deck shows its slides as drawn, so that it must be fitted as the deck is."""
    return any(f.drawn and f.each == "handout" and f.makes(handout) for f in FORMATS.values())


def writer(fmt: str):
    """Return the module of `fmt`, imported only when it is used."""
    return importlib.import_module(FORMATS[fmt].module)


def file_names(fmt: str, name: str, handouts: list) -> list[str]:
    """Return the files that `fmt` makes for deck `name`: one, or one per handout."""
    pattern = FORMATS[fmt].name
    if FORMATS[fmt].each == "deck":
        return [pattern.format(name=name)]
    return [pattern.format(name=name, audience=part) for part in _audiences(handouts)]


def _audiences(handouts: list) -> list[str]:
    """Return the part of its file names that tells each handout apart, one distinct part each when possible.

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
    return parts


def output_patterns(name: str) -> list[str]:
    """Return glob patterns that match every file a build of deck `name` can write."""
    return [f.name.format(name=glob.escape(name), audience="*") for f in FORMATS.values()]
