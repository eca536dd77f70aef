"""Finding and loading themes: the workspace's `themes/<name>/` first, then the built-in ones."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .deck import KINDS
from .errors import DeckError, Position, Problem, Problems, did_you_mean
from .load import load_yaml
from .model import Theme
from .validate import validate


DEFAULT_THEME = "calm"


def builtin_dir() -> Path:
    """Return the built-in themes: inside the installed package, or the repository's `themes/`."""
    packaged = Path(__file__).parent / "themes"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "themes"


@dataclass(frozen=True)
class LoadedTheme:
    """A validated theme and the folder its relative paths start from."""

    theme: Theme
    folder: Path

    def path(self, relative: str | None) -> Path | None:
        return self.folder / relative if relative else None

    def template_path(self) -> Path:
        """Return the theme's .pptx template, or the default theme's when it names none."""
        return self.path(self.theme.template) or builtin_dir() / DEFAULT_THEME / "template.pptx"


def available(root: Path) -> dict[str, Path]:
    """Return theme name -> folder; a workspace theme hides a built-in one of the same name."""
    found: dict[str, Path] = {}
    for base in (builtin_dir(), root / "themes"):
        if base.is_dir():
            for folder in sorted(base.iterdir()):
                if (folder / "theme.yaml").is_file():
                    found[folder.name] = folder
    return found


def load_theme(name: str, root: Path, pos: Position | None = None) -> LoadedTheme:
    """Load the theme called `name`; an unknown name lists the installed themes."""
    themes = available(root)
    folder = themes.get(name)
    if folder is None:
        names = ", ".join(sorted(themes)) or "none"
        close = did_you_mean(name, themes, list_all=False)
        raise DeckError(
            Problem(f"unknown theme '{name}'", pos, (close + " " if close else "") + f"installed themes: {names}")
        )
    doc = load_yaml(folder / "theme.yaml")
    theme = validate(doc, Theme, "a theme")
    problems = Problems()
    for kind in theme.layouts:
        if kind not in KINDS:
            problems.add(f"unknown slide kind '{kind}' in layouts",
                         doc.key_pos(("layouts", kind)), did_you_mean(kind, KINDS))
    loaded = LoadedTheme(theme, folder)
    for key in ("template", "logo"):
        file = loaded.path(getattr(theme, key))
        if file is not None and not file.is_file():
            problems.add(f"{key} file not found: {getattr(theme, key)}", doc.pos((key,)),
                         f"paths are relative to {folder / 'theme.yaml'}")
    problems.raise_if_any()
    return loaded
