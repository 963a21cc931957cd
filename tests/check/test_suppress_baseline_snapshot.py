"""Inline suppressions, the baseline and the snapshot: each round trip and its stale/unused report."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from builders import axum, config, laravel, legacy_manifest, plan_from, target_manifest

from manifest_lint.baseline import write_baseline
from manifest_lint.check import evaluate
from manifest_lint.snapshot import write_snapshot
from manifest_lint.suppress import scan_text

if TYPE_CHECKING:
    from pathlib import Path


def test_scan_forms() -> None:
    found = scan_text(
        "// manifest-lint: ignore[ML201] -- not ours\n"
        "x(); # manifest-lint: ignore[ML201, auth-drift]\n"
        "<!-- manifest-lint: ignore[ML202] -- kept for v1 clients -->\n"
        "// manifest-lint: ignore\n",
        "f",
    )
    assert [(s.line, s.codes, s.reason, s.problem is None, s.covers) for s in found] == [
        (1, ("ML201",), "not ours", True, (1, 2)),
        (2, ("ML201", "ML206"), None, True, (2,)),
        (3, ("ML202",), "kept for v1 clients", True, (3, 4)),
        (4, (), None, False, (4, 5)),
    ]


def _legacy_file(tmp_path: Path, text: str) -> None:
    routes = tmp_path / "legacy" / "routes"
    routes.mkdir(parents=True, exist_ok=True)
    (routes / "api.php").write_text(text, encoding="utf-8")


def test_inline_suppression_on_the_line_before(tmp_path: Path) -> None:
    _legacy_file(
        tmp_path, "<?php\n// manifest-lint: ignore[ML201] -- internal only\nRoute::get('x', F::class);\n"
    )
    legacy = legacy_manifest(tmp_path, laravel("GET", "/x", line=3))
    legacy = legacy.__class__(
        legacy.stack, legacy.root, legacy.framework, legacy.surfaces, (), ("routes/api.php",)
    )
    result = evaluate(config(tmp_path), legacy, (), plan_from(""))
    assert result.findings == ()


def test_unused_suppression_is_reported(tmp_path: Path) -> None:
    _legacy_file(tmp_path, "<?php\n// manifest-lint: ignore[ML206] -- nothing here\n\n\n")
    legacy = legacy_manifest(tmp_path)
    legacy = legacy.__class__(legacy.stack, legacy.root, legacy.framework, (), (), ("routes/api.php",))
    result = evaluate(config(tmp_path), legacy, (), plan_from(""))
    assert [(f.rule, f.file, f.line) for f in result.findings] == [
        ("unused-suppression", "legacy/routes/api.php", 2)
    ]


def test_markdown_plan_suppression(tmp_path: Path) -> None:
    text = "<!-- manifest-lint: ignore[ML202] -- kept on purpose -->\n- `GET /gone` -> OA-1\n"
    (tmp_path / "plan.md").write_text(text, encoding="utf-8")
    result = evaluate(config(tmp_path), legacy_manifest(tmp_path), (), plan_from(text))
    assert result.findings == ()


def test_baseline_round_trip_and_stale_entries(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    legacy = legacy_manifest(tmp_path, laravel("GET", "/a"), laravel("GET", "/b"))
    first = evaluate(cfg, legacy, (), plan_from(""))
    assert len(first.findings) == 2
    write_baseline(first.findings, cfg.baseline_path)
    document = json.loads(cfg.baseline_path.read_text(encoding="utf-8"))
    assert [e["surface"] for e in document["entries"]] == ["GET /a", "GET /b"]
    assert "line" not in json.dumps(document)
    moved = legacy_manifest(tmp_path, laravel("GET", "/a", line=40), laravel("GET", "/b", line=41))
    assert evaluate(cfg, moved, (), plan_from("")).findings == ()
    fewer = legacy_manifest(tmp_path, laravel("GET", "/a"), laravel("GET", "/c"))
    result = evaluate(cfg, fewer, (), plan_from(""))
    assert sorted((f.rule, f.surface or "") for f in result.findings) == [
        ("stale-baseline-entry", f"baseline {document['entries'][1]['fingerprint']}"),
        ("uncovered-surface", "GET /c"),
    ]


def test_snapshot_drift(tmp_path: Path) -> None:
    cfg = config(tmp_path)
    plan = plan_from("- `GET /a` -> OA-1\n- `GET /b` -> OA-1\n")
    legacy = legacy_manifest(tmp_path, laravel("GET", "/a"), laravel("GET", "/b"))
    target = target_manifest(tmp_path, axum("GET", "/a"), axum("GET", "/b"))
    write_snapshot(cfg, legacy, (target,))
    assert evaluate(cfg, legacy, (target,), plan).findings == ()
    moved = legacy_manifest(tmp_path, laravel("GET", "/a", line=9), laravel("GET", "/b"))
    assert evaluate(cfg, moved, (target,), plan).findings == ()
    changed = target_manifest(tmp_path, axum("GET", "/a", middleware=("require_session",)), axum("GET", "/c"))
    drift = [f for f in evaluate(cfg, legacy, (changed,), plan).findings if f.rule == "snapshot-drift"]
    messages = sorted(f.message.split(":")[0] for f in drift)
    assert messages == [
        "added since the snapshot",
        "changed since the snapshot",
        "removed since the snapshot",
    ]
    assert any('middleware: [] → ["require_session"]' in f.message for f in drift)


def test_trailing_suppression_does_not_reach_the_next_line(tmp_path: Path) -> None:
    _legacy_file(
        tmp_path,
        "<?php\nRoute::get('a', F::class); // manifest-lint: ignore[ML201] -- probe\nRoute::get('b', F::class);\n",
    )
    legacy = legacy_manifest(tmp_path, laravel("GET", "/a", line=2), laravel("GET", "/b", line=3))
    legacy = legacy.__class__(
        legacy.stack, legacy.root, legacy.framework, legacy.surfaces, (), ("routes/api.php",)
    )
    result = evaluate(config(tmp_path), legacy, (), plan_from(""))
    assert [(f.rule, f.surface) for f in result.findings] == [("uncovered-surface", "GET /b")]
