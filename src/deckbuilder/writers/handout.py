"""Deck -> a printable, self-contained HTML handout (jinja2).

The template and CSS belong to the theme (`handout.html.j2`, `handout.css`, else the built-in
ones). Templates are untrusted: they receive plain data only (no object of ours, no path) and
run in the bounded sandbox of `sandbox.py`; deck text is only ever data, never a template.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import os
from pathlib import Path

import msgspec
from markupsafe import Markup, escape

from .. import deck as d
from ..errors import DeckError, Position, Problem
from ..load import read_text
from ..themes import DEFAULT_THEME, LoadedTheme, builtin_dir

MIME = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp"}
HINT = "fix the template, or remove it to use the built-in one"
CSS_PLAIN = " -_.,:;!?"  # besides letters and digits, what a CSS string may hold unescaped


def write(deck: d.Deck, theme: LoadedTheme, out: Path) -> list:
    """Write the handout of `deck` (which carries its audience and style) at `out`, as it is made."""
    with out.open("w", encoding="utf-8") as file:
        render(deck, theme, file.write)
    return []


def render(deck: d.Deck, theme: LoadedTheme, sink=lambda text: None, pictures: tuple = ()) -> None:
    """Give the HTML of `deck`'s handout to `sink` piece by piece (a large handout is never one string);
    a failure of the theme's template is a DeckError at its line.

    `pictures` are the slides drawn, for a `slides` handout: mappings of `src` (a data URI), `number`, `alt`,
    `width` (inches).
    """
    css = "\n".join(read_text(sheet) for sheet in theme.css)
    css = css.replace("</", "<\\/")  # the same in CSS, but it cannot end the <style> element
    data = _plain(deck)
    context = {
        "deck": data, "handout": data["handout"], "slides": data["slides"], "theme": _theme(theme),
        "logo": _plain(theme.logo), "css": Markup(css), "page": deck.handout.paper or theme.theme.handout.page,
        "pictures": pictures,
    }  # fmt: skip
    generate(theme, _name(theme, deck.handout.style), context, sink)


def generate(theme: LoadedTheme, name: str, context: dict, sink, kind: str = "handout") -> None:
    """Give what the theme's template `name` makes of plain `context` to `sink`, piece by piece, within
    the sandbox's budget; a failure of the template is a DeckError at its line, naming its `kind`."""
    from .sandbox import budget, size

    with _reported(theme, name, kind) as env:
        with budget(size(context)):
            for piece in env.get_template(name).generate(context):
                sink(piece)


PREVIEW_TEMPLATE = "preview.html.j2"  # the page of `build --preview` and `watch`


def compile_template(theme: LoadedTheme) -> None:
    """Compile a theme's handout templates and its preview page's (and what they extend), so that a
    broken one is found early."""
    names = {_name(theme, style): "handout" for style in ("notes", *OWN_TEMPLATE)} | {PREVIEW_TEMPLATE: "preview"}
    for name, kind in names.items():
        with _reported(theme, name, kind) as env:
            env.get_template(name)


# styles with a form of their own: the template `handout-<style>.html.j2`, the theme's or the built-in one
OWN_TEMPLATE = ("evaluation", "slides")


def _name(theme: LoadedTheme, style: str) -> str:
    """Return the template of a handout style."""
    if style in OWN_TEMPLATE:
        return f"handout-{style}.html.j2"
    return theme.theme.handout.template or "handout.html.j2"


@contextlib.contextmanager
def _reported(theme: LoadedTheme, name: str, kind: str = "handout"):
    """Yield the theme's environment; turn a failure of its template into a DeckError at the template's line,
    which says what the template makes (`kind`: "handout", "preview")."""
    # a theme's template may `{% extends "calm/handout.html.j2" %}` and override only some blocks
    env = _environment(theme.folders + (builtin_dir() / DEFAULT_THEME, builtin_dir()))
    try:
        yield env
    except Exception as error:
        problem = _template_problem(error, env.loader, theme, name, kind)
        if problem is None:
            raise
        raise DeckError(problem) from None


def _theme(theme: LoadedTheme) -> dict:
    """Return the theme's settings a template may use: none names a file on this computer."""
    settings = _plain(theme.theme)
    shown = {key: settings[key] for key in ("name", "colors", "fonts", "sizes", "italics")}
    return {**shown, "handout": {"page": theme.theme.handout.page}}


# where a slide comes from, how a deck is set
UNSHOWN = ("where", "title_where", "sources", "fit", "findings", "start", "inline_headings", "outputs")


