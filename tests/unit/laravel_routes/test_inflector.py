"""Str::singular as observed on the real framework (spec §2.5), plus doctrine edge rules and matchCase."""

from __future__ import annotations

import pytest

from manifest_lint.extract.laravel.inflector import match_case, singular

OBSERVED = {
    "photos": "photo", "people": "person", "media": "medium", "data": "data", "news": "news",
    "status": "status", "statuses": "status", "criteria": "criterion", "children": "child",
    "series": "series", "addresses": "address", "categories": "category", "analyses": "analysis",
    "quizzes": "quiz", "buses": "bus", "sheep": "sheep", "equipment": "equipment",
    "information": "information", "mice": "mouse", "oxen": "ox", "cacti": "cactus", "indices": "index",
    "matrices": "matrix", "vertices": "vertex", "wolves": "wolf", "leaves": "leaf", "heroes": "hero",
    "potatoes": "potato", "aliases": "alias", "companies": "company", "boxes": "box", "taxes": "tax",
    "axes": "axe", "bases": "basis", "crises": "crisis", "feet": "foot", "teeth": "tooth",
    "geese": "goose", "men": "man", "settings": "setting", "api": "api", "faqs": "faq", "cms": "cm",
    "os": "o", "sms": "sms",
}  # fmt: skip


@pytest.mark.parametrize(("plural", "expected"), sorted(OBSERVED.items()))
def test_singular_matches_the_framework(plural: str, expected: str) -> None:
    assert singular(plural) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("blog-posts", "blog-post"),
        ("Photos", "Photo"),
        ("PHOTOS", "PHOTO"),
        ("People", "Person"),
        ("class", "class"),
        ("menus", "menu"),
        ("movies", "movie"),
        ("knives", "knife"),
        ("multimedia", "multimedia"),
    ],
)
def test_doctrine_rules_and_case(word: str, expected: str) -> None:
    assert singular(word) == expected


def test_match_case_styles() -> None:
    assert match_case("person", "people") == "person"
    assert match_case("person", "PEOPLE") == "PERSON"
    assert match_case("person", "People") == "Person"
    assert match_case("big person", "Big People") == "Big person"  # ucfirst matches before ucwords
    assert match_case("person", "pEOPLE") == "person"
