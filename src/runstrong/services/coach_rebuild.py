"""After a lighter week (R21): a stepped rebuild, and long runs that regain at most
+2 km a week from the longest run actually done.

A sore streak cuts a week once (``coach_steps.lighter_week``). Going straight back to
the full plan the week after would undo the point of the cut, so the two weeks after
a cut week run at ``REBUILD_STEPS`` (85 %, then 95 %) of their planned run volume, and
in the ``LONG_RUN_CAP_WEEKS`` weeks after it the long run is at most the longest run
actually done the week before plus ``LONG_RUN_GAIN_KM`` (the +2 km a week of Q2).
Each rebuild week is stepped once, on the coach's first run in it, and recorded as a
plan event so a second run never compounds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from runstrong.core.coaching.adaptation import Change
from runstrong.core.coaching.session_edits import cap_run_km, scale_run
from runstrong.core.model import Plan, RunCategory, SessionKind
from runstrong.services import coach_history as hist
from runstrong.services.coach_plan import replace_sessions
from runstrong.storage.records import StoredActivity

REBUILD_STEPS: tuple[float, ...] = (0.85, 0.95)
"""Run volume of the first and second week after a cut week; 100 % from the third."""
LONG_RUN_GAIN_KM = 2.0
"""Most a long run may exceed the longest run actually done the week before (Q2)."""
LONG_RUN_CAP_WEEKS = 3
"""Weeks after a cut week in which the long run is capped by what was done."""


def weeks_since_cut(cut_weeks: Iterable[int], wi: int) -> int | None:
    """How many weeks week ``wi`` comes after the latest cut week before it (None if
    none within ``LONG_RUN_CAP_WEEKS``, or ``wi`` is itself a cut week)."""
    cuts = set(cut_weeks)
    if wi in cuts:
        return None
    before = [c for c in cuts if c < wi]
    if not before:
        return None
    gap = wi - max(before)
    return gap if gap <= LONG_RUN_CAP_WEEKS else None


def longest_run_done_km(done: Sequence[hist.Done]) -> float:
    """The longest run (km) in what was actually done (0 when none)."""
    runs = [
        d.activity.activity.distance_m / 1000.0
        for d in done
        if d.activity.activity.sport.is_run and d.activity.activity.distance_m
    ]
    return max(runs, default=0.0)


def stepped_rebuild(
    plan: Plan,
    wi: int,
    day: dt.date,
    gap: int,
    activities: Sequence[StoredActivity],
) -> tuple[Plan, list[Change]]:
    """Week ``wi`` (``gap`` weeks after a cut week) from ``day`` on: runs at the rebuild
    step's share of their planned volume, the long run capped by what was done."""
    week = plan.weeks[wi]
    factor = REBUILD_STEPS[gap - 1] if gap <= len(REBUILD_STEPS) else 1.0
    prev_start = week.start_date - dt.timedelta(days=7)
    done = hist.actually_done(
        plan.sessions(), activities, prev_start, week.start_date - dt.timedelta(days=1)
    )
    longest = longest_run_done_km(done)
    cap = longest + LONG_RUN_GAIN_KM if longest > 0 else None
    changes: list[Change] = []
    new = []
    for s in week.sessions:
        if s.kind is not SessionKind.RUN or s.date < day or s.duration_min <= 0:
            continue
        edited = s
        if factor < 1.0:
            msg = (
                f"rebuild after the lighter week: week {gap} after it runs at {factor:.0%} "
                "of the planned volume (85 % → 95 % → 100 %)"
            )
            edited = scale_run(edited, factor, f"R21: {msg}")
            changes.append(Change("R21", s.id, msg))
        if cap is not None and s.category == RunCategory.LONG.value:
            before_km = edited.distance_km
            msg = (
                f"rebuild after the lighter week: the long run is at most the longest run done "
                f"last week ({longest:.1f} km) + {LONG_RUN_GAIN_KM:g} km = {cap:.1f} km"
            )
            edited = cap_run_km(edited, cap, f"R21: {msg} (Q2)")
            if edited.distance_km != before_km:
                changes.append(Change("R21", s.id, msg + " (Q2)"))
        if edited != s:
            new.append(edited)
    return replace_sessions(plan, new), changes
