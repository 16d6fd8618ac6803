"""The plan's season notes about the goal and quality spacing (Q4, Q5, Q7).

``goal_notes`` judges a target time against the athlete's VDOT (Daniels' tables,
``core.science.paces.goal_check``); below 1500 m, where the tables stop, the check is
an extrapolation (``core.science.cameron``) and the note says so; 400 m and 800 m
goals race at their target pace. ``quality_notes`` names, once for the season, the weeks whose
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
from runstrong.core.rules.quality import Q1_TOLERANCE_KM, sized_phrases
from runstrong.core.rules.ramp import ramp_allowed_km
from runstrong.core.science.cameron import below_tables
from runstrong.core.science.paces import goal_check, race_time_s
from runstrong.core.units import distance_label, format_duration

SHORT_RACE_M = 1000.0
"""Goals shorter than this (400 m, 800 m) race and sharpen at their target pace (Q7)."""


def short_race_note(distance_m: float, target_s: float | None) -> str:
    """Q7: below 1500 m the VDOT model is extrapolated (Daniels' tables start at 1500 m);
    say so, and what the race pace comes from."""
    label = distance_label(distance_m)
    if target_s is not None and distance_m < SHORT_RACE_M:
        pace = (
            f"race and race-pace work run at your target's pace "
            f"({target_s / distance_m * 1000:.0f} s/km)"
        )
    else:
        pace = "race pace is your VDOT's extrapolated time for it"
    return (
        f"Goal: {label} is below Daniels' VDOT tables (1500 m to the marathon): its "
        "equivalent times are extrapolated with Cameron's model from your 1500 m time, "
        f"so treat them as a guide; {pace}."
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
    """A beginner's estimated VDOT said as such; the goal's target time judged against
    ``vdot`` and the weeks left (a warning when it is out of reach or outside the model);
    below 1500 m a note that the check and the race pace are extrapolated (Q7)."""
    estimate = [estimated_vdot_note(athlete)] if athlete.vdot_estimated else []
    return estimate + short_source_notes(athlete, vdot) + _target_notes(athlete, vdot, start)


SHORT_SOURCE_M = 5000.0
"""A race shorter than 5 km sets paces that lean on speed (``short_source_notes``)."""


def short_source_notes(athlete: Athlete, vdot: float) -> list[str]:
    """Paces from a race under 5 km: VDOT from a short race leans on speed and can
    overstate endurance, so T, M and E paces may run fast (coach QA: a 1500 m runner's
    threshold 3:14–3:20/km for 6.4 km on 50 km a week). No published correction with a
    citation fits, so the plan does not adjust the VDOT; it names the source race and
    asks for a result from 5 km to the half marathon, a race long enough to carry
    endurance."""
    race = athlete.recent_race
    if athlete.vdot is not None or race is None or race.distance_m >= SHORT_SOURCE_M:
        return []
    return [
        f"Paces from your {distance_label(race.distance_m)} race (VDOT {vdot:.1f}): a race "
        "that short leans on speed and can overstate endurance, so your threshold, marathon "
        "and easy paces may be too fast. Run them by effort (threshold comfortably hard, easy "
        "conversational) and add a 5 km to half marathon result to your profile (`runstrong "
        "paces` shows its VDOT), then re-plan."
    ]


def estimated_vdot_note(athlete: Athlete) -> str:
    """The beginner's VDOT estimate (``athlete.beginner_vdot``), said as such."""
    vdot = athlete.vdot or 0.0
    return (
        f"VDOT {vdot:.1f} estimated: your profile has no race and no VDOT, so your paces "
        f"assume a beginner's fitness from your {athlete.weekly_km:g} km a week (a 5 km in "
        f"about {format_duration(race_time_s(vdot, 5000))}), on the safe side. Run a 5 km "
        "time trial or a race, add it to your profile and re-plan to set your own paces."
    )


def goal_race_pace(athlete: Athlete, vdot: float, start: dt.date) -> float | None:
    """The goal race's pace (s/km) when the goal has a target time: the race and the
    race-pace work run at it. A 400 m or 800 m target is taken as given (Q7, below the
    tables); from 1000 m a target within reach of ``vdot`` in the weeks left is the pace,
    one out of reach gives way to the realistic time ``goal_check`` names (the plan's
    warning says it). None without a target: the race pace is then the VDOT's
    equivalent time over the distance (``science.paces.equivalent_pace_s_per_km``)."""
    goal = athlete.goal
    if goal.target_time_s is None:
        return None
    if goal.distance_m < SHORT_RACE_M:
        return goal.target_time_s / goal.distance_m * 1000
    weeks_left = round(max((goal.date - start).days / 7, 1.0), 1)
    try:
        check = goal_check(vdot, goal.distance_m, goal.target_time_s, weeks_left)
    except InputError:  # e.g. faster than the world record: the target is ignored
        return None
    return check.realistic_time_s / goal.distance_m * 1000


def _target_notes(athlete: Athlete, vdot: float, start: dt.date) -> list[str]:
    goal = athlete.goal
    short = [short_race_note(goal.distance_m, goal.target_time_s)]
    if not below_tables(goal.distance_m):
        short = []
    if goal.target_time_s is None:
        return short
    weeks_left = round(max((goal.date - start).days / 7, 1.0), 1)
    try:
        check = goal_check(vdot, goal.distance_m, goal.target_time_s, weeks_left)
    except InputError as exc:  # e.g. faster than the world record: warn, plan anyway
        return [f"Warning: goal target time ignored: {exc}", *short]
    return [("Goal: " if check.achievable else "Warning: goal ") + check.message, *short]


_START_NOTE = re.compile(r"^Current volume (\S+) km is low: week 1 starts at (\S+) km\.$")


def restate_start_note(notes: Sequence[str], weeks: Sequence[PlanWeek]) -> list[str]:
    """Q1: the season's "week 1 starts at" note said from week 1 as built: the windows,
    the long run's steps (Q2) or a partial week can leave it below the volume the
    outline aimed at, and a note never contradicts the week's km."""
    if not weeks:
        return list(notes)
    built = weeks[0].run_km
    out = []
    for note in notes:
        start = _START_NOTE.match(note)
        if start and built < float(start.group(2)) - 0.05:
            note = (
                f"Current volume {start.group(1)} km is low: week 1 was aimed at "
                f"{start.group(2)} km and runs {built:.1f} km as built (its notes say what "
                "held it)."
            )
        out.append(note)
    return out


_VOLUME_NOTE = re.compile(
    r"^Q1: \d+(\.\d+)? km, (from your current volume|the season's peak|volume )"
)
_HELD_NOTE = re.compile(r"^Q1: (\d+(?:\.\d+)?) km, what your windows hold in a week \(R6\)$")
_SEASON_HELD = re.compile(r"^(Q1: your windows hold .*: loading weeks run )(\d+(?:\.\d+)?) km\.$")
_TAPER_NOTE = re.compile(r"^(R7: taper week \d+/\d+): .*less than peak$")
_DELOAD_NOTE = re.compile(r"^(R8: deload after \d+ loading weeks): .*less than last week$")


LIGHTER_WEEK = 0.9
"""R11/Q1: a week before under this share of the loading level (a deload, a tune-up's
mini-taper) is named beside it in the next loading week's volume note."""


def _volume_note(
    km: float, before: float, peak: float, last: float = 0.0, prev: float = 0.0
) -> str:
    """Q1/R11: what a loading week as built does beside the loading weeks built before
    it (``before``: the highest) and, after a lighter week (``last``: a deload), beside
    that week too: 60.0 km after a 40.8 km deload was said "+10%", its rise over the
    54.5 km before the deload only. A week under (or level with) the highest that rises
    over the last loading week (``prev``; the windows held the weeks between) says it
    rises (R11): 67.3 km after 61.1 km was said "11% under" a 75.5 km week long before."""
    if before <= 0:
        return f"Q1: {km:.1f} km, from your current volume toward a {peak:.1f} km peak"
    change = km / before - 1
    after = f"; {km / last - 1:+.0%} on the {last:.1f} km of the lighter week before" if (
        0 < last < LIGHTER_WEEK * before) else ""  # fmt: skip
    if km >= peak - 0.05:
        return (f"Q1: {km:.1f} km, the season's peak volume ({change:+.0%} on {before:.1f} "
                f"km{after})")  # fmt: skip
    if change > 0.005:
        return f"Q1: {km:.1f} km, volume rising {change:+.0%} (R11) toward {peak:.1f} km{after}"
    if prev > 0 and km / prev - 1 > 0.005 and km <= ramp_allowed_km(prev) + Q1_TOLERANCE_KM:
        # under or level with the highest, an R11 rise over the last loading week (a
        # return to the level after a tune-up week's mini-taper is no rise: held)
        after = after if 0 < last < LIGHTER_WEEK * prev else ""
        return (
            f"Q1: {km:.1f} km, volume rising {km / prev - 1:+.0%} (R11) toward {peak:.1f} km{after}"
        )
    if change < -0.005:
        return f"Q1: {km:.1f} km, {-change:.0%} under the {before:.1f} km of the week before"
    return f"Q1: {km:.1f} km, volume held ({before:.1f} km before{after})"


def _restated(
    note: str, week: PlanWeek, before: float, last: float, peak: float, prev: float = 0.0
) -> str:
    if week.phase in LOADING and not week.deload and _VOLUME_NOTE.match(note):
        if before <= 0 and any(n.startswith("Q1/Q3:") for n in week.notes):
            # Q1: placed short of the current volume it set out from (53.4 km of 60)
            return (f"Q1: {week.run_km:.1f} km, the first week (its Q1/Q3 note says what "
                    f"holds it), toward a {peak:.1f} km peak")  # fmt: skip
        return _volume_note(week.run_km, before, peak, last, prev)
    held = _HELD_NOTE.match(note)
    if held and week.run_km < float(held.group(1)) - 0.05:
        # Q1: the week holds less than the windows at most: its Q1/Q3 note says what
        # held it (the long run, the windows beside the lifts) and is the week's volume
        # note ("at most 64.4 km" beside it, on a 56.6 km week, said what the week does
        # not do: dropped), else the ramp did (R11)
        if any(n.startswith("Q1/Q3:") for n in week.notes):
            return ""
        return _volume_note(week.run_km, before, peak, last, prev)
    if held and week.run_km > float(held.group(1)) + Q1_TOLERANCE_KM:
        # Q2: the long run a marathon needs took more than its share (``week_runs``);
        # a week over by the rounding of its runs still runs what the windows hold
        return _volume_note(week.run_km, before, peak, last, prev)
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
    before = last = prev = 0.0
    out: list[PlanWeek] = []
    for w in weeks:
        w = _swapped(w, {n: _restated(n, w, before, last, peak, prev) for n in w.notes})
        out.append(w)
        if w.phase in LOADING and not w.deload and w.start_date >= start:
            before, prev = max(before, w.run_km), w.run_km
        last = w.run_km
    return out


def _swapped(week: PlanWeek, swap: dict[str, str]) -> PlanWeek:
    """``week`` with its notes (and the same text in its sessions' reasons) replaced; a
    note replaced by "" is dropped."""
    swap = {old: new for old, new in swap.items() if old != new}
    if not swap:
        return week
    sessions = tuple(
        dataclasses.replace(s, why=tuple(y for y in (swap.get(y, y) for y in s.why) if y))
        for s in week.sessions
    )
    notes = tuple(n for n in (swap.get(n, n) for n in week.notes) if n)
    return dataclasses.replace(week, notes=notes, sessions=sessions)


GROWS = "grows step by step (Q2)"
"""Q1/Q3: how a week's note says the long run's growth held the week (``volume_check``)."""
STALLED = "does not grow this week (Q2)"
"""Q1/Q3: how it says a long run held under the season's longest before did not grow."""
AT_LONGEST = "is the season's longest (Q2: its target)"
"""Q1/Q3: how it says the long run, no longer growing, is at the season's longest."""
AFTER_DELOAD = "returns to its length before the deload (Q2)"
"""Q1/Q3: how it says the long run of the week after a deload is back at the longest
before it, not a step over it (Pfitzinger & Douglas: after a recovery week the
athlete returns to the level held before it, ``rules.ramp``)."""


def _long_km(week: PlanWeek) -> float:
    return max((s.distance_km or 0.0 for s in week.sessions if s.category == "long"), default=0.0)


def restate_long_growth(weeks: Sequence[PlanWeek], start: dt.date) -> list[PlanWeek]:
    """Q1/Q2: a full loading week's note says its long run "grows step by step" only when
    it grew over the longest before (by at most its step, ``rules.quality.
    long_growth_km``, which the audit checks); a long run that no longer grows and is
    the season's longest says so instead, one held under it that it does not grow."""

    def full(w: PlanWeek) -> bool:
        return w.phase in LOADING and not w.deload and w.start_date >= start

    longest = max((_long_km(w) for w in weeks if full(w)), default=0.0)
    before = 0.0
    out: list[PlanWeek] = []
    for i, w in enumerate(weeks):
        km = _long_km(w)
        stalled = before > 0 and km <= before + LONG_STEP_SLACK_KM
        if full(w) and stalled and km >= longest - 0.05:
            w = _swapped(w, {n: n.replace(GROWS, AT_LONGEST) for n in w.notes})
        elif full(w) and stalled and i and weeks[i - 1].deload and km >= before - 0.05:
            w = _swapped(w, {n: n.replace(GROWS, AFTER_DELOAD) for n in w.notes})
        elif full(w) and stalled:  # held under the longest before: it does not grow
            w = _swapped(w, {n: n.replace(GROWS, STALLED) for n in w.notes})
        if full(w):
            before = max(before, km)
        out.append(w)
    return out


LONG_STEP_SLACK_KM = 0.15
"""Q2: a long run this little over the longest before did not grow (placed to 0.1 km)."""


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


_SEASON_CAPPED = re.compile(
    r"^R6: your windows hold about (\d+(?:\.\d+)?) km a week; (volume is capped there .*)$"
)


def restate_season_capped(
    notes: Sequence[str], weeks: Sequence[PlanWeek], start: dt.date
) -> list[str]:
    """R6/Q1: the season note "your windows hold about X km a week; volume is capped
    there" (``periodization``: the windows' count of their minutes) said from the weeks
    as built when loading weeks run above X: the long run a marathon needs grows its
    weeks past the count (``week_runs.week_km_for_long``), and qa9_rw's note said 45.6 km
    beside loading weeks of 49-51 km. The figure becomes the peak week as placed."""
    top = max((w.run_km for w in weeks if w.phase in LOADING and not w.deload
               and w.start_date >= start), default=0.0)  # fmt: skip
    out: list[str] = []
    for note in notes:
        m = _SEASON_CAPPED.match(note)
        if m and top > float(m.group(1)) + Q1_TOLERANCE_KM:
            note = (f"R6: your windows hold about {top:.1f} km a week, the peak week as "
                    f"placed; {m.group(2)}")  # fmt: skip
        out.append(note)
    return out


def sized_notes(
    notes: Sequence[str], weeks: Sequence[PlanWeek], race_m: float, held_km: float
) -> tuple[list[str], list[PlanWeek]]:
    """Q1/Q2 (issue 12 item 2): when the long run's band, not the windows, set what two
    run days hold (``capacity.capacity``), the notes that say "your windows hold" say
    so (``rules.quality.sized_phrases``: the same figure, the band's long run named)."""

    def said(note: str) -> str:
        for windows, sizes in sized_phrases(held_km, race_m):
            note = note.replace(windows, sizes)
        return note

    out = [dataclasses.replace(w, notes=tuple(said(n) for n in w.notes)) for w in weeks]
    return [said(n) for n in notes], out
