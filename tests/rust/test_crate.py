"""Module tree and name resolution of a hand-written crate (tests/fixtures/rust/axum-modules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from manifest_lint.extract.rust.crate import CrateSet, External, Item, ModuleRef, load_crate
from manifest_lint.parsing import SourceSet

FIXTURE = Path(__file__).parent.parent / "fixtures" / "rust" / "axum-modules"


@pytest.fixture(scope="module")
def crates() -> CrateSet:
    crate = load_crate(SourceSet(FIXTURE), name="modular_api", kind="lib", root_file="src/lib.rs")
    assert crate.diagnostics == []
    return CrateSet({"modular_api": crate})


def test_module_tree_follows_files_path_attributes_and_skips_test_modules(crates: CrateSet) -> None:
    crate = crates.crates["modular_api"]
    assert {path: module.file for path, module in crate.modules.items()} == {
        ("crate",): "src/lib.rs",
        ("crate", "paths"): "src/paths.rs",
        ("crate", "http"): "src/http/mod.rs",
        ("crate", "http", "routes"): "src/http/routes/mod.rs",
        ("crate", "http", "routes", "admin"): "src/http/routes/admin.rs",
        ("crate", "http", "handlers"): "src/http/handlers.rs",
        ("crate", "prelude"): "src/lib.rs",
        ("crate", "helpers"): "src/support/odd_name.rs",
    }


@pytest.mark.parametrize(
    ("segments", "expected"),
    [
        (("WRAPPED",), "crate::paths::WRAPPED"),  # own use
        (("ITEMS",), "crate::paths::ITEMS"),  # through `use super::*` (two hops)
        (("API_PREFIX",), "crate::paths::API"),  # renamed in a grouped import
        (("handlers", "show"), "crate::http::handlers::show"),  # `self` in a use list
        (("list_items",), "crate::http::handlers::list"),
        (("crate", "helpers", "ping"), "crate::helpers::ping"),  # #[path]
        (("crate", "http", "build_router"), "crate::http::routes::build"),  # pub use re-export
        (("super", "build"), "crate::http::routes::build"),
        (("get",), "axum::routing::get"),  # pub use in a prelude, globbed
        (("Router",), "axum::Router"),
    ],
)
def test_resolution(crates: CrateSet, segments: tuple[str, ...], expected: str) -> None:
    module = crates.crates["modular_api"].modules[("crate", "http", "routes", "admin")]
    found = crates.resolve(module, segments)
    assert isinstance(found, (Item, External))
    assert found.qualified == expected


def test_module_references_and_unknown_names(crates: CrateSet) -> None:
    module = crates.crates["modular_api"].modules[("crate",)]
    assert crates.resolve(module, ("http", "routes")) == ModuleRef("modular_api", ("crate", "http", "routes"))
    assert crates.resolve(module, ("tests", "stub")) == External(("tests", "stub"))
    assert crates.lookup_item(module, ("paths", "NOPE")) is None


def test_cyclic_globs_terminate(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "lib.rs").write_text(
        "mod a { pub use super::b::*; }\nmod b { pub use super::a::*; }\n"
    )
    crate = load_crate(SourceSet(tmp_path), name="c", kind="lib", root_file="src/lib.rs")
    crates = CrateSet({"c": crate})
    # Terminates; a name found nowhere is taken as an extern crate, as rustc would try.
    assert crates.resolve(crate.modules[("crate", "a")], ("missing",)) == External(("missing",))
    assert crates.resolve(crate.modules[("crate", "a")], ("self", "missing")) is None


def test_missing_module_file_is_a_diagnostic(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.rs").write_text("mod gone;\nfn main() {}\n")
    crate = load_crate(SourceSet(tmp_path), name="c", kind="bin", root_file="src/main.rs")
    assert [(d.rule, d.file, d.line) for d in crate.diagnostics] == [("missing-file", "src/main.rs", 1)]


def test_handler_named_like_a_module_resolves_to_the_fn(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "lib.rs").write_text(
        "pub mod feed { pub fn helper() {} }\nmod handlers { pub async fn feed() {} }\nuse handlers::feed;\n"
    )
    crate = load_crate(SourceSet(tmp_path), name="c", kind="lib", root_file="src/lib.rs")
    crates = CrateSet({"c": crate})
    root = crate.modules[("crate",)]
    assert crates.qualified(root, ("feed",)) == "crate::handlers::feed"  # value namespace
    assert crates.resolve(root, ("feed", "helper")) == crate.modules[("crate", "feed")].items["helper"]


def test_path_attribute_is_relative_to_the_file_and_may_not_leave_the_root(tmp_path: Path) -> None:
    (tmp_path / "src" / "nested").mkdir(parents=True)
    (tmp_path / "src" / "nested" / "real.rs").write_text('pub const X: &str = "/x";\n')
    (tmp_path / "src" / "api.rs").write_text(
        '#[path = "nested/real.rs"]\npub mod inner;\n#[path = "../../evil.rs"]\nmod evil;\n'
    )
    (tmp_path / "src" / "lib.rs").write_text("pub mod api;\n")
    crate = load_crate(SourceSet(tmp_path), name="c", kind="lib", root_file="src/lib.rs")
    assert crate.modules[("crate", "api", "inner")].file == "src/nested/real.rs"
    assert [(d.rule, d.file, d.line) for d in crate.diagnostics] == [
        ("include-refused", "src/api.rs", 4)
    ]  # the `mod evil;` line
