"""Cargo.toml / Cargo.lock reading: members, targets, inheritance, renames and exact versions."""

from __future__ import annotations

from pathlib import Path

from manifest_lint.extract.rust.cargo import Binary, Dependency, Workspace, read_workspace
from manifest_lint.parsing import SourceSet

FIXTURE = Path(__file__).parents[2] / "fixtures" / "rust" / "cargo-workspace"


def _workspace(root: Path = FIXTURE) -> Workspace:
    return read_workspace(root, SourceSet(root))


def test_members_from_globs_with_exclude_and_broken_member() -> None:
    workspace = _workspace()
    assert [p.name for p in workspace.packages] == ["api", "cli"]
    rules = sorted((d.rule, d.file, d.line) for d in workspace.diagnostics)
    assert rules == [
        ("missing-file", "Cargo.toml", 2),
        ("parse-error", "crates/broken/Cargo.toml", 1),
    ]


def test_auto_discovered_binaries_and_default_lib() -> None:
    api = _workspace().packages[0]
    assert api.root == "crates/api"
    assert api.manifest == "crates/api/Cargo.toml"
    assert api.lib == "crates/api/src/lib.rs"
    assert api.bins == (
        Binary("api", "crates/api/src/main.rs"),
        Binary("other_one", "crates/api/src/bin/other_one.rs"),
        Binary("tool", "crates/api/src/bin/tool/main.rs"),
    )


def test_explicit_bin_lib_path_and_autobins_off() -> None:
    cli = _workspace().packages[1]
    assert cli.lib == "crates/cli/src/core.rs"
    assert cli.bins == (Binary("ops", "crates/cli/src/bin/x.rs"),)


def test_workspace_inheritance_renames_and_target_dependencies() -> None:
    api = _workspace().packages[0]
    assert api.description == "shared desc"
    assert api.version == "0.3.0"
    assert api.dependencies == {
        "axum": Dependency("axum", "axum", "0.7.9", workspace=True),
        "web_thing": Dependency("web_thing", "actix-web", "4.9.0", workspace=True),
        "serde": Dependency("serde", "serde", "1.0.200"),
        "nix": Dependency("nix", "nix", "0.27"),
    }
    assert api.dependency("actix-web") == api.dependencies["web_thing"]


def test_lock_picks_the_version_of_this_packages_entry() -> None:
    cli = _workspace().packages[1]
    assert cli.dependencies["axum"].version == "0.6.20"
    assert cli.dependencies["api"] == Dependency("api", "api", "0.3.0", path="crates/api")


def test_single_package_without_lock_uses_requirements(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.rs").write_text("fn main() {}\n")
    (tmp_path / "Cargo.toml").write_text(
        '[package]\nname = "svc"\n[dependencies.rocket]\nversion = "0.5"\n'
        '[[bin]]\nname = "svc-admin"\npath = "src/main.rs"\n'
    )
    workspace = _workspace(tmp_path)
    (svc,) = workspace.packages
    assert svc.root == ""
    assert svc.lib is None
    # the explicit [[bin]] takes the path of src/main.rs, so no second binary is inferred
    assert svc.bins == (Binary("svc-admin", "src/main.rs"),)
    assert svc.dependencies["rocket"].version == "0.5"
    assert workspace.diagnostics == ()


def test_unreadable_root_manifest_is_a_diagnostic(tmp_path: Path) -> None:
    (tmp_path / "Cargo.toml").write_text("[package]\nname = \n")
    workspace = _workspace(tmp_path)
    assert workspace.packages == ()
    assert [(d.rule, d.line) for d in workspace.diagnostics] == [("parse-error", 2)]


def test_member_outside_root_is_refused(tmp_path: Path) -> None:
    (tmp_path / "Cargo.toml").write_text('[workspace]\nmembers = ["../elsewhere"]\n')
    workspace = _workspace(tmp_path)
    assert [(d.rule, d.line) for d in workspace.diagnostics] == [("include-refused", 2)]
