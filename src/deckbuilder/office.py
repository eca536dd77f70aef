"""Slides to PDF and to pictures with LibreOffice, which draws a .pptx as PowerPoint does: the
`slides-pdf` step of the writers' registry, and the pictures of a `slides` handout.

Each conversion runs headless with a LibreOffice profile of its own: with a shared one, a second
LibreOffice (a build beside this one, or the user's open office suite) hands its work to the first
and ends without converting anything. pdftoppm (poppler-utils) draws the PDF's pages as pictures,
one file per page at an exact size; LibreOffice's own picture export draws the first slide only.
Both are optional system programs.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .errors import DeckError, Problem

OFFICES = ("libreoffice", "soffice")
INSTALL = "Debian/Ubuntu: apt-get install libreoffice-impress"
TIMEOUT = 300  # seconds: a long deck takes LibreOffice about a second per ten slides


def office() -> str | None:
    """Return the path of LibreOffice, or None."""
    return next((path for name in OFFICES if (path := shutil.which(name))), None)


def unavailable() -> str | None:
    """Return why the slides cannot be written as PDF here (no LibreOffice), or None when they can."""
    return None if office() else f"no PDF of the slides: install LibreOffice to get it ({INSTALL}); " \
                                 "the other outputs are written"  # fmt: skip


def convert(pptx: Path, pdf: Path) -> list:
    """Write the slides of `pptx` to `pdf`, one page each, as LibreOffice draws them; return no warnings."""
    with tempfile.TemporaryDirectory(prefix="deckbuilder-office-") as scratch:
        folder = Path(scratch)
        profile = (folder / "profile").as_uri()
        _run([office(), "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile}",
              "--convert-to", "pdf", "--outdir", str(folder), str(pptx.resolve())],
             f"LibreOffice could not convert {pptx.name} to PDF", folder / f"{pptx.stem}.pdf")  # fmt: skip
        shutil.move(folder / f"{pptx.stem}.pdf", pdf)
    return []


def pictures(pdf: Path, folder: Path, width: int) -> list[Path]:
    """Draw each page of `pdf` as a PNG `width` pixels wide in `folder`; return the files in page order."""
    stem = folder / "page"
    _run(["pdftoppm", "-png", "-scale-to-x", str(width), "-scale-to-y", "-1", str(pdf), str(stem)],
         f"pdftoppm could not draw the pages of {pdf.name}")  # fmt: skip
    return sorted(folder.glob("page-*.png"))  # numbered with as many digits as the last page's


def _run(command: list, failure: str, made: Path | None = None) -> None:
    """Run a converter in a process group of its own, ended with everything it started if it fails
    to finish (a timeout, a Ctrl-C); raise a DeckError saying `failure` when it makes nothing."""
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, start_new_session=True) as process:  # fmt: skip
        try:
            said = "".join(process.communicate(timeout=TIMEOUT))  # LibreOffice reports a failure on stdout
        except BaseException as error:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            if isinstance(error, subprocess.TimeoutExpired):
                raise DeckError(Problem(f"{failure}: it took more than {TIMEOUT} seconds",
                                        hint="build the deck again; split a very long deck")) from None  # fmt: skip
            raise
    if process.returncode != 0 or (made is not None and not (made.is_file() and made.stat().st_size)):
        reason = " ".join(said.split())[-300:] or f"exit status {process.returncode}"
        raise DeckError(Problem(f"{failure}: {reason}", hint=f"check that it runs here ({INSTALL} poppler-utils)"))
