"""End to end: the `deckbuilder` command on small workspaces, and the decks it writes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from pptx import Presentation
from typer.testing import CliRunner

from deckbuilder.cli import app

from conftest import SMITH, TALK, TALK_SLIDES, Workspace, make_png

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def slide_texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def all_text(pptx: Path) -> str:
    return "\n".join(t for s in Presentation(str(pptx)).slides for t in slide_texts(s))


def assert_clean_exit(result, code: int) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)


# ------------------------------------------------------------------ building


def test_build_writes_the_deck(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    result = run("build")
    assert_clean_exit(result, 0)
    assert "output/talk/talk.pptx" in result.output
    assert workspace.output.is_file()

    slides = list(Presentation(str(workspace.output)).slides)
    assert len(slides) == TALK_SLIDES
    for number, slide in enumerate(slides, 1):
        title = slide.shapes.title
        assert title is not None, f"slide {number} has no title placeholder"
        assert title.text_frame.text.strip(), f"slide {number} has an empty title"

    [points] = [s for s in slides if s.shapes.title.text_frame.text == "Points"]
    assert points.has_notes_slide
    assert points.notes_slide.notes_text_frame.text == "Say hello to the room."
    assert "First point\nSecond point" in slide_texts(points)

    pictures = [shape for s in slides for shape in s.shapes if shape.shape_type == 13]
    assert len(pictures) == 1
    assert pictures[0]._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr") == "A small red square"


def test_built_deck_resolves_quotes_and_citations(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    assert_clean_exit(run("build"), 0)
    text = all_text(workspace.output)
    assert "Cells that fire together, wire together." in text
    assert "(Schore, as cited in Smith, n.d.)" in text
    assert "Give before you take" in text
    assert "Smith, J. (n.d.). Healing a Lack of Primal Love." in text  # references slide


def test_build_without_arguments_builds_every_deck(workspace, monkeypatch):
    workspace.write("decks/second.yaml", 'title: "Second"\nsections:\n  - title: S\n    slides:\n      - text: Hi\n')
    monkeypatch.chdir(workspace.root)
    result = run("build")
    assert_clean_exit(result, 0)
    assert workspace.output.is_file()
    assert (workspace.root / "output" / "second" / "second.pptx").is_file()
    assert sorted(p.name for p in (workspace.root / "output").iterdir()) == ["second", "talk"]


def test_the_command_runs_without_the_cyclic_collector_and_frees_each_deck_before_the_next(
    workspace, monkeypatch
):
    import gc
    import weakref

    from deckbuilder import build as build_module
    from deckbuilder import cli

    second = 'title: "Second"\nsections:\n  - title: S\n    slides:\n      - text: Hi\n'
    workspace.write("decks/second.yaml", second)
    seen, real = [], build_module.build

    class Cycle:  # what python-pptx's package is: garbage that only the collector frees
        pass

    def recording(*args, **kwargs):
        cycle = Cycle()
        cycle.me = cycle
        seen.append((gc.isenabled(), [w() is None for _, _, w in seen], weakref.ref(cycle)))
        return real(*args, **kwargs)

    monkeypatch.setattr(build_module, "build", recording)
    monkeypatch.setattr(sys, "argv", ["deckbuilder", "build", "--root", str(workspace.root)])
    monkeypatch.setattr(cli, "_exit", lambda code: sys.exit(code))  # not os._exit: it would end pytest
    try:
        with pytest.raises(SystemExit) as exited:
            cli.main()
    finally:
        gc.enable()
    assert exited.value.code == 0
    assert [(enabled, freed) for enabled, freed, _ in seen] == [(False, []), (False, [True])]


def test_build_named_deck_builds_only_that_deck(workspace, monkeypatch):
    workspace.write("decks/second.yaml", 'title: "Second"\n')
    monkeypatch.chdir(workspace.root)
    assert_clean_exit(run("build", "decks/second.yaml"), 0)
    assert (workspace.root / "output" / "second" / "second.pptx").is_file()
    assert not workspace.output.exists()


def test_out_option(workspace, tmp_path, monkeypatch):
    monkeypatch.chdir(workspace.root)
    elsewhere = tmp_path / "elsewhere"
    assert_clean_exit(run("build", "--out", str(elsewhere)), 0)
    assert (elsewhere / "talk" / "talk.pptx").is_file()
    assert not (workspace.root / "output").exists()


def test_root_option(workspace, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # not the workspace
    assert_clean_exit(run("build", "--root", str(workspace.root)), 0)
    assert workspace.output.is_file()
    assert not (tmp_path / "output").exists()


def test_a_deck_named_from_the_workspace_with_root_builds(workspace, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # decks/talk.yaml is not here but in --root's workspace
    assert_clean_exit(run("build", "--root", str(workspace.root), "decks/talk.yaml"), 0)
    assert workspace.output.is_file()


def test_a_deck_named_from_elsewhere_builds_in_its_own_workspace(workspace, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # above the workspace, which holds decks/talk.yaml
    assert_clean_exit(run("build", str(workspace.deck)), 0)
    assert workspace.output.is_file()
    assert not (tmp_path / "output").exists()


def test_root_that_does_not_exist(tmp_path):
    result = run("build", "--root", str(tmp_path / "nowhere"))
    assert_clean_exit(result, 1)
    assert "does not exist" in result.output


def test_check_writes_nothing(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    result = run("check")
    assert_clean_exit(result, 0)
    assert "ok decks/talk.yaml" in result.output
    assert not (workspace.root / "output").exists()


def test_check_reports_problems_and_writes_nothing(workspace, monkeypatch):
    workspace.write("decks/talk.yaml", TALK.replace("smith/essence-of-love", "smith/nope"))
    monkeypatch.chdir(workspace.root)
    result = run("check")
    assert_clean_exit(result, 1)
    assert "decks/talk.yaml:10:16: unknown quote 'smith/nope'" in result.output
    assert not (workspace.root / "output").exists()


def test_python_m_deckbuilder(workspace):
    done = subprocess.run(
        [sys.executable, "-m", "deckbuilder", "build"],
        cwd=workspace.root, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "output/talk/talk.pptx" in done.stdout
    assert len(Presentation(str(workspace.output)).slides) == TALK_SLIDES


def test_a_mistyped_option_exits_1_with_a_hint(workspace):
    """A command line it cannot parse is a mistake like any other: exit 1, not click's 2, no traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "deckbuilder", "build", "--stirct"],
        cwd=workspace.root, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "No such option: --stirct" in done.stderr
    assert "--strict" in done.stderr  # click's did-you-mean
    assert "Traceback" not in done.stderr
    assert not (workspace.root / "output").exists()


