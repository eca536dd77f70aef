"""Orchestration: load -> validate -> resolve -> write, with atomic outputs.

All input is gathered and checked before anything is written; outputs go to a temporary folder
that replaces the deck's output folder only when every writer of the deck has succeeded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import printing
from .deck import Deck
from .errors import DeckError, Problems
from .library import load_library
from .load import load_yaml
from .model import Outline
from .resolve import handouts, resolve, source_paths
from .themes import LoadedTheme, load_theme
from .validate import validate
from .outputs import CannotWrite, replaced
from .writers import PRINTED, WRITERS, handout_names, output_patterns, writer


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
    `theme` overrides the deck's theme. The folder is replaced as a whole, or not at all.
    """
    deck, printed, loaded = _compile(deck_file, root, paper, theme)
    pptx = WRITERS["pptx"][1].format(name=deck.name)
    names = [pptx] + handout_names(deck.name, [h.handout for h in printed])
    jobs = zip(["pptx"] + ["handout"] * len(printed), [deck] + printed, names)
    built = Built(deck, warnings=list(deck.warnings) + list(loaded.warnings))
    folder = out / deck.name
    program = printing.browser() if pdf else None
    if pdf and program is None:
        built.warnings.append(f"no PDF handouts: {printing.INSTALL_HINT}; the HTML is written")
    with replaced(folder, output_patterns(deck.name)) as temp:
        for fmt, source, name in jobs:
            built.warnings += _write(fmt, source, loaded, temp / name, folder / name)
            built.outputs.append(folder / name)
            if program and fmt == "handout":
                printed_name = Path(name).with_suffix(PRINTED).name
                printing.print_pdf(temp / name, temp / printed_name, program)
                built.outputs.append(folder / printed_name)
    return built


def _write(fmt: str, source: Deck, loaded: LoadedTheme, path: Path, final: Path) -> list:
    """Run one writer; the file system's refusal to take the output becomes a CannotWrite naming it."""
    try:
        return writer(fmt).write(source, loaded, path)
    except OSError as error:
        if error.filename is not None and Path(error.filename).parent != path.parent:
            raise  # not about the output: an input the writer reads
        raise CannotWrite(final, error) from None
