"""Q5 (issue 12 item 6, "race weeks that sharpen") and R7 (the taper after a long run
the band capped).

Race week: Pfitzinger & Douglas (*Advanced Marathoning*, 2nd ed., ch. 7) keep a short
run with a few km at marathon pace four or five days before the marathon, and strides
late in the week; nothing hard the day before. The outline gave a marathon's race week a
sharpener only when the peak week was 10 km longer than the race, so the 40 km/week
marathoner qa9_rw (peak about 50 km) and the 45 km/week qa8_a2 raced off easy running
alone, and no race week held strides.

Taper: a half marathoner on two run days (Mon, Tue) peaks at 30 km, a 22 km long run
(the half's band stops it) and an 8 km quality run. The taper long run was held to 40 %
of the 20.4 km taper week, 8.2 km, and the week fell to 13.2 km (56 % under the peak)
where the planner aims at about a third; Bosquet et al. (2007) find 41–60 % over the
whole taper best.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from coachqa import coachqa_plan, peak_km, race_week

from runstrong.core.athlete import parse_profile
from runstrong.core.model import Phase, Plan, PlanWeek, RunCategory, SessionKind, StepKind
from runstrong.core.planning.build import build_plan


def _runs(w: PlanWeek) -> list[Any]:
    return [s for s in w.sessions if s.kind is SessionKind.RUN]


def _race_date(w: PlanWeek) -> dt.date:
    return next(s.date for s in _runs(w) if s.category == RunCategory.RACE.value)


@pytest.mark.parametrize("name", ["qa9_rw", "qa8_a2"])
def test_a_marathon_on_a_modest_peak_keeps_a_race_pace_sharpener(name: str) -> None:
    _, p = coachqa_plan(name)
    w = race_week(p)
    race = _race_date(w)
    sharp = [s for s in _runs(w) if s.category == RunCategory.RACE_PACE.value]
    assert len(sharp) == 1
    s = sharp[0]
    # 3 to 5 days out: never the race's eve, at least 48 h from the race (Q4/Q5)
    assert 3 <= (race - s.date).days <= 5
    # a short run: a few km at race pace inside warm-up and cool-down
    assert 5.0 <= (s.distance_km or 0.0) <= 8.0
    work_m = sum((st.distance_m or 0.0) * st.repeat for st in s.steps if st.kind is StepKind.WORK)
    assert 3000.0 <= work_m <= 5000.0
    # it stays inside the running besides the race (Q5: 30-45 % of the peak)
    besides = sum(x.distance_km or 0.0 for x in _runs(w) if x.category != "race")
    assert besides <= 0.45 * peak_km(p)


def test_the_qa9_sharpener_runs_on_the_wednesday_before_a_sunday_marathon() -> None:
    _, p = coachqa_plan("qa9_rw")
    w = race_week(p)
    (s,) = [s for s in _runs(w) if s.category == RunCategory.RACE_PACE.value]
    assert s.date == dt.date(2027, 4, 14)  # the race is on Sunday 18 April


@pytest.mark.parametrize("name", ["qa9_rw", "qa8_a3", "a7"])
def test_a_race_week_easy_run_carries_strides(name: str) -> None:
    _, p = coachqa_plan(name)
    w = race_week(p)
    strides = [s for s in _runs(w) if s.category == RunCategory.STRIDES.value]
    assert len(strides) == 1
    assert strides[0].date < _race_date(w)


def test_a_novice_race_week_has_no_strides_and_no_sharpener() -> None:
    # qa8_a1: 12 km a week, half a year of running, a first 10 km (the novice tier)
    _, p = coachqa_plan("qa8_a1")
    cats = {s.category for s in _runs(race_week(p))}
    assert cats == {"easy", "race"}


def test_sharpens_besides_needs_10_km_and_room_for_a_sharpener_and_an_easy_run() -> None:
    from runstrong.core.planning.race_week import sharpens_besides  # added with the rule

    # a marathon week 8 km besides the race holds a 5 km sharpener and a 3 km easy run
    assert sharpens_besides([42.2], 50.2)
    assert not sharpens_besides([42.2], 49.6)  # 7.4 km besides
    assert sharpens_besides([10.0], 20.0)
    # R7/Q5 (issue 12 item 6): a 5 km sharpener is more than a quarter of an 18 km week
    assert not sharpens_besides([10.0], 18.0)
    assert not sharpens_besides([5.0], 20.0)  # under 10 km: the room rule only
    assert not sharpens_besides([], 20.0)


# --- the taper after a band-capped long run ------------------------------------------

TWO_DAY: dict[str, Any] = {
    "name": "Two-day half marathoner",
    "sex": "female",
    "birth_year": 2008,
    "body_mass_kg": 62.0,
    "running": {"weekly_km": 45.0, "longest_run_km": 14.7, "years_running": 12.4, "vdot": 62.4},
    "strength": {"years_lifting": 7.8, "equipment": ["gym"]},
    "goal": {"distance": "half", "date": "2027-04-12"},
    "week": {
        "mon": ["12:00-13:30", "18:00-20:00"],
        "tue": ["07:00-09:00", "18:00-20:00"],
        "wed": [],
        "thu": [],
        "fri": [],
        "sat": [],
        "sun": [],
        "gym_days": ["mon"],
        "long_run_day": "tue",
        "max_session_min": 150,
        "two_a_days": False,
    },
}


def _long_km(w: PlanWeek) -> float:
    return max((s.distance_km or 0.0 for s in _runs(w) if s.category == "long"), default=0.0)


def _two_day_plan() -> Plan:
    return build_plan(parse_profile(TWO_DAY), dt.date(2026, 11, 30))


def test_a_taper_after_a_band_capped_long_run_runs_about_a_third_under_the_peak() -> None:
    p = _two_day_plan()
    loading = [w for w in p.weeks if w.phase in (Phase.BASE, Phase.BUILD, Phase.PEAK)]
    peak = max(w.run_km for w in loading)
    top_long = max(_long_km(w) for w in loading)
    assert top_long == pytest.approx(22.0)  # the half's band (16-22 km) stops it
    (taper,) = [w for w in p.weeks if w.phase is Phase.TAPER]
    # the planner's one short-race taper week: about a third under the peak
    assert 0.60 * peak <= taper.run_km <= 0.75 * peak
    # its long run falls with the week, not to 40 % of it (Pfitzinger & Douglas's
    # taper long runs: about 80 % then 65 % of the longest)
    assert 0.6 * top_long <= _long_km(taper) <= 0.85 * top_long


def test_the_whole_taper_after_a_band_capped_long_run_cuts_41_to_60_percent() -> None:
    p = _two_day_plan()
    peak = max(w.run_km for w in p.weeks if w.phase in (Phase.BASE, Phase.BUILD, Phase.PEAK))
    (taper,) = [w for w in p.weeks if w.phase is Phase.TAPER]
    rw = race_week(p)
    besides = rw.run_km - 21.1
    cut = 1 - (taper.run_km + besides) / (2 * peak)
    assert 0.41 <= cut <= 0.60


def test_the_race_week_notes_do_not_call_a_sharpener_easy_running() -> None:
    """Q5: the notes of a race week that keeps its race-pace sharpener do not call all
    its running besides the race "easy running" (they did after the sharpener came in)."""
    week = race_week(coachqa_plan("qa9_rw")[1])
    assert any(s.category == RunCategory.RACE_PACE.value for s in _runs(week))
    notes = " ".join(week.notes)
    assert "easy running" not in notes.replace("running (easy,", "")
    assert "km of running (easy, and a short race-pace sharpener) besides it" in notes
