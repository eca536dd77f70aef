"""Paths that users and themes name: they stay inside the workspace (or the built-in themes), only
regular files of a bounded size are read, and every refusal is a positioned error, never a
traceback, a hang or a leaked file."""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from deckbuilder import workspace as ws_module
from deckbuilder.cli import app

from conftest import SMITH, TALK, Workspace

REPO = Path(__file__).resolve().parents[1]
LONG = "a" * 300  # longer than any file name a file system allows


@pytest.fixture(autouse=True)
def _in_workspace(workspace, monkeypatch):
    """Run in the workspace, so that messages name files relative to it."""
    monkeypatch.chdir(workspace.root)


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def refused(result, where: str, *words: str) -> None:
    """Assert a clean refusal: exit 1, the message at `where`, with a hint, without a traceback."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert any(where in line for line in errors), result.output
    assert "hint:" in result.output
    for word in words:
        assert word in result.output, result.output
    assert "root:x:" not in result.output


def build(workspace: Workspace, *extra: str):
    result = run("build", str(workspace.deck), *extra)
    if result.exit_code:
        assert not (workspace.root / "output").exists()
    return result


def theme(workspace: Workspace, body: str) -> None:
    """Write themes/mine/theme.yaml (extending calm) and point the deck at it."""
    workspace.write("themes/mine/theme.yaml", "name: Mine\nextends: calm\n" + body)
    workspace.write("decks/talk.yaml", TALK.replace("theme: calm", "theme: mine"))


def article_with(workspace: Workspace, line: str) -> None:
    article = SMITH.replace("credentials: MD\n", f"credentials: MD\n{line}\n")
    workspace.write("decks/articles/smith.yaml", article)


# ------------------------------------------------------------------ handout css


@pytest.mark.parametrize("css", ["../../../../../../../../etc/passwd", "/etc/passwd"])
def test_a_handout_css_outside_the_workspace_is_refused(workspace, css):
    theme(workspace, f'handout: {{css: "{css}"}}\n')
    result = build(workspace)
    refused(result, "themes/mine/theme.yaml:3:16", "outside the workspace")


def test_a_theme_handout_css_linked_outside_is_refused_though_not_named(workspace, tmp_path):
    (tmp_path / "outside.css").write_text("h1 { color: red }\n", encoding="utf-8")
    theme(workspace, "")
    (workspace.root / "themes" / "mine" / "handout.css").symlink_to(tmp_path / "outside.css")
    result = build(workspace)
    refused(result, "themes/mine/theme.yaml", "'handout.css' is a link to a place outside the workspace")
    assert run("check", str(workspace.deck)).exit_code == 1


def test_a_missing_handout_css_is_an_error_at_its_line(workspace):
    theme(workspace, "handout: {css: nowhere.css}\n")
    refused(run("check", str(workspace.deck)), "themes/mine/theme.yaml:3:16", "nowhere.css")


def test_a_handout_css_of_the_theme_is_used(workspace):
    workspace.write("themes/mine/extra.css", "h1 { letter-spacing: 0.321em }\n")
    theme(workspace, "handout: {css: extra.css}\n")
    assert build(workspace).exit_code == 0
    html = next((workspace.root / "output" / "talk").glob("*.html")).read_text()
    assert "0.321em" in html


# ------------------------------------------------------------------ article text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("/etc/passwd", ["outside the workspace"]),
        ("file:///etc/passwd", ["a URL"]),
        ("../../../outside.txt", ["outside the workspace"]),
        ("nowhere.txt", ["not found"]),
        (".", ["a folder"]),
        (LONG, ["too long"]),
    ],
    ids=["absolute", "url", "relative", "missing", "folder", "long"],
)
def test_an_article_text_must_be_a_file_in_the_workspace(workspace, text, words):
    (workspace.root.parent / "outside.txt").write_text("secret")
    article_with(workspace, f'text: "{text}"')
    refused(run("check", str(workspace.deck)), "decks/articles/smith.yaml:4:7", *words)


def test_an_article_text_in_the_workspace_is_accepted(workspace):
    workspace.write("decks/articles/smith.txt", "The whole article.")
    article_with(workspace, "text: smith.txt")
    assert run("check", str(workspace.deck)).exit_code == 0


def test_an_article_text_over_the_size_limit_is_refused(workspace):
    workspace.write("decks/articles/smith.txt", "x" * (ws_module.MAX_TEXT_BYTES + 1))
    article_with(workspace, "text: smith.txt")
    refused(run("check", str(workspace.deck)), "decks/articles/smith.yaml:4:7", "larger than")


# ------------------------------------------------------------------ links


def test_a_theme_folder_linked_to_outside_is_refused_at_the_theme_reference(workspace, tmp_path):
    shutil.copytree(REPO / "themes" / "clinic", tmp_path / "evil")
    (workspace.root / "themes").mkdir()
    (workspace.root / "themes" / "evil").symlink_to(tmp_path / "evil")
    workspace.write("decks/talk.yaml", TALK.replace("theme: calm", "theme: evil"))
    refused(build(workspace), "decks/talk.yaml:2:8", "theme 'evil' is a link to a place outside")


def test_a_theme_yaml_linked_to_outside_is_refused_at_the_theme_reference(workspace, tmp_path):
    (tmp_path / "theme.yaml").write_text("name: Far\nextends: calm\n")
    (workspace.root / "themes/far").mkdir(parents=True)
    (workspace.root / "themes/far/theme.yaml").symlink_to(tmp_path / "theme.yaml")
    workspace.write("decks/talk.yaml", TALK.replace("theme: calm", "theme: far"))
    refused(build(workspace), "decks/talk.yaml:2:8", "a link to a place outside the workspace")


def test_a_theme_file_linked_to_outside_is_refused(workspace, tmp_path):
    (tmp_path / "logo.png").write_bytes((workspace.root / "decks/images/pic.png").read_bytes())
    workspace.write("themes/mine/theme.yaml", "")
    (workspace.root / "themes/mine/logo.png").symlink_to(tmp_path / "logo.png")
    theme(workspace, "logo: logo.png\n")
    refused(build(workspace), "themes/mine/theme.yaml:3:7", "outside the workspace")


def test_an_article_linked_to_a_secret_is_refused_without_showing_it(workspace):
    (workspace.root / "decks/articles/smith.yaml").unlink()
    (workspace.root / "decks/articles/smith.yaml").symlink_to("/etc/passwd")
    refused(build(workspace), "decks/articles/smith.yaml", "outside the workspace")


def test_an_article_linked_to_an_endless_device_is_refused_at_once(workspace):
    (workspace.root / "decks/articles/zero.yaml").symlink_to("/dev/zero")
    start = time.monotonic()
    refused(build(workspace), "decks/articles/zero.yaml", "outside the workspace")
    assert time.monotonic() - start < 5


def test_a_link_inside_the_workspace_is_followed(workspace):
    (workspace.root / "decks/articles/smith.yaml").rename(workspace.root / "smith-article.yaml")
    (workspace.root / "decks/articles/smith.yaml").symlink_to(workspace.root / "smith-article.yaml")
    (workspace.root / "decks/images/alias.png").symlink_to("pic.png")
    workspace.write("decks/talk.yaml", TALK.replace("images/pic.png", "images/alias.png"))
    assert build(workspace).exit_code == 0


def test_a_link_that_loops_is_a_positioned_error(workspace):
    (workspace.root / "decks/images/loop.png").symlink_to("loop.png")
    workspace.write("decks/talk.yaml", TALK.replace("images/pic.png", "images/loop.png"))
    refused(build(workspace), "decks/talk.yaml:13:16", "loop.png")


# ------------------------------------------------------------------ things that are not files


def _run_with_timeout(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deckbuilder", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=20)  # fmt: skip


def test_a_fifo_among_the_articles_does_not_hang_the_build(workspace):
    os.mkfifo(workspace.root / "decks/articles/pipe.yaml")
    result = _run_with_timeout(["build", "decks/talk.yaml"], workspace.root)
    assert result.returncode == 1, result.stderr
    assert "decks/articles/pipe.yaml" in result.stderr and "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (workspace.root / "output").exists()


@pytest.mark.parametrize("key", ["image", "logo", "template", "css"])
def test_a_fifo_named_as_a_file_does_not_hang(workspace, key):
    os.mkfifo(workspace.root / "themes-pipe")
    if key == "image":
        (workspace.root / "decks/images/pipe.png").symlink_to(workspace.root / "themes-pipe")
        workspace.write("decks/talk.yaml", TALK.replace("images/pic.png", "images/pipe.png"))
    else:
        body = {"logo": "logo: ../../themes-pipe\n", "template": "template: ../../themes-pipe\n",
                "css": "handout: {css: ../../themes-pipe}\n"}[key]  # fmt: skip
        theme(workspace, body)
    result = _run_with_timeout(["build", "decks/talk.yaml"], workspace.root)
    assert result.returncode == 1, result.stderr
    assert "not a regular file" in result.stderr and "Traceback" not in result.stderr


def test_a_device_named_as_an_image_is_refused(workspace, tmp_path):
    workspace.write("decks/talk.yaml", TALK.replace("images/pic.png", "images/zero.png"))
    (workspace.root / "decks/images/zero.png").symlink_to("/dev/zero")
    refused(build(workspace), "decks/talk.yaml:13:16", "outside the workspace")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_devices_are_not_read(device):
    from deckbuilder.errors import DeckError
    from deckbuilder.workspace import read_bytes

    with pytest.raises(DeckError, match="not a regular file"):
        read_bytes(Path(device))


# ------------------------------------------------------------------ sizes


def test_a_yaml_file_over_the_size_limit_is_refused(workspace):
    big = "title: Big\nsummary: '" + "x" * ws_module.MAX_TEXT_BYTES + "'\n"
    workspace.write("decks/articles/big.yaml", big)
    refused(build(workspace), "decks/articles/big.yaml", "larger than 4 MB")


def test_an_image_over_the_size_limit_is_refused(workspace, monkeypatch):
    monkeypatch.setattr(ws_module, "MAX_FILE_BYTES", 200_000)  # above the template's size
    noise = Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3))
    noise.save(workspace.root / "decks/images/pic.png")
    refused(build(workspace), "decks/talk.yaml:13:16", "larger than")


def test_the_limits_are_documented():
    text = (REPO / "docs" / "format.md").read_text()
    for limit in (ws_module.MAX_TEXT_BYTES, ws_module.MAX_FILE_BYTES):
        assert f"{limit // 2**20} MB" in text


# ------------------------------------------------------------------ names the system refuses


@pytest.mark.parametrize(
    ("key", "where"),
    [
        ("image", "decks/talk.yaml:13:16"),
        ("sources", "decks/talk.yaml:3:10"),  # the list that holds the name
        ("logo", "themes/mine/theme.yaml:3:7"),
        ("css", "themes/mine/theme.yaml:3:16"),
        ("font", "themes/mine/theme.yaml:3:23"),
    ],
)
def test_a_name_too_long_for_the_file_system_is_a_positioned_error(workspace, key, where):
    if key == "image":
        workspace.write("decks/talk.yaml", TALK.replace("images/pic.png", LONG + ".png"))
    elif key == "sources":
        workspace.write("decks/talk.yaml", TALK.replace("theme: calm\n", f"theme: calm\nsources: [{LONG}]\n"))
    else:
        body = {"logo": f"logo: {LONG}\n", "css": f"handout: {{css: {LONG}}}\n",
                "font": f"font_files: {{heading: {LONG}}}\n"}[key]  # fmt: skip
        theme(workspace, body)
    result = build(workspace)
    refused(result, where)
    assert LONG not in result.output.splitlines()[0]  # the message quotes a shortened value


# ------------------------------------------------------------------ file contents checked at `check`


def test_a_font_file_that_is_not_a_font_fails_check(workspace):
    workspace.write("themes/mine/bad.ttf", "not a font")
    theme(workspace, "font_files: {heading: bad.ttf}\n")
    refused(run("check", str(workspace.deck)), "themes/mine/theme.yaml:3:23", "not a font file")


def test_a_real_font_file_passes_check(workspace):
    font = Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf")
    if not font.is_file():
        pytest.skip("Liberation Sans is not installed")
    shutil.copy(font, workspace.root / "sans.ttf")
    theme(workspace, "font_files: {heading: ../../sans.ttf}\n")
    result = run("check", str(workspace.deck))
    assert result.exit_code == 0, result.output


def png_with_damaged_pixels() -> bytes:
    """Return a PNG whose chunks all have correct checksums but whose pixel data does not inflate."""
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(out, "PNG")
    data = out.getvalue()
    start = data.index(b"IDAT") - 4
    length = struct.unpack(">I", data[start : start + 4])[0]
    damaged = bytearray(data[start + 8 : start + 8 + length])
    damaged[2:] = bytes(len(damaged) - 2)  # keep the zlib header, break the deflate stream
    chunk = struct.pack(">I", length) + b"IDAT" + damaged + struct.pack(">I", zlib.crc32(b"IDAT" + damaged))
    return data[:start] + chunk + data[start + 12 + length :]


def test_a_png_with_damaged_pixel_data_fails_check(workspace):
    workspace.write("decks/images/pic.png", png_with_damaged_pixels())
    refused(run("check", str(workspace.deck)), "decks/talk.yaml:13:16", "damaged")


def test_a_theme_path_problem_is_reported_with_a_type_error(workspace):
    theme(workspace, "logo: /etc/passwd\nsizes: {title: abc}\n")
    result = build(workspace)
    refused(result, "themes/mine/theme.yaml:3:7", "outside the workspace")
    assert "themes/mine/theme.yaml:4:16" in result.output


def test_a_themes_fonts_folder_linked_to_outside_is_refused(workspace, tmp_path):
    (tmp_path / "fonts").mkdir()
    theme(workspace, "")
    (workspace.root / "themes/mine/fonts").symlink_to(tmp_path / "fonts")
    refused(build(workspace), "themes/mine/theme.yaml", "'fonts' is a link to a place outside the workspace")


@pytest.mark.parametrize("target", ["outside", "/dev/zero", "fifo"])
def test_a_font_in_a_themes_fonts_folder_must_be_a_file_in_the_workspace(workspace, tmp_path, target):
    theme(workspace, "")
    fonts = workspace.root / "themes/mine/fonts"
    fonts.mkdir()
    if target == "fifo":
        os.mkfifo(fonts / "Odd.ttf")
    else:
        source = tmp_path / "Carlito.ttf"
        source.write_bytes((ws_module.builtin_dir() / "calm/fonts/Carlito-Regular.ttf").read_bytes())
        (fonts / "Odd.ttf").symlink_to(source if target == "outside" else target)
    result = build(workspace)
    refused(result, "themes/mine/theme.yaml", "Odd.ttf")


def test_a_broken_font_in_a_themes_fonts_folder_is_an_error_not_passed_over(workspace):
    theme(workspace, "")
    workspace.write("themes/mine/fonts/Broken.ttf", b"not a font at all")
    refused(build(workspace), "themes/mine/theme.yaml", "is not a font file: 'Broken.ttf'")
