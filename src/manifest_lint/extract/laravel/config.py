"""`config('file.key')` answered statically from the app's `config/*.php` return arrays.

Config files are folded with the same `Folder` as route files; `env('X', 'default')` gives its default,
so the answer is what a fresh checkout without `.env` would see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from manifest_lint.extract.laravel.names import names_of
from manifest_lint.extract.laravel.values import FileScope, Folder, PhpArray, Unknown, Value
from manifest_lint.parsing import ParsedFile, SourceSet

if TYPE_CHECKING:
    from manifest_lint.model import Diagnostic


@dataclass
class ConfigReader:
    """Reads `config/<file>.php` once per file, on first use."""

    sources: SourceSet
    folder: Folder
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _files: dict[str, Value] = field(default_factory=dict)

    def __call__(self, key: str) -> tuple[bool, Value]:
        first, _, rest = key.partition(".")
        value = self._file(first)
        if isinstance(value, Unknown):
            return False, None
        for part in rest.split(".") if rest else []:
            if not isinstance(value, PhpArray) or not value.has(part):
                return False, None
            value = value.get(part)
        return True, value

    def _file(self, name: str) -> Value:
        if name in self._files:
            return self._files[name]
        self._files[name] = Unknown("<loading>", 0)
        rel = f"config/{name}.php"
        value: Value = Unknown(rel, 0)
        if name and "/" not in name and self.sources.exists(rel):
            parsed = self.sources.parse(rel, "php")
            if isinstance(parsed, ParsedFile):
                self.diagnostics.extend(self.sources.diagnostics_for(rel))
                value = self._return_value(parsed)
            else:
                self.diagnostics.extend(parsed)
        self._files[name] = value
        return value

    def _return_value(self, parsed: ParsedFile) -> Value:
        scope = FileScope(
            rel=parsed.rel,
            directory=str(self.sources.root / "config"),
            names=names_of(parsed.root),
            root=str(self.sources.root),
        )
        for child in parsed.root.named_children:
            if child.type == "return_statement" and child.named_children:
                return self.folder.fold(child.named_children[0], scope, {})
        return Unknown(parsed.rel, 1)
