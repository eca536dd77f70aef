"""The `deckbuilder` command: build and check decks.

Only typer is imported at start-up; each command imports the pipeline when it runs, so that
`--help` answers at once.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import List, NoReturn, Optional

import typer

app = typer.Typer(
    help="Compile workshop outlines (decks/*.yaml) that quote an article library "
    "(decks/articles/*.yaml) into PowerPoint decks.\n\n"
    "Run it in a workspace folder (one with decks/ and, optionally, themes/), or pass --root.",
    epilog="\b\nExamples:\n"
    "  deckbuilder build                     build every deck in decks/\n"
    "  deckbuilder build decks/talk.yaml     build one deck into output/talk/\n"
    "  deckbuilder check                     report mistakes, write nothing\n"
    "  deckbuilder build --var org=Lakeside  fill in ${org} in the decks' texts, over their vars:\n"
    "  deckbuilder new my-talk               start a workspace with a deck that builds at once\n"
    "  deckbuilder sources search shame      find quotes and principles to paste into a deck\n"
    "  deckbuilder watch                     rebuild on every save; the preview reloads in the browser\n"
    "  deckbuilder new b --from talk.yaml    a deck that extends decks/talk.yaml, to change it\n"
    "  deckbuilder import article essay.txt  draft a library entry from an article's text\n"
    "  deckbuilder import pptx old.pptx      turn a PowerPoint deck into an outline\n"
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

ThemeOpt = typer.Option(
    None, "--theme", metavar="NAME", help="Use this theme instead of the decks' own ('deckbuilder themes' lists them)."
)


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


StrictOpt = typer.Option(False, "--strict", help="Treat warnings as errors: exit 1 (and, for build, write nothing).")
VarOpt = typer.Option(
    None, "--var", metavar="NAME=VALUE",
    help="Set a variable: ${NAME} in the decks' texts becomes VALUE, over the decks' own vars: (repeatable).",
)  # fmt: skip


@app.command(short_help="Build decks into output/<deck>/: the .pptx and its handouts.")
def build(
    decks: Optional[List[Path]] = DecksArg,
    root: Optional[Path] = RootOpt,
    out: Optional[Path] = typer.Option(None, "--out", help="Where outputs go (default: ROOT/output)."),
    paper: Optional[str] = typer.Option(
        None, "--paper", metavar="letter|a4", help="Handout paper size (default: the theme's)."
    ),
    pdf: bool = typer.Option(False, "--pdf", help="Also write the slides as PDF (needs LibreOffice) and print each handout to PDF (needs Chromium)."),
    preview: bool = typer.Option(False, "--preview", help="Also write <deck>-preview.html: every slide beside its notes."),
    theme: Optional[str] = ThemeOpt,
    strict: bool = StrictOpt,
    var: Optional[List[str]] = VarOpt,
) -> None:
    """Build decks: output/<deck>/<deck>.pptx and its printable handouts (.html)."""
    from .build import build as build_one

    if paper is not None and paper not in PAPERS:
        _fail(f"unknown paper size '{paper}'", "use --paper letter or --paper a4")
    variables = _variables(var)
    root, files = _targets(decks, root)
    out = out if out is not None else root / "output"
    failed = 0
    with _progress(len(files)) as progress:
        for i, file in enumerate(files):
            if i:
                gc.collect()  # the previous deck's package, whose parts and package refer to each other
            try:
                also = [option for option, wanted in (("pdf", pdf), ("preview", preview)) if wanted]
                built = build_one(file, root, out, paper, also, theme, strict, variables)
            except KeyboardInterrupt:  # outputs are replaced whole: the deck being built is unchanged
                import signal

                signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the exit short
                progress.echo(f"interrupted: {_rel(file)} was not written; its previous outputs are kept", err=True)
                raise typer.Exit(130) from None
            except _deck_error() as error:
                failed += 1
                progress.problems(error)
            else:
                for i, path in enumerate(built.outputs):
                    count = f" ({len(built.deck.slides)} slides)" if i == 0 else ""
                    progress.echo(f"built {_rel(path)}{count}")
                progress.findings(built.findings)
            progress.advance(file)
    if failed:
        _fail(f"{failed} of {len(files)} deck(s) failed; nothing was written for them")


@app.command(short_help="Review decks and write nothing: errors, warnings, notes.")
def check(
    decks: Optional[List[Path]] = DecksArg,
    root: Optional[Path] = RootOpt,
    theme: Optional[str] = ThemeOpt,
    strict: bool = StrictOpt,
    as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON, one object each, for editors and CI."),
    var: Optional[List[str]] = VarOpt,
) -> None:
    """Review decks without writing anything: mistakes, fit, accessibility, CE readiness, quotations."""
    from .build import compile_deck
    from .errors import Problem, order

    variables = _variables(var)
    root, files = _targets(decks, root)
    found: list[Problem] = []
    failed = 0
    with _progress(0 if as_json else len(files)) as progress:
        for file in files:
            try:
                deck = compile_deck(file, root, theme, variables)
            except _deck_error() as error:
                failed += 1
                found += error.problems
                if not as_json:
                    progress.problems(error)
            else:
                found += deck.findings
                failed += _counts(deck.findings)[0] > 0
                if not as_json:
                    progress.grouped(deck.findings)
                    progress.echo(f"{'ok' if not _counts(deck.findings)[0] else 'checked'} {_rel(file)} "
                                  f"({len(deck.slides)} slides{_summary(deck.findings)})")  # fmt: skip
            progress.advance(file)
    if as_json:
        import json

        from .errors import as_json as finding

        typer.echo(json.dumps([finding(p, Path.cwd()) for p in sorted(found, key=order)], ensure_ascii=False, indent=1))
    warned = sum(p.severity == "warning" for p in found) if strict else 0
    if failed or warned:
        if as_json:
            raise typer.Exit(1)
        _fail(f"{failed} of {len(files)} deck(s) have problems" if failed
              else f"--strict: {warned} warning{'s' if warned > 1 else ''} in the decks above")  # fmt: skip


@app.command(short_help="Rebuild a deck on every save and serve its live preview.")
def watch(
    deck: Optional[Path] = typer.Argument(None, metavar="[DECK]", show_default=False,
                                          help="The deck to watch (default: the workspace's only deck)."),  # fmt: skip
    root: Optional[Path] = RootOpt,
    out: Optional[Path] = typer.Option(None, "--out", help="Where outputs go (default: ROOT/output)."),
    port: Optional[int] = typer.Option(None, "--port", min=1, max=65535, metavar="N",
                                       help="Serve on this port (default: the first free one from 8000)."),  # fmt: skip
    theme: Optional[str] = ThemeOpt,
    var: Optional[List[str]] = VarOpt,
) -> None:
    """Build a deck on every save and serve its preview (every slide beside its notes) at
    http://127.0.0.1:PORT/, which shows each build as it is made; Ctrl-C stops."""
    from .watch import watch as run

    variables = _variables(var)
    root, files = _targets([deck] if deck else None, root)
    if len(files) > 1:
        _fail(f"the workspace has {len(files)} decks: " + ", ".join(_rel(f) for f in files),
              f"name the one to watch, e.g. deckbuilder watch {_rel(files[0])}")  # fmt: skip
    try:
        run(files[0], root, out if out is not None else root / "output", _progress(1), port, theme, variables)
    except _deck_error() as error:
        _progress(1).problems(error)
        raise typer.Exit(1) from None