def _plain(value):
    """Return deck data as a template may see it: strings, numbers, lists and mappings only.

    A slide's `kind` (a class attribute) becomes a key; a picture becomes its data URI.
    Most values are text and flags, so those are looked for first.
    """
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, d.Picture):
        return picture(value)
    if isinstance(value, msgspec.Struct):
        fields = {name: _plain(getattr(value, name)) for name in value.__struct_fields__ if name not in UNSHOWN}
        kind = getattr(type(value), "kind", None)
        return {"kind": kind, **fields} if kind else fields
    if isinstance(value, (tuple, list)):
        return tuple(_plain(item) for item in value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    raise TypeError(f"{type(value).__name__} is not plain data for a template")


def _template_problem(error: Exception, loader, theme: LoadedTheme, name: str, kind: str) -> Problem | None:
    """Return the problem of a theme's template that `error` shows, or None if the template did not cause it."""
    from jinja2 import TemplateNotFound

    from .sandbox import template_frame

    where = template_frame(error, loader)
    if where is not None:
        pos = Position(where[0], where[1], 1 if where[1] else 0)
    elif isinstance(error, TemplateNotFound) and error.name == name:
        pos = theme.doc.pos(("handout", "template"))
    else:
        return None
    return Problem(f"the {kind} template is broken: {_reason(error)}", pos, HINT)


def _reason(error: Exception) -> str:
    """Return what went wrong in a template, in one line of at most 200 characters."""
    from jinja2 import TemplateError

    if isinstance(error, TemplateError):
        text = error.message or type(error).__name__
    else:
        text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:197] + "..."


@functools.lru_cache(maxsize=None)
def _environment(folders: tuple[Path, ...]):
    """Return the sandboxed environment of a theme; its templates compile once per run."""
    from .sandbox import ThemeEnvironment

    return ThemeEnvironment(folders, {"rich": rich, "css_string": css_string}, bytecode_cache=_cache())


def _cache():
    """Return a cache of compiled templates in the user's cache folder (compiling costs 0.1 s)."""
    from jinja2 import FileSystemBytecodeCache

    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        folder = base / "deckbuilder" / "templates"
        folder.mkdir(parents=True, exist_ok=True)
    except (OSError, RuntimeError):  # no home folder, or a read-only one: compile every time
        return None
    if not os.access(folder, os.W_OK):
        return None
    return FileSystemBytecodeCache(str(folder), f"__deckbuilder_{_sandbox_version()}_%s.cache")


def _sandbox_version() -> str:
    """Return a digest of the sandbox and jinja2, so that code compiled by an older sandbox is never reused."""
    import jinja2

    from . import sandbox

    source = Path(sandbox.__file__).read_bytes() + jinja2.__version__.encode()
    return hashlib.sha1(source).hexdigest()[:12]


def rich(runs) -> Markup:
    """Return runs (mappings of text, bold, italic) as escaped HTML with <strong> and <em>."""
    message = "the rich filter takes runs of text, such as a slide's title"
    _expect(runs, (list, tuple), message)
    parts = []
    for run in runs:
        _expect(run, (dict,), message)
        _expect(run.get("text"), (str,), message)
        text = escape(run["text"])
        if run.get("italic"):
            text = Markup("<em>%s</em>") % text
        if run.get("bold"):
            text = Markup("<strong>%s</strong>") % text
        parts.append(text)
    return Markup("").join(parts)


def css_string(text) -> Markup:
    """Return text for the inside of a CSS string: nothing in it can end the string, the rule or the <style>.

    An escape ends with a space, which CSS drops: a space after it is kept ("a \\0000b7  b" is "a · b").
    """
    _expect(text, (str, int, float), "the css_string filter takes text, such as the deck's title")
    return Markup("".join(c if c.isalnum() or c in CSS_PLAIN else f"\\{ord(c):06x} " for c in str(text)))


def _expect(value, types: tuple, message: str) -> None:
    """Refuse a filter's value unless it is of `types`; an undefined one says what is undefined."""
    from jinja2 import Undefined
    from jinja2.exceptions import FilterArgumentError

    if isinstance(value, Undefined):
        value._fail_with_undefined_error()
    if not isinstance(value, types):
        raise FilterArgumentError(message)


def picture(p: d.Picture) -> str:
    """Return an image as a data URI, so that the handout is one self-contained file.

    It is at most as large as a printed page shows it (7.5 x 10 in at 200 dpi), and cached.
    """
    from ..pictures import DPI, embedded

    return _shared_uri(*embedded(p, int(7.5 * DPI), 10 * DPI))


@functools.lru_cache(maxsize=64)
def _shared_uri(data: bytes, ext: str) -> str:
    """Return the data URI of a picture's bytes, once: a picture shown on many slides shares it."""
    return data_uri(data, ext)


def data_uri(data: bytes, ext: str) -> str:
    """Return an image's bytes as a data URI, so that the handout is one self-contained file."""
    return f"data:{MIME[ext]};base64," + base64.b64encode(data).decode("ascii")
