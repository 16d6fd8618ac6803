"""Q2 (issue 12, second pass, item 4): ``fit.long_fills_held`` knows the marathon's
shorter wave week by a typed flag on its outline (``WeekOutline.wave``), not by the
text its note begins with: a note is for the athlete, and rewording it must not change
the plan.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from runstrong.core.model import Phase, PlannedSession, PlanWeek, RunCategory, SessionKind
from runstrong.core.planning.fit import long_fills_held
from runstrong.core.planning.periodization import WeekOutline

START = dt.date(2026, 12, 7)
CURRENT_KM = 60.0


def _week(index: int, run_km: float, long_km: float) -> PlanWeek:
    monday = START + dt.timedelta(days=7 * index)
    long = PlannedSession(
        id=f"w{index + 1:02d}-sun-run", date=monday + dt.timedelta(days=6),
        start=dt.time(8, 0), kind=SessionKind.RUN, category=RunCategory.LONG.value,
        hard=False, duration_min=150.0, load=300.0, title="Long run", distance_km=long_km,
    )  # fmt: skip
    return PlanWeek(index=index, start_date=monday, phase=Phase.BUILD, deload=False,
                    run_km=run_km, mesocycle=1, sessions=(long,))  # fmt: skip


def _outline(**changes: object) -> WeekOutline:
    base = WeekOutline(
        index=3, start_date=START + dt.timedelta(days=21), phase=Phase.BUILD, deload=False,
        mesocycle=1, run_km=CURRENT_KM, long_run_km=20.0, run_count=5, hard_runs=(),
        strength=(), plyo_ok=False, acwr=1.0, first_day=START + dt.timedelta(days=21),
    )  # fmt: skip
    return dataclasses.replace(base, **changes)


# weeks 1-3: one held below the current volume, the last at it, longest long run 24 km
DONE = [_week(0, 55.0, 22.0), _week(1, 60.0, 24.0), _week(2, 60.0, 24.0)]


def test_a_wave_week_keeps_its_shorter_long_run_by_its_flag_alone() -> None:
    wave = _outline(wave=True)  # no note at all: the flag says it
    assert long_fills_held(wave, DONE, START, CURRENT_KM, 30.0).long_run_km == 20.0


def test_a_note_worded_like_the_wave_does_not_make_a_wave_week() -> None:
    worded = _outline(why=("Q2: a shorter long run this week, 20.0 km after 24.0 km",))
    assert long_fills_held(worded, DONE, START, CURRENT_KM, 30.0).long_run_km == 24.0
