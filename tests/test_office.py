"""The slides through LibreOffice: `build --pdf` writes the deck as PDF, one page per slide; without
LibreOffice (or pdftoppm) the outputs that need it are a warning and the others are written."""

from __future__ import annotations

import os
import subprocess
import textwrap
import time
from pathlib import Path

import pytest
from conftest import TALK_SLIDES
from test_render import need
from typer.testing import CliRunner

from deckbuilder import office
from deckbuilder.build import build
from deckbuilder.cli import app
from deckbuilder.errors import DeckError, Position

SLIDES_HANDOUT = "handouts:\n  - {audience: participants, style: notes}\n  - {audience: participants, style: slides}\n"


def run(workspace, monkeypatch, *args: str):
    monkeypatch.chdir(workspace.root)
    return CliRunner().invoke(app, ["build", *args])


def pages(pdf: Path) -> int:
    """Return the number of pages of a PDF, as pdfinfo counts them."""
    info = subprocess.run([need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def with_slides_handout(workspace) -> None:
    text = workspace.deck.read_text(encoding="utf-8")
    workspace.write("decks/talk.yaml", SLIDES_HANDOUT + text, dedent=False)


def fake(folder: Path, name: str, script: str) -> None:
    """Put a program `name` that runs `script` (sh) in `folder`."""
    path = folder / name
    path.write_text("#!/bin/sh\n" + textwrap.dedent(script), encoding="utf-8")
    path.chmod(0o755)


@pytest.mark.client
def test_pdf_writes_the_slides_as_pdf_one_page_per_slide(workspace, monkeypatch):
    need("libreoffice")
    result = run(workspace, monkeypatch, "--pdf")
    assert result.exit_code == 0, result.output
    pdf = workspace.root / "output" / "talk" / "talk.pdf"
    assert "built output/talk/talk.pdf" in result.output
    assert pages(pdf) == TALK_SLIDES


def test_without_libreoffice_the_outputs_that_need_it_are_warnings(workspace, monkeypatch, tmp_path):
    with_slides_handout(workspace)
    monkeypatch.setenv("PATH", str(tmp_path))  # no LibreOffice, pdftoppm or Chromium
    built = build(workspace.deck, workspace.root, workspace.root / "output", also=["pdf"])
    assert sorted(p.name for p in built.outputs) == ["talk-handout-participants-notes.html", "talk.pptx"]
    unavailable = [(f.message, f.pos, f.severity) for f in built.findings if f.code == "build.step-unavailable"]
    where = Position(workspace.deck)
    assert unavailable == [
        (("no slides handout: install LibreOffice and pdftoppm to get it (Debian/Ubuntu: apt-get install "
          "libreoffice-impress poppler-utils); the other outputs are written"), where, "warning"),
        (("no PDF handouts: install Chromium to get PDF handouts (Debian/Ubuntu: apt-get install chromium); "
          "the HTML is written"), where, "warning"),
        (("no PDF of the slides: install LibreOffice to get it (Debian/Ubuntu: apt-get install libreoffice-impress); "
          "the other outputs are written"), where, "warning"),
    ]  # fmt: skip


def test_the_warning_names_only_what_is_missing(workspace, monkeypatch, tmp_path):
    with_slides_handout(workspace)
    fake(tmp_path, "libreoffice", "exit 0\n")
    monkeypatch.setenv("PATH", str(tmp_path))
    result = run(workspace, monkeypatch)
    assert result.exit_code == 0, result.output
    assert ("warning: decks/talk.yaml: no slides handout: install pdftoppm to get it (Debian/Ubuntu: apt-get "
            "install libreoffice-impress poppler-utils); the other outputs are written") in result.output
    assert "built output/talk/talk-handout-participants-notes.html" in result.output


def test_a_libreoffice_that_fails_is_an_error_and_nothing_is_written(workspace, monkeypatch, tmp_path):
    fake(tmp_path, "libreoffice", "echo 'Error: source file could not be loaded'\nexit 0\n")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr("deckbuilder.printing.browser", lambda: None)
    result = run(workspace, monkeypatch, "--pdf")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "error: LibreOffice could not convert talk.pptx to PDF: Error: source file could not be loaded")
    assert not (workspace.root / "output" / "talk").exists()


def test_a_converter_that_hangs_is_stopped_with_what_it_started(tmp_path, monkeypatch):
    fake(tmp_path, "libreoffice", f"sleep 60 &\necho $! > {tmp_path}/child\nwait\n")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(office, "TIMEOUT", 2)
    with pytest.raises(DeckError) as raised:
        office.convert(tmp_path / "talk.pptx", tmp_path / "talk.pdf")
    assert raised.value.problems[0].message == (
        "LibreOffice could not convert talk.pptx to PDF: it took more than 2 seconds")
    child = int((tmp_path / "child").read_text())
    assert ended(child)


def ended(pid: int) -> bool:
    """Say whether a process has ended within a few seconds (its new parent reaps it)."""
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False
