"""`deckbuilder watch`: build a deck on every save of what it reads, and serve its preview on this
computer; the page takes each new build in place, redrawing only the slides that changed.

Every file of the workspace is watched but the outputs and hidden folders: the deck, the outlines
it extends, the articles and their texts, the images, the workspace's themes. Each build is a whole
`build` with the preview (atomic, so a broken save keeps the last good outputs); the server reads
the deck's output folder as it is, and adds to the preview page only what makes it reload and the
error of a build that failed, above the last good slides. The file on disk stays a clean page.
"""

from __future__ import annotations

import errno
import html
import os
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .errors import DeckError, Problem

HOST = "127.0.0.1"  # this computer only: the preview shows a deck before it is meant to be shown
FIRST_PORT = 8000  # the ports tried in turn without --port, before one the system picks
PORTS_TRIED = 20
DEBOUNCE_MS = 20  # an editor's save is several writes close together: one build for them
STEP_MS = 10
RELOAD_SECONDS = 0.3  # the most a build waits for the pages to fetch its preview before writing the rest
KEEPALIVE_SECONDS = 15  # a reload channel hears something this often, so that a closed tab ends it
EVENTS = "/__watch/events"
RELOAD = """<script>
(() => {
  const patch = (was, now, depth) => {
    const [old, news] = [[...was.children], [...now.children]];
    if (!depth || old.length !== news.length || old.some((e, i) => e.tagName !== news[i].tagName)) {
      was.replaceWith(document.adoptNode(now));
    } else {
      old.forEach((e, i) => { if (e.outerHTML !== news[i].outerHTML) patch(e, news[i], depth - 1); });
    }
  };
  const listen = (version) => {
    const events = new EventSource("%s?since=" + version);
    events.onmessage = async (event) => {
      events.close();
      try {
        const response = await fetch(location.pathname, {cache: "no-store"});
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        if (document.head.innerHTML !== page.head.innerHTML) document.head.replaceWith(document.adoptNode(page.head));
        patch(document.body, page.body, 2);
      } catch (error) {
        location.reload();
      }
      listen(event.data);
    };
  };
  listen("%s");
})();
</script>"""
# fixed at the foot of the window, so that it is seen wherever the page is scrolled to
BANNER = ('<div role="alert" style="position:fixed;left:0;right:0;bottom:0;z-index:9;max-height:40vh;overflow:auto;'
          'margin:0;padding:0.8rem 1.5rem;background:#F7DEDB;color:#5C1410;'
          'border-top:2px solid #A3231B;font:14px/1.4 system-ui,sans-serif">'
          '<strong>%s</strong>'
          '<pre style="white-space:pre-wrap;margin:0.4rem 0 0;font:13px/1.35 ui-monospace,monospace">%s</pre></div>')
EMPTY = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s · preview</title></head>'
         '<body><p style="font:15px system-ui,sans-serif;padding:0 1.5rem">Nothing has been built yet: '
         'save the deck again once the error below is fixed.</p></body></html>')
LAST_GOOD = "The last save did not build; the slides are the last good ones."
NONE_YET = "The deck does not build yet."


class PortInUse(DeckError):
    """The port asked for is taken by another program (or, below 1024, kept for the system)."""

    def __init__(self, port: int, refused: bool = False) -> None:
        reason = "may only be used by the system's administrator" if refused else "is in use"
        super().__init__(Problem(f"port {port} {reason}", hint="choose another with --port, or leave "
                                 "--port out to use a free one"))  # fmt: skip


@dataclass
class State:
    """What the page shows: the build it is at (`version`), the error of the last build if it failed,
    and the preview of a build whose outputs are being written (None: the one on disk)."""

    version: int = 0
    error: str = ""
    page: str | None = None
    listening: int = 0  # pages waiting to reload
    served: int = 0  # the last version a page was sent
    changed: threading.Condition = field(default_factory=threading.Condition)

    def update(self, error: str = "", page: str | None = None) -> None:
        """Note a new build to show and wake every page waiting to reload."""
        with self.changed:
            self.version += 1
            self.error, self.page = error, page
            self.changed.notify_all()

    def reloaded(self, seconds: float) -> None:
        """Wait until the pages that were waiting have asked for the new version, at most `seconds`:
        the rest of the build would slow the server down."""
        with self.changed:
            if self.listening:
                self.changed.wait_for(lambda: self.served >= self.version, seconds)

    def written(self) -> None:
        """Note that the outputs are written: the preview on disk is the one shown."""
        with self.changed:
            self.page = None

    def wait(self, since: str, seconds: float) -> int | None:
        """Return the version once it is not `since`, or None after `seconds`."""
        with self.changed:
            self.changed.wait_for(lambda: str(self.version) != since, seconds)
            return self.version if str(self.version) != since else None


