"""Migrations whose `up()` calls `$this->createXTable()` helpers (a finance app creates 17 tables
that way): the helpers' Schema calls are replayed where they are called, and a helper taking the
table name as a parameter is reported, not guessed."""

from __future__ import annotations

from .helpers import diagnostics, manifest

FIRST = "database/migrations/2024_01_01_000000_create_hangar_tables.php"
SECOND = "database/migrations/2024_02_01_000000_drop_pilots.php"


def test_helper_methods_called_from_up_are_replayed_in_order() -> None:
    found = manifest("migration-helpers")
    tables = [
        (t.name, t.operations, t.dropped, t.migrations)  # type: ignore[attr-defined]
        for t in found.of_kind("table")
    ]
    assert tables == [
        ("hangars", ("create",), False, (FIRST,)),
        ("pilots", ("create", "drop"), True, (FIRST, SECOND)),
    ]
    assert diagnostics(found, "unresolved-construct") == [
        (FIRST, 41, "Schema::table() with a computed table name '$name'"),
    ]