def test_the_command_ends_at_once_yet_writes_all_it_printed(workspace, monkeypatch):
    """main() ends with os._exit: what it printed must still reach a pipe, whole, with the exit code."""
    monkeypatch.chdir(workspace.root)
    for extra, code in (([], 0), (["--strict"], 1)):
        if extra:
            workspace.write("decks/talk.yaml", TALK + "objectives: [Understand shame]\n")  # a weak verb warns
        done = subprocess.run(
            [sys.executable, "-m", "deckbuilder", "check", "--json", *extra],
            cwd=workspace.root, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == code, done.stderr
        assert "Traceback" not in done.stderr
        assert json.loads(done.stdout) == json.loads(run("check", "--json", *extra).stdout)


def test_same_input_gives_identical_bytes(workspace, monkeypatch):
    monkeypatch.chdir(workspace.root)
    assert_clean_exit(run("build"), 0)
    first = workspace.output.read_bytes()
    workspace.output.unlink()
    time.sleep(1.1)  # a timestamp taken from the clock would now differ
    assert_clean_exit(run("build"), 0)
    assert workspace.output.read_bytes() == first


def test_untrusted_text_appears_literally(workspace, monkeypatch):
    workspace.write(
        "decks/talk.yaml",
        'title: "Talk {{ 7*7 }}"\n'
        "sections:\n"
        '  - title: "Part <b>one</b>"\n'
        "    slides:\n"
        '      - title: "Literal {{ 7*7 }}"\n'
        '        bullets: ["<script>alert(1)</script>", "bell\\x07here", "{% if x %}y{% endif %}"]\n'
        '        notes: "<script>alert(2)</script> & {{ config }}"\n',
    )
    monkeypatch.chdir(workspace.root)
    assert_clean_exit(run("build"), 0)
    text = all_text(workspace.output)
    for literal in ("Talk {{ 7*7 }}", "Part <b>one</b>", "Literal {{ 7*7 }}",
                    "<script>alert(1)</script>", "bellhere", "{% if x %}y{% endif %}"):  # fmt: skip
        assert literal in text
    assert "49" not in text
    assert "\x07" not in text
    [slide] = [s for s in Presentation(str(workspace.output)).slides
               if s.shapes.title.text_frame.text == "Literal {{ 7*7 }}"]  # fmt: skip
    assert slide.notes_slide.notes_text_frame.text == "<script>alert(2)</script> & {{ config }}"


# ------------------------------------------------------------------ bad input


def _slide_deck(slide: str) -> str:
    """A deck whose only slide starts on line 5; a reference value starts at column 16."""
    return 'title: "Test talk"\nsections:\n  - title: "Part one"\n    slides:\n      - ' + slide


def _bomb() -> str:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@dataclass
class Bad:
    """A broken workspace: the files to (over)write and what the error must say."""

    id: str
    files: dict[str, str | bytes]
    where: str  # the exact "file:line:col" the error names, or a regex when `where_re`
    message: str
    hint: str
    setup: Callable[[Workspace], None] | None = None
    where_re: bool = False


def _outside(ws: Workspace) -> None:
    make_png(ws.root.parent / "outside.png")  # it exists: only its place is wrong


def _text_png(ws: Workspace) -> None:
    ws.write("decks/images/x.png", "hello, I am text\n")


TALK_FILE = "decks/talk.yaml"
BAD = [
    Bad("yaml-syntax", {TALK_FILE: 'title: "Test talk"\nsubtitle: Healing: a start\n'},
        "decks/talk.yaml:2:18", "YAML syntax error", "quotes"),
    Bad("duplicate-key", {TALK_FILE: 'title: "Test talk"\ntheme: calm\ntitle: "Again"\n'},
        "decks/talk.yaml:3:1", "duplicate key 'title'", "line 1"),
    Bad("unknown-key", {TALK_FILE: 'title: "Test talk"\nsubtitel: "Sub"\n'},
        "decks/talk.yaml:2:1", "unknown key 'subtitel'", "did you mean 'subtitle'?"),
    Bad("wrong-type", {TALK_FILE: 'title: "Test talk"\nsubtitle: yes\n'},
        "decks/talk.yaml:2:11", "'subtitle' expects text", "in quotes"),
    Bad("invalid-date", {TALK_FILE: 'title: "Test talk"\ndate: 2026-13-45\n'},
        "decks/talk.yaml:2:7", "'date' expects a date", "YYYY-MM-DD"),
    Bad("empty-file", {TALK_FILE: ""},
        "decks/talk.yaml:1:1", "empty", "docs/format.md"),
    Bad("list-not-mapping", {TALK_FILE: '- title: "Test talk"\n'},
        "decks/talk.yaml:1:1", "expected a mapping", "docs/format.md"),
    Bad("two-kinds", {TALK_FILE: _slide_deck("bullets: [a]\n        quote: smith/essence-of-love\n")},
        "decks/talk.yaml:6:9", "two kinds", "split it into two slides"),
    Bad("duplicate-ids", {"decks/articles/smith.yaml": SMITH.replace("id: internalize", "id: essence-of-love")},
        "decks/articles/smith.yaml:13:9", "duplicate id 'essence-of-love'", "rename"),
    Bad("quote-names-principle", {TALK_FILE: _slide_deck("quote: smith/internalize\n")},
        "decks/talk.yaml:5:16", "'smith/internalize' is a principle, not a quote",
        "principle: smith/internalize"),
    Bad("unknown-reference", {TALK_FILE: _slide_deck("quote: smith/essence-of-lov\n")},
        "decks/talk.yaml:5:16", "unknown quote 'smith/essence-of-lov'", "'smith/essence-of-love'"),
    Bad("unknown-theme", {TALK_FILE: 'title: "Test talk"\ntheme: zebra\n'},
        "decks/talk.yaml:2:8", "unknown theme 'zebra'", "calm"),
    Bad("missing-image", {TALK_FILE: _slide_deck("image: images/nope.png\n        alt: Nothing\n")},
        "decks/talk.yaml:5:16", "image not found", "relative to"),
    Bad("mistyped-image", {TALK_FILE: _slide_deck("image: images/pik.png\n        alt: Red\n")},
        "decks/talk.yaml:5:16", "image not found: 'images/pik.png'", "did you mean 'images/pic.png'?"),
    Bad("image-outside-workspace",
        {TALK_FILE: _slide_deck("image: ../../outside.png\n        alt: Outside\n")},
        "decks/talk.yaml:5:16", "outside the workspace", "inside", setup=_outside),
    Bad("not-an-image", {TALK_FILE: _slide_deck("image: images/x.png\n        alt: Text\n")},
        "decks/talk.yaml:5:16", "not an image", "PNG", setup=_text_png),
    Bad("not-utf8", {TALK_FILE: 'title: "Caf\xe9"\n'.encode("latin-1")},
        "decks/talk.yaml:1:12", "not UTF-8", "UTF-8"),
    Bad("python-tag", {TALK_FILE: 'title: !!python/object/apply:os.system ["echo hi"]\n'},
        "decks/talk.yaml:1:8", "tag", "remove the tag"),
    Bad("alias-bomb", {TALK_FILE: _bomb()},
        r"decks/talk\.yaml:[1-9]:\d+", "expands", "alias", where_re=True),
]  # fmt: skip


def _break(ws: Workspace, bad: Bad) -> None:
    for relative, content in bad.files.items():
        ws.write(relative, content, dedent=False)
    if bad.setup:
        bad.setup(ws)


def _assert_reported(result, bad: Bad) -> None:
    assert_clean_exit(result, 1)
    out = result.output
    where = bad.where if bad.where_re else re.escape(bad.where)
    first = re.search(rf"^error: ({where}): (.*)$", out, re.M)
    assert first, f"no 'error: {bad.where}: ...' line in:\n{out}"
    assert bad.message in first.group(2), out
    hints = re.findall(r"^\s+hint: (.*)$", out, re.M)
    assert any(bad.hint in h for h in hints), out


@pytest.mark.parametrize("bad", BAD, ids=[b.id for b in BAD])
def test_bad_input_is_reported_and_nothing_is_written(workspace, monkeypatch, bad):
    _break(workspace, bad)
    monkeypatch.chdir(workspace.root)
    start = time.process_time()
    result = run("build")
    assert time.process_time() - start < 10
    _assert_reported(result, bad)
    assert not workspace.output.exists()
    assert not (workspace.root / "output" / "talk").exists()


@pytest.mark.parametrize("bad", BAD, ids=[b.id for b in BAD])
def test_bad_input_leaves_the_previous_output_untouched(workspace, monkeypatch, bad):
    monkeypatch.chdir(workspace.root)
    assert_clean_exit(run("build"), 0)
    before = workspace.output.read_bytes()
    listing = sorted(p.name for p in workspace.output.parent.iterdir())
    _break(workspace, bad)
    result = run("build")
    assert_clean_exit(result, 1)  # what the error says is checked by the test above
    assert bad.message in result.output
    assert workspace.output.read_bytes() == before
    assert sorted(p.name for p in workspace.output.parent.iterdir()) == listing  # no temp files


def test_python_tag_runs_nothing(workspace, monkeypatch, tmp_path):
    marker = tmp_path / "pwned"
    workspace.write(TALK_FILE, f'title: !!python/object/apply:os.system ["touch {marker}"]\n')
    monkeypatch.chdir(workspace.root)
    assert_clean_exit(run("build"), 1)
    assert not marker.exists()


def test_alias_bomb_fails_fast(workspace, monkeypatch):
    workspace.write(TALK_FILE, _bomb(), dedent=False)
    monkeypatch.chdir(workspace.root)
    start = time.process_time()
    assert_clean_exit(run("build"), 1)
    assert time.process_time() - start < 2


def test_unknown_theme_hint_names_each_installed_theme_once(workspace, monkeypatch):
    workspace.write(TALK_FILE, 'title: "Test talk"\ntheme: zebra\n')
    monkeypatch.chdir(workspace.root)
    result = run("build")
    assert_clean_exit(result, 1)
    [hint] = re.findall(r"^\s+hint: (.*)$", result.output, re.M)
    assert hint.count("calm") == 1, hint


def test_one_bad_deck_does_not_stop_the_others(workspace, monkeypatch):
    workspace.write("decks/broken.yaml", 'title: "Broken"\nsubtitel: x\n')
    monkeypatch.chdir(workspace.root)
    result = run("build")
    assert_clean_exit(result, 1)
    assert "decks/broken.yaml:2:1: unknown key 'subtitel'" in result.output
    assert workspace.output.is_file()
    assert not (workspace.root / "output" / "broken").exists()


def test_all_problems_of_a_deck_are_printed(workspace, monkeypatch):
    workspace.write(
        TALK_FILE,
        'title: "Test talk"\nsubtitel: x\ndate: 2026-13-45\n'
        'sections:\n  - title: S\n    slides:\n      - quote: smith/nope\n',
    )
    monkeypatch.chdir(workspace.root)
    result = run("build")
    assert_clean_exit(result, 1)
    located = re.findall(r"^error: decks/talk\.yaml:(\d+):\d+:", result.output, re.M)
    assert {"2", "3"} <= set(located), result.output


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize(
    ("where", "words"),
    [("root", "does not exist"), ("root-file", "is not a folder"), ("deck", "File name too long"),
     ("loop", "cannot use"), ("folder", "is a folder, not a deck file"), ("fifo", "is not a regular file")],
)  # fmt: skip
def test_paths_the_system_refuses_are_reported_in_one_line(workspace, tmp_path, command, where, words):
    long = "a" * 300
    deck = {"deck": workspace.root / "decks" / f"{long}.yaml", "loop": tmp_path / "loop1",
            "folder": workspace.root / "decks", "fifo": tmp_path / "fifo.yaml"}.get(where)  # fmt: skip
    args = [command, "--root", str(workspace.root)] + ([str(deck)] if deck else [])
    if where == "root":
        args[2] = str(tmp_path / long)
    elif where == "root-file":
        args[2] = str(workspace.deck)
    elif where == "loop":
        (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
        (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    elif where == "fifo":
        os.mkfifo(deck)
    result = runner.invoke(app, args)
    assert words in result.output
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    first = result.output.splitlines()[0]
    assert first.startswith("error: ") and len(first) < 200 and "hint: " in result.output
    assert not (workspace.root / "output").exists()


def test_the_help_says_what_each_command_does_in_a_whole_sentence():
    result = run("--help")
    assert result.exit_code == 0
    commands = result.output.split("Commands:\n")[1].split("\n\n")[0].splitlines()
    assert [line.split()[0] for line in commands] == ["build", "check", "watch", "schema", "new", "themes", "sources",
                                                      "import"]  # fmt: skip
    assert all(line.endswith(".") and not line.endswith("...") for line in commands), commands
