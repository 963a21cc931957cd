"""`Str::singular` as Laravel computes it: doctrine/inflector's English rules, then `matchCase`.

Resource route parameters (`photos` → `{photo}`, `people` → `{person}`) come from this, so a generic
inflector would give wrong URIs. The rules are data (`rules/laravel/inflector.toml`).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from manifest_lint.catalog import data_text

_BACKREF = re.compile(r"\\(\d)")


@cache
def _rules() -> tuple[re.Pattern[str], dict[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    raw = tomllib.loads(data_text("laravel/inflector.toml"))
    uninflected = re.compile("^(?:" + "|".join(raw["uninflected"]) + ")$", re.IGNORECASE)
    irregular: dict[str, str] = {}
    for singular, plural in raw["irregular"]:
        irregular[plural.lower()] = singular
    singular_rules = tuple(
        (re.compile(pattern, re.IGNORECASE), replacement) for pattern, replacement in raw["singular"]
    )
    return uninflected, irregular, singular_rules


def _preg_replace(pattern: re.Pattern[str], replacement: str, word: str) -> str:
    """PHP preg_replace: every match replaced; `\\N` of a group that did not take part is empty."""

    def substitute(match: re.Match[str]) -> str:
        def group(ref: re.Match[str]) -> str:
            index = int(ref.group(1))
            if index > (pattern.groups or 0):
                return ""
            return match.group(index) or ""

        return _BACKREF.sub(group, replacement)

    return pattern.sub(substitute, word)


def singularize(word: str) -> str:
    """doctrine/inflector `singularize` (English): uninflected, irregular, then the first regular rule."""
    uninflected, irregular, singular_rules = _rules()
    if uninflected.match(word):
        return word
    lower = word.lower()
    if lower in irregular:
        target = irregular[lower]
        return target[0].upper() + target[1:] if word[:1] != lower[:1] else target
    for pattern, replacement in singular_rules:
        if pattern.search(word):
            return _preg_replace(pattern, replacement, word)
    return word


def _ucwords(text: str) -> str:
    return re.sub(r"(^|[ \t\r\n\f\v])([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def match_case(value: str, comparison: str) -> str:
    """Laravel `Pluralizer::matchCase`: give `value` the casing style of `comparison`."""
    for function in (str.lower, str.upper, lambda s: s[:1].upper() + s[1:], _ucwords):
        if function(comparison) == comparison:
            return function(value)
    return value


@cache
def singular(word: str) -> str:
    """Laravel `Str::singular`; memoised, as resource names repeat across an app's route files."""
    return match_case(singularize(word), word)
