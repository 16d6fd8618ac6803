"""Whether a note that states a limit tells the truth (DOMAIN H: a limit the plan
cannot get past is stated, not hidden).

A quality finding of an explainable check (``rules.quality.EXPLAINABLE``) becomes INFO only
when a note naming its Q-id makes a claim that holds in the plan and the profile. Each check
has a verifier ``(note, week, facts) -> bool`` in ``VERIFIERS``; it parses the sentence the
planner writes and checks every number in it against the plan (the week's km, its long run,
the peak, the race) and the profile (the current volume, and what the windows hold:
``AuditLimits.windows``, the planner's own figures passed in). A note it cannot parse, or
whose number is off by more than rounding, excuses nothing. Pure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from runstrong.core.athlete import Athlete
from runstrong.core.model import Phase, Plan, PlannedSession, PlanWeek
from runstrong.core.rules.audit.common import (
    AuditLimits,
    full_loading,
    has_back_to_back,
    peak_km,
    runs,
    sized_as_windows,
)
from runstrong.core.rules.audit.stated_deload import verify_deload_depth
from runstrong.core.rules.predicates import DAY_MIN, abs_min, is_long_run, is_race
from runstrong.core.rules.quality import (
    Q1_TOLERANCE_KM,
    Q4_MIN_GAP_MIN,
    is_novice,
    long_growth_km,
    long_run_need_km,
    long_run_novice,
    long_share_max,
)
from runstrong.core.rules.ramp import plan_history_km, ramp_ceiling_km

ROUNDED_KM = 0.06
"""A number a note prints to 0.1 km matches a figure within this."""
LONG_FILL_SLACK_MIN = 10.0
"""Q2: a long run within this many minutes of its window fills it (5-minute grid)."""
LONG_PACE_SLACK = 0.02
LONG_PACE_SLACK_KM = 0.2
"""Q2: what the longest window holds at the long run's pace, read from a long run timed
to 5 minutes and measured to 0.1 km, is known to 2 % (at least 0.2 km)."""
_NUM = r"(\d+(?:\.\d+)?)"


@dataclass(frozen=True, slots=True)
class Facts:
    """What a verifier may read: the plan, the profile and the audit's limits."""

    plan: Plan
    athlete: Athlete | None
    limits: AuditLimits


Verifier = Callable[[str, PlanWeek | None, Facts], bool]


def _near(a: float, b: float, tol: float = ROUNDED_KM) -> bool:
    return abs(a - b) <= tol


def _long_km(week: PlanWeek) -> float:
    """The week's long run (a tune-up race stands in for it, as ``check_q2_long_run``)."""
    rs = runs(week)
    longs = [s for s in rs if is_long_run(s)] or [s for s in rs if is_race(s)]
    return max((s.distance_km or 0.0 for s in longs), default=0.0)


def full_long_weeks(plan: Plan) -> list[PlanWeek]:
    """Q2: the full loading weeks with a long run (the weeks the long run grows over)."""
    return [w for w in plan.weeks if full_loading(plan, w) and _long_km(w) > 0]


def longest_long_km(plan: Plan) -> float:
    return max((_long_km(w) for w in plan.weeks if full_loading(plan, w)), default=0.0)


def long_target_km(plan: Plan, athlete: Athlete | None) -> float:
    """Q2: the long run the race asks of the plan's longest (the audit's target)."""
    novice = (
        long_run_novice(athlete.years_running, athlete.weekly_km)
        if athlete is not None
        else peak_km(plan) < 50
    )
    return long_run_need_km(plan.race_distance_m, novice=novice, peak_week_km=peak_km(plan))


# --- Q1: the windows hold less than the current volume --------------------------

