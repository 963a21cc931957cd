"""Find, read and validate the configuration of `check`, `snapshot` and `baseline`.

Precedence (ruff's model): the first of `.manifest-lint.toml`, `manifest-lint.toml`,
`pyproject.toml` with a `[tool.manifest-lint]` table, walking up from the working directory;
`--config FILE` pins one; CLI flags override what the file says. Paths in a file are relative to
that file's directory, which is also the repository root findings are reported against. Every
unknown key or wrong type is a `ConfigError` naming the key and the file: a typo must never
silently switch a check off.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

from manifest_lint.catalog import data_text, lookup
from manifest_lint.errors import ConfigError
from manifest_lint.limits import Limits

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from manifest_lint.model import Severity

    Fail = Callable[[str, str], ConfigError]

CONFIG_NAMES = (".manifest-lint.toml", "manifest-lint.toml")
RetiredMode = Literal["target", "legacy", "both"]
_SEVERITIES = ("error", "warning", "info")
DEFAULT_BASELINE = ".manifest-lint-baseline.json"
DEFAULT_SNAPSHOT = "manifest-lint.snapshot.json"


@dataclass(frozen=True, slots=True)
class Config:
    """A validated configuration; every path is absolute.

    `root` is the repository root: the directory of the config file (or the start directory when
    there is none). Findings name files relative to it.
    """

    root: Path
    source: Path | None = None
    legacy: Path | None = None
    targets: tuple[Path, ...] = ()
    plans: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    fail_on: Severity = "error"
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    allow: tuple[str, ...] = ()
    path_map: tuple[tuple[str, str], ...] = ()
    command_map: tuple[tuple[str, str], ...] = ()
    auth: tuple[tuple[str, tuple[str, ...]], ...] = field(default_factory=lambda: default_auth())
    ignore_page_dirs: tuple[str, ...] = ()
    retired_served_by: RetiredMode = "target"
    snapshot: Path | None = None
    baseline: Path | None = None
    limits: Limits = field(default_factory=Limits)
    env: str | None = None

    @property
    def snapshot_path(self) -> Path:
        return self.snapshot or self.root / DEFAULT_SNAPSHOT

    @property
    def baseline_path(self) -> Path:
        return self.baseline or self.root / DEFAULT_BASELINE

    def rel(self, path: Path) -> str:
        """`path` relative to the repository root, POSIX style (absolute when outside it)."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.resolve().as_posix()


@dataclass(frozen=True, slots=True)
class Overrides:
    """What the command line says; `None`/empty means "keep the file's value"."""

    legacy: Path | None = None
    targets: tuple[Path, ...] = ()
    plans: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None


