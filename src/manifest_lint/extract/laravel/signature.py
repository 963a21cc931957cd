"""Artisan's signature grammar (`Illuminate\\Console\\Parser`, identical in Laravel 10, 11 and 12).

Mirrors the framework's regular expressions exactly, including its quirks: a `}` inside a
description ends the token, `:` only separates a description with whitespace on both sides, and
a token that spans lines is not a token at all. Unlike the framework, leftover braces (which
Artisan silently ignores) are reported, because they almost always mean a typo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from manifest_lint.model import CommandParam

_NAME = re.compile(r"[^\s]+")
_TOKEN = re.compile(r"\{\s*(.*?)\s*\}")
_OPTION = re.compile(r"^-{2,}(.*)")
_DESCRIPTION = re.compile(r"\s+:\s+")
_DEFAULT = re.compile(r"(.+)=(.+)")
_ARRAY_DEFAULT = re.compile(r"(.+)=\*(.+)")
_LIST = re.compile(r",\s?")
_SHORTCUT = re.compile(r"\s*\|\s*")


@dataclass(frozen=True, slots=True)
class Signature:
    """A parsed signature; `problems` lists what Artisan would ignore or reject."""

    name: str | None
    arguments: tuple[CommandParam, ...]
    options: tuple[CommandParam, ...]
    problems: tuple[str, ...]


def parse_signature(expression: str) -> Signature:
    """Name, arguments and options of a signature string, as Artisan reads it."""
    problems: list[str] = []
    if expression.strip() == "":
        return Signature(
            None, (), (), ("the signature is empty (Artisan throws 'Console command definition is empty')",)
        )
    name_match = _NAME.search(expression)
    name = name_match.group(0) if name_match else None
    if name is not None and ("{" in name or "}" in name):
        problems.append(f"the command name {name!r} contains a brace")
    arguments: list[CommandParam] = []
    options: list[CommandParam] = []
    for token in _TOKEN.findall(expression):
        option = _OPTION.match(token)
        if option:
            options.append(_parse_option(option.group(1)))
        else:
            arguments.append(_parse_argument(token))
    leftover = _TOKEN.sub("", expression[name_match.end() :] if name_match else expression)
    if "{" in leftover or "}" in leftover:
        problems.append("unbalanced braces: Artisan ignores the text " + repr(_first_brace_context(leftover)))
    return Signature(name, tuple(arguments), tuple(options), tuple(problems))


def _first_brace_context(text: str) -> str:
    positions = [p for p in (text.find("{"), text.find("}")) if p >= 0]
    start = min(positions)
    return text[start : start + 40].strip()


def _split_description(token: str) -> tuple[str, str | None]:
    parts = _DESCRIPTION.split(token.strip(), maxsplit=1)
    if len(parts) == 2:
        return parts[0], parts[1]
    return token, None


def _php_trim(text: str, characters: str) -> str:
    return text.strip(characters)


def _parse_argument(raw: str) -> CommandParam:
    token, description = _split_description(raw)
    if token.endswith("?*"):
        return CommandParam(name=_php_trim(token, "?*"), array=True, default=(), description=description)
    if token.endswith("*"):
        return CommandParam(
            name=_php_trim(token, "*"), required=True, array=True, default=(), description=description
        )
    if token.endswith("?"):
        return CommandParam(name=_php_trim(token, "?"), description=description)
    array_default = _ARRAY_DEFAULT.search(token)
    if array_default:
        values = tuple(_LIST.split(array_default.group(2)))
        return CommandParam(name=array_default.group(1), array=True, default=values, description=description)
    default = _DEFAULT.search(token)
    if default:
        return CommandParam(name=default.group(1), default=default.group(2), description=description)
    return CommandParam(name=token, required=True, description=description)


def _parse_option(raw: str) -> CommandParam:
    token, description = _split_description(raw)
    shortcut: str | None = None
    pieces = _SHORTCUT.split(token, maxsplit=1)
    if len(pieces) == 2:
        shortcut, token = pieces
    if token.endswith("="):
        return CommandParam(name=_php_trim(token, "="), shortcut=shortcut, description=description)
    if token.endswith("=*"):
        return CommandParam(
            name=_php_trim(token, "=*"), array=True, default=(), shortcut=shortcut, description=description
        )
    array_default = _ARRAY_DEFAULT.search(token)
    if array_default:
        values = tuple(_LIST.split(array_default.group(2)))
        return CommandParam(
            name=array_default.group(1),
            array=True,
            default=values,
            shortcut=shortcut,
            description=description,
        )
    default = _DEFAULT.search(token)
    if default:
        return CommandParam(
            name=default.group(1), default=default.group(2), shortcut=shortcut, description=description
        )
    return CommandParam(
        name=token, accepts_value=False, default=False, shortcut=shortcut, description=description
    )
