"""The one data model every stage shares.

Extractors turn source trees into a `Manifest` of surfaces plus diagnostics; matching, rules and
reporters only ever see these frozen values, never tree-sitter nodes or framework objects.
Paths in every record are POSIX paths relative to the project root the extractor was given
(`Manifest.root` says which root that is), so reports never depend on where a checkout lives.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable

Stack = Literal["laravel", "rust"]
Severity = Literal["error", "warning", "info"]
SurfaceKind = Literal["route", "page", "command", "table"]
ResolveStatus = Literal["resolved", "partial", "unresolved"]

SEVERITY_RANK: dict[Severity, int] = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class Surface:
    """Something a user or operator can reach: a route, a page, a command or a table.

    `condition` names what registration depends on (an environment check, a `cfg`, a config
    flag); `None` means unconditional. `notes` carries short machine-readable facts such as
    `opaque-service` or `syntax-version-mismatch`.
    """

    kind: ClassVar[SurfaceKind]
    stack: Stack
    file: str
    line: int
    condition: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The stable semantic id (used by matching, baselines and fingerprints)."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True, kw_only=True)
class Route(Surface):
    """One HTTP method at one path. HEAD implied by GET is never listed on its own.

    `uri` is the path as the framework registers it, with a leading `/` and the framework's own
    parameter syntax; `canonical_uri` is the cross-stack comparison form (see `canonical.py`).
    """

    kind: ClassVar[SurfaceKind] = "route"
    method: str
    uri: str
    canonical_uri: str
    name: str | None = None
    action: str | None = None
    middleware: tuple[str, ...] = ()
    domain: str | None = None
    framework: str | None = None
    binary: str | None = None
    page: str | None = None
    status: ResolveStatus = "resolved"
    mounted: bool = True

    @property
    def key(self) -> str:
        host = f"{self.domain} " if self.domain else ""
        return f"{self.method} {host}{self.canonical_uri}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Page(Surface):
    """An Inertia page component file; `component` is the name `Inertia::render` uses."""

    kind: ClassVar[SurfaceKind] = "page"
    component: str

    @property
    def key(self) -> str:
        return f"page {self.component}"


@dataclass(frozen=True, slots=True, kw_only=True)
class CommandParam:
    """One argument or option of a console command, as its signature grammar defines it."""

    name: str
    required: bool = False
    array: bool = False
    accepts_value: bool = True
    default: str | bool | tuple[str, ...] | None = None
    shortcut: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Command(Surface):
    """An operator command: an Artisan command or a clap subcommand path (`ops:rotate-keys`)."""

    kind: ClassVar[SurfaceKind] = "command"
    name: str
    description: str | None = None
    hidden: bool = False
    aliases: tuple[str, ...] = ()
    arguments: tuple[CommandParam, ...] = ()
    options: tuple[CommandParam, ...] = ()
    binary: str | None = None
    status: ResolveStatus = "resolved"

    @property
    def key(self) -> str:
        return f"command {self.name}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Table(Surface):
    """A database table as the migrations leave it; `file`/`line` point at the last migration touching it."""

    kind: ClassVar[SurfaceKind] = "table"
    name: str
    operations: tuple[str, ...] = ()
    migrations: tuple[str, ...] = ()
    dropped: bool = False

    @property
    def key(self) -> str:
        return f"table {self.name}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem the extractor met: always with file:line, never a silent skip.

    `rule` is the kebab-case rule name from the catalog (`rules/catalog.toml`); `severity`
    `None` means the catalog default.
    """

    rule: str
    message: str
    file: str
    line: int
    severity: Severity | None = None


