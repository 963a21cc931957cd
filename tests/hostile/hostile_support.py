"""Temp projects and a CLI runner for the hostile-input catalogue.

Every project carries a sentinel route in a file the hostile input does not touch, so each case
can check that the rest of the manifest survives whatever the hostile file does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CLI_TIMEOUT = 120

BOOTSTRAP = """<?php

use Illuminate\\Foundation\\Application;

return Application::configure(basePath: dirname(__DIR__))
    ->withRouting(
        web: __DIR__.'/../routes/web.php',
        api: __DIR__.'/../routes/api.php',
    )->create();
"""
SENTINEL_PHP = (
    "<?php\n\nuse Illuminate\\Support\\Facades\\Route;\n\nRoute::get('/sentinel', fn () => 'ok');\n"
)
CARGO = '[package]\nname = "hostile"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\naxum = "0.7"\n'
RUST_MAIN = """use axum::{routing::get, Router};

mod hostile;

async fn handler() {}

fn app() -> Router {
    Router::new().route("/sentinel", get(handler)).merge(hostile::router())
}

#[tokio::main]
async fn main() {
    let listener = tokio::net::TcpListener::bind("0.0.0.0:1").await.unwrap();
    axum::serve(listener, app()).await.unwrap();
}
"""


def laravel_app(root: Path, web: bytes | str = "<?php\n") -> Path:
    """A Laravel 11 app whose routes/web.php is the hostile file and routes/api.php the sentinel."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "artisan").write_text("<?php\n")
    (root / "composer.json").write_text('{"require": {"laravel/framework": "^11.0"}}\n')
    (root / "bootstrap").mkdir()
    (root / "bootstrap" / "app.php").write_text(BOOTSTRAP)
    (root / "routes").mkdir()
    (root / "routes" / "api.php").write_text(SENTINEL_PHP)
    web_file = root / "routes" / "web.php"
    if isinstance(web, str):
        web_file.write_text(web)
    else:
        web_file.write_bytes(web)
    return root


def rust_crate(root: Path, hostile: bytes | str) -> Path:
    """An axum crate whose `src/hostile.rs` is the hostile file; `src/main.rs` holds the sentinel."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "Cargo.toml").write_text(CARGO)
    (root / "src").mkdir()
    (root / "src" / "main.rs").write_text(RUST_MAIN)
    target = root / "src" / "hostile.rs"
    if isinstance(hostile, str):
        target.write_text(hostile)
    else:
        target.write_bytes(hostile)
    return root


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def document(self) -> dict[str, object]:
        data = json.loads(self.stdout)
        assert isinstance(data, dict)
        return data

    def diagnostics(self, rule: str) -> list[dict[str, object]]:
        found = self.document["diagnostics"]
        assert isinstance(found, list)
        return [d for d in found if d["rule"] == rule]

    def uris(self) -> set[str]:
        routes = self.document["routes"]
        assert isinstance(routes, list)
        return {str(r["uri"]) for r in routes}


def cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run `manifest-lint ARGS` in a fresh interpreter, as a user would."""
    environment = {k: v for k, v in os.environ.items() if k != "MANIFEST_LINT_DEBUG"}
    environment.update(env or {})
    done = subprocess.run(
        [sys.executable, "-m", "manifest_lint", *args],
        cwd=cwd or REPO,
        env=environment,
        capture_output=True,
        text=True,
        errors="replace",
        timeout=CLI_TIMEOUT,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return Run(done.returncode, done.stdout, done.stderr)


def about(diagnostics: list[dict[str, object]], rel: str) -> list[dict[str, object]]:
    """Diagnostics sitting in `rel` or naming it (read problems are reported where the file is named)."""
    return [d for d in diagnostics if d["file"] == rel or rel in str(d["message"])]
