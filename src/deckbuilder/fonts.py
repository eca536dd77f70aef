"""The fonts text is measured with: the theme's own font files, or metric-compatible open fonts.

A `FontBook` finds the file that measures a named font family. It looks in the files the theme
names in `font_files`, then in the `fonts/` folder of the theme and of each theme it extends, and
last in the built-in default theme's `fonts/`, which ships fonts (SIL Open Font License) with the
letter widths of common proprietary ones: Carlito for Calibri, Caladea for Cambria, Liberation Sans
for Arial and Helvetica, Liberation Serif for Times New Roman. A family found nowhere is measured
with Liberation Sans made `UNKNOWN_WIDEN` wider, and the book keeps a warning saying how to fix it.

`Face.width(text)` is the advance width of `text` in em: multiply by the size in points to get points.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .workspace import builtin_dir

if TYPE_CHECKING:
    from .themes import LoadedTheme

# Fonts whose letter widths an open font shipped with the default theme matches (lower case).
METRIC_COMPATIBLE = {
    "calibri": "Carlito",
    "calibri light": "Carlito",
    "cambria": "Caladea",
    "arial": "Liberation Sans",
    "arial mt": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "times new roman": "Liberation Serif",
    "courier new": "Liberation Mono",
}
FALLBACK_FAMILY = "Liberation Sans"
# An unknown family is measured this much wider than Arial: most sans fonts used on slides (Segoe UI,
# Aptos, Open Sans, Roboto, Source Sans) are at most about 8 % wider; Verdana (about 18 %) is not covered.
UNKNOWN_WIDEN = 1.1
# A missing bold is measured as the regular this much wider (the shipped bolds are 2-10 % wider than
# their regulars); an upright measured with an italic (2 % narrower at most here) is widened the same.
STYLE_WIDEN = 1.12
# Characters the font has no glyph for are drawn by the viewer from another font: wide East Asian
# characters are 1 em there, emoji up to about 1.25 em, other letters rarely wider than 0.8 em.
WIDE_EM = 1.0
EMOJI_EM = 1.3
OTHER_EM = 0.8
PIXELS = 1000  # the size fonts are measured at: advance widths in font units, without hinting loss
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")


@dataclass(frozen=True)
class _File:
    """One font file: its family and style as the file names them."""

    path: Path
    family: str
    style: str

    @property
    def bold(self) -> bool:
        return "bold" in self.style.lower() or "black" in self.style.lower()

    @property
    def italic(self) -> bool:
        return "italic" in self.style.lower() or "oblique" in self.style.lower()

    @property
    def plain(self) -> bool:
        """Whether the style is one of the four usual ones (not Light, Semibold, Condensed ...)."""
        return self.style.lower() in {"regular", "bold", "italic", "bold italic", "normal", "roman"}


class Face:
    """A font file at one style that measures text; `scale` widens it where the viewer's font may be wider."""

    def __init__(self, path: Path, scale: float = 1.0, family: str = "", style: str = "") -> None:
        from PIL import ImageFont

        self.path, self.scale, self.family, self.style = path, scale, family, style
        self._font = ImageFont.truetype(str(path), PIXELS)
        self._widths: dict[str, float] = {}
        self._covered: frozenset[int] | None = None

    def __repr__(self) -> str:
        widened = f" x{self.scale:g}" if self.scale != 1 else ""
        return f"Face({self.family} {self.style}{widened}, {self.path.name})"

    def width(self, text: str) -> float:
        """Return the advance width of `text` in em; cached, since the same words are measured again and again."""
        width = self._widths.get(text)
        if width is None:
            width = self._widths[text] = self._measure(text) * self.scale
        return width

    def covers(self, char: str) -> bool:
        """Whether the font has a glyph for `char`. Latin-1 and the typographic quotes and dashes are
        taken as drawn (every text font has them), so most decks never read a character map."""
        code = ord(char)
        if code < 0x100 or 0x2010 <= code <= 0x2027:
            return code >= 0x20 and not 0x7F <= code < 0xA0
        if self._covered is None:
            self._covered = _character_map(self.path)
        return ord(char) in self._covered

    def _measure(self, text: str) -> float:
        """Measure runs the font can draw with it (kerned), and each other character by `_stand_in`."""
        total, run = 0.0, []
        for char in text:
            if self.covers(char):
                run.append(char)
                continue
            if run:
                total += self._font.getlength("".join(run)) / PIXELS
                run = []
            total += self._stand_in(char)
        if run:
            total += self._font.getlength("".join(run)) / PIXELS
        return total

    def _stand_in(self, char: str) -> float:
        """Return a width no narrower than what a viewer's fallback font draws for a glyph-less character."""
        if unicodedata.category(char) in ("Mn", "Me", "Cf", "Cc"):
            return 0.0  # combining marks, joiners, variation selectors, controls
        if char.isspace():
            return self._font.getlength(" ") / PIXELS
        if _emoji(char):
            return EMOJI_EM
        return WIDE_EM if unicodedata.east_asian_width(char) in ("W", "F") else OTHER_EM