def _counts(findings) -> tuple[int, int, int]:
    """Return how many errors, warnings and notes there are among findings."""
    return tuple(sum(f.severity == s for f in findings) for s in ("error", "warning", "info"))  # type: ignore[return-value]


def _summary(findings) -> str:
    """Return ", 2 warnings, 5 notes" for findings (nothing when there are none)."""
    _, warnings, notes = _counts(findings)
    parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((warnings, "warning"), (notes, "note")) if n]
    return "".join(", " + part for part in parts)


def _targets(decks: Optional[List[Path]], root: Optional[Path]) -> tuple[Path, list[Path]]:
    """Return the workspace and the deck files a command works on."""
    from .workspace import find_decks
    from .errors import shown

    try:
        if root is None and decks and decks[0].resolve().parent.name == "decks":
            root = decks[0].resolve().parent.parent  # the workspace that holds the deck's decks/
    except (OSError, RuntimeError) as error:  # a name too long for the system, a link loop
        _unusable(error, decks[0])
    root = _workspace(root)
    try:
        files = [_named(f, root).resolve() for f in decks] if decks else find_decks(root)
    except (OSError, RuntimeError) as error:
        _unusable(error, decks[0])
    for typed, file in zip(decks or [], files):
        _deck_file(typed, file, root)
    if not files:
        _fail(f"no decks found: {shown(_rel(root / 'decks'))} has no *.yaml outlines",
              "create decks/<name>.yaml, name a deck file, or pass --root DIR")  # fmt: skip
    return root, files


