from __future__ import annotations

from manifest_lint.entry import main

main()
