"""Inline suppressions: `// manifest-lint: ignore[ML201] -- reason` in PHP/Rust sources (also `#`
and `/* */`), `<!-- manifest-lint: ignore[ML202] -- reason -->` in markdown plans, `#` in TOML.

A trailing comment covers findings on its own line; a comment on a line of its own covers that
line and the next one (ruff, phpstan and phpcs do the same). Codes are required — there is no blanket form — and a suppression that hides
nothing is itself reported (`unused-suppression`, ML901), as ruff's RUF100 does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from manifest_lint.catalog import lookup
from manifest_lint.rules.context import finding
from manifest_lint.source_lines import run_sources

if TYPE_CHECKING:
    from collections.abc import Iterable

    from manifest_lint.config import Config
    from manifest_lint.model import Finding

_MARK = "manifest-lint:"
_COMMENT_OPENERS = re.compile(r"^\s*(?://+|#+|/\*+|\*+|<!--|\{\{--)?\s*$")
_PATTERN = re.compile(r"manifest-lint:\s*ignore(?:\[([^\]]*)\])?(?:\s+--\s*(.*?))?\s*(?:-->|\*/|--\}\}|$)")


@dataclass(frozen=True, slots=True)
class Suppression:
    file: str
    line: int
    codes: tuple[str, ...]
    reason: str | None
    problem: str | None = None
    own_line: bool = True

    @property
    def covers(self) -> tuple[int, ...]:
        """A comment on its own line covers the next line; a trailing comment only its own."""
        return (self.line, self.line + 1) if self.own_line else (self.line,)


def scan_text(text: str, file: str) -> list[Suppression]:
    found: list[Suppression] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _MARK not in line:
            continue
        match = _PATTERN.search(line)
        if match is None:
            continue
        own_line = bool(_COMMENT_OPENERS.match(line[: match.start()]))
        if match.group(1) is None or not match.group(1).strip():
            found.append(
                Suppression(file, number, (), None, "names no rule code; write ignore[ML201]", own_line)
            )
            continue
        codes: list[str] = []
        problem = None
        for part in (p.strip() for p in match.group(1).split(",")):
            rule = lookup(part)
            if rule is None:
                problem = f"`{part}` is not a rule code"
            else:
                codes.append(rule.code)
        reason = (match.group(2) or "").strip() or None
        found.append(Suppression(file, number, tuple(codes), reason, problem, own_line))
    return found


def collect(config: Config, files: Iterable[str]) -> list[Suppression]:
    """Suppressions in every readable file (repo-relative paths) among `files`."""
    sources = run_sources(config.root, config.limits)
    found: list[Suppression] = []
    for rel in sorted(set(files)):
        if rel.startswith(("/", "..")):
            continue
        data = sources.read(rel)
        if isinstance(data, tuple) or b"manifest-lint:" not in data:
            continue
        found.extend(scan_text(data.decode("utf-8", "replace"), rel))
    return found


def apply(
    findings: list[Finding], suppressions: list[Suppression], enabled: frozenset[str]
) -> tuple[list[Finding], list[Finding]]:
    """(findings left, unused-suppression findings)."""
    if not suppressions:
        return list(findings), []  # the usual case: no comment anywhere, nothing to look up
    by_place: dict[tuple[str, int], list[Suppression]] = {}
    for suppression in suppressions:
        for line in suppression.covers:
            by_place.setdefault((suppression.file, line), []).append(suppression)
    used: set[tuple[Suppression, str]] = set()
    kept: list[Finding] = []
    for item in findings:
        hit = next((s for s in by_place.get((item.file, item.line), []) if item.code in s.codes), None)
        if hit is None:
            kept.append(item)
        else:
            used.add((hit, item.code))
    unused: list[Finding] = []
    for suppression in suppressions:
        if suppression.problem:
            unused.append(
                finding(
                    "unused-suppression",
                    f"suppression {suppression.problem}",
                    suppression.file,
                    suppression.line,
                )
            )
        for code in suppression.codes:
            if (suppression, code) not in used and code in enabled:
                unused.append(
                    finding(
                        "unused-suppression",
                        f"`ignore[{code}]` suppresses nothing on this line or the next",
                        suppression.file,
                        suppression.line,
                    )
                )
    return kept, unused
