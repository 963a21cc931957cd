"""PHP name resolution as `::class` does it: textual, from the file's namespace and `use` imports.

Nothing is autoloaded: `Foo::class` in a file without namespace or import is just `Foo`, which is what
route:list prints too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from manifest_lint.parsing import node_text

if TYPE_CHECKING:
    import tree_sitter

_USE_GROUP = re.compile(r"^\s*use\s+(?:(function|const)\s+)?(.*?)\s*;?\s*$", re.DOTALL)
_SPECIAL = frozenset({"self", "static", "parent"})


@dataclass
class Names:
    """The namespace and class imports in effect in one file."""

    namespace: str = ""
    imports: dict[str, str] = field(default_factory=dict)
    _resolved: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def add_use(self, text: str) -> None:
        """Record a `use` declaration (plain, aliased or grouped); function/const imports are ignored."""
        self._resolved.clear()
        match = _USE_GROUP.match(text)
        if match is None or match.group(1):
            return
        body = match.group(2)
        if "{" in body:
            base, _, rest = body.partition("{")
            base = base.strip().rstrip("\\").strip()
            entries = [f"{base}\\{item.strip()}" for item in rest.rstrip("}").split(",") if item.strip()]
        else:
            entries = [item.strip() for item in body.split(",") if item.strip()]
        for entry in entries:
            parts = re.split(r"\s+as\s+", entry, maxsplit=1, flags=re.IGNORECASE)
            name = re.sub(r"\s+", "", parts[0]).lstrip("\\")
            short = parts[1].strip() if len(parts) > 1 else name.rsplit("\\", 1)[-1]
            if name:
                self.imports[short.lower()] = name

    def resolve(self, raw: str) -> str:
        """Fully qualified class name (no leading backslash) for a class name as written; memoised
        because a route file names the same few controllers on every line."""
        resolved = self._resolved.get(raw)
        if resolved is None:
            resolved = self._resolve(raw)
            self._resolved[raw] = resolved
        return resolved

    def _resolve(self, raw: str) -> str:
        raw = raw.strip()
        if raw.startswith("\\"):
            return raw[1:]
        if raw.lower().startswith("namespace\\"):
            return self._join(raw[len("namespace\\") :])
        first, sep, rest = raw.partition("\\")
        imported = self.imports.get(first.lower())
        if imported is not None:
            return imported + (sep + rest if sep else "")
        if first.lower() in _SPECIAL:
            return raw
        return self._join(raw)

    def _join(self, name: str) -> str:
        return f"{self.namespace}\\{name}" if self.namespace else name


def names_of(root: tree_sitter.Node) -> Names:
    """Namespace and imports declared at the top level of a file (the usual place).

    Routes, controllers, pages and commands all ask for the same files' names, thousands of
    times on a large app, so each tree is read once; callers get their own copy.
    """
    names = _names_of(root)
    return Names(namespace=names.namespace, imports=dict(names.imports))


@lru_cache(maxsize=8192)
def _names_of(root: tree_sitter.Node) -> Names:
    names = Names()
    for child in root.named_children:
        if child.type == "namespace_definition":
            name = child.child_by_field_name("name")
            names.namespace = node_text(name).strip() if name is not None else ""
            body = child.child_by_field_name("body")
            if body is not None:
                for inner in body.named_children:
                    if inner.type == "namespace_use_declaration":
                        names.add_use(node_text(inner))
        elif child.type == "namespace_use_declaration":
            names.add_use(node_text(child))
    return names
