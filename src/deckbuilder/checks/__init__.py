"""Findings: the review a careful CE sponsor, an accessibility checker and an editor make of a deck.

Each check is one function, registered with `@check(code, severity)`, that yields the `Finding`s it
makes of a `Subject`; `run` gives them their code and severity as Problems. Codes are stable (editors
and CI match on them) and each is explained in docs/checks.md.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import Position, Problem

if TYPE_CHECKING:
    from ..deck import Deck
    from ..library import Library
    from ..load import Document
    from ..model import Outline
    from ..themes import LoadedTheme

MODULES = ("a11y", "ce", "quotes", "clients")  # the modules of this package that register checks


@dataclass(frozen=True)
class Subject:
    """What a check looks at: the deck as it will be written, its handouts, and where it came from."""

    deck: Deck  # fitted: the slides the .pptx will have
    handouts: tuple[Deck, ...]
    outline: Outline
    doc: Document  # the outline's positions: doc.pos(path), doc.key_pos(path)
    library: Library  # the articles, each with its own Document
    theme: LoadedTheme
    root: Path


class Finding(NamedTuple):
    message: str
    pos: Position | None
    hint: str = ""


Check = Callable[[Subject], Iterable[Finding]]
CHECKS: dict[str, tuple[str, Check]] = {}  # code -> (severity, check)


def check(code: str, severity: str = "warning") -> Callable[[Check], Check]:
    """Register a check under its code; `severity` is what its findings are (see errors.SEVERITIES)."""

    def register(function: Check) -> Check:
        if code in CHECKS:
            raise ValueError(f"two checks are registered as {code}")
        CHECKS[code] = (severity, function)
        return function

    return register


_WORD = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*")  # "don’t", "self-soothing" and "3.5" are one word each


def words(text: str) -> list[str]:
    """Return the words of a text as a reader counts them (a dash or a quotation mark is none)."""
    return _WORD.findall(text)


def run(subject: Subject) -> list[Problem]:
    """Return the findings of every registered check, in the order the codes were registered."""
    for module in MODULES:
        importlib.import_module(f".{module}", __name__)
    return [Problem(f.message, f.pos, f.hint, severity, code)
            for code, (severity, function) in CHECKS.items() for f in function(subject)]  # fmt: skip
