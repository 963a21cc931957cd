"""The TOML plan form: the same content as the markdown form, for teams that want it machine-first.

    [issues]
    "OA-14" = "Port the auth endpoints"

    [[route]]
    method = "POST"            # or methods = ["GET", "POST"]
    path = "api/auth/email"
    owners = ["OA-14"]         # or status = "retired", reason = "…"
    note = "local/testing"     # optional; domain = "Auth" optional

    [[command]]  name = "ops:create-api-token", owners = [...]
    [[page]]     name = "Settings/Profile", owners = [...]
    [[table]]    name = "users", owners = [...]

tomllib keeps no positions, so each entry's line is the line of its `[[kind]]` header.
"""

from __future__ import annotations

import re
import tomllib

from manifest_lint.model import Diagnostic
from manifest_lint.plan.grammar import METHODS, PlanSyntaxError, is_issue_id, plan_path_key
from manifest_lint.plan.model import Plan, PlanEntry

_KINDS = ("route", "command", "page", "table")
_HEADER = re.compile(r"^\s*\[\[\s*(route|command|page|table)\s*\]\]")
_ENTRY_KEYS = {"method", "methods", "path", "name", "owners", "owner", "status", "reason", "note", "domain"}


def read_toml_plan(data: bytes, file: str) -> Plan:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Plan(
            diagnostics=(
                Diagnostic(
                    "encoding-error", f"{file}: TOML plan is not valid UTF-8 (byte {error.start})", file, line
                ),
            ),
            files=(file,),
        )
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else 1
        return Plan(
            diagnostics=(
                Diagnostic("malformed-plan-entry", f"TOML plan cannot be parsed: {error}", file, line),
            ),
            files=(file,),
        )
    header_lines: dict[str, list[int]] = {kind: [] for kind in _KINDS}
    for number, line_text in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line_text)
        if header:
            header_lines[header.group(1)].append(number)
    diagnostics: list[Diagnostic] = []
    titles: list[tuple[str, str]] = []
    issues = raw.get("issues", {})
    if isinstance(issues, dict):
        titles = [(str(k), str(v)) for k, v in issues.items()]
    else:
        diagnostics.append(
            Diagnostic("malformed-plan-entry", "`issues` must be a table of id = title", file, 1)
        )
    for key in sorted(set(raw) - {"issues", *_KINDS}):
        diagnostics.append(Diagnostic("malformed-plan-entry", f"unknown top-level key `{key}`", file, 1))
    entries: list[PlanEntry] = []
    for kind in _KINDS:
        items = raw.get(kind, [])
        if not isinstance(items, list):
            diagnostics.append(
                Diagnostic(
                    "malformed-plan-entry", f"`{kind}` must be an array of tables `[[{kind}]]`", file, 1
                )
            )
            continue
        lines = header_lines[kind]
        for index, item in enumerate(items):
            line = lines[index] if index < len(lines) else 1
            try:
                entries.extend(_entry(kind, item, file, line))
            except PlanSyntaxError as error:
                diagnostics.append(
                    Diagnostic("malformed-plan-entry", f"plan entry cannot be read: {error}", file, line)
                )
    return Plan(entries=tuple(entries), titles=tuple(titles), diagnostics=tuple(diagnostics), files=(file,))


def _entry(kind: str, item: object, file: str, line: int) -> list[PlanEntry]:
    if not isinstance(item, dict):
        raise PlanSyntaxError(f"[[{kind}]] must be a table")
    unknown = sorted(set(item) - _ENTRY_KEYS)
    if unknown:
        raise PlanSyntaxError(f"unknown key `{unknown[0]}` in [[{kind}]]")

    def text(key: str) -> str | None:
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise PlanSyntaxError(f"`{key}` must be a string")
        return value

    status = text("status") or "owned"
    if status not in ("owned", "retired", "deprecated"):
        raise PlanSyntaxError("`status` must be owned, retired or deprecated")
    owners_raw = item.get("owners", [item["owner"]] if "owner" in item else [])
    if not isinstance(owners_raw, list) or not all(isinstance(o, str) for o in owners_raw):
        raise PlanSyntaxError("`owners` must be a list of issue ids")
    owners = tuple(owners_raw)
    for owner in owners:
        if not is_issue_id(owner):
            raise PlanSyntaxError(f"{owner!r} is not an issue id")
    if status == "owned" and not owners:
        raise PlanSyntaxError('an entry needs `owners` or `status = "retired"`')
    common = {
        "owners": owners,
        "status": status,
        "reason": text("reason"),
        "note": text("note"),
        "domain": text("domain"),
    }
    if kind == "route":
        path = text("path")
        methods_raw = item.get("methods", [item["method"]] if "method" in item else [])
        if not path or not isinstance(methods_raw, list) or not methods_raw:
            raise PlanSyntaxError("[[route]] needs `path` and `method` (or `methods`)")
        key = plan_path_key(path)
        out = []
        for method in methods_raw:
            if not isinstance(method, str) or method.upper() not in METHODS:
                raise PlanSyntaxError(f"{method!r} is not an HTTP method")
            raw = f"{method.upper()} {path}"
            out.append(PlanEntry(file, line, "route", raw, method=method.upper(), path=key, **common))  # type: ignore[arg-type]
        return out
    name = text("name")
    if not name:
        raise PlanSyntaxError(f"[[{kind}]] needs `name`")
    return [PlanEntry(file, line, kind, name, name=name, **common)]  # type: ignore[arg-type]
