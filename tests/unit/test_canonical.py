from __future__ import annotations

import pytest

from manifest_lint.canonical import analyse_path, canonical_path, expand_optional


@pytest.mark.parametrize(
    ("raw", "syntax", "key"),
    [
        ("/api/users/{user}/posts/{post?}", "laravel", "/api/users/{}/posts/{?}"),
        ("api/chats/{conversationId}", "laravel", "/api/chats/{}"),
        ("/posts/{post:slug}", "laravel", "/posts/{}"),
        ("", "laravel", "/"),
        ("/chats/:thread_id", "axum-0.7", "/chats/{}"),
        ("/user_:id/x", "axum-0.7", "/user_{}/x"),
        ("/v1/items:batchGet", "axum-0.7", "/v1/items{}"),
        ("/files/*path", "axum-0.7", "/files/{*}"),
        ("/users/{id}", "axum-0.7", "/users/%7Bid%7D"),
        ("/chats/{thread_id}", "axum-0.8", "/chats/{}"),
        ("/a/{{x}}/{*rest}", "axum-0.8", "/a/%7Bx%7D/{*}"),
        ("/users/{id:\\d{3}}", "actix", "/users/{}"),
        ("/static/{tail}*", "actix", "/static/{*}"),
        ("/x/{p:.*}", "actix", "/x/{*}"),
        ("/{file}.{ext}", "actix", "/{}.{}"),
        ("/search?<q>&<rest..>", "rocket", "/search"),
        ("/assets/<p..>", "rocket", "/assets/{*}"),
        ("/users/<id>", "rocket", "/users/{}"),
    ],
)
def test_canonical_keys(raw: str, syntax: str, key: str) -> None:
    assert canonical_path(raw, syntax) == key  # type: ignore[arg-type]


def test_parameter_names_do_not_change_the_key() -> None:
    assert canonical_path("/api/chats/{conversationId}", "laravel") == canonical_path(
        "/api/chats/:thread_id", "axum-0.7"
    )


def test_laravel_wildcard_constraint_makes_a_catch_all() -> None:
    assert canonical_path("/storage/{path}", "laravel", frozenset({"path"})) == "/storage/{*}"


def test_slash_quirks_are_reported_not_kept_in_the_key() -> None:
    info = analyse_path("/api//users/", "actix")
    assert (info.key, info.double_slash, info.trailing_slash) == ("/api/users", True, True)
    assert analyse_path("/", "actix").trailing_slash is False


def test_optional_expansion() -> None:
    assert expand_optional("/a/{?}/{?}") == ("/a", "/a/{}", "/a/{}/{}")
    assert expand_optional("/a/{}") == ("/a/{}",)
