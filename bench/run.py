"""Benchmark manifest-lint against its peers on generated projects and write bench/RESULTS.md.

Every figure is the median of several runs of a fresh process (interpreter start included, as a
pre-commit hook pays it), with the child's own peak RSS from `wait4`. The machine is shared and
noisy, so each figure also appears as a ratio to a peer measured in the same run: semgrep with
rules finding the same route calls, ast-grep as the parse-and-match floor, and the real Laravel
router (the oracle harness) loading the same route files.

Usage: python bench/run.py [--sizes 100,1000,10000,50000] [--repeat 5] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work"
PEERS = HERE / "peers"
sys.path.insert(0, str(HERE))

from generate import GENERATOR_VERSION, generate  # noqa: E402  (bench/ is not a package)

SEED = 7
FULL_SIZES = (100, 1_000, 10_000, 50_000)
QUICK_SIZES = (100, 1_000)
PEER_TIMEOUT = 1800


@dataclass
class Sample:
    """The median wall time and peak RSS of repeated runs of one command."""

    name: str
    times: list[float] = field(default_factory=list)
    rss_mb: float = 0.0
    error: str | None = None
    output: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    def cell(self) -> str:
        return f"{self.median:.3f}" if self.ok else "failed"


def run_once(cmd: list[str], cwd: Path, ok_codes: tuple[int, ...]) -> tuple[float, float, str | None, str]:
    """Wall seconds, peak RSS (MB) of this child alone, an error or None, and stdout.

    The child is started by `launch.py`, a fresh small process, so its peak RSS never inherits
    this process's high-water mark (see launch.py)."""
    with tempfile.TemporaryDirectory() as tmp:
        out_path, err_path = Path(tmp) / "out", Path(tmp) / "err"
        done = subprocess.run(
            [sys.executable, str(HERE / "launch.py"), str(out_path), str(err_path), "--", *cmd],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        )
        report = json.loads(done.stdout)
        elapsed, code, maxrss_kb = float(report["elapsed"]), int(report["code"]), int(report["maxrss_kb"])
        stdout = out_path.read_bytes().decode("utf-8", "replace")
        stderr = err_path.read_bytes().decode("utf-8", "replace")
    error = None
    if "Traceback (most recent call last)" in stderr:
        error = f"traceback: {' | '.join(stderr.strip().splitlines()[-2:])[:300]}"
    elif code not in ok_codes:
        tail = " | ".join(stderr.strip().splitlines()[-2:])[:300]
        error = f"exit {code}: {tail}"
    return elapsed, maxrss_kb / 1024, error, stdout


def measure(
    name: str,
    cmd: list[str],
    cwd: Path,
    repeat: int,
    *,
    ok_codes: tuple[int, ...] = (0,),
    before: list[str] | None = None,
    clear: list[Path] | None = None,
) -> Sample:
    """Run `cmd` `repeat` times (after `before` once, clearing `clear` before each run)."""
    sample = Sample(name)
    if before:
        _elapsed, _rss, error, _out = run_once(before, cwd, ok_codes)
        if error:
            sample.error = f"warm-up: {error}"
            return sample
    for _ in range(repeat):
        for path in clear or []:
            shutil.rmtree(path, ignore_errors=True)
        elapsed, rss, error, stdout = run_once(cmd, cwd, ok_codes)
        if error:
            sample.error = error
            return sample
        sample.times.append(elapsed)
        sample.rss_mb = max(sample.rss_mb, rss)
        sample.output = stdout
    return sample


def measure_pair(
    name: str, commands: tuple[list[str], list[str]], cwd: Path, repeat: int, *, clear: list[Path]
) -> Sample:
    """Run two commands at the same time, `repeat` times; each time is the slower one's wall time.

    Our extraction of both stacks at once, on the machine's two cores, as `check` does it with its
    worker and as the peers do with their threads (semgrep `-j 2`, ast-grep's thread pool).
    """
    sample = Sample(name)
    for _ in range(repeat):
        for path in clear:
            shutil.rmtree(path, ignore_errors=True)
        with tempfile.TemporaryDirectory() as tmp:
            launchers = [
                subprocess.Popen(
                    [sys.executable, str(HERE / "launch.py"), f"{tmp}/out{i}", f"{tmp}/err{i}", "--", *cmd],
                    cwd=cwd,
                    stdout=subprocess.PIPE,
                    text=True,
                )
                for i, cmd in enumerate(commands)
            ]
            reports = [json.loads(launcher.communicate()[0]) for launcher in launchers]
        if any(int(report["code"]) != 0 for report in reports):
            sample.error = f"exit codes {[report['code'] for report in reports]}"
            return sample
        sample.times.append(max(float(report["elapsed"]) for report in reports))
        sample.rss_mb = max(sample.rss_mb, *(int(report["maxrss_kb"]) / 1024 for report in reports))
    return sample


