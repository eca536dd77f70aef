"""Deck -> a `slides` handout: PowerPoint's audience handout, three slide pictures to a page with
ruled lines beside each, as a self-contained HTML page (the pictures inlined).

The pictures are of the handout's own slides: the PowerPoint writer makes a .pptx of them (fitted
by the build as the deck's are) and LibreOffice draws it, so they look as the slides do on the screen, less the
slides that the handout leaves out (`handout: false`, another audience's). Drawing the deck's own
.pptx instead would show those too. The page is rendered by the theme's handout template machinery.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .. import deck as d
from .. import office
from ..themes import LoadedTheme

SHOWN_WIDTH = 3.8  # inches: the width of a slide picture on the page


def unavailable() -> str | None:
    """Return why a slides handout cannot be made here (no LibreOffice or pdftoppm), or None when it can."""
    missing = [name for name, found in (("LibreOffice", office.office()), ("pdftoppm", shutil.which("pdftoppm")))
               if not found]  # fmt: skip
    if not missing:
        return None
    return (f"no slides handout: install {' and '.join(missing)} to get it "
            f"({office.INSTALL} poppler-utils); the other outputs are written")  # fmt: skip


def write(deck: d.Deck, theme: LoadedTheme, out: Path) -> list:
    """Write the slides handout of `deck` (fitted by the build) at `out`; return no warnings (the build gave them)."""
    from ..pictures import DPI
    from . import handout, pptx

    with tempfile.TemporaryDirectory(prefix="deckbuilder-slides-") as scratch:
        folder = Path(scratch)
        pptx.write(deck, theme, folder / "slides.pptx")
        office.convert(folder / "slides.pptx", folder / "slides.pdf")
        drawn = office.pictures(folder / "slides.pdf", folder, int(SHOWN_WIDTH * DPI))
        shown = tuple(
            {"src": handout.data_uri(path.read_bytes(), "png"), "number": slide.number,
             "alt": _alt(slide), "width": SHOWN_WIDTH}
            for path, slide in zip(drawn, deck.slides, strict=True)
        )  # fmt: skip
    with out.open("w", encoding="utf-8") as file:
        handout.render(deck, theme, file.write, pictures=shown)
    return []


def _alt(slide: d.Slide) -> str:
    """Return what a slide's picture shows, for screen readers: its number and title."""
    title = d.text_of(slide.title)
    return f"Slide {slide.number}: {title}" if title else f"Slide {slide.number}"
