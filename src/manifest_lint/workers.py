"""Run independent tasks at the same time: the legacy app here, the target roots and the plan in
forked workers.

The two stacks share nothing until matching, so on a machine with two cores the slower side
alone sets the wall time of a cold `check` instead of the sum of both. Workers are plain
`os.fork()` copies of this process: they run our own already-loaded code, never `exec` anything
(the no-execution test still forbids that), and send their results back over a pipe. The payload
is pickled because it only ever crosses from a child we forked to us; nothing read from disk is
ever unpickled.

A worker that fails in any way (an exception, a crash, a signal) is not trusted: its tasks run
again in this process, so errors surface exactly as they would without workers, and the result
is the same whatever the number of jobs.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from manifest_lint.cache import cached_extract_with_state

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from manifest_lint.digests import ExtractionCache, RootState
    from manifest_lint.extract import ExtractOptions
    from manifest_lint.model import Manifest


def default_jobs() -> int:
    """The CPUs this process may run on (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


Extracted = tuple["Manifest", "RootState | None"]
T = TypeVar("T")


def run_tasks(tasks: Sequence[Callable[[], T]], jobs: int) -> list[T]:
    """The results of `tasks`, in order, computed by up to `jobs` processes.

    Task 0 (the caller puts the longest first: the legacy app) runs here; the others are dealt
    round-robin to `jobs - 1` forked workers, each running its share in order. A worker that does
    not deliver has its share run here, so any error is raised exactly as without workers.
    """
    if jobs <= 1 or len(tasks) <= 1 or not hasattr(os, "fork"):
        return [task() for task in tasks]
    lanes = [list(range(1 + lane, len(tasks), jobs - 1)) for lane in range(min(jobs - 1, len(tasks) - 1))]
    workers = [(_fork([tasks[i] for i in lane]), lane) for lane in lanes]
    results: dict[int, object] = {}
    try:
        results[0] = tasks[0]()
        while workers:
            worker, lane = workers.pop(0)
            delivered = _collect(worker)
            if delivered is None or len(delivered) != len(lane):
                delivered = [tasks[i]() for i in lane]
            results.update(zip(lane, delivered, strict=True))
    finally:
        for worker, _ in workers:  # only those never collected: the caller is failing
            _stop(worker)
    return [results[i] for i in range(len(tasks))]  # type: ignore[misc]


def extraction_tasks(
    roots: tuple[Path, ...], options: ExtractOptions, cache: ExtractionCache | None
) -> list[Callable[[], Extracted]]:
    """One task per root: `cached_extract_with_state`, the manifest plus its cache state."""
    return [partial(cached_extract_with_state, root, options, cache) for root in roots]


_Worker = tuple[int, int]  # pid, read end of its pipe


def _fork(tasks: list[Callable[[], object]]) -> _Worker | None:
    """Start a worker running `tasks`; None if it cannot start."""
    sys.stdout.flush()
    sys.stderr.flush()
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the worker: never returns
        os.close(read_end)
        status = 1
        try:
            payload = pickle.dumps([task() for task in tasks], protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)  # skip the parent's atexit handlers and buffered output
    os.close(write_end)
    return pid, read_end


def _collect(worker: _Worker | None) -> list[object] | None:
    """The worker's results, or None when it did not deliver them."""
    if worker is None:
        return None
    pid, read_end = worker
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, wait_status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(wait_status) != 0 or not payload:
        return None
    results: list[object] = pickle.loads(payload)  # written by the child forked above, never read from disk
    return results


def _stop(worker: _Worker | None) -> None:
    """Kill and reap a worker that was never collected (so its pid cannot have been reused)."""
    if worker is None:
        return
    pid, read_end = worker
    os.close(read_end)
    with contextlib.suppress(ProcessLookupError, ChildProcessError):
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
