"""Which axum routes each binary serves, and which routers no entry point reaches.

Each binary's `main` is evaluated; every `axum::serve(..)` / `Server::bind(..).serve(..)` it
reaches (through builder fns, across modules and into the package's lib) gives that binary's
routes. Afterwards every fn that builds routes no binary served is evaluated on its own, and its
routes are listed with `mounted=False` and an `unmounted-surface` diagnostic, never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from manifest_lint.canonical import canonical_path
from manifest_lint.extract.rust.axum import AxumEvaluator, RouteEntry, RouterVal, TupleVal
from manifest_lint.extract.rust.crate import text_in
from manifest_lint.extract.rust.values import UNKNOWN, Evaluator
from manifest_lint.model import Diagnostic, Route
from manifest_lint.parsing import language, node_line

if TYPE_CHECKING:
    import tree_sitter

    from manifest_lint.canonical import PathSyntax
    from manifest_lint.extract.rust.cargo import Package
    from manifest_lint.extract.rust.crate import Crate, CrateSet, Item
    from manifest_lint.parsing import Limits

_REGISTRATIONS = {
    "route",
    "route_service",
    "nest_service",
    "route_with_tsr",
    "routes",  # utoipa-axum
    "api_route",  # aide
    "api_route_with",
    "nest_api_service",
    *(f"typed_{m}" for m in ("get", "post", "put", "patch", "delete", "head", "options", "trace", "connect")),
}
# One C-level scan per fn instead of a Python `in` per name (160k calls on a 10k-route crate).
_REGISTRATION_BYTES = re.compile(b"|".join(re.escape(name.encode()) for name in sorted(_REGISTRATIONS)))
_BRACED_PARAM = re.compile(r"\{[^{}/]*\}")
_SENTINEL = "\ue000"


@dataclass(frozen=True, slots=True)
class AxumVersion:
    """The axum a package is written against: `label` for `Route.framework`, `syntax` for paths."""

    label: str
    syntax: PathSyntax
    inferred: bool = False


def axum_version(package: Package) -> AxumVersion | None:
    """From the package's own lock entry (cargo.py prefers it over the requirement), else None."""
    dependency = package.dependency("axum")
    if dependency is None:
        return None
    raw = dependency.version or ""
    found = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", raw)
    if found is None:
        return AxumVersion("axum", "axum-0.7", inferred=True)
    major, minor = int(found.group(1)), int(found.group(2))
    syntax: PathSyntax = "axum-0.8" if (major, minor) >= (0, 8) else "axum-0.7"
    return AxumVersion(f"axum@{found.group(0)}", syntax)


@dataclass(slots=True)
class AxumResult:
    routes: list[Route] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def extract_axum(
    package: Package,
    crates: CrateSet,
    version: AxumVersion,
    limits: Limits,
    covered: set[tuple[str, int]] | None = None,
) -> AxumResult:
    """Routes per binary of `package`, plus unmounted routers.

    `covered` holds the (file, line) of registrations already served (by other packages'
    binaries); this package's served ones are added to it.
    """
    result = AxumResult()
    strings = Evaluator(crates)
    tail = "{*tail}" if version.syntax == "axum-0.8" else "*tail"
    served: list[tuple[str | None, RouteEntry]] = []
    current_binary: list[str | None] = [None]

    def on_serve(router: RouterVal, _file: str, _line: int) -> None:
        served.extend((current_binary[0], entry) for entry in router.routes)
        result.diagnostics.extend(_overlaps(router.routes))

    evaluator = AxumEvaluator(
        crates,
        strings,
        axum_crates=frozenset({"axum", "axum_extra", "utoipa_axum", "aide"}),
        on_serve=on_serve,
        tail_param=tail,
        max_nesting=limits.max_nesting,
    )
    own_crates = [
        c for c in crates.crates.values() if c.name == package.name.replace("-", "_") or c.kind == "bin"
    ]
    for crate in own_crates:
        if crate.kind != "bin":
            continue
        main = crate.modules[("crate",)].items.get("main") if ("crate",) in crate.modules else None
        if main is None or main.kind != "fn":
            continue
        current_binary[0] = crate.binary
        try:
            returned = evaluator.call_function(main, [], 0)
        except RecursionError:  # a last resort: the depth limits should always stop earlier
            result.diagnostics.append(
                Diagnostic(
                    "limit-exceeded",
                    "router code nests too deeply to evaluate; binary skipped",
                    main.file,
                    main.line,
                )
            )
            continue
        if isinstance(returned, RouterVal):  # shuttle-style mains return the app instead of serving it
            on_serve(returned, main.file, main.line)
    current_binary[0] = None
    seen: set[tuple[str | None, RouteEntry]] = set()
    for binary, entry in served:
        if (binary, entry) not in seen:
            seen.add((binary, entry))
            result.routes.append(_route(entry, version, binary, mounted=True, diagnostics=result.diagnostics))
    covered = covered if covered is not None else set()
    covered.update((entry.file, entry.line) for _, entry in served)
    evaluator.on_serve = None
    _unmounted(evaluator, own_crates, covered, version, result)
    result.diagnostics.extend(strings.diagnostics)
    result.diagnostics.extend(evaluator.diagnostics)
    return result


