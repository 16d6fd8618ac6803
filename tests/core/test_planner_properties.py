"""Whole-plan properties over random athletes: no hard rule broken without being
reported, windows respected, R1/R2 every week, ramp/deload/taper hold, re-planning."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st
from planner_profiles import START, profile

from runstrong.core.athlete import WEEKDAYS, Athlete, parse_profile
from runstrong.core.exercises import load_library
from runstrong.core.model import Phase, Plan, PlannedSession, SessionKind, Severity
from runstrong.core.planning.build import WeekChanges, build_plan, replan_week
from runstrong.core.planning.injury_runs import AVOID
from runstrong.core.rules.audit.engine import audit_plan
from runstrong.core.rules.catalogue import check_r2, check_week

WINDOWS = ["06:00-07:30", "07:00-09:00", "12:00-13:30", "17:30-19:30", "18:00-20:00", "08:00-11:00"]


@st.composite
def athletes(draw: st.DrawFn) -> dict[str, Any]:
    days = draw(st.sets(st.sampled_from(WEEKDAYS), min_size=2, max_size=7))
    week: dict[str, Any] = {}
    for day in WEEKDAYS:
        if day in days:
            n = draw(st.integers(1, 2))
            picks = sorted(draw(st.sets(st.sampled_from(WINDOWS), min_size=n, max_size=n)))
            # keep the day's windows apart (the profile refuses overlaps)
            chosen: list[str] = []
            for w in picks:
                if all(w[6:] <= c[:5] or c[6:] <= w[:5] for c in chosen):
                    chosen.append(w)
            week[day] = chosen
        else:
            week[day] = []
    gym = draw(st.sets(st.sampled_from(sorted(days)), min_size=0, max_size=len(days)))
    if gym:
        week["gym_days"] = sorted(gym)
    week["long_run_day"] = draw(st.sampled_from(sorted(days)))
    week["max_session_min"] = draw(st.sampled_from([60, 90, 120, 150]))
    week["two_a_days"] = draw(st.booleans())
    weeks = draw(st.integers(4, 30))
    weekly = draw(st.floats(0, 90))
    travel = []  # R17: one trip somewhere in the season, hotel room or with bands
    if draw(st.booleans()):
        first = START + dt.timedelta(days=draw(st.integers(0, 7 * weeks)))
        last = first + dt.timedelta(days=draw(st.integers(0, 13)))
        kit = draw(st.sampled_from([[], ["band"], ["dumbbell", "bench"]]))
        trip: dict[str, Any] = {"from": first.isoformat(), "to": last.isoformat(), "equipment": kit}
        hotel = draw(st.sampled_from([None, ["06:00-07:30"], ["07:00-09:00", "17:30-19:30"]]))
        if hotel is not None:
            trip["windows"] = hotel
        travel.append(trip)
    injury_tables = [  # DOMAIN G injury history, disjoint from the plain list below
        {
            "area": area,
            "status": draw(st.sampled_from(["current", "returning"])),
            "since": (START - dt.timedelta(days=draw(st.integers(0, 60)))).isoformat(),
        }
        for area in draw(st.sets(st.sampled_from(["hamstring", "calf", "hip"]), max_size=2))
    ]
    return profile(
        **{
            "week": week,
            "goal.distance": draw(st.sampled_from(["1500m", "5k", "10k", "half", "marathon"])),
            "goal.date": (
                START + dt.timedelta(days=7 * weeks + draw(st.integers(0, 6)))
            ).isoformat(),
            "goal.target_time": None,
            "running.weekly_km": weekly,
            "running.longest_run_km": weekly / 3,
            "running.years_running": draw(st.floats(0, 15)),
            "strength.years_lifting": draw(st.floats(0, 6)),
            "birth_year": draw(st.integers(1950, 2008)),
            "consistency_ok": draw(st.booleans()),
            "injuries": draw(
                st.lists(st.sampled_from(["knee", "achilles", "lower_back"]), max_size=2)
            ),
            "travel": travel or None,
            "injury": injury_tables or None,
        }
    )


def window_of(s: PlannedSession, athlete: Athlete) -> int:
    """Index of the day's window holding ``s`` (races: their own start time)."""
    start = s.start.hour * 60 + s.start.minute
    for i, slot in enumerate(athlete.week.slots_on(s.date)):
        if slot.window.start_min <= start and start + s.duration_min <= slot.window.end_min:
            return i
    return -1 - start


