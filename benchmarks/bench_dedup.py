"""Import duplicate look-up: cost per activity of ``repository.workout_twins``.

The same-workout check (``services.imports.dedup``) asks the database, for every
imported activity, for stored activities of the same sport family starting within
5 s. Setup: a temporary SQLite database with one athlete and a ten-year log of
3,000 file activities (runs, rides, trail runs, a day apart); 2,000 look-ups, half
of them finding a twin. Each figure is CPU time per look-up (best of 5 rounds),
measured in the same run as:

- **floor**: the same SQL text run on the raw ``sqlite3`` cursor (no SQLAlchemy);
- **built per call**: the query built with ``select()`` on every call (the code
  before the statement was built once; kept here as the rival);
- **``workout_twins``**: the repository function as it is now;
- **``Deduper.same_workout``**: the service's whole check since copies of another
  sport count when as long and as far: ``workout_twins`` over every sport, then each
  candidate's stored summary (``get_activity`` without streams) for its sport,
  duration and distance.

Usage: python benchmarks/bench_dedup.py [N_STORED] [N_LOOKUPS]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable, Collection
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from runstrong.core.model import Activity, Sport
from runstrong.services.imports.dedup import DEDUP_TOLERANCE_S, Deduper, family_sports
from runstrong.storage import repository as repo
from runstrong.storage.db import make_engine, make_session_factory, transaction
from runstrong.storage.migrate import upgrade
from runstrong.storage.tables import ActivityRow

T0 = dt.datetime(2016, 1, 1, 7, 0, tzinfo=dt.UTC)
SPORTS = ("running", "cycling", "trail_running")
ROUNDS = 5


def built_per_call(
    session: Session,
    athlete_id: int,
    sports: Collection[str],
    since: dt.datetime,
    until: dt.datetime,
    *,
    other_than_hash: str,
) -> list[repo.StoredTwin]:
    """The look-up as it was: a new ``select()`` on every call."""
    query = (
        select(
            ActivityRow.id, ActivityRow.start_utc, ActivityRow.source_hash, ActivityRow.source_name
        )
        .where(
            ActivityRow.athlete_id == athlete_id,
            ActivityRow.sport.in_(sorted(sports)),
            ActivityRow.start_utc >= since,
            ActivityRow.start_utc <= until,
            ActivityRow.source_hash.is_not(None),
            ActivityRow.source_hash != other_than_hash,
        )
        .order_by(ActivityRow.id)
    )
    return [
        repo.StoredTwin(int(i), start, str(digest), name)
        for i, start, digest, name in session.execute(query)
    ]


FLOOR_SQL = (
    "SELECT id, start_utc, source_hash, source_name FROM activities "
    "WHERE athlete_id = ? AND sport IN ({marks}) AND start_utc >= ? AND start_utc <= ? "
    "AND source_hash IS NOT NULL AND source_hash != ? ORDER BY id"
)


def _fill(session: Session, athlete_id: int, n: int) -> None:
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    rows = [
        {
            "athlete_id": athlete_id,
            "sport": SPORTS[i % len(SPORTS)],
            "start_utc": T0 + dt.timedelta(days=i * 3650 / n),
            "duration_s": 3600.0,
            "source_format": "fit",
            "source_name": f"{i:05d}.fit",
            "source_hash": f"{i:064x}",
            "leg_index": 0,
            "created_at": now,
        }
        for i in range(n)
    ]
    session.execute(insert(ActivityRow), rows)


def _probes(n_stored: int, n: int) -> list[tuple[frozenset[str], dt.datetime]]:
    """Half a few seconds off a stored start (a twin), half twelve hours away (none)."""
    out = []
    for k in range(n):
        i = (k * 7919) % n_stored
        start = T0 + dt.timedelta(days=i * 3650 / n_stored)
        shift = dt.timedelta(seconds=2) if k % 2 == 0 else dt.timedelta(hours=12)
        out.append((family_sports(SPORTS[i % len(SPORTS)]), start + shift))
    return out


Lookup = Callable[[frozenset[str], dt.datetime], int]


def _cpu_per_call(lookup: Lookup, probes: list[tuple[frozenset[str], dt.datetime]]) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        found = 0
        t = time.process_time()
        for sports, start in probes:
            found += lookup(sports, start)
        best = min(best, time.process_time() - t)
        assert found == len(probes) // 2 + len(probes) % 2, found
    return best / len(probes) * 1000.0


def main(n_stored: int = 3000, n_lookups: int = 2000) -> None:
    tol = dt.timedelta(seconds=DEDUP_TOLERANCE_S)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        upgrade(engine)
        factory = make_session_factory(engine)
        with transaction(factory) as s:
            athlete = repo.add_athlete(s, "bench", now=T0).id
            _fill(s, athlete, n_stored)
        probes = _probes(n_stored, n_lookups)
        with factory() as s:
            raw = s.connection().connection.dbapi_connection
            assert raw is not None
            cursor = raw.cursor()
            utc = ActivityRow.__table__.c.start_utc.type.process_bind_param  # type: ignore[attr-defined]

            def floor(sports: frozenset[str], start: dt.datetime) -> int:
                names = sorted(sports)
                sql = FLOOR_SQL.format(marks=", ".join("?" * len(names)))
                since, until = (utc(t, engine.dialect) for t in (start - tol, start + tol))
                args = (athlete, *names, since, until, "x")
                return len(cursor.execute(sql, args).fetchall())

            def old(sports: frozenset[str], start: dt.datetime) -> int:
                found = built_per_call(
                    s, athlete, sports, start - tol, start + tol, other_than_hash="x"
                )
                return len(found)

            def new(sports: frozenset[str], start: dt.datetime) -> int:
                found = repo.workout_twins(
                    s, athlete, sports, start - tol, start + tol, other_than_hash="x"
                )
                return len(found)

            dedup = Deduper(s, athlete)

            def service(sports: frozenset[str], start: dt.datetime) -> int:
                sport = Sport(min(sports))
                act = Activity(sport=sport, start=start, duration_s=3600.0, source_hash="x")
                return int(dedup.same_workout(s, act) is not None)

            figures = [
                ("floor: same SQL on the raw sqlite3 cursor", _cpu_per_call(floor, probes)),
                ("query built per call (before)", _cpu_per_call(old, probes)),
                ("repository.workout_twins (now)", _cpu_per_call(new, probes)),
                ("Deduper.same_workout, every sport (now)", _cpu_per_call(service, probes)),
            ]
        engine.dispose()
    print(
        f"{n_stored} stored activities, {n_lookups} look-ups, CPU ms per look-up (best of {ROUNDS})"
    )
    floor_ms = figures[0][1]
    for label, ms in figures:
        print(f"  {label:<45} {ms:7.3f} ms   {ms / floor_ms:5.1f}x floor")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
