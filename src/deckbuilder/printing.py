"""HTML handouts to PDF with headless Chromium, which prints CSS paged media faithfully: the
`pdf` step of the writers' registry.

Chromium is chosen over WeasyPrint because it is the browser a reader prints the HTML from:
the PDF and a browser's printout are the same document. It is an optional system program.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import DeckError, Problem

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = "install Chromium to get PDF handouts (Debian/Ubuntu: apt-get install chromium)"


def browser() -> str | None:
    """Return the path of a Chromium-family browser, or None."""
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def unavailable() -> str | None:
    """Return why PDF handouts cannot be printed here (no Chromium), or None when they can."""
    return None if browser() else f"no PDF handouts: {INSTALL_HINT}; the HTML is written"


def convert(html: Path, pdf: Path) -> list:
    """Print `html` to `pdf` as Chromium prints it, with the page size and margins of its CSS.

    Return no warnings: a failure is an error.
    """
    program = browser()
    with tempfile.TemporaryDirectory(prefix="deckbuilder-chromium-") as profile:
        result = subprocess.run(
            [program, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", html.resolve().as_uri()],
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
    if result.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        raise DeckError(Problem(f"{program} could not print {html.name} to PDF: {result.stderr.strip()[-300:]}",
                                hint="build without --pdf, or reinstall Chromium"))  # fmt: skip
    return []
