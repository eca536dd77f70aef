"""Run independent tasks side by side in forked processes, where the computer has a spare CPU.

A deck's PowerPoint and its handouts share nothing but the Deck they are made from, so a build
makes them at once: the first task runs in this process, the others in child processes that
inherit everything by `fork` and send their results back, pickled, through a pipe. Without fork
(Windows), with one CPU, or with other threads running (a fork copies only the calling thread),
the tasks run one after another. A user's mistake found in a child (a DeckError) is raised here as
it was; a bug is raised as it was too, with the child's traceback in a note.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
import traceback
from typing import Callable, NoReturn, TypeVar

from .errors import DeckError

T = TypeVar("T")


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
    children: list[tuple[int, int]] = []
    try:
        for share in shares:
            _fork(share, children)
        first = tasks[0]()
        rest = []
        while children:
            rest.append(_result(*children.pop(0)))
    finally:
        for pid, reader in children:  # a task failed: the others' work is not needed
            _stop(pid, reader)
    results = [first]
    for i in range(len(tasks) - 1):
        results.append(rest[i % (workers - 1)][i // (workers - 1)])
    return results


def _fork(share: list[Callable[[], T]], children: list[tuple[int, int]]) -> None:
    """Start a child that runs `share` and writes its outcome to a pipe; add its pid and the pipe's end
    to `children`.

    A Ctrl-C is held back while forking: Python ignores an exception raised in its own fork handlers,
    so one arriving there would be lost; it is raised here once the child is in `children`.
    """
    for stream in (sys.stdout, sys.stderr):
        stream.flush()  # else the child's copy of the buffers could be written twice
    reader, writer = os.pipe()
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    pid = os.fork()
    if pid == 0:
        _child(share, reader, writer, held)
    os.close(writer)
    children.append((pid, reader))
    signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _child(share: list[Callable[[], T]], reader: int, writer: int, held) -> NoReturn:
    """Run `share` in the child and send what came of it: results, a user's mistake, or a bug."""
    try:
        os.close(reader)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C is the parent's to handle
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        try:
            outcome = ("ok", [task() for task in share])
        except DeckError as error:
            outcome = ("error", error)
        except BaseException as error:  # noqa: BLE001 -- any bug goes to the parent, with its traceback
            outcome = ("bug", (error, traceback.format_exc()))
        with os.fdopen(writer, "wb") as pipe:
            try:
                data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 -- a result or exception that cannot be pickled
                data = pickle.dumps(("bug", (None, traceback.format_exc())))
            pipe.write(data)
    finally:
        os._exit(0)  # no atexit handlers, no flushing of buffers the parent owns


def _result(pid: int, reader: int) -> list:
    """Return the results a child sent, after it has ended; raise what it raised."""
    with os.fdopen(reader, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
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


def _stop(pid: int, reader: int) -> None:
    """End a child whose work is no longer needed, and reap it."""
    os.close(reader)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
