"""What every rule reads: the joined model plus the facts needed to name files and owners."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from manifest_lint.catalog import rule as catalog_rule
from manifest_lint.model import Finding

if TYPE_CHECKING:
    from manifest_lint.config import Config
    from manifest_lint.matching import Joined
    from manifest_lint.model import Manifest, Surface
    from manifest_lint.plan import Plan


@dataclass(frozen=True)
class RuleContext:
    config: Config
    legacy: Manifest
    targets: tuple[Manifest, ...]
    plan: Plan
    joined: Joined
    _roots: dict[int, str] = field(default_factory=dict)

    @staticmethod
    def build(
        config: Config, legacy: Manifest, targets: tuple[Manifest, ...], plan: Plan, joined: Joined
    ) -> RuleContext:
        roots: dict[int, str] = {}
        for manifest in (legacy, *targets):
            base = rebase_prefix(config, manifest)
            for surface in manifest.surfaces:
                roots[id(surface)] = base
        return RuleContext(config, legacy, targets, plan, joined, roots)

    def file_of(self, surface: Surface) -> str:
        """The surface's file relative to the repository root."""
        return join_rel(self._roots.get(id(surface), ""), surface.file)


def rebase_prefix(config: Config, manifest: Manifest) -> str:
    """The manifest root relative to the repository root ("" when they are the same)."""
    rel = config.rel(Path(manifest.root))
    return "" if rel == "." else rel


def join_rel(prefix: str, file: str) -> str:
    if not prefix or file.startswith("/"):
        return file
    return f"{prefix}/{file}"


def finding(
    rule: str,
    message: str,
    file: str,
    line: int,
    *,
    surface: str | None = None,
    issues: tuple[str, ...] = (),
) -> Finding:
    """A finding with the catalog's code and default severity (config severities come later)."""
    entry = catalog_rule(rule)
    return Finding(entry.code, entry.name, entry.severity, message, file, line, surface, issues)
