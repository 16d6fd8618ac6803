"""The plausibility limits of hand-entered data (``core.science.plausibility``).

Expected figures are the published records, written out by hand: 400 m 43.03 (van
Niekerk 2016), 800 m 1:40.91 (Rudisha 2012), 1000 m 2:11.96 (Ngeny 1999), 100 km
6:05:35 = 21,935 s (Sorokin 2022).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.core.errors import ImplausibleResultError, InputError
from runstrong.core.science.plausibility import (
    check_day,
    check_load_kg,
    check_run_pace,
    check_span,
    fastest_time_s,
)

TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("distance_m", "seconds"),
    [(400, 43.03), (800, 100.91), (1000, 131.96), (100_000, 21_935), (200_000, 43_870)],
)
def test_fastest_times_are_the_records(distance_m: float, seconds: float) -> None:
    assert fastest_time_s(distance_m) == pytest.approx(seconds)


def test_below_one_lap_nothing_is_checked() -> None:
    assert fastest_time_s(399) is None
    check_run_pace(300, 1)  # strides and GPS noise: not refused


@given(st.floats(min_value=400, max_value=900_000), st.floats(min_value=1.0001, max_value=2))
def test_the_record_curve_only_grows_with_distance(distance_m: float, factor: float) -> None:
    shorter, longer = fastest_time_s(distance_m), fastest_time_s(distance_m * factor)
    assert shorter is not None and longer is not None
    assert longer > shorter


def test_a_run_faster_than_the_records_names_the_shortest_duration() -> None:
    with pytest.raises(ImplausibleResultError) as info:
        check_run_pace(1000, 120)
    assert str(info.value) == (
        "distance 1 km in duration 2:00 is faster than the world record for the distance: "
        "for 1 km use a duration of 2:12 or more, or check the distance"
    )
    assert info.value.field == "distance_m"
    check_run_pace(1000, 132)


def test_loads_up_to_500_kg() -> None:
    assert check_load_kg(500, exercise="Back squat") == 500
    with pytest.raises(InputError) as info:
        check_load_kg(500.5, exercise="Back squat")
    assert str(info.value) == (
        "invalid load 500.5 kg: use a number from 0 to 500 kg (the heaviest deadlift ever "
        "lifted is 501 kg; sled and leg-press exercises allow up to 1100 kg)"
    )


@pytest.mark.parametrize(
    "exercise", ["Leg press", "Single-leg press", "Hack squat", "Sled push", "Prowler"]
)
def test_sled_and_leg_machines_take_up_to_1100_kg(exercise: str) -> None:
    """QA item 6: a 600 kg leg press is an ordinary gym set, not a typo."""
    assert check_load_kg(1100, exercise=exercise) == 1100
    with pytest.raises(InputError, match="use a number from 0 to 1100 kg"):
        check_load_kg(1100.5, exercise=exercise)


def test_days_from_1900_to_today() -> None:
    assert check_day(TODAY, TODAY) == TODAY
    assert check_day(dt.date(1900, 1, 1), TODAY) == dt.date(1900, 1, 1)
    with pytest.raises(InputError) as info:
        check_day(dt.date(2026, 12, 8), TODAY, "start")
    assert str(info.value) == (
        "invalid start 2026-12-08: it is after today (2026-12-07); use a day from 1900-01-01 "
        "to 2026-12-07"
    )
    with pytest.raises(InputError, match=r"^invalid day 1899-12-31: it is before 1900-01-01"):
        check_day(dt.date(1899, 12, 31), TODAY, "day")


def test_filter_spans() -> None:
    check_span(None, None)
    check_span(dt.date(2026, 1, 1), dt.date(2026, 1, 1))
    with pytest.raises(InputError, match=r"^until 9999-12-31 is out of range"):
        check_span(None, dt.date.max)
    with pytest.raises(InputError, match=r"^since 2026-02-01 is after until 2026-01-01"):
        check_span(dt.date(2026, 2, 1), dt.date(2026, 1, 1))
