"""The rule catalog, loaded from `rules/catalog.toml` (framework knowledge as data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from manifest_lint.model import Severity

import tomllib

_SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str


_DATA = Path(__file__).parent / "data"


def data_text(name: str) -> str:
    """A file shipped under the package's `data/` directory (the repository's `rules/`).

    Read as a plain file: `importlib.resources` costs ~15 ms to import, a tenth of a warm check,
    and the package is never imported from a zip.
    """
    return _DATA.joinpath(*name.split("/")).read_text(encoding="utf-8")


@cache
def rules() -> tuple[Rule, ...]:
    raw = tomllib.loads(data_text("catalog.toml"))
    found: list[Rule] = []
    for entry in raw["rule"]:
        severity = entry["severity"]
        if severity not in _SEVERITIES:
            raise ValueError(f"catalog.toml: rule {entry['code']} has unknown severity {severity!r}")
        found.append(Rule(entry["code"], entry["name"], cast("Severity", severity), entry["summary"]))
    return tuple(found)


@cache
def _by_key() -> dict[str, Rule]:
    table: dict[str, Rule] = {}
    for rule in rules():
        table[rule.code] = rule
        table[rule.name] = rule
    return table


def lookup(code_or_name: str) -> Rule | None:
    """A rule by its code (`ML002`) or its name (`unresolved-construct`)."""
    return _by_key().get(code_or_name)


def rule(code_or_name: str) -> Rule:
    found = lookup(code_or_name)
    if found is None:
        raise KeyError(f"no rule {code_or_name!r} in the catalog")
    return found
