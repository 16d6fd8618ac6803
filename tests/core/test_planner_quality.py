"""Issue 12: plans a coach would sign (DOMAIN H, Q1–Q7), on the profiles that showed
each defect. Every test here failed on the planner before the second pass."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from planner_profiles import START, profile

from runstrong.core.athlete import parse_profile
from runstrong.core.model import Phase, Plan, PlannedSession, PlanWeek, SessionKind
from runstrong.core.planning.build import build_plan
from runstrong.core.planning.lift_caps import RACE_LIFT_DAYS, RACE_LIFT_PCT

LOADING = (Phase.BASE, Phase.BUILD, Phase.PEAK)
WIDE_WEEK: dict[str, Any] = {
    **{d: ["06:00-08:00", "17:00-19:00"] for d in ("mon", "tue", "wed", "thu", "fri", "sat")},
    "sun": ["07:00-12:00"],
    "gym_days": ["mon", "thu"],
    "long_run_day": "sun",
    "max_session_min": 240,
    "two_a_days": True,
}


def plan_for(**changes: Any) -> Plan:
    return build_plan(parse_profile(profile(**changes)), START)


def runs(week: PlanWeek) -> list[PlannedSession]:
    return [s for s in week.sessions if s.kind is SessionKind.RUN]


def loading(plan: Plan) -> list[PlanWeek]:
    return [w for w in plan.weeks if w.phase in LOADING and not w.deload]


def test_q1_a_95_km_marathoner_builds_above_the_current_volume() -> None:
    # Before: peak capped at 90 km, so every loading week ran 94.9–95.0 km.
    plan = plan_for(**{"week": WIDE_WEEK, "running.weekly_km": 95, "running.longest_run_km": 28,
                       "running.years_running": 8, "goal.distance": "marathon",
                       "goal.target_time": None})  # fmt: skip
    weeks = loading(plan)
    assert all(w.run_km >= 95 - 0.5 for w in weeks)
    # Issue 12 item 1: 59 mi a week peaks between Pfitzinger & Douglas 18/55 and 18/70
    # (105-120 km), not on the 18/70 growth ratio extrapolated (151 km)
    assert 105 <= max(w.run_km for w in weeks) <= 120


def test_q1_the_default_profile_peaks_in_build_or_peak_not_in_base() -> None:
    # Before: 41.6 km in base, then 31–34 km in build and peak ("mileage rising").
    plan = plan_for()
    base = max(w.run_km for w in loading(plan) if w.phase is Phase.BASE)
    later = max(w.run_km for w in loading(plan) if w.phase is not Phase.BASE)
    assert later >= base
    assert all(w.run_km >= 30 - 0.5 for w in loading(plan))


def test_q1_deload_weeks_are_20_to_30_percent_lighter_than_the_week_before() -> None:
    plan = plan_for(week=WIDE_WEEK)
    for before, week in itertools.pairwise(plan.weeks):
        if week.deload:
            assert 0.70 * before.run_km - 0.5 <= week.run_km <= 0.80 * before.run_km + 0.5


def test_q2_the_long_run_is_the_longest_run_of_every_loading_week() -> None:
    # Before: a 15–18.6 km Saturday easy run beside a 9–14 km Sunday long run.
    for changes in ({}, {"week": WIDE_WEEK, "running.weekly_km": 88, "goal.distance": "marathon",
                         "goal.target_time": None}):  # fmt: skip
        for week in loading(plan_for(**changes)):
            longest = max(runs(week), key=lambda s: s.distance_km or 0.0)
            assert longest.category == "long", (week.index, longest.title)


def test_q3_three_days_a_week_keep_the_current_volume() -> None:
    # Before: 10.3 km weeks and a 5.3 km long run while the note said 32 km fit.
    plan = plan_for(**{"week.tue": [], "week.wed": [], "week.thu": [], "week.gym_days": ["mon"],
                       "running.weekly_km": 25, "running.longest_run_km": 8})  # fmt: skip
    assert all(w.run_km >= 25 - 0.5 for w in loading(plan))
    assert not [b for b in plan.broken_rules if "easy run" in b.message]


def test_q5_race_session_is_the_race_distance_and_race_week_stays_under_peak() -> None:
    plan = plan_for(**{"week": WIDE_WEEK, "goal.distance": "marathon", "goal.target_time": None,
                       "running.weekly_km": 60})  # fmt: skip
    race = next(s for s in plan.sessions() if s.category == "race")
    assert race.distance_km == pytest.approx(42.2, abs=0.01)
    race_week = next(w for w in plan.weeks if w.phase is Phase.RACE)
    assert race_week.run_km < max(w.run_km for w in loading(plan))


def test_q5_no_heavy_lifting_and_no_quality_run_just_before_the_race() -> None:
    athlete = parse_profile(profile(**{"goal.distance": "10k", "goal.target_time": None}))
    plan = build_plan(athlete, START)
    race_day = athlete.goal.date
    for s in plan.sessions():
        days = (race_day - s.date).days
        if s.kind is SessionKind.STRENGTH and 0 < days <= RACE_LIFT_DAYS:
            assert s.category != "heavy"
            assert all((e.pct_e1rm or 0.0) <= RACE_LIFT_PCT for e in s.exercises)
            assert all(e.sets <= 2 for e in s.exercises)
        if s.kind is SessionKind.RUN and days == 1:
            assert not s.hard and s.category not in ("race_pace", "long")


def test_q4_quality_runs_are_at_least_36_hours_apart() -> None:
    plan = plan_for(week=WIDE_WEEK)
    quality = sorted(
        (s for s in plan.sessions() if s.kind is SessionKind.RUN and s.hard),
        key=lambda s: (s.date, s.start),
    )
    for a, b in itertools.pairwise(quality):
        end = dt.datetime.combine(a.date, a.start) + dt.timedelta(minutes=a.duration_min)
        assert dt.datetime.combine(b.date, b.start) - end >= dt.timedelta(hours=36), (a.id, b.id)


def test_q4_novices_get_no_quality_running() -> None:
    # Before: a couch-to-5k athlete got hills and intervals from week 1.
    plan = plan_for(**{"running.weekly_km": 8, "running.longest_run_km": 3,
                       "running.years_running": 0, "goal.distance": "5k",
                       "goal.target_time": None})  # fmt: skip
    assert not [s for s in plan.sessions() if s.hard and s.category != "race"]


def test_q6_lifting_never_takes_a_beginners_running_day() -> None:
    # Before: 4 available days gave a beginner 2 runs and 2 lifting days.
    week = {"mon": ["18:00-19:30"], "wed": ["18:00-19:30"], "sat": ["08:00-10:00"],
            "sun": ["08:00-10:00"], "gym_days": ["mon", "wed"], "long_run_day": "sun",
            "max_session_min": 120, "two_a_days": False}  # fmt: skip
    for name in ("tue", "thu", "fri"):
        week[name] = []
    plan = plan_for(**{"week": week, "running.weekly_km": 15, "running.longest_run_km": 6,
                       "running.years_running": 1, "goal.distance": "10k",
                       "goal.target_time": None})  # fmt: skip
    for w in loading(plan):
        assert len(runs(w)) >= 3, w.index  # never two runs and two lifting days
    assert not [b for b in plan.broken_rules if "no room for the" in b.message]  # no run dropped


@pytest.mark.parametrize("offset", range(7))
def test_part7_weeks_end_on_the_race_day_and_the_first_week_is_partial(offset: int) -> None:
    start = START + dt.timedelta(days=offset)
    athlete = parse_profile(profile())
    plan = build_plan(athlete, start)
    assert all(
        (athlete.goal.date - w.start_date).days % 7 == 6 for w in plan.weeks
    )  # every week ends on the race's weekday
    assert plan.weeks[0].start_date <= start < plan.weeks[0].start_date + dt.timedelta(days=7)
    assert all(s.date >= start for s in plan.sessions())
    first_week = plan.weeks[0].start_date + dt.timedelta(days=7)
    assert not [b for b in plan.broken_rules if b.rule_id == "R6" and b.date is not None
                and b.date < first_week]  # fmt: skip


def test_q7_trail_race_by_effort_with_hills_and_the_profile_fields() -> None:
    # Before: a 50 km trail race at the road marathon pace, no terrain or elevation field.
    plan = plan_for(**{"goal.distance": "50000m", "goal.terrain": "trail",
                       "goal.elevation_gain_m": 2200, "goal.target_time": None,
                       "running.weekly_km": 55, "running.longest_run_km": 22})  # fmt: skip
    race = next(s for s in plan.sessions() if s.category == "race")
    assert race.distance_km == 50.0
    assert race.steps[0].pace_s_per_km is None and race.steps[0].duration_s is not None
    assert race.steps[0].duration_s > 6 * 3600  # 72 km-effort on trail, not 50 km of road
    assert "Hike the steep climbs" in (race.steps[0].note or "")
    build = [w for w in loading(plan) if w.phase is not Phase.BASE]
    assert all(s.category != "intervals" for w in build for s in runs(w))
    assert any(s.category == "hills" for w in build for s in runs(w))
    longs = [s for s in plan.sessions() if s.category == "long"]
    assert longs and all(any(y.startswith("Q7: run it by time") for y in s.why) for s in longs)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("goal.terrain", "beach",
         "'goal.terrain' = 'beach' is not allowed; use one of road, trail, mountain"),
        ("goal.elevation_gain_m", -5,
         "'goal.elevation_gain_m' = -5 is out of range; allowed 0 to 10000"),
    ],
)  # fmt: skip
def test_q7_terrain_fields_are_validated(field: str, value: object, message: str) -> None:
    from runstrong.core.errors import ProfileError

    with pytest.raises(ProfileError) as err:
        parse_profile(profile(**{field: value}))
    assert str(err.value) == message


@pytest.mark.parametrize(("distance", "target", "pace"), [("400m", "0:58", 145.0),
                                                          ("800m", "2:10", 162.5)])  # fmt: skip
def test_q7_400_and_800_m_keep_their_target_time(distance: str, target: str, pace: float) -> None:
    # Before: "Warning: goal target time ignored: distance 400m is outside the model's range".
    # Since issue 12 the target is checked (extrapolated below 1500 m, and said so).
    plan = plan_for(**{"goal.distance": distance, "goal.target_time": target})
    assert any(n.startswith(f"Warning: goal target {target} needs VDOT") for n in plan.notes)
    assert any(n.startswith(f"Goal: {distance} is below Daniels' VDOT tables") for n in plan.notes)
    race = next(s for s in plan.sessions() if s.category == "race")
    work = next(s for s in race.steps if s.kind.value == "work")
    assert work.pace_s_per_km is not None
    assert sum(work.pace_s_per_km) / 2 == pytest.approx(pace, abs=0.5)


INIT_DEFAULTS: dict[str, Any] = {  # what `runstrong athlete init --yes` writes
    "running.weekly_km": 30, "running.longest_run_km": 12, "running.years_running": 2,
    "running.recent_race": {"distance": "5k", "time": "25:00"},
    "strength.years_lifting": 0, "goal.distance": "10k", "goal.date": "2027-05-02",
    "goal.target_time": None,
    "week": {"mon": ["18:00-19:30"], "tue": ["18:00-19:30"], "wed": [], "thu": ["18:00-19:30"],
             "fri": [], "sat": ["08:00-10:00"], "sun": ["08:00-11:00"],
             "gym_days": ["mon", "thu"], "long_run_day": "sun", "max_session_min": 120,
             "two_a_days": False},
}  # fmt: skip


def test_q1_q2_the_athlete_init_defaults_build_with_a_real_long_run() -> None:
    # Before: peak 41.6 km in base then 31–34 km, a 15–18.6 km Saturday easy run beside a
    # 9–14 km Sunday long run.
    plan = plan_for(**INIT_DEFAULTS)
    weeks = loading(plan)
    assert all(w.run_km >= 30 - 0.5 for w in weeks)
    base = max(w.run_km for w in weeks if w.phase is Phase.BASE)
    # build and peak hold the base's volume (a lift sharing a run's window may trim a few %)
    assert min(w.run_km for w in weeks if w.phase is not Phase.BASE) >= 0.95 * base
    for week in weeks:
        # the long run is the longest run (an easy run may equal it: Q2, EASY_OF_LONG)
        longest = max(s.distance_km or 0.0 for s in runs(week))
        long = [s.distance_km for s in runs(week) if s.category == "long"]
        assert long and long[0] == longest, (week.index, [s.title for s in runs(week)])
