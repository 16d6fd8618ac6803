"""The Progress page and ``GET …/progress`` as one service: the same load series as
``runstrong stats load``, the same progress figures as ``stats progress`` and the
same findings as ``stats habits``, shaped as chart series.

The web renders what this returns and computes nothing of its own (issue 11: one
application layer). Loads, PMC and ACWR come from ``services.stats.load_report``;
e1RM trends and personal bests from ``services.stats_progress.progress_report``;
recovery findings from ``stats_progress.habits_report``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from runstrong.core.model import Phase, Plan
from runstrong.core.units import distance_in
from runstrong.exporters.plan_json import load_plan
from runstrong.services.coach_cache import Lru, cache_key, coach_version, database
from runstrong.services.stats import LoadReport, load_report, load_source_counts, logged_days
from runstrong.services.stats_progress import ProgressReport, habits_report, progress_report
from runstrong.storage import repository as repo

SHOW_DAYS = 365
"""The page shows the last year of load (at least eight weeks once there is a log)."""
MIN_DAYS = 56
TOP_LIFTS = 3
"""The e1RM chart shows the lifts logged most often."""
ACWR_DAYS = 28
"""The acute:chronic ratio compares a week with the last four: it needs 28 days of log."""
PMC_DAYS = 7
"""Fitness and fatigue need at least a week of log before the curves say anything."""
E1RM_DAYS = 2
"""A trend needs two lifting days with loaded sets."""
PAD_FRACTION = 0.03
"""Time axes span the data plus this fraction each side (at least one day)."""


@dataclass(frozen=True, slots=True)
class ProgressView:
    """Chart series (``{"labels": [...], "series": [{"name", "values"}...]}``), personal
    bests and findings for one athlete up to ``today``."""

    today: dt.date
    pmc: dict[str, Any]
    acwr: dict[str, Any]
    weekly: dict[str, Any]
    e1rm: dict[str, Any]
    personal_bests: tuple[dict[str, str], ...]
    findings: tuple[str, ...]
    load_sources: dict[str, int]
    has_data: bool
    plan_marks: tuple[dict[str, str], ...] = ()


def _round(values: list[float | None], digits: int = 1) -> list[float | None]:
    return [None if v is None else round(v, digits) for v in values]


def _clock(seconds: float) -> str:
    total = round(seconds)
    h, rem = divmod(total, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def x_range(days: list[dt.date]) -> list[str] | None:
    """The time axis of a chart: the first to the last day of its data, padded each side
    by PAD_FRACTION of the span (at least a day) so points do not sit on the frame."""
    if not days:
        return None
    first, last = min(days), max(days)
    pad = dt.timedelta(days=max(1, round((last - first).days * PAD_FRACTION)))
    return [(first - pad).isoformat(), (last + pad).isoformat()]


def plan_marks(plan: Plan | None, today: dt.date) -> tuple[dict[str, str], ...]:
    """The plan's dates as marks on the time axes: the season start, the first day of
    each later training phase (R7: base → build → peak → taper) and race day, each
    ``{"date", "label", "when"}`` with ``when`` "past" or "ahead" of ``today``."""
    if plan is None:
        return ()
    marks = [(plan.start_date, "Season start")]
    for before, week in zip(plan.weeks, plan.weeks[1:], strict=False):
        new_phase = week.phase is not before.phase
        training = week.phase not in (Phase.RACE, Phase.TRANSITION)
        if new_phase and training and plan.start_date < week.start_date < plan.race_date:
            marks.append((week.start_date, week.phase.value.capitalize()))
    marks.append((plan.race_date, "Race day"))
    return tuple(
        {"date": d.isoformat(), "label": label, "when": "ahead" if d > today else "past"}
        for d, label in marks
    )


def _needs(what: str, need: int, have: int, unit: str) -> str | None:
    """'needs 28 days of load; you have 9' when ``have`` < ``need``; None otherwise."""
    if have >= need:
        return None
    return f"{what} needs {need} {unit}; you have {have}."


def _load_charts(
    report: LoadReport, units: str
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    days = [report.start + dt.timedelta(days=i) for i in range(len(report.pmc))]
    labels = [d.isoformat() for d in days]
    have = logged_days(report)
    pmc = {
        "explain": "Fitness (42-day load), fatigue (7-day load) and form (yesterday's fitness "
        "minus fatigue: what you bring into the day).",
        "needs": _needs("Fitness and fatigue", PMC_DAYS, have, "days of load"),
        "x_range": x_range(days),
        "labels": labels,
        "series": [
            {"name": "Fitness", "values": _round([d.fitness for d in report.pmc])},
            {"name": "Fatigue", "values": _round([d.fatigue for d in report.pmc])},
            {"name": "Form", "values": _round([d.form for d in report.pmc])},
        ],
    }
    acwr = {
        "explain": "This week's load against the average of the last four.",
        "needs": _needs("The workload ratio", ACWR_DAYS, have, "days of load"),
        "x_range": x_range(days),
        "labels": labels,
        "series": [{"name": "ACWR (rolling 7:28)", "values": _round(list(report.acwr), 2)}],
    }
    active = [w for w in report.weeks if w.run_km or w.lift_min or w.other_min]
    weekly = {
        "explain": f"Running distance ({units}) and minutes of strength and other training"
        " each week (Monday to Sunday); bars start at zero.",
        "needs": None if active else "Weekly volume needs one logged week; you have 0.",
        "x_range": x_range([w.start for w in report.weeks]),
        "y_min": 0,
        "labels": [w.start.isoformat() for w in report.weeks],
        "series": [
            {
                "name": f"Run {units}",
                "values": _round([distance_in(w.run_km, units) for w in report.weeks]),
            },
            {
                "name": "Strength min",
                "values": _round([w.lift_min for w in report.weeks]),
                "axis": "right",
            },
            {
                "name": "Other min",
                "values": _round([w.other_min for w in report.weeks]),
                "axis": "right",
            },
        ],
    }
    return pmc, acwr, weekly


def _e1rm_chart(progress: ProgressReport) -> dict[str, Any]:
    lifts = progress.lifts[:TOP_LIFTS]
    days = sorted({d for t in lifts for d, _ in t.points})
    return {
        "explain": "Estimated one-rep max (kg) of your most logged lifts, each day's best set.",
        "needs": _needs("A 1RM trend", E1RM_DAYS, len(days), "lifting days with loaded sets"),
        "x_range": x_range(days),
        "labels": [d.isoformat() for d in days],
        "series": [
            {
                "name": f"{t.exercise} e1RM kg",
                "values": [dict(t.points).get(d) for d in days],
                "points": True,
            }
            for t in lifts
        ],
    }


def _pb_rows(progress: ProgressReport) -> tuple[dict[str, str], ...]:
    """The current best of each effort and lift (the latest record of each key)."""
    efforts = {p.key: p for p in progress.effort_pbs}
    lifts = {p.key: p for p in progress.lift_pbs}
    rows = [
        {"what": key, "value": _clock(p.value), "day": p.day.isoformat()}
        for key, p in efforts.items()
    ]
    rows += [
        {"what": f"{key} (e1RM)", "value": f"{p.value:.1f} kg", "day": p.day.isoformat()}
        for key, p in sorted(lifts.items())
    ]
    return tuple(rows)


def _trimmed(report: LoadReport, today: dt.date) -> LoadReport:
    """The report from the first logged day of the year shown (at least eight weeks)."""
    recent = today - dt.timedelta(days=MIN_DAYS - 1)
    first = next((d.day for d in report.days if d.total > 0), recent)
    start = max(report.start, min(first, recent))
    cut = (start - report.start).days
    weeks = tuple(w for w in report.weeks if w.start + dt.timedelta(days=6) >= start)
    return dataclasses.replace(
        report,
        start=start,
        days=report.days[cut:],
        pmc=report.pmc[cut:],
        acwr=report.acwr[cut:],
        weeks=weeks,
    )


VIEWS: Lru[tuple[Any, ...], ProgressView] = Lru(64)
"""(database, athlete, day, units, ``log_version``) → the view (a few per athlete and day)."""


def log_version(session: Session, athlete_id: int) -> tuple[Any, ...] | None:
    """What the Progress view depends on, as one value: the athlete's log revision
    (``storage.revision``), which every repository write of the activities, their sets,
    the check-ins, the profile and the plans raises as it commits. One primary-key
    lookup (it was five aggregate queries over the whole log, and an edit that left
    every sum unchanged went unseen). None, and no caching, while this session holds
    unwritten changes of the athlete's (``coach_cache.coach_version``)."""
    return coach_version(session, athlete_id)


