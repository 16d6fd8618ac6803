"""R7/Q5/Q6: the taper's length and depth follow the race distance (issue 12 parts 6
and 10a, coach review session 8). Before: a beginner's 10 km taper week ran 5.7 km,
61 % under the peak, its Thursday run dropped beside a lift (qa8_a1); a half marathon
got two cut weeks (-30 %, -52 %) before its race week (a8); a marathon four (a3).

Bosquet et al. (2007, meta-analysis): cut volume 41-60 % over about two weeks, keep
intensity and frequency; short races taper 7-10 days, the half 10-14 days, the
marathon 2-3 weeks (Mujika & Padilla 2003). The taper counted here is its taper
weeks and the race week's running besides the race."""

from __future__ import annotations

import pytest
from coachqa import coachqa_plan, peak_km, race_week

from runstrong.core.model import Phase, Plan, PlanWeek, SessionKind

# name: taper weeks before the race week (10 km, 10 km, half, 5 km, marathon, marathon)
TAPERS = {"qa8_a1": 1, "a7": 1, "a8": 1, "qa7_a6": 1, "a3": 2, "qa8_a2": 2}


def _taper(plan: Plan) -> list[PlanWeek]:
    return [w for w in plan.weeks if w.phase is Phase.TAPER]


def _runs(week: PlanWeek) -> list[float]:
    return [s.distance_km or 0.0 for s in week.sessions if s.kind is SessionKind.RUN]


@pytest.mark.parametrize(("name", "weeks"), TAPERS.items())
def test_taper_length_follows_the_race_distance(name: str, weeks: int) -> None:
    _, plan = coachqa_plan(name)
    assert len(_taper(plan)) == weeks


@pytest.mark.parametrize("name", TAPERS)
def test_the_taper_cuts_41_to_60_percent_with_its_race_week(name: str) -> None:
    _, plan = coachqa_plan(name)
    race = race_week(plan)
    besides = race.run_km - plan.race_distance_m / 1000
    weeks = [*(w.run_km for w in _taper(plan)), besides]
    cut = 1 - sum(weeks) / (len(weeks) * peak_km(plan))
    assert 0.41 <= cut <= 0.60


@pytest.mark.parametrize("name", ["qa8_a1", "a7", "a8", "qa7_a6"])
def test_a_short_race_taper_week_runs_about_a_third_under_the_peak(name: str) -> None:
    # the coach: a 10 km taper week 20-30 % under the peak; never the old 52-61 %
    _, plan = coachqa_plan(name)
    (week,) = _taper(plan)
    assert 0.6 <= week.run_km / peak_km(plan) <= 0.8


@pytest.mark.parametrize("name", [n for n in TAPERS if n != "a8"])
def test_taper_weeks_keep_the_run_days_and_no_lift_stands_alone(name: str) -> None:
    # R7: frequency kept; Q6: a lift never takes a run day of its own. Not yet a8: its
    # Monday maintenance lift, sized for the taper's shorter runs, leaves the 60-minute
    # window under a 3 km run (``context`` lift sizing), and the run moves to Wednesday.
    _, plan = coachqa_plan(name)
    first = _taper(plan)[0].index
    last_loading = next(w for w in reversed(plan.weeks[:first]) if not w.deload)
    for w in _taper(plan):
        assert len(_runs(w)) >= len(_runs(last_loading)), w.index
        run_days = {s.date for s in w.sessions if s.kind is SessionKind.RUN}
        lifts = {s.date for s in w.sessions if s.kind is SessionKind.STRENGTH}
        assert lifts <= run_days, w.index
