"""Q2: why the season's longest long run stops short of what the race asks, said with
the plan's own numbers (issue 12 item 2). Pure.

The audit (``rules.audit.stated``) lets such a note excuse the ``long-run-target``
finding only when its claim holds of the plan, so each note here is written only when
it is true of the weeks as built, and with their figures:

* the window: the longest long run fills the longest run window (or the session
  limit), and the km the note gives is what that window holds at the long run's own
  pace (before: the planner's figure at the middle of the easy range, 22.2 km, beside a
  23.0 km long run that filled the window at its pace; and the window blamed for long
  runs of 12 km that never reached it);
* the share: the longest long run is its share of its week;
* the growth: +2 km / +10 % a full loading week from the first long run reach the
  longest and no further than the target.

The weeks counted are the audit's: full loading weeks lying wholly in the plan (a part
first week is not one), a tune-up race standing in for the long run it replaces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from runstrong.core.athlete import Athlete
from runstrong.core.model import PlannedSession, PlanWeek, RunCategory, SessionKind
from runstrong.core.planning.phases import LOADING
from runstrong.core.planning.week_runs import NEED_SHARE_MAX, long_growth_cap
from runstrong.core.rules.quality import (
    MARATHON_NEED_M,
    Q1_TOLERANCE_KM,
    is_novice,
    long_run_need_km,
    long_run_novice,
    long_share_max,
)

LONG_CAP_NOTE = "Q2: your longest window or session limit holds"
"""The start of the Q2 note on the long-run window limit (stated once, from the weeks)."""
HALF_WEEK_SLACK_KM = 0.5
"""Q2: rounding slack (0.1 km a run) when the half-week share is the limit that holds."""
FILL_SLACK_MIN = 5.0
"""Q2: a long run this close to its window (5-minute grid) fills it."""


def _long_runs(week: PlanWeek) -> list[PlannedSession]:
    return [
        s for s in week.sessions
        if s.kind is SessionKind.RUN and s.category == RunCategory.LONG.value
    ]  # fmt: skip


def _long_km(week: PlanWeek) -> float:
    """The week's long run; a tune-up race stands in for it (as the audit counts)."""
    runs = [s for s in week.sessions if s.kind is SessionKind.RUN]
    longs = _long_runs(week) or [s for s in runs if s.category == RunCategory.RACE.value]
    return max((s.distance_km or 0.0 for s in longs), default=0.0)


def _window_km(full: Sequence[PlanWeek], athlete: Athlete) -> float | None:
    """R6/Q2: what the longest run window (at most ``max_session_min``) holds at the
    pace of the season's longest long run, when that run fills it; None when it
    leaves its window room (the window is not what stopped it)."""
    longs = [s for w in full for s in _long_runs(w) if s.distance_km and s.duration_min > 0]
    long = max(longs, key=lambda s: s.distance_km or 0.0, default=None)
    minutes = min(athlete.week.longest_run_window_min(), athlete.week.max_session_min)
    if long is None or long.duration_min < minutes - FILL_SLACK_MIN:
        return None
    return minutes * (long.distance_km or 0.0) / long.duration_min


def _half_week_note(
    full: Sequence[PlanWeek], longest: float, target_km: float, peak: float, share: float
) -> str | None:
    """Q2: when the target is at least ``share`` of the peak week as placed and the
    longest long run is ``share`` of its own (smaller) week, the share is what stopped
    it: the gap is no more than ``share`` of the difference between the two weeks."""
    if target_km < share * peak - 0.05:
        return None
    longer = "(a longer long run needs a longer week: more time in your other run windows)."
    # the week the share held: its long run is that share of it (a week where the long
    # run is more, 23.5 km of 50.0 km, is no example of "at most 40 %")
    w = next((w for w in full if abs(_long_km(w) - longest) < 0.05
              and abs(longest - share * w.run_km) <= HALF_WEEK_SLACK_KM), None)  # fmt: skip
    if w is None:
        return None  # the share did not hold the long run in its week (``_over_share_note``)
    if min(target_km, share * peak) - longest > share * (peak - w.run_km) + HALF_WEEK_SLACK_KM:
        return None
    return (
        f"Q2: the long run is at most {share:.0%} of its week (docs/planner.md: Daniels, "
        f"Higdon, Galloway): week {w.index + 1} runs {w.run_km:.1f} km and its long run "
        f"{longest:.1f} km; the target for your race and level is {target_km:.1f} km {longer}"
    )


def _over_share_note(longest: float, target_km: float, peak: float, share: float) -> str | None:
    """Q2: a long run already over ``share`` of the peak week stays where it is (said so
    only when no other limit explains it: a 23.5 km long run of a 50 km peak week)."""
    if target_km < share * peak - 0.05 or share * peak > longest + HALF_WEEK_SLACK_KM:
        return None
    return (
        f"Q2: the long run stays at {longest:.1f} km, already more than {share:.0%} of "
        f"your peak week ({peak:.1f} km), the most a long run grows to (docs/planner.md: "
        f"Daniels, Higdon, Galloway); the target for your race and level is "
        f"{target_km:.1f} km (a longer long run needs a longer week: more time in your "
        "other run windows)."
    )


def _growth_note(full: Sequence[PlanWeek], longest: float, target_km: float) -> str | None:
    """Q2: +2 km / +10 % a full loading week from the first long run reach the longest
    (within rounding) and stay under the target."""
    start = _long_km(full[0])
    reach = start
    for _ in full[1:]:
        reach = long_growth_cap(reach)
    if reach >= target_km or abs(reach - longest) > Q1_TOLERANCE_KM:
        return None
    return (
        f"Q2: {len(full)} loading weeks at +2 km or +10 % a week take the long run from "
        f"{start:.1f} to {longest:.1f} km; the target for your race and level "
        f"is {target_km:.1f} km."
    )


def long_run_note(weeks: Sequence[PlanWeek], athlete: Athlete, start: dt.date) -> str | None:
    """Q2: why the longest long run stops short of the target for the race and the
    athlete's level (``rules.quality.long_run_need_km``): the window or session limit
    it fills, the share of its week, or +2 km / +10 % a loading week over the weeks
    available; None when it reaches the target or none of these is true of the plan
    (then the audit shows the gap)."""
    novice = long_run_novice(athlete.years_running, athlete.weekly_km)
    peak = max((w.run_km for w in weeks if w.phase in LOADING), default=0.0)
    goal_m = athlete.goal.distance_m
    target_km = long_run_need_km(goal_m, novice=novice, peak_week_km=peak)
    full = [w for w in weeks if w.phase in LOADING and not w.deload
            and w.start_date >= start and _long_km(w) > 0]  # fmt: skip
    longest = max((_long_km(w) for w in full), default=0.0)
    if not full or longest + 0.05 >= target_km:
        return None
    held = _window_km(full, athlete)
    if held is not None and held < target_km:
        return (
            f"{LONG_CAP_NOTE} a {held:.1f} km long run; "
            f"the target for your race and level is {target_km:.1f} km."
        )
    share = long_share_max(is_novice(athlete.years_running, athlete.weekly_km, goal_m), goal_m)
    # Q2: from the marathon up, where the windows hold the week, the race's need may take
    # up to NEED_SHARE_MAX of it (``week_runs``); the note names the share that held
    shares = (share, NEED_SHARE_MAX) if goal_m >= MARATHON_NEED_M else (share,)
    for each in shares:
        note = _half_week_note(full, longest, target_km, peak, each)
        if note is not None:
            return note
    return _growth_note(full, longest, target_km) or _over_share_note(
        longest, target_km, peak, share
    )