def default_auth() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The built-in guard-equivalence table (rules/auth-defaults.toml)."""
    raw = tomllib.loads(data_text("auth-defaults.toml"))
    return _auth_table(raw["auth"], "auth-defaults.toml")


def find_config_file(start: Path) -> Path | None:
    """The closest config file at or above `start`; a pyproject.toml counts only with our table."""
    directory = start.resolve()
    for candidate_dir in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_dir / name
            if candidate.is_file():
                return candidate
        pyproject = candidate_dir / "pyproject.toml"
        if pyproject.is_file() and _pyproject_table(pyproject) is not None:
            return pyproject
    return None


def _pyproject_table(path: Path) -> dict[str, object] | None:
    tool = _read_toml(path).get("tool")
    if not isinstance(tool, dict):
        return None
    table = tool.get("manifest-lint")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.manifest-lint] must be a table")
    return table


def _read_toml(path: Path) -> dict[str, object]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read config ({error.strerror or error})") from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ConfigError(f"{path}:{line}: config is not valid UTF-8") from error
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error


def load_config(start: Path, config_file: Path | None = None, overrides: Overrides | None = None) -> Config:
    """Discover (or take `config_file`), validate, then apply CLI overrides."""
    overrides = overrides or Overrides()
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"{config_file}: config file does not exist")
        found: Path | None = config_file.resolve()
    else:
        found = find_config_file(start)
    if found is None:
        config = Config(root=start.resolve())
    else:
        if found.name == "pyproject.toml":
            table = _pyproject_table(found)
            prefix = "tool.manifest-lint."
            if table is None:
                raise ConfigError(f"{found}: no [tool.manifest-lint] table")
        else:
            table = _read_toml(found)
            prefix = ""
        config = parse_config(table, found, prefix)
    return apply_overrides(config, overrides)


def apply_overrides(config: Config, overrides: Overrides) -> Config:
    cwd = Path.cwd()
    changes: dict[str, object] = {}
    if overrides.legacy is not None:
        changes["legacy"] = (cwd / overrides.legacy).resolve()
    if overrides.targets:
        changes["targets"] = tuple((cwd / t).resolve() for t in overrides.targets)
    if overrides.plans:
        changes["plans"] = tuple((cwd / p).resolve() for p in overrides.plans)
    if overrides.select:
        changes["select"] = _codes(list(overrides.select), "--select", None)
    if overrides.ignore:
        changes["ignore"] = _codes(list(overrides.ignore), "--ignore", None)
    if overrides.fail_on is not None:
        changes["fail_on"] = overrides.fail_on
    return replace(config, **changes) if changes else config  # type: ignore[arg-type]


_KEYS = {
    "legacy",
    "target",
    "plan",
    "select",
    "ignore",
    "severity",
    "fail-on",
    "per-path-ignores",
    "allow",
    "path-map",
    "command-map",
    "auth",
    "ignore-page-dirs",
    "retired-served-by",
    "snapshot",
    "baseline",
    "limits",
    "env",
}
_LIMIT_KEYS = {"max-file-bytes", "max-nesting", "parse-timeout"}


def parse_config(table: Mapping[str, object], source: Path, prefix: str = "") -> Config:
    """Validate a config table read from `source`."""
    root = source.parent.resolve()

    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{source}: key `{prefix}{key}`: {problem}")

    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key (known keys: {', '.join(sorted(_KEYS))})")

    def string(key: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value:
            raise fail(key, "must be a non-empty string")
        return value

    def strings(key: str, *, single_ok: bool = False) -> tuple[str, ...]:
        value = table.get(key)
        if value is None:
            return ()
        if single_ok and isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, "must be a list of non-empty strings")
        return tuple(cast("list[str]", value))

    def str_table(key: str) -> dict[str, object]:
        value = table.get(key, {})
        if not isinstance(value, dict):
            raise fail(key, "must be a table")
        return value

    def path(value: str, key: str) -> Path:
        resolved = (root / value).resolve()
        if not resolved.exists():
            raise fail(key, f"path {value!r} does not exist (relative to {root})")
        return resolved

    legacy_raw = string("legacy")
    changes: dict[str, object] = {
        "root": root,
        "source": source,
        "legacy": path(legacy_raw, "legacy") if legacy_raw else None,
        "targets": tuple(path(v, "target") for v in strings("target", single_ok=True)),
        "plans": tuple(path(v, "plan") for v in strings("plan", single_ok=True)),
        "select": _codes(list(strings("select")), f"{prefix}select", source),
        "ignore": _codes(list(strings("ignore")), f"{prefix}ignore", source),
        "allow": strings("allow"),
        "ignore_page_dirs": strings("ignore-page-dirs"),
        "env": string("env"),
    }
    fail_on = string("fail-on")
    if fail_on is not None:
        if fail_on not in _SEVERITIES:
            raise fail("fail-on", f"must be one of {', '.join(_SEVERITIES)}")
        changes["fail_on"] = fail_on
    retired = string("retired-served-by")
    if retired is not None:
        if retired not in ("target", "legacy", "both"):
            raise fail("retired-served-by", "must be one of target, legacy, both")
        changes["retired_served_by"] = retired
    severities: list[tuple[str, Severity]] = []
    for code, level in str_table("severity").items():
        rule = lookup(code)
        if rule is None:
            raise fail(f"severity.{code}", "no such rule code or name")
        if level not in _SEVERITIES:
            raise fail(f"severity.{code}", f"must be one of {', '.join(_SEVERITIES)}")
        severities.append((rule.code, cast("Severity", level)))
    changes["severity"] = tuple(severities)
    per_path: list[tuple[str, tuple[str, ...]]] = []
    for glob, codes in str_table("per-path-ignores").items():
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise fail(f"per-path-ignores.{glob}", "must be a list of rule codes")
        per_path.append((glob, _codes(codes, f"{prefix}per-path-ignores.{glob}", source)))
    changes["per_path_ignores"] = tuple(per_path)
    changes["path_map"] = tuple(_prefix_pairs(str_table("path-map"), "path-map", fail))
    command_map: list[tuple[str, str]] = []
    for legacy_name, target_name in str_table("command-map").items():
        if not isinstance(target_name, str) or not target_name:
            raise fail(f"command-map.{legacy_name}", "must be a non-empty string")
        command_map.append((legacy_name, target_name))
    changes["command_map"] = tuple(command_map)
    if "auth" in table:
        changes["auth"] = _auth_table(str_table("auth"), str(source), prefix)
    for key in ("snapshot", "baseline"):
        value = string(key)
        if value is not None:
            changes[key] = (root / value).resolve()
    changes["limits"] = _limits(str_table("limits"), fail)
    return Config(**changes)  # type: ignore[arg-type]


def _prefix_pairs(raw: dict[str, object], key: str, fail: Fail) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for legacy_prefix, target_prefix in raw.items():
        if (
            not isinstance(target_prefix, str)
            or not legacy_prefix.startswith("/")
            or not target_prefix.startswith("/")
        ):
            raise fail(f"{key}.{legacy_prefix}", "prefixes must be strings starting with `/`")
        pairs.append((legacy_prefix.rstrip("/") or "/", target_prefix.rstrip("/") or "/"))
    # Longest legacy prefix first, so `/api/v1` wins over `/api`.
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def _limits(raw: dict[str, object], fail: Fail) -> Limits:
    unknown = sorted(set(raw) - _LIMIT_KEYS)
    if unknown:
        raise fail(f"limits.{unknown[0]}", f"unknown key (known: {', '.join(sorted(_LIMIT_KEYS))})")
    limits = Limits()
    for key, attr in (("max-file-bytes", "max_file_bytes"), ("max-nesting", "max_nesting")):
        if key in raw:
            value = raw[key]
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise fail(f"limits.{key}", "must be a positive integer")
            limits = replace(limits, **{attr: value})
    if "parse-timeout" in raw:
        value = raw["parse-timeout"]
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            raise fail("limits.parse-timeout", "must be a positive number of seconds")
        limits = replace(limits, parse_timeout_seconds=float(value))
    return limits


def _auth_table(
    raw: Mapping[str, object], source: str, prefix: str = ""
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    entries: list[tuple[str, tuple[str, ...]]] = []
    for guard, satisfied_by in raw.items():
        if isinstance(satisfied_by, str):
            satisfied_by = [satisfied_by]
        if (
            not isinstance(satisfied_by, list)
            or not satisfied_by
            or not all(isinstance(v, str) and v for v in satisfied_by)
        ):
            raise ConfigError(
                f"{source}: key `{prefix}auth.{guard}`: must be a non-empty list of glob patterns"
            )
        entries.append((guard, tuple(cast("list[str]", satisfied_by))))
    return tuple(entries)


def _codes(values: list[str], key: str, source: Path | None) -> tuple[str, ...]:
    """Rule selectors: a code (`ML201`), a name (`auth-drift`), a prefix (`ML2`) or `ALL`."""
    out: list[str] = []
    for value in values:
        for part in (p.strip() for p in value.split(",")):
            if not part:
                continue
            rule = lookup(part)
            if rule is not None:
                out.append(rule.code)
            elif part == "ALL" or (part.upper().startswith("ML") and part[2:].isdigit() and len(part) < 5):
                out.append(part.upper())
            else:
                where = f"{source}: key `{key}`" if source else key
                raise ConfigError(f"{where}: {part!r} is not a rule code, rule name or code prefix")
    return tuple(out)


def selector_matches(selector: str, code: str) -> bool:
    return selector == "ALL" or code.startswith(selector)


def path_matches(pattern: str, rel: str) -> bool:
    """Glob over repo-relative paths; `dir/` or `dir/**` also covers everything below `dir`."""
    if pattern.endswith(("/**", "/")):
        base = pattern.rstrip("/*").rstrip("/")
        return rel == base or rel.startswith(base + "/")
    return fnmatch.fnmatchcase(rel, pattern)
