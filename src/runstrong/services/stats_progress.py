"""Progress (R26) and recovery-vs-performance findings (R25) from the athlete's log.

Progress: e1RM per lift over time, personal bests (running efforts and e1RMs),
efficiency factor and pace at a fixed heart rate on easy runs (an aerobic-threshold
proxy), sprint velocity, and race predictions from the best recent effort.

Habits: each key session's performance is paired with what was known before it
(that morning's check-in, a nutrition note, the leg lifting load of the day
before) and ``core.analytics.habit_findings`` says which items go with better or
worse sessions, with effect sizes, 95 % intervals and n. Association, not
causation: a finding says what went together in this athlete's log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.orm import Session

from runstrong.core.coaching.analytics import (
    STANDARD_EFFORTS_M,
    PersonalBest,
    best_efforts,
    efficiency_factor,
    pace_at_heart_rate,
    personal_bests,
    sprint_velocity,
)
from runstrong.core.coaching.habits import (
    MIN_N,
    Finding,
    habit_findings,
    speed_at_effort_scores,
)
from runstrong.core.errors import RunstrongError
from runstrong.core.exercises import load_library
from runstrong.core.model import Activity, SessionKind, Sex, Sport
from runstrong.core.rules.predicates import is_quality_run
from runstrong.core.science.paces import race_time_s, vdot_from_race
from runstrong.core.science.strength import e1rm, e1rm_of_set
from runstrong.exporters.plan_json import load_plan
from runstrong.services import coach_history as hist
from runstrong.services.matching import match_stored
from runstrong.services.stats import check_since, day_loads
from runstrong.services.stats_query import (
    activity_log,
    loaded_sets,
    streamed_run_ids,
    wellness_log,
)
from runstrong.storage import repository as repo
from runstrong.storage.records import StoredActivity

EFFORT_TOLERANCE = 0.03
"""A whole activity counts as an effort over a standard distance within ±3 %."""
PREDICT_M: tuple[tuple[str, float], ...] = (
    ("5k", 5000.0), ("10k", 10000.0), ("half", 21097.5), ("marathon", 42195.0),
)  # fmt: skip
EASY_HR_SHARE = 0.80
"""Runs averaging under this share of the log's highest HR count as easy for EF."""
RECENT_DAYS = 90
HABITS_DAYS = 365


@dataclass(frozen=True, slots=True)
class LiftTrend:
    """e1RM (kg) of one exercise from the best qualifying set of each session (R26)."""

    exercise: str
    points: tuple[tuple[dt.date, float], ...]
    best_kg: float
    change_pct: float | None


@dataclass(frozen=True, slots=True)
class Prediction:
    """A race time predicted from a recent effort by Daniels' VDOT equivalence."""

    race: str
    distance_m: float
    time_s: float
    vdot: float
    from_effort: str
    from_day: dt.date


@dataclass(frozen=True, slots=True)
class ProgressReport:
    """R26 figures of the log up to ``until``."""

    until: dt.date
    lifts: tuple[LiftTrend, ...]
    effort_pbs: tuple[PersonalBest, ...]
    lift_pbs: tuple[PersonalBest, ...]
    efficiency: tuple[tuple[dt.date, float], ...]
    pace_at_hr_bpm: float | None
    pace_at_hr_now_s_per_km: float | None
    pace_at_hr_before_s_per_km: float | None
    sprint: tuple[tuple[dt.date, float], ...]
    predictions: tuple[Prediction, ...]


@dataclass(frozen=True, slots=True)
class HabitsReport:
    """R25 findings and what performance score they were measured against."""

    until: dt.date
    performance: str
    sessions: int
    findings: tuple[Finding, ...]
    min_n: int = MIN_N
    logged: int = 0
    """Sessions (runs and lifts) logged in the span, scored or not."""
    caveat: str = (
        "These are associations in your own log, not causes: a link can come from "
        "something else that changed at the same time."
    )


def _effort_name(distance_m: float) -> str:
    names = {400.0: "400 m", 1000.0: "1 km", 1609.344: "1 mile", 5000.0: "5 km",
             10000.0: "10 km", 21097.5: "half marathon", 42195.0: "marathon"}  # fmt: skip
    return names.get(distance_m, f"{distance_m:g} m")


def _summary_efforts(a: Activity) -> dict[float, float]:
    """A whole run within ±3 % of a standard distance, its time scaled to the distance."""
    if not a.sport.is_run or not a.distance_m:
        return {}
    t = a.moving_time_s or a.duration_s
    return {
        d: t * d / a.distance_m
        for d in STANDARD_EFFORTS_M
        if abs(a.distance_m - d) <= EFFORT_TOLERANCE * d
    }


@lru_cache(maxsize=4096)
def _lift_name(logged: str) -> str:
    ex = load_library().lookup(logged)
    return ex.name if ex is not None else logged


