"""Helpers for the daily-coach scenario tests: an athlete with the example profile, a
stored plan, and a log played day by day (runs, lifts, check-ins)."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from sqlalchemy.orm import Session

from runstrong.core.model import Activity, Plan, PlannedSession, SessionKind, SetEntry, Sport
from runstrong.core.planning.build import build_plan
from runstrong.exporters.plan_json import dump_plan, load_plan
from runstrong.services.profile import parse_profile_text
from runstrong.storage import repository as repo

ROOT = Path(__file__).resolve().parents[2]
PROFILE = (ROOT / "examples" / "athlete.toml").read_text(encoding="utf-8")
START = dt.date(2026, 11, 30)  # a Monday
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
TZ = dt.timezone(dt.timedelta(hours=1))


@functools.cache
def _season(profile: str) -> tuple[str, Plan, str]:
    """The athlete's name, season plan from ``START`` and its JSON, built once per process:
    ``build_plan`` is deterministic and ``Plan`` is frozen, so tests may share them."""
    athlete = parse_profile_text(profile)
    plan = build_plan(athlete, START)
    return athlete.name, plan, dump_plan(plan)


def make_athlete(session: Session, profile: str = PROFILE) -> tuple[int, Plan]:
    """An athlete with ``profile`` and its season plan (stored, active)."""
    name, plan, plan_json = _season(profile)
    record = repo.add_athlete(session, name, now=NOW, profile_toml=profile)
    repo.add_plan(session, record.id, plan_json, format_version=plan.format_version, now=NOW)
    return record.id, plan


@functools.lru_cache(maxsize=64)
def _parsed(plan_json: str) -> Plan:
    return load_plan(plan_json)


def stored_plan(session: Session, athlete_id: int) -> Plan:
    """The athlete's active plan, parsed (once per distinct text: ``Plan`` is frozen)."""
    stored = repo.active_plan(session, athlete_id)
    assert stored is not None
    return _parsed(stored.plan_json)


def at(day: dt.date, s: PlannedSession | None = None) -> dt.datetime:
    return dt.datetime.combine(day, s.start if s else dt.time(12, 0), tzinfo=TZ)


def do_session(
    session: Session,
    athlete_id: int,
    s: PlannedSession,
    *,
    pace_factor: float = 1.0,
    rpe: float | None = None,
    set_rpe: float | None = None,
    minutes_factor: float = 1.0,
) -> int:
    """Log ``s`` as done: a run at its planned average pace × ``pace_factor``, or a lift
    with the planned sets (each at ``set_rpe``)."""
    if s.kind is SessionKind.RUN:
        km = s.distance_km or 5.0
        duration = s.duration_min * 60.0 * pace_factor * minutes_factor
        act = Activity(
            sport=Sport.RUNNING,
            start=at(s.date, s),
            duration_s=duration,
            moving_time_s=duration,
            distance_m=km * 1000.0 * minutes_factor,
            session_rpe=rpe,
            source_format="manual",
        )
    else:
        sets = tuple(
            SetEntry(ex.name, ex.reps, ex.load_kg, rpe=set_rpe, order=i * 10 + j)
            for i, ex in enumerate(s.exercises)
            for j in range(ex.sets)
        )
        act = Activity(
            sport=Sport.STRENGTH,
            start=at(s.date, s),
            duration_s=s.duration_min * 60.0 * minutes_factor,
            session_rpe=rpe,
            source_format="manual",
            sets=sets,
        )
    return repo.add_activity(session, athlete_id, act, now=NOW)


def run_activity(
    day: dt.date, km: float, minutes: float, *, name: str | None = None, rpe: float | None = None
) -> Activity:
    return Activity(
        sport=Sport.RUNNING,
        start=at(day),
        duration_s=minutes * 60.0,
        moving_time_s=minutes * 60.0,
        distance_m=km * 1000.0,
        name=name,
        session_rpe=rpe,
        source_format="manual",
    )
