"""`deckbuilder watch` end to end: a real process on a workspace copy, its page in headless Chromium."""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import TALK, run_cli
from rendercheck import need

SRC = Path(__file__).resolve().parents[1] / "src"
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/")
WAIT_SECONDS = 60  # the first build of a loaded machine


def start(*args: str, before: str = "") -> subprocess.Popen:
    """Start `deckbuilder watch` with this source tree (after the Python code `before`), its output read
    by the test, unbuffered."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    run = ["-c", before + "\nimport runpy; runpy.run_module('deckbuilder', run_name='__main__')"] if before \
        else ["-m", "deckbuilder"]  # fmt: skip
    return subprocess.Popen([sys.executable, *run, "watch", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, bufsize=0, env=env)  # fmt: skip


def read_until(stream, pattern: re.Pattern, seconds: float = WAIT_SECONDS) -> tuple[re.Match, str]:
    """Return the first match of `pattern` in the lines of `stream`, and what was read up to it.

    The stream is unbuffered, so that nothing waits in a buffer while `select` waits for the pipe.
    """
    selector = selectors.DefaultSelector()
    selector.register(stream, selectors.EVENT_READ)
    deadline, seen = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        if selector.select(deadline - time.monotonic()):
            line = stream.readline().decode()
            if not line:
                break
            seen += line
            if match := pattern.search(line):
                return match, seen
    raise AssertionError(f"no {pattern.pattern!r} in the output:\n{seen}")


@contextlib.contextmanager
def watching(*args: str):
    """Yield the watch process and the URL it prints; end it (by its own pid) whatever happens."""
    with running(*args) as process:
        yield process, read_until(process.stdout, URL)[0][0]


@contextlib.contextmanager
def running(*args: str, before: str = ""):
    """Yield the watch process (see `start`); end it (by its own pid) whatever happens."""
    process = start(*args, before=before)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()


@pytest.fixture
def browser():
    need("chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()


@pytest.mark.client
def test_the_page_shows_each_save_and_keeps_the_last_good_build_when_one_breaks(browser, workspace):
    with watching("--root", str(workspace.root)) as (process, url):
        page = browser.new_page()
        page.goto(url)
        assert page.get_by_text("Second point", exact=True).count() == 1
        assert page.locator("section.row").count() == 9

        workspace.write("decks/talk.yaml", TALK.replace("Second point", "A point saved just now"), dedent=False)
        page.get_by_text("A point saved just now", exact=True).wait_for(timeout=WAIT_SECONDS * 1000)
        assert page.get_by_text("Second point", exact=True).count() == 0

        workspace.write("decks/talk.yaml", TALK.replace('bullets: ["First point", "Second point"]',
                                                        "bullets: 12"), dedent=False)  # fmt: skip
        alert = page.get_by_role("alert")
        alert.wait_for(timeout=WAIT_SECONDS * 1000)
        assert "The last save did not build" in alert.inner_text()
        assert re.search(r"talk\.yaml:8:18", alert.inner_text())
        assert page.get_by_text("A point saved just now", exact=True).count() == 1  # the last good slides
        folder = workspace.root / "output" / "talk"
        assert "A point saved just now" in (folder / "talk-preview.html").read_text(encoding="utf-8")
        assert {p.name for p in folder.iterdir()} >= {"talk.pptx", "talk-preview.html"}
        _, said = read_until(process.stderr, re.compile(r"talk\.yaml:8:18"))

        workspace.write("decks/talk.yaml", TALK, dedent=False)
        page.get_by_text("Second point", exact=True).wait_for(timeout=WAIT_SECONDS * 1000)
        assert page.get_by_role("alert").count() == 0


def test_ctrl_c_stops_it_cleanly(workspace):
    with watching("--root", str(workspace.root)) as (process, url):
        process.send_signal(signal.SIGINT)
        out, err = (text.decode() for text in process.communicate(timeout=WAIT_SECONDS))
        assert process.returncode == 0
        assert "Traceback" not in err
        assert out.splitlines()[-1] == "stopped watching; the outputs of the last good build are kept"
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", int(URL.search(url)[1])), timeout=5).close()
        assert (workspace.root / "output" / "talk" / "talk-preview.html").is_file()


def test_it_listens_on_this_computer_only(workspace):
    with watching("--root", str(workspace.root)) as (process, url):
        port = int(URL.search(url)[1])
        listening = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                     if line.split()[3] == "0A" and int(line.split()[1].split(":")[1], 16) == port]  # fmt: skip
        assert [fields[1] for fields in listening] == [f"0100007F:{port:04X}"]  # 127.0.0.1, and only there
        assert not Path("/proc/net/tcp6").exists() or f":{port:04X} " not in Path("/proc/net/tcp6").read_text()


def test_a_port_in_use_is_an_error(workspace):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start("--root", str(workspace.root), "--port", str(port))
        try:
            out, err = (text.decode() for text in process.communicate(timeout=WAIT_SECONDS))
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 1
    assert err == f"error: port {port} is in use\n  hint: choose another with --port, or leave --port out to use a free one\n\n"
    assert not (workspace.root / "output").exists()


def test_a_given_port_is_used(workspace):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with watching("--root", str(workspace.root), "--port", str(port)) as (process, url):
        assert url == f"http://127.0.0.1:{port}/"


def test_a_workspace_of_several_decks_needs_the_deck_named(workspace):
    workspace.write("decks/other.yaml", TALK, dedent=False)
    result = run_cli("watch", "--root", str(workspace.root))
    assert result.exit_code == 1
    assert result.output == ("error: the workspace has 2 decks: " + ", ".join(
        str(workspace.root / "decks" / name) for name in ("other.yaml", "talk.yaml")) +
        "\n  hint: name the one to watch, e.g. deckbuilder watch " + str(workspace.root / "decks" / "other.yaml") + "\n")  # fmt: skip


@pytest.mark.client
def test_a_deck_broken_from_the_start_shows_its_error_until_it_builds(browser, workspace):
    workspace.write("decks/talk.yaml", TALK.replace("theme: calm", "theme: calmer"), dedent=False)
    with watching("--root", str(workspace.root)) as (process, url):
        page = browser.new_page()
        page.goto(url)
        alert = page.get_by_role("alert")
        assert "talk.yaml:2:8: unknown theme 'calmer'" in alert.inner_text()
        assert alert.inner_text().startswith("The deck does not build yet.")  # no last good slides to speak of
        assert "Nothing has been built yet" in page.inner_text("body")
        assert not (workspace.root / "output").exists()

        workspace.write("decks/talk.yaml", TALK, dedent=False)
        page.get_by_text("Second point", exact=True).wait_for(timeout=WAIT_SECONDS * 1000)
        assert page.get_by_role("alert").count() == 0
        assert page.locator("section.row").count() == 9


def test_a_save_of_an_article_or_an_image_builds_again(workspace):
    from conftest import SMITH, make_png

    with watching("--root", str(workspace.root)) as (process, url):
        workspace.write("decks/articles/smith.yaml", SMITH.replace("repair breaches", "mend breaches"), dedent=False)
        read_until(process.stdout, re.compile(r"^changed: .*smith\.yaml$"))
        read_until(process.stdout, re.compile(r"^built 9 slides in [0-9.]+ s$"))
        preview = workspace.root / "output" / "talk" / "talk-preview.html"
        assert "the ability to mend breaches" in preview.read_text(encoding="utf-8")
        make_png(workspace.root / "decks" / "images" / "pic.png", color="blue")
        read_until(process.stdout, re.compile(r"^changed: .*pic\.png$"))
        read_until(process.stdout, re.compile(r"^built 9 slides"))


def test_the_outputs_and_hidden_files_are_not_saves(tmp_path):
    from watchfiles import Change

    from deckbuilder.watch import _Saves

    saves = _Saves(tmp_path, tmp_path / "output")
    for path in ("decks/talk.yaml", "decks/articles/smith.txt", "decks/images/pic.png", "themes/mine/theme.yaml"):
        assert saves(Change.modified, str(tmp_path / path)), path
    for path in ("output/talk/talk.pptx", "output/.talk.12.ab.tmp/talk.pptx", ".git/index", "decks/.talk.yaml.swp",
                 "themes/.cache/x"):
        assert not saves(Change.modified, str(tmp_path / path)), path


def test_the_outputs_folder_is_left_out_but_not_a_folder_of_a_name_that_begins_alike(tmp_path):
    from watchfiles import Change

    from deckbuilder.watch import _Saves

    saves = _Saves(tmp_path, tmp_path / "output")
    assert not saves(Change.modified, str(tmp_path / "output"))
    assert not saves(Change.modified, str(tmp_path / "output" / "x"))
    for path in ("output2/x", "output-notes/x", "outputs"):
        assert saves(Change.modified, str(tmp_path / path)), path


def test_an_editors_temporary_file_is_no_save_to_name(tmp_path):
    """sed -i and atomic saves write a temporary file and rename it: only the deck is named."""
    from watchfiles import Change

    from deckbuilder.watch import _saved_files

    deck = tmp_path / "talk.yaml"
    deck.write_text("title: x\n")
    temp, gone = tmp_path / "sedP3iW3A", tmp_path / "old.yaml"
    batch = {(Change.added, str(temp)), (Change.deleted, str(temp)), (Change.modified, str(deck)),
             (Change.deleted, str(gone))}  # fmt: skip
    assert [Path(name).name for name in _saved_files(batch)] == ["old.yaml", "talk.yaml"]
    assert _saved_files({(Change.added, str(temp)), (Change.deleted, str(temp))}) == []


Answer = tuple[http.client.HTTPResponse, bytes]


def fetch(url: str, path: str = "/", method: str = "GET", host: str = "") -> Answer:
    """Return the answer to one request, with the Host header `host` (by default the URL's), and its body."""
    port = int(URL.search(url)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT_SECONDS)
    try:
        connection.putrequest(method, path, skip_host=True)
        connection.putheader("Host", host or f"127.0.0.1:{port}")
        connection.endheaders()
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def test_a_request_for_another_host_is_refused(workspace):
    """A site whose name an attacker points at 127.0.0.1 (DNS rebinding) must not read the preview."""
    with watching("--root", str(workspace.root)) as (process, url):
        port = URL.search(url)[1]
        for host in (f"attacker.example:{port}", "attacker.example", "127.0.0.1", "localhost", "localhost:1",
                     f"127.0.0.1.attacker.example:{port}"):  # fmt: skip
            for path in ("/", "/talk.pptx", "/__watch/events?since=x"):
                response, body = fetch(url, path, host=host)
                assert response.status == 403, (host, path)
                assert response.getheader("Content-Type") == "text/plain; charset=utf-8"
                assert body.decode().startswith("403 Forbidden: ") and len(body) < 200
                assert b"Second point" not in body
        for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
            response, body = fetch(url, host=host)
            assert response.status == 200, host
            assert b"Second point" in body


def test_head_answers_as_get_does_and_no_folder_is_listed(workspace):
    with watching("--root", str(workspace.root)) as (process, url):
        folder = workspace.root / "output" / "talk"
        (folder / "notes").mkdir()
        (folder / "notes" / "a.txt").write_text("a", encoding="utf-8")
        for path in ("/", "/talk-preview.html", "/talk.pptx", "/notes/a.txt", "/missing.txt", "/notes", "/notes/",
                     "/__watch/events?since=x"):  # fmt: skip
            got, body = fetch(url, path)
            head, nothing = fetch(url, path, "HEAD")
            assert (head.status, nothing) == (got.status, b""), path
            undated = [[h for h in r.getheaders() if h[0] != "Date"] for r in (head, got)]
            assert undated[0] == undated[1], path
            assert b"Directory listing" not in body, path
        assert fetch(url, "/")[0].status == fetch(url, "/notes/a.txt")[0].status == 200
        assert fetch(url, "/notes")[0].status == fetch(url, "/notes/")[0].status == 404


def test_a_first_build_that_fails_says_the_page_shows_its_error(workspace):
    broken = TALK.replace("theme: calm", "theme: calmer")
    workspace.write("decks/talk.yaml", broken, dedent=False)
    with running("--root", str(workspace.root)) as process:
        _, said = read_until(process.stdout, URL)
        assert "not built: the preview shows the error until the deck builds\n" in said
        assert "last good build" not in said
        workspace.write("decks/talk.yaml", TALK, dedent=False)
        read_until(process.stdout, re.compile(r"^built 9 slides"))
        workspace.write("decks/talk.yaml", broken, dedent=False)
        read_until(process.stdout, re.compile(r"^not built: the preview shows the last good build$"))


def test_a_watcher_that_fails_ends_the_watch_with_its_error(workspace):
    broken = ("import watchfiles\n"
              "def watch(*args, **kwargs):\n"
              "    raise OSError(28, 'inotify watch limit reached')\n"
              "watchfiles.watch = watch")  # fmt: skip
    with running("--root", str(workspace.root), before=broken) as process:
        out, err = (text.decode() for text in process.communicate(timeout=WAIT_SECONDS))
    assert process.returncode == 1
    assert "built 9 slides" in out
    assert "Traceback" not in err
    assert err.endswith("error: the workspace is no longer watched: [Errno 28] inotify watch limit reached\n"
                        "  hint: start deckbuilder watch again; the outputs of the last good build are kept\n\n")