def _unmounted(
    evaluator: AxumEvaluator,
    crates: list[Crate],
    covered: set[tuple[str, int]],
    version: AxumVersion,
    result: AxumResult,
) -> None:
    candidates: list[tuple[Item, str | None, tuple[RouteEntry, ...]]] = []
    for crate in crates:
        for item, data in _functions_that_may_register(crate):
            lines = _registration_lines(item, data)
            if not lines or lines <= covered:
                continue
            mark = len(evaluator.diagnostics), len(evaluator.strings.diagnostics)
            try:
                value = evaluator.call_function(item, [], 0)
            except RecursionError:
                value = None
            if isinstance(value, TupleVal) and value.items:  # utoipa-axum `split_for_parts()`: (router, api)
                value = value.items[0]
            fresh = (
                tuple(e for e in value.routes if (e.file, e.line) not in covered)
                if isinstance(value, RouterVal)
                else ()
            )
            if fresh:
                candidates.append((item, crate.binary, fresh))
            else:  # problems met while evaluating a fn that turned out to be served already
                del evaluator.diagnostics[mark[0] :]
                del evaluator.strings.diagnostics[mark[1] :]
    kept: list[tuple[Item, str | None, tuple[RouteEntry, ...]]] = []
    for index, (item, binary, entries) in enumerate(candidates):
        lines = {(e.file, e.line) for e in entries}
        dominated = any(
            lines < {(e.file, e.line) for e in other}
            or (lines == {(e.file, e.line) for e in other} and other_index < index)
            for other_index, (_, _, other) in enumerate(candidates)
            if other_index != index
        )
        if not dominated:
            kept.append((item, binary, entries))
    for item, binary, entries in kept:
        result.diagnostics.append(
            Diagnostic(
                "unmounted-surface",
                f"router built by {item.qualified.removeprefix('crate::')} ({len(entries)} routes) "
                "is not served by any binary entry point",
                item.file,
                item.line,
            )
        )
        result.routes.extend(
            _route(e, version, binary, mounted=False, diagnostics=result.diagnostics) for e in entries
        )


def _functions_that_may_register(crate: Crate) -> list[tuple[Item, bytes]]:
    """Every fn of `crate` with its file's bytes, in crate order, leaving out the files that never
    name a registration method: one byte scan per file instead of one per fn (most fns are handlers)."""
    found: list[tuple[Item, bytes]] = []
    registers: dict[str, bool] = {}
    for module in crate.modules.values():
        data = module.parsed.data
        if module.file not in registers:
            registers[module.file] = _REGISTRATION_BYTES.search(data) is not None
        if registers[module.file]:
            found.extend((item, data) for item in module.items.values() if item.kind == "fn")
    return found


