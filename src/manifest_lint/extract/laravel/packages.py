"""Framework and package routes that no app route file declares, from the catalog in `rules/packages/`.

Each catalog entry is keyed on a composer package (composer.json / composer.lock) and optionally on a
config value; the app's `config/*.php` is read statically, falling back to the package default.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from manifest_lint.extract.laravel.state import Draft
from manifest_lint.extract.laravel.values import PhpArray, as_string

if TYPE_CHECKING:
    from manifest_lint.discover import Composer
    from manifest_lint.extract.laravel.config import ConfigReader
    from manifest_lint.extract.laravel.evaluator import Interpreter


@dataclass(frozen=True, slots=True)
class FrameworkVersion:
    """The laravel/framework version: exact from composer.lock, else only the major of the constraint."""

    major: int | None
    exact: tuple[int, ...] | None = None

    @property
    def label(self) -> str | None:
        return None if self.major is None else f"laravel@{self.major}"


def framework_version(composer: Composer) -> FrameworkVersion:
    raw = composer.packages.get("laravel/framework")
    if raw is None:
        return FrameworkVersion(None)
    exact = re.fullmatch(r"v?(\d+)\.(\d+)\.(\d+).*", raw.strip())
    if exact:
        numbers = tuple(int(part) for part in exact.groups())
        return FrameworkVersion(numbers[0], numbers)
    majors = re.findall(r"(\d+)(?:\.[\d*x]+)*", raw)
    return FrameworkVersion(int(majors[0]) if majors else None)


@cache
def catalog() -> tuple[dict[str, object], ...]:
    entries: list[dict[str, object]] = []
    folder = resources.files("manifest_lint").joinpath("data", "packages")
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.name.endswith(".toml"):
            entries.extend(tomllib.loads(item.read_text(encoding="utf-8")).get("routes", []))
    return tuple(entries)


def _config_value(
    config: ConfigReader, spec: dict[str, object], major: int | None
) -> tuple[object, str | None]:
    """A catalog value read from config (and which config file set it), else its default."""
    key = spec.get("config")
    if isinstance(key, str):
        found, value = config(key)
        if found:
            plain: object = value
            if isinstance(value, PhpArray):
                plain = [as_string(v) for v in value.values()]
            return plain, f"config/{key.split('.', 1)[0]}.php"
    by_major = spec.get("default_by_major")
    if isinstance(by_major, dict):
        return by_major.get(str(major)), None
    return spec.get("default"), None


def _substitute(template: str, variables: dict[str, str]) -> str:
    """`${name}` placeholders of a catalog uri, then trimmed as the router trims."""
    text = re.sub(r"\$\{(\w+)\}", lambda match: variables.get(match.group(1), ""), template)
    return text.strip("/") or "/"


def add_package_routes(
    interpreter: Interpreter,
    composer: Composer,
    config: ConfigReader,
    version: FrameworkVersion,
    stage: str,
    app_code: bytes = b"",
) -> None:
    """Add the catalog's routes for this stage; `app_code` is the providers' source, searched for the
    calls that turn a package's routes off (`disabled_by`, e.g. `Fortify::ignoreRoutes(`)."""
    for entry in catalog():
        disabled_by = entry.get("disabled_by")
        if isinstance(disabled_by, list) and any(
            str(snippet).encode() in app_code for snippet in disabled_by
        ):
            continue
        if str(entry.get("stage", "boot")) != stage:
            continue
        package = entry.get("package")
        if isinstance(package, str) and not composer.has_package(package):
            continue
        min_major = entry.get("min_major")
        if isinstance(min_major, int) and (version.major is None or version.major < min_major):
            continue
        source = "composer.json"
        enabled = entry.get("enabled")
        if isinstance(enabled, dict):
            value, file = _config_value(config, enabled, version.major)
            if value is False or value is None:
                continue
            source = file or source
        variables: dict[str, str] = {}
        raw_vars = entry.get("vars")
        for name, spec in raw_vars.items() if isinstance(raw_vars, dict) else []:
            value, _ = _config_value(config, spec, version.major)
            text = str(value) if value is not None else ""
            if spec.get("url_path") and "://" in text:
                text = text.split("://", 1)[1].partition("/")[2]
            variables[name] = text.strip("/")
        middleware: list[str] = []
        raw_middleware = entry.get("middleware")
        if isinstance(raw_middleware, dict):
            value, _ = _config_value(config, raw_middleware, version.major)
            middleware = (
                [str(m) for m in value] if isinstance(value, list) else ([str(value)] if value else [])
            )
        note = str(entry.get("note") or f"package:{package}")
        if isinstance(entry.get("partial"), str):
            interpreter.diagnose("unresolved-construct", str(entry["partial"]), source, 1)
        routes = entry.get("route")
        for route in routes if isinstance(routes, list) else []:
            min_version = route.get("min_version")
            version_condition: str | None = None
            if isinstance(min_version, str):
                wanted = tuple(int(part) for part in min_version.split("."))
                if version.exact is not None and version.exact < wanted:
                    continue
                if version.exact is None:
                    if version.major is not None and version.major < wanted[0]:
                        continue
                    # Only a constraint is known (no composer.lock): the route may or may not be
                    # there, so it is kept with what it depends on rather than dropped.
                    version_condition = f"laravel/framework >= {min_version}"
            uri = _substitute(str(route["uri"]), variables)
            action: dict[str, object] = {"middleware": [*middleware, *route.get("middleware", [])]}
            if route.get("name"):
                action["as"] = route["name"]
            if route.get("action") and route["action"] != "Closure":
                action["controller"] = route["action"]
            wildcards = entry.get("wildcards")
            if isinstance(wildcards, list):
                action["where"] = {str(name): ".*" for name in wildcards}
            methods = list(route["methods"])
            if "GET" in methods and "HEAD" not in methods:
                methods.append("HEAD")
            condition = entry.get("condition")
            conditions = [
                c for c in (condition if isinstance(condition, str) else None, version_condition) if c
            ]
            draft = Draft(
                methods=methods,
                uri=uri,
                action=action,
                file=source,
                line=1,
                condition=" && ".join(conditions) or None,
                notes=[note],
            )
            interpreter.add(draft)
