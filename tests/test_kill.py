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
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def test_killed_builds_leave_one_whole_set(workspace):
    folder = workspace.root / "output" / "talk"
    workspace.write("decks/talk.yaml", outline("v0"))
    start = time.perf_counter()
    assert build(workspace.root).wait(timeout=120) == 0
    duration = time.perf_counter() - start
    assert versions_in(folder) == {"v0"}

    rng = random.Random(8)
    current = "v0"
    for run in range(1, RUNS + 1):
        new = "v1" if current == "v0" else "v0"
        workspace.write("decks/talk.yaml", outline(new))
        process = build(workspace.root)
        time.sleep(rng.uniform(0.2, 1.0) * duration)
        process.send_signal(signal.SIGKILL)
        process.wait()
        found = versions_in(folder)
        assert found in ({current}, {new}), f"run {run}: a mix of {found}"
        current = found.pop()

    workspace.write("decks/talk.yaml", outline("v9"))
    assert build(workspace.root).wait(timeout=120) == 0
    assert versions_in(folder) == {"v9"}
    assert [p.name for p in folder.parent.iterdir()] == ["talk"]  # no leftovers of the killed builds