def _emoji(char: str) -> bool:
    """Whether `char` is drawn as an emoji picture (the pictographic planes and the dingbat blocks)."""
    code = ord(char)
    return 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF


def _character_map(path: Path) -> frozenset[int]:
    """Return the code points the font has glyphs for (fontTools reads the cmap table; Pillow cannot)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True, fontNumber=0) as font:
        return frozenset(font.getBestCmap() or ())


@dataclass(eq=False)
class FontBook:
    """The font files of a theme, indexed by family on first use; see the module's description."""

    places: tuple[Path, ...]  # font files and folders holding them, searched in this order
    aliases: tuple[tuple[str, Path], ...] = ()  # a family the theme names -> the font file it gives for it
    warnings: list[str] = field(default_factory=list)  # one per family measured with the fallback

    def __post_init__(self) -> None:
        self._files: dict[str, list[_File]] | None = None
        self._faces: dict[tuple[str, bool, bool], Face] = {}
        self._opened: dict[tuple[Path, float], Face] = {}
        self._warned: set[str] = set()

    @classmethod
    def for_theme(cls, loaded: LoadedTheme) -> FontBook:
        """Return the (shared) book of a loaded theme: its font_files, its folders' fonts/, the default fonts."""
        from .themes import DEFAULT_THEME

        theme = loaded.theme
        named = theme.font_files
        aliases = tuple((family, loaded.path(file)) for family, file in
                        ((theme.fonts.heading, named and named.heading), (theme.fonts.body, named and named.body))
                        if file)  # fmt: skip
        folders = tuple(folder / "fonts" for folder in loaded.folders) + (
            builtin_dir() / DEFAULT_THEME / "fonts",
        )
        return font_book(tuple(path for _, path in aliases) + folders, aliases)

    def face(self, family: str, bold: bool = False, italic: bool = False) -> Face:
        """Return the face that measures `family` in the given style, never narrower than the viewer draws it."""
        key = (family.strip().lower(), bold, italic)
        face = self._faces.get(key)
        if face is None:
            face = self._faces[key] = self._find(family.strip(), bold, italic)
        return face

    def _find(self, family: str, bold: bool, italic: bool) -> Face:
        """Look up the family by name, then by the theme's font_files, then by the metric-compatible map."""
        files = self._index()
        for name in (family, self._alias(family), METRIC_COMPATIBLE.get(family.lower())):
            if name and name.lower() in files:
                return self._styled(files[name.lower()], bold, italic, 1.0)
        fallback = files.get(FALLBACK_FAMILY.lower())
        if fallback is None:
            raise RuntimeError(f"the default theme's fonts are missing: no {FALLBACK_FAMILY} in "
                               + ", ".join(map(str, self.places)))  # fmt: skip
        if family.lower() not in self._warned:
            self._warned.add(family.lower())
            self.warnings.append(self._warning(family))
        return self._styled(fallback, bold, italic, UNKNOWN_WIDEN)

    @staticmethod
    def _warning(family: str) -> str:
        """Say which font cannot be measured and what measures it instead."""
        return (
            f"no font file for {family!r}: text in it is measured with {FALLBACK_FAMILY} made "
            f"{round((UNKNOWN_WIDEN - 1) * 100)} % wider, so it may be set smaller than it needs"
        )

    def _alias(self, family: str) -> str | None:
        """Return the family inside the font file the theme gives for `family`, if it gives one."""
        for name, path in self.aliases:
            if name.strip().lower() == family.lower():
                return next((f.family for f in self._read(path)), None)
        return None

    def _styled(self, files: list[_File], bold: bool, italic: bool, scale: float) -> Face:
        """Open the file of the nearest style (the first place's among equals), widened where it may draw
        narrower than the style asked for."""
        best = min(files, key=lambda f: (f.bold != bold, f.italic != italic, not f.plain))
        if (bold and not best.bold) or (best.italic and not italic):
            scale *= STYLE_WIDEN
        key = (best.path, scale)
        if key not in self._opened:
            self._opened[key] = Face(best.path, scale, best.family, best.style)
        return self._opened[key]

    def _index(self) -> dict[str, list[_File]]:
        """Read the family and style of every font file once, in the order of the places (earlier ones win)."""
        if self._files is None:
            self._files = {}
            for place in self.places:
                for file in self._read(place):
                    self._files.setdefault(file.family.lower(), []).append(file)
        return self._files

    @staticmethod
    def _read(place: Path) -> list[_File]:
        """Return the font files of a file or folder with their names; files FreeType cannot open are skipped."""
        from PIL import ImageFont

        paths = sorted(place.iterdir()) if place.is_dir() else [place] if place.is_file() else []
        files = []
        for path in paths:
            if path.suffix.lower() in FONT_SUFFIXES and path.is_file():
                try:
                    family, style = ImageFont.truetype(str(path), 12).getname()
                except OSError:
                    continue
                files.append(_File(path, family or path.stem, style or "Regular"))
        return files


@lru_cache(maxsize=32)
def font_book(places: tuple[Path, ...], aliases: tuple[tuple[str, Path], ...] = ()) -> FontBook:
    """Return the one book for these places, so that a build of many decks opens each font once."""
    return FontBook(places, aliases)