def _named(typed: Path, root: Path) -> Path:
    """Return a deck named from the current folder, else from the workspace (`--root DIR decks/x.yaml`),
    else from its decks/ folder (`x.yaml`, as `extends:` names it)."""
    if not typed.is_absolute() and not typed.exists():
        return next((c for c in (root / typed, root / "decks" / typed) if c.exists()), typed)
    return typed


def _deck_file(typed: Path, file: Path, root: Path) -> None:
    """Fail unless the deck a user named is a regular file (a pipe would hang the build)."""
    import stat

    from .errors import shown
    from .workspace import closest_files, find_decks

    try:
        mode = os.stat(file).st_mode
    except FileNotFoundError:
        known = [_rel(deck) for deck in find_decks(root)]
        hint = closest_files(str(typed), known) or (
            "the workspace's decks: " + ", ".join(known[:12]) if known else "name a deck file that exists, e.g. decks/talk.yaml")
        _fail(f"deck not found: {shown(typed)}", hint)
    except OSError as error:
        _unusable(error, typed)
    if stat.S_ISDIR(mode):
        _fail(f"{shown(typed)} is a folder, not a deck file", "name a deck file in it, e.g. decks/talk.yaml")
    if not stat.S_ISREG(mode):
        _fail(f"{shown(typed)} is not a regular file (it is a pipe, a device or a socket)",
              "name an ordinary deck file, e.g. decks/talk.yaml")  # fmt: skip


def _unusable(error: Exception, path: Path) -> None:
    """Fail on a deck path the system refuses (too long a name, a link loop)."""
    from .errors import shown

    reason = getattr(error, "strerror", None) or str(error)
    _fail(f"cannot use {shown(getattr(error, 'filename', None) or path)}: {reason}",
          "name an existing deck file or workspace folder")  # fmt: skip


def _variables(options: Optional[List[str]]) -> dict[str, str]:
    """Return the `--var NAME=VALUE` options as a mapping; fail on a malformed one."""
    from .variables import parse

    try:
        return parse(options or [])
    except _deck_error() as error:
        typer.echo(error.render(Path.cwd()), err=True)
        raise typer.Exit(1) from None


def _deck_error():
    from .errors import DeckError

    return DeckError


def _fail(message: str, hint: str = "") -> None:
    typer.echo(f"error: {message}" + (f"\n  hint: {hint}" if hint else ""), err=True)
    raise typer.Exit(1)


def _rel(path: Path) -> str:
    from .workspace import display_path

    return display_path(path)


