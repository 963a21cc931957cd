"""Schema tables as `database/migrations` leave them, replayed in the migrator's order.

Only `up()` is read (what `migrate` runs); `down()` undoes it and says nothing about the schema
the app runs on. Files are `database/migrations/*_*.php` sorted by file name, as the migrator
globs and sorts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from manifest_lint.extract.laravel.classes import file_scope
from manifest_lint.extract.laravel.literals import argument, call_name, string_value
from manifest_lint.model import Diagnostic, Table
from manifest_lint.parsing import ParsedFile, node_line, node_text

if TYPE_CHECKING:
    import tree_sitter

    from manifest_lint.extract.laravel.names import Names
    from manifest_lint.parsing import SourceSet

MIGRATIONS_DIR = "database/migrations"
_SCHEMA = ("schema", "illuminate\\support\\facades\\schema")
_OPERATIONS = {
    "create": "create",
    "table": "alter",
    "drop": "drop",
    "dropIfExists": "drop-if-exists",
    "rename": "rename",
}


@dataclass
class _State:
    tables: dict[str, Table] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def unresolved(self, message: str, rel: str, line: int) -> None:
        self.diagnostics.append(Diagnostic("unresolved-construct", message, rel, line))

    def touch(self, name: str, operation: str, rel: str, line: int, *, dropped: bool | None = None) -> None:
        current = self.tables.get(name) or Table(stack="laravel", file=rel, line=line, name=name)
        migrations = current.migrations if rel in current.migrations else (*current.migrations, rel)
        self.tables[name] = replace(
            current,
            file=rel,
            line=line,
            operations=(*current.operations, operation),
            migrations=migrations,
            dropped=current.dropped if dropped is None else dropped,
        )


def migration_files(sources: SourceSet) -> list[str]:
    directory = sources.root / MIGRATIONS_DIR
    if not directory.is_dir():
        return []
    names = sorted(p.name for p in directory.iterdir() if p.name.endswith(".php") and "_" in p.name)
    return [f"{MIGRATIONS_DIR}/{name}" for name in names if (directory / name).is_file()]


def extract_tables(sources: SourceSet) -> tuple[tuple[Table, ...], tuple[Diagnostic, ...]]:
    state = _State()
    for rel in migration_files(sources):
        parsed = sources.parse(rel, "php")
        if isinstance(parsed, tuple):
            state.diagnostics.extend(parsed)
            continue
        state.diagnostics.extend(sources.diagnostics_for(rel))
        _replay(parsed, state)
    return tuple(state.tables.values()), tuple(state.diagnostics)


MAX_HELPER_CALLS = 64


def _methods(parsed: ParsedFile) -> dict[str, tree_sitter.Node]:
    """Method bodies of the migration class by lower-case name (`up` and its helpers)."""
    bodies: dict[str, tree_sitter.Node] = {}
    stack = [parsed.root]
    while stack:
        current = stack.pop()
        if current.type == "method_declaration":
            name = current.child_by_field_name("name")
            body = current.child_by_field_name("body")
            if name is not None and body is not None:
                bodies.setdefault(node_text(name).lower(), body)
            continue
        stack.extend(reversed(current.named_children))
    return bodies


def _replay(parsed: ParsedFile, state: _State) -> None:
    rel = parsed.rel
    methods = _methods(parsed)
    up = methods.get("up")
    if up is None:
        state.diagnostics.append(
            Diagnostic("unresolved-construct", f"{rel}: no up() method found; no tables read", rel, 1)
        )
        return
    scope = file_scope(parsed)
    for call in _schema_calls(up, scope, methods, rel, state):
        _apply(call, rel, state)


def _schema_calls(
    body: tree_sitter.Node,
    scope: Names,
    methods: dict[str, tree_sitter.Node],
    rel: str,
    state: _State,
) -> list[tree_sitter.Node]:
    """`Schema::op(...)` and `Schema::connection(..)->op(...)` calls in source order, following
    `$this->helper()` calls into the class's own methods where they are made (migrations that
    split `up()` into `createXTable()` helpers)."""
    found: list[tree_sitter.Node] = []
    stack = [body]
    inlined = 0
    while stack:
        current = stack.pop()
        if call_name(current) in _OPERATIONS and _is_schema(current, scope):
            found.append(current)
        helper = _this_call(current, methods)
        if helper is not None:
            inlined += 1
            if inlined > MAX_HELPER_CALLS:
                state.unresolved(
                    f"more than {MAX_HELPER_CALLS} helper calls from up(); the rest are not read",
                    rel,
                    node_line(current),
                )
                return found
            stack.extend(reversed(current.named_children))
            stack.append(helper)
            continue
        stack.extend(reversed(current.named_children))
    return found


def _this_call(node: tree_sitter.Node, methods: dict[str, tree_sitter.Node]) -> tree_sitter.Node | None:
    """The body of the class method a `$this->name(...)` call runs, if the class declares it."""
    if node.type != "member_call_expression":
        return None
    target = node.child_by_field_name("object")
    if target is None or node_text(target) != "$this":
        return None
    name = (call_name(node) or "").lower()
    return methods.get(name) if name not in ("up", "down") else None


def _is_schema(call: tree_sitter.Node, scope: Names) -> bool:
    if call.type == "scoped_call_expression":
        target = call.child_by_field_name("scope")
        return target is not None and scope.resolve(node_text(target)).lower() in _SCHEMA
    if call.type == "member_call_expression":
        target = call.child_by_field_name("object")
        if target is None or target.type != "scoped_call_expression" or call_name(target) != "connection":
            return False
        return _is_schema(target, scope)
    return False


def _apply(call: tree_sitter.Node, rel: str, state: _State) -> None:
    operation = _OPERATIONS[call_name(call) or ""]
    line = node_line(call)
    first = argument(call, 0, "from" if operation == "rename" else "table")
    name = string_value(first)
    if name is None:
        text = node_text(first)[:60] if first is not None else "(missing)"
        state.diagnostics.append(
            Diagnostic(
                "unresolved-construct",
                f"Schema::{call_name(call)}() with a computed table name {text!r}",
                rel,
                line,
            )
        )
        return
    if operation == "rename":
        target_node = argument(call, 1, "to")
        target = string_value(target_node)
        if target is None:
            text = node_text(target_node)[:60] if target_node is not None else "(missing)"
            state.diagnostics.append(
                Diagnostic(
                    "unresolved-construct",
                    f"Schema::rename('{name}', …) to a computed name {text!r}",
                    rel,
                    line,
                )
            )
            return
        old = state.tables.get(name)
        state.touch(name, f"rename-to:{target}", rel, line, dropped=True)
        history = state.tables[name]
        carried = old.operations if old else ()
        migrations = history.migrations
        state.tables[target] = Table(
            stack="laravel",
            file=rel,
            line=line,
            name=target,
            operations=(*carried, f"rename-from:{name}"),
            migrations=migrations,
            dropped=False,
        )
        return
    dropped = {"create": False, "drop": True, "drop-if-exists": True}.get(operation)
    state.touch(name, operation, rel, line, dropped=dropped)
