"""`dumps` is a faster writer of exactly what `json.dumps(indent=2, sort_keys=True)` writes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from manifest_lint.report.export import dumps

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text()
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=30,
)


def reference(document: object) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@settings(max_examples=300, derandomize=True)
@given(documents)
def test_same_text_as_the_standard_library(document: object) -> None:
    assert dumps(document) == reference(document)


def test_tuples_empties_and_unicode() -> None:
    document = {"b": (), "a": {}, "c": ("x", ("é\u2028\x00", [])), "d": [{"z": True, "y": None}]}
    assert dumps(document) == reference(document)
    assert dumps(document).startswith('{\n  "a": {},\n  "b": [],\n')
