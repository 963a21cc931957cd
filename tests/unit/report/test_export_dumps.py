"""`dumps` is a faster writer of exactly what `json.dumps(indent=2, sort_keys=True)` writes."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from manifest_lint.report.export import dumps, dumps_pure

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


@settings(max_examples=300, derandomize=True)
@given(documents)
def test_the_pure_encoder_writes_the_same_text(document: object) -> None:
    """`dumps_pure` is what `dumps` falls back to; it must be exact on its own."""
    assert dumps_pure(document) == reference(document)


def test_what_orjson_refuses_or_prints_differently_still_prints_exactly() -> None:
    for document in (
        {"file": "routes/\udcff.php", "nested": [{"b": 1, "a": "\x00\u2028é"}]},
        {"big": 2**80, "small": -(2**70)},
        {"tiny": 5.960464477539063e-08, "huge": 1e300, "nan": float("nan"), "inf": float("-inf")},
        {"percent": 82.4, "done": 100.0, "zero": 0.0},
    ):
        assert dumps(document) == reference(document)
