"""Optional profile parts: [[travel]] (R17), injury history (DOMAIN G), [nutrition]."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from planner_profiles import profile

from runstrong.core.athlete import Injury, NutritionGoal, TravelPeriod, parse_profile
from runstrong.core.errors import ProfileError


def test_travel_defaults_to_body_weight_and_opens_every_window_for_strength() -> None:
    a = parse_profile(profile(travel=[{"from": "2027-01-05", "to": dt.date(2027, 1, 7)}]))
    assert a.travel == (TravelPeriod(dt.date(2027, 1, 5), dt.date(2027, 1, 7)),)
    tue = dt.date(2027, 1, 5)  # a Tuesday: no gym window at home (gym_days = mon, thu)
    assert not any(s.gym_ok for s in a.week.slots[tue.weekday()])
    assert all(s.gym_ok and s.run_ok for s in a.week.slots_on(tue))
    assert a.week.slots_on(dt.date(2027, 1, 12)) == a.week.slots[1]  # after the trip
    assert a.travel_on(dt.date(2027, 1, 7)) is not None
    assert a.travel_on(dt.date(2027, 1, 8)) is None


def test_travel_windows_and_equipment_override() -> None:
    a = parse_profile(
        profile(
            travel=[
                {
                    "from": "2027-02-01",
                    "to": "2027-02-03",
                    "equipment": ["bands", "dumbbell"],
                    "windows": ["06:00-07:00"],
                    "note": "conference",
                }
            ]
        )
    )
    trip = a.travel[0]
    assert trip.equipment == ("band", "dumbbell")
    assert trip.label() == "travel 2027-02-01–2027-02-03 (band, dumbbell): conference"
    slots = a.week.slots_on(dt.date(2027, 2, 2))
    assert [str(s.window) for s in slots] == ["06:00-07:00"]


def test_a_day_without_windows_stays_without_them_when_travelling() -> None:
    a = parse_profile(profile(travel=[{"from": "2027-01-06", "to": "2027-01-08"}]))
    fri = dt.date(2027, 1, 8)
    assert a.week.slots_on(fri) == ()


@pytest.mark.parametrize(
    ("travel", "message"),
    [
        (
            [{"from": "2027-01-05", "to": "2027-01-03"}],
            "'travel[0].to': 2027-01-03 is before from 2027-01-05; "
            "the trip must end on or after the day it starts",
        ),
        ([{"from": "2027-01-05"}], "missing field 'travel[0].to'; write it as YYYY-MM-DD"),
        (
            [{"from": "2027-01-05", "to": "soon"}],
            "'travel[0].to' = 'soon' is not a date; write it as YYYY-MM-DD",
        ),
        (
            [{"from": "2027-01-05", "to": "2027-01-06", "equipment": ["rowing_machine"]}],
            "'travel[0].equipment' = 'rowing_machine' is not allowed; use one of gym, none, "
            "barbell, trap_bar, dumbbell, kettlebell, machine, cable, band, box, bench, trx, "
            "pullup_bar, slant_board, plate, ab_wheel",
        ),
        (
            [{"from": "2027-01-05", "to": "2027-01-06", "windows": ["7-8"]}],
            "'travel[0].windows': '7-8' is not a time window; write HH:MM-HH:MM like "
            '"06:00-07:30"',
        ),
        (
            [{"from": "2027-01-05", "to": "2027-01-06", "gym": True}],
            "'travel[0].gym' is not a travel field; use from, to, equipment, windows, note",
        ),
        (
            [
                {"from": "2027-01-01", "to": "2027-01-10"},
                {"from": "2027-01-10", "to": "2027-01-12"},
            ],
            "'travel[1].from': 2027-01-10 falls inside the trip 2027-01-01–2027-01-10; "
            "merge the two trips or move the dates",
        ),
        (
            [{"from": "2027-01-01", "to": "2027-06-01"}],
            "'travel[0]': 152 days is longer than 120; split the trip or change your [week] "
            "instead",
        ),
        ("soon", "'travel' must be a list, got 'soon'"),
    ],
)
def test_travel_errors_name_the_field(travel: Any, message: str) -> None:
    with pytest.raises(ProfileError) as err:
        parse_profile(profile(travel=travel))
    assert str(err.value) == message


def test_plain_injury_list_still_works_and_means_current() -> None:
    a = parse_profile(profile(injuries=["knee", "knee", "achilles"]))
    assert a.injuries == ("knee", "achilles")
    assert a.injury_history == (Injury("knee"), Injury("achilles"))


def test_injury_tables_with_status_and_since() -> None:
    a = parse_profile(
        profile(
            injuries=["knee"],
            injury=[{"area": "achilles", "status": "returning", "since": "2026-11-16"}],
        )
    )
    assert a.injury_history == (
        Injury("knee"),
        Injury("achilles", "returning", dt.date(2026, 11, 16)),
    )
    assert a.injuries == ("knee", "achilles")  # strength keeps seeing every area


@pytest.mark.parametrize(
    ("injury", "message"),
    [
        (
            [{"area": "achilles", "status": "healed"}],
            "'injury[0].status' = 'healed' is not allowed; use one of current, returning",
        ),
        (
            [{"area": "elbow"}],
            "'injury[0].area' = 'elbow' is not allowed; use one of knee, achilles, calf, shin, "
            "ankle, plantar_fascia, hip, hamstring, lower_back, shoulder, wrist",
        ),
        ([{"status": "current"}], "missing field 'injury[0].area'; write e.g. area = \"achilles\""),
        (
            [{"area": "knee"}],
            "'injury[0].area' = 'knee' is listed twice (injuries or another [[injury]]); "
            "keep one entry per area",
        ),
        (
            [{"area": "hip", "since": "last week"}],
            "'injury[0].since' = 'last week' is not a date; write it as YYYY-MM-DD",
        ),
        (
            [{"area": "hip", "side": "left"}],
            "'injury[0].side' is not an injury field; use area, status, since",
        ),
    ],
)
def test_injury_errors_name_the_field(injury: Any, message: str) -> None:
    with pytest.raises(ProfileError) as err:
        parse_profile(profile(injuries=["knee"], injury=injury))
    assert str(err.value) == message


def test_nutrition_goal() -> None:
    a = parse_profile(profile(nutrition={"weight_goal_kg": 57, "daily_deficit_kcal": 400}))
    assert a.nutrition == NutritionGoal(57.0, 400.0)
    assert parse_profile(profile()).nutrition == NutritionGoal()


@pytest.mark.parametrize(
    ("nutrition", "message"),
    [
        (
            {"daily_deficit_kcal": 2500},
            "'nutrition.daily_deficit_kcal' = 2500 is out of range; allowed 0 to 1500",
        ),
        (
            {"weight_goal_kg": "less"},
            "'nutrition.weight_goal_kg' must be a number between 30 and 250, got 'less'",
        ),
        (
            {"kcal": 2000},
            "'nutrition.kcal' is not a nutrition field; use weight_goal_kg or daily_deficit_kcal",
        ),
        (3, "'nutrition' must be a table ([nutrition]) with weight_goal_kg"),
    ],
)
def test_nutrition_errors_name_the_field(nutrition: Any, message: str) -> None:
    with pytest.raises(ProfileError) as err:
        parse_profile(profile(nutrition=nutrition))
    assert str(err.value) == message
