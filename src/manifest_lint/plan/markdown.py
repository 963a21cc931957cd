"""The markdown plan form (the reference plan's sections 6–9), read line by line.

Grammar (docs/plan-format.md): a list item holding backticked specs, an arrow and owners is an
entry — `` - `GET api/me` (note) -> OA-1 and OA-2 `` or `` -> retired (reason) ``; headings set
the domain of the entries below them; `**ID - title**` anywhere gives an issue its title; a
backlog item whose text mentions commands and names `` `group:name` `` in backticks owns those
Artisan commands (an inferred entry). A line that looks like an entry but cannot be read is a
`malformed-plan-entry` diagnostic, never a silent skip.
"""

from __future__ import annotations

import re

from manifest_lint.model import Diagnostic
from manifest_lint.plan.grammar import (
    PlanSyntaxError,
    is_issue_id,
    looks_like_entry,
    parse_owners,
    parse_spec,
    plan_path_key,
)
from manifest_lint.plan.model import Plan, PlanEntry

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBERING = re.compile(r"^(?:\d+[).:]|[A-Z][).])\s*")
_BACKLOG = re.compile(r"\*\*\s*([^*\s]+)\s+[-–—:]\s+(.+?)\s*\*\*")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_ARROW = re.compile(r"\s*(?:->|→|=>)\s*")
_COMMENT = re.compile(r"<!--.*?-->")
_SPAN = re.compile(r"`([^`]*)`")
_NOTE = re.compile(r"\(([^()]*)\)")
_COMMAND_NAME = re.compile(r"^[a-z][a-z0-9_-]*(?::[a-z0-9_-]+)+$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
# The line nearly every entry is: `` - `GET path` -> OWNER `` with one plain upper-case owner. It
# reads exactly as the general path below would (no note, range, `and`, retirement or arrow in the
# path can occur in it), in one match instead of a dozen; anything else takes the general path.
_ROUTE_LINE = re.compile(
    r"^- `(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|ANY) ([^`\s>→]+)` -> "
    r"((?!RETIRED|DEPRECATED)[A-Z][A-Z0-9]*(?:[-_.][A-Z0-9]+)*)$"
)


def read_markdown_plan(data: bytes, file: str) -> Plan:
    diagnostics: list[Diagnostic] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad_line = data[: error.start].count(b"\n") + 1
        diagnostics.append(
            Diagnostic(
                "encoding-error",
                f"{file}: plan is not valid UTF-8 (byte {error.start}); read with replacement characters",
                file,
                bad_line,
            )
        )
        text = data.decode("utf-8", "replace")
    entries: list[PlanEntry] = []
    titles: list[tuple[str, str]] = []
    domain: str | None = None
    backlog: tuple[str, str] | None = None
    in_fence = False
    for number, raw_line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(raw_line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line = (_COMMENT.sub("", raw_line) if "<!--" in raw_line else raw_line).rstrip()
        fast = _ROUTE_LINE.match(line) if "*" not in line else None
        if fast and is_issue_id(fast.group(3)) and not fast.group(2).startswith(("http://", "https://")):
            backlog = None
            method, path, owner = fast.groups()
            entries.append(
                PlanEntry(
                    file,
                    number,
                    "route",
                    f"{method} {path}",
                    (owner,),
                    method=method,
                    path=plan_path_key(path),
                    domain=domain,
                )
            )
            continue
        heading = _HEADING.match(line)
        if heading:
            domain = _NUMBERING.sub("", heading.group(2)).strip() or None
            backlog = None
            continue
        if not line.strip():
            continue
        title = _BACKLOG.search(line)
        if title and is_issue_id(title.group(1)):
            titles.append((title.group(1), title.group(2).strip()))
            backlog = (title.group(1), title.group(2))
            entries.extend(_inferred_commands(line, title.group(1), backlog[1], file, number, domain))
            continue
        item = _ITEM.match(line)
        parts = _ARROW.split(item.group(1), maxsplit=1) if item else []
        if item is None or len(parts) != 2:
            if backlog is not None:
                entries.extend(_inferred_commands(line, backlog[0], backlog[1] + line, file, number, domain))
            continue
        backlog = None
        if not looks_like_entry(_SPAN.findall(parts[0]), parts[1]):
            continue  # prose that happens to contain an arrow
        try:
            entries.extend(_entry(parts[0], parts[1], file, number, domain))
        except PlanSyntaxError as error:
            diagnostics.append(
                Diagnostic("malformed-plan-entry", f"plan entry cannot be read: {error}", file, number)
            )
    return Plan(entries=tuple(entries), titles=tuple(titles), diagnostics=tuple(diagnostics), files=(file,))


def _entry(left: str, right: str, file: str, line: int, domain: str | None) -> list[PlanEntry]:
    spans = _SPAN.findall(left)
    outside = _SPAN.sub("", left)
    notes = [n.strip() for n in _NOTE.findall(outside) if n.strip()]
    if _NOTE.search(right) and not right.strip().lower().startswith(("retired", "deprecated")):
        raise PlanSyntaxError("put notes before the arrow: `GET /x` (note) -> OWNER")
    status, owners, reason = parse_owners(right)
    note = "; ".join(notes) or None
    if not spans:
        head = outside.strip().split(" ", 1)[0].upper()
        if head in ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "ANY", "HEAD"):
            raise PlanSyntaxError("the endpoint must be in backticks: `GET /path`")
        # A prose group ("Autopilot: profile tables -> OA-10"): owned, but names no surface.
        return [
            PlanEntry(
                file,
                line,
                "group",
                outside.strip(),
                owners,
                status=status,
                reason=reason,
                note=note,
                domain=domain,
            )
        ]
    out: list[PlanEntry] = []
    for span in spans:
        for spec in parse_spec(span):
            out.append(
                PlanEntry(
                    file,
                    line,
                    spec.kind,
                    span,
                    owners,
                    method=spec.method,
                    path=spec.path,
                    name=spec.name,
                    status=status,
                    reason=reason,
                    note=note,
                    domain=domain,
                )
            )
    return out


def _inferred_commands(
    line: str, issue: str, context: str, file: str, number: int, domain: str | None
) -> list[PlanEntry]:
    """Backlog items that port commands name them in backticks; those commands are owned."""
    if "command" not in context.lower():
        return []
    return [
        PlanEntry(file, number, "command", span, (issue,), name=span, domain=domain, inferred=True)
        for span in _SPAN.findall(line)
        if _COMMAND_NAME.match(span)
    ]
