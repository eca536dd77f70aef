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
    if len(name) > MAX_ID or not re.fullmatch(ID_PATTERN, name) or name.endswith((".yaml", ".yml")):
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
                                "to add a deck to this workspace, copy one of decks/ to decks/NAME.yaml, or write "
                                "one that extends it: deckbuilder new NAME --from decks/<deck>.yaml"
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


def extension(base: Path, name: str, audience: str | None, root: Path) -> Path:
    """Write decks/NAME.yaml beside `base`: an outline that extends it, whose comments show how to
    change it by the ids of its sections and slides; `audience` is set when given. Return the file."""
    target = base.parent / f"{name}.yaml"
    if os.path.lexists(target):
        raise DeckError(Problem(f"{shown(display_path(target))} exists already", None,
                                "choose another name; deckbuilder new never replaces a deck"))  # fmt: skip
    try:
        _write_new(target, _extending(base, name, audience, root))
    except OSError as error:
        raise DeckError(Problem(f"cannot write {shown(display_path(target))}: {error.strerror or error}", None,
                                "check that you may write to the decks/ folder")) from None  # fmt: skip
    return target


def _extending(base: Path, name: str, audience: str | None, root: Path) -> str:
    """Return the text of an outline called `name` that extends `base`, with the base's real ids."""
    from .extends import extend
    from .load import load_yaml, read_text

    doc = extend(load_yaml(base), root)
    sections = [s for s in doc.data.get("sections") or () if isinstance(s, dict)]
    section_ids = [s["id"] for s in sections if isinstance(s.get("id"), str)] or ["SECTION-ID"]
    slide_ids = [f"{slide['id']} ({section.get('id') or 'untitled'})" for section in sections
                 for slide in section.get("slides") or () if isinstance(slide, dict) and isinstance(slide.get("id"), str)]  # fmt: skip
    declared = doc.data.get("vars") if isinstance(doc.data.get("vars"), dict) else {}
    variables = {k: str(v) for k, v in declared.items()} or {"organization": "Your Organization"}
    modeline = read_text(base).splitlines()[:1]
    values = {
        "__MODELINE__": modeline[0] + "\n" if modeline and modeline[0].startswith(_MODELINE) else "",
        "__NAME__": name, "__BASE__": base.name,
        "__WRITTEN__": os.path.relpath(doc.pos(("sections",)).file, base.parent),  # the outline whose sections they are
        "__AUDIENCE__": (f"audience: {_scalar(audience)}" if audience is not None else
                         "# audience: clients                # who this deck is for") + "\n",
        "__SECTIONS__": _wrapped(section_ids), "__SLIDES__": _wrapped(slide_ids or ["none yet"]),
        "__VARS__": "\n".join(f"#   {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in variables.items()),
        "__REMOVE__": section_ids[-1], "__SECTION__": section_ids[0],
        "__SLIDE__": slide_ids[0].split(" ")[0] if slide_ids else "SLIDE-ID",
    }  # fmt: skip
    text = (STARTER / "extends.yaml").read_text(encoding="utf-8")
    return re.sub("|".join(values), lambda m: values[m.group()], text)


def _wrapped(ids: list[str]) -> str:
    """Return ids as a comma-separated list, its further lines indented under the first in a comment."""
    import textwrap

    return "\n#             ".join(textwrap.wrap(", ".join(ids), 84, break_on_hyphens=False))


def _write_new(path: Path, text: str) -> None:
    """Write a file that must not exist yet; one that cannot be written whole is removed."""
    with path.open("x", encoding="utf-8") as file:
        try:
            file.write(text)
            file.flush()
        except OSError:
            path.unlink(missing_ok=True)
            raise
