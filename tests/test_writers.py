"""Every writer covers every slide kind of the Deck (a closed set)."""

from __future__ import annotations

import re

from deckbuilder import deck as d
from deckbuilder.themes import builtin_dir
from deckbuilder.writers import WRITERS, writer


def test_registry_names_a_writer_module_for_each_format():
    assert set(WRITERS) == {"pptx", "handout"}
    for fmt in WRITERS:
        assert callable(writer(fmt).write)


def test_pptx_writer_fills_every_kind():
    assert set(writer("pptx")._FILL) == set(d.SLIDE_TYPES)


def test_builtin_handout_template_renders_every_kind():
    source = (builtin_dir() / "calm" / "handout.html.j2").read_text(encoding="utf-8")
    mapped = dict(re.findall(r'"([\w-]+)": (k_\w+)', source))
    defined = set(re.findall(r"macro (k_\w+)\(", source))
    assert set(mapped) == set(d.KINDS)
    assert set(mapped.values()) <= defined


def test_kinds_are_unique():
    assert len(set(d.KINDS)) == len(d.KINDS)
