"""Shared fixtures: a minimal, valid workspace built in a temporary folder.

The workspace holds one deck (decks/talk.yaml), one article (decks/articles/smith.yaml, with two
principles and two quotes, one of them spoken by someone the article quotes) and one image
(decks/images/pic.png). The built-in `calm` theme is used.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

TALK = """\
title: "Test talk"
theme: calm
sections:
  - title: "Part one"
    minutes: 10
    slides:
      - title: "Points"
        bullets: ["First point", "Second point"]
        notes: "Say hello to the room."
      - quote: smith/essence-of-love
      - quote: smith/fire-together
      - principle: smith/1
      - image: images/pic.png
        alt: "A small red square"
"""

SMITH = """\
title: "Healing a Lack of Primal Love"
authors: ["Jeffery Smith"]
credentials: MD
principles:
  - number: 1
    title: "Give before you take"
    summary: "Offer something positive before asking for change."
  - number: 2
    id: internalize
    title: "Internalize, do not replace"
    summary: "Help the client take in what was missing."
quotes:
  - id: essence-of-love
    text: "This is the essence of love, the ability to repair breaches."
  - id: fire-together
    text: "Cells that fire together, wire together."
    speaker: "Allan Schore"
"""

# The slides the fixture deck produces: title, agenda, section, 5 content slides, references.
TALK_SLIDES = 9


@dataclass
class Workspace:
    """A workspace folder and helpers to change files in it."""

    root: Path

    def write(self, relative: str, content: str | bytes, dedent: bool = True) -> Path:
        """Write (or overwrite) a file of the workspace; text is dedented first."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if dedent else content, encoding="utf-8")
        return path

    @property
    def deck(self) -> Path:
        return self.root / "decks" / "talk.yaml"

    @property
    def output(self) -> Path:
        return self.root / "output" / "talk" / "talk.pptx"


def make_png(path: Path, size: tuple[int, int] = (40, 30), color: str = "red") -> Path:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, format="PNG")
    return path


INPUT_FOLDERS = {"themes", "templates", "imports"}  # .pptx files there are inputs a test made, often broken on purpose


@pytest.fixture(autouse=True)
def audited_outputs(request):
    """Check every .pptx a test builds with openxml-audit (the Open XML SDK's rules): zero errors."""
    wanted = "tmp_path" in request.fixturenames and not request.node.get_closest_marker("unaudited")
    folder = request.getfixturevalue("tmp_path") if wanted else None
    yield
    if folder is None:
        return
    built = [p for p in folder.rglob("*.pptx")
             if not INPUT_FOLDERS & set(p.relative_to(folder).parts) and not p.name.startswith(("template", "."))]  # fmt: skip
    if built:
        import openxml_audit

        for pptx in built:
            result = openxml_audit.validate_pptx(str(pptx))
            errors = [e for e in result.errors if e.severity == openxml_audit.ValidationSeverity.ERROR]
            assert not errors, f"{pptx.name}: " + "; ".join(str(e) for e in errors[:5])


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A minimal valid workspace in `tmp_path/ws` (so `tmp_path` itself is outside it)."""
    ws = Workspace(tmp_path / "ws")
    ws.write("decks/talk.yaml", TALK)
    ws.write("decks/articles/smith.yaml", SMITH)
    make_png(ws.root / "decks" / "images" / "pic.png")
    return ws


def run_cli(*args: str):
    """Run the CLI like a user; a traceback or an uncaught exception fails the test."""
    from typer.testing import CliRunner

    from deckbuilder.cli import app

    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result
