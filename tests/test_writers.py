"""The writers' registry names a writer module for each format."""

from __future__ import annotations

from deckbuilder.writers import WRITERS, writer


def test_registry_names_a_writer_module_for_each_format():
    assert set(WRITERS) == {"pptx", "handout"}
    for fmt in WRITERS:
        assert callable(writer(fmt).write)
