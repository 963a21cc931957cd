"""The static Laravel route extractor against the real router, field for field, over generated apps.

Hypothesis draws the apps (tests/oracle/generate.py); they are written to disk first and then sent to
the PHP harness in batches, because starting PHP per app would dominate the run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from generate import AppSources, app_sources
from hypothesis import HealthCheck, given, settings

from manifest_lint.extract import ExtractOptions, extract
from oracle import OracleRejected, RouteRecord, oracle_routes, oracle_routes_many

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.oracle

APPS_PER_LANE = 500
# (environment, resolve aliases): both env branches of generated `if (app()->environment(...))`
# blocks and both middleware spellings get compared.
LANES = (("production", False), ("local", True))
FIXTURES = (
    "action_forms",
    "groups",
    "middleware",
    "prefix_caveat",
    "registrar_resource",
    "resources",
    "env_gated",
)

Row = tuple[str, str, str | None, str | None, tuple[str, ...], str | None]


def _ours(root: Path, env: str, resolve: bool) -> tuple[list[Row], list[str]]:
    manifest = extract(root, ExtractOptions(env=env, resolve_aliases=resolve))
    rows = [(r.method, r.uri, r.name, r.action, r.middleware, r.domain) for r in manifest.routes]
    invalid = [d.message for d in manifest.diagnostics if d.rule == "invalid-registration"]
    return sorted(rows, key=repr), invalid


def _theirs(records: list[RouteRecord]) -> list[Row]:
    rows = [
        (
            str(r["method"]),
            str(r["uri"]),
            None if r["name"] is None else str(r["name"]),
            None if r["action"] is None else str(r["action"]),
            tuple(str(m) for m in r["middleware"]),  # type: ignore[attr-defined]
            None if r["domain"] is None else str(r["domain"]),
        )
        for r in records
    ]
    return sorted(rows, key=repr)


def _difference(ours: list[Row], theirs: list[Row]) -> str:
    lines = [f"  ours only:   {row}" for row in ours if row not in theirs]
    lines += [f"  oracle only: {row}" for row in theirs if row not in ours]
    return "\n".join(lines)


def _draw_apps(count: int) -> list[AppSources]:
    drawn: list[AppSources] = []

    @settings(
        max_examples=count,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(app_sources())
    def collect(sources: AppSources) -> None:
        drawn.append(sources)

    collect()
    return drawn


@pytest.mark.parametrize(
    ("env", "resolve"), LANES, ids=[f"{e}-{'aliases' if r else 'raw'}" for e, r in LANES]
)
def test_generated_apps_agree_with_the_real_router(tmp_path: Path, env: str, resolve: bool) -> None:
    apps = _draw_apps(APPS_PER_LANE)
    assert len(apps) >= APPS_PER_LANE * 0.9, "hypothesis drew far fewer apps than asked"
    roots = [sources.write(tmp_path / f"app{index}") for index, sources in enumerate(apps)]
    results = oracle_routes_many(roots, env=env, resolve_aliases=resolve)
    failures: list[str] = []
    compared = 0
    for root, result in zip(roots, results, strict=True):
        ours, invalid = _ours(root, env, resolve)
        if isinstance(result, OracleRejected):
            if not invalid:
                failures.append(
                    f"{root.name}: the router rejects it ({result}) but we report no invalid-registration"
                )
            continue
        compared += 1
        theirs = _theirs(result)
        if ours != theirs:
            web = (root / "routes" / "web.php").read_text()
            failures.append(f"{root.name}:\n{_difference(ours, theirs)}\n--- routes/web.php\n{web}")
    assert not failures, f"{len(failures)} of {len(roots)} apps disagree:\n\n" + "\n\n".join(failures[:5])
    assert compared >= len(roots) * 0.9


@pytest.mark.parametrize("name", FIXTURES)
@pytest.mark.parametrize(
    ("env", "resolve"), LANES, ids=[f"{e}-{'aliases' if r else 'raw'}" for e, r in LANES]
)
def test_oracle_fixtures_agree(name: str, env: str, resolve: bool) -> None:
    from pathlib import Path

    root = Path(__file__).parent.parent / "fixtures" / "oracle" / name
    ours, _ = _ours(root, env, resolve)
    theirs = _theirs(oracle_routes(root, env=env, resolve_aliases=resolve))
    assert ours == theirs, _difference(ours, theirs)


@pytest.mark.parametrize("name", ["bootstrap_app", "bootstrap_using"])
def test_bootstrap_entry_points_agree(name: str) -> None:
    from pathlib import Path

    root = Path(__file__).parent.parent / "fixtures" / "oracle" / name
    ours, _ = _ours(root, "production", False)
    theirs = _theirs(oracle_routes(root, env="production", mode="bootstrap"))
    assert ours == theirs, _difference(ours, theirs)


def test_registrar_ending_in_view_is_rejected_by_both() -> None:
    from pathlib import Path

    root = Path(__file__).parent.parent / "fixtures" / "oracle" / "rejected"
    with pytest.raises(OracleRejected, match="RouteRegistrar::view"):
        oracle_routes(root, env="production")
    _, invalid = _ours(root, "production", False)
    assert invalid, "the extractor must report invalid-registration where the router throws"
