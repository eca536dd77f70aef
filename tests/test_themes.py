"""Themes as a trainer writes them: `extends`, overrides, `--theme`, bad theme files, and the
built-in themes' contrast and look (each builds the sample workshop)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from typer.testing import CliRunner

from deckbuilder.cli import app
from deckbuilder.contrast import pairs
from deckbuilder.themes import available, builtin_dir, load_theme

REPO = Path(__file__).resolve().parents[1]
BUILTIN = ("calm", "clinic", "high-contrast")


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def theme_colors(pptx: Path) -> dict[str, str]:
    with zipfile.ZipFile(pptx) as z:
        xml = z.read("ppt/theme/theme1.xml").decode()
    return dict(re.findall(r'<a:(dk1|lt1|accent1|accent2)><a:srgbClr val="(\w+)"/>', xml))


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_themes_pass_wcag_contrast(name):
    theme = load_theme(name, REPO).theme
    need = 7.0 if name == "high-contrast" else 4.5  # AAA for the low-vision theme, AA for the others
    for label, fg, bg, value in pairs(theme.colors):
        assert value >= need, (name, label, fg, bg, round(value, 2))


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_theme_builds_the_sample_with_its_own_design(name, tmp_path):
    result = run("build", str(REPO / "decks" / "attachment-workshop.yaml"), "--out", str(tmp_path), "--theme", name)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    pptx = tmp_path / "attachment-workshop" / "attachment-workshop.pptx"
    theme = load_theme(name, REPO).theme
    assert theme_colors(pptx) == {
        "dk1": theme.colors.text[1:], "lt1": theme.colors.background[1:],
        "accent1": theme.colors.accent[1:], "accent2": theme.colors.muted[1:],
    }  # fmt: skip
    deck = Presentation(pptx)
    assert {s.slide_layout.name for s in deck.slides} >= {"Title Slide", "Quote", "Comparison", "Closing"}
    html = (tmp_path / "attachment-workshop" / "attachment-workshop-handout-clinicians.html").read_text()
    assert theme.colors.accent in html


def test_the_high_contrast_theme_uses_large_type():
    theme = load_theme("high-contrast", REPO).theme
    assert theme.sizes.body >= 28 and theme.sizes.min_body >= 24
    with zipfile.ZipFile(builtin_dir() / "high-contrast" / "template.pptx") as z:
        master = z.read("ppt/slideMasters/slideMaster1.xml").decode()
    assert 'sz="3200"' in master and 'sz="4400"' in master


def test_a_theme_extends_another_and_changes_only_what_it_names(workspace):
    workspace.write("themes/warm/theme.yaml", """\
        name: Warm
        extends: clinic
        colors: {accent: "#8A3B12"}
        """)  # fmt: skip
    workspace.write("themes/warm/handout.css", ".card h3 { letter-spacing: 0.02em; }\n")
    workspace.write("decks/talk.yaml", workspace.deck.read_text().replace("theme: calm", "theme: warm"))
    loaded = load_theme("warm", workspace.root)
    clinic = load_theme("clinic", workspace.root).theme
    assert loaded.theme.colors.accent == "#8A3B12"
    assert loaded.theme.colors.text == clinic.colors.text and loaded.theme.fonts == clinic.fonts
    assert loaded.template_path() == builtin_dir() / "clinic" / "template.pptx"
    sheets = [p.parent.name for p in loaded.css]
    assert sheets == ["calm", "clinic", "warm"]  # each theme adds to the style sheets it extends
    result = run("build", str(workspace.deck))
    assert result.exit_code == 0, result.output
    assert theme_colors(workspace.output)["accent1"] == "8A3B12"


def test_a_workspace_theme_may_extend_the_builtin_theme_of_its_name(workspace):
    workspace.write("themes/calm/theme.yaml", 'name: My calm\nextends: calm\ncolors: {accent: "#234E52"}\n')
    loaded = load_theme("calm", workspace.root)
    assert loaded.theme.name == "My calm" and loaded.theme.colors.accent == "#234E52"
    assert loaded.folders[1] == builtin_dir() / "calm"


def test_themes_that_extend_each_other_in_a_circle_are_an_error(workspace):
    workspace.write("themes/a/theme.yaml", "name: A\nextends: b\n")
    workspace.write("themes/b/theme.yaml", "name: B\nextends: a\n")
    workspace.write("decks/talk.yaml", workspace.deck.read_text().replace("theme: calm", "theme: a"))
    result = run("build", str(workspace.deck))
    assert result.exit_code == 1
    assert "themes extend each other in a circle: a -> b -> a" in result.output
    assert re.search(r"themes/b/theme\.yaml:2:10", result.output)
    assert not (workspace.root / "output").exists()


def test_extending_an_unknown_theme_names_the_line_and_the_installed_themes(workspace):
    workspace.write("themes/a/theme.yaml", "name: A\nextends: calmm\n")
    result = run("check", str(workspace.deck), "--theme", "a")
    assert result.exit_code == 1
    assert "themes/a/theme.yaml:2:10: unknown theme 'calmm'" in result.output
    assert "did you mean 'calm'?" in result.output and "clinic" in result.output


@pytest.mark.parametrize(
    "text, where, message",
    [
        ('name: X\ncolors: {background: "#FFF", text: "#000000", accent: "#123456", muted: "#555555"}\n'
         "fonts: {heading: A, body: B}\n", "2:22", "#RRGGBB"),
        ('name: X\ncolours: {background: "#FFFFFF"}\n', "2:1", "colors"),
        ("name: X\nextends: calm\nlogo: nowhere.png\n", "3:7", "logo file not found"),
    ],
)  # fmt: skip
def test_bad_theme_files_are_errors_at_their_line(workspace, text, where, message):
    workspace.write("themes/x/theme.yaml", text)
    result = run("build", str(workspace.deck), "--theme", "x")
    assert result.exit_code == 1
    assert f"theme.yaml:{where}:" in result.output and message in result.output
    assert "Traceback" not in result.output
    assert not (workspace.root / "output").exists()


def test_theme_option_overrides_the_deck_and_unknown_names_list_the_installed(workspace):
    result = run("build", str(workspace.deck), "--theme", "high-contrast")
    assert result.exit_code == 0, result.output
    assert theme_colors(workspace.output)["lt1"] == "FFFFFF"
    result = run("build", str(workspace.deck), "--theme", "nope")
    assert result.exit_code == 1
    assert "unknown theme 'nope'" in result.output
    assert all(name in result.output for name in BUILTIN)


def test_poor_contrast_is_a_warning_at_the_color(workspace):
    workspace.write("themes/pale/theme.yaml", 'name: Pale\nextends: calm\ncolors: {muted: "#B0B0B0"}\n')
    result = run("check", str(workspace.deck), "--theme", "pale")
    assert result.exit_code == 0, result.output
    assert re.search(r"warning: .*themes/pale/theme\.yaml:3:17: muted on background has a contrast of 2\.\d\d:1",
                     result.output)  # fmt: skip


def test_every_builtin_theme_is_listed():
    assert set(BUILTIN) <= set(available(REPO))


def test_a_theme_logo_sits_on_title_and_content_slides_keeping_its_shape(workspace):
    from conftest import make_png

    make_png(workspace.root / "themes" / "brand" / "logo.png", (600, 200), "navy")
    workspace.write("themes/brand/theme.yaml", "name: Brand\nextends: clinic\nlogo: logo.png\n")
    result = run("build", str(workspace.deck), "--theme", "brand")
    assert result.exit_code == 0, result.output
    deck = Presentation(workspace.output)
    logos = {}
    for slide in deck.slides:
        found = [s for s in slide.shapes if s.name.startswith("Logo")]
        logos[slide.slide_layout.name] = found
        for logo in found:
            assert abs(logo.width / logo.height - 3.0) < 0.01
            assert 0 <= logo.left and logo.left + logo.width <= deck.slide_width
            assert logo.top + logo.height <= deck.slide_height
    assert logos["Title Slide"] and logos["Title and Content"]
    assert not logos["Section Header"]
    assert logos["Title Slide"][0].height > logos["Title and Content"][0].height
    html = next((workspace.root / "output" / "talk").glob("talk-handout-*.html")).read_text()
    assert '<img class="logo" src="data:image/png;base64,' in html


def test_a_logo_that_is_not_an_image_is_an_error_at_its_line(workspace):
    workspace.write("themes/brand/logo.png", "not an image")
    workspace.write("themes/brand/theme.yaml", "name: Brand\nextends: calm\nlogo: logo.png\n")
    result = run("build", str(workspace.deck), "--theme", "brand")
    assert result.exit_code == 1
    assert "themes/brand/theme.yaml:3:7:" in result.output and "not an image" in result.output
    assert not (workspace.root / "output").exists()


def test_a_workspace_theme_file_outside_the_workspace_is_an_error(workspace, tmp_path):
    shutil.copy(REPO / "themes" / "clinic" / "template.pptx", tmp_path / "elsewhere.pptx")
    workspace.write("themes/far/theme.yaml", "name: Far\nextends: calm\ntemplate: ../../../elsewhere.pptx\n")
    result = run("check", str(workspace.deck), "--theme", "far")
    assert result.exit_code == 1
    assert "themes/far/theme.yaml:3:11:" in result.output and "is outside the workspace" in result.output


def test_a_theme_without_colors_is_pointed_to_extends(workspace):
    workspace.write("themes/bare/theme.yaml", "name: Bare\ntemplate: t.pptx\n")
    workspace.write("themes/bare/t.pptx", (REPO / "themes" / "calm" / "template.pptx").read_bytes())
    result = run("check", str(workspace.deck), "--theme", "bare")
    assert result.exit_code == 1
    assert "missing required key 'colors'" in result.output and "`extends: calm`" in result.output


def test_the_theme_list_says_whose_template_a_theme_uses(workspace):
    from deckbuilder.preview import template_source

    workspace.write("themes/plain/theme.yaml", "name: Plain\nextends: clinic\n")
    workspace.write("themes/none/theme.yaml", (REPO / "themes" / "calm" / "theme.yaml").read_text().replace(
        "template: template.pptx\n", ""))  # fmt: skip
    assert template_source(load_theme("clinic", workspace.root)) == "own template"
    assert template_source(load_theme("plain", workspace.root)) == "template of built-in clinic"
    assert template_source(load_theme("none", workspace.root)) == "template of built-in calm"
