"""A deck and its handouts are resolved from one outline: each slide is made once and shared."""

from __future__ import annotations

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
    assert deck == fit(resolve(outline, doc, library, workspace.root), theme)
    assert [s.title for s in printed[1].slides if s.kind == "bullets"] != [s.title for s in deck.slides
                                                                          if s.kind == "bullets"]
