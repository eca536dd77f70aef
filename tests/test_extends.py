"""`extends: other.yaml`: a deck made from another outline, with its changes, built and checked end to end."""

from __future__ import annotations

import json

import pytest
from conftest import make_png, run_cli
from pptx import Presentation

from deckbuilder.extends import MAX_CHAIN, extend, files
from deckbuilder.load import load_yaml

BASE = """\
title: "Workshop at ${organization}"
presenter: {name: Dana Reyes, organization: "${organization}"}
vars: {organization: Bay Clinic, city: Oakland}
sections:
  - id: welcome
    title: "Welcome"
    slides:
      - id: hello
        title: "Hello"
        bullets: ["Welcome to ${city}"]
      - id: plan
        title: "Plan"
        bullets: ["Two parts"]
  - id: core
    title: "Core"
    slides:
      - id: love
        quote: smith/essence-of-love
      - id: give
        principle: smith/1
"""


def run(workspace, monkeypatch, *args: str):
    monkeypatch.chdir(workspace.root)
    return run_cli(*args)


def slide_texts(pptx) -> list[str]:
    """Return each slide's texts, joined, in order."""
    return [" | ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
            for slide in Presentation(str(pptx)).slides]  # fmt: skip


def titles(pptx) -> list[str]:
    return [slide.shapes.title.text for slide in Presentation(str(pptx)).slides]


@pytest.fixture
def based(workspace):
    """The workspace with decks/base.yaml, and no talk.yaml."""
    workspace.deck.unlink()
    workspace.write("decks/base.yaml", BASE)
    return workspace


def build(workspace, monkeypatch, child: str, *args: str):
    workspace.write("decks/child.yaml", child)
    return run(workspace, monkeypatch, "build", "decks/child.yaml", *args)


CHILD_OUTPUT = ("output", "child", "child.pptx")


def test_top_level_fields_override_and_vars_merge_name_by_name(based, monkeypatch):
    result = build(based, monkeypatch, """\
        extends: base.yaml
        subtitle: "For families"
        vars: {organization: Riverside}
        """)
    assert result.exit_code == 0, result.output
    texts = slide_texts(based.root.joinpath(*CHILD_OUTPUT))
    assert texts[0].startswith("Workshop at Riverside | For families | Dana Reyes\nRiverside")
    assert any("Welcome to Oakland" in t for t in texts)  # the base's variable, kept
    assert not (based.root / "output" / "base").exists()


def test_var_on_the_command_line_still_wins(based, monkeypatch):
    result = build(based, monkeypatch, "extends: base.yaml\nvars: {organization: Riverside}\n",
                   "--var", "organization=Lakeside")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert slide_texts(based.root.joinpath(*CHILD_OUTPUT))[0].startswith("Workshop at Lakeside")


def test_remove_replace_and_insert_sections_and_slides(based, monkeypatch):
    result = build(based, monkeypatch, """\
        extends: base.yaml
        remove: [plan]
        replace:
          give: {id: two, principle: smith/2}
        insert_before:
          love:
            - {title: "Before love", bullets: ["First"]}
        insert_after:
          hello:
            - {title: "After hello", bullets: ["Second"]}
          core:
            - title: "Extra part"
              slides: [{text: "The end."}]
        """)
    assert result.exit_code == 0, result.output
    assert titles(based.root.joinpath(*CHILD_OUTPUT)) == [
        "Workshop at Bay Clinic", "Agenda", "Welcome", "Hello", "After hello", "Core", "Before love",
        "Core", "Principle 2: Internalize, do not replace", "Extra part", "The end.", "References",
    ]  # the quote slide is titled by its section
    texts = slide_texts(based.root.joinpath(*CHILD_OUTPUT))
    assert not any("Two parts" in t for t in texts) and not any("Give before you take" in t for t in texts)
