"""A route provider whose `map()` builds its routes at run time (route classes found by a directory
iterator and made through the container, as an old status-page app does) must not yield an empty,
silent manifest."""

from __future__ import annotations

from .helpers import diagnostics, manifest


def test_a_map_that_registers_nothing_followable_is_reported() -> None:
    found = manifest("runtime-route-classes")
    assert found.routes == ()
    assert diagnostics(found, "unresolved-construct") == [
        (
            "app/Providers/RouteServiceProvider.php",
            8,
            "RouteServiceProvider::map() registers no route the interpreter can follow "
            "(routes built at run time?); none of its routes are listed",
        )
    ]
    assert len(found.diagnostics) == 1


def test_providers_that_do_register_routes_are_not_reported() -> None:
    found = manifest("provider-null-namespace")
    assert diagnostics(found, "unresolved-construct") == []
