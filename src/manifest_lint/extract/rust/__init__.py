"""Rust extraction: Cargo workspace → per package: module tree → framework routes and commands."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from manifest_lint.extract.rust.actix import actix_version, extract_actix
from manifest_lint.extract.rust.cargo import read_workspace
from manifest_lint.extract.rust.clap import extract_commands
from manifest_lint.extract.rust.crate import load_package
from manifest_lint.extract.rust.entry import axum_version, extract_axum
from manifest_lint.extract.rust.rocket import extract_rocket, rocket_version
from manifest_lint.extract.rust.values import dynamic_prefix
from manifest_lint.model import Diagnostic, Manifest, Route, Surface
from manifest_lint.parsing import SourceSet

if TYPE_CHECKING:
    from pathlib import Path

    from manifest_lint.extract import ExtractOptions


def extract_rust(root: Path, options: ExtractOptions) -> Manifest:
    """The manifest of the crate or workspace whose Cargo.toml is at `root` (nothing is compiled or run)."""
    sources = SourceSet(root, options.limits)
    workspace = read_workspace(root, sources)
    surfaces: list[Surface] = []
    diagnostics: list[Diagnostic] = list(workspace.diagnostics)
    frameworks: list[str] = []
    served: set[tuple[str, int]] = set()  # registrations some binary serves, across packages
    # Binaries first: a library's router served by another member's binary is not unmounted.
    for package in sorted(workspace.packages, key=lambda p: not p.bins):
        crates = load_package(sources, package, workspace)
        for crate in crates.crates.values():
            diagnostics.extend(crate.diagnostics)
        version = axum_version(package)
        if version is None and package.bins:  # a CLI crate launching another member's server
            version = next(
                (v for m in workspace.path_members(package) if (v := axum_version(m)) is not None), None
            )
        if version is not None:
            axum = extract_axum(package, crates, version, options.limits, served)
            surfaces.extend(axum.routes)
            diagnostics.extend(axum.diagnostics)
            frameworks.append(version.label)
        actix = actix_version(package)
        if actix is not None:
            actix_routes, actix_diagnostics = extract_actix(package, crates, actix)
            surfaces.extend(actix_routes)
            diagnostics.extend(actix_diagnostics)
            frameworks.append(actix)
        rocket = rocket_version(package)
        if rocket is not None:
            rocket_routes, rocket_diagnostics = extract_rocket(package, crates, rocket)
            surfaces.extend(rocket_routes)
            diagnostics.extend(rocket_diagnostics)
            frameworks.append(rocket)
        commands, command_diagnostics = extract_commands(package, crates)
        surfaces.extend(commands)
        diagnostics.extend(command_diagnostics)
    framework = ", ".join(sorted(set(frameworks))) or None
    surfaces = _attributed([_noted(s) for s in surfaces])
    return Manifest("rust", root.as_posix(), framework, tuple(surfaces), tuple(diagnostics), sources.inputs)


def _noted(surface: Surface) -> Surface:
    """Every framework's route whose prefix is only known at run time says so (`dynamic-prefix`)."""
    if isinstance(surface, Route) and dynamic_prefix(surface.uri) and "dynamic-prefix" not in surface.notes:
        return replace(surface, notes=(*surface.notes, "dynamic-prefix"))
    return surface


def _attributed(surfaces: list[Surface]) -> list[Surface]:
    """A route read once per package that loads its crate (a server lib, and the CLI member that
    depends on it and launches it) is listed once: with the binaries that serve it, not also with
    no binary."""
    if not any(isinstance(s, Route) and s.binary is None for s in surfaces):
        return surfaces  # nothing to drop: skip copying every served route (0.15 s at 10k routes)
    served = {replace(s, binary=None) for s in surfaces if isinstance(s, Route) and s.binary is not None}
    return [s for s in surfaces if not (isinstance(s, Route) and s.binary is None and s in served)]
