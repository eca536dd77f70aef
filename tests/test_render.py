"""The sample deck opened by a real client: LibreOffice Impress renders one page per slide."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from deckbuilder.build import build

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.client


def need(tool: str) -> str:
    """Return the tool's path; skip locally when it is missing, fail under CI=true."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (apt-get install -y libreoffice-impress poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def test_libreoffice_renders_one_page_per_slide(tmp_path):
    office, pdftoppm, pdfinfo = need("libreoffice"), need("pdftoppm"), need("pdfinfo")
    built = build(REPO / "decks" / "attachment-workshop.yaml", REPO, tmp_path / "out")
    pptx = built.outputs[0]
    subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(pptx)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    pdf = tmp_path / "attachment-workshop.pdf"
    info = subprocess.run([pdfinfo, str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == len(built.deck.slides)

    subprocess.run([pdftoppm, "-png", "-r", "30", "-f", "1", "-l", "3", str(pdf), str(tmp_path / "page")],
                   check=True)  # fmt: skip
    for png in sorted(tmp_path.glob("page-*.png")):
        with Image.open(png) as image:
            spread = ImageStat.Stat(image.convert("L")).stddev[0]
        assert spread > 10, f"{png.name} looks blank"
