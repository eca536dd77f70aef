"""Deck -> a printable, self-contained HTML handout (jinja2).

The template and CSS belong to the theme (`handout.html.j2`, `handout.css`, else the built-in
ones). Templates are untrusted: a sandboxed environment with autoescape renders them, and deck
text is only ever data, never a template.
"""

from __future__ import annotations

import base64
import functools
import os
from pathlib import Path

from markupsafe import Markup, escape

from .. import deck as d
from ..errors import DeckError, Position, Problem
from ..load import read_text
from ..themes import DEFAULT_THEME, LoadedTheme, builtin_dir

MIME = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp"}


def write(deck: d.Deck, theme: LoadedTheme, out: Path) -> list[str]:
    """Write the handout of `deck` (which carries its audience and style) at `out`."""
    from jinja2 import TemplateError

    style = theme.theme.handout
    # a theme's template may `{% extends "calm/handout.html.j2" %}` and override only some blocks
    folders = theme.folders + (builtin_dir() / DEFAULT_THEME, builtin_dir())
    name = style.template or "handout.html.j2"
    css = "\n".join(read_text(sheet) for sheet in theme.handout_css())
    try:
        html = _environment(folders).get_template(name).render(
            deck=deck, handout=deck.handout, slides=deck.slides, theme=theme.theme, logo=theme.logo,
            css=Markup(css), page=deck.handout.paper or style.page,
        )  # fmt: skip
    except TemplateError as error:
        where = Path(getattr(error, "filename", None) or theme.folder / name)
        raise DeckError(
            Problem(f"the handout template is broken: {error.message}",
                    Position(where, getattr(error, "lineno", 0) or 0, 1 if getattr(error, "lineno", 0) else 0),
                    "fix the template, or remove it to use the built-in one")  # fmt: skip
        ) from None
    out.write_text(html, encoding="utf-8")
    return []


@functools.lru_cache(maxsize=None)
def _environment(folders: tuple[Path, ...]):
    """Return the sandboxed environment of a theme; its templates compile once per run."""
    from jinja2 import FileSystemLoader
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        loader=FileSystemLoader([str(f) for f in folders]), autoescape=True, bytecode_cache=_cache()
    )
    env.filters["rich"] = rich
    env.filters["picture"] = picture
    return env


def _cache():
    """Return a cache of compiled templates in the user's cache folder (compiling costs 0.1 s)."""
    from jinja2 import FileSystemBytecodeCache

    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        folder = base / "deckbuilder" / "templates"
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # no home folder, or a read-only one: compile every time
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


def rich(runs: d.Rich) -> Markup:
    """Return runs as escaped HTML with <strong> and <em>."""
    parts = []
    for run in runs:
        text = escape(run.text)
        if run.italic:
            text = Markup("<em>%s</em>") % text
        if run.bold:
            text = Markup("<strong>%s</strong>") % text
        parts.append(text)
    return Markup("").join(parts)


def picture(p: d.Picture) -> str:
    """Return an image as a data URI, so that the handout is one self-contained file.

    It is at most as large as a printed page shows it (7.5 x 10 in at 200 dpi), and cached.
    """
    from ..pictures import DPI, embedded

    data, ext = embedded(p, int(7.5 * DPI), 10 * DPI)
    return f"data:{MIME[ext]};base64," + base64.b64encode(data).decode("ascii")