def _registration_lines(item: Item, data: bytes | None) -> set[tuple[str, int]]:
    """(file, line) of every `.route(`-like method call in a fn body, found iteratively.

    Most fns (handlers) register nothing: a byte search of the fn's text rules them out before
    any node is visited (the walk over every fn was 2 s of a 10k-route crate).
    """
    found: set[tuple[str, int]] = set()
    body = data[item.node.start_byte : item.node.end_byte] if data is not None else item.node.text or b""
    if _REGISTRATION_BYTES.search(body) is None:
        return found
    import tree_sitter

    # A query visits the fn's nodes in C; the former Python walk over every node was 1 s of a 10k-route crate.
    for node in tree_sitter.QueryCursor(_field_query()).captures(item.node).get("field", []):
        if text_in(node, data) in _REGISTRATIONS:
            found.add((item.file, node_line(node)))
    return found


@cache
def _field_query() -> tree_sitter.Query:
    import tree_sitter

    return tree_sitter.Query(language("rust"), "(field_identifier) @field")


def canonical_of(uri: str, syntax: PathSyntax) -> str:
    """`canonical_path`, keeping unknown parts (`{?}`) visible as `{?}`."""
    return canonical_path(uri.replace(UNKNOWN, _SENTINEL), syntax).replace(_SENTINEL, UNKNOWN)


def _route(
    entry: RouteEntry,
    version: AxumVersion,
    binary: str | None,
    *,
    mounted: bool,
    diagnostics: list[Diagnostic],
) -> Route:
    notes = list(entry.notes)
    uri = entry.path
    if entry.complete and not uri.startswith("/"):
        diagnostics.append(
            Diagnostic(
                "invalid-registration",
                f"route path {uri!r} does not start with '/'; axum panics at startup",
                entry.file,
                entry.line,
            )
        )
    mismatch = _syntax_mismatch(uri, version.syntax)
    if mismatch:
        notes.append("syntax-version-mismatch")
        if version.syntax == "axum-0.8":
            notes.append("would-panic")
        diagnostics.append(
            Diagnostic("syntax-version-mismatch", f"{uri}: {mismatch}", entry.file, entry.line)
        )
    if not entry.complete:
        status = "unresolved" if uri.replace(UNKNOWN, "") in ("", "/") else "partial"
    elif entry.method == "?" or entry.action == "?":
        status = "partial"
    else:
        status = "resolved"
    return Route(
        stack="rust",
        file=entry.file,
        line=entry.line,
        condition=entry.condition,
        notes=tuple(dict.fromkeys(notes)),
        method=entry.method,
        uri=uri,
        canonical_uri=canonical_of(uri, version.syntax),
        action=entry.action,
        middleware=entry.middleware,
        framework=version.label,
        binary=binary,
        status=status,  # type: ignore[arg-type]
        mounted=mounted,
    )


def _syntax_mismatch(uri: str, syntax: PathSyntax) -> str | None:
    """Per `/` segment: a `{..}` inside one segment, or a segment starting with `:` or `*`
    (matched on the whole path at once: a per-segment regex was 0.15 s at 10k routes)."""
    known = uri.replace(UNKNOWN, "")
    if syntax == "axum-0.7" and _BRACED_PARAM.search(known):
        return "`{param}` is axum 0.8 syntax; axum 0.7 matches the braces literally"
    if syntax == "axum-0.8" and (known.startswith((":", "*")) or "/:" in known or "/*" in known):
        return "`:param`/`*rest` is axum 0.7 syntax; axum 0.8 panics at startup"
    return None


def _overlaps(routes: tuple[RouteEntry, ...]) -> list[Diagnostic]:
    """Same method twice on one path of one served app: axum panics ("Overlapping method route")."""
    found: list[Diagnostic] = []
    seen: dict[tuple[str, str], RouteEntry] = {}
    for route in routes:
        if route.condition is not None or route.method == "?" or not route.complete:
            continue
        first = seen.setdefault((route.method, route.path), route)
        if first is not route and (first.file, first.line) != (route.file, route.line):
            found.append(
                Diagnostic(
                    "invalid-registration",
                    f"{route.method} {route.path} registered twice (first at {first.file}:{first.line}); "
                    "axum panics with an overlapping method route",
                    route.file,
                    route.line,
                )
            )
    return found
