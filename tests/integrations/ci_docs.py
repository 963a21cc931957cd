"""The snippets of docs/ci.md that the tests run, by their `<!-- snippet: NAME -->` marker."""

from __future__ import annotations

import re

from project import REPO

_SNIPPET = re.compile(r"<!-- snippet: ([\w-]+) -->\n```\w*\n(.*?)```", re.DOTALL)


def snippets() -> dict[str, str]:
    text = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    found = dict(_SNIPPET.findall(text))
    assert set(found) == {"pre-commit-config", "workflow", "shell"}, sorted(found)
    return found
