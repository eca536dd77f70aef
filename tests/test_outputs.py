"""Outputs: unique file names, whole-folder replacement, leftovers of killed builds, and OS errors."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from deckbuilder.cli import app
from deckbuilder.errors import shown
from deckbuilder.library import slug

from conftest import TALK
from test_kill import outline, versions_in

runner = CliRunner()
FOLDER = Path("output/talk")


def run(*args: str):
    return runner.invoke(app, list(args))


def assert_exit(result, code: int) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder` (hidden ones included) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def listing(folder: Path = FOLDER) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def with_handouts(entries: str) -> str:
    return TALK + "handouts:\n" + entries


def dead_pid() -> int:
    """Return the id of a process that has ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.fixture
def built(workspace, monkeypatch):
    """The workspace, as the current folder, after one successful build."""
    monkeypatch.chdir(workspace.root)
    assert_exit(run("build"), 0)
    return workspace


# ------------------------------------------------------------------ unique names


def test_two_styles_for_one_audience_get_two_files(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    workspace.write("decks/talk.yaml", with_handouts("  - {audience: clinicians, style: notes}\n"
                                                     "  - {audience: clinicians, style: worksheet}\n"))
    result = run("build")
    assert_exit(result, 0)
    names = ["talk-handout-clinicians-notes.html", "talk-handout-clinicians-worksheet.html", "talk.pptx"]
    assert listing() == names
    notes, worksheet = (FOLDER / n for n in names[:2])
    assert "Say hello to the room." in notes.read_text() and "Say hello" not in worksheet.read_text()
    built = [line.split()[1] for line in result.output.splitlines()]
    assert built == [str(FOLDER / n) for n in (names[2], names[0], names[1])]  # the deck, then the handouts


def test_style_stays_out_of_the_name_when_the_audience_is_alone(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    workspace.write("decks/talk.yaml", with_handouts(
        "  - {audience: clinicians, style: notes}\n  - {audience: clients, style: notes}\n"))  # fmt: skip
    assert_exit(run("build"), 0)
    assert listing() == ["talk-handout-clients.html", "talk-handout-clinicians.html", "talk.pptx"]


def test_an_audience_in_any_script_gets_a_file_name(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    talk = TALK.replace("bullets:", "audience: [клиенты, Ärzte]\n        bullets:", 1)
    workspace.write("decks/talk.yaml", "audience: врачи\n" + talk + "handouts:\n"
                    "  - {audience: врачи, style: notes}\n  - {audience: клиенты, style: worksheet}\n"
                    "  - {audience: Ärzte, style: notes}\n")  # fmt: skip
    result = run("build")
    assert_exit(result, 0)
    handouts = [n for n in listing() if n.endswith(".html")]
    assert len(handouts) == 3 and "talk-handout-arzte.html" in handouts
    assert all(n.removeprefix("talk-handout-").removesuffix(".html") for n in handouts)
    assert slug("врачи") == slug("врачи") != slug("клиенты")  # stable, and distinct
    assert slug("врачи") and slug("!!!")


def test_the_default_handout_of_a_cyrillic_audience_has_a_name(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    workspace.write("decks/talk.yaml", "audience: врачи\n" + TALK)
    assert_exit(run("build"), 0)
    assert listing() == [f"talk-handout-{slug('врачи')}.html", "talk.pptx"]


def test_a_large_print_copy_of_a_handout_gets_its_own_file(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    workspace.write("decks/talk.yaml", with_handouts("  - {audience: clients, style: worksheet}\n"
                                                     "  - {audience: clients, style: worksheet, large_print: true}\n"))
    assert_exit(run("build"), 0)
    assert listing() == ["talk-handout-clients-worksheet-large-print.html", "talk-handout-clients-worksheet.html",
                         "talk.pptx"]  # fmt: skip


def test_two_handouts_with_one_file_name_are_rejected_at_the_second(built):
    before = snapshot(built.root / "output")
    built.write("decks/talk.yaml", with_handouts("  - {audience: clinicians, style: notes, paper: a4}\n"
                                                 "  - {audience: clinicians, style: notes, paper: letter}\n"))
    line = len(TALK.splitlines()) + 3
    result = run("build")
    assert_exit(result, 1)
    assert f"decks/talk.yaml:{line}:5: this handout would have the same file name as handout 1" in result.output
    assert "talk-handout-clinicians-notes.html" in result.output
    assert "hint: handouts of one audience need another style or large_print" in result.output
    assert snapshot(built.root / "output") == before
    assert_exit(run("check"), 1)


def test_audiences_with_one_slug_are_rejected(built):
    before = snapshot(built.root / "output")
    built.write("decks/talk.yaml", "audience: Clinicians\n" + with_handouts(
        "  - {audience: clinicians, style: notes}\n  - {audience: Clinicians, style: notes}\n"))  # fmt: skip
    result = run("build")
    assert_exit(result, 1)
    assert "same file name as handout 1" in result.output
    assert "hint: 'clinicians' and 'Clinicians' give one file name" in result.output
    assert snapshot(built.root / "output") == before


def test_audiences_in_other_scripts_that_share_latin_words_get_two_files(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    talk = TALK.replace("bullets:", "audience: [Врачи A, Медсёстры A]\n        bullets:", 1)
    workspace.write("decks/talk.yaml", talk + "handouts:\n  - {audience: Врачи A, style: notes}\n"
                    "  - {audience: Медсёстры A, style: notes}\n")  # fmt: skip
    assert_exit(run("build"), 0)
    assert len([n for n in listing() if n.endswith(".html")]) == 2


# ------------------------------------------------------------------ whole-folder replacement


def test_the_output_folder_has_the_usual_permissions(built):
    assert FOLDER.stat().st_mode & 0o777 == 0o777 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_outputs_that_a_deck_no_longer_makes_are_removed(built):
    built.write("decks/talk.yaml", with_handouts(
        "  - {audience: clinicians, style: notes}\n  - {audience: clients, style: worksheet}\n"))  # fmt: skip
    assert_exit(run("build"), 0)
    built.write("decks/talk.yaml", with_handouts("  - {audience: clients, style: worksheet}\n"))
    assert_exit(run("build"), 0)
    assert listing() == ["talk-handout-clients.html", "talk.pptx"]
    assert [p.name for p in Path("output").iterdir()] == ["talk"]


def test_leftovers_of_killed_builds_are_removed(built):
    gone = dead_pid()
    (Path("output") / f".talk.{gone}.1f2e3d4c.tmp").mkdir()
    (Path("output") / f".talk.{gone}.1f2e3d4c.tmp" / "talk.pptx").write_bytes(b"half")
    (FOLDER / f".talk.{gone}.tmp.pptx").write_bytes(b"half")  # an earlier version's temporary file
    (FOLDER / f".talk-handout-participants.{gone}.tmp.html").write_text("half")
    assert_exit(run("build"), 0)
    assert listing(Path("output")) == ["talk"]
    assert listing() == ["talk-handout-participants.html", "talk.pptx"]


def test_a_running_build_keeps_its_temporary_folder(built):
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        busy = Path("output") / f".talk.{other.pid}.5a6b7c8d.tmp"
        busy.mkdir()
        assert_exit(run("build"), 0)
        assert busy.is_dir()
    finally:
        other.kill()
        other.wait()


def test_two_builds_of_one_deck_at_once_both_finish(built):
    built.write("decks/talk.yaml", outline("v1", slides=60))
    command = [sys.executable, "-m", "deckbuilder", "build", "decks/talk.yaml"]
    for _ in range(2):
        runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in range(2)]
        for process in runs:
            out, _ = process.communicate(timeout=120)
            assert process.returncode == 0, out.decode()
        assert versions_in(FOLDER) == {"v1"}
        assert listing(Path("output")) == ["talk"]


def test_the_two_rename_fallback_replaces_the_folder(built, monkeypatch):
    monkeypatch.setattr("deckbuilder.outputs._exchange", lambda a, b: False)
    built.write("decks/talk.yaml", TALK.replace("Test talk", "Second version"))
    assert_exit(run("build"), 0)
    assert b"Second version" in (FOLDER / "talk.pptx").read_bytes() or "Second version" in (
        FOLDER / "talk-handout-participants.html"
    ).read_text()
    assert listing(Path("output")) == ["talk"]


def test_a_failed_second_rename_puts_the_old_folder_back(built, monkeypatch):
    before = snapshot(FOLDER)
    monkeypatch.setattr("deckbuilder.outputs._exchange", lambda a, b: False)
    real = os.rename

    def refuse_new(source, target):
        if str(source).endswith(".tmp") and Path(target) == FOLDER.absolute():
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(target))
        return real(source, target)

    monkeypatch.setattr(os, "rename", refuse_new)
    built.write("decks/talk.yaml", TALK.replace("Test talk", "Second version"))
    one_error(run("build"), "output/talk", os.strerror(errno.EIO))
    assert snapshot(FOLDER) == before
    assert listing(Path("output")) == ["talk"]


def test_an_interrupted_two_rename_swap_is_repaired(built, monkeypatch):
    before = snapshot(FOLDER)
    old = Path("output") / f".talk.{dead_pid()}.x1.old"
    FOLDER.rename(old)  # killed between the two renames: the old set is aside, the folder missing
    monkeypatch.setattr("deckbuilder.writers.handout.render", _no_space)
    assert_exit(run("build"), 1)  # this build fails, yet the old set is back
    assert snapshot(FOLDER) == before
    assert listing(Path("output")) == ["talk"]


@pytest.mark.client
def test_pdf_handouts_are_part_of_the_set(built):
    from test_render import need

    need("chromium"), need("libreoffice")
    result = run("build", "--pdf")
    assert_exit(result, 0)
    assert listing() == ["talk-handout-participants.html", "talk-handout-participants.pdf", "talk.pdf", "talk.pptx"]
    assert (FOLDER / "talk-handout-participants.pdf").read_bytes().startswith(b"%PDF")
    assert f"built {FOLDER / 'talk-handout-participants.pdf'}" in result.output
    assert_exit(run("build"), 0)  # a build without --pdf replaces the set: no stale PDF stays
    assert listing() == ["talk-handout-participants.html", "talk.pptx"]


def test_pdf_without_a_browser_still_writes_the_html(built, monkeypatch):
    monkeypatch.setattr("deckbuilder.printing.browser", lambda: None)
    monkeypatch.setattr("deckbuilder.office.office", lambda: None)
    result = run("build", "--pdf")
    assert_exit(result, 0)
    assert "warning: decks/talk.yaml: no PDF handouts: install Chromium" in result.output
    assert "warning: decks/talk.yaml: no PDF of the slides: install LibreOffice" in result.output
    assert listing() == ["talk-handout-participants.html", "talk.pptx"]


# ------------------------------------------------------------------ OS errors


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def one_error(result, path: str, reason: str) -> None:
    """The output is one error line naming `path` and `reason`, a hint, and the failure count."""
    assert_exit(result, 1)
    lines = result.output.splitlines()
    assert lines[0] == f"error: cannot write '{path}': {reason}", result.output
    assert lines[1].startswith("  hint: ")


def test_out_under_a_regular_file(built):
    Path("notes.txt").write_text("x")
    one_error(run("build", "--out", "notes.txt/out"), "notes.txt/out", "Not a directory")
    assert Path("notes.txt").read_text() == "x"


def test_out_that_is_a_file(built):
    Path("out.txt").write_text("x")
    one_error(run("build", "--out", "out.txt"), "out.txt", "it is a file, not a folder")
    assert Path("out.txt").read_text() == "x"


def test_deck_folder_that_is_a_file(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    workspace.write("output/talk", "mine")
    one_error(run("build"), "output/talk", "it is a file, not a folder")
    assert Path("output/talk").read_text() == "mine"


def test_deck_folder_that_is_a_link(built, tmp_path):
    FOLDER.rename(tmp_path / "elsewhere")
    FOLDER.symlink_to(tmp_path / "elsewhere")
    before = snapshot(tmp_path / "elsewhere")
    one_error(run("build"), "output/talk", "it is a symbolic link")
    assert snapshot(tmp_path / "elsewhere") == before


def test_folder_where_a_handout_should_go(built):
    (FOLDER / "talk-handout-participants.html").unlink()
    (FOLDER / "talk-handout-participants.html").mkdir()
    (FOLDER / "talk-handout-participants.html" / "mine.txt").write_text("keep")
    before = snapshot(Path("output"))
    one_error(run("build"), "output/talk/talk-handout-participants.html", "it is a folder")
    assert snapshot(Path("output")) == before


def test_a_file_deckbuilder_did_not_write_is_kept(built):
    (FOLDER / "my notes.txt").write_text("keep")
    before = snapshot(Path("output"))
    one_error(run("build"), "output/talk", "it holds 'my notes.txt', which deckbuilder did not write")
    assert snapshot(Path("output")) == before


def test_a_hidden_folder_deckbuilder_did_not_write_is_kept(built):
    (FOLDER / ".git").mkdir()
    (FOLDER / ".git" / "HEAD").write_text("ref")
    before = snapshot(Path("output"))
    one_error(run("build"), "output/talk", "it holds '.git', which deckbuilder did not write")
    assert snapshot(Path("output")) == before


def test_full_disk(built, monkeypatch):
    before = snapshot(Path("output"))
    monkeypatch.setattr("deckbuilder.writers.handout.render", _no_space)  # as the handout is written
    one_error(run("build"), "output/talk/talk-handout-participants.html", "No space left on device")
    assert snapshot(Path("output")) == before


def test_full_disk_while_writing_the_pptx(built, monkeypatch):
    before = snapshot(Path("output"))
    monkeypatch.setattr("zipfile.ZipFile.writestr", _no_space)
    one_error(run("build"), "output/talk/talk.pptx", "No space left on device")
    assert snapshot(Path("output")) == before


def test_a_file_name_too_long_for_the_file_system(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    name = "a" * 240
    workspace.deck.rename(workspace.root / "decks" / f"{name}.yaml")
    result = run("build")
    one_error(result, shown(f"output/{name}").strip("'"), "File name too long")  # the hidden folder is longer
    assert "hint: use a shorter deck file name" in result.output
    assert not Path("output").exists()


def test_read_only_out_simulated(built, monkeypatch):
    before = snapshot(Path("output"))
    real = os.mkdir

    def read_only(path, *args, **kwargs):
        if Path(path).parent.name == "output":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", read_only)
    one_error(run("build"), "output", "Read-only file system")
    assert snapshot(Path("output")) == before


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_out(built):
    before = snapshot(Path("output"))
    Path("output").chmod(0o555)
    try:
        one_error(run("build"), "output", "Permission denied")
    finally:
        Path("output").chmod(0o755)
    assert snapshot(Path("output")) == before
