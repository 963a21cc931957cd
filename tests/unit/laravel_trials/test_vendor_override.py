"""An app that maps a vendor namespace to its own directory to override a few of the package's
files (a real accounting app overrides Livewire that way): the package's catalog routes still run
the vendor classes, which are not the app's to hold. A Cashier webhook controller subclass (a real
form builder's) takes `handleWebhook()` from its vendor parent."""

from __future__ import annotations

from .helpers import CTRL, diagnostics, manifest


def test_package_routes_under_a_partially_overridden_namespace_are_not_missing_actions() -> None:
    found = manifest("vendor-override")
    assert diagnostics(found, "missing-action") == [
        ("routes/web.php", 8, f"GET /board/missing: {CTRL}BoardController has no method absent()"),
        (
            "routes/web.php",
            10,
            f"POST /billing/replay: {CTRL}PaymentWebhookController has no method replay()",
        ),
    ]
    package = [r.uri for r in found.routes if "package:livewire/livewire" in r.notes]
    assert package == [
        "/livewire/livewire.js",
        "/livewire/livewire.min.js.map",
        "/livewire/preview-file/{filename}",
        "/livewire/update",
        "/livewire/upload-file",
    ]
