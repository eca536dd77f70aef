"""Run independent tasks side by side in forked processes, where the computer has a spare CPU.

A deck's PowerPoint and its handouts share nothing but the Deck they are made from, so a build
makes them at once: the first task runs in this process, the others in child processes that
inherit everything by `fork` and send their results back, pickled, through a pipe. Without fork
(Windows), with one CPU, or with other threads running (a fork copies only the calling thread),
the tasks run one after another. A user's mistake found in a child (a DeckError) is raised here as
it was; a bug is raised as it was too, with the child's traceback in a note.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from typing import Callable, NoReturn, TypeVar

from .errors import DeckError

T = TypeVar("T")
STOP_SECONDS = 5  # how long a child that is no longer needed has to clean up before it is killed


class ChildFailed(RuntimeError):
    """A child process died without a result, or failed with an exception that cannot be sent back."""


def cpus() -> int:
    """Return how many CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def run(tasks: list[Callable[[], T]]) -> list[T]:
    """Return the result of each task, in order; the first runs here, the rest share the spare CPUs."""
    workers = min(len(tasks), cpus()) if hasattr(os, "fork") and threading.active_count() == 1 else 1
    if workers < 2:
        return [task() for task in tasks]
    shares = [tasks[1:][i :: workers - 1] for i in range(workers - 1)]
    children: list[_Child] = []
    try:
        for share in shares:
            _start(share, children)
        first = tasks[0]()
        rest = [child.results() for child in children]
    finally:
        for child in children:  # a task failed, or Ctrl-C: the others' work is not needed
            child.stop()
    results = [first]
    for i in range(len(tasks) - 1):
        results.append(rest[i % (workers - 1)][i // (workers - 1)])
    return results


class _Child:
    """A child process making a share of the tasks, or a share made here when no process could start."""

    def __init__(self, pid: int, reader: int, made: list | None = None) -> None:
        self.pid, self.reader, self.made = pid, reader, made

    def results(self) -> list:
        """Return the share's results once the child has sent them and ended; raise what it raised."""
        if self.made is None:
            with os.fdopen(self.reader, "rb", closefd=False) as pipe:
                data = pipe.read()
            os.close(self.reader)
            self.reader = -1
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
            self.made = _outcome(data, status)
        return self.made

    def stop(self) -> None:
        """End the child if it still runs: asked first, so that its converters stop and its temporary
        folders go; killed if it does not end within STOP_SECONDS."""
        if self.reader >= 0:
            os.close(self.reader)
            self.reader = -1
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
            deadline = time.monotonic() + STOP_SECONDS
            while os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                if time.monotonic() > deadline:
                    os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
                    break
                time.sleep(0.01)
            self.pid = 0


class Stopped(BaseException):
    """Raised in a child asked to stop (SIGTERM): its cleanups run, its results are not wanted."""


def _start(share: list[Callable[[], T]], children: list[_Child]) -> None:
    """Start a child that makes `share` and sends its outcome through a pipe, and add it to `children`;
    where no process can start (a limit is reached), make the share here.

    A Ctrl-C is held back while forking: Python ignores an exception raised in its own fork handlers,
    so one arriving there would be lost; it is raised here once the child is in `children`.
    """
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # else the child's copy of the buffers could be written twice
    reader, writer = os.pipe()
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pid = os.fork()
    except OSError:
        os.close(reader)
        os.close(writer)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        children.append(_Child(0, -1, [task() for task in share]))
        return
    if pid == 0:
        _child(share, reader, writer, held)
    os.close(writer)
    children.append(_Child(pid, reader))
    signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _child(share: list[Callable[[], T]], reader: int, writer: int, held) -> NoReturn:
    """Make `share` in the child and send what came of it: results, a user's mistake, or a bug."""
    try:
        os.close(reader)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is the parent's to handle
        signal.signal(signal.SIGTERM, _stopped)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        try:
            outcome = ("ok", [task() for task in share])
        except DeckError as error:
            outcome = ("error", error)
        except BaseException as error:  # noqa: BLE001 -- any bug goes to the parent, with its traceback
            outcome = ("bug", (error, traceback.format_exc()))
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(_pickled(outcome))
    finally:
        os._exit(0)  # no atexit handlers, no flushing of buffers the parent owns


def _stopped(signum, frame) -> NoReturn:
    raise Stopped


def _pickled(outcome: tuple) -> bytes:
    """Return `outcome` pickled, or a bug's traceback where it cannot make the way back."""
    try:
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.loads(data)  # an exception may pickle and yet not unpickle (its arguments)
        return data
    except Exception:  # noqa: BLE001
        where = outcome[1][1] if outcome[0] == "bug" else traceback.format_exc()
        return pickle.dumps(("bug", (None, where)))


def _outcome(data: bytes, status: int) -> list:
    """Return the results a child sent; raise what it raised."""
    try:
        kind, value = pickle.loads(data)
    except Exception:
        raise ChildFailed(f"a build process ended without a result (status {status})") from None
    if kind == "error":
        raise value
    if kind == "bug":
        error, where = value
        if error is None:
            raise ChildFailed(f"a build process failed:\n{where}")
        if hasattr(error, "add_note"):  # Python 3.11+
            error.add_note(f"raised in a build process:\n{where}")
        raise error
    return value
