"""Generated axum crates with a known route table must round-trip exactly (hypothesis).

Each example is a tree of router-building fns, one module file per fn, with random routes
(literal or from a constants module), method chains, `nest`, `merge` and `route_layer`s at
random positions. The expected table is computed by a small independent model of axum's rules.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from itertools import count
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from manifest_lint.extract import extract

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class RouteOp:
    path: str
    methods: tuple[str, ...]
    const: bool


@dataclass(frozen=True)
class LayerOp:
    name: str


@dataclass(frozen=True)
class NestOp:
    prefix: str
    child: tuple[object, ...]


@dataclass(frozen=True)
class MergeOp:
    child: tuple[object, ...]


def _ops(depth: int) -> st.SearchStrategy[tuple[object, ...]]:
    route = st.builds(
        RouteOp,
        path=st.sampled_from(["/", "/a", "/b/:id", "/c/*rest", "/d/e"]),
        methods=st.lists(st.sampled_from(METHODS), min_size=1, max_size=3, unique=True).map(tuple),
        const=st.booleans(),
    )
    layer = st.builds(LayerOp, name=st.sampled_from(["mw_auth", "mw_admin", "mw_trace"]))
    options: list[st.SearchStrategy[object]] = [route, route, layer]
    if depth < 2:
        options.append(
            st.builds(
                NestOp,
                prefix=st.sampled_from(["/n", "/api", "/v1/x"]),
                child=st.deferred(lambda: _ops(depth + 1)),
            )
        )
        options.append(st.builds(MergeOp, child=st.deferred(lambda: _ops(depth + 1))))
    return st.lists(st.one_of(options), min_size=1, max_size=5).map(tuple)


def _join(prefix: str, inner: str) -> str:
    return prefix if inner == "/" else prefix + inner


class Crate:
    """Renders ops as Rust and models the routes axum would register."""

    def __init__(self) -> None:
        self.files: dict[str, str] = {}
        self.consts: dict[str, str] = {}
        self.ids = count()
        self.uniq = count()

    def router(self, ops: tuple[object, ...]) -> tuple[str, list[tuple[str, str, tuple[str, ...]]]]:
        """(module name, expected routes relative to this router) for one router fn."""
        name = f"r{next(self.ids)}"
        chain = ["Router::new()"]
        table: list[tuple[str, str, tuple[str, ...]]] = []
        for op in ops:
            if isinstance(op, RouteOp):
                path = f"/u{next(self.uniq)}" + ("" if op.path == "/" else op.path)
                if op.const:
                    const = f"P{len(self.consts)}"
                    self.consts[const] = path
                    literal = f"crate::paths::{const}" if len(self.consts) % 2 else const
                else:
                    literal = f'"{path}"'
                methods = ".".join(f"{m}(crate::h)" for m in op.methods)
                chain.append(f".route({literal}, {methods})")
                table.extend((m.upper(), path, ()) for m in op.methods)
            elif isinstance(op, LayerOp):
                # route_layer on a router without routes panics in axum; .layer does not
                kind = "route_layer" if table else "layer"
                chain.append(f".{kind}(from_fn(crate::{op.name}))")
                table = [(m, p, (op.name, *mw)) for m, p, mw in table]
            elif isinstance(op, NestOp):
                child, routes = self.router(op.child)
                chain.append(f'.nest("{op.prefix}", super::{child}::build())')
                table.extend((m, _join(op.prefix, p), mw) for m, p, mw in routes)
            elif isinstance(op, MergeOp):
                child, routes = self.router(op.child)
                chain.append(f".merge(super::{child}::build())")
                table.extend(routes)
        body = "\n        ".join(chain)
        self.files[f"src/routers/{name}.rs"] = (
            "use axum::middleware::from_fn;\nuse axum::routing::*;\nuse axum::Router;\n"
            "use crate::paths::*;\n\n"
            f"pub fn build() -> Router {{\n    {body}\n}}\n"
        )
        return name, table

    def write(self, root: Path, top: str) -> None:
        modules = sorted(p.removeprefix("src/routers/").removesuffix(".rs") for p in self.files)
        self.files["src/routers/mod.rs"] = "".join(f"pub mod {m};\n" for m in modules)
        self.files["src/paths.rs"] = "".join(
            f'pub const {k}: &str = "{v}";\n' for k, v in self.consts.items()
        )
        self.files["src/main.rs"] = (
            "mod paths;\nmod routers;\n\npub async fn h() {}\npub async fn mw_auth() {}\n"
            "pub async fn mw_admin() {}\npub async fn mw_trace() {}\n\n#[tokio::main]\nasync fn main() {\n"
            '    let listener = tokio::net::TcpListener::bind("0.0.0.0:0").await.unwrap();\n'
            f"    axum::serve(listener, routers::{top}::build()).await.unwrap();\n}}\n"
        )
        self.files["Cargo.toml"] = (
            '[package]\nname = "gen"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.7"\n'
        )
        for rel, text in self.files.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ops(0))
def test_generated_crates_round_trip(ops: tuple[object, ...]) -> None:
    crate = Crate()
    top, expected = crate.router(ops)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        crate.write(root, top)
        manifest = extract(root)
    assert manifest.diagnostics == ()
    assert sorted((r.method, r.uri, r.middleware) for r in manifest.routes) == sorted(expected)
    assert all(r.mounted and r.binary == "gen" and r.action == "crate::h" for r in manifest.routes)
