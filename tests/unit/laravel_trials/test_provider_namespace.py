"""A RouteServiceProvider that passes `$this->namespace` without declaring it (the skeleton's line
commented out, as in a real invoicing app): the framework base declares `protected $namespace;`,
so the value is null and controller names stay as written."""

from __future__ import annotations

from .helpers import manifest

BILLING = "Ledgerly\\Http\\Controllers\\Billing\\"


def test_undeclared_namespace_property_is_null_not_unresolved() -> None:
    found = manifest("provider-null-namespace")
    rows = [(r.method, r.uri, r.name, r.action, r.middleware, r.status) for r in found.routes]
    assert rows == [
        ("GET", "/", "home", "Closure", ("web",), "resolved"),
        ("GET", "/api/invoices", "invoices.index", BILLING + "InvoiceController@index", ("api",), "resolved"),
        (
            "GET",
            "/api/invoices/{invoice}",
            "invoices.show",
            BILLING + "InvoiceController@show",
            ("api",),
            "resolved",
        ),
        (
            "POST",
            "/api/invoices/{invoice}/send",
            None,
            BILLING + "InvoiceController@send",
            ("api",),
            "resolved",
        ),
        ("GET", "/api/ping", None, BILLING + "PingController", ("api",), "resolved"),
    ]
    assert found.diagnostics == ()
