"""The limits that protect the tool (file size, nesting depth, parse time).

Their own module, light to import: the configuration needs them on the warm path, which must not
load the model and the parser.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Limits that protect the tool; each one, when hit, is reported as a diagnostic naming the file."""

    max_file_bytes: int = 4 * 1024 * 1024
    max_nesting: int = 200
    parse_timeout_seconds: float = 5.0


def limits_with(
    *, max_file_bytes: int | None = None, max_nesting: int | None = None, parse_timeout: float | None = None
) -> Limits:
    """The default limits with the given ones replaced; each must be positive (else UsageError)."""
    from manifest_lint.errors import UsageError

    limits = Limits()
    for option, value in (
        ("--max-file-bytes", max_file_bytes),
        ("--max-nesting", max_nesting),
        ("--parse-timeout", parse_timeout),
    ):
        if value is not None and not value > 0:
            raise UsageError(f"{option}: must be positive, not {value}")
    return Limits(
        max_file_bytes=limits.max_file_bytes if max_file_bytes is None else max_file_bytes,
        max_nesting=limits.max_nesting if max_nesting is None else max_nesting,
        parse_timeout_seconds=limits.parse_timeout_seconds if parse_timeout is None else parse_timeout,
    )
