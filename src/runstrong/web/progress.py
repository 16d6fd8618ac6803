"""Progress page data: fitness/fatigue/form, ACWR, weekly volume, e1RM trends, PBs, findings.

Load of one logged activity (AU), in this order of preference:
1. session RPE × minutes (Foster C. et al., J Strength Cond Res 2001;15:109-115)
   when the athlete rated the session;
2. Banister TRIMP from the average heart rate (``core.load.banister_trimp``),
   with HRmax = 208 − 0.7 × age (Tanaka H. et al., JACC 2001;37:153-156) and
   resting HR from the latest check-in (else 60 bpm);
3. otherwise the activity carries no load (it is not guessed).
The two scales are not identical; the page says which share of the load came
from which source. PMC convention: ``core.pmc.pmc`` defaults (42/7 days,
TrainingPeaks weights, form from yesterday).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from runstrong.core.athlete import Athlete
from runstrong.core.coaching.analytics import efficiency_factor, habit_findings, personal_bests
from runstrong.core.model import Activity, Sex, Wellness
from runstrong.core.science.load import banister_trimp, daily_loads, session_load
from runstrong.core.science.pmc import acwr_ewma, pmc
from runstrong.core.science.strength import e1rm_of_set

STANDARD_RUNS_M = {"5 km": 5000.0, "10 km": 10000.0, "Half marathon": 21097.5, "Marathon": 42195.0}
PB_TOLERANCE = 0.02


@dataclass(frozen=True)
class LoadedActivity:
    day: dt.date
    activity: Activity
    load: float | None
    source: str  # "rpe", "trimp" or "none"


def activity_load(
    a: Activity, athlete: Athlete | None, rest_hr_bpm: float, on: dt.date
) -> tuple[float | None, str]:
    minutes = (a.moving_time_s or a.duration_s) / 60
    if a.session_rpe is not None:
        return session_load(a.session_rpe, minutes), "rpe"
    if a.avg_hr_bpm is not None and athlete is not None:
        max_hr = 208 - 0.7 * athlete.age_on(on)
        if a.avg_hr_bpm > rest_hr_bpm and max_hr > rest_hr_bpm:
            sex = athlete.sex if isinstance(athlete.sex, Sex) else Sex.FEMALE
            return banister_trimp(minutes, a.avg_hr_bpm, rest_hr_bpm, max_hr, sex), "trimp"
    return None, "none"


def with_loads(
    activities: Sequence[Activity], athlete: Athlete | None, wellness: Sequence[Wellness]
) -> list[LoadedActivity]:
    rest = next((w.resting_hr_bpm for w in reversed(wellness) if w.resting_hr_bpm), None) or 60.0
    out: list[LoadedActivity] = []
    for a in activities:
        day = a.start.date()
        load, source = activity_load(a, athlete, rest, day)
        out.append(LoadedActivity(day, a, load, source))
    return out


def _round(values: Sequence[float | None], digits: int = 1) -> list[float | None]:
    return [None if v is None else round(v, digits) for v in values]


def progress_data(
    activities: Sequence[Activity],
    wellness: Sequence[Wellness],
    athlete: Athlete | None,
    today: dt.date,
    days: int = 365,
) -> dict[str, Any]:
    loaded = with_loads(activities, athlete, wellness)
    recent = [x.day for x in loaded if x.day > today - dt.timedelta(days=days)]
    if recent:  # show from the first logged day of the window (at least eight weeks)
        days = min(days, max(56, (today - min(recent)).days + 1))
    start = today - dt.timedelta(days=days - 1)
    history_start = min((x.day for x in loaded), default=start)
    # Warm-up history for the EWMAs, at most three years: older loads weigh < e^-26 in a
    # 42-day fitness, and one activity dated year 1 would otherwise cost 740,000 days.
    history_start = max(min(history_start, start), start - dt.timedelta(days=3 * 365))
    series = daily_loads(
        ((x.day, x.load) for x in loaded if x.load is not None), history_start, today
    )
    chart = pmc(series)[-days:]
    ratio = acwr_ewma(series)[-days:]
    labels = [(start + dt.timedelta(days=i)).isoformat() for i in range(days)]
    sources: defaultdict[str, float] = defaultdict(float)
    for x in loaded:
        if x.day >= start:
            sources[x.source] += 1
    return {
        "pmc": json.dumps(
            {
                "labels": labels,
                "series": [
                    {"name": "Fitness", "values": _round([d.fitness for d in chart])},
                    {"name": "Fatigue", "values": _round([d.fatigue for d in chart])},
                    {"name": "Form", "values": _round([d.form for d in chart])},
                ],
            }
        ),
        "acwr": json.dumps(
            {"labels": labels, "series": [{"name": "ACWR (EWMA 7:28)", "values": _round(ratio, 2)}]}
        ),
        "weekly": json.dumps(weekly_volume(loaded, today, weeks=max(8, -(-days // 7)))),
        "e1rm": json.dumps(e1rm_trends(activities, start)),
        "pbs": pb_rows(activities, e1rm_lifts=True),
        "findings": findings(activities, wellness),
        "load_sources": dict(sources),
        "has_data": bool(activities),
    }


def weekly_volume(
    loaded: Sequence[LoadedActivity], today: dt.date, weeks: int = 52
) -> dict[str, Any]:
    monday = today - dt.timedelta(days=today.weekday())
    first = monday - dt.timedelta(weeks=weeks - 1)
    run_km = [0.0] * weeks
    strength_min = [0.0] * weeks
    other_min = [0.0] * weeks
    for x in loaded:
        if x.day < first or x.day > today:
            continue
        i = (x.day - first).days // 7
        a = x.activity
        if a.sport.is_run:
            run_km[i] += (a.distance_m or 0) / 1000
        elif a.sport.value == "strength":
            strength_min[i] += a.duration_s / 60
        else:
            other_min[i] += a.duration_s / 60
    return {
        "labels": [(first + dt.timedelta(weeks=i)).isoformat() for i in range(weeks)],
        "series": [
            {"name": "Run km", "values": _round(run_km)},
            {"name": "Strength min", "values": _round(strength_min), "axis": "right"},
            {"name": "Other min", "values": _round(other_min), "axis": "right"},
        ],
    }


def _best_e1rm_per_session(activities: Sequence[Activity]) -> list[tuple[dt.date, str, float]]:
    out: list[tuple[dt.date, str, float]] = []
    for a in activities:
        best: dict[str, float] = {}
        for s in a.sets:
            value = e1rm_of_set(s.load_kg, s.reps, s.rpe, s.rir)
            if value is not None:
                key = s.exercise.strip().lower()
                best[key] = max(best.get(key, 0.0), value)
        out.extend((a.start.date(), k, v) for k, v in best.items())
    return out


def e1rm_trends(activities: Sequence[Activity], since: dt.date, top: int = 3) -> dict[str, Any]:
    rows = [r for r in _best_e1rm_per_session(activities) if r[0] >= since]
    counts: dict[str, int] = defaultdict(int)
    for _, key, _ in rows:
        counts[key] += 1
    lifts = sorted(counts, key=lambda k: -counts[k])[:top]
    days = sorted({d for d, k, _ in rows if k in lifts})
    by = {(d, k): v for d, k, v in rows}
    return {
        "labels": [d.isoformat() for d in days],
        "series": [
            {
                "name": f"{lift} e1RM kg",
                "values": _round([by.get((d, lift)) for d in days]),
                "points": True,
            }
            for lift in lifts
        ],
    }


def pb_rows(activities: Sequence[Activity], e1rm_lifts: bool) -> list[dict[str, str]]:
    """Current personal bests: standard-distance runs (whole activity) and lift e1RMs."""
    runs = []
    for a in activities:
        if not a.sport.is_run or not a.distance_m:
            continue
        for label, dist in STANDARD_RUNS_M.items():
            if abs(a.distance_m - dist) <= dist * PB_TOLERANCE:
                runs.append((a.start.date(), label, a.moving_time_s or a.duration_s))
    rows = []
    latest: dict[str, Any] = {}
    for pb in personal_bests(runs, lower_is_better=True):
        latest[pb.key] = pb
    for key, pb in latest.items():
        total = round(pb.value)
        h, rem = divmod(total, 3600)
        m, s = divmod(rem, 60)
        text = f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
        rows.append({"what": key, "value": text, "day": pb.day.isoformat()})
    if e1rm_lifts:
        lifts: dict[str, Any] = {}
        for pb in personal_bests(_best_e1rm_per_session(activities), lower_is_better=False):
            lifts[pb.key] = pb
        for key, pb in sorted(lifts.items()):
            rows.append(
                {"what": f"{key} (e1RM)", "value": f"{pb.value:.1f} kg", "day": pb.day.isoformat()}
            )
    return rows


def findings(activities: Sequence[Activity], wellness: Sequence[Wellness]) -> list[str]:
    """R25: how the morning check-in goes with run efficiency (efficiency factor) that day."""
    by_day = {w.day: w for w in wellness}
    rows: list[tuple[dict[str, float | None], float]] = []
    for a in activities:
        w = by_day.get(a.start.date())
        if w is None or not a.sport.is_run or not a.distance_m or not a.avg_hr_bpm:
            continue
        ef = efficiency_factor(a.distance_m, a.moving_time_s or a.duration_s, a.avg_hr_bpm)
        rows.append(
            (
                {
                    "sleep_h": w.sleep_h,
                    "sleep_quality": w.sleep_quality,
                    "stress": w.stress,
                    "soreness": w.soreness,
                },
                ef,
            )
        )
    labels = {
        "sleep_h": "Sleep hours",
        "sleep_quality": "Sleep quality",
        "stress": "Stress",
        "soreness": "Soreness",
    }
    return [f.summary for f in habit_findings(rows, labels)]
