"""Plan maps: which issue owns the port of each legacy surface (markdown or TOML form)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.plan.hygiene import check_plan_hygiene
from manifest_lint.plan.model import Plan, PlanEntry

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["Plan", "PlanEntry", "load_plans"]


def load_plans(paths: tuple[Path, ...], rel: dict[Path, str]) -> Plan:
    """Read every plan map (`rel` names each file relative to the repository root) into one Plan."""
    from manifest_lint.plan.markdown import read_markdown_plan
    from manifest_lint.plan.toml_map import read_toml_plan

    parts: list[Plan] = []
    for path in paths:
        name = rel[path]
        data = path.read_bytes()
        if path.suffix == ".toml":
            parts.append(read_toml_plan(data, name))
        else:
            parts.append(read_markdown_plan(data, name))
    merged = Plan.merge(parts)
    return check_plan_hygiene(merged)