@lru_cache(maxsize=8192)
def _e1rm(load_kg: float, reps: int) -> float:
    return e1rm(load_kg, reps)


E1RM_MAX_REPS = 10
"""R26: sets of at most 10 reps estimate a 1RM; higher reps stray from it."""
E1RM_MIN_RPE = 7.0
"""R26: … and only hard sets (RPE ≥ 7, i.e. RIR ≤ 3): a light set says little of the max."""


def _qualifies(reps: int, rpe: float | None, rir: float | None) -> bool:
    """A set that can estimate a 1RM (issue 13: reps ≤ 10, RPE ≥ 7 or RIR ≤ 3)."""
    if not 1 <= reps <= E1RM_MAX_REPS:
        return False
    return (rpe is not None and rpe >= E1RM_MIN_RPE) or (
        rir is not None and rir <= 10.0 - E1RM_MIN_RPE
    )


def _lift_points(
    sets: Sequence[tuple[dt.date, str, int, float, float | None, float | None]],
) -> dict[str, dict[dt.date, float]]:
    """Best e1RM per lift per session day from its best qualifying set (reps ≤ 10 at
    RPE ≥ 7 or RIR ≤ 3; e1RM by ``e1rm_of_set``, the RPE chart where it applies). A
    lift with no effort rated on any set that day counts its heaviest set of ≤ 10
    reps (an unrated log says nothing either way); a day of only light rated sets
    counts nothing, so light days no longer look like a drop in strength."""
    rated: set[tuple[str, dt.date]] = set()
    for day, exercise, _reps, _load, rpe, rir in sets:
        if rpe is not None or rir is not None:
            rated.add((_lift_name(exercise), day))
    out: dict[str, dict[dt.date, float]] = {}
    for day, exercise, reps, load, rpe, rir in sets:
        name = _lift_name(exercise)
        if load <= 0 or not 1 <= reps <= E1RM_MAX_REPS:
            continue
        if (name, day) in rated and not _qualifies(reps, rpe, rir):
            continue
        value = e1rm_of_set(load, reps, rpe=rpe, rir=rir)
        if value is None:
            continue
        days = out.setdefault(name, {})
        days[day] = max(days.get(day, 0.0), value)
    return out


def progress_report(
    session: Session, athlete_id: int, today: dt.date, *, since: dt.date | None = None
) -> ProgressReport:
    """R26 progress from the whole log up to ``today``; trends start at ``since``
    (default: a year back). Best efforts come from the whole log's summaries and, for
    runs since ``since``, from their distance streams."""
    check_since(since, today)
    window = since or today - dt.timedelta(days=365)
    end = dt.datetime.combine(today + dt.timedelta(days=2), dt.time(0), tzinfo=dt.UTC)
    runs = [s for s in Sport if s.is_run]
    acts = [
        a
        for a in activity_log(session, athlete_id, until=end, sports=runs)
        if hist.local_day(a.activity) <= today
    ]
    start = dt.datetime.combine(window - dt.timedelta(days=1), dt.time(0), tzinfo=dt.UTC)
    streamed = [
        a
        for i in streamed_run_ids(session, athlete_id, since=start, until=end)
        if window <= hist.local_day((a := repo.get_activity(session, i)).activity) <= today
    ]
    efforts: list[tuple[dt.date, str, float]] = []
    for stored in acts:
        for d, t in _summary_efforts(stored.activity).items():
            efforts.append((hist.local_day(stored.activity), _effort_name(d), t))
    sprint: list[tuple[dt.date, float]] = []
    for stored in streamed:
        st = stored.activity.streams
        day = hist.local_day(stored.activity)
        if st.t_s and st.distance_m:
            for d, t in best_efforts(st.t_s, st.distance_m).items():
                efforts.append((day, _effort_name(d), t))
        if st.t_s and st.speed_m_s:
            v = sprint_velocity(st.t_s, [float(x) if x is not None else None for x in st.speed_m_s])
            if v is not None:
                sprint.append((day, round(v, 2)))
    lifts = _lift_points([x for x in loaded_sets(session, athlete_id, until=end) if x[0] <= today])
    trends = []
    for name, days in lifts.items():
        pts = tuple(sorted((d, round(v, 1)) for d, v in days.items() if d >= window))
        if not pts:
            continue
        change = (pts[-1][1] / pts[0][1] - 1) * 100 if len(pts) > 1 else None
        trends.append(LiftTrend(name, pts, max(v for _, v in pts), change))
    trends.sort(key=lambda t: (-len(t.points), t.exercise))
    lift_entries = [(d, name, v) for name, days in lifts.items() for d, v in days.items()]
    eff, hr_at, now_pace, before_pace = _aerobic(acts, window, today)
    return ProgressReport(
        until=today,
        lifts=tuple(trends),
        effort_pbs=tuple(
            p for p in personal_bests(efforts, lower_is_better=True) if p.day >= window
        ),
        lift_pbs=tuple(
            p for p in personal_bests(lift_entries, lower_is_better=False) if p.day >= window
        ),
        efficiency=eff,
        pace_at_hr_bpm=hr_at,
        pace_at_hr_now_s_per_km=now_pace,
        pace_at_hr_before_s_per_km=before_pace,
        sprint=tuple(sorted(sprint)),
        predictions=_predictions(efforts, today),
    )