@dataclass(frozen=True, slots=True)
class Manifest:
    """Everything one extractor found in one project root."""

    stack: Stack
    root: str
    framework: str | None
    surfaces: tuple[Surface, ...]
    diagnostics: tuple[Diagnostic, ...]
    inputs: tuple[str, ...] = field(default=())
    # Set by `sorted()`: the very tuples it produced, so sorting an already sorted manifest again
    # (every stage asks for the canonical order) costs nothing. Compared by identity, so a
    # `replace()` with new surfaces, diagnostics or inputs is sorted afresh.
    sorted_parts: tuple[object, ...] | None = field(default=None, compare=False, repr=False)

    def of_kind(self, kind: SurfaceKind) -> tuple[Surface, ...]:
        return tuple(s for s in self.surfaces if s.kind == kind)

    @property
    def routes(self) -> tuple[Route, ...]:
        return tuple(s for s in self.surfaces if isinstance(s, Route))

    def sorted(self) -> Manifest:
        """A copy in the one deterministic order every output uses (self when already in it)."""
        parts = self.sorted_parts
        if (
            parts is not None
            and parts[0] is self.surfaces
            and parts[1] is self.diagnostics
            and parts[2] is self.inputs
        ):
            return self
        surfaces = sort_surfaces(self.surfaces)
        diagnostics = tuple(sorted(set(self.diagnostics), key=diagnostic_sort_key))
        inputs = tuple(sorted(set(self.inputs)))
        return replace(
            self,
            surfaces=surfaces,
            diagnostics=diagnostics,
            inputs=inputs,
            sorted_parts=(surfaces, diagnostics, inputs),
        )


_KIND_ORDER: dict[SurfaceKind, int] = {"route": 0, "page": 1, "command": 2, "table": 3}


def _primary_key(surface: Surface) -> tuple[int, tuple[str, ...], str, int]:
    if isinstance(surface, Route):
        natural: tuple[str, ...] = (
            surface.uri,
            surface.method,
            surface.domain or "",
            surface.binary or "",
        )
    elif isinstance(surface, Page):
        natural = (surface.component,)
    elif isinstance(surface, Command):
        natural = (surface.name, surface.binary or "")
    elif isinstance(surface, Table):
        natural = (surface.name,)
    else:
        natural = ()
    return (_KIND_ORDER[surface.kind], natural, surface.file, surface.line)


def surface_sort_key(surface: Surface) -> tuple[object, ...]:
    """Total order: kind, then the kind's natural key, then location, then every field (repr)."""
    return (*_primary_key(surface), repr(surface))


def sort_surfaces(surfaces: Iterable[Surface]) -> tuple[Surface, ...]:
    """`sorted(surfaces, key=surface_sort_key)` without building a repr for every surface.

    The repr only breaks ties, and ties are rare, so it is computed within tied runs only: on a
    10k-route manifest the repr was most of the sorting time.
    """
    keyed = sorted(((_primary_key(s), s) for s in surfaces), key=lambda pair: pair[0])
    ordered: list[Surface] = []
    start = 0
    while start < len(keyed):
        end = start + 1
        while end < len(keyed) and keyed[end][0] == keyed[start][0]:
            end += 1
        run = [surface for _key, surface in keyed[start:end]]
        if len(run) > 1:
            run.sort(key=repr)
        ordered.extend(run)
        start = end
    return tuple(ordered)


def diagnostic_sort_key(diagnostic: Diagnostic) -> tuple[str, int, str, str]:
    return (diagnostic.file, diagnostic.line, diagnostic.rule, diagnostic.message)


@dataclass(frozen=True, slots=True)
class Finding:
    """One reportable result of `check`: a rule firing on a surface or plan entry.

    `file` is relative to the repository root (the directory holding the config), so reporters
    can emit it as is. `surface` is the semantic id (`GET /api/me`, `command ops:x`), which with
    `code` makes the location-independent `fingerprint` used by baselines and `--new-since`.
    """

    code: str
    rule: str
    severity: Severity
    message: str
    file: str
    line: int
    surface: str | None = None
    issues: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        import hashlib

        identity = "\x1f".join(
            (self.code, self.surface or self.message, self.file if self.surface is None else "")
        )
        return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:16]


def finding_sort_key(finding: Finding) -> tuple[str, int, str, str, str]:
    return (finding.file, finding.line, finding.code, finding.surface or "", finding.message)


@dataclass(frozen=True, slots=True)
class ScoreRow:
    """Progress of one plan issue or domain: how many owned surfaces are ported, retired, left."""

    key: str
    title: str | None
    owned: int
    ported: int
    retired: int
    remaining: int

    @property
    def percent_done(self) -> float:
        total = self.owned
        return 100.0 if total == 0 else round(100.0 * (self.ported + self.retired) / total, 1)


@dataclass(frozen=True, slots=True)
class Scoreboard:
    total: ScoreRow
    domains: tuple[ScoreRow, ...]
    issues: tuple[ScoreRow, ...]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """Everything `check` produced: what reporters render and what decides the exit code."""

    findings: tuple[Finding, ...]
    scoreboard: Scoreboard | None
    manifests: tuple[Manifest, ...] = ()
