"""The plan's season notes about the goal and quality spacing (Q4, Q5, Q7).

``goal_notes`` judges a target time against the athlete's VDOT (Daniels' tables,
``core.science.paces.goal_check``); 400 m and 800 m goals keep their target, which the
tables do not cover. ``quality_notes`` names, once for the season, the weeks whose
windows forced quality runs close together. ``restate_volume_notes`` rewrites the
volume notes of the outline (Q1, R7, R8) from the weeks as built. Pure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from runstrong.core.athlete import Athlete
from runstrong.core.errors import InputError
from runstrong.core.model import PlanWeek
from runstrong.core.planning.context import QUALITY_NOTED
from runstrong.core.planning.phases import LOADING
from runstrong.core.science.paces import goal_check
from runstrong.core.units import distance_label, format_duration

SHORT_RACE_M = 1000.0
"""Daniels' VDOT tables start at 1000 m (``core.science.paces``)."""


def short_race_note(distance_m: float, target_s: float) -> str:
    """Q7: 400 m and 800 m keep their target time; the VDOT model does not judge it."""
    return (
        f"Goal: target {format_duration(target_s)} for {distance_label(distance_m)} kept: race "
        f"and race-pace work run at its pace ({target_s / distance_m * 1000:.0f} s/km). The "
        "VDOT tables cover 1000 m to 100 km (Daniels), so the target is not checked against "
        "your VDOT; other paces extrapolate your R pace."
    )


def quality_notes(weeks: Sequence[PlanWeek]) -> list[str]:
    """Q4/Q5: the weeks whose windows forced quality runs close together, named once."""
    out = []
    for key, what in (("Q4-spacing-36", "two quality runs less than 36 h apart"),
                      ("Q5-race-eve", "a quality run the day before a race")):  # fmt: skip
        prefix = f"{key[:2]} {QUALITY_NOTED[key]}:"
        hit = [w.index + 1 for w in weeks if any(n.startswith(prefix) for n in w.notes)]
        if hit:
            listed = ", ".join(str(i) for i in hit)
            out.append(f"{key[:2]}: your windows and lift days leave {what} in week(s) {listed}.")
    return out


def goal_notes(athlete: Athlete, vdot: float, start: dt.date) -> list[str]:
    """The goal's target time judged against ``vdot`` and the weeks left (a warning when
    it is out of reach or outside the model; a 400 m/800 m target kept, Q7)."""
    goal = athlete.goal
    if goal.target_time_s is None:
        return []
    weeks_left = round(max((goal.date - start).days / 7, 1.0), 1)
    try:
        check = goal_check(vdot, goal.distance_m, goal.target_time_s, weeks_left)
    except InputError as exc:  # e.g. faster than the world record: warn, plan anyway
        if goal.distance_m < SHORT_RACE_M and "outside the model" in str(exc):
            return [short_race_note(goal.distance_m, goal.target_time_s)]
        return [f"Warning: goal target time ignored: {exc}"]
    return [("Goal: " if check.achievable else "Warning: goal ") + check.message]


_VOLUME_NOTE = re.compile(
    r"^Q1: \d+(\.\d+)? km, (from your current volume|the season's peak|volume )"
)
_HELD_NOTE = re.compile(r"^Q1: (\d+(?:\.\d+)?) km, what your windows hold in a week \(R6\)$")
_SEASON_HELD = re.compile(r"^(Q1: your windows hold .*: loading weeks run )(\d+(?:\.\d+)?) km\.$")
_TAPER_NOTE = re.compile(r"^(R7: taper week \d+/\d+): .*less than peak$")
_DELOAD_NOTE = re.compile(r"^(R8: deload after \d+ loading weeks): .*less than last week$")


def _volume_note(km: float, before: float, peak: float) -> str:
    """Q1: what a loading week as built does beside the loading weeks built before it."""
    if before <= 0:
        return f"Q1: {km:.1f} km, from your current volume toward a {peak:.1f} km peak"
    change = km / before - 1
    if km >= peak - 0.05:
        return f"Q1: {km:.1f} km, the season's peak volume ({change:+.0%} on {before:.1f} km)"
    if change > 0.005:
        return f"Q1: {km:.1f} km, volume rising {change:+.0%} (R11) toward {peak:.1f} km"
    if change < -0.005:
        return f"Q1: {km:.1f} km, {-change:.0%} under the {before:.1f} km of the week before"
    return f"Q1: {km:.1f} km, volume held ({before:.1f} km before)"


def _restated(note: str, week: PlanWeek, before: float, last: float, peak: float) -> str:
    if week.phase in LOADING and not week.deload and _VOLUME_NOTE.match(note):
        return _volume_note(week.run_km, before, peak)
    held = _HELD_NOTE.match(note)
    if held and week.run_km < float(held.group(1)) - 0.05:
        # Q1: the week holds less than the windows at most: its Q1/Q3 note says what
        # held it (the long run, the windows beside the lifts), else the ramp did (R11)
        if any(n.startswith("Q1/Q3:") for n in week.notes):
            return f"Q1: your windows hold at most {held.group(1)} km in a week (R6)"
        return _volume_note(week.run_km, before, peak)
    taper = _TAPER_NOTE.match(note)
    if taper and peak > 0:
        return f"{taper.group(1)}: {1 - week.run_km / peak:.0%} less than peak ({peak:.1f} km)"
    deload = _DELOAD_NOTE.match(note)
    if deload and last > 0:
        return f"{deload.group(1)}: {1 - week.run_km / last:.0%} less than last week"
    return note


def restate_volume_notes(weeks: Sequence[PlanWeek], start: dt.date) -> list[PlanWeek]:
    """Q1/R7/R8: the outline's volume notes (rising, peak, taper and deload cuts) said
    again from the weeks as built, so that a note never contradicts the week's km:
    the calendar, the long run and the refits move a week off its outline. The same
    text in the sessions' reasons is replaced too. A partial first week (before
    ``start``) is no level the next weeks compare with."""
    peak = max((w.run_km for w in weeks if w.phase in LOADING), default=0.0)
    before = last = 0.0
    out: list[PlanWeek] = []
    for w in weeks:
        swap = {n: _restated(n, w, before, last, peak) for n in w.notes}
        swap = {old: new for old, new in swap.items() if old != new}
        if swap:
            sessions = tuple(
                dataclasses.replace(s, why=tuple(swap.get(y, y) for y in s.why)) for s in w.sessions
            )
            w = dataclasses.replace(
                w, notes=tuple(swap.get(n, n) for n in w.notes), sessions=sessions
            )
        out.append(w)
        if w.phase in LOADING and not w.deload and w.start_date >= start:
            before = max(before, w.run_km)
        last = w.run_km
    return out


def restate_season_held(
    notes: Sequence[str], weeks: Sequence[PlanWeek], start: dt.date
) -> list[str]:
    """Q1: the season note "loading weeks run X km" (``periodization``: the windows hold
    less than the current volume) said from the weeks as built: the long run and the
    windows beside the lifts hold some loading weeks under X (their notes say why)."""
    loading = [w.run_km for w in weeks if w.phase in LOADING and not w.deload
               and w.start_date >= start]  # fmt: skip
    out: list[str] = []
    for note in notes:
        m = _SEASON_HELD.match(note)
        if m and loading and min(loading) < float(m.group(2)) - 0.05:
            low, high = min(loading), max(loading)
            note = (f"{m.group(1)}{low:.1f}–{high:.1f} km (each week's note says what "
                    "holds it).")  # fmt: skip
        out.append(note)
    return out
