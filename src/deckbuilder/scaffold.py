"""New workspaces and new decks: `deckbuilder new`.

A new workspace holds a starter outline that builds at once and explains the format in its
comments, an example article with its text, decks/images/, the JSON Schemas that editors read,
and a .gitignore for output/. Its files come from the `starter/` folder beside this module.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from .audiences import CLIENTS
from .errors import DeckError, Problem, shown
from .model import ID_PATTERN, MAX_ID, MAX_LINE
from .workspace import display_path

STARTER = Path(__file__).resolve().parent / "starter"
EXAMPLE_ARTICLE = ("example-article.yaml", "example-article.txt")
# The handout a deck for an audience gets: a worksheet for clients, notes for everyone else.
STYLES = {CLIENTS: "worksheet"}
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _-]*")  # an audience YAML reads as text without quotes
_MODELINE = "# yaml-language-server:"


def check_name(name: str) -> None:
    """Refuse a deck name that cannot be a file name and an output folder."""
    if len(name) > MAX_ID or not re.match(ID_PATTERN, name) or name.endswith((".yaml", ".yml")):
        raise DeckError(Problem(f"{shown(name)} cannot name a deck", None,
                                f"use at most {MAX_ID} letters, digits, '-', '_' or '.', without .yaml, "
                                "e.g. deckbuilder new my-talk"))  # fmt: skip


def check_audience(audience: str) -> None:
    """Refuse an audience that is no name: empty, on several lines, or too long."""
    if not audience.strip() or "\n" in audience or len(audience) > MAX_LINE:
        raise DeckError(Problem(f"{shown(audience)} cannot name an audience", None,
                                "name who the deck is for in a few words, e.g. --audience clients"))  # fmt: skip


def outline(name: str, audience: str) -> str:
    """Return the starter outline of a deck called `name` for `audience`."""
    text = (STARTER / "outline.yaml").read_text(encoding="utf-8")
    title = name.replace("-", " ").replace("_", " ")
    values = {"__NAME__": name, "__TITLE__": title[:1].upper() + title[1:], "__AUDIENCE__": _scalar(audience),
              "__STYLE__": STYLES.get(audience, "notes"),
              "__CE__": "# " if audience == CLIENTS else ""}  # continuing education material: not for clients
    return re.sub("|".join(values), lambda m: values[m.group()], text)


def _scalar(value: str) -> str:
    """Return `value` as YAML text: bare when it reads back as the same text, quoted otherwise."""
    plain = _PLAIN.fullmatch(value) and value.lower() not in ("yes", "no", "on", "off", "true", "false", "null")
    return value if plain else json.dumps(value, ensure_ascii=False)


def create(root: Path, name: str, audience: str) -> list[Path]:
    """Make a workspace in `root`, which must be empty or not exist; return the files written.

    Everything is made before anything is written, and what was written is removed again if
    writing fails, so that no half workspace is left.
    """
    from . import schema

    _refuse_full(root)
    articles = root / "decks" / "articles"
    files = {
        root / ".gitignore": (STARTER / "gitignore").read_text(encoding="utf-8"),
        root / "decks" / f"{name}.yaml": outline(name, audience),
        **{articles / f: (STARTER / "articles" / f).read_text(encoding="utf-8") for f in EXAMPLE_ARTICLE},
        **{root / "schemas" / schema.file_name(k): schema.text(k) for k in schema.KINDS_OF_FILE},
    }
    existed = root.exists()
    try:
        (root / "decks" / "images").mkdir(parents=True)
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_new(path, text)
    except OSError as error:
        _undo(root, existed)
        raise DeckError(Problem(f"cannot write {shown(display_path(root))}: {error.strerror or error}", None,
                                "choose a folder you may write to with --root")) from None  # fmt: skip
    return list(files)


def _refuse_full(root: Path) -> None:
    """Refuse a workspace folder that is not a folder, or holds anything already."""
    if os.path.lexists(root) and not root.is_dir():
        raise DeckError(Problem(f"{_named(root)} is not a folder", None,
                                "pass --root with a new or empty folder"))  # fmt: skip
    if root.is_dir() and any(root.iterdir()):
        decks = (root / "decks").is_dir()
        raise DeckError(Problem(f"{_named(root)} is not empty: a new workspace needs an empty folder", None,
                                "to add a deck to this workspace, use --from decks/<deck>.yaml"
                                if decks else "make an empty folder and run it there, or pass --root NEW-FOLDER"))  # fmt: skip


def _named(root: Path) -> str:
    """Return how a message names the workspace folder: "the current folder", or its path."""
    return "the current folder" if root == Path.cwd().absolute() else shown(display_path(root))


def _undo(root: Path, existed: bool) -> None:
    """Remove what `create` wrote into a folder that was empty (or did not exist) before."""
    if not existed:
        shutil.rmtree(root, ignore_errors=True)
        return
    for child in root.iterdir():
        shutil.rmtree(child, ignore_errors=True) if child.is_dir() else child.unlink(missing_ok=True)


def copy(base: Path, name: str, audience: str | None) -> Path:
    """Write decks/NAME.yaml beside `base` as a copy of it, to change freely; return the new file.

    The copy keeps every comment, and says where it came from; `audience` replaces its own.
    """
    from .load import read_text

    target = base.parent / f"{name}.yaml"
    if os.path.lexists(target):
        raise DeckError(Problem(f"{shown(display_path(target))} exists already", None,
                                "choose another name; deckbuilder new never replaces a deck"))  # fmt: skip
    lines = read_text(base).splitlines(keepends=True)
    at = 1 if lines and lines[0].startswith(_MODELINE) else 0
    lines.insert(at, f"# Made from {base.name} by `deckbuilder new`: a copy to change as you like.\n")
    text = "".join(lines)
    if audience is not None:
        line = f"audience: {_scalar(audience)}"
        text, found = re.subn(r"^audience:.*$", lambda m: line, text, count=1, flags=re.M)
        if not found:
            lines.insert(at + 1, line + "\n")
            text = "".join(lines)
    try:
        _write_new(target, text)
    except OSError as error:
        raise DeckError(Problem(f"cannot write {shown(display_path(target))}: {error.strerror or error}", None,
                                "check that you may write to the decks/ folder")) from None  # fmt: skip
    return target


def _write_new(path: Path, text: str) -> None:
    """Write a file that must not exist yet; one that cannot be written whole is removed."""
    with path.open("x", encoding="utf-8") as file:
        try:
            file.write(text)
            file.flush()
        except OSError:
            path.unlink(missing_ok=True)
            raise
