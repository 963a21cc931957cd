"""Config discovery, precedence, validation errors naming key and file."""

from __future__ import annotations

from pathlib import Path

import pytest

from manifest_lint.config import Overrides, load_config
from manifest_lint.errors import ConfigError


def layout(tmp_path: Path) -> Path:
    for name in ("legacy", "service", "other"):
        (tmp_path / name).mkdir()
    (tmp_path / "plan.md").write_text("", encoding="utf-8")
    return tmp_path


def test_precedence_dot_file_then_plain_then_pyproject(tmp_path: Path) -> None:
    root = layout(tmp_path)
    (root / "pyproject.toml").write_text('[tool.manifest-lint]\nlegacy = "other"\n', encoding="utf-8")
    assert load_config(root).legacy == (root / "other").resolve()
    (root / "manifest-lint.toml").write_text('legacy = "service"\n', encoding="utf-8")
    assert load_config(root).legacy == (root / "service").resolve()
    (root / ".manifest-lint.toml").write_text('legacy = "legacy"\n', encoding="utf-8")
    config = load_config(root)
    assert config.legacy == (root / "legacy").resolve()
    assert config.source == root / ".manifest-lint.toml"


def test_found_walking_up_and_paths_relative_to_the_file(tmp_path: Path) -> None:
    root = layout(tmp_path)
    (root / ".manifest-lint.toml").write_text(
        'legacy = "legacy"\ntarget = ["service"]\nplan = "plan.md"\n', encoding="utf-8"
    )
    deep = root / "legacy" / "app"
    deep.mkdir()
    config = load_config(deep)
    assert config.root == root.resolve()
    assert config.targets == ((root / "service").resolve(),)
    assert config.plans == ((root / "plan.md").resolve(),)


def test_pyproject_without_our_table_is_skipped(tmp_path: Path) -> None:
    root = layout(tmp_path)
    (root / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    assert load_config(root).source is None


def test_cli_overrides_win(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = layout(tmp_path)
    monkeypatch.chdir(root)
    (root / ".manifest-lint.toml").write_text('legacy = "legacy"\nfail-on = "warning"\n', encoding="utf-8")
    config = load_config(
        root, overrides=Overrides(legacy=Path("other"), fail_on="info", select=("auth-drift",))
    )
    assert config.legacy == (root / "other").resolve()
    assert config.fail_on == "info"
    assert config.select == ("ML206",)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('legasy = "legacy"\n', "legasy"),
        ("legacy = 3\n", "legacy"),
        ('legacy = "missing-dir"\n', "legacy"),
        ('fail-on = "fatal"\n', "fail-on"),
        ('select = ["ML999"]\n', "select"),
        ('[severity]\nML201 = "loud"\n', "severity.ML201"),
        ('[severity]\nML999 = "info"\n', "severity.ML999"),
        ('[auth]\n"auth" = []\n', "auth.auth"),
        ('[path-map]\n"api" = "/v2"\n', "path-map.api"),
        ("[limits]\nmax-file-bytes = -1\n", "limits.max-file-bytes"),
        ("[limits]\nmax-bytes = 1\n", "limits.max-bytes"),
        ('retired-served-by = "nobody"\n', "retired-served-by"),
    ],
)
def test_bad_config_names_key_and_file(tmp_path: Path, text: str, key: str) -> None:
    root = layout(tmp_path)
    (root / ".manifest-lint.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(root)
    assert str(root / ".manifest-lint.toml") in str(error.value)
    assert key in str(error.value)


def test_pyproject_keys_are_named_with_their_table(tmp_path: Path) -> None:
    root = layout(tmp_path)
    (root / "pyproject.toml").write_text("[tool.manifest-lint]\nbogus = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"tool\.manifest-lint\.bogus"):
        load_config(root)


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    root = layout(tmp_path)
    (root / ".manifest-lint.toml").write_text("legacy = \n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(root)


def test_auth_table_replaces_defaults(tmp_path: Path) -> None:
    root = layout(tmp_path)
    assert any(key == "auth:*" for key, _ in load_config(root).auth)
    (root / ".manifest-lint.toml").write_text('[auth]\n"admin" = ["require_admin"]\n', encoding="utf-8")
    assert load_config(root).auth == (("admin", ("require_admin",)),)


def test_limits_and_env(tmp_path: Path) -> None:
    root = layout(tmp_path)
    (root / ".manifest-lint.toml").write_text(
        'env = "production"\n[limits]\nmax-file-bytes = 1000\nmax-nesting = 50\nparse-timeout = 2.5\n',
        encoding="utf-8",
    )
    config = load_config(root)
    assert (
        config.env,
        config.limits.max_file_bytes,
        config.limits.max_nesting,
        config.limits.parse_timeout_seconds,
    ) == (
        "production",
        1000,
        50,
        2.5,
    )
