"""The router's state as Laravel keeps it: group attribute arrays, route actions and the collection.

Attributes and actions are plain dicts that mirror PHP arrays, so `RouteGroup::merge` and the route-level
rules can be ported line for line (see the Laravel source named in each docstring).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from manifest_lint.model import Diagnostic

if TYPE_CHECKING:
    from manifest_lint.model import ResolveStatus

Attrs = dict[str, object]
ALL_VERBS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def php_trim(text: str, chars: str = "/") -> str:
    return text.strip(chars)


def as_list(value: object) -> list[object]:
    """PHP `(array)` on an attribute value: null → [], scalar → [scalar]."""
    if value is None:
        return []
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return list(value.values())
    return [value]


def _merge_recursive(base: Attrs, new: Attrs) -> Attrs:
    """PHP `array_merge_recursive` for string-keyed attribute arrays (lists are appended)."""
    result: Attrs = dict(base)
    for key, value in new.items():
        if key not in result:
            result[key] = value
            continue
        old = result[key]
        if isinstance(old, dict) and isinstance(value, dict):
            result[key] = _merge_recursive(old, value)
        else:
            result[key] = as_list(old) + as_list(value)
    return result


def _format_prefix(new: Attrs, old: Attrs, prepend_existing: bool) -> object:
    old_prefix = old.get("prefix")
    old_text = old_prefix if isinstance(old_prefix, str) else ""
    new_prefix = new.get("prefix")
    if new_prefix is None:
        return old_text
    new_text = str(new_prefix)
    if prepend_existing:
        return php_trim(old_text) + "/" + php_trim(new_text)
    return php_trim(new_text) + "/" + php_trim(old_text)


def _format_namespace(new: Attrs, old: Attrs) -> object:
    new_ns = new.get("namespace")
    old_ns = old.get("namespace")
    if new_ns is not None:
        new_text = str(new_ns)
        if old_ns is not None and not new_text.startswith("\\"):
            return php_trim(str(old_ns), "\\") + "\\" + php_trim(new_text, "\\")
        return php_trim(new_text, "\\")
    return old_ns


def _format_where(new: Attrs, old: Attrs) -> object:
    merged: dict[str, object] = {}
    for source in (old.get("where"), new.get("where")):
        if isinstance(source, dict):
            merged.update(source)
    return merged


def merge(new: Attrs, old: Attrs, prepend_existing_prefix: bool = True) -> Attrs:
    """`RouteGroup::merge($new, $old, $prependExistingPrefix)`."""
    result: Attrs = {key: value for key, value in old.items() if key not in _FORMATTED_KEYS}
    for key in ("domain", "controller"):
        if key in result and new.get(key) is not None:
            del result[key]
    formatted = dict(new)
    old_as = old.get("as")
    if old_as is not None:
        formatted["as"] = str(old_as) + str(new.get("as") or "")
    formatted["namespace"] = _format_namespace(new, old)
    formatted["prefix"] = _format_prefix(new, old, prepend_existing_prefix)
    formatted["where"] = _format_where(new, old)
    return _merge_recursive(result, formatted)


# Keys `merge` formats itself rather than merging recursively.
_FORMATTED_KEYS = frozenset({"namespace", "prefix", "where", "as"})


def router_prefix(group_prefix: str, uri: str) -> str:
    """`Router::prefix($uri)`: the group prefix joined to a route uri."""
    joined = php_trim(php_trim(group_prefix) + "/" + php_trim(uri))
    return joined if joined not in ("", "0") else "/"


def route_prefix(prefix: str, uri: str) -> str:
    """`Route::prefix($prefix)`: prepends to the current uri (why `p/g/x` happens)."""
    joined = prefix.rstrip("/") + "/" + uri.lstrip("/")
    return php_trim(joined) if joined != "/" else joined


_BINDING = re.compile(r"\{([\w:]+?)\??\}")


def parse_uri(uri: str) -> str:
    """`RouteUri::parse`: `{post:slug}` is stored as `{post}` (the field is a binding detail)."""
    if ":" not in uri:
        return uri
    for match in _BINDING.finditer(uri):
        inner = match.group(1)
        if ":" in inner:
            uri = uri.replace(inner, inner.split(":", 1)[0])
    return uri


@dataclass
class Draft:
    """One route while its statement runs: chained calls after creation still change it."""

    methods: list[str]
    uri: str
    action: Attrs
    file: str
    line: int
    condition: str | None = None
    status: ResolveStatus = "resolved"
    notes: list[str] = field(default_factory=list)
    page: str | None = None
    key: str = ""

    @property
    def domain(self) -> str | None:
        domain = self.action.get("domain")
        if domain is None:
            return None
        return str(domain).replace("http://", "").replace("https://", "")

    @property
    def name(self) -> str | None:
        name = self.action.get("as")
        return None if name is None else str(name)

    def action_name(self) -> str | None:
        controller = self.action.get("controller")
        if controller is None:
            return "Closure"
        if not isinstance(controller, str):
            return None
        return controller.lstrip("\\")

    def listed_methods(self) -> list[str]:
        """Methods as the export lists them: HEAD implied by GET and OPTIONS implied by any() dropped."""
        methods = self.methods
        drop_head = "HEAD" in methods and "GET" in methods
        drop_options = "OPTIONS" in methods and all(verb in methods for verb in ALL_VERBS)
        if not drop_head and not drop_options:
            return list(methods)
        return [
            method
            for method in methods
            if not (method == "HEAD" and drop_head) and not (method == "OPTIONS" and drop_options)
        ]

    def wheres(self) -> dict[str, str]:
        where = self.action.get("where")
        if not isinstance(where, dict):
            return {}
        return {str(k): str(v) for k, v in where.items()}


@dataclass
class Collection:
    """`RouteCollection`: keyed by methods|domain|uri at add time; a later route replaces in place."""

    routes: dict[str, Draft] = field(default_factory=dict)

    def add(self, draft: Draft, diagnostics: list[Diagnostic]) -> None:
        key = "|".join(draft.methods) + (draft.domain or "") + draft.uri + "\x00" + (draft.condition or "")
        draft.key = key
        earlier = self.routes.get(key)
        if earlier is not None:
            diagnostics.append(
                Diagnostic(
                    "duplicate-route",
                    f"{'|'.join(draft.methods)} /{draft.uri.lstrip('/')} is registered again; "
                    "this registration "
                    f"replaces the one at {earlier.file}:{earlier.line}",
                    draft.file,
                    draft.line,
                )
            )
        self.routes[key] = draft
