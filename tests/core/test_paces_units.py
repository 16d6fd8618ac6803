"""Parsing and formatting of distances, durations and paces (core.units)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.core.errors import DistanceError, DurationError
from runstrong.core.units import (
    distance_label,
    format_duration,
    format_pace,
    parse_distance,
    parse_duration,
)

DISTANCE_HELP = (
    "use 1500m, mile, 3000m, 2mile, 5k, 10k, 15k, half, marathon, "
    "or a number with m/k/km/mi (e.g. 8000m, 8k)"
)


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("1500m", 1500.0),
        ("mile", 1609.344),
        ("1 mile", 1609.344),
        ("3000m", 3000.0),
        ("2mile", 3218.688),
        ("2 miles", 3218.688),
        ("5k", 5000.0),
        ("5K", 5000.0),
        ("10k", 10000.0),
        ("15k", 15000.0),
        ("half", 21097.5),
        ("half_marathon", 21097.5),
        ("Half-Marathon", 21097.5),
        ("hm", 21097.5),
        ("marathon", 42195.0),
        (" Marathon ", 42195.0),
        ("8000m", 8000.0),
        ("8k", 8000.0),
        ("8.5km", 8500.0),
        ("10mi", 16093.44),
        ("10 miles", 16093.44),
        ("400 m", 400.0),
    ],
)
def test_parse_distance_accepts_names_and_numbers_with_units(text: str, metres: float) -> None:
    assert parse_distance(text) == pytest.approx(metres)


@pytest.mark.parametrize("text", ["5q", "", "8000", "k5", "five k", "10 furlongs", "-5k", "5k5"])
def test_parse_distance_rejects_garbage_with_the_allowed_forms(text: str) -> None:
    with pytest.raises(DistanceError) as info:
        parse_distance(text)
    assert str(info.value) == f"invalid distance '{text}': {DISTANCE_HELP}"


def test_parse_distance_rejects_zero() -> None:
    with pytest.raises(DistanceError) as info:
        parse_distance("0k")
    assert str(info.value) == "invalid distance '0k': the distance must be greater than zero"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("20:00", 1200.0),
        ("1:35:00", 5700.0),
        ("3:10:07", 11407.0),
        ("1200", 1200.0),
        ("3:43.13", 223.13),
        ("75:30", 4530.0),
        (" 19:59 ", 1199.0),
        ("0:00:30", 30.0),
    ],
)
def test_parse_duration_accepts_clock_forms_and_seconds(text: str, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["20:6x", "", "1:2:3:4", "abc", "-20:00", "20:", ":30", "1.5:00"])
def test_parse_duration_rejects_garbage_with_the_allowed_forms(text: str) -> None:
    with pytest.raises(DurationError) as info:
        parse_duration(text)
    assert str(info.value) == (
        f"invalid time '{text}': use h:mm:ss, mm:ss or seconds (e.g. 1:35:00, 20:00, 1200)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("20:75", "invalid time '20:75': seconds must be below 60"),
        ("1:75:00", "invalid time '1:75:00': minutes must be below 60"),
        ("0:00", "invalid time '0:00': the time must be greater than zero"),
    ],
)
def test_parse_duration_rejects_out_of_range_fields(text: str, message: str) -> None:
    with pytest.raises(DurationError) as info:
        parse_duration(text)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("seconds", "decimals", "text"),
    [
        (1200, 0, "20:00"),
        (59.6, 0, "1:00"),
        (3599.5, 0, "1:00:00"),
        (11407, 0, "3:10:07"),
        (223.13, 2, "3:43.13"),
        (0, 0, "0:00"),
    ],
)
def test_format_duration(seconds: float, decimals: int, text: str) -> None:
    assert format_duration(seconds, decimals) == text


def test_format_duration_rejects_negative() -> None:
    with pytest.raises(DurationError):
        format_duration(-1)


def test_format_pace_rounds_to_the_second() -> None:
    assert format_pace(255.4) == "4:15"
    assert format_pace(255.5) == "4:16"


@pytest.mark.parametrize(
    ("metres", "label"),
    [
        (5000, "5k"),
        (21097.5, "half marathon"),
        (3218.688, "2 miles"),
        (8500, "8500m"),
        (8000, "8k"),
    ],
)
def test_distance_label(metres: float, label: str) -> None:
    assert distance_label(metres) == label


@given(st.integers(min_value=1, max_value=100 * 3600))
def test_duration_round_trip(seconds: int) -> None:
    assert parse_duration(format_duration(seconds)) == seconds