def progress_view(
    session: Session, athlete_id: int, today: dt.date, units: str = "km"
) -> ProgressView:
    """The Progress page's data for ``today`` (the athlete's local date); distances in
    ``units`` ("km" or "mi", the profile's). Cached by ``log_version``: a ten-year log
    costs ~350 ms to aggregate and one primary-key lookup to check (issue 15 part 2)."""
    version = log_version(session, athlete_id)
    key = cache_key(version, database(session), athlete_id, today, units)
    view = VIEWS.get(key)
    if view is None:
        view = _computed_view(session, athlete_id, today, units)
        VIEWS.put(key, view)
    return view


def _computed_view(session: Session, athlete_id: int, today: dt.date, units: str) -> ProgressView:
    year = today - dt.timedelta(days=SHOW_DAYS - 1)
    loads = _trimmed(load_report(session, athlete_id, today, since=year), today)
    progress = progress_report(session, athlete_id, today, since=loads.start)
    habits = habits_report(session, athlete_id, today)
    pmc, acwr, weekly = _load_charts(loads, units)
    e1rm = _e1rm_chart(progress)
    stored = repo.active_plan(session, athlete_id)
    marks = plan_marks(None if stored is None else load_plan(stored.plan_json), today)
    for chart in (pmc, acwr, weekly, e1rm):
        chart["marks"] = list(marks)
    return ProgressView(
        today=today,
        pmc=pmc,
        acwr=acwr,
        weekly=weekly,
        e1rm=e1rm,
        personal_bests=_pb_rows(progress),
        findings=tuple(f.summary for f in habits.findings),
        load_sources=load_source_counts(loads.sources),
        has_data=any(d.total > 0 for d in loads.days) or bool(progress.effort_pbs),
        plan_marks=marks,
    )
