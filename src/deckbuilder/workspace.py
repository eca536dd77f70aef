"""The workspace: where decks, articles, themes and outputs are, and which files may be read.

Every path a deck, an article or a theme names goes through `locate`: it is resolved with its
links and must stay inside the workspace or the built-in themes. Every file is read through
`read_bytes`: only a regular file, no larger than its limit, so that a shared workspace or a
downloaded theme cannot make deckbuilder read other files, wait on a pipe or fill the memory.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePath

from .errors import DeckError, Position, Problem, Problems, did_you_mean, shown

MAX_TEXT_BYTES = 4 * 2**20  # YAML files, handout CSS and templates, article texts
MAX_FILE_BYTES = 64 * 2**20  # images, fonts and .pptx templates (the file as stored)
_URL = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+://|(file|data|https?):)", re.I)


def builtin_dir() -> Path:
    """Return the built-in themes: inside the installed package, or the repository's `themes/`."""
    packaged = Path(__file__).resolve().parent / "themes"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "themes"


def within(path: Path, root: Path) -> bool:
    """Whether `path`, with its links resolved, is inside the workspace or the built-in themes."""
    try:
        return _under(path.resolve(), root.resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop, a name the system refuses
        return False


def refuse_outside(path: Path, root: Path, pos: Position) -> None:
    """Refuse to write `path` when it, or the nearest folder above it that exists, is a link that leads
    outside the workspace: what deckbuilder writes stays where the user sees it."""
    existing = path
    while not os.path.lexists(existing) and existing != existing.parent:
        existing = existing.parent
    if not within(existing, root):
        raise DeckError(Problem(f"{shown(display_path(existing))} leads outside the workspace", pos,
                                "replace the link with a folder of the workspace"))  # fmt: skip


def _under(path: Path, root: Path) -> bool:
    """Whether an absolute `path` is inside `root` or the built-in themes, as written."""
    return path.is_relative_to(root) or path.is_relative_to(builtin_dir())


def locate(value: str, base: Path, root: Path, pos: Position,
           problems: Problems | None = None) -> Path | None:  # fmt: skip
    """Return `base/value` with its links resolved; a URL, or a path that leads outside the
    workspace and the built-in themes, is reported at `pos` (raised, or added to `problems`)."""
    return _reported(problems, _locate, value, base, root, pos)


def _locate(value: str, base: Path, root: Path, pos: Position) -> Path:
    """Return `base/value` resolved; raise DeckError if it may not be read."""
    if _URL.match(value):
        raise DeckError(Problem(f"{shown(value)} is a URL, not a file", pos,
                                f"give a path to a copy inside the workspace, relative to {base}"))  # fmt: skip
    try:
        path = (base / value).resolve()
    except (OSError, RuntimeError, ValueError) as exc:
        reason = "its links go round in a circle" if isinstance(exc, RuntimeError) else _reason(exc)
        problem = Problem(f"{shown(value)} cannot be used: {reason}", pos, _not_found_hint(pos))
        raise DeckError(problem) from None
    if not within(path, root):
        linked = _under(Path(os.path.normpath(base.absolute() / value)), root.resolve())  # but for a link
        where = "is a link to a place outside the workspace" if linked else "is outside the workspace"
        raise DeckError(Problem(f"{shown(value)} {where}", pos,
                                f"keep files inside {root.resolve()} (links are followed)"))  # fmt: skip
    return path


def locate_file(value: str, base: Path, root: Path, pos: Position, what: str, large: bool = False,
                problems: Problems | None = None) -> Path | None:  # fmt: skip
    """Return `base/value` resolved, which must be a regular file within its limit (see `limit`)
    inside the workspace or the built-in themes; `what` names it in messages ("image", "logo file")."""
    return _reported(problems, _locate_file, value, base, root, pos, what, large)


def _locate_file(value: str, base: Path, root: Path, pos: Position, what: str, large: bool) -> Path:
    path = _locate(value, base, root, pos)
    check_file(path, pos, what, value, large)
    return path


def _reported(problems: Problems | None, function, *args):
    """Return `function(*args)`; its DeckError is raised, or added to `problems` (and None returned)."""
    try:
        return function(*args)
    except DeckError as error:
        if problems is None:
            raise
        problems.extend(error)
        return None


def limit(large: bool) -> int:
    """Return how many bytes are read of a file: MAX_FILE_BYTES for images, fonts and templates
    (`large`), MAX_TEXT_BYTES for everything else."""
    return MAX_FILE_BYTES if large else MAX_TEXT_BYTES


def is_folder(path: Path) -> bool:
    """Whether `path` is a folder; a name the system refuses is none."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def check_file(path: Path, pos: Position, what: str = "the file", value: str | None = None,
               large: bool = False, missing_ok: bool = False) -> bool:  # fmt: skip
    """Raise DeckError at `pos` unless `path` is a regular file within its limit.

    With `missing_ok`, return False for a file that does not exist.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if missing_ok:
            return False
        raise DeckError(Problem(_say(what, "not found", value), pos, _not_found_hint(pos, Path(path), value))) from None
    except (OSError, ValueError) as exc:
        raise DeckError(Problem(_say(what, f"cannot be read ({_reason(exc)})", value), pos,
                                _not_found_hint(pos))) from None  # fmt: skip
    _check_stat(info, pos, limit(large), what, value)
    return True


def read_bytes(path: Path, pos: Position | None = None, what: str = "the file", value: str | None = None,
               large: bool = False) -> bytes:  # fmt: skip
    """Return the content of a regular file within its limit; raise DeckError at `pos`.

    The file is checked before it is opened and again once open (it may have been replaced),
    and opened without blocking, so that a pipe is refused instead of waited on.
    """
    pos, most = pos or Position(path), limit(large)
    check_file(path, pos, what, value, large)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DeckError(Problem(_say(what, f"cannot be read ({_reason(exc)})", value), pos)) from None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        _check_stat(info, pos, most, what, value)
        data = file.read(min(info.st_size, most) + 1)  # read(n) sets aside n bytes first
    if len(data) > most:  # it grew while being read
        raise DeckError(Problem(_say(what, f"is larger than {_size(most)}", value), pos, _limit_hint(most)))
    return data


def _check_stat(info: os.stat_result, pos: Position, most: int, what: str, value: str | None) -> None:
    """Refuse what is not a regular file, or is larger than `most` bytes."""
    if stat.S_ISDIR(info.st_mode):
        raise DeckError(Problem(_say(what, "is a folder, not a file", value), pos, "name a file in it"))
    if not stat.S_ISREG(info.st_mode):
        raise DeckError(Problem(_say(what, "is not a regular file (it is a pipe, a device or a socket)", value),
                                pos, "name an ordinary file; deckbuilder reads no pipes or devices"))  # fmt: skip
    if info.st_size > most:
        raise DeckError(Problem(_say(what, f"is larger than {_size(most)}", value), pos, _limit_hint(most)))


def _say(what: str, text: str, value: str | None) -> str:
    """Return a message about a file, quoting the user's name for it when there is one."""
    return f"{what} {text}" + (f": {shown(value)}" if value is not None else "")


def _reason(exc: BaseException) -> str:
    """Return the system's reason, without the file name it repeats ("File name too long")."""
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _size(most: int) -> str:
    return f"{most / 2**20:g} MB" if most >= 2**20 else f"{most:,} bytes"


def _limit_hint(most: int) -> str:
    return f"files of this kind are read up to {_size(most)} (see docs/format.md); make it smaller"


def _not_found_hint(pos: Position, path: Path | None = None, value: str | None = None) -> str:
    """Say where a path written in a file starts from, with the names in its folder closest to it
    (written as the user wrote the path)."""
    if not pos.line:
        return "check that the file exists and can be read"
    relative = f"paths are relative to {pos.file.parent}"
    if path is None:
        return relative
    try:
        names = [p.name for p in path.parent.iterdir()] if path.parent.is_dir() else []
    except OSError:
        names = []
    folder = value[: len(value) - len(path.name)] if value and value.endswith(path.name) else ""
    close = closest_files(path.name, [folder + n for n in names if n.endswith(path.suffix)])
    return f"{close} ({relative})" if close else relative


def closest_files(written: str, paths: list[str]) -> str:
    """Return a hint naming the `paths` whose file names are closest to the one `written` (by their
    stems: a shared folder or suffix makes no two names alike), or ""."""
    by_stem: dict[str, str] = {}
    for path in paths:
        by_stem.setdefault(PurePath(path).stem, path)
    close = did_you_mean(PurePath(written).stem, by_stem, list_all=False)
    return re.sub(r"'(.*?)'", lambda m: f"'{by_stem.get(m[1], m[1])}'", close)


def find_decks(root: Path) -> list[Path]:
    """Return every deck outline of a workspace: decks/*.yaml, top level only."""
    folder = root / "decks"
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def write_whole(texts: dict[Path, str]) -> list[Path]:
    """Write text files all or none: each beside its place first, and put in place once all are
    written; return them. An OSError names the file asked for, not a temporary one."""
    temps: dict[Path, Path] = {}
    try:
        for path, content in texts.items():
            with _naming(path):
                if path.is_dir():
                    raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
                temps[path] = temp_beside(path)
                temps[path].write_text(content, encoding="utf-8")
        for path, temp in temps.items():
            with _naming(path):
                temp.replace(path)
    finally:
        for temp in temps.values():
            with suppress(OSError):  # a folder in its way is not ours to remove
                temp.unlink(missing_ok=True)
    return list(texts)


@contextmanager
def _naming(path: Path) -> Iterator[None]:
    """Re-raise an OSError as one about `path`."""
    try:
        yield
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path)) from error


def temp_beside(final: Path) -> Path:
    """Return a hidden temporary name beside `final` (so that os.replace is atomic), keeping its
    suffix: browsers and Pillow read it."""
    return final.with_name(f".{final.stem}.{os.getpid()}.tmp{final.suffix}")


def display_path(path: Path) -> str:
    """Return `path` as a user would type it: relative to the current folder when inside it
    (a symbolic link is named as such, not by where it points)."""
    cwd = Path.cwd().resolve()
    for candidate in (path.absolute(), path.resolve()):
        try:
            return str(candidate.relative_to(cwd))
        except ValueError:
            continue
    return str(path)