class _progress:
    """A progress bar on a terminal when several decks are built; plain lines otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None

    def __enter__(self):
        if self.total > 1 and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            # drawn as each deck is built, not by a thread of its own: builds fork only without threads
            self.bar = Progress(console=Console(stderr=True), transient=True, auto_refresh=False)
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

    def findings(self, findings) -> None:
        """Print findings in the order they came: a warning as a block with its line, a note in one line."""
        for finding in findings:
            text = finding.headline(Path.cwd()) if finding.severity == "info" else finding.render(Path.cwd())
            self.echo(text, err=True)

    def grouped(self, findings) -> None:
        """Print findings grouped by file, each file's in the order of their lines."""
        from .errors import order

        self.findings(sorted(findings, key=order))

    def advance(self, file: Path) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=f"Built {file.stem}", refresh=True)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


# ---------------------------------------------------------------- themes

themes_app = typer.Typer(invoke_without_command=True, rich_markup_mode=None)
app.add_typer(themes_app, name="themes", short_help="List the themes, or draw one to choose by eye.")
ThemesRootOpt = typer.Option(None, "--root", help="The workspace folder (default: the current folder).")


@themes_app.callback()
def themes(ctx: typer.Context, root: Optional[Path] = ThemesRootOpt) -> None:
    """List the themes a workspace can use: its own themes/ and the built-in ones."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = root  # `themes --root DIR show NAME` means the same as `themes show NAME --root DIR`
        return
    from .themes import available

    root = _workspace(root)
    rows = [("NAME", "FROM", "DISPLAY NAME", "FONTS", "TEMPLATE")]
    rows += [_theme_row(name, folder, root) for name, folder in sorted(available(root).items())]
    _table(rows)


def _table(rows: list[tuple[str, ...]]) -> None:
    """Print rows in columns; the last cell of each row is not padded (a broken theme's row is shorter)."""
    widths = [max(len(row[i]) for row in rows if len(row) > i + 1) for i in range(len(rows[0]) - 1)]
    for row in rows:
        typer.echo("  ".join(cell.ljust(width) for cell, width in zip(row[:-1], widths)) + "  " + row[-1])


@themes_app.command("show")
def show_theme(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="A theme name, as 'deckbuilder themes' lists it."),
    root: Optional[Path] = ThemesRootOpt,
    out: Optional[Path] = typer.Option(
        None, "--out", help="The PNG to write (default: ROOT/output/themes/NAME-preview.png)."
    ),
) -> None:
    """Draw a theme's preview (PNG): palette, contrast, type sizes and two sample slides."""
    from .errors import shown
    from .preview import render, save
    from .themes import load_theme
    from .writers.handout import compile_template

    root = _workspace(root or ctx.obj)
    out = out if out is not None else root / "output" / "themes" / f"{name}-preview.png"
    if out.suffix.lower() != ".png" or (out.is_file() and not _is_png(out)):  # never a deck or a note
        _fail(f"{shown(_rel(out))} is not a .png file: the preview would replace it", "name a .png file with --out")
    try:
        loaded = load_theme(name, root)
        compile_template(loaded)
        image = render(loaded)
    except _deck_error() as error:
        typer.echo(error.render(Path.cwd()), err=True)
        raise typer.Exit(1) from None
    try:
        save(image, out)
    except OSError as error:
        _fail(f"cannot write {shown(_rel(out))}: {error.strerror or error}", "choose another file with --out")
    typer.echo(f"wrote {_rel(out)}")


