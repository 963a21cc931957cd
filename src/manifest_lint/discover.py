"""Which kind of project lives at a path, and the manifest facts (composer, Cargo) extractors need.

Detection reads `artisan`/`composer.json` for Laravel and `Cargo.toml` for Rust; nothing is run.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from manifest_lint.errors import UsageError
from manifest_lint.model import Diagnostic

if TYPE_CHECKING:
    from collections.abc import Iterator

ProjectKind = Literal["laravel", "rust"]


def detect_project(path: Path) -> ProjectKind:
    """The kind of project rooted at `path`; a one-line `UsageError` when it is neither."""
    if not path.exists():
        raise UsageError(f"{path}: no such directory")
    if not path.is_dir():
        raise UsageError(f"{path}: not a directory")
    if (path / "artisan").is_file() or _composer_requires_laravel(path / "composer.json"):
        return "laravel"
    if (path / "Cargo.toml").is_file():
        return "rust"
    raise UsageError(
        f"{path}: not a Laravel app (no artisan or composer.json requiring laravel/framework) "
        "and not a Rust crate (no Cargo.toml)"
    )


def _composer_requires_laravel(path: Path) -> bool:
    data = load_json_object(path)
    if data is None:
        return False
    requires = data.get("require")
    return isinstance(requires, dict) and "laravel/framework" in requires


def load_json_object(path: Path) -> dict[str, object] | None:
    """A JSON object from a file, or None when the file is missing or not a JSON object."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def load_toml(path: Path) -> dict[str, object] | None:
    try:
        return tomllib.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None


@dataclass(frozen=True, slots=True)
class Composer:
    """What composer.json / composer.lock say: PSR-4 roots and installed package versions."""

    psr4: tuple[tuple[str, str], ...] = (("App\\", "app/"),)
    packages: dict[str, str] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()

    def has_package(self, name: str) -> bool:
        return name in self.packages

    def class_file(self, fqcn: str) -> str | None:
        """The project-relative file PSR-4 maps a class to (longest prefix wins), if any."""
        return _class_file(self.psr4, fqcn)

    def class_for_file(self, rel: str) -> str | None:
        """The class name PSR-4 gives a project-relative file, if it lies under a mapped root."""
        for prefix, directory in sorted(self.psr4, key=lambda item: -len(item[1])):
            directory = directory.rstrip("/") + "/" if directory else ""
            if rel.startswith(directory) and rel.endswith(".php"):
                return prefix + rel[len(directory) : -4].replace("/", "\\")
        return None


def read_composer(root: Path) -> Composer:
    diagnostics: list[Diagnostic] = []
    data = load_json_object(root / "composer.json")
    if data is None and (root / "composer.json").exists():
        diagnostics.append(
            Diagnostic(
                "unreadable-file",
                "composer.json is not a JSON object; assuming App\\ → app/",
                "composer.json",
                1,
            )
        )
    psr4: list[tuple[str, str]] = []
    packages: dict[str, str] = {}
    if data is not None:
        autoload = data.get("autoload")
        mapping = autoload.get("psr-4") if isinstance(autoload, dict) else None
        if isinstance(mapping, dict):
            for prefix, dirs in mapping.items():
                for directory in dirs if isinstance(dirs, list) else [dirs]:
                    if isinstance(directory, str):
                        psr4.append((prefix, directory))
        for section in ("require", "require-dev"):
            requires = data.get(section)
            if isinstance(requires, dict):
                packages.update({name: str(version) for name, version in requires.items()})
    lock = load_json_object(root / "composer.lock")
    if lock is not None:
        for section in ("packages", "packages-dev"):
            entries = lock.get(section)
            if isinstance(entries, list):
                for entry in entries:
                    if isinstance(entry, dict) and isinstance(entry.get("name"), str):
                        packages[str(entry["name"])] = str(entry.get("version", ""))
    return Composer(
        psr4=tuple(psr4) or (("App\\", "app/"),), packages=packages, diagnostics=tuple(diagnostics)
    )


def walk_files(root: Path, start: str, suffixes: tuple[str, ...]) -> Iterator[tuple[str, Path]]:
    """Files under `root/start` with one of `suffixes`, as (relative POSIX path, path), sorted.

    Symlinked directories are not followed (no loops, no leaving the root); a symlinked file is
    yielded only when it resolves inside the root.
    """
    base = root / start
    if not base.is_dir() or base.is_symlink():
        return
    real_root = root.resolve()
    found: list[tuple[str, Path]] = []
    for directory, dirnames, filenames in os.walk(base, followlinks=False):
        dirnames.sort()
        for filename in filenames:
            if not filename.endswith(suffixes):
                continue
            path = Path(directory) / filename
            if path.is_symlink():
                try:
                    real = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    continue
                if not real.is_relative_to(real_root):
                    continue
            found.append((path.relative_to(root).as_posix(), path))
    yield from sorted(found)


@lru_cache(maxsize=65536)
def _class_file(psr4: tuple[tuple[str, str], ...], fqcn: str) -> str | None:
    """Memoised PSR-4 lookup: a run asks for the same class tens of thousands of times."""
    fqcn = fqcn.lstrip("\\")
    best: tuple[str, str] | None = None
    for prefix, directory in psr4:
        if fqcn.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, directory)
    if best is None:
        return None
    rest = fqcn[len(best[0]) :].replace("\\", "/")
    directory = best[1].rstrip("/")
    return f"{directory}/{rest}.php" if directory else f"{rest}.php"