_SEASON_HELD = re.compile(
    rf"^Q1: your windows hold {_NUM} km a week, less than your current {_NUM} km: "
    rf"loading weeks run {_NUM}(?:–{_NUM})? km"
)
_WEEK_HELD = re.compile(rf"^Q1: {_NUM} km, what your windows hold in a week \(R6\)$")
_WEEK_AT_MOST = re.compile(rf"^Q1: your windows hold at most {_NUM} km in a week \(R6\)$")
_WEEK_LONG = re.compile(
    rf"^Q1/Q3: the week holds {_NUM} km \(planned {_NUM} km\): .*the long run, {_NUM} km, "
    r"(grows step by step \(Q2\)|is the season's longest \(Q2: its target\)|"
    r"returns to its length before the deload \(Q2\))"
)
LONG_STEP_SLACK_KM = 0.15
"""Q2: a long run this little over the longest before did not grow (placed to 0.1 km)."""
_WEEK_BOXED = re.compile(r"the easy runs fill what their windows leave \(([^)]*)\)")
_WEEK_RAMP = re.compile(
    rf"^Q1: {_NUM} km, volume rising \+\d+% \(R11\) toward {_NUM} km"
    rf"(?:; \+(\d+)% on the {_NUM} km of the lighter week before)?$"
)
_WEEK_WINDOWS = re.compile(rf"^Q1/Q3: the windows hold {_NUM} km this week \(planned {_NUM} km")
_BOXED_RUN = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun) (\d+) min( beside the lift)?$")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _windows_hold(km: float, facts: Facts) -> bool:
    """Q1: ``km`` is what the windows hold (the planner's figure) and less than the
    athlete's current volume."""
    holds = facts.limits.windows
    if holds is None or holds.week_km is None or facts.athlete is None:
        return False
    return _near(km, holds.week_km) and km < facts.athlete.weekly_km


def at_ramp_ceiling(week: PlanWeek, facts: Facts) -> bool:
    """R11/Q1: ``week`` runs as much as the ramp allows over the weeks before it (the one
    definition, ``rules.ramp``: the current volume before the plan, then the plan's
    weeks as placed), to the audit's rounding slack."""
    plan = facts.plan
    if facts.athlete is None or week not in plan.weeks:
        return False
    i = plan.weeks.index(week)
    days_before = (plan.start_date - plan.weeks[0].start_date).days
    history = plan_history_km([w.run_km for w in plan.weeks], facts.athlete.weekly_km,
                              days_before, facts.limits.ramp)  # fmt: skip
    offset = len(history) - len(plan.weeks)
    ceiling = ramp_ceiling_km(history[: i + offset], facts.limits.ramp)
    return week.run_km >= ceiling - Q1_TOLERANCE_KM


def _season_held(note: str, facts: Facts) -> bool:
    """Q1 (plan note): the windows hold X a week, less than the current volume, and the
    loading weeks run X (or A–B, all at most X): every number as the plan has it."""
    m = _SEASON_HELD.match(note)
    if m is None or not _windows_hold(float(m.group(1)), facts):
        return False
    held = float(m.group(1))
    loading = [w.run_km for w in facts.plan.weeks if full_loading(facts.plan, w)]
    if not loading:
        return False
    low = float(m.group(3))
    high = float(m.group(4)) if m.group(4) else low
    return (
        _near(min(loading), low)
        and _near(max(loading), high)
        and high <= held + Q1_TOLERANCE_KM
        and facts.athlete is not None
        and _near(float(m.group(2)), facts.athlete.weekly_km)
    )


def _week_boxed(text: str, week: PlanWeek) -> bool:
    """Q1/Q3: every easy run the note lists (``tue 30 min beside the lift``) is in the
    week on that day with those minutes."""
    easy = {(_DAYS[s.date.weekday()], round(s.duration_min)) for s in runs(week) if not s.hard}
    parts = [p.strip() for p in text.split(",")]
    for part in parts:
        m = _BOXED_RUN.match(part)
        if m is None or (m.group(1), int(m.group(2))) not in easy:
            return False
    return bool(parts)


def _long_claim(claim: str, week: PlanWeek, plan: Plan) -> bool:
    """Q2: the week's long run "grows step by step" when it grew over the longest long
    run of the full loading weeks before, by at most its step (+2 km or +10 %,
    ``long_growth_km``; the first such week starts the climb), or "is the season's
    longest" when it is, or "returns to its length before the deload" when the week
    follows a deload and its long run is the longest before it."""
    km = _long_km(week)
    if claim.startswith("is the season's longest"):
        return km >= longest_long_km(plan) - ROUNDED_KM
    before = [
        _long_km(w) for w in plan.weeks if full_loading(plan, w) and w.start_date < week.start_date
    ]
    if claim.startswith("returns to its length before the deload"):
        i = plan.weeks.index(week)
        after_deload = i > 0 and plan.weeks[i - 1].deload
        return after_deload and bool(before) and _near(km, max(before), LONG_STEP_SLACK_KM)
    if not before:
        return True
    return max(before) + LONG_STEP_SLACK_KM < km <= long_growth_km(max(before)) + ROUNDED_KM


