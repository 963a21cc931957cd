"""`manifest-lint export` without `--json`: readable rich tables, one per surface kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table as RichTable
from rich.text import Text

from manifest_lint.catalog import lookup
from manifest_lint.model import Command, Page, Route, Table

if TYPE_CHECKING:
    from rich.console import Console

    from manifest_lint.model import Manifest


def print_manifest(console: Console, manifest: Manifest) -> None:
    manifest = manifest.sorted()
    title = f"{manifest.stack} · {manifest.root} · {manifest.framework or 'framework unknown'}"
    routes = [s for s in manifest.surfaces if isinstance(s, Route)]
    if routes:
        table = RichTable(title=f"Routes ({len(routes)}) — {title}", title_justify="left")
        for column in ("Method", "URI", "Name", "Action", "Middleware", "Where"):
            table.add_column(column, overflow="fold")
        for route in routes:
            where = f"{route.file}:{route.line}"
            if route.condition:
                where += f" [if {route.condition}]"
            if not route.mounted:
                where += " [unmounted]"
            table.add_row(
                Text(route.method),
                Text(route.uri),
                Text(route.name or ""),
                Text(route.action or ""),
                Text(", ".join(route.middleware)),
                Text(where),
            )
        console.print(table)
    pages = [s for s in manifest.surfaces if isinstance(s, Page)]
    if pages:
        table = RichTable(title=f"Pages ({len(pages)})", title_justify="left")
        table.add_column("Component")
        table.add_column("File")
        for page in pages:
            table.add_row(Text(page.component), Text(page.file))
        console.print(table)
    commands = [s for s in manifest.surfaces if isinstance(s, Command)]
    if commands:
        table = RichTable(title=f"Commands ({len(commands)})", title_justify="left")
        for column in ("Name", "Description", "Where"):
            table.add_column(column, overflow="fold")
        for command in commands:
            name = command.name + (" (hidden)" if command.hidden else "")
            table.add_row(Text(name), Text(command.description or ""), Text(f"{command.file}:{command.line}"))
        console.print(table)
    tables = [s for s in manifest.surfaces if isinstance(s, Table)]
    if tables:
        table = RichTable(title=f"Tables ({len(tables)})", title_justify="left")
        for column in ("Table", "Operations", "Last migration"):
            table.add_column(column, overflow="fold")
        for entry in tables:
            table.add_row(
                Text(entry.name), Text(", ".join(entry.operations)), Text(f"{entry.file}:{entry.line}")
            )
        console.print(table)
    if manifest.diagnostics:
        table = RichTable(title=f"Diagnostics ({len(manifest.diagnostics)})", title_justify="left")
        for column in ("Where", "Code", "Message"):
            table.add_column(column, overflow="fold")
        for diagnostic in manifest.diagnostics:
            rule = lookup(diagnostic.rule)
            code = f"{rule.code} {rule.name}" if rule else diagnostic.rule
            table.add_row(Text(f"{diagnostic.file}:{diagnostic.line}"), Text(code), Text(diagnostic.message))
        console.print(table)
    if not manifest.surfaces and not manifest.diagnostics:
        console.print(f"No surfaces found in {manifest.root}.")
