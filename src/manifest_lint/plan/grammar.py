"""The pieces both plan forms share: issue ids, owner lists, entry specs like `GET api/me`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from manifest_lint.canonical import canonical_path

if TYPE_CHECKING:
    from manifest_lint.plan.model import EntryKind, EntryStatus

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "ANY")
_METHOD_LIST = re.compile(
    r"^((?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|ANY)(?:[|/,](?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|ANY))*)\s+(\S+)$"
)
_ISSUE = re.compile(r"^(?:#\d+|[A-Za-z][A-Za-z0-9_]*(?:[-_.][A-Za-z0-9_]+)*)$")
_RANGE = re.compile(r"^(.*?)(\d+)\.\.(\d+)$")
_OWNER_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*")
_RETIRED = re.compile(r"^(retired|deprecated)\b[\s:(—–-]*(.*?)\)?\s*$", re.IGNORECASE)
_COMMAND = re.compile(r"^(?:php\s+artisan|artisan|command)\s+(\S+)$")
_PAGE = re.compile(r"^page\s+(\S+)$")
_TABLE = re.compile(r"^table\s+(\S+)$")
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\*[A-Za-z0-9_]*)*$")  # a table, `*` globs
_MAX_RANGE = 200
_DIGIT = re.compile(r"\d")
_METHOD_SPLIT = re.compile(r"[|/,]")
_OWNER_HEAD = re.compile(r"[\s,&(]+")


@dataclass(frozen=True, slots=True)
class Spec:
    """One surface a plan entry names."""

    kind: EntryKind
    method: str | None = None
    path: str | None = None
    name: str | None = None


class PlanSyntaxError(ValueError):
    """Why a plan entry cannot be read (becomes `malformed-plan-entry`)."""


_SPEC_HEAD = re.compile(r"^\s*(?:[A-Za-z]+(?:[|/,][A-Za-z]+)*\s+\S|/)")
_ENTRY_KEYWORDS = {*METHODS, "COMMAND", "ARTISAN", "PHP", "PAGE", "TABLE"}


def looks_like_entry(spans: list[str], right: str) -> bool:
    """Whether a list item with an arrow is meant as a plan entry (else it is prose).

    It is when the owners side starts like an owner (an issue id, `retired`, `deprecated`) or a
    backticked spec on the left starts like one (`GET …`, `command …`, `/path`). Prose such as
    "(`location.pathname` -> `Navigate`)" is neither and is left alone.
    """
    first = _OWNER_HEAD.split(right.strip(), maxsplit=1)[0].rstrip(".:")
    if first.lower() in ("retired", "deprecated") or is_issue_id(first) or _RANGE.match(first):
        return True
    for span in spans:
        head = span.strip().split(" ", 1)[0].split("|", 1)[0].upper()
        if span.strip().startswith("/") or (head in _ENTRY_KEYWORDS and _SPEC_HEAD.match(span)):
            return True
    return False


def is_issue_id(text: str) -> bool:
    return _ISSUE.match(text) is not None and _DIGIT.search(text) is not None


def parse_owners(text: str) -> tuple[EntryStatus, tuple[str, ...], str | None]:
    """`A-1 and A-2` / `A-1, A-025..029` / `retired (reason)` → (status, owners, reason)."""
    text = text.strip().rstrip(".")
    retired = _RETIRED.match(text)
    if retired:
        reason = retired.group(2).strip() or None
        return cast("EntryStatus", retired.group(1).lower()), (), reason
    owners: list[str] = []
    for part in _OWNER_SPLIT.split(text):
        if not part:
            continue
        owners.extend(_expand_range(part))
    if not owners:
        raise PlanSyntaxError("no owning issue after `->`")
    for owner in owners:
        if not is_issue_id(owner):
            raise PlanSyntaxError(f"{owner!r} is not an issue id (expected e.g. OA-WEBPARITY-014 or #123)")
    return "owned", tuple(dict.fromkeys(owners)), None


def _expand_range(part: str) -> list[str]:
    match = _RANGE.match(part)
    if match is None:
        return [part]
    prefix, low, high = match.group(1), match.group(2), match.group(3)
    start, end = int(low), int(high)
    if end < start or end - start > _MAX_RANGE:
        raise PlanSyntaxError(f"range {part!r} is empty or longer than {_MAX_RANGE}")
    return [f"{prefix}{n:0{len(low)}d}" for n in range(start, end + 1)]


def plan_path_key(raw: str) -> str:
    """Canonical key of a plan path: Laravel syntax, or canonical tokens (`{}`, `{*}`, `{?}`)."""
    if raw.startswith(("http://", "https://")):
        raise PlanSyntaxError(f"{raw!r}: write the path without scheme and host")
    text = raw.replace("{*}", "{__wild}").replace("{?}", "{__opt?}").replace("{}", "{__param}")
    return canonical_path(text, "laravel", frozenset({"__wild"}))


def parse_spec(text: str) -> list[Spec]:
    """One backtick span: `GET api/me`, `GET|POST /x`, `command ops:x`, `page Foo/Bar`, `users`."""
    text = " ".join(text.split())
    route = _METHOD_LIST.match(text)
    if route:
        methods = _METHOD_SPLIT.split(route.group(1))
        if len(methods) > 1 and "GET" in methods:
            methods = [m for m in methods if m != "HEAD"]
        key = plan_path_key(route.group(2))
        return [Spec("route", method=m, path=key) for m in dict.fromkeys(methods)]
    for pattern, kind in ((_COMMAND, "command"), (_PAGE, "page"), (_TABLE, "table")):
        match = pattern.match(text)
        if match:
            return [Spec(cast("EntryKind", kind), name=match.group(1))]
    if _IDENT.match(text):
        return [Spec("table", name=text)]
    first = text.split(" ", 1)[0]
    if first.upper() in METHODS:
        raise PlanSyntaxError(f"`{text}`: HTTP methods are upper case and followed by one path")
    if text.startswith("/") or "/" in text:
        raise PlanSyntaxError(f"`{text}`: no HTTP method (write `GET {text}`)")
    raise PlanSyntaxError(
        f"`{text}`: not a route (`METHOD path`), `command name`, `page Component` or table name"
    )