def tool(name: str) -> str | None:
    """A peer's executable: on PATH, in the project venv or in the peers venv `make bench` builds."""
    for directory in (Path(sys.executable).parent, WORK / "peers" / "bin"):
        if (directory / name).is_file():
            return str(directory / name)
    return shutil.which(name)


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{memory_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown"
    return {
        "cpus": str(os.cpu_count()),
        "cpu": model,
        "memory": memory,
        "python": platform.python_version(),
        "os": platform.platform(),
    }


def count_routes(text: str) -> int | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    routes = data.get("routes") if isinstance(data, dict) else None
    return len(routes) if isinstance(routes, list) else None


def caches(root: Path) -> list[Path]:
    return [
        root / ".manifest-lint-cache",
        root / "legacy" / ".manifest-lint-cache",
        root / "service" / ".manifest-lint-cache",
    ]


def lint_commands(lint: str) -> tuple[bool, str]:
    """Whether `check` has a cache to bypass (`--no-cache`) and the help text."""
    done = subprocess.run([lint, "check", "--help"], capture_output=True, text=True, check=False)
    return "--no-cache" in done.stdout, done.stdout


@dataclass
class SizeResult:
    size: int
    expected: dict[str, object]
    samples: dict[str, Sample]
    routes: dict[str, int | None]


def bench_size(size: int, repeat: int, lint: str, has_cache: bool, has_jobs: bool) -> SizeResult:
    root = WORK / f"n{size}"
    expected_file = root / "expected.json"
    expected = json.loads(expected_file.read_text()) if expected_file.exists() else {}
    if (expected.get("seed"), expected.get("size"), expected.get("generator")) != (
        SEED,
        size,
        GENERATOR_VERSION,
    ):
        print(f"  generating n{size} ...", flush=True)
        expected = generate(WORK, size, SEED)
    samples: dict[str, Sample] = {}
    cold_flag = ["--no-cache"] if has_cache else []
    clear = caches(root)
    print(f"  n{size}: manifest-lint", flush=True)
    for side in ("legacy", "service"):
        samples[f"export {side}"] = measure(
            f"export {side}", [lint, "export", side, "--json"], root, repeat, clear=clear
        )
    samples["export both"] = measure_pair(
        "export both",
        ([lint, "export", "legacy", "--json"], [lint, "export", "service", "--json"]),
        root,
        repeat,
        clear=clear,
    )
    check = [lint, "check", "--output-format", "json", "--exit-zero"]
    samples["check cold"] = measure(
        "check cold", [*check, *cold_flag], root, repeat, ok_codes=(0, 1), clear=clear
    )
    if has_jobs:
        samples["check cold, 1 job"] = measure(
            "check cold, 1 job",
            [*check, *cold_flag, "--jobs", "1"],
            root,
            repeat,
            ok_codes=(0, 1),
            clear=clear,
        )
    if has_cache:
        samples["check warm"] = measure("check warm", check, root, repeat, ok_codes=(0, 1), before=check)
    files = ["legacy/routes", "service/src"]
    peer_repeat = max(1, min(repeat, 3))
    semgrep = tool("semgrep")
    if semgrep:
        print(f"  n{size}: semgrep", flush=True)
        samples["semgrep"] = measure(
            "semgrep",
            [
                semgrep,
                "scan",
                "--config",
                str(PEERS / "semgrep.yml"),
                "--metrics=off",
                "--disable-version-check",
                "--no-git-ignore",
                "--json",
                "-q",
                "-j",
                "2",
                *files,
            ],
            root,
            peer_repeat if size <= 10_000 else 1,
        )
    sg = tool("ast-grep")
    if sg:
        print(f"  n{size}: ast-grep", flush=True)
        samples["ast-grep"] = measure(
            "ast-grep",
            [sg, "scan", "-c", str(PEERS / "sgconfig.yml"), "--json=compact", *files],
            root,
            repeat,
        )
    php = shutil.which("php")
    harness = REPO / "tests" / "oracle" / "harness.php"
    if php and harness.exists():
        print(f"  n{size}: oracle", flush=True)
        samples["oracle"] = measure(
            "oracle",
            [php, "-d", "memory_limit=4G", str(harness), "legacy", "--mode", "bootstrap"],
            root,
            repeat,
        )
    routes = {
        "laravel": count_routes(samples["export legacy"].output),
        "rust": count_routes(samples["export service"].output),
        "oracle": count_routes('{"routes": ' + samples["oracle"].output + "}")
        if "oracle" in samples
        else None,
    }
    for sample in samples.values():
        sample.output = ""
    return SizeResult(size, expected, samples, routes)


def bench_example(repeat: int, lint: str, has_cache: bool) -> dict[str, Sample]:
    """`check` of the example project, the pre-commit case."""
    examples = REPO / "examples"
    if not any(
        (examples / name).exists() for name in (".manifest-lint.toml", "manifest-lint.toml", "pyproject.toml")
    ):
        return {}
    check = [lint, "check", "--output-format", "json", "--exit-zero"]
    clear = [examples / ".manifest-lint-cache"]
    result = {
        "check cold": measure(
            "check cold",
            [*check, *(["--no-cache"] if has_cache else [])],
            examples,
            repeat * 2,
            ok_codes=(0, 1),
            clear=clear,
        )
    }
    if has_cache:
        result["check warm"] = measure(
            "check warm", check, examples, repeat * 2, ok_codes=(0, 1), before=check
        )
    return result


def ratio(a: Sample | None, b: Sample | None) -> float | None:
    if a is None or b is None or not a.ok or not b.ok or b.median == 0:
        return None
    return a.median / b.median


def fmt(value: float | None, digits: int = 2, suffix: str = "") -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{suffix}"


def extraction(result: SizeResult) -> Sample | None:
    """Both cold exports, run at the same time on the two cores: what the peers are compared with."""
    both = result.samples.get("export both")
    return both if both is not None and both.ok else None


def target_rows(
    results: dict[int, SizeResult], example: dict[str, Sample]
) -> list[tuple[str, str, str, str]]:
    """(target, limit, measured, held/missed) for every target of issue 7."""
    rows: list[tuple[str, str, str, str]] = []

    def add(
        name: str, limit: str, value: float | None, bound: float, unit: str = " s", *, at_least: bool = False
    ) -> None:
        if value is None:
            rows.append((name, limit, "not measured", "missed (not measurable yet)"))
            return
        held = value >= bound if at_least else value <= bound
        rows.append((name, limit, f"{value:.3f}{unit}", "held" if held else "missed"))

    cold = example.get("check cold")
    add("example: cold check", "≤ 0.4 s", cold.median if cold and cold.ok else None, 0.4)
    warm = example.get("check warm")
    add("example: warm check", "≤ 0.15 s", warm.median if warm and warm.ok else None, 0.15)
    ten = results.get(10_000)
    if ten:
        check = ten.samples["check cold"]
        add("10k/side: cold check", "≤ 4 s", check.median if check.ok else None, 4.0)
        warm10 = ten.samples.get("check warm")
        add("10k/side: warm check", "≤ 1 s", warm10.median if warm10 and warm10.ok else None, 1.0)
        rss = max(
            (
                s.rss_mb
                for s in ten.samples.values()
                if s.ok and not s.name.startswith(("semgrep", "ast", "oracle"))
            ),
            default=None,
        )
        add("10k/side: peak RSS", "≤ 300 MB", rss, 300.0, " MB")
    fifty = results.get(50_000)
    if ten and fifty:
        add(
            "t50k / t10k (cold check)",
            "≤ 5.5",
            ratio(fifty.samples["check cold"], ten.samples["check cold"]),
            5.5,
            "",
        )
    for size in sorted(results):
        result = results[size]
        ex = extraction(result)
        speedup = ratio(result.samples.get("semgrep"), ex)
        add(f"n{size}: semgrep / extraction", "≥ 10×", speedup, 10.0, "×", at_least=True)
        add(f"n{size}: extraction / ast-grep", "≤ 3×", ratio(ex, result.samples.get("ast-grep")), 3.0, "×")
    return rows


def write_results(
    path: Path, results: dict[int, SizeResult], example: dict[str, Sample], info: dict[str, str]
) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Written by `bench/run.py` (`make bench`; `make bench-quick` for sizes 100 and 1k). Each time is the",
        "median wall time of fresh processes (interpreter start included); RSS is the peak of the largest",
        "single process (`wait4`; `check` forks one worker for the target, so the two together can hold",
        "more, minus the pages they share). Projects come from `bench/generate.py` (seed 7): Laravel 11",
        "+ axum 0.7 + a plan. *Extraction* is `export legacy` and `export service` started at the same",
        "time (`export L ∥ R`), using the two cores as `check` does and as the peers do (semgrep `-j 2`,",
        "ast-grep's thread pool).",
        "",
        "## Machine",
        "",
        *(f"- {key}: {value}" for key, value in info.items()),
        f"- run at: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}",
        "",
        "## Targets (issue 7)",
        "",
        "| target | limit | measured | result |",
        "| --- | --- | --- | --- |",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in target_rows(results, example)),
        "",
        "## Per size (seconds unless noted)",
        "",
        "| routes/side (L / R / oracle) | export L | export R | export L ∥ R | check cold | check cold, 1 job "
        "| check warm | peak RSS MB | µs/route (cold check) | semgrep | ast-grep | oracle "
        "| semgrep ÷ extraction | extraction ÷ ast-grep | export L ÷ oracle |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for size in sorted(results):
        r = results[size]
        s = r.samples
        ex = extraction(r)
        routes = r.routes
        counted = (routes.get("laravel") or 0) + (routes.get("rust") or 0)
        per_route = s["check cold"].median / counted * 1e6 if s["check cold"].ok and counted else None
        rss = max(
            (x.rss_mb for k, x in s.items() if x.ok and k.startswith(("export", "check"))), default=None
        )
        warm = s.get("check warm")
        peer = {name: s[name].cell() if name in s else "n/a" for name in ("semgrep", "ast-grep", "oracle")}
        cells = [
            f"n{size}: {routes.get('laravel')} / {routes.get('rust')} / {routes.get('oracle')}",
            s["export legacy"].cell(),
            s["export service"].cell(),
            s["export both"].cell() if "export both" in s else "n/a",
            s["check cold"].cell(),
            s["check cold, 1 job"].cell() if "check cold, 1 job" in s else "n/a",
            warm.cell() if warm else "no cache",
            fmt(rss, 0),
            fmt(per_route, 1),
            peer["semgrep"],
            peer["ast-grep"],
            peer["oracle"],
            fmt(ratio(s.get("semgrep"), ex), 1, "×"),
            fmt(ratio(ex, s.get("ast-grep")), 1, "×"),
            fmt(ratio(s["export legacy"], s.get("oracle")), 2, "×"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if example:
        lines += ["", "## Example project (`examples/`)", ""]
        lines += [
            f"- {name}: {sample.cell()} s (peak RSS {sample.rss_mb:.0f} MB)"
            for name, sample in example.items()
        ]
    failures = [
        f"- n{size} {name}: {sample.error}"
        for size, r in sorted(results.items())
        for name, sample in r.samples.items()
        if sample.error
    ] + [f"- example {name}: {sample.error}" for name, sample in example.items() if sample.error]
    if failures:
        lines += ["", "## Failed runs", "", *failures]
    lines += [
        "",
        "Peers: semgrep and ast-grep scan `legacy/routes` and `service/src` with the rules in `bench/peers/`",
        "(route calls only: no groups, prefixes, constants or nesting resolved); the oracle is",
        "`tests/oracle/harness.php --mode bootstrap` (Debian's Laravel 8 router) on the same app.",
        "",
    ]
    text = "\n".join(lines)
    path.write_text(text)
    return text


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default=None, help="comma-separated route counts per side")
    parser.add_argument("--quick", action="store_true", help="sizes 100 and 1k only")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    sizes = (
        tuple(int(s) for s in args.sizes.split(","))
        if args.sizes
        else QUICK_SIZES
        if args.quick
        else FULL_SIZES
    )
    lint = tool("manifest-lint")
    if lint is None:
        sys.exit("bench: manifest-lint is not installed (run `make venv`)")
    has_cache, _help = lint_commands(lint)
    WORK.mkdir(exist_ok=True)
    info = machine()
    print(f"bench: sizes {sizes}, repeat {args.repeat}, cache {'yes' if has_cache else 'no'}", flush=True)
    results: dict[int, SizeResult] = {}
    for size in sizes:
        repeat = args.repeat if size <= 10_000 else max(1, args.repeat // 2)
        results[size] = bench_size(size, repeat, lint, has_cache, "--jobs" in _help)
    example = bench_example(args.repeat, lint, has_cache)
    print(write_results(args.out, results, example, info))


if __name__ == "__main__":
    main()
