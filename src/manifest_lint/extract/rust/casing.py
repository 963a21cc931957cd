"""heck 0.5 word splitting and the casings clap_derive's `rename_all` offers.

clap names derive subcommands with heck, and a naive regex disagrees with it on acronyms and
digits (`IPv6Check` → `i-pv6-check`), so this is a line-by-line port of heck's boundaries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

CASINGS = (
    "kebab-case",
    "snake_case",
    "SCREAMING_SNAKE_CASE",
    "camelCase",
    "PascalCase",
    "lower",
    "UPPER",
    "verbatim",
)


def heck_words(ident: str) -> list[str]:
    """The words heck 0.5 sees in `ident` (non-alphanumerics and `_` separate words)."""
    words: list[str] = []
    for chunk in _chunks(ident):
        start, mode, size = 0, "", len(chunk)
        for index, char in enumerate(chunk):
            if index + 1 == size:
                words.append(chunk[start:])
                break
            following = chunk[index + 1]
            current = "L" if char.islower() else "U" if char.isupper() else mode
            if current == "L" and following.isupper():
                words.append(chunk[start : index + 1])
                start, mode = index + 1, ""
            elif mode == "U" and char.isupper() and following.islower():
                words.append(chunk[start:index])
                start, mode = index, ""
            else:
                mode = current
    return words


def _chunks(ident: str) -> list[str]:
    chunks: list[str] = []
    current: list[str] = []
    for char in ident:
        if char.isalnum():
            current.append(char)
        elif current:
            chunks.append("".join(current))
            current = []
    if current:
        chunks.append("".join(current))
    return chunks


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


_CONVERTERS: dict[str, Callable[[list[str]], str]] = {
    "kebab-case": lambda words: "-".join(w.lower() for w in words),
    "snake_case": lambda words: "_".join(w.lower() for w in words),
    "SCREAMING_SNAKE_CASE": lambda words: "_".join(w.upper() for w in words),
    "PascalCase": lambda words: "".join(_capitalise(w) for w in words),
    "camelCase": lambda words: "".join(w.lower() if i == 0 else _capitalise(w) for i, w in enumerate(words)),
    "lower": lambda words: "".join(w.lower() for w in words),
    "UPPER": lambda words: "".join(w.upper() for w in words),
}


def convert_case(ident: str, casing: str) -> str | None:
    """`ident` in clap's `rename_all` casing; None for a casing clap does not know."""
    ident = ident.removeprefix("r#")
    if casing == "verbatim":
        return ident
    converter = _CONVERTERS.get(casing)
    return converter(heck_words(ident)) if converter is not None else None
