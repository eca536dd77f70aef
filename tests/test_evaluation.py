"""The evaluation handout: a CE evaluation form with the workshop's details, a rating for each
objective and for the workshop, and open questions; one page for the sample, on letter and A4."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import msgspec
import pytest
from test_office import pages
from test_render import need
from typer.testing import CliRunner

from deckbuilder import resolve
from deckbuilder.build import _compile, build
from deckbuilder.cli import app
from deckbuilder.deck import text_of
from deckbuilder.load import load_yaml
from deckbuilder.model import Outline
from deckbuilder.printing import convert
from deckbuilder.resolve import handouts
from deckbuilder.validate import validate
from deckbuilder.variables import fill

REPO = Path(__file__).resolve().parents[1]
EVALUATION = "handouts:\n  - {audience: clinicians, style: evaluation}\n"
SAMPLE_HANDOUTS = re.compile(r"^handouts:\n(  - .*\n)+", re.MULTILINE)


def sample(root: Path, handouts: str = EVALUATION) -> Path:
    """Copy the sample workspace into `root` with other handouts; return its deck. Its wordings for clients
    stay valid without their worksheet: clients stay one of its `audiences`."""
    shutil.copytree(REPO / "decks", root / "decks")
    deck = root / "decks" / "attachment-workshop.yaml"
    text = SAMPLE_HANDOUTS.sub(handouts + "audiences: [clients]\n", deck.read_text(encoding="utf-8"))
    deck.write_text(text, encoding="utf-8")
    return deck


def form(deck: Path):
    """Return the evaluation form of a deck's first handout (its variables filled in, as a build does)."""
    doc = load_yaml(deck)
    fill(doc, {})
    return handouts(validate(doc, Outline, "a deck outline"), doc)[0].evaluation


def test_the_form_names_the_workshop_and_rates_each_objective(tmp_path):
    evaluation = form(sample(tmp_path))
    assert evaluation.details == (
        ("Presenter", "Dana Reyes, LMFT, Bay Area Attachment Institute"), ("Date", "December 5, 2026"),
        ("CE hours", "1.5"), ("Level", "Intermediate"),
    )  # fmt: skip
    assert [text_of(o) for o in evaluation.objectives] == [
        "1. Explain how early failures of attunement can give rise to basic shame.",
        "2. Describe why internalization, paced by pendulation rather than replacement, heals a lack of primal love.",
        "3. Demonstrate one intervention that builds an anxious client\u2019s compassionate internal witness.",
    ]
    assert evaluation.instructions == ("Circle one number for each line: 1 = not at all, or poor, "
                                       "5 = completely, or excellent.")
    assert evaluation.objectives_heading == "Learning objectives"
    assert evaluation.objectives_question == "How well was this objective met?"
    assert evaluation.ratings == ("The presenter\u2019s knowledge of the subject", "The usefulness of the content",
                                  "The content\u2019s relevance to your practice")  # fmt: skip
    assert evaluation.questions == ("What was most useful?", "What could be improved?",
                                    "How will you use this in your practice?")  # fmt: skip


@pytest.mark.parametrize(("lines", "hours"), [
    ("duration: 100\n", "1.5"), ("duration: 100\nce_hours: 2\n", "2"), ("ce_hours: 6.5\n", "6.5"), ("", None),
])  # fmt: skip
def test_ce_hours_are_given_or_the_duration_in_half_hours(workspace, lines, hours):
    workspace.write("decks/talk.yaml", EVALUATION + lines + workspace.deck.read_text(encoding="utf-8"), dedent=False)
    assert dict(form(workspace.deck).details).get("CE hours") == hours


def test_ce_hours_are_whole_or_half_hours(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", "ce_hours: 0.7\n" + workspace.deck.read_text(encoding="utf-8"), dedent=False)
    monkeypatch.chdir(workspace.root)
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 1
    assert "error: decks/talk.yaml:1:11: 'ce_hours' must be a multiple of 0.5, found '0.7'" in result.output
    assert "hint: a number of hours such as 1.5: whole or half hours, from 0.5 to 24" in result.output


def test_the_form_shows_no_slide_but_the_title_so_no_check_reads_the_others(tmp_path):
    _, [printed], _ = _compile(sample(tmp_path, EVALUATION.replace("}", ", large_print: true}")), tmp_path)
    assert [s.kind for s in printed.slides] == ["title"]


def test_the_handout_has_one_rating_per_objective_and_no_slides(tmp_path):
    built = build(sample(tmp_path), tmp_path, tmp_path / "output")
    [html] = [p for p in built.outputs if p.suffix == ".html"]
    assert html.name == "attachment-workshop-handout-clinicians.html"
    text = html.read_text(encoding="utf-8")
    assert text.count('<tr class="rating objective">') == 3
    assert text.count('<tr class="rating">') == 3
    assert "1. Explain how early failures of attunement can give rise to basic shame." in text
    assert '<p class="kind">Evaluation form</p>' in text
    assert "<li><strong>CE hours</strong>1.5</li>" in text
    assert 'class="card' not in text  # the form only: no slide cards, no references


def test_the_template_places_the_forms_texts_and_writes_none_of_its_own(tmp_path, monkeypatch):
    form = msgspec.structs.replace(resolve.EVALUATION, instructions="Entourez un chiffre par ligne.",
                                   objectives_heading="Objectifs", ratings_heading="L\u2019atelier")  # fmt: skip
    monkeypatch.setattr(resolve, "EVALUATION", form)
    built = build(sample(tmp_path), tmp_path, tmp_path / "output")
    [html] = [p for p in built.outputs if p.suffix == ".html"]
    text = html.read_text(encoding="utf-8")
    assert '<p class="how">Entourez un chiffre par ligne.</p>' in text
    assert "<h2>Objectifs</h2>" in text and "<h2>L\u2019atelier</h2>" in text
    assert "Circle" not in text and "Learning objectives" not in text


@pytest.mark.client
@pytest.mark.parametrize(("paper", "theme"), [("letter", None), ("a4", None), ("letter", "high-contrast")])
def test_the_sample_form_prints_on_one_page(tmp_path, paper, theme):
    need("chromium")
    built = build(sample(tmp_path), tmp_path, tmp_path / "output", paper=paper, theme=theme)
    [html] = [p for p in built.outputs if p.suffix == ".html"]
    convert(html, tmp_path / "form.pdf")
    assert pages(tmp_path / "form.pdf") == 1
