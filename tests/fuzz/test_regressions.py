"""Cases the long fuzz run (`make fuzz`) found, kept so they never come back."""

from __future__ import annotations

import pytest
from fuzz_support import run_case

FOUND = {
    # 100,000-case run, 2026-11-25: a `match` whose arms were cut away (`match cli.command {}`)
    # made the axum evaluator take the union of zero branches (IndexError).
    "rust-empty-match": (
        "rust",
        b"use clap::Parser;\nuse ops_tools::cli::{Cli, OpsCommand};\n\nfn main() {\n"
        b"    let cli = Cli::parse();\n    match cli.command {\n}\n        _ => {}\n    }\n"
        b"        OpsCommand::RotateKeys { .. } => {}\n",
    ),
    "rust-empty-match-in-router-fn": (
        "rust",
        b"use axum::{routing::get, Router};\nasync fn h() {}\n"
        b'fn app(x: u8) -> Router {\n    let r = match x {};\n    Router::new().route("/a", get(h))\n}\n'
        b"#[tokio::main]\nasync fn main() { axum::serve(l, app(1)).await.unwrap(); }\n",
    ),
}


@pytest.mark.parametrize("name", sorted(FOUND))
def test_found_case_is_handled(name: str) -> None:
    stack, data = FOUND[name]
    manifest, rel = run_case(stack, data)  # raises on a crash, hang or broken invariant
    assert rel == "src/main.rs"
    if name == "rust-empty-match-in-router-fn":
        assert [r.uri for r in manifest.routes] == ["/a"]