def _is_png(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(8) == b"\x89PNG\r\n\x1a\n"


def _workspace(root: Optional[Path]) -> Path:
    """Return the workspace folder (the current one by default), which must exist."""
    from .workspace import is_folder
    from .errors import shown

    root = (root or Path.cwd()).absolute()
    if not is_folder(root):
        state = "is not a folder" if os.path.lexists(root) else "does not exist"
        _fail(f"the workspace folder {shown(root)} {state}", "run deckbuilder in a workspace, or pass --root DIR")
    return root.resolve()


def _theme_row(name: str, folder: Path, root: Path) -> tuple[str, ...]:
    """Return one line of the theme list; a theme that does not load says why instead."""
    from .preview import template_source
    from .themes import builtin_dir, load_theme
    from .writers.handout import compile_template

    origin = "built-in"
    if folder.parent != builtin_dir():
        hides = (builtin_dir() / name / "theme.yaml").is_file()
        origin = _rel(folder) + (" (overrides built-in)" if hides else "")
    try:
        loaded = load_theme(name, root)
        compile_template(loaded)
    except _deck_error() as error:
        first = error.problems[0].render(Path.cwd()).splitlines()[0].removeprefix("error: ")
        return name, origin, f"(broken: {first})"
    theme = loaded.theme
    return name, origin, theme.name, f"{theme.fonts.heading} / {theme.fonts.body}", template_source(loaded)


# ---------------------------------------------------------------- schema


@app.command(short_help="Write JSON Schemas for editors into schemas/.")
def schema(
    kind: Optional[str] = typer.Option(
        None, "--kind", metavar="deck|article|theme", help="Only this kind: printed, or written to --out."
    ),
    out: Optional[Path] = typer.Option(None, "--out", help="The folder to write to (default: ROOT/schemas)."),
    root: Optional[Path] = ThemesRootOpt,
) -> None:
    """Write the JSON Schemas of decks, articles and themes, which editors use to complete and check them.

    Without --kind, writes deck.schema.json, article.schema.json and theme.schema.json into
    schemas/. A YAML file names its schema in its first line, e.g. in decks/talk.yaml:

    \b
      # yaml-language-server: $schema=../schemas/deck.schema.json
    """
    from .errors import did_you_mean, shown
    from . import schema as schemas

    if kind is not None and kind not in schemas.KINDS_OF_FILE:
        close = did_you_mean(kind, schemas.KINDS_OF_FILE, list_all=False)
        _fail(f"unknown kind of file {shown(kind)}", (close + " " if close else "") +
              "--kind takes " + ", ".join(schemas.KINDS_OF_FILE))  # fmt: skip
    if kind is not None and out is None:
        typer.echo(schemas.text(kind), nl=False)
        return
    folder = out if out is not None else _workspace(root) / "schemas"
    try:
        written = schemas.write((kind,) if kind else schemas.KINDS_OF_FILE, folder)
    except OSError as error:
        from .outputs import HINTS

        _fail(f"cannot write {shown(_rel(Path(error.filename or folder)))}: {error.strerror or error}",
              HINTS.get(error.errno, "choose another folder with --out"))  # fmt: skip
    for path in written:
        typer.echo(f"wrote {_rel(path)}")


# ---------------------------------------------------------------- new


@app.command(short_help="Start a workspace, or a deck that extends another.")
def new(
    name: str = typer.Argument(..., metavar="NAME", help="The deck's name: decks/NAME.yaml, built into output/NAME/."),
    base: Optional[Path] = typer.Option(
        None, "--from", metavar="DECK",
        help="Write decks/NAME.yaml beside this deck of a workspace: an outline that extends it.",
    ),
    audience: Optional[str] = typer.Option(
        None, "--audience", metavar="A", help="Who the deck is for (default: clinicians); clients get a worksheet."
    ),
    root: Optional[Path] = typer.Option(
        None, "--root", help="The folder to make the workspace in (default: the current folder), which "
        "must be empty or not exist yet; with --from, the deck's workspace.",
    ),
) -> None:
    """Start a deck: a new workspace with a starter outline that builds at once, or a deck that extends one.

    Without --from, makes a workspace in an empty folder: decks/NAME.yaml (a starter outline whose
    comments explain the format), decks/articles/ with an example article, decks/images/,
    schemas/ for editors and a .gitignore for output/. With --from, writes an outline that
    `extends:` the deck, whose comments show how to change it by its sections' and slides' ids.
    """
    from . import scaffold

    try:
        scaffold.check_name(name)
        if audience is not None:
            scaffold.check_audience(audience)
        if base is not None:
            written = [_extend_deck(base, root, name, audience)]
        else:
            written = scaffold.create((root or Path.cwd()).absolute(), name, audience or "clinicians")
    except _deck_error() as error:
        typer.echo(error.render(Path.cwd()), err=True)
        raise typer.Exit(1) from None
    for path in written:
        typer.echo(f"wrote {_rel(path)}")
    if base is None:
        typer.echo(f"next: deckbuilder build{'' if root is None else ' --root ' + str(root)}")


def _extend_deck(base: Path, root: Optional[Path], name: str, audience: Optional[str]) -> Path:
    """Write decks/NAME.yaml beside a deck of a workspace's decks/ folder: an outline that extends it."""
    from .errors import shown
    from .scaffold import extension

    root, (file,) = _targets([base], root)
    if file.parent != root / "decks":
        _fail(f"{shown(_rel(file))} is not a deck of the workspace's decks/ folder",
              "name a deck in decks/; the new deck goes beside it")  # fmt: skip
    return extension(file, name, audience, root)


# ---------------------------------------------------------------- sources

sources_app = typer.Typer(invoke_without_command=True, rich_markup_mode=None)
app.add_typer(sources_app, name="sources", short_help="Browse the article library's principles and quotes.")
SourcesRootOpt = typer.Option(None, "--root", help="The workspace folder, whose decks/articles/ is read "
                              "(default: the current folder).")  # fmt: skip


@sources_app.callback()
def sources(ctx: typer.Context, root: Optional[Path] = SourcesRootOpt) -> None:
    """Browse the article library (decks/articles/): articles, principles and quotes, with the
    reference a deck uses for each. Without a subcommand, lists the articles."""
    ctx.obj = root  # `sources --root DIR show ID` means the same as `sources show ID --root DIR`
    if ctx.invoked_subcommand is None:
        list_sources(ctx, None)


@sources_app.command("list")
def list_sources(ctx: typer.Context, root: Optional[Path] = SourcesRootOpt) -> None:
    """List the articles: id, year, authors, how many principles and quotes, title."""
    from .sources import listing

    with _library(root or ctx.obj) as library:
        _table(listing(library))


@sources_app.command("show")
def show_source(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID", help="An article id, or one item of it: article/N or article/quote-id."),
    root: Optional[Path] = SourcesRootOpt,
) -> None:
    """Show an article's principles and quotes, each with the reference to paste into a deck."""
    from .sources import show

    with _library(root or ctx.obj) as library:
        typer.echo(show(library, ref))


@sources_app.command("search")
def search_sources(
    ctx: typer.Context,
    words: List[str] = typer.Argument(..., metavar="WORDS", help="Words to look for in titles, summaries and quotations."),
    root: Optional[Path] = SourcesRootOpt,
) -> None:
    """Find principles and quotes by their words, best first, with the reference to paste into a deck."""
    from .sources import hit_lines, search

    with _library(root or ctx.obj) as library:
        hits = search(library, words)
        if not hits:
            _fail(f"nothing in the library has {' or '.join(repr(w) for w in words)}",
                  "try fewer or other words; 'deckbuilder sources list' shows the articles")  # fmt: skip
        for hit in hits:
            typer.echo("\n".join(hit_lines(hit)))


class _library:
    """The workspace's article library for a sources command: the articles that did not load are
    reported, and the command then exits 1; bad input (an unknown id) ends it at once."""

    def __init__(self, root: Optional[Path]) -> None:
        self.root = root
        self.problems: list = []

    def __enter__(self):
        from .sources import load

        try:
            library, self.problems = load(_workspace(self.root))
        except _deck_error() as error:
            typer.echo(error.render(Path.cwd()), err=True)
            raise typer.Exit(1) from None
        return library

    def __exit__(self, kind, error, trace) -> bool:
        if isinstance(error, _deck_error()):
            typer.echo(error.render(Path.cwd()), err=True)
        for problem in self.problems:
            typer.echo("\n" + problem.render(Path.cwd()), err=True)
        if self.problems or isinstance(error, _deck_error()):
            raise typer.Exit(1)
        return False


# ---------------------------------------------------------------- import

import_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                         help="Make a deck outline or a library entry from what you already have.")  # fmt: skip
app.add_typer(import_app, name="import", short_help="Make an outline from a .pptx, or a library entry from an article.")


