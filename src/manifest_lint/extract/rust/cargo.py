"""What Cargo.toml / Cargo.lock say about a crate or workspace: packages, targets, dependencies.

Nothing is run (no `cargo metadata`): the manifests are read as TOML and Cargo's own rules for
members, target auto-discovery, `workspace = true` inheritance and lock-file entries are
re-applied here, so extractors know each package's lib and binaries and which framework
version (exactly, from the lock) the code is written against.
"""

from __future__ import annotations

import fnmatch
import posixpath
import re
import tomllib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from manifest_lint.model import Diagnostic

if TYPE_CHECKING:
    from pathlib import Path

    from manifest_lint.parsing import SourceSet

_MAX_MEMBERS = 2000


@dataclass(frozen=True, slots=True)
class Binary:
    """One `[[bin]]` target, explicit or auto-discovered; `path` is relative to the root."""

    name: str
    path: str


@dataclass(frozen=True, slots=True)
class Dependency:
    """A dependency as code sees it: `key` is the identifier in `use` paths (`-` → `_`)."""

    key: str
    package: str
    version: str | None
    workspace: bool = False
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Package:
    """One Cargo package; every path is POSIX and relative to the project root (`""` = the root)."""

    name: str
    root: str
    manifest: str
    lib: str | None
    bins: tuple[Binary, ...]
    dependencies: dict[str, Dependency] = field(default_factory=dict)
    description: str | None = None
    version: str | None = None

    def dependency(self, package: str) -> Dependency | None:
        """The dependency on the crate published as `package`, whatever key it is renamed to."""
        for dep in self.dependencies.values():
            if dep.package == package:
                return dep
        return None


@dataclass(frozen=True, slots=True)
class Workspace:
    """Every package under the root; `root` is the project root as given (POSIX, absolute)."""

    root: str
    packages: tuple[Package, ...]
    diagnostics: tuple[Diagnostic, ...]

    def package_named(self, name: str) -> Package | None:
        for package in self.packages:
            if package.name == name:
                return package
        return None

    def path_members(self, package: Package) -> list[Package]:
        """Workspace packages `package` reaches through path dependencies, nearest first."""
        by_root = {p.root: p for p in self.packages}
        found: list[Package] = []
        seen = {package.root}
        pending = [package]
        while pending:
            for dependency in pending.pop(0).dependencies.values():
                member = by_root.get(dependency.path) if dependency.path is not None else None
                if member is not None and member.root not in seen:
                    seen.add(member.root)
                    found.append(member)
                    pending.append(member)
        return found


def _join(base: str, rel: str) -> str:
    joined = posixpath.normpath(posixpath.join(base, rel)) if base else posixpath.normpath(rel)
    return "" if joined == "." else joined


class _Reader:
    """Collects diagnostics while reading the TOML files of one workspace."""

    def __init__(self, sources: SourceSet) -> None:
        self.sources = sources
        self.diagnostics: list[Diagnostic] = []

    def toml(self, rel: str, *, line: int = 1, referrer: str | None = None) -> dict[str, object] | None:
        data = self.sources.read(rel, line=line, referrer=referrer)
        if isinstance(data, tuple):
            self.diagnostics.extend(data)
            return None
        try:
            return tomllib.loads(data.decode("utf-8"))
        except UnicodeDecodeError as error:
            self.diagnostics.append(
                Diagnostic(
                    "encoding-error", f"{rel}: not valid UTF-8 (byte {error.start}); file ignored", rel, 1
                )
            )
        except tomllib.TOMLDecodeError as error:
            found = re.search(r"line (\d+)", str(error))
            self.diagnostics.append(
                Diagnostic(
                    "parse-error",
                    f"{rel}: invalid TOML ({error}); file ignored",
                    rel,
                    int(found.group(1)) if found else 1,
                )
            )
        return None

    def note(self, rule: str, message: str, file: str, line: int = 1) -> None:
        self.diagnostics.append(Diagnostic(rule, message, file, line))


