"""Every writer covers every slide kind of the Deck (a closed set)."""

from __future__ import annotations

import importlib

import pytest

from deckbuilder import deck as d
from deckbuilder.writers import WRITERS


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_every_writer_covers_every_kind(fmt):
    module = importlib.import_module(WRITERS[fmt][0])
    assert set(module._FILL) == set(d.SLIDE_TYPES)


def test_kinds_are_unique():
    assert len(set(d.KINDS)) == len(d.KINDS)
