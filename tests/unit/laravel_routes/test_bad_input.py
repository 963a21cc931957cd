"""Hostile and broken apps: a clear diagnostic each, the rest of the manifest intact, never a traceback."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from manifest_lint.extract import ExtractOptions, extract

FIXTURES = Path(__file__).parents[2] / "fixtures" / "laravel"


def _export(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "manifest_lint", "export", str(path), "--json", "--no-cache", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def test_bad_input_app_keeps_every_route_it_can_read() -> None:
    result = _export(FIXTURES / "bad-input")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    document = json.loads(result.stdout)
    uris = sorted((r["method"], r["uri"]) for r in document["routes"])
    assert uris == [
        ("GET", "/after"),
        ("GET", "/before"),
        ("GET", "/broken"),
        ("GET", "/caf\ufffd"),
        ("GET", "/cycle-a"),
        ("GET", "/cycle-b"),
        ("GET", "/storage/{path}"),
        # Laravel 12.52+ only; with no composer.lock it is kept with that condition.
        ("PUT", "/storage/{path}"),
    ]
    found = sorted((d["rule"], d["file"], d["line"]) for d in document["diagnostics"])
    assert found == [
        ("encoding-error", "routes/latin1.php", 5),
        ("include-refused", "routes/cycle-b.php", 6),
        ("include-refused", "routes/web.php", 13),
        ("missing-file", "bootstrap/app.php", 6),
        ("missing-file", "routes/web.php", 16),
        ("parse-error", "routes/web.php", 8),
    ]
    messages = {d["rule"] + ":" + d["file"]: d["message"] for d in document["diagnostics"]}
    assert messages["include-refused:routes/web.php"].startswith(
        "../../outside.php: outside the project root"
    )
    assert "routes/missing-api.php" in messages["missing-file:bootstrap/app.php"]


def test_ten_megabyte_route_file_is_skipped_with_a_limit_diagnostic(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(FIXTURES / "bad-input", app)
    big = "<?php\n" + "Route::get('x', fn () => 'padding padding padding padding');\n" * 180_000
    (app / "routes" / "big.php").write_text(big)
    assert (app / "routes" / "big.php").stat().st_size > 10_000_000
    with (app / "routes" / "web.php").open("a") as handle:
        handle.write("require __DIR__.'/big.php';\n")
    manifest = extract(app, ExtractOptions())
    limits = [d for d in manifest.diagnostics if d.rule == "limit-exceeded"]
    assert [(d.file, d.line) for d in limits] == [("routes/web.php", 17)]
    assert "routes/big.php" in limits[0].message
    assert {"/before", "/after", "/cycle-a"} <= {r.uri for r in manifest.routes}


def test_deep_nesting_reports_the_limit_instead_of_crashing(tmp_path: Path) -> None:
    app = tmp_path / "deep"
    (app / "routes").mkdir(parents=True)
    (app / "artisan").write_text("")
    depth = 400
    body = (
        "Route::prefix('p')->group(function () {\n" * depth
        + "Route::get('leaf', fn () => 1);\n"
        + "});\n" * depth
    )
    (app / "routes" / "web.php").write_text("<?php\n" + body + "Route::get('shallow', fn () => 1);\n")
    manifest = extract(app, ExtractOptions())
    assert any(d.rule == "limit-exceeded" for d in manifest.diagnostics)
    assert "/shallow" in {r.uri for r in manifest.routes}


def test_not_a_laravel_app_is_one_line_exit_2(tmp_path: Path) -> None:
    result = _export(tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "not a Laravel app" in result.stderr


def test_a_version_gated_package_route_is_kept_with_its_condition_when_only_a_constraint_is_known() -> None:
    manifest = extract(FIXTURES / "bad-input", ExtractOptions())
    upload = [r for r in manifest.routes if r.method == "PUT" and r.uri == "/storage/{path}"]
    assert [(r.name, r.condition) for r in upload] == [("storage.local.upload", "laravel/framework >= 12.52")]
