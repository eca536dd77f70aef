"""Finding and loading themes: the workspace's `themes/<name>/` first, then the built-in ones.

A theme may `extends:` another; it then changes only the settings it names. File paths in a
theme are relative to the theme.yaml that names them, so they are made absolute while merging.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .deck import KINDS, Picture
from .errors import DeckError, Position, Problem, Problems, did_you_mean
from .load import Document, load_yaml
from .model import Theme
from .validate import validate
from .workspace import inside_workspace

DEFAULT_THEME = "calm"
AA = 4.5  # WCAG 2.2 contrast for normal-size text
# Settings that name files, as paths of keys in theme.yaml.
FILE_KEYS = (("template",), ("logo",), ("font_files", "heading"), ("font_files", "body"))


def builtin_dir() -> Path:
    """Return the built-in themes: inside the installed package, or the repository's `themes/`."""
    packaged = Path(__file__).parent / "themes"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "themes"


@dataclass(frozen=True)
class LoadedTheme:
    """A validated theme, the folders of it and the themes it extends, and where each setting is."""

    theme: Theme
    folders: tuple[Path, ...]  # this theme's folder first, then those of the themes it extends
    doc: Document  # the merged settings, each with the position of the file that set it
    warnings: tuple[Problem, ...] = ()  # colors too close to be read from the back of a room
    logo: Picture | None = None

    @property
    def folder(self) -> Path:
        return self.folders[0]

    def path(self, relative: str | None) -> Path | None:
        return self.folder / relative if relative else None

    def template_path(self) -> Path:
        """Return the theme's .pptx template, or the default theme's when it names none."""
        return self.path(self.theme.template) or builtin_dir() / DEFAULT_THEME / "template.pptx"

    def handout_css(self) -> list[Path]:
        """Return the handout style sheets, base theme first: each theme adds to what it extends."""
        name = self.theme.handout.css or "handout.css"
        sheets = [f / name for f in reversed(self.folders) if (f / name).is_file()]
        return sheets or [builtin_dir() / DEFAULT_THEME / "handout.css"]


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
    docs, folders = _chain(name, root, pos)
    doc = docs[0]
    for child in docs[1:]:
        doc = _merge(doc, child)
    theme = validate(doc, Theme, "a theme")
    problems = Problems()
    for kind in theme.layouts:
        if kind not in KINDS:
            problems.add(f"unknown slide kind '{kind}' in layouts",
                         doc.key_pos(("layouts", kind)), did_you_mean(kind, KINDS))  # fmt: skip
    for key in FILE_KEYS:
        value = _get(doc.data, key)
        where = doc.pos(key)
        if isinstance(value, str) and _in(where.file, root):  # a workspace theme's files stay in it
            inside_workspace(value, where.file.parent, root, where, problems)
        if isinstance(value, str) and not Path(value).is_file():
            problems.add(f"{'.'.join(key)} file not found: {Path(value).name}", where,
                         f"paths are relative to {where.file}")  # fmt: skip
        elif key == ("template",) and isinstance(value, str):
            _open_template(Path(value), where, problems)
    problems.raise_if_any()
    logo = None
    if theme.logo:
        from .pictures import read_picture

        logo = read_picture(Path(theme.logo), Path(theme.logo).name, doc.pos(("logo",)))
    return LoadedTheme(theme, tuple(folders), doc, _contrast_warnings(theme, doc, folders[0].name), logo)


def _contrast_warnings(theme: Theme, doc: Document, name: str) -> tuple[Problem, ...]:
    """Warn about text colors below WCAG AA (4.5:1) against the background."""
    from .contrast import ratio

    found = []
    bg = theme.colors.background
    for role in ("text", "muted", "accent"):
        fg = getattr(theme.colors, role)
        value = ratio(fg, bg)
        if value < AA:
            found.append(Problem(
                f"{role} on background has a contrast of {value:.2f}:1, below the {AA}:1 that WCAG AA asks for text",
                doc.pos(("colors", role)),
                f"make {fg} darker (or {bg} lighter); 'deckbuilder themes show {name}' shows the ratios",
            ))  # fmt: skip
    return tuple(found)


def _chain(name: str, root: Path, pos: Position | None) -> tuple[list[Document], list[Path]]:
    """Return the theme.yaml documents from the base theme to `name`, and their folders."""
    themes = available(root)
    docs: list[Document] = []
    folders: list[Path] = []
    while True:
        folder = themes.get(name)
        if folder in folders:  # a workspace theme may extend the built-in theme of its own name
            folder = builtin_dir() / name if (builtin_dir() / name / "theme.yaml").is_file() else folder
        if folder is None:
            raise DeckError(Problem(f"unknown theme '{name}'", pos, _installed(name, themes)))
        if folder in folders:
            cycle = " -> ".join([f.name for f in folders] + [folder.name])
            raise DeckError(Problem(f"themes extend each other in a circle: {cycle}", pos,
                                    "remove 'extends:' from one of them"))  # fmt: skip
        doc = load_yaml(folder / "theme.yaml")
        _absolute_paths(doc, folder)
        docs.insert(0, doc)
        folders.append(folder)
        parent = doc.data.get("extends") if isinstance(doc.data, dict) else None
        if not isinstance(parent, str):
            return docs, folders
        name, pos = parent, doc.pos(("extends",))


def _in(file: Path, root: Path) -> bool:
    return file.resolve().is_relative_to(root.resolve())


def _open_template(path: Path, where: Position, problems: Problems) -> None:
    """Open the template through the gate the writer uses, so that `check` finds what `build` would."""
    from .writers.ooxml import load_template

    try:
        load_template(path, where)
    except DeckError as error:
        problems.extend(error)


def _installed(name: str, themes: dict[str, Path]) -> str:
    close = did_you_mean(name, themes, list_all=False)
    return (close + " " if close else "") + f"installed themes: {', '.join(sorted(themes)) or 'none'}"


def _absolute_paths(doc: Document, folder: Path) -> None:
    """Make the file settings of a theme.yaml absolute, so that they survive merging."""
    for key in FILE_KEYS:
        parent = _get(doc.data, key[:-1]) if len(key) > 1 else doc.data
        if isinstance(parent, dict) and isinstance(parent.get(key[-1]), str):
            parent[key[-1]] = str(folder / parent[key[-1]])


def _get(data, key: tuple):
    for part in key:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _merge(base: Document, child: Document) -> Document:
    """Return `child` laid over `base`: mappings merge key by key, other values replace."""
    merged = Document(child.file, None)

    def walk(a, b, path: tuple):
        if not (isinstance(a, dict) and isinstance(b, dict)):
            return _copy(b, path, child, merged)
        out = {k: _copy(v, path + (k,), base, merged) for k, v in a.items() if k not in b}
        for key, value in b.items():
            out[key] = walk(a.get(key), value, path + (key,))
            if path + (key,) in child.keys:
                merged.keys[path + (key,)] = child.keys[path + (key,)]
        merged.values[path] = child.values.get(path) or base.values.get(path)
        return out

    merged.data = walk(base.data, child.data, ())
    return merged


def _copy(value, path: tuple, source: Document, into: Document):
    """Return `value`, copying the positions of it and of everything in it from `source`."""
    for positions, target in ((source.values, into.values), (source.keys, into.keys)):
        target.update((where, pos) for where, pos in positions.items() if where[: len(path)] == path)
    return value
