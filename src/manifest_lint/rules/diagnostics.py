"""Extractor and plan diagnostics become findings through the same catalog as every rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.catalog import lookup
from manifest_lint.model import Finding
from manifest_lint.rules.context import join_rel, rebase_prefix

if TYPE_CHECKING:
    from collections.abc import Iterator

    from manifest_lint.model import Diagnostic
    from manifest_lint.rules.context import RuleContext


def extractor_diagnostics(context: RuleContext) -> Iterator[Finding]:
    from manifest_lint.rules.coverage import in_page_dirs

    for manifest in (context.legacy, *context.targets):
        prefix = rebase_prefix(context.config, manifest)
        for diagnostic in manifest.diagnostics:
            file = join_rel(prefix, diagnostic.file)
            if diagnostic.rule == "orphaned-page" and in_page_dirs(context, (diagnostic.file, file)):
                continue  # partials and layouts are rendered by other pages, not by routes
            yield _finding(diagnostic, file)


def plan_diagnostics(context: RuleContext) -> Iterator[Finding]:
    for diagnostic in context.plan.diagnostics:
        yield _finding(diagnostic, diagnostic.file)


def _finding(diagnostic: Diagnostic, file: str) -> Finding:
    rule = lookup(diagnostic.rule)
    if rule is None:
        # An extractor used a name the catalog lacks: still report it, under the closest rule.
        rule = lookup("unresolved-construct")
        assert rule is not None
        message = f"[{diagnostic.rule}] {diagnostic.message}"
    else:
        message = diagnostic.message
    return Finding(rule.code, rule.name, diagnostic.severity or rule.severity, message, file, diagnostic.line)
