"""Orchestration: load -> validate -> resolve -> fit -> write, with atomic outputs.

All input is gathered and checked before anything is written; outputs go to a temporary folder
that replaces the deck's output folder only when every writer of the deck has succeeded.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .deck import Deck
from .errors import DeckError, Problems
from .fit import fit
from .library import load_library
from .load import load_yaml
from .model import Outline
from .outputs import CannotWrite, replaced
from .resolve import Made, handouts, resolve, source_paths
from .themes import LoadedTheme, load_theme
from .validate import validate
from .writers import FORMATS, file_names, output_patterns, writer


@dataclass
class Built:
    """What building one deck produced."""

    deck: Deck
    outputs: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def compile_deck(deck_file: Path, root: Path, theme: str | None = None) -> tuple[Deck, LoadedTheme]:
    """Return the resolved Deck of an outline and its theme; raise DeckError listing problems.

    The handouts are rendered and dropped, so that a theme's broken template is found too.
    """
    from .writers.handout import render

    deck, printed, loaded = _compile(deck_file, root, theme=theme)
    for handout in printed:
        render(handout, loaded)
    return deck, loaded


def _compile(deck_file: Path, root: Path, paper: str | None = None,
             theme: str | None = None) -> tuple[Deck, list[Deck], LoadedTheme]:  # fmt: skip
    """Return the fitted deck, the Deck of each of its handouts (paper needs no fitting), and the theme
    (`theme` overrides the deck's)."""
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
            made = Made()  # the handouts share the deck's slides
            deck = resolve(outline, doc, library, root, made=made)
            printed = [resolve(outline, doc, library, root, h, made) for h in handouts(outline, doc, paper)]
            if loaded is not None:
                deck = fit(deck, loaded)
        except DeckError as error:  # reported together with a theme problem
            problems.extend(error)
    problems.raise_if_any()
    return deck, printed, loaded


def build(deck_file: Path, root: Path, out: Path, paper: str | None = None, also: Collection[str] = (),
          theme: str | None = None) -> Built:  # fmt: skip
    """Build every output of one deck into `out/<deck name>/`: each format of the writers' registry.

    `paper` overrides the theme's handout page size; `also` names the optional formats to make
    (`pdf`); `theme` overrides the deck's theme. The folder is replaced as a whole, or not at all.
    """
    deck, printed, loaded = _compile(deck_file, root, paper, theme)
    built = Built(deck, warnings=list(deck.warnings) + list(loaded.warnings))
    jobs = _jobs(deck, printed, also, built.warnings)
    folder = out / deck.name
    with replaced(folder, output_patterns(deck.name)) as temp:
        for job in jobs:
            built.warnings += _make(job, loaded, temp, folder)
            built.outputs.append(folder / job.name)
    return built


class _Job(NamedTuple):
    """One file to make: by the writer of `fmt` from `deck`, or by a step from the file `source`."""

    fmt: str
    deck: Deck
    name: str
    source: str = ""


def _jobs(deck: Deck, printed: list[Deck], also: Collection[str], warnings: list) -> list[_Job]:
    """Return the files of every format the build makes, warn of a step that cannot run."""
    handouts = [h.handout for h in printed]
    jobs = []
    for fmt, spec in FORMATS.items():
        if spec.optional and fmt not in also:
            continue
        if spec.source and (reason := writer(fmt).unavailable()):
            warnings.append(reason)
            continue
        names = file_names(fmt, deck.name, handouts)
        sources = file_names(spec.source, deck.name, handouts) if spec.source else [""] * len(names)
        decks = [deck] if spec.each == "deck" else printed
        jobs += [_Job(fmt, d, name, source) for d, name, source in zip(decks, names, sources)]
    return jobs


def _make(job: _Job, loaded: LoadedTheme, temp: Path, folder: Path) -> list:
    """Make one output; the file system's refusal to take it becomes a CannotWrite naming it."""
    path = temp / job.name
    try:
        if job.source:
            return writer(job.fmt).convert(temp / job.source, path)
        return writer(job.fmt).write(job.deck, loaded, path)
    except OSError as error:
        if error.filename is not None and Path(error.filename).parent != path.parent:
            raise  # not about the output: an input the writer reads
        raise CannotWrite(folder / job.name, error) from None
