"""Laravel extractor: the app's routes, then its pages, commands and tables, as one `Manifest`.

`extract_laravel` is a short composition of steps; each surface kind adds one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from manifest_lint.discover import read_composer
from manifest_lint.extract.laravel.app_surfaces import extract_app_surfaces
from manifest_lint.extract.laravel.routes import extract_routes
from manifest_lint.model import Manifest
from manifest_lint.parsing import SourceSet

if TYPE_CHECKING:
    from pathlib import Path

    from manifest_lint.extract import ExtractOptions


def extract_laravel(root: Path, options: ExtractOptions) -> Manifest:
    sources = SourceSet(root, options.limits)
    composer = read_composer(sources.root)
    routes = extract_routes(sources, composer, options)
    app = extract_app_surfaces(sources, composer, routes.routes)
    return Manifest(
        stack="laravel",
        root=root.as_posix(),
        framework=routes.framework,
        surfaces=(*app.routes, *app.surfaces),
        diagnostics=(*composer.diagnostics, *routes.diagnostics, *app.diagnostics),
        inputs=sources.inputs,
    )
