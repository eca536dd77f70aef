"""Which font measures a named family: the theme's files, its fonts/ folders, the shipped open fonts."""

from __future__ import annotations

import shutil

import pytest
from PIL import ImageFont

from deckbuilder.fonts import EMOJI_EM, OTHER_EM, STYLE_WIDEN, UNKNOWN_WIDEN, WIDE_EM, FontBook, font_book
from deckbuilder.themes import load_theme
from deckbuilder.workspace import builtin_dir

SHIPPED = builtin_dir() / "calm" / "fonts"
SAMPLE = "The quick brown fox jumps over the lazy dog, 0123456789."


def real_width(file: str, text: str = SAMPLE) -> float:
    """Return the width in em of `text` in a shipped font file, measured directly."""
    return ImageFont.truetype(str(SHIPPED / file), 1000).getlength(text) / 1000


@pytest.fixture
def book() -> FontBook:
    return FontBook((SHIPPED,))


def test_every_builtin_theme_ships_the_four_styles_of_the_open_fonts_and_their_license():
    for family in ("Carlito", "Caladea", "LiberationSans", "LiberationSerif"):
        for style in ("Regular", "Bold", "Italic", "BoldItalic"):
            assert (SHIPPED / f"{family}-{style}.ttf").is_file()
    assert "SIL OPEN FONT LICENSE Version 1.1" in (SHIPPED / "OFL.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(("family", "bold", "italic", "file"), [
    ("Carlito", False, False, "Carlito-Regular.ttf"),
    ("carlito", True, False, "Carlito-Bold.ttf"),
    ("Calibri", False, True, "Carlito-Italic.ttf"),
    ("CALIBRI LIGHT", False, False, "Carlito-Regular.ttf"),
    ("Cambria", True, True, "Caladea-BoldItalic.ttf"),
    ("Arial MT", False, False, "LiberationSans-Regular.ttf"),
    ("Helvetica", True, False, "LiberationSans-Bold.ttf"),
    (" Times New Roman ", False, True, "LiberationSerif-Italic.ttf"),
])  # fmt: skip
def test_a_family_is_found_by_name_or_by_its_metric_compatible_font(book, family, bold, italic, file):
    face = book.face(family, bold, italic)
    assert (face.path.name, face.scale) == (file, 1.0)
    assert face.width(SAMPLE) == pytest.approx(real_width(file))
    assert book.warnings == []


def test_an_unknown_family_is_measured_wider_with_liberation_sans_and_warned_about_once(book):
    face = book.face("Aptos")
    assert face.path.name == "LiberationSans-Regular.ttf" and face.scale == UNKNOWN_WIDEN
    assert face.width(SAMPLE) == pytest.approx(real_width("LiberationSans-Regular.ttf") * UNKNOWN_WIDEN)
    assert book.face("Aptos", bold=True).path.name == "LiberationSans-Bold.ttf"
    book.face("aptos")
    assert len(book.warnings) == 1
    warning = book.warnings[0]
    assert "'Aptos'" in warning and "Liberation Sans" in warning and "10 % wider" in warning


def test_a_missing_style_uses_the_nearest_one_never_narrower(tmp_path):
    shutil.copy(SHIPPED / "Caladea-Regular.ttf", tmp_path)
    shutil.copy(SHIPPED / "Carlito-Italic.ttf", tmp_path)
    book = FontBook((tmp_path,))
    bold = book.face("Caladea", bold=True)
    assert bold.path.name == "Caladea-Regular.ttf" and bold.scale == STYLE_WIDEN
    assert bold.width(SAMPLE) >= real_width("Caladea-Bold.ttf")  # the shipped bolds are 10 % wider at most
    assert book.face("Caladea", italic=True).scale == 1.0  # an italic is never wider than its regular
    upright = book.face("Carlito")
    assert upright.path.name == "Carlito-Italic.ttf" and upright.width(SAMPLE) >= real_width(
        "Carlito-Regular.ttf"
    )
    assert book.warnings == []


def test_characters_without_a_glyph_are_measured_wide(book):
    face = book.face("Carlito")
    assert face.width("漢字") == 2 * WIDE_EM
    assert face.width("a😀") == pytest.approx(face.width("a") + EMOJI_EM)
    assert face.width("\u0639\u0644\u0649") == 3 * OTHER_EM  # Arabic: no glyphs in Carlito
    assert not face.covers("\u0301") and face.width("e\u0301") == face.width(
        "e"
    )  # a combining mark takes no room
    assert face.width("Ωж") == pytest.approx(
        real_width("Carlito-Regular.ttf", "Ωж")
    )  # Greek and Cyrillic are in it


def test_kerning_is_applied(book):
    face = book.face("Carlito")
    assert face.width("AV") < face.width("A") + face.width("V")


def test_books_faces_and_widths_are_made_once(book, monkeypatch):
    assert font_book((SHIPPED,)) is font_book((SHIPPED,))
    assert book.face("Calibri") is book.face("carlito")
    face = book.face("Calibri")
    calls = []
    monkeypatch.setattr(face, "_measure", lambda text: calls.append(text) or 1.0)
    for _ in range(3):
        face.width("repeated")
    assert calls == ["repeated"]


def test_a_theme_brings_fonts_in_its_folder_and_names_files_for_its_families(workspace):
    workspace.write(
        "themes/brand/theme.yaml",
        """\
        name: Brand
        extends: calm
        fonts: {heading: "Brand Display", body: "Tinos"}
        font_files: {heading: display.ttf}
        """,
    )
    shutil.copy(SHIPPED / "Caladea-Bold.ttf", workspace.root / "themes" / "brand" / "display.ttf")
    fonts = workspace.root / "themes" / "brand" / "fonts"
    fonts.mkdir()
    shutil.copy(
        SHIPPED / "LiberationSerif-Regular.ttf", fonts / "Tinos.ttf"
    )  # its family is Liberation Serif
    book = FontBook.for_theme(load_theme("brand", workspace.root))
    assert book is FontBook.for_theme(load_theme("brand", workspace.root))
    assert book.face("Brand Display", bold=True).path.name == "display.ttf"  # named by font_files, before the built-in
    assert book.face("Brand Display").path.name == "Caladea-Regular.ttf"  # the other styles of its family
    assert book.face("Liberation Serif").path == fonts / "Tinos.ttf"  # the theme's folder comes first
    assert book.face("Calibri").path.parent == SHIPPED  # the built-in fonts come last
    assert book.face("Tinos").scale == UNKNOWN_WIDEN and len(book.warnings) == 1


def test_a_missing_default_font_folder_is_a_clear_error(tmp_path):
    with pytest.raises(RuntimeError, match="Liberation Sans"):
        FontBook((tmp_path / "nowhere",)).face("Aptos")


def test_the_preview_and_the_measure_use_one_map_of_stand_ins():
    from deckbuilder import fonts, preview

    assert preview.METRIC_COMPATIBLE is fonts.METRIC_COMPATIBLE
