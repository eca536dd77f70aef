"""deckbuilder: teaching material (a YAML outline and an article library) to workshop decks."""

__version__ = "0.1.0"
