"""Orchestration: load -> validate -> resolve -> write, with atomic outputs.

All input is gathered and checked before anything is written; outputs go to temporary files
that replace the previous ones only when every writer of the deck has succeeded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .deck import Deck
from .errors import DeckError, Problems
from .library import load_library
from .load import load_yaml
from .model import Outline
from .resolve import resolve, source_paths
from .themes import LoadedTheme, load_theme
from .validate import validate
from .writers import WRITERS, writer


@dataclass
class Built:
    """What building one deck produced."""

    deck: Deck
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def compile_deck(deck_file: Path, root: Path) -> tuple[Deck, LoadedTheme]:
    """Return the resolved Deck of an outline and its theme; raise DeckError listing problems."""
    doc = load_yaml(deck_file)
    outline = validate(doc, Outline, "a deck outline")
    problems = Problems()
    theme = None
    try:
        theme = load_theme(outline.theme, root, doc.pos(("theme",)) if "theme" in doc.data else None)
    except DeckError as error:
        problems.extend(error)
    before = len(problems.items)
    library = load_library(source_paths(outline, doc, root), problems)
    if len(problems.items) == before:  # a broken article would make its references look unknown
        try:
            deck = resolve(outline, doc, library, root)
        except DeckError as error:  # reported together with a theme problem
            problems.extend(error)
    problems.raise_if_any()
    return deck, theme


def build(deck_file: Path, root: Path, out: Path) -> Built:
    """Build every output of one deck into `out/<deck name>/`."""
    deck, theme = compile_deck(deck_file, root)
    built = Built(deck, warnings=list(deck.warnings))
    folder = out / deck.name
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    pending: list[tuple[Path, Path]] = []
    try:
        for fmt, (_, pattern) in WRITERS.items():
            final = folder / pattern.format(name=deck.name)
            temp = folder / f".{final.name}.{os.getpid()}.tmp"
            pending.append((temp, final))
            built.warnings += writer(fmt).write(deck, theme, temp)
    except BaseException:
        for temp, _ in pending:
            temp.unlink(missing_ok=True)
        if created and not any(folder.iterdir()):
            folder.rmdir()
        raise
    for temp, final in pending:
        os.replace(temp, final)
        built.outputs.append(final)
    return built
