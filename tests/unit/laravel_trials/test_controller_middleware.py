"""Controller middleware as real apps write it: `$this->middleware('x', ['only' => [...]])` and a base
controller whose constructor registers middleware, run through `parent::__construct()` or inherited
by a controller without a constructor (found on a wiki app and a finance app)."""

from __future__ import annotations

from .helpers import CTRL, manifest


def test_options_array_and_parent_constructors_shape_each_action_stack() -> None:
    found = manifest("controller-middleware")
    rows = [(r.method, r.uri, r.action, r.middleware) for r in found.routes]
    assert rows == [
        ("GET", "/audited", CTRL + "AuditedController@index", ("web", "audit")),
        ("GET", "/audited/{id}", CTRL + "AuditedController@show", ("web",)),
        ("GET", "/gate", CTRL + "GateController@form", ("web", "Closure", "guest")),
        (
            "POST",
            "/gate",
            CTRL + "GateController@enter",
            ("web", "Closure", "guest", "gatekeeper:primary"),
        ),
        ("POST", "/gate/leave", CTRL + "GateController@leave", ("web", "Closure", "gatekeeper:any")),
        ("GET", "/ledger", CTRL + "LedgerController@index", ("web", "Closure")),
    ]
    assert found.diagnostics == ()
