"""Mutation fuzzing: byte flips, truncation, deleted/duplicated lines and random nesting of real sources."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fuzz_support import run_case, seed_sources
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SHARE = 0.3  # of --fuzz-cases, per stack

WRAPPERS = {
    "laravel": ("Route::group(['prefix' => 'n'], function () {\n", "});\n"),
    "rust": ('fn nested() -> Router { Router::new().nest("/n", {\n', "}) }\n"),
}


def mutate(data: bytes, draw: st.DrawFn, stack: str) -> bytes:
    kind = draw(st.sampled_from(["flip", "truncate", "delete", "duplicate", "nest", "insert", "swap"]))
    if not data:
        return draw(st.binary(max_size=64))
    lines = data.splitlines(keepends=True)
    position = draw(st.integers(0, len(data) - 1))
    line = draw(st.integers(0, max(0, len(lines) - 1)))
    if kind == "flip":
        return data[:position] + bytes([data[position] ^ draw(st.integers(1, 255))]) + data[position + 1 :]
    if kind == "truncate":
        return data[:position]
    if kind == "insert":
        noise = draw(
            st.binary(min_size=1, max_size=16) | st.sampled_from([b"{", b"}", b"(", b'"', b"'", b"/*", b"\0"])
        )
        return data[:position] + noise + data[position:]
    if kind == "delete":
        return b"".join(lines[:line] + lines[line + 1 :])
    if kind == "duplicate":
        count = draw(st.integers(1, 50))
        return b"".join(lines[: line + 1] + [lines[line]] * count + lines[line + 1 :])
    if kind == "swap":
        other = draw(st.integers(0, max(0, len(lines) - 1)))
        lines[line], lines[other] = lines[other], lines[line]
        return b"".join(lines)
    # nest: wrap a range of lines in `depth` groups / nested routers, sometimes unbalanced.
    end = draw(st.integers(line, len(lines)))
    depth = draw(st.integers(1, 300))
    opening, closing = (part.encode() for part in WRAPPERS[stack])
    balanced = draw(st.booleans())
    tail = closing * depth if balanced else closing * draw(st.integers(0, depth))
    return b"".join(lines[:line]) + opening * depth + b"".join(lines[line:end]) + tail + b"".join(lines[end:])


@st.composite
def mutated(draw: st.DrawFn, stack: str, seeds: list[bytes]) -> bytes:
    data = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 4))):
        data = mutate(data, draw, stack)
    return data


@pytest.mark.parametrize("stack", ["laravel", "rust"])
def test_mutated_sources_never_crash(stack: str, fuzz_cases: int) -> None:
    seeds = seed_sources(".php" if stack == "laravel" else ".rs")
    assert seeds, "no seed sources found"

    @settings(
        max_examples=max(2, int(fuzz_cases * SHARE)),
        deadline=timedelta(seconds=10),
        derandomize=fuzz_cases <= 1000,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )
    @given(data=mutated(stack, seeds))
    def case(data: bytes) -> None:
        run_case(stack, data)

    case()


@pytest.mark.parametrize("stack", ["laravel", "rust"])
def test_unmutated_seeds_extract_routes(stack: str) -> None:
    """The baseline the mutations start from: every seed yields routes (else fuzzing tests nothing)."""
    for data in seed_sources(".php" if stack == "laravel" else ".rs", fixtures=False):
        manifest, _rel = run_case(stack, data)
        assert manifest.routes, data[:200]
