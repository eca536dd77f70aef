"""Orchestration: load -> validate -> resolve -> write, with atomic outputs.

All input is gathered and checked before anything is written; outputs go to temporary files
that replace the previous ones only when every writer of the deck has succeeded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import printing
from .deck import Deck
from .errors import DeckError, Problems
from .library import load_library, slug
from .load import load_yaml
from .model import Outline
from .resolve import handouts, resolve, source_paths
from .themes import LoadedTheme, load_theme
from .validate import validate
from .workspace import temp_beside
from .writers import WRITERS, writer


@dataclass
class Built:
    """What building one deck produced."""

    deck: Deck
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def compile_deck(deck_file: Path, root: Path, theme: str | None = None) -> tuple[Deck, LoadedTheme]:
    """Return the resolved Deck of an outline and its theme; raise DeckError listing problems."""
    deck, _, loaded = _compile(deck_file, root, theme=theme)
    return deck, loaded


def _compile(deck_file: Path, root: Path, paper: str | None = None,
             theme: str | None = None) -> tuple[Deck, list[Deck], LoadedTheme]:  # fmt: skip
    """Return the deck, the Deck of each of its handouts, and the theme (`theme` overrides the deck's)."""
    doc = load_yaml(deck_file)
    outline = validate(doc, Outline, "a deck outline")
    problems = Problems()
    loaded = None
    try:
        where = doc.pos(("theme",)) if "theme" in doc.data and theme is None else None
        loaded = load_theme(theme or outline.theme, root, where)
    except DeckError as error:
        problems.extend(error)
    before = len(problems.items)
    library = load_library(source_paths(outline, doc, root), problems, root)
    if len(problems.items) == before:  # a broken article would make its references look unknown
        try:
            deck = resolve(outline, doc, library, root)
            printed = [resolve(outline, doc, library, root, h) for h in handouts(outline, doc, paper)]
        except DeckError as error:  # reported together with a theme problem
            problems.extend(error)
    problems.raise_if_any()
    return deck, printed, loaded


def build(deck_file: Path, root: Path, out: Path, paper: str | None = None, pdf: bool = False,
          theme: str | None = None) -> Built:  # fmt: skip
    """Build every output of one deck into `out/<deck name>/`: the .pptx and each handout.

    `paper` overrides the theme's handout page size; `pdf` also prints each handout to PDF;
    `theme` overrides the deck's theme.
    """
    deck, printed, loaded = _compile(deck_file, root, paper, theme)
    jobs = [("pptx", deck)] + [("handout", h) for h in printed]
    built = Built(deck, warnings=list(deck.warnings) + list(loaded.warnings))
    folder = out / deck.name
    created = [f for f in (folder, out) if not f.exists()]  # removed again if nothing is written
    folder.mkdir(parents=True, exist_ok=True)
    pending: list[tuple[Path, Path]] = []
    try:
        for fmt, source in jobs:
            audience = slug(source.handout.audience) if source.handout else ""
            name = WRITERS[fmt][1].format(name=deck.name, audience=audience)
            final = folder / name
            temp = temp_beside(final)
            pending.append((temp, final))
            built.warnings += writer(fmt).write(source, loaded, temp)
            if pdf and fmt == "handout":
                program = printing.browser()
                if program is None:
                    built.warnings.append(f"no PDF handouts: {printing.INSTALL_HINT}; the HTML is written")
                    pdf = False
                    continue
                final_pdf = final.with_suffix(".pdf")
                pending.append((temp_beside(final_pdf), final_pdf))
                printing.print_pdf(temp, pending[-1][0], program)
    except BaseException:
        for temp, _ in pending:
            temp.unlink(missing_ok=True)
        for made in created:
            if not any(made.iterdir()):
                made.rmdir()
        raise
    for temp, final in pending:
        os.replace(temp, final)
        built.outputs.append(final)
    return built

