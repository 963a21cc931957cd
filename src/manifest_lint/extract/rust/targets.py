"""The crates one binary sees: its own module tree plus its package's lib, loaded once per package.

clap, actix-web and Rocket entry points all live in a binary and reach into the lib by its crate
name (`my_pkg::cli::Cli`); this pairs the two so names resolve the way rustc would resolve them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from manifest_lint.extract.rust.crate import Crate, CrateSet, load_crate

if TYPE_CHECKING:
    from manifest_lint.extract.rust.cargo import Binary, Package
    from manifest_lint.model import Diagnostic
    from manifest_lint.parsing import SourceSet


def lib_crate_name(package: Package) -> str:
    return package.name.replace("-", "_")


@dataclass
class PackageCrates:
    """Lazily loaded crates of one package; every file is parsed once through the SourceSet."""

    package: Package
    sources: SourceSet
    _lib: Crate | None = None
    _bins: dict[str, Crate] = field(default_factory=dict)
    _reported: set[str] = field(default_factory=set)

    def lib(self) -> Crate | None:
        if self.package.lib is None:
            return None
        if self._lib is None:
            self._lib = load_crate(
                self.sources, name=lib_crate_name(self.package), kind="lib", root_file=self.package.lib
            )
        return self._lib

    def binary(self, binary: Binary) -> Crate:
        crate = self._bins.get(binary.name)
        if crate is None:
            crate = load_crate(
                self.sources, name=f"bin:{binary.name}", kind="bin", root_file=binary.path, binary=binary.name
            )
            self._bins[binary.name] = crate
        return crate

    def crate_set(self, binary: Binary | None) -> CrateSet:
        """Names as seen from `binary` (or from the lib alone when `binary` is None)."""
        crates: dict[str, Crate] = {}
        lib = self.lib()
        if lib is not None:
            crates[lib.name] = lib
        if binary is not None:
            own = self.binary(binary)
            crates[own.name] = own
        packages = {dep.key: dep.package for dep in self.package.dependencies.values()}
        return CrateSet(crates, packages)

    def diagnostics(self) -> list[Diagnostic]:
        """Load diagnostics of every crate loaded so far (each reported once)."""
        found: list[Diagnostic] = []
        for crate in [c for c in [self._lib] if c is not None] + list(self._bins.values()):
            if crate.name not in self._reported:
                self._reported.add(crate.name)
                found.extend(crate.diagnostics)
        return found
