"""Controller middleware (spec §4.2): `$this->middleware()` in constructors and `HasMiddleware::middleware()`.

Each controller file is found through composer's PSR-4 map and parsed once through the shared SourceSet;
app parent classes are followed (`parent::__construct()`, inherited constructors and static methods);
a controller that is not in the project (vendor, missing) contributes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from manifest_lint.extract.laravel.classes import MAX_ANCESTORS, classes_of
from manifest_lint.extract.laravel.values import (
    ClassRef,
    Closure,
    FileScope,
    Folder,
    PhpArray,
    Value,
    as_string,
)
from manifest_lint.parsing import ParsedFile, SourceSet, node_text

if TYPE_CHECKING:
    import tree_sitter

    from manifest_lint.discover import Composer
    from manifest_lint.extract.laravel.classes import ClassInfo
    from manifest_lint.model import Diagnostic


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    only: tuple[str, ...] | None = None
    excepted: tuple[str, ...] = ()
    static: bool = False

    def applies(self, method: str) -> bool:
        if self.only is not None and method not in self.only:
            return False
        return method not in self.excepted


@dataclass
class ControllerMiddleware:
    sources: SourceSet
    composer: Composer
    folder: Folder
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _classes: dict[str, tuple[Entry, ...]] = field(default_factory=dict)

    def for_action(self, action: str | None) -> list[str]:
        if not action or action == "Closure" or action.startswith("Illuminate\\"):
            return []
        cls, _, method = action.partition("@")
        entries = self._entries(cls)
        return [entry.name for entry in entries if entry.applies(method or "__invoke")]

    def _entries(self, cls: str, depth: int = 0) -> tuple[Entry, ...]:
        """A class's middleware: its constructor's (a parent's constructor runs where
        `parent::__construct()` is called, or entirely when the class has none of its own) and its
        static `middleware()` (inherited when it declares none)."""
        key = cls.lstrip("\\").lower()
        if key in self._classes:
            return self._classes[key]
        self._classes[key] = ()
        info = self._read(cls.lstrip("\\"))
        if info is None:
            return ()
        scope: FileScope | None = None  # built only for a class that declares middleware methods
        parent = info.parent if depth < MAX_ANCESTORS else None
        inherited = self._entries(parent, depth + 1) if parent is not None else ()
        entries: list[Entry] = []
        constructor = info.methods.get("__construct")
        if constructor is None:
            entries.extend(e for e in inherited if not e.static)
        elif constructor.body is not None:
            parent_entries = tuple(e for e in inherited if not e.static)
            scope = self._scope(info)
            entries.extend(self._constructor(constructor.body, scope, parent_entries))
        static = info.methods.get("middleware")
        if static is not None and static.body is not None and static.static:
            entries.extend(self._static(static.body, scope or self._scope(info)))
        elif static is None:
            entries.extend(e for e in inherited if e.static)
        self._classes[key] = tuple(entries)
        return self._classes[key]

    def _read(self, cls: str) -> ClassInfo | None:
        """The class as the class index reads it (each file's classes are read once per run)."""
        rel = self.composer.class_file(cls)
        if rel is None or not self.sources.exists(rel):
            return None
        parsed = self.sources.parse(rel, "php")
        if not isinstance(parsed, ParsedFile):
            self.diagnostics.extend(parsed)
            return None
        return next((c for c in classes_of(self.sources, parsed) if c.fqcn.lower() == cls.lower()), None)

    def _scope(self, info: ClassInfo) -> FileScope:
        return FileScope(
            rel=info.file,
            directory=self.sources.absolute(info.file),
            names=info.names,
            root=str(self.sources.root),
        )

    def _constructor(
        self, body: tree_sitter.Node, scope: FileScope, parent: tuple[Entry, ...]
    ) -> list[Entry]:
        entries: list[Entry] = []
        for statement in body.named_children:
            if statement.type != "expression_statement" or not statement.named_children:
                continue
            calls: list[tuple[str, tree_sitter.Node]] = []
            node = statement.named_children[0]
            if node.type == "scoped_call_expression" and _is_parent_constructor(node):
                entries.extend(parent)
                continue
            while node.type == "member_call_expression":
                name = node.child_by_field_name("name")
                calls.append((node_text(name) if name is not None else "", node))
                node = node.child_by_field_name("object") or node
                if node.type != "member_call_expression":
                    break
            if node_text(node) != "$this" or not calls:
                continue
            calls.reverse()
            if calls[0][0] != "middleware":
                continue
            args, _ = self.folder.fold_args(calls[0][1].child_by_field_name("arguments"), scope, {})
            names = _strings(args[:1])
            only: tuple[str, ...] | None = None
            excepted: tuple[str, ...] = ()
            options = args[1] if len(args) > 1 else None
            if isinstance(options, PhpArray):
                only_value = options.get("only")
                except_value = options.get("except")
                only = tuple(_strings([only_value])) if only_value is not None else None
                excepted = tuple(_strings([except_value])) if except_value is not None else ()
            for method_name, call in calls[1:]:
                values, _ = self.folder.fold_args(call.child_by_field_name("arguments"), scope, {})
                if method_name == "only":
                    only = tuple(_strings(values))
                elif method_name == "except":
                    excepted = tuple(_strings(values))
            entries.extend(Entry(n, only, excepted) for n in names)
        return entries

    def _static(self, body: tree_sitter.Node, scope: FileScope) -> list[Entry]:
        entries: list[Entry] = []
        for statement in body.named_children:
            if statement.type != "return_statement" or not statement.named_children:
                continue
            array = statement.named_children[0]
            if array.type != "array_creation_expression":
                continue
            for element in array.named_children:
                item = element.named_children[-1] if element.named_children else None
                if item is None:
                    continue
                if item.type == "object_creation_expression":
                    arguments = next((c for c in item.named_children if c.type == "arguments"), None)
                    args, named = self.folder.fold_args(arguments, scope, {})
                    names = _strings(args[:1] or [named.get("middleware")])
                    only_value = named.get("only", args[1] if len(args) > 1 else None)
                    except_value = named.get("except", args[2] if len(args) > 2 else None)
                    only = tuple(_strings([only_value])) if only_value is not None else None
                    excepted = tuple(_strings([except_value])) if except_value is not None else ()
                    entries.extend(Entry(n, only, excepted, static=True) for n in names)
                else:
                    entries.extend(
                        Entry(n, static=True) for n in _strings([self.folder.fold(item, scope, {})])
                    )
        return entries


def _strings(values: list[Value]) -> list[str]:
    result: list[str] = []
    for value in values:
        items = value.values() if isinstance(value, PhpArray) else [value]
        for item in items:
            if isinstance(item, Closure):
                result.append("Closure")
            elif isinstance(item, ClassRef):
                result.append(item.name)
            else:
                text = as_string(item)
                if text is not None and item is not None:
                    result.append(text)
    return result


def _is_parent_constructor(node: tree_sitter.Node) -> bool:
    scope = node.child_by_field_name("scope")
    name = node.child_by_field_name("name")
    return (
        scope is not None
        and name is not None
        and node_text(scope).lower() == "parent"
        and node_text(name).lower() == "__construct"
    )
