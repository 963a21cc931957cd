"""Run the real Laravel router (Debian's Laravel 8.83) over an app and return its routes.

The harness (harness.php) is the differential oracle for the static extractor: same app in, route list out.
Exit code 3 from the harness means "the router rejected this app" (a PHP error or exception while loading
route files), which tests must tell apart from a broken harness or a missing PHP.
"""

from __future__ import annotations

import functools
import json
import shutil
import subprocess
from pathlib import Path

HARNESS = Path(__file__).with_name("harness.php")
ILLUMINATE = Path("/usr/share/php/Illuminate/Routing/Router.php")
MODES = ("files", "bootstrap")
REJECTED_EXIT = 3
BATCH_CHUNK = 250

RouteRecord = dict[str, object]


class OracleError(Exception):
    """The harness itself failed (bad usage, crash, timeout, unparsable output): not a verdict on the app."""


class OracleRejected(Exception):
    """The real router refused the app: PHP raised an error while loading its route files."""

    def __init__(self, stderr: str) -> None:
        super().__init__(stderr.strip())
        self.stderr = stderr


@functools.cache
def _php() -> str | None:
    return shutil.which("php")


def php_available() -> bool:
    """True when php-cli and php-laravel-framework are both installed, so the oracle can run."""
    return _php() is not None and ILLUMINATE.is_file()


def _command(
    roots: list[Path], *, env: str | None, mode: str, resolve_aliases: bool, batch: bool
) -> list[str]:
    php = _php()
    if php is None or not ILLUMINATE.is_file():
        raise OracleError("php-cli or php-laravel-framework is not installed")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    cmd = [php, "-d", "display_errors=stderr", str(HARNESS)]
    if batch:
        cmd.append("--batch")
    cmd.extend(str(root.resolve()) for root in roots)
    cmd.extend(["--mode", mode])
    if env is not None:
        cmd.extend(["--env", env])
    if resolve_aliases:
        cmd.append("--resolve-aliases")
    return cmd


def _run(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise OracleError(f"harness timed out after {timeout}s: {cmd!r}") from exc


def _as_routes(value: object, context: str) -> list[RouteRecord]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise OracleError(f"harness printed something other than a list of routes for {context}")
    return [dict(item) for item in value]


def oracle_routes(
    app_root: Path,
    *,
    env: str | None = None,
    mode: str = "files",
    resolve_aliases: bool = False,
    timeout: float = 30,
) -> list[RouteRecord]:
    """Routes of one app, one record per (route, method), sorted by "METHOD uri" then registration order."""
    cmd = _command([app_root], env=env, mode=mode, resolve_aliases=resolve_aliases, batch=False)
    proc = _run(cmd, timeout)
    if proc.returncode == REJECTED_EXIT:
        raise OracleRejected(proc.stderr)
    if proc.returncode != 0:
        raise OracleError(f"harness exited {proc.returncode}: {proc.stderr.strip()}")
    try:
        parsed: object = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise OracleError(f"harness output is not JSON: {proc.stdout[:200]!r}") from exc
    return _as_routes(parsed, str(app_root))


def _parse_batch_line(line: str) -> tuple[str, list[RouteRecord] | OracleRejected]:
    try:
        record: object = json.loads(line)
    except json.JSONDecodeError as exc:
        raise OracleError(f"harness printed a line that is not JSON: {line[:200]!r}") from exc
    if not isinstance(record, dict) or not isinstance(record.get("root"), str):
        raise OracleError(f"harness printed an unexpected batch record: {line[:200]!r}")
    root = str(record["root"])
    if "error" in record:
        return root, OracleRejected(str(record["error"]))
    return root, _as_routes(record.get("routes"), root)


def oracle_routes_many(
    app_roots: list[Path],
    *,
    env: str | None = None,
    mode: str = "files",
    resolve_aliases: bool = False,
    timeout: float = 30,
) -> list[list[RouteRecord] | OracleRejected]:
    """Routes of many apps from few PHP processes (start-up costs ~30 ms each), in the order given.

    Each app still gets a fresh container and Router. A fatal PHP error ends the process after reporting the
    current app; the remaining apps continue in a new process. `timeout` applies per app.
    """
    results: list[list[RouteRecord] | OracleRejected] = []
    pending = list(app_roots)
    while pending:
        chunk = pending[:BATCH_CHUNK]
        keys = [str(root.resolve()) for root in chunk]
        cmd = _command(chunk, env=env, mode=mode, resolve_aliases=resolve_aliases, batch=True)
        proc = _run(cmd, timeout * len(chunk))
        done = 0
        for line in proc.stdout.splitlines():
            if not line.strip():
                continue
            root, result = _parse_batch_line(line)
            if done >= len(keys) or root != keys[done]:
                raise OracleError(f"harness answered for {root!r} out of order")
            results.append(result)
            done += 1
        if proc.returncode not in (0, REJECTED_EXIT):
            raise OracleError(f"batch harness exited {proc.returncode}: {proc.stderr.strip()}")
        if done == 0:
            raise OracleError(f"batch harness made no progress: {proc.stderr.strip()}")
        pending = pending[done:]
    return results