def _after_lighter(week: PlanWeek, pct: int, last: str, facts: Facts) -> bool:
    """Q1/R8: "+N% on the X km of the lighter week before": the week before is a deload
    of X km and the week runs N % (rounded) over it."""
    i = facts.plan.weeks.index(week)
    if i == 0 or not facts.plan.weeks[i - 1].deload:
        return False
    before = facts.plan.weeks[i - 1].run_km
    return (
        _near(before, float(last))
        and before > 0
        and abs(100 * (week.run_km / before - 1) - pct) <= 1
    )


def _week_claim(note: str, week: PlanWeek, facts: Facts) -> bool:
    """Q1 (week note): what held this week, with the week's own km and long run."""
    if (m := _WEEK_HELD.match(note)) is not None:
        km = float(m.group(1))
        return _windows_hold(km, facts) and _near(week.run_km, km, Q1_TOLERANCE_KM)
    if (m := _WEEK_AT_MOST.match(note)) is not None:
        km = float(m.group(1))
        return (
            _windows_hold(km, facts)
            and week.run_km <= km + ROUNDED_KM
            and any(_week_claim(n, week, facts) for n in week.notes if n.startswith("Q1/Q3:"))
        )
    if (m := _WEEK_LONG.match(note)) is not None:
        boxed = _WEEK_BOXED.search(note)
        return (
            _near(week.run_km, float(m.group(1)))
            and float(m.group(2)) > week.run_km
            and _near(_long_km(week), float(m.group(3)))
            and _long_claim(m.group(4), week, facts.plan)
            and (boxed is None or _week_boxed(boxed.group(1), week))
        )
    if (m := _WEEK_RAMP.match(note)) is not None:
        return (
            _near(week.run_km, float(m.group(1)))
            and at_ramp_ceiling(week, facts)
            and (m.group(3) is None or _after_lighter(week, int(m.group(3)), m.group(4), facts))
        )
    if (m := _WEEK_WINDOWS.match(note)) is not None:
        return _near(week.run_km, float(m.group(1))) and float(m.group(2)) > week.run_km
    return False


def _sized(note: str, facts: Facts) -> str:  # Q1/Q2: two run days' note (``common``)
    return sized_as_windows(note, facts.limits.windows, facts.athlete, facts.plan.race_distance_m)


def verify_loading_below(note: str, week: PlanWeek | None, facts: Facts) -> bool:
    """Q1 loading-below-current: the season note on what the windows hold, or a note
    of the week that says what held it, with numbers that hold."""
    note = _sized(note, facts)
    if _SEASON_HELD.match(note):
        return _season_held(note, facts)
    return week is not None and _week_claim(note, week, facts)


def verify_peak_below(note: str, week: PlanWeek | None, facts: Facts) -> bool:
    """Q1 peak-below-current: the season note on what the windows hold, or a note of a
    week that runs the peak which truly says what held that week (``_week_claim``)."""
    said = _sized(note, facts)
    if _SEASON_HELD.match(said):
        return _season_held(said, facts)
    top = peak_km(facts.plan)
    return any(
        _week_claim(said, w, facts)
        for w in facts.plan.weeks
        if full_loading(facts.plan, w) and _near(w.run_km, top, 0.0) and note in w.notes
    )


# --- Q2: the longest long run stops short of the race's target ------------------


def _window_long_km(plan: Plan, athlete: Athlete | None) -> float | None:
    """Q2/R6: the km the longest run window (at most ``max_session_min``) holds at the
    pace of the plan's longest long run, when that long run fills it (None: no profile,
    no long run, or the longest long run leaves its window room, so the window is not
    what stopped it)."""
    weeks = [w for w in plan.weeks if full_loading(plan, w)]
    longs = [s for w in weeks for s in runs(w) if is_long_run(s) and s.distance_km]
    long = max(longs, key=lambda s: s.distance_km or 0.0, default=None)
    if athlete is None or long is None or long.duration_min <= 0:
        return None
    minutes = min(athlete.week.longest_run_window_min(), athlete.week.max_session_min)
    if long.duration_min < minutes - LONG_FILL_SLACK_MIN:
        return None
    return minutes * (long.distance_km or 0.0) / long.duration_min


