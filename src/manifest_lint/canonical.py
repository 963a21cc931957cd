"""The cross-stack canonical path: one comparison key for Laravel, axum, actix-web and Rocket.

Rules (documented for users in docs/canonical-paths.md):
1. The raw path is joined by the framework's own rules before it reaches this module.
2. A leading `/` is ensured; runs of `/` collapse to one; a trailing `/` is dropped (root stays `/`).
3. Each framework's parameter syntax is tokenised: a one-segment parameter becomes `{}`, a
   rest-of-path wildcard becomes `{*}`, a Laravel optional parameter becomes `{?}`.
4. Literal text is kept byte for byte (case-sensitive, no percent-decoding); a literal brace is
   written `%7B` / `%7D` so it can never look like a token.
Parameter names and constraints are not part of the key: `/chats/{conversationId}` (Laravel)
and `/chats/:thread_id` (axum 0.7) both give `/chats/{}`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

PathSyntax = Literal["laravel", "axum-0.7", "axum-0.8", "actix", "rocket", "canonical"]

PARAM = "{}"
OPTIONAL = "{?}"
WILDCARD = "{*}"
_LBRACE = "%7B"
_RBRACE = "%7D"


@dataclass(frozen=True, slots=True)
class CanonicalPath:
    key: str
    params: tuple[str, ...]
    trailing_slash: bool
    double_slash: bool


def canonical_path(raw: str, syntax: PathSyntax, wildcard_params: frozenset[str] = frozenset()) -> str:
    """The comparison key of `raw` written in `syntax` (see the module docstring)."""
    return analyse_path(raw, syntax, wildcard_params).key


@lru_cache(maxsize=1 << 16)
def analyse_path(
    raw: str, syntax: PathSyntax, wildcard_params: frozenset[str] = frozenset()
) -> CanonicalPath:
    """Canonical key plus the facts the key throws away (names, slash quirks).

    Memoised: a check asks for the same paths from the legacy side, the plan and the target.
    """
    path = raw
    if syntax == "rocket":
        path = _strip_rocket_query(path)
    double = "//" in path
    path = "/" + path.lstrip("/")
    path = _SLASHES.sub("/", path)
    trailing = len(path) > 1 and path.endswith("/")
    if trailing:
        path = path.rstrip("/") or "/"
    tokenise = _TOKENISERS[syntax]
    params: list[str] = []
    segments = [tokenise(segment, params, wildcard_params) for segment in path.split("/")[1:]]
    key = "/" + "/".join(segments) if segments != [""] else "/"
    return CanonicalPath(key=key, params=tuple(params), trailing_slash=trailing, double_slash=double)


_SLASHES = re.compile(r"/{2,}")


def _escape_braces(text: str) -> str:
    return text.replace("{", _LBRACE).replace("}", _RBRACE)


_LARAVEL_PARAM = re.compile(r"\{([^{}?:]+)(?::[^{}?]*)?(\?)?\}")


def _laravel(segment: str, params: list[str], wildcard_params: frozenset[str]) -> str:
    if "{" not in segment and "}" not in segment:
        return segment  # the common literal segment: nothing to tokenise or escape
    out: list[str] = []
    pos = 0
    for match in _LARAVEL_PARAM.finditer(segment):
        out.append(_escape_braces(segment[pos : match.start()]))
        name = match.group(1).strip()
        params.append(name)
        if name in wildcard_params:
            out.append(WILDCARD)
        elif match.group(2):
            out.append(OPTIONAL)
        else:
            out.append(PARAM)
        pos = match.end()
    out.append(_escape_braces(segment[pos:]))
    return "".join(out)


_AXUM07_TOKEN = re.compile(r"([:*])([^/]*)")


def _axum07(segment: str, params: list[str], wildcard_params: frozenset[str]) -> str:
    # matchit 0.7: a ':' or '*' anywhere starts a capture that runs to the end of the segment.
    match = _AXUM07_TOKEN.search(segment)
    if match is None:
        return _escape_braces(segment)
    params.append(match.group(2))
    token = WILDCARD if match.group(1) == "*" else PARAM
    return _escape_braces(segment[: match.start()]) + token


def _axum08(segment: str, params: list[str], wildcard_params: frozenset[str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(segment):
        pair = segment[i : i + 2]
        if pair in ("{{", "}}"):
            out.append(_LBRACE if pair == "{{" else _RBRACE)
            i += 2
            continue
        char = segment[i]
        if char == "{":
            end = segment.find("}", i)
            if end == -1:
                out.append(_escape_braces(segment[i:]))
                break
            name = segment[i + 1 : end]
            if name.startswith("*"):
                params.append(name[1:])
                out.append(WILDCARD)
            else:
                params.append(name)
                out.append(PARAM)
            i = end + 1
            continue
        out.append(_escape_braces(char))
        i += 1
    return "".join(out)


def _regex_spans_slash(regex: str) -> bool:
    try:
        return re.fullmatch(f"(?:{regex})", "a/b") is not None
    except re.error:
        return False


def _actix(segment: str, params: list[str], wildcard_params: frozenset[str]) -> str:
    out: list[str] = []
    i = 0
    while i < len(segment):
        char = segment[i]
        if char != "{":
            out.append(_escape_braces(char))
            i += 1
            continue
        depth, j = 0, i
        while j < len(segment):
            if segment[j] == "{":
                depth += 1
            elif segment[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        if j >= len(segment):
            out.append(_escape_braces(segment[i:]))
            break
        body = segment[i + 1 : j]
        name, _, regex = body.partition(":")
        params.append(name)
        tail = j + 1 < len(segment) and segment[j + 1] == "*"
        if tail or (regex and _regex_spans_slash(regex)):
            out.append(WILDCARD)
        else:
            out.append(PARAM)
        i = j + (2 if tail else 1)
    return "".join(out)


_ROCKET_TOKEN = re.compile(r"^<([^<>]+?)(\.\.)?>$")


def _rocket(segment: str, params: list[str], wildcard_params: frozenset[str]) -> str:
    match = _ROCKET_TOKEN.match(segment)
    if match is None:
        return _escape_braces(segment)
    params.append(match.group(1))
    return WILDCARD if match.group(2) else PARAM


def _canonical(segment: str, params: list[str], wildcard_params: frozenset[str]) -> str:
    # Already canonical (plan entries written in the cross-stack form): keep tokens as they are.
    return segment


def _strip_rocket_query(path: str) -> str:
    depth = 0
    for index, char in enumerate(path):
        if char == "<":
            depth += 1
        elif char == ">":
            depth -= 1
        elif char == "?" and depth == 0:
            return path[:index]
    return path


_TOKENISERS = {
    "laravel": _laravel,
    "axum-0.7": _axum07,
    "axum-0.8": _axum08,
    "actix": _actix,
    "rocket": _rocket,
    "canonical": _canonical,
}


def expand_optional(key: str) -> tuple[str, ...]:
    """`/a/{?}/{?}` → (`/a`, `/a/{}`, `/a/{}/{}`): each form a request can take."""
    segments = key.split("/")[1:]
    forms: list[str] = []
    fixed: list[str] = []
    for index, segment in enumerate(segments):
        if segment == OPTIONAL:
            forms.append("/" + "/".join(fixed) if fixed else "/")
            fixed.append(PARAM)
            if index == len(segments) - 1:
                forms.append("/" + "/".join(fixed))
        else:
            fixed.append(segment)
    if not forms:
        return (key,)
    if segments[-1] != OPTIONAL:
        forms.append("/" + "/".join(fixed))
    return tuple(dict.fromkeys(forms))
