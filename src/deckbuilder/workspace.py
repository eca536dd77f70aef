"""The workspace: where decks, articles, themes and outputs are, and what stays inside it."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import DeckError, Position, Problem, Problems


def inside_workspace(relative: str, base: Path, root: Path, pos: Position,
                     problems: Problems | None = None) -> Path | None:  # fmt: skip
    """Return `base/relative`, or report that it leaves the workspace."""
    path = (base / relative).resolve()
    try:
        path.relative_to(root.resolve())
    except ValueError:
        problem = Problem(f"'{relative}' is outside the workspace", pos,
                          f"keep files inside {root.resolve()}")  # fmt: skip
        if problems is None:
            raise DeckError(problem) from None
        problems.items.append(problem)
        return None
    return path


def find_decks(root: Path) -> list[Path]:
    """Return every deck outline of a workspace: decks/*.yaml, top level only."""
    folder = root / "decks"
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def temp_beside(final: Path) -> Path:
    """Return a hidden temporary name beside `final` (so that os.replace is atomic), keeping its
    suffix: browsers and Pillow read it."""
    return final.with_name(f".{final.stem}.{os.getpid()}.tmp{final.suffix}")
