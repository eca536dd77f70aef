"""Orchestration: load -> validate -> resolve -> fit -> write, with atomic outputs.

All input is gathered and checked before anything is written; outputs go to a temporary folder
that replaces the deck's output folder only when every writer of the deck has succeeded.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import msgspec

from . import parallel
from .deck import Deck
from .errors import DeckError, Position, Problem, Problems, order
from .extends import extend
from .fit import fit
from .library import load_library
from .load import load_yaml
from .model import Outline
from .outputs import CannotWrite, replaced
from .resolve import Made, check_outline, handouts, resolve, source_paths
from .themes import DEFAULT_THEME, LoadedTheme, load_theme
from .validate import validate
from .variables import fill
from .writers import FORMATS, drawn, file_names, output_patterns, writer


@dataclass
class Built:
    """What building one deck produced; `findings` are its warnings and notes."""

    deck: Deck
    outputs: list[Path] = field(default_factory=list)
    findings: list[Problem] = field(default_factory=list)


def compile_deck(deck_file: Path, root: Path, theme: str | None = None, variables: Mapping[str, str] = {}) -> Deck:
    """Return the fitted Deck of an outline, with every finding; raise DeckError listing the errors.

    The handouts are rendered and dropped, so that a theme's broken template is found too.
    """
    from .writers.handout import compile_template, render

    deck, printed, loaded = _compile(deck_file, root, theme=theme, variables=variables)
    for handout in printed:
        render(handout, loaded)
    compile_template(loaded)  # the preview page's too, which `build --preview` and `watch` draw
    return deck


def _compile(deck_file: Path, root: Path, paper: str | None = None, theme: str | None = None,
             variables: Mapping[str, str] = {}) -> tuple[Deck, list[Deck], LoadedTheme]:  # fmt: skip
    """Return the fitted deck with its findings, the Deck of each of its handouts (paper needs no
    fitting, but a handout that draws its slides is fitted as the deck is, its findings the deck's),
    and the theme (`theme` overrides the deck's; `variables` the deck's `vars:`).

    Every error is reported in one round: an outline that does not validate still has its theme and
    articles checked (only its references wait until it does).
    """
    from .checks import Subject, run

    doc = extend(load_yaml(deck_file), root)
    problems = Problems()
    outline = None
    try:
        fill(doc, variables)
    except DeckError as error:
        problems.extend(error)
    try:
        outline = validate(doc, Outline, "a deck outline")
    except DeckError as error:
        problems.extend(error)
    raw = doc.data if isinstance(doc.data, dict) else {}
    name = theme or (outline.theme if outline else raw.get("theme", DEFAULT_THEME))
    loaded = None
    if isinstance(name, str):
        try:
            where = doc.pos(("theme",)) if "theme" in raw and theme is None else None
            loaded = load_theme(name, root, where)
        except DeckError as error:
            problems.extend(error)
    sources = outline.sources if outline else raw.get("sources", "articles/")
    library = None
    if isinstance(sources, str) or (isinstance(sources, list) and all(isinstance(x, str) for x in sources)):
        before = len(problems.items)
        try:
            library = load_library(source_paths(sources, doc, root), problems, root)
        except DeckError as error:
            problems.extend(error)
        library = library if len(problems.items) == before else None  # a broken article's references look unknown
    chosen: list = []
    if outline is not None:
        check_outline(outline, doc, problems)
        try:
            chosen = handouts(outline, doc, paper)
        except DeckError as error:
            problems.extend(error)
    if outline is not None and library is not None:
        try:
            made = Made()  # the handouts share the deck's slides
            deck = resolve(outline, doc, library, root, made=made)
            printed = [resolve(outline, doc, library, root, h, made) for h in chosen]
            if loaded is not None:
                deck = fit(deck, loaded)
                printed = [fit(h, loaded) if drawn(h) else h for h in printed]
        except DeckError as error:  # reported together with a theme problem
            problems.extend(error)
    problems.raise_if_any()
    found = dict.fromkeys(f for h in printed if drawn(h) for f in h.findings if f not in deck.findings)
    deck = msgspec.structs.replace(deck, findings=(*deck.findings, *found))
    subject = Subject(deck, tuple(printed), outline, doc, library, loaded, root)
    deck = msgspec.structs.replace(deck, findings=(*loaded.warnings, *deck.findings, *run(subject)))
    return deck, printed, loaded


def build(deck_file: Path, root: Path, out: Path, paper: str | None = None, also: Collection[str] = (),
          theme: str | None = None, strict: bool = False, variables: Mapping[str, str] = {},
          checked: Callable[[Deck, LoadedTheme], None] | None = None) -> Built:  # fmt: skip
    """Build every output of one deck into `out/<deck name>/`: each format of the writers' registry.

    `paper` overrides the theme's handout page size; `also` names the options that ask for optional
    formats (`pdf`); `theme` overrides the deck's theme; `strict` refuses to write a deck with warnings;
    `variables` (`--var`) override the deck's `vars:`. The folder is replaced as a whole, or not at all.
    `checked` is called with the deck (naming its outputs) and the theme once the deck is found fit
    to write, before its outputs are made.
    """
    deck, printed, loaded = _compile(deck_file, root, paper, theme, variables)
    built = Built(deck, findings=list(deck.findings))
    listed, jobs = _listed(deck, _jobs(deck, printed, also, built.findings, Position(deck_file)))
    if errors := [f for f in built.findings if f.severity == "error"]:
        raise DeckError(errors)  # a finding that the deck must not be shown as it is
    if strict:
        refuse_warnings(built.findings)
    if checked is not None:
        checked(listed, loaded)
    folder = out / deck.name
    with replaced(folder, output_patterns(deck.name)) as temp:
        chains = _chains(jobs)
        made = parallel.run([functools.partial(_make_chain, chain, loaded, temp, folder) for chain in chains])
        for chain, findings in zip(chains, made):
            built.findings += findings
            built.outputs += [folder / job.name for job in chain]
    return built


def refuse_warnings(findings: list[Problem]) -> None:
    """Raise the warnings among `findings` as a DeckError (`--strict`), closing with what it means."""
    warnings = sorted((f for f in findings if f.severity == "warning"), key=order)
    if warnings:
        count = f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''}"
        raise DeckError([*warnings, Problem(f"--strict: {count}, so nothing was written",
                                            hint="fix what they say, or build without --strict")])  # fmt: skip


class _Job(NamedTuple):
    """One file to make: by the writer of `fmt` from `deck`, or by a step from the file `source`."""

    fmt: str
    deck: Deck
    name: str
    source: str = ""


def _jobs(deck: Deck, printed: list[Deck], also: Collection[str], findings: list, where: Position) -> list[_Job]:
    """Return the files of every format the build makes, warn of a format that cannot be made here.

    A step is left out for a file whose source is not made.
    """
    handouts = [h.handout for h in printed]
    jobs: list[_Job] = []
    for fmt, spec in FORMATS.items():
        if spec.option and spec.option not in also:
            continue
        names = file_names(fmt, deck.name, handouts)
        sources = file_names(spec.source, deck.name, handouts) if spec.source else [""] * len(names)
        decks = [deck] if spec.each == "deck" else printed
        made = {job.name for job in jobs}
        todo = [_Job(fmt, d, name, source) for d, name, source in zip(decks, names, sources)
                if spec.makes(d) and (not source or source in made)]  # fmt: skip
        check = getattr(writer(fmt), "unavailable", None) if todo else None
        if check and (reason := check()):
            findings.append(Problem(reason, where, severity="warning", code="build.step-unavailable"))
            continue
        jobs += todo
    return jobs


def _listed(deck: Deck, jobs: list[_Job]) -> tuple[Deck, list[_Job]]:
    """Return the deck telling the names of every file of the build (a page links to them), and the jobs
    that make its files from it."""
    listed = msgspec.structs.replace(deck, outputs=tuple(job.name for job in jobs))
    return listed, [job._replace(deck=listed) if job.deck is deck else job for job in jobs]


def _chains(jobs: list[_Job]) -> list[list[_Job]]:
    """Return the jobs in chains that can be made side by side: a step goes after the job it converts."""
    chains: list[list[_Job]] = []
    making: dict[str, list[_Job]] = {}
    for job in jobs:
        chain = making[job.source] if job.source else []
        if not chain:
            chains.append(chain)
        chain.append(job)
        making[job.name] = chain
    return chains


def _make_chain(chain: list[_Job], loaded: LoadedTheme, temp: Path, folder: Path) -> list:
    """Make the outputs of one chain in order; return their findings."""
    return [finding for job in chain for finding in _make(job, loaded, temp, folder)]


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
