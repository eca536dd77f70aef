"""Finding and loading themes: the workspace's `themes/<name>/` first, then the built-in ones.

A theme may `extends:` another; it then changes only the settings it names. File paths in a
theme are relative to the theme.yaml that names them, so they are made absolute while merging.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from .deck import Picture
from .errors import DeckError, Position, Problem, Problems, did_you_mean, shown
from .kinds import KINDS
from .load import Document, load_yaml
from .model import Theme
from .validate import validate
from .workspace import builtin_dir, check_file, locate, locate_file, read_bytes, within

DEFAULT_THEME = "calm"
AA = 4.5  # WCAG 2.2 contrast for normal-size text
# Settings that name files, as paths of keys in theme.yaml.
FILE_KEYS = (("template",), ("logo",), ("font_files", "heading"), ("font_files", "body"))


@dataclass(frozen=True)
class LoadedTheme:
    """A validated theme, the folders of it and the themes it extends, and where each setting is."""

    theme: Theme
    folders: tuple[Path, ...]  # this theme's folder first, then those of the themes it extends
    doc: Document  # the merged settings, each with the position of the file that set it
    warnings: tuple[Problem, ...] = ()  # colors too close to be read from the back of a room
    logo: Picture | None = None
    css: tuple[Path, ...] = ()  # the handout style sheets, base theme first, checked when the theme loaded

    @property
    def folder(self) -> Path:
        return self.folders[0]

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
    problems = Problems()
    docs, folders = _chain(name, root, pos, problems)
    doc = docs[0]
    for child in docs[1:]:
        doc = _merge(doc, child)
    theme = None
    try:
        theme = validate(doc, Theme, "a theme")
    except DeckError as error:  # reported with the file problems found while merging, and those below
        problems.extend(error)
    layouts = doc.data.get("layouts") if isinstance(doc.data, dict) else None
    for kind in layouts if isinstance(layouts, dict) else ():
        if kind not in KINDS:
            problems.add(f"unknown slide kind '{kind}' in layouts",
                         doc.key_pos(("layouts", kind)), did_you_mean(kind, KINDS))  # fmt: skip
    for key in FILE_KEYS:
        value = _get(doc.data, key)
        if isinstance(value, str):
            _check_theme_file(key, Path(value), doc.pos(key), problems)
    for folder in folders:
        _check_font_folder(folder, root, problems)
    css = _handout_css(theme, doc, folders, root, problems) if theme is not None else ()
    problems.raise_if_any()
    logo = None
    if theme.logo:
        from .pictures import read_picture

        logo = read_picture(Path(theme.logo), Path(theme.logo).name, doc.pos(("logo",)))
    warnings = _contrast_warnings(theme, doc, folders[0].name)
    return LoadedTheme(theme, tuple(folders), doc, warnings, logo, css)


def _check_theme_file(key: tuple, path: Path, where: Position, problems: Problems) -> None:
    """Check a file a theme names (already inside the workspace): a file of its kind and size."""
    what = ".".join(key) + " file"
    try:
        check_file(path, where, what, path.name, large=True)
        if key == ("template",):
            from .writers.template import load_template  # the gate the writer uses: `check` finds what `build` would

            load_template(path, where)
        elif key[0] == "font_files":
            _check_font(path, where, f"font_files.{key[-1]}")
    except DeckError as error:
        problems.extend(error)


def _check_font_folder(folder: Path, root: Path, problems: Problems) -> None:
    """Check the font files a theme's `fonts/` folder gives for measuring, as every theme file is
    checked: the folder and each file stay inside the workspace, regular files within the size limit."""
    from .fonts import FONT_SUFFIXES

    if not os.path.lexists(folder / "fonts") or within(folder, builtin_dir()):
        return
    where = Position(folder / "theme.yaml")
    fonts = locate("fonts", folder, root, where, problems)
    if fonts is None or not fonts.is_dir():
        return
    for path in sorted(fonts.iterdir()):
        if path.suffix.lower() in FONT_SUFFIXES:
            font = locate_file(f"fonts/{path.name}", folder, root, where, "font file", large=True, problems=problems)
            if font is not None:
                try:
                    _check_font(font, where, "a file of its fonts/ folder")
                except DeckError as error:
                    problems.extend(error)


def _check_font(path: Path, where: Position, what: str) -> None:
    """Refuse a font file that FreeType cannot open, so that `check` finds it, not a preview or the
    measuring (which would otherwise pass over it)."""
    from PIL import ImageFont

    try:
        ImageFont.truetype(io.BytesIO(read_bytes(path, where, "font file", path.name, large=True)), 12)
    except OSError:
        raise DeckError(Problem(f"{what} is not a font file: {shown(path.name)}", where,
                                "give a .ttf or .otf file")) from None  # fmt: skip


def _handout_css(theme: Theme, doc: Document, folders: list[Path], root: Path,
                 problems: Problems) -> tuple[Path, ...]:  # fmt: skip
    """Return the handout style sheets, base theme first: each theme adds to what it extends.

    A sheet the theme names must stay inside the workspace and exist in one of its folders;
    a theme that names none and brings none uses the built-in one.
    """
    named = theme.handout.css
    where = doc.pos(("handout", "css"))
    sheets = []
    try:
        if named:  # relative to the theme that names it; the others may have a sheet of that name
            locate(named, where.file.parent, root, where)
        for folder in reversed(folders):
            path = folder / (named or "handout.css")
            if os.path.lexists(path):  # a sheet, or a link that must not lead outside
                sheet = locate(str(path.relative_to(folder)), folder, root, where)
                check_file(sheet, where, "handout.css file", named or str(path))
                sheets.append(sheet)
    except DeckError as error:
        problems.extend(error)
        return ()
    if named and not sheets:
        problems.add(f"handout.css file not found: {shown(named)}", where,
                     f"put it beside {where.file}")  # fmt: skip
    return tuple(sheets) or (builtin_dir() / DEFAULT_THEME / "handout.css",)


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
                "warning", "a11y.contrast",
            ))  # fmt: skip
    return tuple(found)


def _chain(name: str, root: Path, pos: Position | None,
           problems: Problems) -> tuple[list[Document], list[Path]]:  # fmt: skip
    """Return the theme.yaml documents from the base theme to `name`, and their folders; the files
    they name are resolved, and those that cannot be used are added to `problems`."""
    themes = available(root)
    docs: list[Document] = []
    folders: list[Path] = []
    while True:
        folder = themes.get(name)
        if folder in folders:  # a workspace theme may extend the built-in theme of its own name
            folder = builtin_dir() / name if (builtin_dir() / name / "theme.yaml").is_file() else folder
        if folder is None:
            raise DeckError(Problem(f"unknown theme {shown(name)}", pos, _installed(name, themes)))
        if folder in folders:
            cycle = " -> ".join([f.name for f in folders] + [folder.name])
            raise DeckError(Problem(f"themes extend each other in a circle: {cycle}", pos,
                                    "remove 'extends:' from one of them"))  # fmt: skip
        if not within(folder / "theme.yaml", root):
            raise DeckError(Problem(f"theme {shown(name)} is a link to a place outside the workspace", pos,
                                    f"copy the theme folder into {root / 'themes'} instead of linking to it"))  # fmt: skip
        doc = load_yaml(folder / "theme.yaml")
        _absolute_paths(doc, folder, root, problems)
        docs.insert(0, doc)
        folders.append(folder)
        parent = doc.data.get("extends") if isinstance(doc.data, dict) else None
        if not isinstance(parent, str):
            return docs, folders
        name, pos = parent, doc.pos(("extends",))


def _installed(name: str, themes: dict[str, Path]) -> str:
    close = did_you_mean(name, themes, list_all=False)
    return (close + " " if close else "") + f"installed themes: {', '.join(sorted(themes)) or 'none'}"


def _absolute_paths(doc: Document, folder: Path, root: Path, problems: Problems) -> None:
    """Make the file settings of a theme.yaml absolute, so that they survive merging; one that
    leaves the workspace and the built-in themes is reported and dropped."""
    for key in FILE_KEYS:
        parent = _get(doc.data, key[:-1]) if len(key) > 1 else doc.data
        if isinstance(parent, dict) and isinstance(parent.get(key[-1]), str):
            path = locate(parent[key[-1]], folder, root, doc.pos(key), problems)
            if path is None:
                del parent[key[-1]]
            else:
                parent[key[-1]] = str(path)


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
