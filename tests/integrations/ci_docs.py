"""The CI snippets the tests run, by their `<!-- snippet: NAME -->` marker (docs/ci.md and README.md)."""

from __future__ import annotations

import re

from project import REPO

_SNIPPET = re.compile(r"<!-- snippet: ([\w-]+) -->\n```\w*\n(.*?)```", re.DOTALL)


def _snippets_of(path: str) -> dict[str, str]:
    text = (REPO / path).read_text(encoding="utf-8")
    found = dict(_SNIPPET.findall(text))
    assert set(found) == {"pre-commit-config", "workflow", "shell"}, (path, sorted(found))
    return found


def snippets() -> dict[str, str]:
    """The snippets of docs/ci.md, which the README's CI section must repeat word for word."""
    found = _snippets_of("docs/ci.md")
    assert _snippets_of("README.md") == found, "README.md and docs/ci.md show different CI snippets"
    return found
