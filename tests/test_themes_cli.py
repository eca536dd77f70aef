"""`deckbuilder themes` and `deckbuilder themes show`: listing themes and drawing their previews."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PIL import Image
from typer.testing import CliRunner

from deckbuilder import preview
from deckbuilder.cli import app

runner = CliRunner()

MINE = """\
name: Mine
colors: {background: "#FFFFFF", text: "#111111", accent: "#AA3300", muted: "#666666"}
fonts: {heading: "Arial", body: "Arial"}
"""
CALM_BACKGROUND, CALM_ACCENT = (0xFB, 0xF8, 0xF3), (0x2F, 0x6B, 0x68)
CALM_PREVIEW_SIZE = (1600, 1196)  # the height follows the type sizes: 36/24/18 pt


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def line_of(output: str, name: str) -> str:
    [line] = [line for line in output.splitlines() if line.split()[0] == name]
    return line


@pytest.fixture
def in_workspace(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    return workspace


# ------------------------------------------------------------------ listing


def test_lists_the_builtin_theme(in_workspace):
    result = run("themes")
    assert result.exit_code == 0, result.output
    calm = line_of(result.output, "calm")
    for part in ("built-in", "Calm", "Cambria / Calibri", "own template"):
        assert part in calm
    assert "overrides" not in calm


def test_lists_workspace_themes_and_overrides(in_workspace):
    in_workspace.write("themes/mine/theme.yaml", MINE)
    in_workspace.write("themes/calm/theme.yaml", MINE.replace("Mine", "Our calm"))
    result = run("themes")
    assert result.exit_code == 0, result.output
    mine = line_of(result.output, "mine")
    assert "themes/mine" in mine and "Mine" in mine and "Arial / Arial" in mine
    assert "template of built-in calm" in mine
    calm = line_of(result.output, "calm")
    assert "themes/calm (overrides built-in)" in calm and "Our calm" in calm


def test_a_broken_theme_is_listed_with_its_first_problem(in_workspace):
    in_workspace.write("themes/bad/theme.yaml", MINE.replace('"#666666"', "grey"))
    result = run("themes")
    assert result.exit_code == 0, result.output
    bad = line_of(result.output, "bad")
    assert "(broken: themes/bad/theme.yaml:2:" in bad and "'muted'" in bad
    assert "Calm" in line_of(result.output, "calm")


def test_root_option_and_a_workspace_without_decks(tmp_path):
    (tmp_path / "themes" / "mine").mkdir(parents=True)
    (tmp_path / "themes" / "mine" / "theme.yaml").write_text(MINE, encoding="utf-8")
    result = run("themes", "--root", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "Mine" in line_of(result.output, "mine")


def test_root_that_does_not_exist(tmp_path):
    result = run("themes", "--root", str(tmp_path / "missing"))
    assert result.exit_code == 1
    assert "does not exist" in result.output


# ------------------------------------------------------------------ previews


def test_show_writes_a_preview_png(in_workspace):
    result = run("themes", "show", "calm", "--out", "x.png")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "wrote x.png"
    with Image.open(in_workspace.root / "x.png") as image:
        assert image.format == "PNG"
        assert image.size == CALM_PREVIEW_SIZE
        colors = {rgb for _, rgb in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert CALM_BACKGROUND in colors and CALM_ACCENT in colors
    assert [p.name for p in in_workspace.root.iterdir() if p.suffix in (".png", ".tmp")] == ["x.png"]


def test_show_writes_under_output_themes_by_default(in_workspace):
    result = run("themes", "show", "calm")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "wrote output/themes/calm-preview.png"
    assert (in_workspace.root / "output" / "themes" / "calm-preview.png").is_file()


def test_show_draws_a_workspace_theme_with_root_before_the_subcommand(in_workspace, tmp_path, monkeypatch):
    in_workspace.write("themes/mine/theme.yaml", MINE)
    monkeypatch.chdir(tmp_path)
    result = run("themes", "--root", str(in_workspace.root), "show", "mine", "--out", "mine.png")
    assert result.exit_code == 0, result.output
    with Image.open(tmp_path / "mine.png") as image:
        colors = {rgb for _, rgb in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert (0xAA, 0x33, 0x00) in colors


def test_same_theme_gives_identical_bytes(in_workspace):
    run("themes", "show", "calm", "--out", "a.png")
    run("themes", "show", "calm", "--out", "b.png")
    assert (in_workspace.root / "a.png").read_bytes() == (in_workspace.root / "b.png").read_bytes()


def test_unknown_theme_lists_the_installed_ones_and_writes_nothing(in_workspace):
    result = run("themes", "show", "nope", "--out", "x.png")
    assert result.exit_code == 1
    assert "unknown theme 'nope'" in result.output
    assert "installed themes: calm" in result.output
    assert not (in_workspace.root / "x.png").exists()
    assert not (in_workspace.root / "output").exists()


def test_broken_theme_is_reported_with_its_position(in_workspace):
    in_workspace.write("themes/bad/theme.yaml", MINE.replace('"#666666"', "grey"))
    result = run("themes", "show", "bad", "--out", "x.png")
    assert result.exit_code == 1
    assert "error: themes/bad/theme.yaml:2:" in result.output
    assert not (in_workspace.root / "x.png").exists()


def test_a_theme_font_file_that_is_not_a_font(in_workspace):
    in_workspace.write("themes/mine/bad.ttf", "not a font")
    in_workspace.write("themes/mine/theme.yaml", MINE + "font_files: {heading: bad.ttf}\n")
    result = run("themes", "show", "mine", "--out", "x.png")
    assert result.exit_code == 1
    assert "error: themes/mine/theme.yaml:4:" in result.output and "not a font file" in result.output
    assert not (in_workspace.root / "x.png").exists()


# ------------------------------------------------------------------ fonts and start-up


def test_fonts_are_found_by_file_name_without_fontconfig(tmp_path, monkeypatch):
    for name in ("Foo-Bold.ttf", "Foo-Regular.ttf", "FooBar-Regular.ttf", "Carlito-Regular.ttf", "Foo.txt"):
        (tmp_path / name).write_bytes(b"")
    monkeypatch.setattr(preview, "FONT_DIRS", (str(tmp_path),))
    monkeypatch.setattr(preview.shutil, "which", lambda name: None)
    preview.system_font.cache_clear()
    try:
        assert preview.system_font("Foo") == tmp_path / "Foo-Regular.ttf"
        assert preview.system_font("Calibri") == tmp_path / "Carlito-Regular.ttf"  # metric-compatible
        assert preview.system_font("Missing Family") is None
    finally:
        preview.system_font.cache_clear()


def test_help_lists_themes_without_loading_pillow():
    code = "import sys; from deckbuilder import cli; sys.argv = ['deckbuilder', '--help']\n" \
           "def ended(code):\n    assert 'PIL' not in sys.modules, 'PIL imported'\n    sys.exit(code)\n" \
           "cli._exit = ended\ncli.main()"  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "themes" in done.stdout and "List the themes" in done.stdout


BROKEN_TEMPLATES = {
    "syntax": '{% extends "calm/handout.html.j2" %}\n{% block footer %}{% for i in range(3) %}{% endblock %}\n',
    "at run time": '{% extends "calm/handout.html.j2" %}\n{% block footer %}{{ deck.title.__class__ }}{% endblock %}\n',
}


@pytest.mark.parametrize("kind", sorted(BROKEN_TEMPLATES))
def test_a_broken_handout_template_is_found_by_check_and_themes(in_workspace, kind):
    in_workspace.write("themes/bad/theme.yaml", "name: Bad\nextends: calm\n")
    in_workspace.write("themes/bad/handout.html.j2", BROKEN_TEMPLATES[kind], dedent=False)
    checked = run("check", "--theme", "bad")
    assert checked.exit_code == 1
    assert "themes/bad/handout.html.j2:2:1: the handout template is broken" in checked.output
    assert not (in_workspace.root / "output").exists()
    if kind == "syntax":  # without a deck, only what compiling finds
        assert "(broken: themes/bad/handout.html.j2:2:1" in line_of(run("themes").output, "bad")
        shown = run("themes", "show", "bad")
        assert shown.exit_code == 1 and "handout.html.j2:2:1" in shown.output


@pytest.mark.parametrize("target", ["decks/talk.yaml", "notes.txt", "fake.png"])
def test_a_preview_never_replaces_a_file_that_is_not_a_png(in_workspace, target):
    path = in_workspace.root / target
    if target != "decks/talk.yaml":
        path.write_text("my own words", encoding="utf-8")
    before = path.read_bytes()
    result = run("themes", "show", "calm", "--out", str(path))
    assert result.exit_code == 1 and "is not a .png file" in result.output and "hint: " in result.output
    assert path.read_bytes() == before
