"""Controller middleware (spec §4.2): `$this->middleware()` in constructors and `HasMiddleware::middleware()`.

Each controller file is found through composer's PSR-4 map and parsed once through the shared SourceSet;
a controller that is not in the project (vendor, missing) contributes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from manifest_lint.extract.laravel.names import names_of
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
    from manifest_lint.model import Diagnostic


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    only: tuple[str, ...] | None = None
    excepted: tuple[str, ...] = ()

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

    def _entries(self, cls: str) -> tuple[Entry, ...]:
        if cls in self._classes:
            return self._classes[cls]
        self._classes[cls] = ()
        rel = self.composer.class_file(cls)
        if rel is None or not self.sources.exists(rel):
            return ()
        parsed = self.sources.parse(rel, "php")
        if not isinstance(parsed, ParsedFile):
            self.diagnostics.extend(parsed)
            return ()
        if b"middleware" not in parsed.data:
            return ()
        scope = FileScope(
            rel=rel,
            directory=str(self.sources.root / rel),
            names=names_of(parsed.root),
            root=str(self.sources.root),
        )
        entries: list[Entry] = []
        for method in _methods(parsed.root):
            name = node_text(method.child_by_field_name("name") or method).lower()
            body = method.child_by_field_name("body")
            if body is None:
                continue
            if name == "__construct":
                entries.extend(self._constructor(body, scope))
            elif name == "middleware" and "static" in node_text(method).split("(")[0]:
                entries.extend(self._static(body, scope))
        self._classes[cls] = tuple(entries)
        return self._classes[cls]

    def _constructor(self, body: tree_sitter.Node, scope: FileScope) -> list[Entry]:
        entries: list[Entry] = []
        for statement in body.named_children:
            if statement.type != "expression_statement" or not statement.named_children:
                continue
            calls: list[tuple[str, tree_sitter.Node]] = []
            node = statement.named_children[0]
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
            names = _strings(args)
            only: tuple[str, ...] | None = None
            excepted: tuple[str, ...] = ()
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
                    entries.extend(Entry(n, only, excepted) for n in names)
                else:
                    entries.extend(Entry(n) for n in _strings([self.folder.fold(item, scope, {})]))
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


def _methods(root: tree_sitter.Node) -> list[tree_sitter.Node]:
    found: list[tree_sitter.Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "method_declaration":
            found.append(node)
            continue
        if node.type in (
            "program",
            "namespace_definition",
            "compound_statement",
            "class_declaration",
            "declaration_list",
        ):
            stack.extend(reversed(node.named_children))
    return found
