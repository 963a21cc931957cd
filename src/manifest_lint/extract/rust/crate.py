"""The module tree of one Rust crate and name resolution through its `use` imports.

A static extractor cannot ask rustc where `get` or `ROUTE_ME` comes from, so this module does the
part of name resolution that routing code needs: which file each `mod` lives in, what each module
imports (grouped, renamed, glob, `pub use` re-exports, `crate::`/`super::`/`self::`), and where a
const, static, fn or type alias is defined. Names that leave the crate resolve to `External`
paths (`axum::routing::get`) so callers can recognise framework items however they were imported.
`#[cfg(test)]` modules are never loaded; other `#[cfg]` items keep their condition.
"""

from __future__ import annotations

import functools
import posixpath
import re
import tomllib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from manifest_lint.catalog import data_text
from manifest_lint.model import Diagnostic
from manifest_lint.parsing import ParsedFile, node_line, node_text

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    import tree_sitter

    from manifest_lint.extract.rust.cargo import Package, Workspace
    from manifest_lint.parsing import SourceSet

ModPath = tuple[str, ...]
_ITEM_KINDS = {
    "const_item": "const",
    "static_item": "static",
    "function_item": "fn",
    "type_item": "type",
    "struct_item": "struct",
    "enum_item": "enum",
    "trait_item": "trait",
    "macro_definition": "macro",
}
_RESOLVE_DEPTH = 48
_EXTERN_PRELUDE = frozenset({"std", "core", "alloc"})
_UNSEEN = object()  # a memo miss (None is a memoised answer)
_PLAIN_PATH = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*")


@dataclass(frozen=True, slots=True)
class Item:
    """A named top-level item of a module; `module` is its module's path in `crate`."""

    kind: str
    name: str
    crate: str
    module: ModPath
    node: tree_sitter.Node
    file: str
    condition: str | None = None

    @property
    def line(self) -> int:
        return node_line(self.node)

    @property
    def qualified(self) -> str:
        return "::".join((*self.module, self.name))


@dataclass(frozen=True, slots=True)
class ModuleRef:
    crate: str
    path: ModPath


@dataclass(frozen=True, slots=True)
class External:
    """A path into another crate, with renamed dependency keys mapped to package names.

    `guessed` marks a name assumed to come from an external glob import (`use x::*`): the
    resolver cannot read dependency sources, so that is a guess, and not one to build on.
    """

    path: tuple[str, ...]
    guessed: bool = field(default=False, compare=False)

    @property
    def qualified(self) -> str:
        return "::".join(self.path)


Resolved = Item | ModuleRef | External


@dataclass(slots=True)
class Module:
    crate: str
    path: ModPath
    file: str
    parsed: ParsedFile
    body: tree_sitter.Node
    condition: str | None = None
    items: dict[str, Item] = field(default_factory=dict)
    submodules: dict[str, ModPath] = field(default_factory=dict)
    uses: dict[str, tuple[str, ...]] = field(default_factory=dict)
    globs: list[tuple[str, ...]] = field(default_factory=list)
    methods: dict[str, list[Item]] = field(default_factory=dict)


@dataclass(slots=True)
class Crate:
    """One compilation unit: the lib or one binary of a package. `name` is the crate name."""

    name: str
    kind: str
    root_file: str
    binary: str | None
    modules: dict[ModPath, Module] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def methods_named(self, name: str) -> list[Item]:
        """Every associated fn called `name` in this crate's `impl` blocks."""
        return [item for module in self.modules.values() for item in module.methods.get(name, ())]

    def functions(self) -> Iterator[Item]:
        for module in self.modules.values():
            for item in module.items.values():
                if item.kind == "fn":
                    yield item


