"""The `deckbuilder` command: build and check decks.

Only typer is imported at start-up; each command imports the pipeline when it runs, so that
`--help` answers at once.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    help="Compile workshop outlines (decks/*.yaml) that quote an article library "
    "(decks/articles/*.yaml) into PowerPoint decks.\n\n"
    "Run it in a workspace folder (one with decks/ and, optionally, themes/), or pass --root.",
    epilog="\b\nExamples:\n"
    "  deckbuilder build                     build every deck in decks/\n"
    "  deckbuilder build decks/talk.yaml     build one deck into output/talk/\n"
    "  deckbuilder check                     report mistakes, write nothing\n"
    "\n\bFormats: docs/format.md in the deckbuilder repository.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain help: rich formatting costs 0.2 s at every --help
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

PAPERS = ("letter", "a4")
DecksArg = typer.Argument(
    None, help="Deck outlines to use (default: every decks/*.yaml of the workspace).", show_default=False
)
RootOpt = typer.Option(
    None, "--root",
    help="The workspace folder (default: the one holding the deck's decks/ folder, else the current folder).",
)  # fmt: skip


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"deckbuilder {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),  # fmt: skip
) -> None:
    """Compile workshop outlines into PowerPoint decks."""


@app.command()
def build(
    decks: Optional[List[Path]] = DecksArg,
    root: Optional[Path] = RootOpt,
    out: Optional[Path] = typer.Option(None, "--out", help="Where outputs go (default: ROOT/output)."),
    paper: Optional[str] = typer.Option(
        None, "--paper", metavar="letter|a4", help="Handout paper size (default: the theme's)."
    ),
    pdf: bool = typer.Option(False, "--pdf", help="Also print each handout to PDF (needs Chromium)."),
) -> None:
    """Build decks: output/<deck>/<deck>.pptx and its printable handouts (.html)."""
    from .build import build as build_one

    if paper is not None and paper not in PAPERS:
        _fail(f"unknown paper size '{paper}'", "use --paper letter or --paper a4")
    root, files = _targets(decks, root)
    out = out if out is not None else root / "output"
    failed = 0
    with _progress(len(files)) as progress:
        for file in files:
            try:
                built = build_one(file, root, out, paper, pdf)
            except _deck_error() as error:
                failed += 1
                progress.problems(error)
            else:
                for i, path in enumerate(built.outputs):
                    count = f" ({len(built.deck.slides)} slides)" if i == 0 else ""
                    progress.echo(f"built {_rel(path)}{count}")
                progress.warnings(file, built.warnings)
            progress.advance(file)
    if failed:
        _fail(f"{failed} of {len(files)} deck(s) failed; nothing was written for them")


@app.command()
def check(decks: Optional[List[Path]] = DecksArg, root: Optional[Path] = RootOpt) -> None:
    """Check decks for mistakes without writing anything."""
    from .build import compile_deck

    root, files = _targets(decks, root)
    failed = 0
    with _progress(len(files)) as progress:
        for file in files:
            try:
                deck, _ = compile_deck(file, root)
            except _deck_error() as error:
                failed += 1
                progress.problems(error)
            else:
                progress.echo(f"ok {_rel(file)} ({len(deck.slides)} slides)")
                progress.warnings(file, deck.warnings)
            progress.advance(file)
    if failed:
        _fail(f"{failed} of {len(files)} deck(s) have problems")


def _targets(decks: Optional[List[Path]], root: Optional[Path]) -> tuple[Path, list[Path]]:
    """Return the workspace and the deck files a command works on."""
    from .workspace import find_decks

    if root is None and decks and decks[0].resolve().parent.name == "decks":
        root = decks[0].resolve().parent.parent  # the workspace that holds the deck's decks/
    root = (root or Path.cwd()).resolve()
    if not root.is_dir():
        _fail(f"the workspace folder {root} does not exist")
    files = [f.resolve() for f in decks] if decks else find_decks(root)
    if not files:
        _fail(f"no decks found: {_rel(root / 'decks')} has no *.yaml outlines",
              "create decks/<name>.yaml, or name a deck file")  # fmt: skip
    for file in files:
        if not file.is_file():
            _fail(f"deck not found: {_rel(file)}")
    return root, files


def _deck_error():
    from .errors import DeckError

    return DeckError


def _fail(message: str, hint: str = "") -> None:
    typer.echo(f"error: {message}" + (f"\n  hint: {hint}" if hint else ""), err=True)
    raise typer.Exit(1)


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class _progress:
    """A progress bar on a terminal when several decks are built; plain lines otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None

    def __enter__(self):
        if self.total > 1 and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("Building decks", total=self.total)
        return self

    def echo(self, message: str, err: bool = False) -> None:
        """Print a line above the bar (or plainly, without one)."""
        if self.bar is not None:
            self.bar.console.print(message, markup=False, highlight=False)
        else:
            typer.echo(message, err=err)

    def problems(self, error) -> None:
        self.echo(error.render(Path.cwd()) + "\n", err=True)

    def warnings(self, file: Path, warnings: list[str]) -> None:
        for warning in warnings:
            self.echo(f"warning: {_rel(file)}: {warning}", err=True)

    def advance(self, file: Path) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=f"Built {file.stem}")

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


def main() -> None:
    app()
