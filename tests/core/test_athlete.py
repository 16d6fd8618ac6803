"""Athlete profile parsing and validation: every bad field gets a named error."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from planner_profiles import START, profile

from runstrong.core.athlete import (
    check_against_start,
    default_focus,
    parse_profile,
    parse_profile_text,
)
from runstrong.core.errors import ProfileError, cli_message
from runstrong.core.model import Focus

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"


def test_example_profile_parses() -> None:
    athlete = parse_profile(tomllib.loads(EXAMPLE.read_text(encoding="utf-8")))
    assert athlete.goal.distance_m == pytest.approx(21097.5)
    assert athlete.week.long_run_day == 6
    assert athlete.week.gym_days() == (0, 3)
    assert athlete.focus is Focus.ENDURANCE and athlete.focus_from_goal
    assert athlete.injuries == ("achilles",)


@pytest.mark.parametrize(
    ("distance_m", "focus"),
    # Issue 12 (coach QA A4, A1): 1500 m was sprint (no threshold running), 5 km middle.
    [(100, Focus.SPRINT), (400, Focus.SPRINT), (800, Focus.MIDDLE), (1500, Focus.MIDDLE),
     (1609.344, Focus.MIDDLE), (3000, Focus.ENDURANCE), (5000, Focus.ENDURANCE),
     (10000, Focus.ENDURANCE), (42195, Focus.ENDURANCE)],
)  # fmt: skip
def test_focus_default_from_goal_distance(distance_m: float, focus: Focus) -> None:
    assert default_focus(distance_m) is focus


def test_miles_are_converted_to_km() -> None:
    data = profile(**{"running.weekly_km": None, "running.weekly_mi": 20})
    assert parse_profile(data).weekly_km == pytest.approx(32.18688)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": None}, "missing field 'name'; add name = \"Your Name\""),
        ({"sex": "x"}, "'sex' = 'x' is not allowed; use one of female, male"),
        ({"body_mass_kg": 5}, "'body_mass_kg' = 5 is out of range; allowed 30 to 250"),
        (
            {"week.long_run_day": "fri"},
            "'week.long_run_day' = 'fri' has no time windows; choose one of mon, tue, wed, "
            "thu, sat, sun or add week.fri windows",
        ),
        (
            {"week.mon": ["6-7"]},
            "'week.mon': '6-7' is not a time window; write HH:MM-HH:MM like \"06:00-07:30\"",
        ),
        (
            {f"week.{d}": [] for d in ("mon", "tue", "wed", "thu", "sat")},
            "'week': fewer than 2 days have time windows; list windows for at least 2 "
            'weekdays, e.g. tue = ["18:00-19:30"]',
        ),
        (
            {"week.gym_days": ["fri"]},
            "'week.gym_days': fri has no time windows; add week.fri windows or remove it "
            "from gym_days",
        ),
        (
            {"strength.equipment": ["rowing boat"]},
            "'strength.equipment' = 'rowing_boat' is not allowed; use one of gym, none, "
            "barbell, trap_bar, dumbbell, kettlebell, machine, cable, band, box, bench, trx, "
            "pullup_bar, slant_board, plate, ab_wheel",
        ),
        (
            {"tune_up": [{"distance": "10k", "date": "2027-06-01"}]},
            "'tune_up[0].date' = 2027-06-01 is not before the goal race on 2027-05-09; "
            "move the tune-up earlier or drop it",
        ),
        ({"goal.date": "soon"}, "'goal.date' = 'soon' is not a date; write it as YYYY-MM-DD"),
    ],
)
def test_bad_profiles_name_the_field_and_the_fix(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ProfileError) as err:
        parse_profile(profile(**changes))
    assert str(err.value) == message


def test_goal_before_start_is_an_error() -> None:
    athlete = parse_profile(profile(**{"goal.date": "2026-11-01"}))
    with pytest.raises(ProfileError) as err:
        check_against_start(athlete, START)
    assert str(err.value) == (
        "'goal.date' = 2026-11-01 is before the plan start 2026-11-30; set a future race date"
    )
    assert cli_message(err.value) == str(err.value) + " or an earlier --start"


def test_goal_too_close_is_an_error() -> None:
    athlete = parse_profile(profile(**{"goal.date": "2026-12-10"}))
    with pytest.raises(ProfileError, match="only 10 days after"):
        check_against_start(athlete, START)
    check_against_start(athlete, START - dt.timedelta(days=30))


@pytest.mark.parametrize(
    ("changes", "first"),
    [
        ({"birth_year": 1800, "body_mass_kg": None}, "'birth_year' = 1800"),
        (
            {"running.recent_race.distance": "very far", "running.recent_race.time": None},
            "'running.recent_race.distance'",
        ),
        (
            {"strength.results": [{"lift": "squat", "load_kg": 900}]},
            "'strength.results[0].load_kg' = 900",
        ),
    ],
)
def test_the_first_bad_field_in_file_order_is_named(changes: dict[str, object], first: str) -> None:
    """Per-section parsers keep the order: a field is checked before the next is read."""
    with pytest.raises(ProfileError) as raised:
        parse_profile(profile(**changes))
    assert str(raised.value).startswith(first)


def test_profile_text_errors_name_the_source() -> None:
    with pytest.raises(ProfileError, match=r"^me\.toml: not valid TOML: "):
        parse_profile_text("name = ", "me.toml")
    text = EXAMPLE.read_text(encoding="utf-8").replace("body_mass_kg = ", "body_mass_kg = 5 #")
    with pytest.raises(ProfileError, match=r"^me\.toml: 'body_mass_kg' = 5 is out of range"):
        parse_profile_text(text, "me.toml")
