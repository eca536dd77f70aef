"""A deck and its handouts are resolved from one outline: each slide is made once and shared."""

from __future__ import annotations

import msgspec
from conftest import TALK

from deckbuilder import pictures
from deckbuilder import resolve as resolve_module
from deckbuilder.build import _compile
from deckbuilder.errors import Problems
from deckbuilder.fit import fit
from deckbuilder.library import load_library
from deckbuilder.load import load_yaml
from deckbuilder.model import Outline
from deckbuilder.resolve import handouts, resolve, source_paths
from deckbuilder.validate import validate

HANDOUTS = """\
handouts:
  - {audience: clinicians, style: notes}
  - {audience: clients, style: worksheet}
"""
MORE = """\
      - title: "For clients"
        audience: clients
        bullets: ["Only theirs"]
        cite: smith
      - image: images/pic.png
        alt: "The same square again"
"""


def test_each_slide_and_picture_is_made_once_for_the_deck_and_its_handouts(workspace, monkeypatch):
    made, checked = [], []
    real_bullets, real_check = resolve_module._Resolver.make_bullets, pictures.check_picture

    def make_bullets(self, s, *args):
        made.append(s.title)
        return real_bullets(self, s, *args)

    def check_picture(relative, *args):
        checked.append(relative)
        return real_check(relative, *args)

    monkeypatch.setattr(resolve_module._Resolver, "make_bullets", make_bullets)
    monkeypatch.setattr(resolve_module, "check_picture", check_picture)
    workspace.write("decks/talk.yaml", "audience: clinicians\n" + TALK + MORE + HANDOUTS, dedent=False)
    _compile(workspace.deck, workspace.root)
    assert made == ["Points", "For clients"]  # the clients' slide is made for their handout only
    assert checked == ["images/pic.png"]


def test_shared_slides_give_the_decks_resolved_one_by_one(workspace):
    workspace.write("decks/talk.yaml", "audience: clinicians\n" + TALK + MORE + HANDOUTS, dedent=False)
    deck, printed, theme = _compile(workspace.deck, workspace.root)
    doc = load_yaml(workspace.deck)
    outline = validate(doc, Outline, "a deck outline")
    library = load_library(source_paths(outline.sources, doc, workspace.root), Problems(), workspace.root)
    alone = [resolve(outline, doc, library, workspace.root, h) for h in handouts(outline, doc)]
    assert printed == alone
    fitted = fit(resolve(outline, doc, library, workspace.root), theme)
    assert msgspec.structs.replace(deck, findings=()) == msgspec.structs.replace(fitted, findings=())
    assert set(fitted.findings) <= set(deck.findings)  # and the checks' findings
    assert [s.title for s in printed[1].slides if s.kind == "bullets"] != [s.title for s in deck.slides
                                                                          if s.kind == "bullets"]


# ------------------------------------------------------------------ mistakes the model cannot see


def checked(workspace, monkeypatch, text: str) -> str:
    """Return what `check` says of the deck `text`, which must be refused."""
    from typer.testing import CliRunner

    from deckbuilder.cli import app

    workspace.write("decks/talk.yaml", text, dedent=False)
    monkeypatch.chdir(workspace.root)
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 1, result.output
    return result.output


def test_a_slide_for_an_audience_no_output_is_for_is_an_error_with_did_you_mean(workspace, monkeypatch):
    text = "audience: clinicians\n" + TALK.replace('title: "Points"', 'title: "Points"\n        audience: [clinician]')
    output = checked(workspace, monkeypatch, text)
    assert "error: decks/talk.yaml:9:20: no deck or handout is for audience 'clinician'" in output
    assert "hint: did you mean 'clinicians'?" in output


def test_a_handouts_audience_and_the_audiences_list_are_built_for(workspace, monkeypatch):
    talk = TALK.replace('title: "Points"', 'title: "Points"\n        audience: educators')
    talk = talk.replace("- quote: smith/essence-of-love", "- quote: smith/essence-of-love\n        audience: [clients, supervisors]")
    text = "audience: clinicians\naudiences: [supervisors]\n" + talk + "handouts:\n  - {audience: clients, style: notes}\n"
    output = checked(workspace, monkeypatch, text)
    assert output.count("no deck or handout is for") == 1, output
    assert "decks/talk.yaml:10:19: no deck or handout is for audience 'educators'" in output
    assert "hint: the deck and its handouts are for clients, clinicians, supervisors; name other audiences in `audiences:`" in output


def test_duplicate_section_and_slide_ids_name_the_first(workspace, monkeypatch):
    talk = TALK.replace('  - title: "Part one"', '  - title: "Part one"\n    id: one')
    talk = talk.replace('      - quote: smith/essence-of-love', '      - quote: smith/essence-of-love\n        id: q')
    talk = talk.replace('      - quote: smith/fire-together', '      - quote: smith/fire-together\n        id: q')
    text = talk + '  - title: "Part two"\n    id: one\n    slides:\n      - text: "Again"\n        id: q\n'
    output = checked(workspace, monkeypatch, text)
    assert "error: decks/talk.yaml:14:13: duplicate slide id 'q', first at line 12" in output
    assert "error: decks/talk.yaml:19:9: duplicate section id 'one', first at line 5" in output
    assert "hint: give each section its own `id:`" in output
    assert "error: decks/talk.yaml:22:13: duplicate slide id 'q', first at line 12" in output


def test_audiences_ids_the_theme_and_articles_are_reported_in_one_round(workspace, monkeypatch):
    from conftest import SMITH

    workspace.write("decks/articles/smith.yaml", SMITH.replace("number: 2", "number: 1"))
    talk = TALK.replace('title: "Points"', 'title: "Points"\n        id: p\n        audience: clinician')
    talk = talk.replace("- quote: smith/fire-together", "- quote: smith/fire-together\n        id: p")
    talk = talk.replace("theme: calm", "theme: calmm")
    output = checked(workspace, monkeypatch, "audience: clinicians\n" + talk)
    assert "error: decks/articles/smith.yaml:8:13: duplicate principle number 1, first at line 5" in output
    assert "error: decks/talk.yaml:10:19: no deck or handout is for audience 'clinician'" in output
    assert "error: decks/talk.yaml:15:13: duplicate slide id 'p', first at line 9" in output
    assert "error: decks/talk.yaml:3:8: unknown theme 'calmm'" in output