class Server(ThreadingHTTPServer):
    """Serves one deck's output folder; each request in a thread of its own that never keeps the process alive."""

    daemon_threads = True

    def __init__(self, port: int, folder: Path, page: str, state: State) -> None:
        self.folder, self.page, self.state = folder, page, state
        super().__init__((HOST, port), _Handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


class _Handler(SimpleHTTPRequestHandler):
    """The output folder's files as they are (no folder listed), the preview (at /) with its reload script,
    and the reload channel."""

    server: Server
    error_content_type = "text/plain; charset=utf-8"
    error_message_format = "%(code)d %(message)s: %(explain)s\n"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, directory=str(args[2].folder), **kwargs)

    def parse_request(self) -> bool:
        """Refuse a request for another host: a site whose name is made to lead here (DNS rebinding) must
        not read the preview."""
        if not super().parse_request():
            return False
        port = self.server.server_address[1]
        if self.headers.get("Host") in (f"{HOST}:{port}", f"localhost:{port}"):
            return True
        self.send_error(HTTPStatus.FORBIDDEN, explain=f"this server answers only {self.server.url}")
        return False

    def do_GET(self) -> None:
        self._answer(super().do_GET)

    def do_HEAD(self) -> None:
        self._answer(super().do_HEAD)

    def _answer(self, files) -> None:
        """Answer a GET or a HEAD (the same without the body): the reload channel, the page, else `files`."""
        path = urlsplit(self.path).path
        if path == EVENTS:
            self._events(parse_qs(urlsplit(self.path).query).get("since", [""])[0])
        elif path in ("/", "/" + self.server.page):
            self._page()
        else:
            files()

    def send_head(self):
        """Send the head of a file's answer; a folder is not found: only its files are served."""
        if os.path.isdir(self.translate_path(self.path)):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        return super().send_head()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # every build replaces the files
        super().end_headers()

    def _page(self) -> None:
        """Send the preview with the reload script, and the error of the last build above its slides."""
        state = self.server.state
        with state.changed:
            version, error, text = state.version, state.error, state.page
        heading = LAST_GOOD
        try:
            text = text if text is not None else (self.server.folder / self.server.page).read_text(encoding="utf-8")
        except OSError:
            text, heading = EMPTY % html.escape(self.server.page), NONE_YET
        if error:
            text = re.sub(r"<body[^>]*>", lambda m: m[0] + BANNER % (heading, html.escape(error)), text, count=1)
        script = RELOAD % (EVENTS, version)
        at = text.rfind("</body>")
        text = text[:at] + script + text[at:] if at >= 0 else text + script
        data = text.encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command == "HEAD":
            return
        self.wfile.write(data)
        with state.changed:
            state.served = max(state.served, version)
            state.changed.notify_all()

    def _events(self, since: str) -> None:
        """Tell a page the build it should show once it is not the one the page shows (Server-Sent Events)."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        if self.command == "HEAD":
            return
        state = self.server.state
        with state.changed:
            state.listening += 1
        try:
            self.wfile.write(b"retry: 200\n\n")
            self.wfile.flush()
            while (version := state.wait(since, KEEPALIVE_SECONDS)) is None:
                self.wfile.write(b": still here\n\n")
                self.wfile.flush()
            self.wfile.write(f"data: {version}\n\n".encode())
            self.wfile.flush()
        except OSError:  # the page was closed or reloaded
            pass
        finally:
            with state.changed:
                state.listening -= 1
        self.close_connection = True

    def log_message(self, format: str, *args) -> None:
        """Say nothing of each request: the terminal shows the builds."""


def serve(port: int | None, folder: Path, page: str, state: State) -> Server:
    """Return a server of `folder` on this computer, on `port`, else on the first free port from FIRST_PORT."""
    if port is not None:
        return _bind(port, folder, page, state, strict=True)
    for candidate in range(FIRST_PORT, FIRST_PORT + PORTS_TRIED):
        server = _bind(candidate, folder, page, state)
        if server is not None:
            return server
    return _bind(0, folder, page, state, strict=True)  # the system picks one


def _bind(port: int, folder: Path, page: str, state: State, strict: bool = False) -> Server | None:
    """Return a server on `port`; None when it is taken (a PortInUse error when `strict`)."""
    try:
        return Server(port, folder, page, state)
    except OSError as error:
        if error.errno not in (errno.EADDRINUSE, errno.EACCES):
            raise
        if strict:
            raise PortInUse(port, error.errno == errno.EACCES) from None
        return None


def watch(deck: Path, root: Path, out: Path, report, port: int | None = None, theme: str | None = None,
          variables: Mapping[str, str] = {}) -> None:  # fmt: skip
    """Build `deck` now and on every save of a file of the workspace, serving its preview until Ctrl-C.

    `report` prints: `report.echo(line)`, `report.findings(findings)`, `report.problems(error)`
    (the build command's printing). Raises PortInUse when `port` is taken.
    """
    import gc
    import queue

    from .workspace import display_path

    out = out.resolve()  # the outputs' own changes are not saves, however --out was written
    state, saved, stop = State(), queue.Queue(), threading.Event()
    server = serve(port, out / deck.stem, f"{deck.stem}-preview.html", state)
    threading.Thread(target=server.serve_forever, name="preview server", daemon=True).start()
    threading.Thread(target=_listen, args=(root, out, saved, stop), name="watcher", daemon=True).start()
    try:
        _build(deck, root, out, theme, variables, server, report)
        gc.collect()
        gc.freeze()  # what every build uses (modules, caches, the theme) is never collected again
        report.echo(f"watching {display_path(deck)}: preview at {server.url} (Ctrl-C to stop)")
        while True:
            names = _saved_files(_saves(saved))
            if not names:
                continue  # only an editor's temporary files, made and gone
            report.echo(f"changed: {', '.join(names[:3])}{' ...' if len(names) > 3 else ''}")
            _build(deck, root, out, theme, variables, server, report)
            gc.collect()  # the last build's package, whose parts refer to each other
    except KeyboardInterrupt:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the cleanup short
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
    report.echo("stopped watching; the outputs of the last good build are kept")


def _listen(root: Path, out: Path, saved, stop: threading.Event) -> None:
    """Put each batch of saves in the workspace on `saved` until `stop` is set: in a thread of its own,
    listening from before the first build, so that no save is missed while a build runs. Its end is put
    on `saved` too (None, or what failed), else the builds would wait for saves for ever."""
    from watchfiles import watch as changes

    try:
        for found in changes(root, watch_filter=_Saves(root, out), debounce=DEBOUNCE_MS, step=STEP_MS,
                             stop_event=stop, raise_interrupt=False):  # fmt: skip
            saved.put(found)
    except Exception as error:  # e.g. the system's limit of watched folders
        saved.put(error)
    else:
        saved.put(None)


def _saved_files(changes: set) -> list[str]:
    """Return the files saved as the user names them, leaving out a file made and removed within the
    batch (an editor's temporary file, such as sed's or an atomic save's)."""
    from watchfiles import Change

    from .workspace import display_path

    added = {path for change, path in changes if change == Change.added}
    return sorted({display_path(Path(path)) for _, path in changes if path not in added or os.path.exists(path)})


def _saves(saved) -> set:
    """Return the saves waiting on `saved`, all at once (saved while the last build ran: one build for
    them); raise a DeckError once the watcher has ended."""
    batches = [saved.get()]
    while not saved.empty():
        batches.append(saved.get_nowait())
    for batch in batches:
        if not isinstance(batch, set):
            reason = f": {str(batch) or type(batch).__name__}" if batch else ""
            raise DeckError(Problem(f"the workspace is no longer watched{reason}", hint="start deckbuilder "
                                    "watch again; the outputs of the last good build are kept"))  # fmt: skip
    return set().union(*batches)


class _Saves:
    """Says which changes are saves of what a deck may read: not the outputs, not what is hidden (an
    editor's swap files, a version control's folder), nor what watchfiles leaves out by default."""

    def __init__(self, root: Path, out: Path) -> None:
        from watchfiles import DefaultFilter

        self.root, self.out, self.default = root, out, DefaultFilter()

    def __call__(self, change, path: str) -> bool:
        if not self.default(change, path) or Path(path).is_relative_to(self.out):  # by parts: not output2/
            return False
        try:
            parts = Path(path).relative_to(self.root).parts
        except ValueError:
            return True
        return not any(part.startswith(".") for part in parts)


def _build(deck: Path, root: Path, out: Path, theme, variables, server: Server, report) -> None:
    """Build the deck with its preview, then print what the build found.

    The page reloads as soon as the deck is found fit to write, with the preview drawn here (which the
    writer then takes), while the outputs are being written: they take as long again.
    """
    from .build import build

    state = server.state

    def show(fitted, loaded) -> None:
        from .writers.preview import page

        state.update(page=page(fitted, loaded))
        state.reloaded(RELOAD_SECONDS)

    start = time.perf_counter()
    try:
        built = build(deck, root, out, also=("preview",), theme=theme, variables=variables, checked=show)
    except DeckError as error:
        state.update(error.render(Path.cwd()))
        report.problems(error)
        page = server.folder / server.page
        shown = "the last good build" if page.is_file() else "the error until the deck builds"
        report.echo(f"not built: the preview shows {shown}")
        return
    state.written()
    report.findings(built.findings)
    report.echo(f"built {len(built.deck.slides)} slides in {time.perf_counter() - start:.2f} s")
