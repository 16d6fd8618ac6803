"""The one display-units helper family (``core.units``): distances and paces in km or
miles, and planner text written in km shown in miles (issue 12 part 8). Expected values
are worked by hand from 1 mi = 1.609344 km."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from runstrong.core.errors import DistanceError
from runstrong.core.model import PlannedSession, SessionKind
from runstrong.core.units import (
    distance_in,
    format_distance,
    format_elevation,
    format_pace_in,
    format_pace_range,
    format_race_distance,
    format_step_distance,
    localise,
    parse_distance_in,
)
from runstrong.exporters.text import session_title


def test_distances_and_paces_in_either_units() -> None:
    assert format_distance(16000, "km") == "16.0 km"
    assert format_distance(16000, "mi") == "9.9 mi"  # 16 / 1.609344 = 9.94
    assert distance_in(42.195, "mi") == pytest.approx(26.219, abs=1e-3)
    assert format_pace_in(270, "km") == "4:30/km"
    assert format_pace_in(270, "mi") == "7:15/mi"  # 270 × 1.609344 = 434.5 s
    assert format_pace_range((235, 245), "km") == "3:55–4:05/km"
    assert format_pace_range((235, 245), "mi") == "6:18–6:34/mi"  # 378.2 s, 394.3 s
    assert format_race_distance(21097.5, "km") == "half marathon (21.1 km)"
    assert format_race_distance(21097.5, "mi") == "half marathon (13.1 mi)"
    assert format_race_distance(42195, "mi") == "marathon (26.2 mi)"  # 42.195 / 1.609344
    assert format_race_distance(10000, "km") == "10 km"
    assert format_race_distance(10000, "mi") == "10 km (6.2 mi)"
    assert format_race_distance(1609.344, "km") == "1 mile"
    assert format_race_distance(800, "mi") == "800 m"
    assert format_race_distance(50000, "km") == "50 km"
    assert format_step_distance(400, "mi") == "400 m"
    assert format_step_distance(10900, "mi") == "6.8 mi"


@pytest.mark.parametrize(
    ("text", "miles", "km"),
    [
        ("Long run 16 km", "Long run 9.9 mi", "Long run 16 km"),
        ("Long run 16.0 km", "Long run 9.9 mi", "Long run 16 km"),
        ("long run 12.9 km", "long run 8 mi", "long run 12.9 km"),
        ("Threshold: 3.88 km", "Threshold: 2.41 mi", "Threshold: 3.88 km"),
        ("Threshold 5 × 1.6 km (cruise intervals)", "Threshold 5 × 1600 m (cruise intervals)",
         "Threshold 5 × 1.6 km (cruise intervals)"),
        ("Q1: 45 km/week toward 10–12 km", "Q1: 28 mi/week toward 6.2–7.5 mi",
         "Q1: 45 km/week toward 10–12 km"),
        ("Work 1.00 km @ 3:55–4:05/km", "Work 1000 m @ 6:18–6:34/mi", "Work 1 km @ 3:55–4:05/km"),
        ("base, 30.0 km, 10.05 km", "base, 18.6 mi, 6.24 mi", "base, 30 km, 10.05 km"),
        ("easy at 4:30 /km", "easy at 7:15 /mi", "easy at 4:30 /km"),
        ("Race 10k, run_km and a 400 m stride", "Race 10k, run_km and a 400 m stride",
         "Race 10k, run_km and a 400 m stride"),
        ("Q7: 72.0 km-effort (ITRA) on trail", "Q7: 72.0 km-effort (ITRA) on trail",
         "Q7: 72.0 km-effort (ITRA) on trail"),
    ],
)  # fmt: skip
def test_planner_text_in_miles(text: str, miles: str, km: str) -> None:
    """QA item 10: a whole number is written without ".0" in either units."""
    assert localise(text, "mi") == miles
    assert localise(text, "km") == km


def test_a_stored_title_shows_in_the_athletes_units() -> None:
    session = PlannedSession(
        id="w1-sun-run",
        date=dt.date(2027, 3, 7),
        start=dt.time(8),
        kind=SessionKind.RUN,
        category="long",
        hard=False,
        duration_min=95,
        distance_km=16.0,
        load=380,
        title="Long run 16.0 km",
    )
    assert session_title(session, "mi") == "Long run 9.9 mi"
    assert session_title(session, "km") == "Long run 16 km"
    untitled = dataclasses.replace(session, title="")
    assert session_title(untitled, "mi") == "Long run 9.9 mi"


@pytest.mark.parametrize(
    ("typed", "units", "metres"),
    [("6", "km", 6000.0), ("6", "mi", 9656.064), ("6.5", "mi", 10460.736),
     ("10km", "mi", 10000.0), ("6mi", "km", 9656.064), ("half", "mi", 21097.5)],
)  # fmt: skip
def test_a_bare_number_is_in_the_display_units_and_a_unit_wins(
    typed: str, units: str, metres: float
) -> None:
    assert parse_distance_in(typed, units) == pytest.approx(metres)


@pytest.mark.parametrize("typed", ["0", "-3", "nan", "inf"])
def test_a_bare_number_must_be_a_positive_distance(typed: str) -> None:
    with pytest.raises(DistanceError):
        parse_distance_in(typed, "mi")


def test_elevation_is_feet_for_miles_and_metres_otherwise() -> None:
    assert format_elevation(120.0, "km") == "120 m"
    assert format_elevation(120.0, "mi") == "394 ft"  # 120 / 0.3048 = 393.7
    assert format_elevation(1000.0, "mi") == "3281 ft"
