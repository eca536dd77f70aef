"""`python -m deckbuilder`."""

from .cli import main

main()
