"""A deck's output folder, replaced as a whole so that no one ever sees half a build.

A build writes every output into a fresh hidden folder beside `output/<deck>/`, named
`.<deck>.<pid>.<random>.tmp`, and then swaps it in. On Linux the swap is one step (renameat2 with
RENAME_EXCHANGE); elsewhere it is two renames, the old folder first moved aside as
`.<deck>.<pid>.<random>.old`, and a build killed between them leaves no `output/<deck>/` until the
next build of the deck moves the old one back. Hidden folders that builds left behind are removed by
the next build of the deck once the process that made them has ended, so that builds of one deck
running at once never disturb each other.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import secrets
import shutil
import sys
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator

from .errors import DeckError, Problem, shown
from .workspace import display_path

HINTS = {
    errno.ENOSPC: "free some disk space, or choose another folder with --out",
    errno.EDQUOT: "free some disk space, or choose another folder with --out",
    errno.EROFS: "choose a writable folder with --out",
    errno.EACCES: "make the folder writable, or choose another with --out",
    errno.EPERM: "make the folder writable, or choose another with --out",
    errno.ENOTDIR: "a part of that path is a file; choose another folder with --out",
    errno.EISDIR: "move it away, or choose another folder with --out",
    errno.ENAMETOOLONG: "use a shorter deck file name or --out folder (handouts add '-handout-<audience>.html')",
}


class CannotWrite(DeckError):
    """An output could not be written: the file system refused, or something else is in the way."""

    def __init__(self, path: Path, reason: OSError | str, hint: str = "") -> None:
        if isinstance(reason, OSError):
            hint = hint or HINTS.get(reason.errno, "choose another folder with --out")
            reason = reason.strerror or str(reason)
        super().__init__(Problem(f"cannot write {shown(display_path(path))}: {reason}", hint=hint))


@contextmanager
def replaced(folder: Path, patterns: list[str]) -> Iterator[Path]:
    """Yield an empty folder for the outputs; put it in the place of `folder` when the block succeeds.

    `folder` may already hold only files that match `patterns` (the outputs of earlier builds) and
    hidden files; anything else is refused, so that no one's own files are replaced.
    """
    parent = folder.parent
    try:
        _check(folder, patterns)
        made = not parent.exists()
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CannotWrite(Path(error.filename or parent), error) from None
    temp = parent / f".{folder.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        _start(temp, folder)
        yield temp
        try:
            _swap(temp, folder)
        except OSError as error:
            raise CannotWrite(folder, error) from None
    finally:
        shutil.rmtree(temp, ignore_errors=True)  # after the swap it holds the old outputs, if any
        if made:
            with suppress(OSError):
                parent.rmdir()  # only when empty: nothing was written


def _start(temp: Path, folder: Path) -> None:
    """Tidy up after killed builds of the deck and make the empty folder `temp` for the new outputs."""
    try:
        _tidy(folder)
        temp.mkdir()  # with the usual permissions, which the output folder keeps
    except OSError as error:
        raise CannotWrite(folder if error.errno == errno.ENAMETOOLONG else folder.parent, error) from None


def _check(folder: Path, patterns: list[str]) -> None:
    """Refuse to replace a folder that holds what a build did not write, or is not a folder."""
    parent, whole = folder.parent, f"deckbuilder replaces {display_path(folder)} as a whole"
    if parent.exists() and not parent.is_dir():
        raise CannotWrite(parent, "it is a file, not a folder", "choose a folder with --out")
    if folder.is_symlink():
        raise CannotWrite(folder, "it is a symbolic link", f"remove the link: {whole}")
    if folder.exists() and not folder.is_dir():
        raise CannotWrite(folder, "it is a file, not a folder", f"move it away: {whole}")
    if not folder.exists():
        return
    for entry in sorted(folder.iterdir()):
        ours = any(fnmatch.fnmatchcase(entry.name, p) for p in patterns)
        if entry.is_dir() and not entry.is_symlink() and ours:
            raise CannotWrite(entry, "it is a folder", f"move it away: this output goes there, and {whole}")
        if not (ours or (entry.name.startswith(".") and not entry.is_dir())):
            raise CannotWrite(folder, f"it holds '{entry.name}', which deckbuilder did not write",
                              f"move it elsewhere: {whole}")  # fmt: skip


def _swap(temp: Path, folder: Path) -> None:
    """Put `temp` in the place of `folder`; afterwards `temp` holds the old outputs, if there were any."""
    while True:
        try:
            if not folder.exists():
                os.rename(temp, folder)
            elif not _exchange(temp, folder):
                _two_renames(temp, folder)
            return
        except OSError as error:
            if error.errno not in (errno.ENOENT, errno.ENOTEMPTY, errno.EEXIST) or not temp.exists():
                raise  # otherwise a build of the same deck running at once swapped first: try again


def _exchange(temp: Path, folder: Path) -> bool:
    """Swap two folders in one step; return False where the system cannot (not Linux, old kernel)."""
    if sys.platform != "linux":
        return False
    import ctypes

    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(temp), at_fdcwd, os.fsencode(folder), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(folder))


def _two_renames(temp: Path, folder: Path) -> None:
    """Swap two folders with two renames, moving the old one aside first (see `_tidy` for repairs)."""
    aside = temp.with_suffix(".old")
    with suppress(FileNotFoundError):
        os.rename(folder, aside)
    try:
        os.rename(temp, folder)
    except OSError:
        if not _put_back(aside, folder):
            shutil.rmtree(aside, ignore_errors=True)  # a build running at once put its folder in place
        raise
    with suppress(FileNotFoundError):
        os.rename(aside, temp)


def _tidy(folder: Path) -> None:
    """Remove what killed builds of this deck left beside `folder`; put back an old folder set aside."""
    leftover = re.compile(rf"\.{re.escape(folder.name)}\.(\d+)\.[^.]+\.(tmp|old)")
    for entry in sorted(folder.parent.iterdir()):
        match = leftover.fullmatch(entry.name)
        if not match or _running(int(match[1])):
            continue
        if match[2] == "old" and not folder.exists() and _put_back(entry, folder):
            continue
        shutil.rmtree(entry, ignore_errors=True)


def _put_back(aside: Path, folder: Path) -> bool:
    """Move the old outputs of an unfinished two-rename swap back in place; return whether it worked."""
    try:
        os.rename(aside, folder)
    except OSError:
        return False
    return True


def _running(pid: int) -> bool:
    """Return whether process `pid` runs (on Windows, where this cannot be asked safely, assume it does)."""
    if os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
