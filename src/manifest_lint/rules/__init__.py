"""Coverage rules, one module per rule family; `registry.REGISTRY` lists what `check` runs."""

from __future__ import annotations
