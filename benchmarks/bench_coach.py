"""Daily-coach and statistics speed on a 10-year log (docs/benchmarks.md).

Generates, into a temporary SQLite database, an athlete with the example
profile, an active plan that started eight weeks before "today" and a log of
``--activities`` activities (default 3,000) spread over ``--years`` years
(default 10): runs with heart rate and session RPE, lifts with sets of the
plan's exercises, every run and lift a little off its prescription (a seeded
random deviation), plus one wellness check-in per day. Then it times, in
process, each call ``--repeat`` times (default 7) inside a transaction that is
rolled back, and prints the median and the worst run in milliseconds:

* ``today`` (readiness, adaptations, re-planning checks, nutrition);
* re-planning: ``plan skip`` of a day this week (``services.coach_replan``);
* ``stats load``, ``stats compliance``, ``stats progress``, ``stats habits``.

Usage: .venv/bin/python benchmarks/bench_coach.py [--activities 3000] [--years 10]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.model import Activity, PlannedSession, SessionKind, SetEntry, Sport, Wellness
from runstrong.core.planning.build import build_plan
from runstrong.exporters.plan_json import dump_plan
from runstrong.services import coach, coach_replan, stats, stats_progress
from runstrong.services.profile import parse_profile_text
from runstrong.storage import repository as repo
from runstrong.storage.db import make_engine, make_session_factory, transaction
from runstrong.storage.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]
PROFILE = (ROOT / "examples" / "athlete.toml").read_text(encoding="utf-8")
TODAY = dt.date(2027, 1, 27)  # a Wednesday, week 9 of the plan
START = dt.date(2026, 11, 30)
NOW = dt.datetime(2027, 1, 27, 6, 0, tzinfo=dt.UTC)
TZ = dt.timezone(dt.timedelta(hours=1))


def done(s: PlannedSession, day: dt.date, rng: random.Random) -> Activity:
    """The session as an athlete might have done it on ``day``."""
    start = dt.datetime.combine(day, s.start, tzinfo=TZ)
    minutes = s.duration_min * rng.uniform(0.85, 1.1)
    if s.kind is SessionKind.RUN:
        km = (s.distance_km or 6.0) * rng.uniform(0.9, 1.05)
        hr = 135 + (25 if s.hard else 0) + rng.uniform(-8, 8)
        return Activity(
            sport=Sport.RUNNING, start=start, duration_s=minutes * 60, moving_time_s=minutes * 57,
            distance_m=km * 1000, avg_hr_bpm=hr, max_hr_bpm=hr + 20,
            session_rpe=round(s.load / s.duration_min + rng.uniform(-1, 1.5), 1),
            source_format="manual",
        )  # fmt: skip
    sets = tuple(
        SetEntry(ex.name, ex.reps, ex.load_kg, rpe=round(rng.uniform(6, 9), 1), order=i * 10 + j)
        for i, ex in enumerate(s.exercises)
        for j in range(ex.sets)
    )
    return Activity(
        sport=Sport.STRENGTH, start=start, duration_s=minutes * 60,
        session_rpe=round(rng.uniform(5, 8), 1), source_format="manual", sets=sets,
    )  # fmt: skip


def build(factory: sessionmaker[Session], n_activities: int, years: int) -> tuple[int, int, int]:
    """Athlete, plan and log; returns (athlete id, activities, wellness rows)."""
    rng = random.Random(20261125)
    athlete = parse_profile_text(PROFILE)
    plan = build_plan(athlete, START)
    pattern = [s for s in plan.sessions() if s.kind in (SessionKind.RUN, SessionKind.STRENGTH)]
    with transaction(factory) as db:
        aid = repo.add_athlete(db, athlete.name, now=NOW, profile_toml=PROFILE).id
        repo.add_plan(db, aid, dump_plan(plan), format_version=plan.format_version, now=NOW)
        first = TODAY - dt.timedelta(days=365 * years)
        # The plan's sessions up to yesterday, then its first eight weeks replayed backwards.
        count = 0
        for s in pattern:
            if s.date < TODAY and rng.random() < 0.92:
                repo.add_activity(db, aid, done(s, s.date, rng), now=NOW)
                count += 1
        block = [s for s in pattern if s.date < START + dt.timedelta(days=56)]
        shift = 0
        while count < n_activities:
            shift += 56
            for s in block:
                day = s.date - dt.timedelta(days=shift)
                if count >= n_activities or day < first:
                    break
                repo.add_activity(
                    db, aid, done(dataclasses.replace(s, date=day), day, rng), now=NOW
                )
                count += 1
            if START - dt.timedelta(days=shift) < first:
                break
        day, rows = first, 0
        while day <= TODAY:
            repo.put_wellness(db, aid, Wellness(
                day=day, sleep_h=round(rng.uniform(5.5, 9), 1), sleep_quality=rng.randint(2, 5),
                stress=rng.randint(1, 4), soreness=rng.randint(1, 4), leg_feel=rng.randint(2, 5),
                hip_stiffness=rng.randint(1, 3), low_back_fatigue=rng.randint(1, 3),
                resting_hr_bpm=rng.randint(46, 56),
            ))  # fmt: skip
            rows += 1
            day += dt.timedelta(days=1)
    return aid, count, rows


def timed(
    factory: sessionmaker[Session], call: Callable[[Session], Any], repeat: int
) -> list[float]:
    """Milliseconds per call, each in its own transaction rolled back afterwards."""
    out = []
    for _ in range(repeat):
        with factory() as db:
            db.begin()
            t0 = time.perf_counter()
            call(db)
            out.append((time.perf_counter() - t0) * 1000)
            db.rollback()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=3000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        upgrade(engine)
        factory = make_session_factory(engine)
        t0 = time.perf_counter()
        aid, n_acts, n_well = build(factory, args.activities, args.years)
        print(f"log: {n_acts} activities, {n_well} wellness rows "
              f"(built in {time.perf_counter() - t0:.1f} s)")  # fmt: skip
        checkin = {"sleep_h": 6.5, "soreness": 3, "hip_stiffness": 4}
        skip_day = TODAY + dt.timedelta(days=1)
        cases: list[tuple[str, Callable[[Session], Any]]] = [
            ("today", lambda db: coach.today(db, aid, TODAY, now=NOW, checkin=checkin)),
            (
                "today --minutes 30",
                lambda db: coach.today(db, aid, TODAY, now=NOW, minutes_available=30),
            ),
            (
                "plan skip (re-plan week)",
                lambda db: coach_replan.skip_day(db, aid, skip_day, today=TODAY, now=NOW),
            ),
            ("stats load", lambda db: stats.load_report(db, aid, TODAY)),
            ("stats compliance", lambda db: stats.compliance_report(db, aid, TODAY)),
            ("stats progress", lambda db: stats_progress.progress_report(db, aid, TODAY)),
            ("stats habits", lambda db: stats_progress.habits_report(db, aid, TODAY)),
        ]
        print(f"{'call':<28}{'median ms':>11}{'max ms':>9}")
        for name, call in cases:
            ms = timed(factory, call, args.repeat)
            print(f"{name:<28}{statistics.median(ms):>11.1f}{max(ms):>9.1f}")
        engine.dispose()


if __name__ == "__main__":
    main()