def reported(plan: Plan, rule: str, ids: tuple[str, ...]) -> bool:
    return any(
        b.rule_id == rule and (not ids or set(ids) & set(b.session_ids)) for b in plan.broken_rules
    )


def unreported_hard(plan: Plan, athlete: Athlete) -> list[str]:
    """Hard breaks found by the rule checks (and by the audit) that the plan does not list."""
    out: list[str] = []
    prev: tuple[PlannedSession, ...] = ()
    for week in plan.weeks:
        for b in check_week(week.sessions, athlete.week, previous=prev):
            if b.severity is Severity.HARD and not reported(plan, b.rule_id, b.session_ids):
                out.append(f"rules: {b.message}")
        last = week.start_date + dt.timedelta(days=6)
        prev = tuple(s for s in week.sessions if s.date == last)
    races = {s.id for s in plan.sessions() if s.category == "race"}
    for b in audit_plan(plan, athlete=athlete):
        if b.severity is not Severity.HARD or reported(plan, b.rule_id, b.session_ids):
            continue
        # The audit applies max_session_min to races too; races keep their own length.
        if not (b.rule_id == "R6" and set(b.session_ids) <= races):
            out.append(f"audit: {b.message}")
    return out


# Found by the property (session 9, one run of 6,000 examples): two gym days, the
# lift of the long-run day shares its window with a 90-min long run. Week 7 sized three
# lifts and placed two short ones (20 min each); the second finishes the first one's
# coverage but cannot hold calves too, and the week misses them. The plan says so (a
# soft R2 break): the old assertion here wanted every week covered.
SHORT_LIFTS_BESIDE_THE_LONG_RUN = profile(
    **{
        "birth_year": 1960,
        "running.weekly_km": 34.2,
        "running.longest_run_km": 11.4,
        "running.years_running": 7.0,
        "strength.years_lifting": 0.0,
        "goal.distance": "10k",
        "goal.date": "2027-04-14",
        "goal.target_time": None,
        "week": {
            "tue": ["06:00-07:30", "18:00-20:00"],
            "sat": ["08:00-11:00", "12:00-13:30"],
            "gym_days": ["sat", "tue"],
            "long_run_day": "tue",
            "max_session_min": 90,
            "two_a_days": False,
        },
        "consistency_ok": True,
        "injuries": [],
        "travel": [
            {
                "from": "2026-12-02",
                "to": "2026-12-05",
                "equipment": ["dumbbell", "bench"],
                "windows": ["06:00-07:30"],
            }
        ],
        "injury": [
            {"area": "calf", "status": "returning", "since": "2026-11-19"},
            {"area": "hamstring", "status": "current", "since": "2026-10-08"},
        ],
    }
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(athletes())
@example(SHORT_LIFTS_BESIDE_THE_LONG_RUN)
def test_no_hard_rule_broken_without_being_reported(data: dict[str, Any]) -> None:
    note(f"profile: {data!r}")  # a failure prints the athlete, to be kept as an example
    athlete = parse_profile(data)
    plan = build_plan(athlete, START)
    assert unreported_hard(plan, athlete) == []
    loading = [w for w in plan.weeks if w.phase in (Phase.BASE, Phase.BUILD, Phase.PEAK)]
    for week in plan.weeks:
        lifts = [s for s in week.sessions if s.kind is SessionKind.STRENGTH]
        assert len(lifts) <= 3  # R1
        if not athlete.consistency_ok:
            assert len(lifts) <= 2
        # R2 is judged over the week: a week whose lifts miss a group (a lift that shares
        # its window with a long run can be too short to finish the coverage) lists that
        # very break among the plan's broken rules, R2 named; never a silent miss
        assert [b for b in check_r2(week.sessions) if b not in plan.broken_rules] == []
        # R6: one run and one strength session a day at most, in two windows only with
        # two-a-days (Q6: a run and a lift back to back in one window are one session)
        for day in {s.date for s in week.sessions}:
            todays = [
                s for s in week.sessions if s.date == day and s.kind is not SessionKind.MOBILITY
            ]
            assert len(todays) <= 2
            assert len({window_of(s, athlete) for s in todays}) <= (
                2 if athlete.week.two_a_days else 1
            )
        # C2: the week's km are the sum of its runs
        assert abs(sum(s.distance_km or 0 for s in week.sessions) - week.run_km) < 0.11
    # R17: on a travel day every exercise works with the trip's kit (body weight by default)
    lib = load_library()
    for s in plan.sessions():
        trip = athlete.travel_on(s.date)
        if trip is not None:
            kit = trip.equipment or ("none",)
            assert all(lib.get(e.name).available_with(kit) for e in (*s.exercises, *s.mobility))
    # DOMAIN G: a current complaint never gets the run types it avoids
    for injury in athlete.injury_history:
        if injury.status == "current":
            assert not {s.category for s in plan.sessions()} & {c.value for c in AVOID[injury.area]}
    # R8: a deload week runs less than the week before it (above the ~20 km floor that
    # minimum run lengths set)
    for a, b in zip(plan.weeks, plan.weeks[1:], strict=False):
        if b.deload and not a.deload and a.run_km >= 20:
            assert b.run_km <= a.run_km + 0.1
    # R7: the taper's last week runs clearly less than the peak (below ~35 km a week the
    # fixed warm-up/cool-down of the kept quality sessions set a floor; docs/planner.md)
    taper = [w for w in plan.weeks if w.phase is Phase.TAPER]
    peak_km = max((w.run_km for w in loading), default=0.0)
    if taper and peak_km >= 35:
        assert taper[-1].run_km <= 0.75 * peak_km


def test_example_like_plan_breaks_nothing_and_stays_in_windows() -> None:
    athlete = parse_profile(profile())
    plan = build_plan(athlete, START)
    assert plan.broken_rules == ()
    assert unreported_hard(plan, athlete) == []
    assert plan.weeks[0].start_date == START and plan.race_date == dt.date(2027, 5, 9)
    assert any(s.category == "race" and s.date == plan.race_date for s in plan.sessions())


def test_a_week_too_small_for_strength_reports_r1() -> None:
    """Two short windows, one session a day: the lifts cannot fit and the plan says so.
    (Q6: a 60-minute tue window now holds the run and a 30-minute lift; 45 do not.)"""
    data = profile(
        **{
            "week": {
                "tue": ["18:00-18:45"],
                "sun": ["08:00-09:45"],
                "long_run_day": "sun",
                "max_session_min": 150,
                "two_a_days": False,
            },
            "strength.years_lifting": 3,
        }
    )
    athlete = parse_profile(data)
    plan = build_plan(athlete, START)
    assert unreported_hard(plan, athlete) == []
    r1 = [b for b in plan.broken_rules if b.rule_id == "R1"]
    assert r1 and all(b.severity is Severity.SOFT for b in r1)
    assert "could not be placed" in r1[0].message or "no room" in r1[0].message


def test_replan_week_moves_sessions_off_a_lost_day() -> None:
    athlete = parse_profile(profile())
    plan = build_plan(athlete, START)
    week = plan.weeks[2]
    lost = next(s.date for s in week.sessions if s.hard)
    today = week.start_date
    new = replan_week(plan, 2, WeekChanges(unavailable=frozenset({lost})), today, athlete=athlete)
    assert all(s.date != lost for s in new.weeks[2].sessions)
    assert new.weeks[:2] == plan.weeks[:2] and new.weeks[3:] == plan.weeks[3:]
    assert unreported_hard(new, athlete) == []


_PLAN_CACHE: dict[str, tuple[Athlete, Plan]] = {}


def _example_plan() -> tuple[Athlete, Plan]:
    if "p" not in _PLAN_CACHE:
        athlete = parse_profile(profile())
        _PLAN_CACHE["p"] = (athlete, build_plan(athlete, START))
    return _PLAN_CACHE["p"]


@settings(max_examples=25, deadline=None)
@given(
    week_index=st.integers(0, 20),
    today_offset=st.integers(0, 6),
    lost=st.sets(st.integers(0, 6), max_size=3),
    miss_first=st.booleans(),
)
def test_replan_keeps_the_past_and_reports_every_hard_break(
    week_index: int, today_offset: int, lost: set[int], miss_first: bool
) -> None:
    athlete, plan = _example_plan()
    week = plan.weeks[week_index]
    today = week.start_date + dt.timedelta(days=today_offset)
    unavailable = frozenset(week.start_date + dt.timedelta(days=i) for i in lost)
    past = [s for s in week.sessions if s.date < today]
    missed = frozenset({past[0].id}) if miss_first and past else frozenset()
    new = replan_week(
        plan,
        week_index,
        WeekChanges(unavailable=unavailable, missed=missed),
        today,
        athlete=athlete,
    )
    sessions = new.weeks[week_index].sessions
    assert [s for s in sessions if s.date < today] == [s for s in past if s.id not in missed]
    assert all(s.date not in unavailable for s in sessions if s.date >= today)
    assert len({s.id for s in sessions}) == len(sessions)
    assert unreported_hard(new, athlete) == []