_LONG_CAP = re.compile(
    rf"^Q2: your longest window or session limit holds a {_NUM} km long run; "
    rf"the target for your race and level is {_NUM} km\.$"
)
_HALF_WEEK = re.compile(
    rf"^Q2: the long run is at most {_NUM}% of its week .*: week (\d+) runs {_NUM} km and "
    rf"its long run {_NUM} km; the target for your race and level is {_NUM} km"
)
_OVER_SHARE = re.compile(
    rf"^Q2: the long run stays at {_NUM} km, already more than {_NUM}% of your peak week "
    rf"\({_NUM} km\), the most a long run grows to .*; the target for your race and level "
    rf"is {_NUM} km"
)
_GROWTH = re.compile(
    rf"^Q2: (\d+) loading weeks at \+2 km or \+10 % a week take the long run from {_NUM} to "
    rf"{_NUM} km; the target for your race and level is {_NUM} km\.$"
)


def verify_long_target(note: str, week: PlanWeek | None, facts: Facts) -> bool:
    """Q2 long-run-target: the longest long run fills the longest window (or the session
    limit) and the note's km is what that window holds at its pace; or the long run is
    the stated share of the stated week; or the stated loading weeks of +2 km / +10 %
    really take it from A to B."""
    plan = facts.plan
    target = long_target_km(plan, facts.athlete)
    longest = longest_long_km(plan)
    if (m := _LONG_CAP.match(note)) is not None:
        held = _window_long_km(plan, facts.athlete)
        cap, said = float(m.group(1)), float(m.group(2))
        return (
            held is not None
            and _near(cap, held, max(LONG_PACE_SLACK_KM, LONG_PACE_SLACK * held))
            and _near(said, target)
            and cap < target
        )
    if (m := _HALF_WEEK.match(note)) is not None:
        share, index = float(m.group(1)) / 100, int(m.group(2)) - 1
        week_km, long_km, said = float(m.group(3)), float(m.group(4)), float(m.group(5))
        if not 0 <= index < len(plan.weeks):
            return False
        w = plan.weeks[index]
        return (
            _near(w.run_km, week_km)
            and _near(_long_km(w), long_km)
            and _near(long_km, longest)
            and _near(long_km, share * week_km, Q1_TOLERANCE_KM)
            and _near(said, target)
            and long_km < target
        )
    if (m := _GROWTH.match(note)) is not None:
        return _growth_holds(m, facts, target, longest)
    if (m := _OVER_SHARE.match(note)) is not None:
        return _over_share_holds(m, facts, target, longest)
    return False


def _over_share_holds(m: re.Match[str], facts: Facts, target: float, longest: float) -> bool:
    """Q2: the plan's longest long run L is already at least the athlete's share S of the
    peak week P (S the rule's own, ``rules.quality.long_share_max``, for the profile's
    level and race; a note naming a smaller share tells a rule that does not apply), so
    the share stops its growth short of the target T."""
    athlete = facts.athlete
    if athlete is None:
        return False
    long_km, share, peak, said = (float(g) for g in m.groups())
    race_m = facts.plan.race_distance_m
    rule = long_share_max(is_novice(athlete.years_running, athlete.weekly_km, race_m), race_m)
    return (
        _near(share / 100, rule, 0.005)
        and _near(long_km, longest)
        and _near(peak, peak_km(facts.plan))
        and long_km >= share / 100 * peak - ROUNDED_KM
        and _near(said, target)
        and long_km < target
    )


def _growth_holds(m: re.Match[str], facts: Facts, target: float, longest: float) -> bool:
    """Q2: N full loading weeks, the first long run A, the longest B; growing A by the
    rule's step (``rules.quality.long_growth_km``) over the N weeks reaches B and no
    further than the target."""
    full = full_long_weeks(facts.plan)
    n, first, last, said = int(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4))
    if len(full) != n or not full:
        return False
    reach = first
    for _ in full[1:]:
        reach = long_growth_km(reach)
    return (
        _near(_long_km(full[0]), first)
        and _near(longest, last)
        and _near(said, target)
        and reach < target
        and _near(last, reach, Q1_TOLERANCE_KM)
    )


# --- Q5: the race week above the peak ------------------------------------------

_RACE_LONGER = re.compile(
    rf"^Q5: the race, (?:.*\()?{_NUM} km\)?, is longer than your peak training week \({_NUM} km\), "
    rf"so race week runs {_NUM} km: the race and {_NUM} km of (?:easy running|running \(easy, "
    r"and a short race-pace sharpener\))\.$"
)


