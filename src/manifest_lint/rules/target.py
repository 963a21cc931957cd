"""Target-side surprises: orphaned-target-surface (ML205) and method-drift (ML207)."""

from __future__ import annotations

import fnmatch
from typing import TYPE_CHECKING

from manifest_lint.model import Route
from manifest_lint.rules.context import finding

if TYPE_CHECKING:
    from collections.abc import Iterator

    from manifest_lint.model import Finding
    from manifest_lint.rules.context import RuleContext


def allowed(patterns: tuple[str, ...], route: Route) -> bool:
    """`GET /health`, `* /metrics/*` or a bare `/healthz` (any method); globs over uri or key."""
    for pattern in patterns:
        method, _, path = pattern.partition(" ") if " " in pattern else ("*", "", pattern)
        if not fnmatch.fnmatchcase(route.method, method.upper()):
            continue
        if fnmatch.fnmatchcase(route.uri, path) or fnmatch.fnmatchcase(route.canonical_uri, path):
            return True
    return False


def orphaned_target_surface(context: RuleContext) -> Iterator[Finding]:
    for surface in context.joined.target_only:
        if not isinstance(surface, Route) or allowed(context.config.allow, surface):
            continue
        if surface.status == "unresolved":
            continue  # the path is unknown; the extractor's unresolved-construct already says so
        yield finding(
            "orphaned-target-surface",
            f"target route {surface.method} {surface.uri} has no legacy counterpart, no plan entry "
            "and no `allow` entry",
            context.file_of(surface),
            surface.line,
            surface=surface.key,
        )


def method_drift(context: RuleContext) -> Iterator[Finding]:
    for drift in context.joined.method_drift:
        if allowed(context.config.allow, drift.target):
            continue
        yield finding(
            "method-drift",
            f"{drift.path} answers {'|'.join(drift.legacy_methods)} on the legacy app "
            f"({context.file_of(drift.legacy)}:{drift.legacy.line}) but "
            f"{'|'.join(drift.target_methods)} on the target: {drift.target.method} is target-only",
            context.file_of(drift.target),
            drift.target.line,
            surface=drift.target.key,
        )
