"""What the athlete's windows hold (R6, Q1, Q2, Q6): the season's weekly volume cap
and the longest run the longest window allows. Pure.

The weekly figure counts what a run may really use of each run day: the window
(at most ``max_session_min``) less the lifts that join the day's run in its window
(Q6: run first, the lift straight after, one session; ``predicates.lift_joins_run``
is the test the scheduler and the audit apply to such a pair), with each lift's
sized minutes, so that the season note, the week notes and the audit state one number.
A lift the long run leaves no room beside takes nothing from the long run's window
(R0: runs first; the scheduler drops that lift, R1, rather than cut the long run).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from runstrong.core.athlete import Athlete, Slot
from runstrong.core.planning.context import closed_days, day_caps, lifts_join_runs, week_slots
from runstrong.core.planning.easy_split import two_run_holds
from runstrong.core.planning.periodization import WeekOutline
from runstrong.core.rules.predicates import lift_joins_run
from runstrong.core.science.paces import TrainingPaces

QUALITY_SLACK = 0.85
"""R6: a week's quality sessions spend about 15 % of their time on warm-ups and
recoveries, so the windows hold that much less distance than all-easy running."""


def easy_s_per_km(paces: TrainingPaces) -> float:
    """The middle of the easy pace range (s/km)."""
    return sum(paces.easy_s_per_km) / 2


def run_rooms(
    athlete: Athlete, week: WeekOutline, lift_min: Sequence[float], long_min: float = 0.0
) -> list[float]:
    """R6/Q6: the minutes each open run day of ``week`` gives its run (largest first).
    When the days are too few for runs and lifts apart (``context.day_caps``' test,
    or Q6's few run days), each lift (``lift_min``, as sized; the longest first)
    joins the run of the tightest day whose window takes both, run first: the run
    keeps the window less the lift, when the lift so placed joins it
    (``predicates.lift_joins_run``, the scheduler's and the audit's test).

    R0/Q2/Q6 (runs first, issue 12 items 1 and 4): the largest room is the long run's
    (``runs.week_runs``), and the long run is cut only to its window, never to make
    room for a lift: a lift joins that day only when the window holds it beside the
    long run (``long_min``, its minutes; 0: no long run). Otherwise the scheduler
    finds it no room there and drops it (R1, reported), so its minutes stay the long
    run's here too: a 1500 m runner's tue 90 / thu 90 / sat 120 minutes with gym on
    tue and sat were counted as 25.5 km for a heavy lift never placed beside the
    115-minute long run, and every loading week ran 25.5 km."""
    closed = closed_days(athlete, week)
    limit = athlete.week.max_session_min
    rooms: list[float] = []
    weekdays: list[int] = []
    shared: list[Slot | None] = []
    for i, slots in enumerate(week_slots(athlete, week)):
        runs = [s for s in slots if s.run_ok]
        if week.start_date + dt.timedelta(days=i) in closed or not runs:
            continue
        rooms.append(float(min(max(s.window.minutes for s in runs), limit)))
        weekdays.append((week.start_date + dt.timedelta(days=i)).weekday())
        both = [s for s in runs if s.gym_ok]
        apart = athlete.week.two_a_days and sum(s.run_ok or s.gym_ok for s in slots) > 1
        # as day_caps: with two-a-days and another window the lift takes that one
        shared.append(max(both, key=lambda s: s.window.minutes) if both and not apart else None)
    lifts = sorted(lift_min, reverse=True)
    apart = len(rooms) >= week.run_count + len(lifts) and athlete.week.two_a_days
    if apart and not lifts_join_runs(athlete):
        return sorted(rooms, reverse=True)
    long_i = _long_room(rooms, weekdays, athlete.week.long_run_day)
    free = sorted((i for i, s in enumerate(shared) if s is not None),
                  key=lambda i: (rooms[i], i == long_i))  # fmt: skip
    for i, lift in zip(free, lifts, strict=False):
        window = shared[i]
        assert window is not None
        run_min = min(limit, window.window.minutes - lift)
        if i == long_i and run_min < min(long_min, rooms[i]):
            continue  # R0/Q2: the long run keeps its window; the lift finds no room (R1)
        start = window.window.start_min
        if run_min > 0 and lift_joins_run(start, run_min, start + int(run_min)):
            rooms[i] = min(rooms[i], run_min)
    return sorted(rooms, reverse=True)


def _long_room(rooms: Sequence[float], weekdays: Sequence[int], long_run_day: int) -> int:
    """Q3/R6: the index of the long run's room: the largest, the preferred long-run
    day among equals (-1: no room)."""
    if not rooms:
        return -1
    return max(range(len(rooms)), key=lambda i: (rooms[i], weekdays[i] == long_run_day))


def capacity_km(
    athlete: Athlete, paces: TrainingPaces, week: WeekOutline, lift_min: Sequence[float]
) -> float:
    """R6/Q6: about how many km the run windows of ``week`` hold (``capacity``)."""
    return capacity(athlete, paces, week, lift_min)[0]


def capacity(
    athlete: Athlete, paces: TrainingPaces, week: WeekOutline, lift_min: Sequence[float]
) -> tuple[float, bool]:
    """R6/Q6: about how many km the run windows of ``week`` hold: one run a day at easy
    pace in its room (``run_rooms``: less the lifts that join it), with the slack of
    ``QUALITY_SLACK``. A week of two runs on two run days counts each room as
    ``runs.week_runs`` fills it (``easy_split.two_run_holds`` over ``context.day_caps``,
    the rooms the week's runs are cut for): the long run at easy pace in the larger,
    the quality run in the other, when that is less than the athlete's current volume
    (issue 12: 11.5 km stated for a8's 75 + 90 minutes; the weeks run it). Q2: at
    sensible session sizes (the long run at most its race band's high end), also above
    the current volume when the band binds; the flag says that the long run's band, not
    the windows, set the figure (the notes say so: ``plan_notes.sized_notes``)."""
    rooms = day_caps(athlete, week, lift_min)
    if week.run_count == 2 and len(rooms) == 2 and not week.races:
        pace, race_m = easy_s_per_km(paces), athlete.goal.distance_m
        holds = round(sum(two_run_holds(rooms, pace, race_m)), 1)
        sized = holds < round(sum(two_run_holds(rooms, pace)), 1)  # Q2: the band binds
        if holds < athlete.weekly_km or sized:  # or windows short of the current volume
            return holds, sized
    minutes = sum(run_rooms(athlete, week, lift_min, long_run_min(week.long_run_km, paces)))
    return round(minutes * QUALITY_SLACK * 60 / easy_s_per_km(paces), 1), False


def long_run_min(long_km: float, paces: TrainingPaces) -> float:
    """R6/Q2: the minutes a long run of ``long_km`` asks at the middle of the easy pace
    range, on the 5-minute grid the sessions start on (0: no long run)."""
    return float(5 * math.ceil(long_km * easy_s_per_km(paces) / 300 - 1e-9)) if long_km else 0.0


def long_cap_km(athlete: Athlete, paces: TrainingPaces) -> float:
    """R6/Q2: the longest run the longest run window and ``max_session_min`` hold
    (at the middle of the easy pace range)."""
    minutes = min(athlete.week.longest_run_window_min(), athlete.week.max_session_min)
    return round(minutes * 60 / easy_s_per_km(paces), 1)
