"""Speaker notes carry timing cues: each section's first slide (its header) tells the presenter
when the section is planned to start and end, counted from the session start."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from typer.testing import CliRunner

from deckbuilder.cli import app

REPO = Path(__file__).resolve().parents[1]


def section_notes(root: Path, deck: str, out: Path) -> dict[str, str]:
    """Build a deck with the CLI; return each section header's title -> its speaker notes ("" for none)."""
    result = CliRunner().invoke(app, ["build", str(root / deck), "--root", str(root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    prs = Presentation(out / Path(deck).stem / f"{Path(deck).stem}.pptx")
    return {slide.shapes.title.text_frame.text: slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
            for slide in prs.slides if slide.slide_layout.name == "Section Header"}  # fmt: skip


def test_each_section_of_the_sample_starts_with_its_clock_time(tmp_path):
    assert section_notes(REPO, "decks/attachment-workshop.yaml", tmp_path) == {
        "Welcome and grounding": "0:00 - 0:05, 5 minutes",
        "Where attachment wounds begin": "0:05 - 0:25, 20 minutes",
        "Replacement, acceptance and internalization": "0:25 - 0:50, 25 minutes",
        "The anxious client and the internal witness": "0:50 - 1:20, 30 minutes",
        "Integration and questions": "1:20 - 1:30, 10 minutes",
    }


def test_a_section_without_minutes_has_no_cue_nor_have_those_after_it(workspace, tmp_path):
    workspace.write("decks/talk.yaml", """\
        title: "Timed"
        sections:
          - title: "One"
            slides:
              - {text: "a", minutes: 2.5}
              - {text: "b", minutes: 10}
          - title: "Two"
            slides: [{text: "c"}]
          - title: "Three"
            minutes: 5
            slides: [{text: "d"}]
        """)
    assert section_notes(workspace.root, "decks/talk.yaml", tmp_path) == {
        "One": "0:00 - 0:12:30, 12.5 minutes", "Two": "", "Three": ""}