def _table(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _strings(value: object) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _line_of(sources: SourceSet, rel: str, needle: str) -> int:
    """The first line of `rel` mentioning `needle` (TOML values carry no positions)."""
    data = sources.read(rel)
    if isinstance(data, tuple):
        return 1
    for number, text in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        if needle in text:
            return number
    return 1


def read_workspace(root: Path, sources: SourceSet) -> Workspace:
    """The packages of the crate or workspace whose `Cargo.toml` sits at the root."""
    reader = _Reader(sources)
    top = reader.toml("Cargo.toml")
    if top is None:
        return Workspace(sources.root.as_posix(), (), tuple(reader.diagnostics))
    workspace = _table(top.get("workspace"))
    lock = _Lock.read(reader)
    member_dirs: list[str] = []
    if "package" in top:
        member_dirs.append("")
    if "workspace" in top:
        member_dirs.extend(_members(reader, workspace))
    packages: list[Package] = []
    seen: set[str] = set()
    queue = list(dict.fromkeys(member_dirs))
    while queue and len(seen) < _MAX_MEMBERS:
        directory = queue.pop(0)
        if directory in seen:
            continue
        seen.add(directory)
        manifest = _join(directory, "Cargo.toml")
        data = top if directory == "" else reader.toml(manifest)
        if data is None:
            continue
        if "package" not in data:
            if directory:
                reader.note(
                    "unresolved-construct", f"{manifest}: no [package] table; not a package", manifest
                )
            continue
        package = _package(reader, directory, manifest, data, workspace, lock)
        packages.append(package)
        # Cargo makes path dependencies inside the workspace root members too.
        for dep in package.dependencies.values():
            if (
                dep.path is not None
                and dep.path not in seen
                and sources.exists(_join(dep.path, "Cargo.toml"))
            ):
                queue.append(dep.path)
    if queue:
        reader.note(
            "limit-exceeded",
            f"more than {_MAX_MEMBERS} workspace members; the rest are ignored",
            "Cargo.toml",
        )
    return Workspace(sources.root.as_posix(), tuple(packages), tuple(reader.diagnostics))


def _members(reader: _Reader, workspace: dict[str, object]) -> list[str]:
    sources = reader.sources
    patterns = _strings(workspace.get("members"))
    excludes = [_join("", p) for p in _strings(workspace.get("exclude"))]
    found: list[str] = []
    for pattern in patterns:
        line = _line_of(sources, "Cargo.toml", pattern)
        normal = _join("", pattern)
        if sources.relative(sources.root / normal) is None or normal.startswith(".."):
            reader.note(
                "include-refused",
                f"workspace member {pattern!r} lies outside the project root; not read",
                "Cargo.toml",
                line,
            )
            continue
        if any(char in normal for char in "*?["):
            matches = sorted(
                path.relative_to(sources.root).as_posix()
                for path in sources.root.glob(normal)
                if path.is_dir() and (path / "Cargo.toml").is_file() and sources.relative(path) is not None
            )
            if not matches:
                reader.note(
                    "missing-file",
                    f"workspace member glob {pattern!r} matches no package",
                    "Cargo.toml",
                    line,
                )
            found.extend(matches)
        elif sources.exists(_join(normal, "Cargo.toml")):
            found.append(normal)
        else:
            reader.note("missing-file", f"workspace member {pattern!r} has no Cargo.toml", "Cargo.toml", line)
    return [
        d
        for d in found
        if not any(d == ex or d.startswith(ex + "/") or fnmatch.fnmatch(d, ex) for ex in excludes)
    ]


def _inherited(value: object, workspace_table: dict[str, object], key: str) -> object:
    """A `[package]` field, resolving `field.workspace = true` from `[workspace.package]`."""
    if isinstance(value, dict) and value.get("workspace") is True:
        return workspace_table.get(key)
    return value


def _package(
    reader: _Reader,
    directory: str,
    manifest: str,
    data: dict[str, object],
    workspace: dict[str, object],
    lock: _Lock,
) -> Package:
    info = _table(data.get("package"))
    inherited = _table(workspace.get("package"))
    name = _str(info.get("name"))
    if name is None:
        name = posixpath.basename(directory) or "root"
        reader.note("unresolved-construct", f"{manifest}: [package] has no name; using {name!r}", manifest)
    version = _str(_inherited(info.get("version"), inherited, "version"))
    description = _str(_inherited(info.get("description"), inherited, "description"))
    dependencies = _dependencies(
        reader, directory, manifest, data, workspace, lock.dependency_versions(name, version)
    )
    return Package(
        name=name,
        root=directory,
        manifest=manifest,
        lib=_lib(reader.sources, directory, data, info),
        bins=_bins(reader, directory, manifest, name, data, info),
        dependencies=dependencies,
        description=description,
        version=version,
    )


def _lib(sources: SourceSet, directory: str, data: dict[str, object], info: dict[str, object]) -> str | None:
    lib = _table(data.get("lib"))
    explicit = _str(lib.get("path"))
    if explicit is not None:
        return _join(directory, explicit)
    if info.get("autolib") is False and "lib" not in data:
        return None
    default = _join(directory, "src/lib.rs")
    return default if sources.exists(default) or "lib" in data else None


def _bins(
    reader: _Reader,
    directory: str,
    manifest: str,
    name: str,
    data: dict[str, object],
    info: dict[str, object],
) -> tuple[Binary, ...]:
    sources = reader.sources
    inferred: list[Binary] = []
    main = _join(directory, "src/main.rs")
    if sources.exists(main):
        inferred.append(Binary(name, main))
    bin_dir = sources.root / _join(directory, "src/bin")
    if bin_dir.is_dir() and not bin_dir.is_symlink():
        for entry in sorted(bin_dir.iterdir()):
            rel = _join(directory, f"src/bin/{entry.name}")
            if entry.is_file() and entry.suffix == ".rs":
                inferred.append(Binary(entry.stem, rel))
            elif entry.is_dir() and not entry.is_symlink() and sources.exists(f"{rel}/main.rs"):
                inferred.append(Binary(entry.name, f"{rel}/main.rs"))
    declared: list[Binary] = []
    raw = data.get("bin")
    for entry in raw if isinstance(raw, list) else []:
        table = _table(entry)
        bin_name = _str(table.get("name"))
        explicit = _str(table.get("path"))
        if bin_name is None:
            reader.note(
                "unresolved-construct",
                f"{manifest}: a [[bin]] entry has no name; ignored",
                manifest,
                _line_of(sources, manifest, "[[bin]]"),
            )
            continue
        if explicit is not None:
            path = _join(directory, explicit)
        else:
            candidates = [f"src/bin/{bin_name}.rs", f"src/bin/{bin_name}/main.rs"] + (
                ["src/main.rs"] if bin_name == name else []
            )
            path = next(
                (_join(directory, c) for c in candidates if sources.exists(_join(directory, c))),
                _join(directory, candidates[0]),
            )
        if not sources.exists(path):
            reader.note(
                "missing-file",
                f"{manifest}: [[bin]] {bin_name!r} points at {path}, which does not exist",
                manifest,
                _line_of(sources, manifest, bin_name),
            )
        declared.append(Binary(bin_name, path))
    if info.get("autobins") is False:
        return tuple(declared)
    names = {b.name for b in declared}
    paths = {b.path for b in declared}
    return tuple(declared) + tuple(b for b in inferred if b.name not in names and b.path not in paths)


def _dependencies(
    reader: _Reader,
    directory: str,
    manifest: str,
    data: dict[str, object],
    workspace: dict[str, object],
    locked: dict[str, str],
) -> dict[str, Dependency]:
    tables: list[dict[str, object]] = [_table(data.get("dependencies"))]
    for target in _table(data.get("target")).values():
        tables.append(_table(_table(target).get("dependencies")))
    shared = _table(workspace.get("dependencies"))
    found: dict[str, Dependency] = {}
    for table in tables:
        for key, spec in table.items():
            from_workspace = False
            base = directory
            if isinstance(spec, dict) and spec.get("workspace") is True:
                from_workspace = True
                if key not in shared:
                    reader.note(
                        "unresolved-construct",
                        f"{manifest}: {key} uses workspace = true but [workspace.dependencies] has no {key}",
                        manifest,
                        _line_of(reader.sources, manifest, key),
                    )
                spec = shared.get(key, {})
                base = ""
            package = key
            requirement: str | None = None
            path: str | None = None
            if isinstance(spec, str):
                requirement = spec
            elif isinstance(spec, dict):
                package = _str(spec.get("package")) or key
                requirement = _str(spec.get("version"))
                raw_path = _str(spec.get("path"))
                if raw_path is not None:
                    path = _join(base, raw_path)
                    if path.startswith(".."):
                        path = None
            code_key = key.replace("-", "_")
            found[code_key] = Dependency(
                code_key, package, locked.get(package, requirement), from_workspace, path
            )
    return found


@dataclass(frozen=True, slots=True)
class _Lock:
    """Cargo.lock: every `[[package]]` with its version and its own dependency list."""

    entries: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    @staticmethod
    def read(reader: _Reader) -> _Lock:
        if not reader.sources.exists("Cargo.lock"):
            return _Lock()
        data = reader.toml("Cargo.lock")
        if data is None:
            return _Lock()
        raw = data.get("package")
        entries: list[tuple[str, str, tuple[str, ...]]] = []
        for item in raw if isinstance(raw, list) else []:
            table = _table(item)
            name, version = _str(table.get("name")), _str(table.get("version"))
            deps = table.get("dependencies")
            if name is not None and version is not None:
                entries.append(
                    (
                        name,
                        version,
                        tuple(d for d in deps if isinstance(d, str)) if isinstance(deps, list) else (),
                    )
                )
        return _Lock(tuple(entries))

    def versions(self, name: str) -> list[str]:
        return [version for entry_name, version, _ in self.entries if entry_name == name]

    def dependency_versions(self, package: str, version: str | None) -> dict[str, str]:
        """Exact versions of `package`'s dependencies, from its own lock entry where the lock has several."""
        own = [e for e in self.entries if e[0] == package and (version is None or e[1] == version)]
        if not own:
            own = [e for e in self.entries if e[0] == package]
        result: dict[str, str] = {}
        for reference in own[0][2] if own else ():
            parts = reference.split()
            dep_name = parts[0]
            if len(parts) >= 2:
                result[dep_name] = parts[1]
            else:
                candidates = self.versions(dep_name)
                if len(candidates) == 1:
                    result[dep_name] = candidates[0]
        if not own:
            for entry_name, _version, _deps in self.entries:
                candidates = self.versions(entry_name)
                if len(candidates) == 1:
                    result.setdefault(entry_name, candidates[0])
        return result
