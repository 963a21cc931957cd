"""Extract the legacy app and the target roots at the same time, one forked worker per extra root.

The two stacks share nothing until matching, so on a machine with two cores the slower side
alone sets the wall time of a cold `check` instead of the sum of both. Workers are plain
`os.fork()` copies of this process: they run our own already-loaded code, never `exec` anything
(the no-execution test still forbids that), and send their manifest back over a pipe. The payload
is pickled because it only ever crosses from a child we forked to us; nothing read from disk is
ever unpickled.

A worker that fails in any way (an exception, a crash, a signal) is not trusted: its root is
extracted again in this process, so errors surface exactly as they would without workers, and the
result is the same whatever the number of jobs.
"""

from __future__ import annotations

import os
import pickle
import sys
from typing import TYPE_CHECKING

from manifest_lint.cache import cached_extract_with_state

if TYPE_CHECKING:
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


def extract_roots(
    roots: tuple[Path, ...], options: ExtractOptions, cache: ExtractionCache | None, jobs: int
) -> tuple[Extracted, ...]:
    """`cached_extract_with_state` of every root, in order; up to `jobs` roots at a time."""
    if jobs <= 1 or len(roots) <= 1 or not hasattr(os, "fork"):
        return tuple(cached_extract_with_state(root, options, cache) for root in roots)
    manifests: list[Extracted] = []
    for start in range(0, len(roots), jobs):
        batch = roots[start : start + jobs]
        workers = [_fork(root, options, cache) for root in batch[1:]]
        manifests.append(cached_extract_with_state(batch[0], options, cache))
        manifests.extend(
            _collect(worker, root, options, cache) for worker, root in zip(workers, batch[1:], strict=True)
        )
    return tuple(manifests)


def _fork(root: Path, options: ExtractOptions, cache: ExtractionCache | None) -> tuple[int, int] | None:
    """Start a worker extracting `root`; (pid, read end of its pipe), or None if it cannot start."""
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
            payload = pickle.dumps(
                cached_extract_with_state(root, options, cache), protocol=pickle.HIGHEST_PROTOCOL
            )
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            status = 0
        finally:
            os._exit(status)  # skip the parent's atexit handlers and buffered output
    os.close(write_end)
    return pid, read_end


def _collect(
    worker: tuple[int, int] | None, root: Path, options: ExtractOptions, cache: ExtractionCache | None
) -> Extracted:
    """The worker's manifest, or `root` extracted here when the worker did not deliver one."""
    if worker is None:
        return cached_extract_with_state(root, options, cache)
    pid, read_end = worker
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    _, wait_status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(wait_status) != 0 or not payload:
        return cached_extract_with_state(root, options, cache)
    extracted: Extracted = pickle.loads(payload)  # written by the child forked above, never read from disk
    return extracted