def attributes_before(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    """The `#[...]` attribute items directly preceding `node` (comments skipped)."""
    found: list[tree_sitter.Node] = []
    sibling = node.prev_sibling
    while sibling is not None and sibling.type in ("attribute_item", "line_comment", "block_comment"):
        if sibling.type == "attribute_item":
            found.append(sibling)
        sibling = sibling.prev_sibling
    found.reverse()
    return found


def cfg_condition(node: tree_sitter.Node) -> str | None:
    """The `cfg(...)` text of the attributes on `node`, joined with `&&`; None when unconditional."""
    return _cfg_of(attributes_before(node))


def _cfg_of(attributes: list[tree_sitter.Node]) -> str | None:
    conditions: list[str] = []
    for attribute in attributes:
        inner = attribute.named_children[0] if attribute.named_children else None
        if inner is None or inner.type != "attribute":
            continue
        text = node_text(inner)
        if text.startswith(("cfg(", "cfg (")):
            conditions.append(text)
    return " && ".join(conditions) if conditions else None


def is_test_only(node: tree_sitter.Node) -> bool:
    return _test_only(attributes_before(node))


def _test_only(attributes: list[tree_sitter.Node]) -> bool:
    if not attributes:
        return False
    condition = _cfg_of(attributes) or ""
    return "cfg(test)" in condition.replace(" ", "") or any(
        node_text(attr).replace(" ", "") == "#[test]" for attr in attributes
    )


def text_in(node: tree_sitter.Node, data: bytes | None) -> str:
    """Source text of `node` sliced from its file's bytes (much faster than `Node.text` on big files)."""
    if data is None:
        return node_text(node)
    return data[node.start_byte : node.end_byte].decode("utf-8", "replace")


def _path_segments(node: tree_sitter.Node, data: bytes | None = None) -> tuple[str, ...]:
    """`a::b::c` (scoped_identifier / identifier / crate / self / super) as segments.

    A path written plainly (ASCII names and `::`, nothing else) is split from its text: walking
    the name/path fields was 0.2 s over the 23k paths of a 10k-route crate.
    """
    raw = data[node.start_byte : node.end_byte] if data is not None else node.text
    if raw is not None and _PLAIN_PATH.fullmatch(raw) is not None:
        return tuple(raw.decode("ascii").split("::"))
    return _walked_segments(node, data)


def _walked_segments(node: tree_sitter.Node, data: bytes | None) -> tuple[str, ...]:
    segments: list[str] = []
    current: tree_sitter.Node | None = node
    while current is not None:
        kind = current.type
        if kind in ("scoped_identifier", "scoped_type_identifier"):
            name = current.child_by_field_name("name")
            segments.append(text_in(name, data) if name is not None else "")
            current = current.child_by_field_name("path")
        elif kind == "generic_type":
            current = current.child_by_field_name("type")
        else:
            segments.append(text_in(current, data))
            current = None
    segments.reverse()
    return tuple(s for s in segments if s)


def path_segments(node: tree_sitter.Node, data: bytes | None = None) -> tuple[str, ...]:
    return _path_segments(node, data)


def use_entries(
    argument: tree_sitter.Node, data: bytes | None = None
) -> Iterator[tuple[str | None, tuple[str, ...]]]:
    """Flatten a use tree into (local name, full path); a glob gives (None, path of the glob)."""
    stack: list[tuple[tuple[str, ...], tree_sitter.Node]] = [((), argument)]
    while stack:
        prefix, node = stack.pop()
        if node.type in ("identifier", "scoped_identifier", "crate", "self", "super", "metavariable"):
            segments = prefix + _path_segments(node, data)
            if segments and segments[-1] == "self":
                segments = segments[:-1]
            if segments:
                yield segments[-1], segments
        elif node.type == "use_as_clause":
            path = node.child_by_field_name("path")
            alias = node.child_by_field_name("alias")
            if path is not None and alias is not None:
                segments = prefix + _path_segments(path, data)
                if segments and segments[-1] == "self":
                    segments = segments[:-1]
                yield text_in(alias, data), segments
        elif node.type == "use_wildcard":
            inner = list(node.named_children)
            yield None, prefix + (_path_segments(inner[0], data) if inner else ())
        elif node.type == "scoped_use_list":
            path = node.child_by_field_name("path")
            listing = node.child_by_field_name("list")
            base = prefix + (_path_segments(path, data) if path is not None else ())
            if listing is not None:
                stack.extend((base, child) for child in reversed(listing.named_children))
        elif node.type == "use_list":
            stack.extend((prefix, child) for child in reversed(node.named_children))


def _declared_name(node: tree_sitter.Node, data: bytes | None = None) -> str | None:
    name = node.child_by_field_name("name")
    return text_in(name, data) if name is not None else None


def _path_attribute(node: tree_sitter.Node) -> str | None:
    for attribute in attributes_before(node):
        inner = attribute.named_children[0] if attribute.named_children else None
        if inner is None:
            continue
        text = node_text(inner)
        if text.startswith("path") and "=" in text:
            value = inner.child_by_field_name("value")
            if value is not None and value.type == "string_literal":
                return "".join(node_text(c) for c in value.named_children if c.type == "string_content")
    return None


def load_crate(
    sources: SourceSet, *, name: str, kind: str, root_file: str, binary: str | None = None
) -> Crate:
    """Load every module reachable from `root_file` (iteratively: no recursion on deep trees)."""
    crate = Crate(name=name, kind=kind, root_file=root_file, binary=binary)
    parsed = sources.parse(root_file, "rust")
    if isinstance(parsed, tuple):
        crate.diagnostics.extend(parsed)
        return crate
    crate.diagnostics.extend(sources.diagnostics_for(root_file))
    # (module path, parsed file, body node, directory for child files, condition)
    pending: list[tuple[ModPath, ParsedFile, tree_sitter.Node, str, str | None]] = [
        (("crate",), parsed, parsed.root, posixpath.dirname(root_file), None)
    ]
    limit = sources.limits.max_nesting
    while pending:
        path, file, body, directory, condition = pending.pop()
        if len(path) > limit:
            crate.diagnostics.append(
                Diagnostic(
                    "limit-exceeded",
                    f"module nesting deeper than {limit} (limits.max-nesting); not followed",
                    file.rel,
                    node_line(body),
                )
            )
            continue
        module = Module(crate=name, path=path, file=file.rel, parsed=file, body=body, condition=condition)
        crate.modules[path] = module
        for child in body.named_children:
            _collect_item(crate, module, child, directory, pending, sources)
    return crate


def _collect_item(
    crate: Crate,
    module: Module,
    node: tree_sitter.Node,
    directory: str,
    pending: list[tuple[ModPath, ParsedFile, tree_sitter.Node, str, str | None]],
    sources: SourceSet,
) -> None:
    node_type = node.type
    if node_type == "use_declaration":
        argument = node.child_by_field_name("argument")
        if argument is None or is_test_only(node):
            return
        for local, segments in use_entries(argument, module.parsed.data):
            if local is None:
                module.globs.append(segments)
            elif local != "_":
                module.uses[local] = segments
        return
    if node_type == "mod_item":
        _collect_module(crate, module, node, directory, pending, sources)
        return
    if node_type == "impl_item":
        _collect_methods(module, node)
        return
    kind = _ITEM_KINDS.get(node_type)
    if kind is None:
        return
    name = _declared_name(node, module.parsed.data)
    attributes = attributes_before(node)
    if name is None or _test_only(attributes):
        return
    condition = _cfg_of(attributes)
    if kind == "fn" and name in module.items and condition is not None:
        name = f"{name}#{node_line(node)}"
    module.items[name] = Item(kind, name, crate.name, module.path, node, module.file, condition)


def _collect_methods(module: Module, node: tree_sitter.Node) -> None:
    """Associated fns of an `impl` block, kept apart from free items (`Type::name` as `Item.name`)."""
    body = node.child_by_field_name("body")
    type_node = node.child_by_field_name("type")
    if body is None or type_node is None or is_test_only(node):
        return
    owner = (_path_segments(type_node, module.parsed.data) or ("?",))[-1]
    for child in body.named_children:
        name = _declared_name(child, module.parsed.data) if child.type == "function_item" else None
        if name is None:
            continue
        attributes = attributes_before(child)
        if _test_only(attributes):
            continue
        item = Item(
            "method", f"{owner}::{name}", module.crate, module.path, child, module.file, _cfg_of(attributes)
        )
        module.methods.setdefault(name, []).append(item)


def _collect_module(
    crate: Crate,
    module: Module,
    node: tree_sitter.Node,
    directory: str,
    pending: list[tuple[ModPath, ParsedFile, tree_sitter.Node, str, str | None]],
    sources: SourceSet,
) -> None:
    name = _declared_name(node, module.parsed.data)
    if name is None or is_test_only(node):
        return
    condition = cfg_condition(node)
    child_path = (*module.path, name)
    module.submodules[name] = child_path
    body = node.child_by_field_name("body")
    if body is not None:
        pending.append((child_path, module.parsed, body, posixpath.join(directory, name), condition))
        return
    explicit = _path_attribute(node)
    # `#[path]` outside inline modules is relative to the directory of the current file.
    base = posixpath.dirname(module.file) if module.body == module.parsed.root else directory
    candidates = (
        [posixpath.normpath(posixpath.join(base, explicit))]
        if explicit
        else [
            posixpath.join(directory, f"{name}.rs"),
            posixpath.join(directory, name, "mod.rs"),
        ]
    )
    line = node_line(node)
    if any(c == ".." or c.startswith("../") or posixpath.isabs(c) for c in candidates):
        crate.diagnostics.append(
            Diagnostic(
                "include-refused",
                f"mod {name}: #[path] leaves the project root; not followed",
                module.file,
                line,
            )
        )
        return
    target = next((c for c in candidates if sources.exists(c)), None)
    if target is None:
        crate.diagnostics.append(
            Diagnostic(
                "missing-file", f"mod {name}: none of {', '.join(candidates)} exists", module.file, line
            )
        )
        return
    parsed = sources.parse(target, "rust", line=line, referrer=module.file)
    if isinstance(parsed, tuple):
        crate.diagnostics.extend(parsed)
        return
    crate.diagnostics.extend(sources.diagnostics_for(target))
    is_mod_rs = explicit is not None or posixpath.basename(target) == "mod.rs"
    child_dir = posixpath.dirname(target) if is_mod_rs else posixpath.join(posixpath.dirname(target), name)
    pending.append((child_path, parsed, parsed.root, child_dir, condition))


@dataclass(slots=True)
class CrateSet:
    """The crates of one package: names resolve inside a crate, and a bin can reach its lib."""

    crates: dict[str, Crate]
    dependency_packages: Mapping[str, str] = field(default_factory=dict)
    _active: set[tuple[str, ModPath, str]] = field(default_factory=set)
    _values_only: bool = False
    _memo: dict[tuple[bool, str, ModPath, tuple[str, ...]], Resolved | None] = field(default_factory=dict)

    def module(self, ref: ModuleRef) -> Module | None:
        crate = self.crates.get(ref.crate)
        return crate.modules.get(ref.path) if crate is not None else None

    def module_of(self, item: Item) -> Module | None:
        crate = self.crates.get(item.crate)
        return crate.modules.get(item.module) if crate is not None else None

    def resolve(self, module: Module, segments: tuple[str, ...]) -> Resolved | None:
        """What `a::b::c` written in `module` names, or None when it cannot be found."""
        return self._memoised(False, module, segments)

    def _memoised(self, values: bool, module: Module, segments: tuple[str, ...]) -> Resolved | None:
        """Top-level answers, memoised per (namespace, module, path): the crates are complete once
        a CrateSet exists and no lookup is in progress, so the answer cannot change during a run
        (10k-route crates asked the same names ~100k times)."""
        if self._active:
            return self._resolve(module, segments, 0) if not values else self._resolve_value(module, segments)
        key = (values, module.crate, module.path, segments)
        found = self._memo.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = (
                self._resolve(module, segments, 0) if not values else self._resolve_value(module, segments)
            )
            self._memo[key] = found
        return cast("Resolved | None", found)

    def _resolve(self, module: Module, segments: tuple[str, ...], depth: int) -> Resolved | None:
        if not segments or depth > _RESOLVE_DEPTH:
            return None
        current = self._head(module, segments[0], depth, leading=len(segments) > 1)
        for segment in segments[1:]:
            if current is None:
                return None
            if isinstance(current, External):
                current = External((*current.path, segment))
            elif isinstance(current, ModuleRef):
                target = self.module(current)
                if target is None:
                    return None
                current = self._step(target, segment, depth + 1)
            else:
                return None
        return current

    def _step(self, module: Module, segment: str, depth: int) -> Resolved | None:
        if segment == "super":
            return ModuleRef(module.crate, module.path[:-1]) if len(module.path) > 1 else None
        if segment == "self":
            return ModuleRef(module.crate, module.path)
        return self._lookup(module, segment, depth)

    def _head(self, module: Module, head: str, depth: int, *, leading: bool = False) -> Resolved | None:
        if head == "crate":
            return ModuleRef(module.crate, ("crate",))
        if head in ("self", "super", "Self"):
            return self._step(module, head, depth) if head != "Self" else None
        explicit = head in module.items or head in module.submodules or head in module.uses
        loaded = head in self.crates and head != module.crate and self.crates[head].kind == "lib"
        if not explicit and loaded:  # a workspace member reached by a path dependency
            return ModuleRef(head, ("crate",))
        if not explicit and (head in self.dependency_packages or head in _EXTERN_PRELUDE):
            return External((self.dependency_packages.get(head, head),))
        found = self._lookup(module, head, depth)
        if leading and isinstance(found, External) and found.guessed and head[:1].islower():
            # `chrono::prelude` under `use actix_web::*`: a lower-case path head is a crate, not
            # something the glob may export (that guess once gave chrono::prelude::chrono::prelude::…).
            return External((self.dependency_packages.get(head, head),))
        if found is not None:
            return found
        if head in self.crates and head != module.crate and self.crates[head].kind == "lib":
            return ModuleRef(head, ("crate",))
        return External((self.dependency_packages.get(head, head),))

    def _lookup(self, module: Module, name: str, depth: int) -> Resolved | None:
        key = (module.crate, module.path, name)
        if depth > _RESOLVE_DEPTH or key in self._active:
            return None
        self._active.add(key)
        try:
            return self._lookup_once(module, name, depth)
        finally:
            self._active.discard(key)

    def _lookup_once(self, module: Module, name: str, depth: int) -> Resolved | None:
        if self._values_only:
            # Value namespace (a handler `x` can share its name with a module `x`): fns and consts first.
            if name in module.items:
                return module.items[name]
            if name in module.uses:
                found = self._resolve(module, module.uses[name], depth + 1)
                if not isinstance(found, ModuleRef):
                    return found
        if name in module.submodules:
            return ModuleRef(module.crate, module.submodules[name])
        if name in module.items:
            return module.items[name]
        if name in module.uses:
            return self._resolve(module, module.uses[name], depth + 1)
        external: External | None = None
        for glob in module.globs:
            target = self._resolve(module, glob, depth + 1)
            if isinstance(target, ModuleRef):
                inner = self.module(target)
                if inner is not None and inner is not module:
                    found = self._lookup(inner, name, depth + 1)
                    if found is not None and not (isinstance(found, External) and len(found.path) == 1):
                        return found
            elif isinstance(target, External) and external is None and _may_export(target.path, name):
                external = External((*target.path, name), guessed=True)
        return external

    def resolve_value(self, module: Module, segments: tuple[str, ...]) -> Resolved | None:
        """Like `resolve`, but the last segment is looked up in the value namespace (fns, consts)."""
        return self._memoised(True, module, segments)

    def _resolve_value(self, module: Module, segments: tuple[str, ...]) -> Resolved | None:
        owner: Resolved | None = ModuleRef(module.crate, module.path)
        if len(segments) > 1:
            owner = self.resolve(module, segments[:-1])
        if isinstance(owner, External):
            return External((*owner.path, segments[-1]))
        target = self.module(owner) if isinstance(owner, ModuleRef) else None
        if target is None:
            return None
        name = segments[-1]
        if name in target.items and (target.crate, target.path, name) not in self._active:
            return target.items[name]  # what `_lookup` answers first in the value namespace
        if len(segments) == 1 and target is module:
            self._values_only = True
            try:
                found = self._lookup(module, segments[0], 0)
            finally:
                self._values_only = False
            return found if found is not None else self._head(module, segments[0], 0)
        self._values_only = True
        try:
            return self._lookup(target, segments[-1], 0)
        finally:
            self._values_only = False

    def lookup_item(self, module: Module, segments: tuple[str, ...]) -> Item | None:
        found = self.resolve_value(module, segments)
        return found if isinstance(found, Item) else None

    def qualified(self, module: Module, segments: tuple[str, ...]) -> str:
        """`segments` resolved to `crate::a::b` / `axum::x` when possible, else as written."""
        found = self.resolve_value(module, segments)
        if isinstance(found, Item):
            return found.qualified
        if isinstance(found, External) and len(found.path) > 1:
            return found.qualified
        if isinstance(found, ModuleRef):
            return "::".join(found.path)
        return "::".join(segments)


@functools.cache
def _glob_exports() -> dict[tuple[str, ...], frozenset[str]]:
    raw = tomllib.loads(data_text("rust/glob-exports.toml"))
    modules = raw.get("modules", {})
    return {tuple(key.split("::")): frozenset(names) for key, names in modules.items()}


def _may_export(module: tuple[str, ...], name: str) -> bool:
    """Whether an external glob-imported module may provide `name` (rules/rust/glob-exports.toml)."""
    known = _glob_exports().get(module)
    return known is None or name in known


def load_package(sources: SourceSet, package: Package, workspace: Workspace) -> CrateSet:
    """The lib and bin crates of `package`, plus the libs of workspace packages it reaches by path.

    Path dependencies are followed transitively (a CLI crate launching a server crate that
    builds its router in a third crate), each under the key its dependent writes in `use` paths.
    Crate names are the package name (or the dependency key) with `-` turned into `_`.
    """
    crates: dict[str, Crate] = {}
    own = package.name.replace("-", "_")
    if package.lib is not None:
        crates[own] = load_crate(sources, name=own, kind="lib", root_file=package.lib)
    for binary in package.bins:
        if not sources.exists(binary.path):
            continue
        key = f"{own}#bin:{binary.name}"
        crates[key] = load_crate(sources, name=key, kind="bin", root_file=binary.path, binary=binary.name)
    renames = {d.key: d.package.replace("-", "_") for d in package.dependencies.values()}
    pending = [package]
    visited = {package.root}
    while pending:
        for dependency in pending.pop(0).dependencies.values():
            member = next(
                (p for p in workspace.packages if dependency.path is not None and p.root == dependency.path),
                None,
            )
            if member is None or member.root in visited:
                continue
            visited.add(member.root)
            pending.append(member)
            if member.lib is not None and dependency.key not in crates:
                crates[dependency.key] = load_crate(
                    sources, name=dependency.key, kind="lib", root_file=member.lib
                )
    return CrateSet(crates, renames)
