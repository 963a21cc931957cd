"""The explicit rule registry: each entry a plain function from the joined model (`RuleContext`) to findings.

`REGISTRY` is the explicit list `check` runs; adding a rule means adding a module, a catalog
entry in rules/catalog.toml, a docs page in rules/docs/ and one line here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.rules import auth, coverage, diagnostics, retired, target

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from manifest_lint.model import Finding
    from manifest_lint.rules.context import RuleContext


REGISTRY: tuple[Callable[[RuleContext], Iterable[Finding]], ...] = (
    diagnostics.extractor_diagnostics,
    diagnostics.plan_diagnostics,
    coverage.uncovered_surface,
    coverage.orphaned_plan_entry,
    coverage.unported_surface,
    coverage.catch_all_only,
    retired.retired_still_served,
    target.orphaned_target_surface,
    target.method_drift,
    auth.auth_drift,
)
