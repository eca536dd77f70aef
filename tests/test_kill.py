"""A build killed at any moment leaves the complete old outputs or the complete new ones, never a mix."""

from __future__ import annotations

import random
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from pptx import Presentation

from conftest import TALK

RUNS = 20
NAMES = ["talk-handout-clients.html", "talk-handout-clinicians.html", "talk.pptx"]


def outline(version: str, slides: int = 200) -> str:
    """Return the fixture deck titled with `version`, grown by `slides` slides so that a build takes a while."""
    many = "".join(f'\n      - title: "Point {i}"\n        bullets: ["one {i}", "two {i}"]' for i in range(slides))
    deck = TALK.replace("Test talk", f"Talk {version}")
    deck = deck.replace("sections:", f'sections:\n  - title: "Many"\n    slides:{many}', 1)
    return deck + "handouts:\n  - {audience: clinicians, style: notes}\n  - {audience: clients, style: worksheet}\n"


def versions_in(folder: Path) -> set[str]:
    """Return the version markers of a complete set of outputs; fail if the set is incomplete."""
    assert sorted(p.name for p in folder.iterdir()) == NAMES
    pptx = folder / "talk.pptx"
    with zipfile.ZipFile(pptx) as z:
        assert z.testzip() is None
        core = z.read("docProps/core.xml").decode()
    Presentation(str(pptx))
    found = set(re.findall(r"Talk (v\d)", core))
    for name in NAMES[:2]:
        found |= set(re.findall(r"Talk (v\d)", (folder / name).read_text(encoding="utf-8")))
    return found


def build(root: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "deckbuilder", "build", "decks/talk.yaml"], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip


def writing_started(process: subprocess.Popen, output: Path, timeout: float = 60) -> float:
    """Wait until the build has made its temporary folder (it is writing); return when, or 0 if it ended first."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and process.poll() is None:
        if any(p.name.endswith(".tmp") for p in output.iterdir()):
            return time.perf_counter()
        time.sleep(0.002)
    return 0.0


def test_killed_builds_leave_one_whole_set(workspace):
    output = workspace.root / "output"
    folder = output / "talk"
    workspace.write("decks/talk.yaml", outline("v0"))
    assert build(workspace.root).wait(timeout=120) == 0
    assert versions_in(folder) == {"v0"}
    workspace.write("decks/talk.yaml", outline("v1"))
    process = build(workspace.root)
    started = writing_started(process, output)
    assert process.wait(timeout=120) == 0 and started
    writing = time.perf_counter() - started  # from the temporary folder to the end: outputs, then the swap

    rng = random.Random(8)
    current, killed_while_writing = "v1", 0
    for run in range(1, RUNS + 1):
        new = "v1" if current == "v0" else "v0"
        workspace.write("decks/talk.yaml", outline(new))
        process = build(workspace.root)
        if writing_started(process, output):
            time.sleep(rng.uniform(0, 1.1) * writing)
        killed_while_writing += process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait()
        found = versions_in(folder)
        assert found in ({current}, {new}), f"run {run}: a mix of {found}"
        current = found.pop()
    assert killed_while_writing >= RUNS // 2  # the kills fell while outputs were being written

    workspace.write("decks/talk.yaml", outline("v9"))
    assert build(workspace.root).wait(timeout=120) == 0
    assert versions_in(folder) == {"v9"}
    assert [p.name for p in output.iterdir()] == ["talk"]  # no leftovers of the killed builds


def test_an_interrupted_build_says_so_and_keeps_the_previous_outputs(workspace):
    output = workspace.root / "output"
    workspace.write("decks/talk.yaml", outline("v0"))
    assert build(workspace.root).wait(timeout=120) == 0
    workspace.write("decks/talk.yaml", outline("v1", slides=450))
    process = build(workspace.root)
    assert writing_started(process, output)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert err.strip() == "interrupted: decks/talk.yaml was not written; its previous outputs are kept"
    assert versions_in(output / "talk") == {"v0"}
    assert [p.name for p in output.iterdir()] == ["talk"]  # the interrupted build's folder is gone
