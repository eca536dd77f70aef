"""Themes keep their promises: no slide text below 18 pt in any built-in theme, and nothing in
italics where a theme says `italics: false` (high-contrast), on the slides and in the handouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from typer.testing import CliRunner

from deckbuilder.cli import app
from deckbuilder.themes import load_theme
from deckbuilder.writers.template import load_template

REPO = Path(__file__).resolve().parents[1]
THEMES = ("calm", "clinic", "high-contrast")
SMALLEST = 18.0


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Build the sample with every built-in theme: theme -> its output folder."""
    out = tmp_path_factory.mktemp("out")
    folders = {}
    for theme in THEMES:
        args = ["build", str(REPO / "decks/attachment-workshop.yaml"), "--root", str(REPO), "--theme", theme,
                "--out", str(out / theme)]  # fmt: skip
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        folders[theme] = out / theme / "attachment-workshop"
    return folders


def runs(pptx: Path):
    """Yield (slide number, shape, run element) for every run and field of every slide."""
    for number, slide in enumerate(Presentation(pptx).slides, 1):
        for shape in slide.shapes:
            if shape.has_text_frame:
                for run in shape.text_frame._txBody.xpath(".//a:r | .//a:fld"):
                    yield number, shape, run


def drawn_size(theme: str, shape, run) -> float:
    """Return a run's size in points: its own, else the size its placeholder's layout draws it at
    (a slide number), as PowerPoint inherits it."""
    size = run.rPr.get("sz") if run.rPr is not None else None
    if size is not None:
        return int(size) / 100
    template = load_template(load_theme(theme, REPO).template_path(), None)
    layout = template.layouts[shape.part.slide_layout.name]
    ph = shape.placeholder_format
    [drawn] = [p for p in layout.placeholders if p.idx == ph.idx and p.type == oxml_type(ph.type)]
    return drawn.style.levels[0].size


def oxml_type(kind) -> str:
    """Return a python-pptx placeholder type as the file writes it ("sldNum")."""
    return {13: "sldNum", 1: "title", 2: "body", 3: "ctrTitle", 4: "subTitle"}[int(kind)]


@pytest.mark.parametrize("theme", THEMES)
def test_no_run_on_any_slide_is_below_18_pt(built, theme):
    small = [(n, shape.name, run.text, drawn_size(theme, shape, run))
             for n, shape, run in runs(built[theme] / "attachment-workshop.pptx")
             if drawn_size(theme, shape, run) < SMALLEST]  # fmt: skip
    assert small == []


def test_no_run_is_italic_under_high_contrast(built):
    pptx = built["high-contrast"] / "attachment-workshop.pptx"
    italic = [(n, run.text) for n, _, run in runs(pptx) if run.rPr is not None and run.rPr.get("i") == "1"]
    assert italic == []
    upright = [run for _, _, run in runs(pptx) if run.rPr is not None and run.rPr.get("i") == "0"]
    assert len(upright) > 100  # every run says so, whatever its layout draws
    emphasis = [run for _, _, run in runs(pptx) if run.text == "adaptive"]
    assert [run.rPr.get("b") for run in emphasis] == ["1"]  # *adaptive*: bold instead


def test_the_high_contrast_handouts_set_nothing_in_italics(built):
    for name in ("clinicians", "clients"):
        html = (built["high-contrast"] / f"attachment-workshop-handout-{name}.html").read_text(encoding="utf-8")
        assert '<body class="' in html and " upright\">" in html
        assert "body.upright * { font-style: normal !important; }" in html
    calm = (built["calm"] / "attachment-workshop-handout-clinicians.html").read_text(encoding="utf-8")
    assert " upright\">" not in calm