def verify_race_week(note: str, week: PlanWeek | None, facts: Facts) -> bool:
    """Q5 race-week-above-peak: only a race longer than the peak week lifts its week
    above the peak (a shorter race leaves room below it); the note's race is the plan's,
    its peak the plan's peak, its week km and easy km the race week's."""
    m = _RACE_LONGER.match(note)
    if week is None or m is None:
        return False
    peak = peak_km(facts.plan)
    race = facts.plan.race_distance_m / 1000
    said_race, said_peak, km, easy = (float(g) for g in m.groups())
    return (
        _near(said_race, race, 0.1)
        and _near(said_peak, peak)
        and race >= peak - ROUNDED_KM
        and _near(km, week.run_km)
        and _near(easy, week.run_km - race, 0.15)
    )


# --- Q7: no back-to-back pair -----------------------------------------------------

_NO_PAIR = re.compile(r"^Q7: (?:back-to-back long runs do not fit this week|no back-to-back)")


def verify_no_pair(note: str, week: PlanWeek | None, facts: Facts) -> bool:
    """Q7 back-to-back: the note belongs to a build or peak loading week of the plan,
    and that week really has no back-to-back pair (``has_back_to_back``, the check's
    test); a note of a week that has one, or of a week the check does not ask, does not
    explain the others."""
    if _NO_PAIR.match(note) is None:
        return False
    for w in facts.plan.weeks:
        if note in w.notes and w.phase in (Phase.BUILD, Phase.PEAK) and not w.deload:
            return not has_back_to_back(w)
    return False


_NAMED = re.compile(r"^(Q\d) ([a-z-]+): (mon|tue|wed|thu|fri|sat|sun) (\d{4}-\d\d-\d\d): ")


def names_day(note: str, rule_id: str, check: str, day: dt.date) -> bool:
    """Q2/Q4/Q6 (``rules.quality.NAMED_LIMITS``): the note names this Q-id, this check
    and this day (``"Q4 quality-spacing: sat 2027-01-09: …"``, as ``planning.sessions
    .quality_note`` writes it), the weekday agreeing with the date."""
    m = _NAMED.match(note)
    return (
        m is not None
        and (m.group(1), m.group(2), m.group(4)) == (rule_id, check, day.isoformat())
        and m.group(3) == _DAYS[day.weekday()]
    )


def free_day_for(
    run: PlannedSession, others: Sequence[PlannedSession], week: PlanWeek, athlete: Athlete
) -> str:
    """Q4 (quality-spacing): a day of ``week`` with no session on it whose run window (R6)
    holds ``run`` at least ``Q4_MIN_GAP_MIN`` from every run of ``others`` (the other
    quality runs), as ``"thu 2027-01-07 06:00-07:30"``; "" when none does, i.e. the
    windows forced the pair close together. Only such a forced pair may be excused."""
    taken = {s.date for s in week.sessions}  # a lift's day is left to it (R3/R4)
    for offset in range(7):
        day = week.start_date + dt.timedelta(days=offset)
        if day in taken:
            continue
        for slot in athlete.week.slots_on(day):
            window = slot.window
            if not slot.run_ok or window.minutes < run.duration_min:
                continue
            for start in (window.start_min, window.end_min - int(run.duration_min)):
                begin = day.toordinal() * DAY_MIN + start
                if all(_gap_to(begin, run.duration_min, s) >= Q4_MIN_GAP_MIN for s in others):
                    return f"{_DAYS[day.weekday()]} {day.isoformat()} {window}"
    return ""


def _gap_to(begin: int, minutes: float, other: PlannedSession) -> float:
    """Minutes between a run from ``begin`` (local minutes) and ``other``, end to start."""
    start = abs_min(other.date, other.start)
    return start - (begin + minutes) if start >= begin else begin - (start + other.duration_min)


VERIFIERS: dict[str, Verifier] = {
    "peak-below-current": verify_peak_below,
    "loading-below-current": verify_loading_below,
    "long-run-target": verify_long_target,
    "race-week-above-peak": verify_race_week,
    "back-to-back": verify_no_pair,
    "deload-depth": verify_deload_depth,
}
"""Check name → the verifier of the notes that may excuse its findings (the checks of
``rules.quality.EXPLAINABLE``)."""


def verified(
    check: str, notes: Iterable[str], week: PlanWeek | None, facts: Facts | None
) -> str | None:
    """The first of ``notes`` whose claim holds for ``check`` (None: nothing excuses
    the finding; a check without a verifier, or no facts, is never excused)."""
    verify = VERIFIERS.get(check)
    if verify is None or facts is None:
        return None
    return next((n for n in notes if verify(n, week, facts)), None)
