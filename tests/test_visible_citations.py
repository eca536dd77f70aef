"""A slide that paraphrases an article (`cite:`) shows its APA in-text citation, on the slide and in
the handouts, where quote and principle slides show theirs: small and muted, after the content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation
from typer.testing import CliRunner

from deckbuilder.cli import app

REPO = Path(__file__).resolve().parents[1]
SAMPLE_CITES = {  # the sample's slides with `cite:` -> the citation each shows
    "The ability to love takes root early": "(Kift, n.d.)",
    "Schore: the brain grows in relationship": "(Burgo, n.d.)",
    "Two readings of early damage": "(Burgo, n.d.; Kift, n.d.)",
    "“Done with therapy, not with my therapist”": "(Smith, n.d.)",
    "The relationship as a laboratory": "(Smith, n.d.)",
    "The anxious side of attachment": "(\u201cOwn the Inner Child,\u201d n.d.)",
    "Two positions in a conflict": "(\u201cOwn the Inner Child,\u201d n.d.)",
    "Building the internal witness": "(\u201cOwn the Inner Child,\u201d n.d.)",
    "Bringing it together": "(\u201cOwn the Inner Child,\u201d n.d.; Smith, n.d.)",
}
JONES = """\
title: "Repair in couples"
authors: ["Ann Jones"]
published: 2019
"""


def build(root: Path, out: Path, deck: str) -> Path:
    result = CliRunner().invoke(app, ["build", str(root / deck), "--root", str(root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / Path(deck).stem


def body(slide) -> list:
    """Return the paragraphs a slide shows besides its title and its number."""
    title = slide.shapes.title.placeholder_format.idx
    return [p for shape in slide.placeholders if shape.placeholder_format.idx != title
            and shape.placeholder_format.type != 13 for p in shape.text_frame.paragraphs]  # 13: slide number


def slides_by_title(pptx: Path) -> dict[str, list[list[str]]]:
    """Return each slide title -> the paragraphs of each slide with that title (its parts, when continued)."""
    found: dict[str, list[list[str]]] = {}
    for slide in Presentation(pptx).slides:
        title = slide.shapes.title.text_frame.text.removesuffix(" (cont.)")
        found.setdefault(title, []).append([p.text for p in body(slide)])
    return found


def small_runs(pptx: Path, text: str) -> list:
    """Return the runs that show `text` as a paragraph of its own."""
    return [p.runs[0] for slide in Presentation(pptx).slides for shape in slide.shapes if shape.has_text_frame
            for p in shape.text_frame.paragraphs if p.text == text]  # fmt: skip


def cards(html: str) -> dict[str, str]:
    """Return each handout card's title -> its HTML."""
    found = {}
    for card in html.split("<section")[1:]:
        title = re.search(r"<h3>(.*?)</h3>", card)
        if title:
            found[title.group(1)] = card
    return found


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return build(REPO, tmp_path_factory.mktemp("out"), "decks/attachment-workshop.yaml")


def test_every_cite_slide_of_the_sample_shows_its_citation_on_the_slide(sample):
    found = slides_by_title(sample / "attachment-workshop.pptx")
    for title, citation in SAMPLE_CITES.items():
        assert found[title], title
        assert all(part[-1] == citation for part in found[title]), (title, found[title])


def test_the_sample_picture_citing_nothing_keeps_its_caption_alone(sample):
    [[caption]] = slides_by_title(sample / "attachment-workshop.pptx")["Attunement, rupture, repair"]
    assert caption == "Trust grows from repaired ruptures, not from perfect attunement."


def test_a_cite_citation_is_set_like_a_principle_citation_small_and_muted(sample):
    pptx = sample / "attachment-workshop.pptx"
    kift = small_runs(pptx, "(Kift, n.d.)")[0]  # the bullets slide, before the quote
    principle = small_runs(pptx, "(Smith, n.d.)")[-1]
    assert kift.font.size == principle.font.size
    assert kift._r.find(".//{*}solidFill") is not None  # muted, as the principle's


def test_every_cite_slide_of_the_sample_shows_its_citation_in_the_handouts(sample):
    notes = cards((sample / "attachment-workshop-handout-clinicians.html").read_text(encoding="utf-8"))
    clients = cards((sample / "attachment-workshop-handout-clients.html").read_text(encoding="utf-8"))
    for title, citation in SAMPLE_CITES.items():
        shown = f'<p class="attribution">{citation}</p>'
        assert shown in notes[title], title
        assert title not in clients or shown in clients[title], title


def test_several_sources_are_joined_alphabetically_on_every_part_of_a_continued_slide(workspace, tmp_path):
    workspace.write("decks/articles/jones.yaml", JONES)
    bullets = ", ".join(f'"Point number {i} says something about repair and trust"' for i in range(14))
    workspace.write("decks/talk.yaml", f"""\
        title: "Test talk"
        sections:
          - title: "Part one"
            slides:
              - title: "Many points"
                cite: [smith, jones]
                bullets: [{bullets}]
              - title: "Side by side"
                cite: [jones]
                left: {{heading: "Left", bullets: ["a"]}}
                right: {{heading: "Right", bullets: ["b"]}}
              - image: images/pic.png
                title: "A picture"
                alt: "A small red square"
                cite: [jones]
        """)
    out = build(workspace.root, tmp_path, "decks/talk.yaml")
    found = slides_by_title(out / "talk.pptx")
    assert len(found["Many points"]) > 1
    assert all(part[-1] == "(Jones, 2019; Smith, n.d.)" for part in found["Many points"])
    assert found["Side by side"] == [["Left", "a", "Right", "b", "(Jones, 2019)"]]
    assert found["A picture"] == [["(Jones, 2019)"]]
    handout = cards((out / "talk-handout-participants.html").read_text(encoding="utf-8"))
    assert '<p class="attribution">(Jones, 2019; Smith, n.d.)</p>' in handout["Many points"]
    assert '<p class="attribution">(Jones, 2019)</p>' in handout["A picture"]
