"""Every 422 names the bad value and what is allowed in words, never pydantic's regex.

The schema walk covers every route, also the pages left out of the public OpenAPI."""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ValidationError
from web_support import Browser, _walk, onboarded

from runstrong.web import schemas
from runstrong.web.validation import PATTERN_WORDS, describe

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py

#: Values that break at least one of the app's patterns; each test picks one that fails.
BAD_CANDIDATES = ("2026-13", "25:00", "   ")


def _full_schema(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document of every route, pages included."""
    routes = []
    for route in _walk(list(app.router.routes)):
        shown = copy.copy(route)
        shown.include_in_schema = True
        routes.append(shown)
    return get_openapi(title="all", version="0", routes=routes)


def _patterns(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


def _bad_value(regex: str) -> str:
    return next(v for v in BAD_CANDIDATES if not re.search(regex, v))


def _pattern_params(doc: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(path, parameter name, regex) of each query parameter checked by a pattern."""
    found = []
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            if method != "get":
                continue
            for param in operation.get("parameters", []):
                schema = param.get("schema", {})
                options = schema.get("anyOf", [schema])
                for option in options:
                    if "pattern" in option and param["in"] == "query":
                        found.append((path, param["name"], option["pattern"]))
    return found


def test_every_pattern_of_the_app_has_words(app: FastAPI) -> None:
    doc = _full_schema(app)
    found = set(_patterns(doc))
    assert found, "the walk found no pattern at all"
    missing = found - set(PATTERN_WORDS)
    assert not missing, f"patterns without words in web.validation.PATTERN_WORDS: {missing}"


def test_every_pattern_query_parameter_names_the_bad_value(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    params = _pattern_params(_full_schema(app))
    assert {(p, n) for p, n, _ in params} >= {
        ("/a/{athlete_id}/calendar", "month"),
        ("/api/v1/athletes/{athlete_id}/calendar", "month"),
    }
    for path, name, regex in params:
        url = re.sub(r"\{[a-z_]+\}", "1", path.replace("{athlete_id}", str(athlete_id)))
        bad = _bad_value(regex)
        response = owner.client.get(url, params={name: bad}, headers={"accept": "application/json"})
        assert response.status_code == 422, (url, response.text)
        words = PATTERN_WORDS[regex]
        detail = response.json()["detail"]
        assert f"{name} '{bad}' is not {words.noun}: use {words.allowed}" in detail, detail
        assert regex not in response.text


def test_calendar_page_shows_the_bad_month_in_words(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    page = owner.client.get(f"/a/{athlete_id}/calendar?month=2026-13")
    assert page.status_code == 422
    assert (
        "month '2026-13' is not a month: use YYYY-MM between 1970-01 and 2100-12"
        in html.unescape(page.text)
    )
    api = owner.client.get(f"/api/v1/athletes/{athlete_id}/calendar?month=2026-13")
    assert api.json()["errors"] == [
        {
            "field": "month",
            "message": "month '2026-13' is not a month: use YYYY-MM between 1970-01 and 2100-12",
        }
    ]


def _refs(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"].rsplit("/", 1)[-1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _request_models_with_patterns(doc: dict[str, Any]) -> set[type[BaseModel]]:
    """The schemas a request body may carry (followed through $refs) that hold a pattern."""
    components = doc["components"]["schemas"]
    bodies = [op["requestBody"] for ops in doc["paths"].values() for op in ops.values()
              if "requestBody" in op]  # fmt: skip
    seen: set[str] = set()
    todo = list(_refs(bodies))
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_refs(components[name]))
    models = set()
    for name in seen:
        if any(True for _ in _patterns(components[name].get("properties", {}))):
            model = getattr(schemas, name.removesuffix("-Input"))
            assert issubclass(model, BaseModel)
            models.add(model)
    return models


@pytest.mark.parametrize(
    ("model", "data", "expected"),
    [
        (
            schemas.SessionMove,
            {"date": "2027-01-04", "start": "25:00"},
            "start '25:00' is not a time of day: use HH:MM between 00:00 and 23:59",
        ),
        (
            schemas.SetCreate,
            {"exercise": "   "},  # stripped, so the length check speaks
            "exercise '   ' is too short: use at least 1 character",
        ),
    ],
)
def test_body_patterns_name_the_bad_value(
    model: type[BaseModel], data: dict[str, str], expected: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    (err,) = caught.value.errors()
    assert describe(err, str(err["loc"][0])) == expected


def test_the_body_pattern_cases_cover_every_request_model_with_a_pattern(app: FastAPI) -> None:
    models = _request_models_with_patterns(_full_schema(app))
    assert models == {schemas.SessionMove, schemas.SetCreate}


@pytest.mark.parametrize(
    ("err", "field", "expected"),
    [
        (
            {"type": "less_than_equal", "input": "30", "ctx": {"le": 24}},
            None,
            "30 is too high: use 24 or less",
        ),
        (
            {"type": "greater_than_equal", "input": 0, "ctx": {"ge": 1}},
            "limit",
            "limit 0 is too low: use 1 or more",
        ),
        (
            {"type": "int_parsing", "input": "ten"},
            "limit",
            "limit 'ten' is not a whole number: use digits only, e.g. 12",
        ),
        (
            {"type": "enum", "input": "swim", "ctx": {"expected": "'run' or 'ride'"}},
            "sport",
            "sport 'swim' is not allowed: use 'run' or 'ride'",
        ),
        ({"type": "missing", "input": {}}, "date", "date is required: give a value"),
        ({"type": "model_attributes_type", "input": "x"}, None, "'x' is not an object: use { … }"),
        (
            {"type": "less_than", "input": 9, "ctx": {}, "msg": "Input should be less than 5"},
            "n",
            "n 9 is not allowed: input should be less than 5",
        ),
        (
            {"type": "string_too_long", "input": "x" * 300, "ctx": {"max_length": 200}},
            "name",
            f"name '{'x' * 39}…' is too long: use at most 200 characters",
        ),
        (
            {"type": "string_pattern_mismatch", "input": "x", "ctx": {"pattern": "^y$"}},
            "code",
            "code 'x' is not in the form this field takes",
        ),
        (
            {
                "type": "value_error",
                "input": "x",
                "msg": "Value error, 'x' is not a date; use YYYY-MM-DD",
            },
            "since",
            "since: 'x' is not a date; use YYYY-MM-DD",
        ),
        (
            {"type": "url_parsing", "input": "x", "msg": "Input should be a valid URL"},
            "link",
            "link 'x' is not allowed: input should be a valid URL",
        ),
    ],
)
def test_describe_names_value_and_allowed(
    err: dict[str, Any], field: str | None, expected: str
) -> None:
    assert describe(err, field) == expected
