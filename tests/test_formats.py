"""Outputs come from the writers' registry: a new format is one module and one registry line."""

from __future__ import annotations

import sys
import types

from typer.testing import CliRunner

from deckbuilder.build import build
from deckbuilder.cli import app
from deckbuilder.errors import Position, Problem
from deckbuilder.writers import FORMATS, Format, output_patterns, writer


def register(monkeypatch, fmt: str, spec: Format, **functions) -> None:
    """Register format `fmt`, made by a module of `functions`, for one test."""
    monkeypatch.setitem(sys.modules, spec.module, types.SimpleNamespace(**functions))
    monkeypatch.setitem(FORMATS, fmt, spec)


def test_each_format_has_a_module_and_each_step_comes_after_its_source():
    for fmt, spec in FORMATS.items():
        assert callable(writer(fmt).convert if spec.source else writer(fmt).write), fmt
        if spec.source:
            assert list(FORMATS).index(spec.source) < list(FORMATS).index(fmt)


def test_a_registered_format_is_built_and_listed(workspace, monkeypatch):
    def write(deck, theme, path):
        path.write_text(f"{deck.title}: {len(deck.slides)} slides", encoding="utf-8")
        return [Problem("outline written", Position(workspace.deck), severity="warning", code="outline.written")]

    register(monkeypatch, "outline", Format("outline_writer", "{name}-outline.txt"), write=write)
    monkeypatch.chdir(workspace.root)
    result = CliRunner().invoke(app, ["build", "--root", str(workspace.root)])
    assert result.exit_code == 0, result.output
    made = workspace.root / "output" / "talk" / "talk-outline.txt"
    assert made.read_text(encoding="utf-8") == "Test talk: 9 slides"
    assert "built output/talk/talk-outline.txt" in result.output
    assert "warning: decks/talk.yaml: outline written" in result.output
    assert "talk-outline.txt" in output_patterns("talk")  # a later build may replace it


def test_an_optional_step_runs_on_each_handout_only_when_asked_for(workspace, monkeypatch):
    def convert(source, path):
        path.write_text(source.read_text(encoding="utf-8").upper(), encoding="utf-8")
        return []

    spec = Format("shouting", "{name}-handout-{audience}.loud", "handout", source="handout", option="loud")
    register(monkeypatch, "loud", spec, convert=convert, unavailable=lambda: None)
    out = workspace.root / "output"
    assert [p.suffix for p in build(workspace.deck, workspace.root, out).outputs] == [".pptx", ".html"]
    built = build(workspace.deck, workspace.root, out, also=["loud"])
    assert [p.name for p in built.outputs][-1] == "talk-handout-participants.loud"
    assert "<!DOCTYPE HTML>" in built.outputs[-1].read_text(encoding="utf-8")


def test_a_step_that_cannot_run_here_is_a_warning(workspace, monkeypatch):
    spec = Format("never", "{name}-handout-{audience}.x", each="handout", source="handout", option="x")
    register(monkeypatch, "x", spec, convert=None, unavailable=lambda: "no x here: install x")
    built = build(workspace.deck, workspace.root, workspace.root / "output", also=["x"])
    assert [p.suffix for p in built.outputs] == [".pptx", ".html"]
    assert "no x here: install x" in [f.message for f in built.findings]


def test_each_handout_style_is_written_by_one_format():
    from typing import get_args, get_type_hints

    from deckbuilder.model import HandoutSpec

    styles = get_args(get_args(get_type_hints(HandoutSpec, include_extras=True)["style"])[0])
    writing = [spec for spec in FORMATS.values() if spec.each == "handout" and not spec.source]
    assert sorted(s for spec in writing for s in spec.styles) == sorted(styles)
