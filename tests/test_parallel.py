"""Tasks run side by side in forked children: results in order, mistakes and bugs reach the parent,
and no child outlives a run."""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import pytest

from deckbuilder import parallel
from deckbuilder.errors import DeckError, Position, Problem

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system: tasks run one by one")


@pytest.fixture
def two_cpus(monkeypatch):
    """Pretend there are two CPUs, so that the forking path runs on any machine."""
    monkeypatch.setattr(parallel, "cpus", lambda: 2)


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_results_come_back_in_order_from_other_processes(two_cpus):
    here = os.getpid()
    results = parallel.run([lambda i=i: (i, os.getpid()) for i in range(5)])
    assert [i for i, _ in results] == [0, 1, 2, 3, 4]
    assert results[0][1] == here
    assert all(pid != here for _, pid in results[1:])
    assert _no_children_left()


def test_a_mistake_in_a_child_is_raised_with_its_problems(two_cpus):
    problem = Problem("the handout template is broken", Position(Path("theme.yaml"), 3, 5), "fix it")

    def broken():
        raise DeckError(problem)

    with pytest.raises(DeckError) as raised:
        parallel.run([lambda: 1, broken])
    assert raised.value.problems == [problem]
    assert _no_children_left()


def test_a_bug_in_a_child_carries_its_traceback(two_cpus):
    def buggy():
        return {}["missing key"]

    with pytest.raises(KeyError) as raised:
        parallel.run([lambda: 1, buggy])
    if sys.version_info >= (3, 11):  # exceptions carry notes
        assert 'return {}["missing key"]' in raised.value.__notes__[0]


def test_a_result_that_cannot_be_sent_back_is_a_failure(two_cpus):
    with pytest.raises(parallel.ChildFailed, match="(?s)a build process failed.*pickle"):
        parallel.run([lambda: 1, lambda: (lambda: "a function cannot be pickled")])


def test_a_child_that_dies_without_a_result_is_a_failure(two_cpus):
    with pytest.raises(parallel.ChildFailed, match="without a result"):
        parallel.run([lambda: 1, lambda: os._exit(3)])
    assert _no_children_left()


def test_when_this_process_fails_its_children_are_stopped(two_cpus):
    def slow():
        threading.Event().wait(30)

    def fails():
        raise DeckError(Problem("first"))

    with pytest.raises(DeckError):
        parallel.run([fails, slow])
    assert _no_children_left()


def _working_until_stopped(mark: Path):
    """Return a task that marks it has started, works for 30 s, and marks it has cleaned up."""

    def slow():
        mark.write_text("started")
        try:
            threading.Event().wait(30)
        finally:
            mark.write_text("cleaned up")

    return slow


def _started(mark: Path) -> None:
    while not mark.exists():
        threading.Event().wait(0.01)


def test_a_child_no_longer_needed_cleans_up_before_it_ends(two_cpus, tmp_path):
    """Its `finally` blocks run (a converter's process group is ended there, a temporary folder removed)."""
    mark = tmp_path / "working"
    slow = _working_until_stopped(mark)

    def fails():
        _started(mark)
        raise DeckError(Problem("first"))

    with pytest.raises(DeckError):
        parallel.run([fails, slow])
    assert mark.read_text() == "cleaned up"
    assert _no_children_left()


def test_a_ctrl_c_while_waiting_for_a_child_stops_it(two_cpus, tmp_path):
    mark = tmp_path / "working"
    slow = _working_until_stopped(mark)

    def interrupted():
        _started(mark)
        signal.setitimer(signal.ITIMER_REAL, 0.2)  # a Ctrl-C once this process waits for the child
        return 1

    previous = signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        with pytest.raises(KeyboardInterrupt):
            parallel.run([interrupted, slow])
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert mark.read_text() == "cleaned up"
    assert _no_children_left()


def test_without_a_process_to_spare_the_tasks_run_here(two_cpus, monkeypatch):
    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    assert parallel.run([os.getpid, os.getpid]) == [os.getpid()] * 2
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())  # a Ctrl-C still arrives


def test_an_exception_that_cannot_come_back_keeps_its_traceback(two_cpus):
    class Odd(Exception):
        def __init__(self, a, b):  # pickles with one argument, so cannot be made again from it
            super().__init__(f"{a}{b}")

    def odd():
        raise Odd("x", "y")

    with pytest.raises(parallel.ChildFailed, match="(?s)a build process failed.*raise Odd"):
        parallel.run([lambda: 1, odd])


def test_with_other_threads_running_tasks_run_here(two_cpus):
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel.run([os.getpid, os.getpid]) == [os.getpid()] * 2
    finally:
        stop.set()
        thread.join()


def test_one_cpu_runs_tasks_here(monkeypatch):
    monkeypatch.setattr(parallel, "cpus", lambda: 1)
    assert parallel.run([os.getpid, os.getpid, os.getpid]) == [os.getpid()] * 3


def test_the_progress_bar_of_several_decks_runs_no_thread_so_builds_may_fork(monkeypatch):
    from deckbuilder import cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with cli._progress(2) as progress:
        assert progress.bar is not None
        progress.advance(Path("decks/a.yaml"))
        assert threading.active_count() == 1