def _aerobic(
    acts: Sequence[StoredActivity], window: dt.date, today: dt.date
) -> tuple[tuple[tuple[dt.date, float], ...], float | None, float | None, float | None]:
    """EF of easy runs since ``window``; pace at the median easy HR over the last 8
    weeks and the 8 weeks before."""
    runs = [a.activity for a in acts if a.activity.sport.is_run and a.activity.avg_hr_bpm]
    top = max((a.max_hr_bpm or a.avg_hr_bpm or 0.0 for a in runs), default=0.0)
    easy = [
        a
        for a in runs
        if a.distance_m
        and a.avg_hr_bpm
        and a.avg_hr_bpm < EASY_HR_SHARE * top
        and not hist.race_like(a, None)
    ]
    points = []
    for a in easy:
        day = hist.local_day(a)
        if window <= day <= today and a.avg_hr_bpm and a.distance_m:
            ef = efficiency_factor(a.distance_m, a.moving_time_s or a.duration_s, a.avg_hr_bpm)
            points.append((day, round(ef, 3)))
    if not easy:
        return tuple(sorted(points)), None, None, None
    hrs = sorted(a.avg_hr_bpm or 0.0 for a in easy)
    at = round(hrs[len(hrs) // 2])

    def pace(first: dt.date, last: dt.date) -> float | None:
        sel = [a for a in easy if first <= hist.local_day(a) < last]
        speeds = [(a.distance_m or 0) / (a.moving_time_s or a.duration_s) for a in sel]
        p = pace_at_heart_rate([a.avg_hr_bpm or 0.0 for a in sel], speeds, at)
        return round(p, 1) if p is not None else None

    cut = today - dt.timedelta(days=56)
    now = pace(cut, today + dt.timedelta(days=1))
    before = pace(cut - dt.timedelta(days=56), cut)
    return tuple(sorted(points)), float(at), now, before


def _predictions(
    efforts: Sequence[tuple[dt.date, str, float]], today: dt.date
) -> tuple[Prediction, ...]:
    """Daniels equivalents of the best VDOT among efforts ≥ 1500 m of the last 90 days."""
    metres = {_effort_name(d): d for d in STANDARD_EFFORTS_M}
    best: tuple[float, str, dt.date] | None = None
    for day, name, t in efforts:
        d = metres.get(name)
        if d is None or d < 1500 or (today - day).days > RECENT_DAYS:
            continue
        try:
            v = vdot_from_race(d, t)
        except RunstrongError:
            continue
        if best is None or v > best[0]:
            best = (v, name, day)
    if best is None:
        return ()
    return tuple(
        Prediction(
            race, dist, round(race_time_s(best[0], dist), 1), round(best[0], 1), best[1], best[2]
        )
        for race, dist in PREDICT_M
    )


# ---------------------------------------------------------------------------
# R25: habits vs performance
# ---------------------------------------------------------------------------

HABIT_LABELS: Mapping[str, str] = {
    "sleep_h": "sleep (hours)",
    "sleep_quality": "sleep quality",
    "stress": "stress",
    "soreness": "soreness",
    "leg_feel": "how the legs felt",
    "hip_stiffness": "hip stiffness",
    "low_back_fatigue": "lower-back fatigue",
    "nutrition_noted": "a nutrition note that day",
    "leg_lift_load_day_before": "leg lifting load the day before",
}


def _performance(
    session: Session, athlete_id: int, acts: list[StoredActivity], today: dt.date
) -> tuple[str, list[tuple[dt.date, float]]]:
    """R25's performance score per session, first measure with ``MIN_N`` sessions:

    1. key (quality) runs matched to the plan: % faster than their planned pace;
    2. key runs matched to the plan: session RPE below the planned RPE (runs logged
       by hand with an RPE and no heart rate count);
    3. every run matched to the plan: session RPE below the planned RPE;
    4. runs with heart rate: efficiency factor;
    5. runs with a session RPE and a distance but no heart rate (with or without a
       plan): % faster than the athlete's usual speed at that RPE.
    With none reaching ``MIN_N``, the measure with the most sessions is used.
    """
    options: list[tuple[str, list[tuple[dt.date, float]]]] = []
    stored = repo.active_plan(session, athlete_id)
    if stored is not None:
        plan = load_plan(stored.plan_json, source="saved plan")
        runs = [s for s in plan.sessions() if s.kind is SessionKind.RUN and s.date <= today]
        matches = match_stored(
            runs, acts, repo.match_overrides(session, athlete_id), not_before=plan.start_date
        )
        key = [s for s in runs if is_quality_run(s)]
        outcomes = hist.key_run_outcomes(key, matches)
        options.append(("% faster than the planned pace of key runs", [
            (k.day, round((1.0 / k.pace_ratio - 1.0) * 100.0, 3))
            for k in outcomes if k.pace_ratio is not None
        ]))  # fmt: skip
        options.append(("session RPE below the planned RPE of key runs", [
            (k.day, -k.rpe_delta) for k in outcomes if k.rpe_delta is not None
        ]))  # fmt: skip
        options.append(("session RPE below the planned RPE of runs", [
            (r.day, r.target_rpe - r.actual_rpe) for r in hist.rpe_records(runs, matches)
        ]))  # fmt: skip
    options.append((
        "efficiency factor of runs with heart rate (m/min per bpm)",
        [
            (hist.local_day(a.activity), efficiency_factor(
                a.activity.distance_m, a.activity.moving_time_s or a.activity.duration_s,
                a.activity.avg_hr_bpm))
            for a in acts
            if a.activity.sport.is_run and a.activity.avg_hr_bpm and a.activity.distance_m
            and (a.activity.moving_time_s or a.activity.duration_s) > 0
        ],
    ))  # fmt: skip
    options.append((
        "% faster than your usual speed at the same session RPE (runs without a plan or "
        "heart rate)",
        speed_at_effort_scores([
            (hist.local_day(a.activity), a.activity.distance_m / secs, a.activity.session_rpe)
            for a in acts
            if a.activity.sport.is_run and a.activity.distance_m and a.activity.session_rpe
            and not a.activity.avg_hr_bpm
            and (secs := a.activity.moving_time_s or a.activity.duration_s) > 0
        ]),
    ))  # fmt: skip
    for option in options:
        if len(option[1]) >= MIN_N:
            return option
    return max(options, key=lambda o: len(o[1]))


def habits_report(
    session: Session, athlete_id: int, today: dt.date, *, since: dt.date | None = None
) -> HabitsReport:
    """R25: which recovery items go with better key sessions.

    Performance: for key (hard) runs matched to the plan, how much faster than the
    planned pace they were (%); when fewer than ``MIN_N`` exist, every run with heart
    rate scores by its efficiency factor instead (higher = better). Items: that
    day's check-in, whether a nutrition note was logged, and the leg lifting load
    (session-RPE AU) of the day before. ``since`` defaults to a year back: habits and
    fitness drift over the years, and a year of training holds enough sessions.
    """
    check_since(since, today)
    since = since or today - dt.timedelta(days=HABITS_DAYS)
    start = dt.datetime.combine(since - dt.timedelta(days=2), dt.time(0), tzinfo=dt.UTC)
    end = dt.datetime.combine(today + dt.timedelta(days=2), dt.time(0), tzinfo=dt.UTC)
    read = [
        a
        for a in activity_log(session, athlete_id, since=start, until=end)
        if hist.local_day(a.activity) <= today
    ]
    acts = [a for a in read if hist.local_day(a.activity) >= since]
    wellness = {w.day: w for w in wellness_log(session, athlete_id, since=since)}
    lifts = [a for a in read if a.activity.sport is Sport.STRENGTH]
    per_day, _ = day_loads(lifts, 60.0, None, Sex.MALE)
    measure, scored = _performance(session, athlete_id, acts, today)
    rows: list[tuple[dict[str, float | None], float]] = []
    for day, perf in sorted(scored, key=lambda p: p[0]):  # time order: effective n needs it
        w = wellness.get(day)
        before = per_day.get(day - dt.timedelta(days=1))
        feats: dict[str, float | None] = {
            "leg_lift_load_day_before": before.leg if before else 0.0,
        }
        if w is not None:
            for key in ("sleep_h", "sleep_quality", "stress", "soreness", "leg_feel",
                        "hip_stiffness", "low_back_fatigue"):  # fmt: skip
                value = getattr(w, key)
                feats[key] = float(value) if value is not None else None
            feats["nutrition_noted"] = 1.0 if w.nutrition_notes else 0.0
        rows.append((feats, perf))
    return HabitsReport(
        until=today,
        performance=measure,
        sessions=len(rows),
        findings=tuple(habit_findings(rows, HABIT_LABELS)),
        logged=sum(
            1 for a in acts if a.activity.sport.is_run or a.activity.sport is Sport.STRENGTH
        ),
    )
