"""Every stage and writer covers every slide kind of `kinds.py`, and nothing else.

One test compares each place that lists kinds with the registry, so that a kind cannot be half
added; the sample workshop, which has a slide of every kind, shows that each one is resolved and
written.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

from deckbuilder import deck as d
from deckbuilder import model
from deckbuilder.kinds import DISTINCTIVE_KEYS, GENERATED, KINDS, WRITTEN
from deckbuilder.resolve import _Resolver
from deckbuilder.themes import builtin_dir
from deckbuilder.writers import layouts, placing, pptx

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs" / "format.md"


def model_kinds() -> list[str]:
    """The kinds of the outline's slide union."""
    return [t.__struct_config__.tag for t in typing.get_args(model.Slide)]


def deck_kinds() -> list[str]:
    """The kinds of the Deck's slide union."""
    return [t.kind for t in d.SLIDE_TYPES]


def resolved_kinds() -> list[str]:
    """The written kinds that the resolver has a case for."""
    return [kind for kind in WRITTEN if hasattr(_Resolver, "make_" + kind.replace("-", "_"))]


def filled_kinds() -> list[str]:
    """The kinds whose text the pptx writer places."""
    return [getattr(key, "kind", key) for key in placing._PLAN]


def laid_out_kinds() -> set[str]:
    """The kinds that the layout tables name (the others use the text layout)."""
    return {*layouts.NAMES, *layouts.PURPOSE, *layouts.NAME_ONLY, *pptx.UNBRANDED}


def handout_macros() -> tuple[dict[str, str], set[str]]:
    """The built-in handout template's `render` table (kind -> macro) and the macros it defines."""
    source = (builtin_dir() / "calm" / "handout.html.j2").read_text(encoding="utf-8")
    table = re.search(r"set render = \{(.*?)\}", source, re.DOTALL)[1]
    return dict(re.findall(r'"([\w-]+)": (k_\w+)', table)), set(re.findall(r"macro (k_\w+)\(", source))


def documented_kinds() -> tuple[dict[str, str], list[str]]:
    """docs/format.md's tables of slides: written kind -> its row, and the generated kinds."""
    section = DOCS.read_text(encoding="utf-8").split("\n### Slides\n")[1].split("\n## ")[0]
    tables = [block for block in section.split("\n\n") if block.startswith("| kind |")]
    rows = [re.findall(r"^\| `([\w-]+)` \|(.*)$", table, re.MULTILINE) for table in tables]
    return dict(rows[0]), [kind for kind, _ in rows[1]]


def test_every_stage_and_writer_covers_every_kind():
    every = list(KINDS)
    mapped, macros = handout_macros()
    written_docs, generated_docs = documented_kinds()
    wrong = {
        "the outline's slide union (model.py)": (model_kinds(), list(WRITTEN)),
        "the Deck's slide union (deck.py)": (deck_kinds(), every),
        "the resolver's make_<kind> cases (resolve.py)": (resolved_kinds(), list(WRITTEN)),
        "the placing of text in layouts, _PLAN (writers/placing.py)": (sorted(filled_kinds()), sorted(every)),
        "the layout tables (writers/layouts.py), a part of": (sorted(laid_out_kinds() - set(every)), []),
        "the handout template's render table (calm/handout.html.j2)": (sorted(mapped), sorted(every)),
        "the render table's macros that the template defines": (sorted(set(mapped.values()) - macros), []),
        "docs/format.md's table of slides": (list(written_docs), list(WRITTEN)),
        "docs/format.md's table of generated slides": (generated_docs, list(GENERATED)),
    }
    wrong = [f"{place}: {found}, expected {expected}" for place, (found, expected) in wrong.items()
             if found != expected]  # fmt: skip
    assert not wrong, "\n".join(wrong)


def test_the_docs_name_each_kinds_distinctive_keys():
    written, _ = documented_kinds()
    missing = [key for key, kind in DISTINCTIVE_KEYS.items() if not re.search(f"`{key}[`:]", written[kind])]
    assert not missing


def test_the_sample_workshop_has_a_slide_of_every_kind_and_each_is_written(tmp_path):
    from pptx import Presentation

    from deckbuilder.build import build

    built = build(REPO / "decks" / "attachment-workshop.yaml", REPO, tmp_path)
    assert {s.kind for s in built.deck.slides} == set(KINDS)
    assert len(Presentation(built.outputs[0]).slides) == len(built.deck.slides)


def test_a_theme_template_without_a_kinds_macro_shows_its_slides_as_plain_cards(tmp_path):
    from test_handout import theme_workspace

    from deckbuilder.build import build

    calm = (builtin_dir() / "calm" / "handout.html.j2").read_text(encoding="utf-8")
    older = re.sub(r'\{%- macro k_statement.*?\n|"statement": k_statement, ', "", calm)
    assert "k_statement" not in older
    theme_workspace(tmp_path, "Repair **builds** trust", older)
    built = build(tmp_path / "decks" / "t.yaml", tmp_path, tmp_path / "output")
    html = next(p for p in built.outputs if p.suffix == ".html").read_text(encoding="utf-8")
    assert '<section class="card statement"><p>Repair <strong>builds</strong> trust</p>' in html
