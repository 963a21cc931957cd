"""Oracle tests need php-cli and php-laravel-framework: on CI their absence is a failure, locally a skip."""

from __future__ import annotations

import os

import pytest

from oracle import php_available


@pytest.fixture(autouse=True)
def _require_php(request: pytest.FixtureRequest) -> None:
    """A silent skip on CI would hide a broken image, so there a missing PHP fails every oracle test."""
    if request.node.get_closest_marker("oracle") is None or php_available():
        return
    reason = (
        "php-cli and php-laravel-framework are required (apt-get install -y php-cli php-laravel-framework)"
    )
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but the Laravel oracle cannot run: {reason}")
    pytest.skip(reason)
