from __future__ import annotations

from manifest_lint.cli import main

main()