@import_app.command("article")
def import_article(
    file: Path = typer.Argument(..., metavar="FILE", help="The article: plain text, Markdown (.md) or HTML (.html)."),
    article_id: Optional[str] = typer.Option(
        None, "--id", metavar="ID", help="The entry's id: decks/articles/ID.yaml (default: from the title)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace the entry of that id, and its text."),
    root: Optional[Path] = typer.Option(None, "--root", help="The workspace folder (default: the current folder)."),
) -> None:
    """Draft a library entry from an article's text: title, byline, numbered principles with an
    excerpt each, and the quotations that name a speaker. Lines marked `# check: guessed` want a look."""
    from .importing.article import import_article as draft

    _wrote(draft, file, _workspace(root), article_id, force)
    typer.echo("next: check the lines marked '# check: guessed', and write each principle's summary")


@import_app.command("pptx")
def import_pptx(
    file: Path = typer.Argument(..., metavar="FILE.pptx", help="The PowerPoint presentation to import."),
    name: Optional[str] = typer.Option(None, "--name", help="The deck's name: decks/NAME.yaml (default: the file's name)."),
    force: bool = typer.Option(False, "--force", help="Replace a deck of that name and its pictures."),
    root: Optional[Path] = typer.Option(None, "--root", help="The workspace folder (default: the current folder)."),
) -> None:
    """Make an outline from a PowerPoint deck: decks/NAME.yaml, its pictures in decks/images/NAME/.

    Lines the outline marks `# check:` say what needs a look: missing alt text, tables and charts
    left out. A deck deckbuilder built imports with its title page, objectives, agenda and
    sections as outline fields, its quotes and principles as references to the library.
    """
    from .importing.pptx import import_pptx as run

    _wrote(run, file, _workspace(root), name, force)


