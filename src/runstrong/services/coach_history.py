"""The log seen against the plan: which planned session each activity was, what was
missed, how key runs went, strength load, RPE against target and weekly compliance.

Shared by the daily coach (``services.coach``) and the statistics
(``services.stats``). Pure functions over values already read from storage;
a training day is the local date the activity was recorded in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from runstrong.core.coaching.adaptation import KeyRunOutcome, WeekCompliance
from runstrong.core.coaching.matching import TRAINING_KINDS
from runstrong.core.coaching.readiness import RpeRecord, Status, assess
from runstrong.core.exercises import load_library
from runstrong.core.model import Activity, Plan, PlannedSession, SessionKind, Sport, Wellness
from runstrong.core.rules.predicates import is_quality_run
from runstrong.core.science.load import session_load
from runstrong.services.matching import match_stored
from runstrong.storage.records import StoredActivity

DEFAULT_RUN_RPE = 4.0
"""Session RPE assumed for a run logged without RPE or heart rate (easy-to-steady)."""
DEFAULT_LIFT_RPE = 5.0
"""Session RPE assumed for a lift logged without RPE (moderate)."""
LEG_MUSCLES = frozenset({"hips", "glutes", "hamstrings", "quads", "calves", "shins", "feet"})
UPPER_MUSCLES = frozenset({"upper_body", "forearms"})
CROSS_SPORTS = frozenset(
    {Sport.CYCLING, Sport.SWIMMING, Sport.ROWING, Sport.WALKING, Sport.HIKING, Sport.OTHER}
)
RACE_WORDS = ("race", "time trial", "timetrial", "tt ", "parkrun", "10k race", "5k race")


def local_day(activity: Activity) -> dt.date:
    """The training day of an activity: its start date in the offset it was recorded in."""
    return activity.start.date()


def planned_rpe(s: PlannedSession) -> float:
    """The session RPE ``s`` was planned at (CR-10): its planned load is Foster's
    RPE × minutes, so load ÷ minutes gives it back; defaults when it has no length."""
    if s.duration_min > 0 and s.load > 0:
        return min(10.0, s.load / s.duration_min)
    return DEFAULT_LIFT_RPE if s.kind is SessionKind.STRENGTH else DEFAULT_RUN_RPE


@dataclass(frozen=True, slots=True)
class Done:
    """One thing actually done: a logged activity and the planned session it fulfilled
    (None when it matched no planned session)."""

    activity: StoredActivity
    planned: PlannedSession | None


def actually_done(
    planned: Iterable[PlannedSession],
    activities: Iterable[StoredActivity],
    first: dt.date,
    last: dt.date,
) -> list[Done]:
    """What was actually done on days ``first``…``last``, in time order.

    The one place the coach reads "done" from (the R21 rebuild, the long-run cap):
    every logged activity of those days, paired with the planned session
    ``match_stored`` says it fulfilled. Better plan ↔ log matching improves
    every reader by improving this function.
    """
    sessions = [s for s in planned if first <= s.date <= last]
    acts = [a for a in activities if first <= local_day(a.activity) <= last]
    by_activity = {a.id: sid for sid, a in match_stored(sessions, acts).items()}
    plan_by_id = {s.id: s for s in sessions}
    out = []
    for a in sorted(acts, key=lambda a: a.activity.start):
        sid = by_activity.get(a.id)
        out.append(Done(a, plan_by_id.get(sid) if sid else None))
    return out


def red_streak(wellness: Sequence[Wellness], day: dt.date, days: int = 2) -> str | None:
    """A reason when the ``days`` check-ins up to ``day`` were all red (no R14 progression
    then), else None."""
    ordered = sorted(wellness, key=lambda w: w.day)
    reds = red_days(ordered, day - dt.timedelta(days=days - 1), day + dt.timedelta(days=1))
    return f"readiness red {days} days in a row" if len(reds) == days else None


def missed_sessions(
    planned: Iterable[PlannedSession],
    matches: Mapping[str, StoredActivity],
    *,
    before: dt.date,
    since: dt.date | None = None,
) -> list[PlannedSession]:
    """Training sessions planned before ``before`` (and on/after ``since``) with no activity."""
    return [
        s
        for s in planned
        if s.kind in TRAINING_KINDS
        and s.duration_min > 0
        and s.date < before
        and (since is None or s.date >= since)
        and s.id not in matches
    ]


def rpe_records(
    planned: Iterable[PlannedSession], matches: Mapping[str, StoredActivity]
) -> list[RpeRecord]:
    """R18/R19: logged session RPE against the planned RPE of each matched session."""
    out = []
    for s in planned:
        a = matches.get(s.id)
        if a is not None and a.activity.session_rpe is not None:
            out.append(RpeRecord(s.date, a.activity.session_rpe, planned_rpe(s)))
    return sorted(out, key=lambda r: r.day)


def _moving_s(a: Activity) -> float:
    return a.moving_time_s or a.duration_s


def key_run_outcomes(
    planned: Iterable[PlannedSession], matches: Mapping[str, StoredActivity]
) -> list[KeyRunOutcome]:
    """R23: how each done key (hard) run went against its prescription.

    Pace ratio compares like with like: the activity's average pace over its
    moving time against the session's planned average pace (planned minutes over
    planned km, warm-up and recoveries included in both). RPE delta is the logged
    session RPE minus the planned one. Heart rate has no prescription to compare
    against at session level, so it is left out.
    """
    out = []
    for s in planned:
        a = matches.get(s.id)
        if a is None or not is_quality_run(s):
            continue
        act = a.activity
        ratio = None
        if s.distance_km and s.duration_min > 0 and act.distance_m and _moving_s(act) > 0:
            planned_pace = s.duration_min * 60.0 / s.distance_km
            actual_pace = _moving_s(act) / (act.distance_m / 1000.0)
            ratio = actual_pace / planned_pace
        rpe_delta = act.session_rpe - planned_rpe(s) if act.session_rpe is not None else None
        out.append(KeyRunOutcome(day=s.date, pace_ratio=ratio, rpe_delta=rpe_delta))
    return sorted(out, key=lambda k: k.day)


def srpe_load(activity: Activity) -> float:
    """Foster session load of an activity, with the default RPE when none was logged."""
    default = DEFAULT_LIFT_RPE if activity.sport is Sport.STRENGTH else DEFAULT_RUN_RPE
    rpe = activity.session_rpe if activity.session_rpe is not None else default
    return session_load(rpe, max(activity.duration_s, 0.0) / 60.0)


def strength_load(activities: Iterable[StoredActivity], start: dt.date, end: dt.date) -> float:
    """Session-RPE load of strength activities on days ``start`` ≤ day < ``end``."""
    return sum(
        srpe_load(a.activity)
        for a in activities
        if a.activity.sport is Sport.STRENGTH and start <= local_day(a.activity) < end
    )


@lru_cache(maxsize=4096)
def body_part(exercise: str) -> str:
    """ "leg", "upper" or "other" for an exercise name, by its library muscles (legs first)."""
    ex = load_library().lookup(exercise)
    muscles = {m.value for m in ex.muscles} if ex is not None else set()
    if muscles & LEG_MUSCLES:
        return "leg"
    return "upper" if muscles & UPPER_MUSCLES else "other"


def leg_share(activity: Activity) -> tuple[float, float]:
    """(leg, upper-body) fractions of a lift's sets by the library muscles of each
    exercise; sets of unknown or core-only exercises count for neither. A lift with
    no sets logged counts as half legs, half upper body."""
    if not activity.sets:
        return 0.5, 0.5
    leg = upper = 0
    for s in activity.sets:
        part = body_part(s.exercise)
        leg += part == "leg"
        upper += part == "upper"
    n = len(activity.sets)
    return leg / n, upper / n


def red_days(wellness: Sequence[Wellness], start: dt.date, end: dt.date) -> set[dt.date]:
    """Days in ``start`` ≤ day < ``end`` whose check-in assessed RED (R1 needs none)."""
    out = set()
    for i, w in enumerate(wellness):
        if start <= w.day < end and assess(w, wellness[max(0, i - 7) : i]).status is Status.RED:
            out.add(w.day)
    return out


def week_compliance(
    plan: Plan,
    matches: Mapping[str, StoredActivity],
    wellness: Sequence[Wellness],
    *,
    before: dt.date,
) -> list[WeekCompliance]:
    """R1: strength sessions planned vs done per finished week (weeks ending before ``before``)."""
    wellness = sorted(wellness, key=lambda w: w.day)
    out = []
    for week in plan.weeks:
        end = week.start_date + dt.timedelta(days=7)
        if end > before:
            break
        lifts = [s for s in week.sessions if s.kind is SessionKind.STRENGTH]
        done = sum(1 for s in lifts if s.id in matches)
        reds = len(red_days(wellness, week.start_date, end))
        out.append(WeekCompliance(week.start_date, len(lifts), done, reds))
    return out


def race_like(activity: Activity, planned: PlannedSession | None) -> bool:
    """A run that was a race or time trial: planned as one, or named so."""
    if not activity.sport.is_run:
        return False
    if planned is not None and planned.category in ("race", "time_trial"):
        return True
    text = f" {(activity.name or '').casefold()} {(activity.sub_sport or '').casefold()} "
    return any(word in text for word in RACE_WORDS)
