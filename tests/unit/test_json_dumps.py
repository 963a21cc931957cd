"""`report.export.dumps` writes exactly `json.dumps(indent=2, sort_keys=True, ensure_ascii=False)`.

Every JSON document the tool prints goes through it (export, check reports, snapshots), so both
of its encoders (orjson, and our own for what orjson refuses) are compared with the standard
library on arbitrary documents of the shapes we write.
"""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from manifest_lint.report.export import dumps, dumps_pure

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(min_value=0, max_value=100).map(lambda value: round(value, 1))
    | st.text(alphabet=st.characters(codec=None, categories=None), max_size=12)
)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=25,
)


def reference(document: object) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@settings(max_examples=400, deadline=None)
@given(documents)
def test_dumps_is_the_standard_library_layout(document: object) -> None:
    expected = reference(document)
    assert dumps(document) == expected
    assert dumps_pure(document) == expected


def test_what_orjson_refuses_still_prints() -> None:
    document = {"file": "routes/\udcff.php", "big": 2**80, "nested": [{"b": 1, "a": "\x00\u2028é"}]}
    assert dumps(document) == reference(document)
