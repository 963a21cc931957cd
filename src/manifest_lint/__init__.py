"""manifest-lint: static route, page and command manifests for framework migrations."""

from __future__ import annotations

__version__ = "0.1.0"
