from __future__ import annotations

from manifest_lint.extract.laravel.migrations import extract_tables
from manifest_lint.model import Table
from manifest_lint.parsing import SourceSet

from .helpers import FIXTURES

ROOT = FIXTURES / "migrations"
M = "database/migrations/"
CREATE = M + "2024_01_01_000000_create_posts_table.php"
RENAME = M + "2024_02_01_000000_rename_posts_to_articles.php"
TENANT = M + "2024_03_01_000000_create_tenant_tables.php"


def extracted() -> tuple[dict[str, Table], list[tuple[str, str, int, str]]]:
    tables, diagnostics = extract_tables(SourceSet(ROOT))
    return {t.name: t for t in tables}, sorted((d.rule, d.file, d.line, d.message) for d in diagnostics)


def test_tables_replayed_in_filename_order_from_up_only() -> None:
    tables, _ = extracted()
    assert sorted(tables) == ["articles", "audit_log", "posts", "tenant_users", "tmp_import"]


def test_rename_drops_the_old_name_and_carries_history() -> None:
    tables, _ = extracted()
    assert tables["posts"] == Table(
        stack="laravel",
        file=RENAME,
        line=10,
        name="posts",
        operations=("create", "rename-to:articles"),
        migrations=(CREATE, RENAME),
        dropped=True,
    )
    assert tables["articles"] == Table(
        stack="laravel",
        file=RENAME,
        line=11,
        name="articles",
        operations=("create", "rename-from:posts", "alter"),
        migrations=(CREATE, RENAME),
        dropped=False,
    )


def test_drop_and_connection_create() -> None:
    tables, _ = extracted()
    assert (tables["tmp_import"].dropped, tables["tmp_import"].operations) == (True, ("create", "drop"))
    assert (tables["tmp_import"].file, tables["tmp_import"].line) == (RENAME, 14)
    assert tables["audit_log"].operations == ("create",)
    assert tables["audit_log"].dropped is False
    assert tables["tenant_users"].operations == ("create",)  # 'tenant_' . 'users' folds


def test_computed_table_name_and_file_without_up_are_reported() -> None:
    _, diagnostics = extracted()
    assert diagnostics == [
        ("unresolved-construct", TENANT, 12, "Schema::create() with a computed table name '$this->table'"),
        (
            "unresolved-construct",
            M + "2024_04_01_000000_seed_only.php",
            1,
            M + "2024_04_01_000000_seed_only.php: no up() method found; no tables read",
        ),
    ]
