"""Extraction stage: a project root in, a `Manifest` out. One subpackage per stack."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from manifest_lint.discover import detect_project
from manifest_lint.limits import Limits

if TYPE_CHECKING:
    from pathlib import Path

    from manifest_lint.model import Manifest


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """What a user can steer about extraction.

    `env`: evaluate environment conditions (`app()->environment('local')`) for this environment
    instead of keeping every branch. `resolve_aliases`: report middleware aliases as the classes
    they stand for, as `route:list` does.
    """

    env: str | None = None
    resolve_aliases: bool = False
    limits: Limits = field(default_factory=Limits)


def extract(root: Path, options: ExtractOptions | None = None) -> Manifest:
    """The manifest of the Laravel app or Rust crate/workspace at `root`."""
    options = options or ExtractOptions()
    kind = detect_project(root)
    if kind == "laravel":
        from manifest_lint.extract.laravel import extract_laravel

        return extract_laravel(root, options).sorted()
    from manifest_lint.extract.rust import extract_rust

    return extract_rust(root, options).sorted()
