"""Validation errors in words: each message names the bad value and what is allowed.

pydantic says "String should match pattern '^(19[7-9]…'" or "Input should be less
than or equal to 24"; a runner reads neither. :func:`describe` turns one pydantic error
into "month '2026-13' is not a month: use YYYY-MM between 1970-01 and 2100-12". Both
the API's problem bodies (``web.errors``) and the forms' field messages (``web.forms``)
use it. Every ``pattern`` a request can carry has words in :data:`PATTERN_WORDS`
(a test walks the OpenAPI schema to prove it). Imports nothing from the rest of the app.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: Longest stretch of a bad value quoted back; longer values are cut with "…".
QUOTE_MAX_CHARS = 40
_NUMERIC = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class PatternWords:
    """What a string matching ``regex`` is ("a month") and how to write one."""

    regex: str
    noun: str
    allowed: str


MONTH = PatternWords(
    r"^(19[7-9][0-9]|20[0-9][0-9]|2100)-(0[1-9]|1[0-2])$",
    "a month",
    "YYYY-MM between 1970-01 and 2100-12",
)
HHMM = PatternWords(
    r"^([01][0-9]|2[0-3]):[0-5][0-9]$", "a time of day", "HH:MM between 00:00 and 23:59"
)
NOT_BLANK = PatternWords(r"\S", "a name", "at least one letter or digit, not only spaces")
LOCAL_TIME = PatternWords(
    r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$", "a time of day", "HH:MM or HH:MM:SS, e.g. 18:00"
)

#: Words for every regex a request field may be checked against, by the regex itself.
PATTERN_WORDS: Mapping[str, PatternWords] = {
    words.regex: words for words in (MONTH, HHMM, NOT_BLANK, LOCAL_TIME)
}


def quote(value: object) -> str:
    """The bad value as a user typed it: numbers bare, text in quotes, long text cut."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    text = str(value)
    if _NUMERIC.fullmatch(text):
        return text
    if len(text) > QUOTE_MAX_CHARS:
        text = text[: QUOTE_MAX_CHARS - 1] + "…"
    return f"'{text}'"


def _bound(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


_WHOLE = "is not a whole number: use digits only, e.g. 12"
_NUMBER = "is not a number: use digits with an optional point, e.g. 7.5"
_BOOL = "is not yes or no: use true or false"
_OBJECT = "is not an object: use {{ … }}"
_DATE = "is not a date: use YYYY-MM-DD"
_TIME = "is not a time of day: use HH:MM"
_DATETIME = "is not a date and time: use YYYY-MM-DDTHH:MM:SS+00:00"

#: What is allowed, by pydantic error type; ``{ge}`` etc. are filled from the error's context.
ALLOWED: Mapping[str, str] = {
    "greater_than_equal": "is too low: use {ge} or more",
    "greater_than": "is too low: use more than {gt}",
    "less_than_equal": "is too high: use {le} or less",
    "less_than": "is too high: use less than {lt}",
    "string_too_long": "is too long: use at most {max_length} characters",
    "string_too_short": "is too short: use at least {min_length} characters",
    "too_long": "has too many items: use at most {max_length}",
    "too_short": "has too few items: use at least {min_length}",
    "enum": "is not allowed: use {expected}",
    "literal_error": "is not allowed: use {expected}",
    "int_parsing": _WHOLE,
    "int_type": _WHOLE,
    "int_from_float": _WHOLE,
    "float_parsing": _NUMBER,
    "float_type": _NUMBER,
    "bool_parsing": _BOOL,
    "bool_type": _BOOL,
    "string_type": "is not text: use a string in quotes",
    "list_type": "is not a list: use [ … ]",
    "dict_type": _OBJECT,
    "model_type": _OBJECT,
    "model_attributes_type": _OBJECT,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "date_type": _DATE,
    "time_parsing": _TIME,
    "time_type": _TIME,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "datetime_type": _DATETIME,
    "timezone_aware": "has no time zone: add an offset such as +00:00 or Z",
    "extra_forbidden": "is not a field this request takes: leave it out",
}


def _pattern(regex: str) -> str:
    words = PATTERN_WORDS.get(regex)
    if words is None:
        return "is not in the form this field takes"
    return f"is not {words.noun}: use {words.allowed}"


def describe(err: Mapping[str, Any], field: str | None) -> str:
    """One pydantic error as "FIELD VALUE is …: use …" (``field`` None: no field name,
    for a message shown next to its form field)."""
    kind = str(err.get("type", ""))
    ctx: Mapping[str, Any] = err.get("ctx") or {}
    subject = field or "this field"
    if kind == "missing":
        return f"{subject} is required: give a value"
    value = quote(err.get("input"))
    named = f"{field} {value}" if field else value
    if kind == "string_pattern_mismatch":
        return f"{named} {_pattern(str(ctx.get('pattern', '')))}"
    if kind == "json_invalid":
        return f"the body is not valid JSON ({ctx.get('error', 'unreadable')}): send a JSON object"
    if kind in ALLOWED:
        try:
            allowed = ALLOWED[kind].format_map({k: _bound(v) for k, v in ctx.items()})
        except KeyError:  # a pydantic version without this context: pydantic's own words
            allowed = None
        if allowed is not None:
            return f"{named} {allowed.replace(' 1 characters', ' 1 character')}"
    message = str(err.get("msg", "is invalid"))
    message = message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind in ("value_error", "assertion_error"):  # our validators name the value and rule
        return f"{field}: {message}" if field else message
    return f"{named} is not allowed: {message[:1].lower()}{message[1:]}"