def _wrote(importer, *args) -> None:
    """Run an importer and list the files it wrote; its DeckError is printed, exit 1."""
    try:
        written = importer(*args)
    except _deck_error() as error:
        typer.echo(error.render(Path.cwd()), err=True)
        raise typer.Exit(1) from None
    for path in written:
        typer.echo(f"wrote {_rel(path)}")


USAGE = 2  # click's exit code for a command line it cannot parse


def main() -> None:
    """Run the command, without Python's cyclic garbage collector, and end without tearing down.

    A build makes hundreds of thousands of objects that live until its deck is written (the Deck,
    the XML of every slide) and few cycles: the collector's passes over them cost 50 ms at 67
    slides and 0.23 s at 1650, and free almost nothing. Reference counting frees everything else;
    `build` collects each deck's cycles itself. Freeing every object and module at the end would
    cost another 0.1 s, for memory the system takes back at once: every file is closed by then.
    """
    gc.disable()
    try:
        app()  # typer ends with SystemExit
    except KeyboardInterrupt:  # before a build began, or after it was reported
        code = 130
    except SystemExit as done:
        code = 1 if done.code == USAGE else done.code  # a mistyped option is a mistake like any other
    else:
        code = 0
    _exit(code)


def _exit(code) -> NoReturn:
    """End the process at once with `code` (as SystemExit takes it), after writing out stdout and stderr."""
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader has gone (`| head`), or the stream is closed
            pass
    os._exit(code or 0)
