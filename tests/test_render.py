"""The sample deck opened by a real client: LibreOffice Impress renders one page per slide."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from rendercheck import need, to_pdf

from deckbuilder.build import build

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.client


def test_libreoffice_renders_one_page_per_slide(tmp_path):
    pdftoppm, pdfinfo = need("pdftoppm"), need("pdfinfo")
    built = build(REPO / "decks" / "attachment-workshop.yaml", REPO, tmp_path / "out")
    [pdf] = to_pdf(built.outputs[:1], tmp_path)
    info = subprocess.run([pdfinfo, str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == len(built.deck.slides)

    subprocess.run([pdftoppm, "-png", "-r", "30", "-f", "1", "-l", "3", str(pdf), str(tmp_path / "page")],
                   check=True)  # fmt: skip
    for png in sorted(tmp_path.glob("page-*.png")):
        with Image.open(png) as image:
            spread = ImageStat.Stat(image.convert("L")).stddev[0]
        assert spread > 10, f"{png.name} looks blank"
