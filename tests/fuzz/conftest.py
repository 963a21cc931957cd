"""`--fuzz-cases N`: the total number of generated cases across the fuzz tests.

Small by default so the fast sample runs in `make test`; `make fuzz` asks for 100,000. The
fast sample is derandomized (the same cases every CI run); big runs explore fresh cases.
"""

from __future__ import annotations

import os

import pytest

DEFAULT_CASES = 300


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fuzz-cases",
        type=int,
        default=int(os.environ.get("MANIFEST_LINT_FUZZ_CASES", DEFAULT_CASES)),
        help="total hypothesis cases across tests/fuzz (default %(default)s)",
    )


@pytest.fixture(scope="session")
def fuzz_cases(request: pytest.FixtureRequest) -> int:
    return max(4, int(request.config.getoption("--fuzz-cases")))
