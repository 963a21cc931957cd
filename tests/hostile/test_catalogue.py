"""The hostile-input catalogue: one case per input, each through the CLI in a fresh interpreter.

Every case asserts the same contract: `export` exits 0 (2 only for usage and config errors), no
traceback on stderr, the specific diagnostic is present and names the file, and the rest of the
manifest (a sentinel route in another file) is intact.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
from hostile_support import Run, about, cli, laravel_app, rust_crate

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

DEPTH = 10_000
CASES: dict[str, Callable[[Path], None]] = {}


def case(function: Callable[[Path], None]) -> Callable[[Path], None]:
    CASES[function.__name__] = function
    return function


def export(root: Path) -> Run:
    run = cli("export", str(root), "--json")
    assert run.code == 0, run.stderr
    return run


def assert_laravel_intact(run: Run) -> None:
    assert "/api/sentinel" in run.uris(), sorted(run.uris())


def assert_rust_intact(run: Run) -> None:
    assert "/sentinel" in run.uris(), sorted(run.uris())


def assert_diagnostic(run: Run, rule: str, rel: str) -> None:
    found = about(run.diagnostics(rule), rel)
    assert found, f"no {rule} diagnostic about {rel}: {run.document['diagnostics']}"
    assert all(int(str(d["line"])) >= 1 for d in found)


def assert_not_followed(run: Run, rel: str) -> None:
    """A symlink leaving the root: the evaluator refuses it where it is required or named
    (`include-refused`); a reader meeting it directly says `unreadable-file`. Either names it."""
    found = about(run.diagnostics("include-refused"), rel) + about(run.diagnostics("unreadable-file"), rel)
    assert found, f"no include-refused/unreadable-file diagnostic about {rel}: {run.document['diagnostics']}"
    assert all(int(str(d["line"])) >= 1 for d in found)


# ------------------------------------------------------------------ encodings and bytes


@case
def non_utf8_php(tmp: Path) -> None:
    root = laravel_app(
        tmp / "app", b"<?php\nuse Illuminate\\Support\\Facades\\Route;\nRoute::get('/caf\xe9', fn () => 1);\n"
    )
    run = export(root)
    assert_diagnostic(run, "encoding-error", "routes/web.php")
    assert_laravel_intact(run)
    assert any(uri.startswith("/caf") for uri in run.uris()), (
        "the non-UTF-8 route itself must still be listed"
    )


@case
def nul_bytes_php(tmp: Path) -> None:
    root = laravel_app(tmp / "app", b"<?php\nRoute::get('/a\0b', fn () => 1);\n\0\0\0")
    run = export(root)
    assert_diagnostic(run, "unreadable-file", "routes/web.php")
    assert_laravel_intact(run)


@case
def non_utf8_and_nul_rust(tmp: Path) -> None:
    root = rust_crate(
        tmp / "crate", b"use axum::Router;\npub fn router() -> Router { Router::new() }\n// \xff\xfe\0\0\n"
    )
    run = export(root)
    assert_diagnostic(run, "unreadable-file", "src/hostile.rs")
    assert_rust_intact(run)


@case
def fifty_megabyte_file(tmp: Path) -> None:
    block = b"Route::get('/big', fn () => 1);\n" * 1024
    root = laravel_app(tmp / "app", b"<?php\n" + block * (50 * 1024 * 1024 // len(block) + 1))
    assert (root / "routes" / "web.php").stat().st_size > 50 * 1024 * 1024
    run = export(root)
    assert_diagnostic(run, "limit-exceeded", "routes/web.php")
    assert_laravel_intact(run)


# ------------------------------------------------------------------ depth


@case
def deep_laravel_groups(tmp: Path) -> None:
    opening = "Route::group(['prefix' => 'd'], function () {\n" * DEPTH
    closing = "});\n" * DEPTH
    web = "<?php\nuse Illuminate\\Support\\Facades\\Route;\nRoute::get('/shallow', fn () => 1);\n"
    root = laravel_app(tmp / "app", web + opening + "Route::get('/deep', fn () => 1);\n" + closing)
    run = export(root)
    assert "RecursionError" not in run.stderr
    assert_diagnostic(run, "limit-exceeded", "routes/web.php")
    assert "/shallow" in run.uris()
    assert_laravel_intact(run)


@case
def deep_groups_under_a_huge_configured_nesting_limit(tmp: Path) -> None:
    # A user limit far above what Python's stack allows is capped, still reported, never a crash.
    opening = "Route::group(['prefix' => 'd'], function () {\n" * 3_000
    closing = "});\n" * 3_000
    root = laravel_app(tmp / "app", "<?php\n" + opening + "Route::get('/deep', fn () => 1);\n" + closing)
    run = cli("export", str(root), "--json", "--max-nesting", "1000000")
    assert run.code == 0, run.stderr
    assert "RecursionError" not in run.stderr
    assert_diagnostic(run, "limit-exceeded", "routes/web.php")
    assert_laravel_intact(run)


@case
def export_limits_from_the_command_line(tmp: Path) -> None:
    web = (
        "<?php\nRoute::group(['prefix' => 'a'], function () {\n" * 3
        + "Route::get('/x', fn () => 1);\n"
        + "});\n" * 3
    )
    root = laravel_app(tmp / "app", web)
    nested = cli("export", str(root), "--json", "--max-nesting", "2")
    assert nested.code == 0, nested.stderr
    assert_diagnostic(nested, "limit-exceeded", "routes/web.php")
    assert "/a/a/a/x" not in nested.uris()
    small = cli("export", str(root), "--json", "--max-file-bytes", "20", "--no-cache")
    assert small.code == 0, small.stderr
    assert about(small.diagnostics("limit-exceeded"), "routes/web.php")
    assert "/api/sentinel" not in small.uris()  # routes/api.php is over 20 bytes too
    for option, value in (("--max-nesting", "0"), ("--max-file-bytes", "-1"), ("--parse-timeout", "nan")):
        bad = cli("export", str(root), "--json", option, value)
        assert bad.code == 2
        assert (
            bad.stderr
            == f"manifest-lint: error: {option}: must be positive, not {float(value) if option == '--parse-timeout' else value}\n"
        )


@case
def deep_fluent_groups(tmp: Path) -> None:
    opening = "Route::prefix('f')->group(function () {\n" * DEPTH
    closing = "});\n" * DEPTH
    root = laravel_app(tmp / "app", "<?php\n" + opening + "Route::get('/deep', fn () => 1);\n" + closing)
    run = export(root)
    assert_diagnostic(run, "limit-exceeded", "routes/web.php")
    assert_laravel_intact(run)


@case
def deep_rust_nest(tmp: Path) -> None:
    chain = 'Router::new().nest("/n", ' * DEPTH + 'Router::new().route("/deep", get(h))' + ")" * DEPTH
    source = (
        "use axum::{routing::get, Router};\nasync fn h() {}\n"
        f'pub fn router() -> Router {{\n    Router::new().route("/shallow", get(h)).merge({chain})\n}}\n'
    )
    run = export(rust_crate(tmp / "crate", source))
    assert "RecursionError" not in run.stderr
    assert_diagnostic(run, "limit-exceeded", "src/hostile.rs")
    assert_rust_intact(run)


@case
def deep_rust_blocks(tmp: Path) -> None:
    source = (
        "use axum::{routing::get, Router};\nasync fn h() {}\n"
        "pub fn router() -> Router {\n"
        + "{ " * DEPTH
        + 'Router::new().route("/deep", get(h))'
        + " }" * DEPTH
        + "\n}\n"
    )
    run = export(rust_crate(tmp / "crate", source))
    assert_diagnostic(run, "limit-exceeded", "src/hostile.rs")
    assert_rust_intact(run)


# ------------------------------------------------------------------ file system


@case
def symlink_loop(tmp: Path) -> None:
    root = laravel_app(tmp / "app", "<?php\nrequire __DIR__.'/loop-a.php';\n")
    os.symlink("loop-b.php", root / "routes" / "loop-a.php")
    os.symlink("loop-a.php", root / "routes" / "loop-b.php")
    (root / "app" / "Http" / "Controllers").mkdir(parents=True)
    os.symlink("..", root / "app" / "Http" / "Controllers" / "up")  # a directory loop for any walker
    run = export(root)
    assert_diagnostic(run, "unreadable-file", "routes/loop-a.php")
    assert_laravel_intact(run)


@case
def symlink_leaving_root(tmp: Path) -> None:
    outside = tmp / "outside.php"
    outside.write_text("<?php\nRoute::get('/leaked', fn () => 1);\n")
    root = laravel_app(tmp / "app", "<?php\nrequire __DIR__.'/escape.php';\n")
    os.symlink(outside, root / "routes" / "escape.php")
    run = export(root)
    assert_not_followed(run, "routes/escape.php")
    assert "/leaked" not in run.uris()
    assert_laravel_intact(run)


@case
def entry_file_is_symlink_outside(tmp: Path) -> None:
    outside = tmp / "web.php"
    outside.write_text("<?php\nRoute::get('/leaked', fn () => 1);\n")
    root = laravel_app(tmp / "app")
    (root / "routes" / "web.php").unlink()
    os.symlink(outside, root / "routes" / "web.php")
    run = export(root)
    assert "/leaked" not in run.uris()
    assert_not_followed(run, "routes/web.php")
    assert_laravel_intact(run)


@case
def fifo_instead_of_file(tmp: Path) -> None:
    """Opening a FIFO blocks forever: the reader must refuse anything that is not a regular file."""
    root = laravel_app(tmp / "app")
    (root / "routes" / "web.php").unlink()
    os.mkfifo(root / "routes" / "web.php")
    run = export(root)
    assert_diagnostic(run, "unreadable-file", "routes/web.php")
    assert_laravel_intact(run)


@case
def directory_instead_of_file(tmp: Path) -> None:
    root = laravel_app(tmp / "app")
    (root / "routes" / "web.php").unlink()
    (root / "routes" / "web.php").mkdir()
    run = export(root)
    assert_diagnostic(run, "unreadable-file", "routes/web.php")
    assert_laravel_intact(run)


@case
def unreadable_file(tmp: Path) -> None:
    """chmod 000: root still reads it (tests run as root), anyone else gets `unreadable-file`."""
    root = laravel_app(tmp / "app", "<?php\nRoute::get('/locked', fn () => 1);\n")
    (root / "routes" / "web.php").chmod(0)
    try:
        run = export(root)
    finally:
        (root / "routes" / "web.php").chmod(0o644)
    if os.geteuid() == 0:
        assert "/locked" in run.uris()
    else:
        assert_diagnostic(run, "unreadable-file", "routes/web.php")
    assert_laravel_intact(run)


@case
def require_parent_paths(tmp: Path) -> None:
    (tmp / "secret.php").write_text("<?php\nRoute::get('/leaked', fn () => 1);\n")
    web = (
        "<?php\nrequire __DIR__.'/../../../../../../etc/passwd';\n"
        "require __DIR__.'/../../secret.php';\n"
        "include base_path('../secret.php');\n"
    )
    root = laravel_app(tmp / "app", web)
    run = export(root)
    refused = about(run.diagnostics("include-refused"), "routes/web.php")
    assert len(refused) >= 3, run.document["diagnostics"]
    assert "/leaked" not in run.uris()
    assert "root:" not in run.stdout
    assert_laravel_intact(run)


@case
def rust_module_path_escape(tmp: Path) -> None:
    (tmp / "evil.rs").write_text(
        'pub fn router() -> axum::Router { axum::Router::new().route("/leaked", get(h)) }\n'
    )
    source = (
        'use axum::Router;\n#[path = "../../evil.rs"]\nmod evil;\n'
        'include!("../../evil.rs");\npub fn router() -> Router { Router::new().merge(evil::router()) }\n'
    )
    run = export(rust_crate(tmp / "crate", source))
    assert about(run.diagnostics("include-refused"), "src/hostile.rs"), run.document["diagnostics"]
    assert "/leaked" not in run.uris()
    assert_rust_intact(run)


@case
def empty_laravel_app(tmp: Path) -> None:
    root = tmp / "app"
    root.mkdir()
    (root / "artisan").write_text("")
    run = export(root)
    assert run.document["stack"] == "laravel"
    assert run.document["routes"] == [] or all(r["uri"] == "/up" for r in run.document["routes"])


@case
def empty_rust_crate(tmp: Path) -> None:
    root = tmp / "crate"
    root.mkdir()
    (root / "Cargo.toml").write_text("")
    run = export(root)
    assert run.document["stack"] == "rust"
    assert run.document["routes"] == []


# ------------------------------------------------------------------ usage and configuration


@case
def empty_directory_is_usage_error(tmp: Path) -> None:
    run = cli("export", str(tmp), "--json")
    assert run.code == 2
    assert run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr


@case
def missing_path_is_usage_error(tmp: Path) -> None:
    run = cli("export", str(tmp / "nope"), "--json")
    assert run.code == 2
    assert "nope" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr


def config_case(tmp: Path, body: str, key: str) -> None:
    laravel_app(tmp / "legacy")
    (tmp / ".manifest-lint.toml").write_text(body)
    run = cli("check", cwd=tmp)
    assert run.code == 2, (run.code, run.stdout, run.stderr)
    assert key in run.stderr, run.stderr
    assert ".manifest-lint.toml" in run.stderr, run.stderr


@case
def config_legacy_not_a_string(tmp: Path) -> None:
    config_case(tmp, "legacy = 5\n", "legacy")


@case
def config_plan_wrong_item_type(tmp: Path) -> None:
    config_case(tmp, 'legacy = "legacy"\nplan = [1, 2]\n', "plan")


@case
def config_limit_wrong_type(tmp: Path) -> None:
    config_case(tmp, 'legacy = "legacy"\n[limits]\nmax-file-bytes = "big"\n', "limits.max-file-bytes")


@case
def config_not_toml(tmp: Path) -> None:
    config_case(tmp, 'legacy = "legacy\n[[[', "")


@case
def config_not_utf8(tmp: Path) -> None:
    laravel_app(tmp / "legacy")
    (tmp / ".manifest-lint.toml").write_bytes(b'legacy = "\xff"\n')
    run = cli("check", cwd=tmp)
    assert run.code == 2
    assert ".manifest-lint.toml" in run.stderr


@case
def configured_file_limit_reaches_check(tmp: Path) -> None:
    """A limit set in the config is honoured end to end and the finding names the file."""
    laravel_app(tmp / "legacy", "<?php\n" + "Route::get('/x', fn () => 1);\n" * 100)
    (tmp / ".manifest-lint.toml").write_text('legacy = "legacy"\n[limits]\nmax-file-bytes = 1000\n')
    run = cli("check", "--output-format", "json", cwd=tmp)
    assert run.code in (0, 1), run.stderr
    findings = run.document["findings"]
    assert isinstance(findings, list)
    hits = [
        f for f in findings if f["rule"] == "limit-exceeded" and "routes/web.php" in f["file"] + f["message"]
    ]
    assert hits, findings
    assert "1000" in hits[0]["message"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input(name: str, tmp_path: Path) -> None:
    CASES[name](tmp_path)
