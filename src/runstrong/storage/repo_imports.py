"""Storage side of the bulk import: what dedup reads, its write lock, and replacing a twin.

The import decides *which* copy of a workout to keep (``services.imports.dedup``);
this module only reads and writes rows. ``lock_for_import`` serialises the
imports of one athlete so the decision is taken on committed data: on SQLite
the transaction begins with ``BEGIN IMMEDIATE`` (the database's one write
lock), on PostgreSQL it takes a transaction-scoped advisory lock keyed by the
athlete. Either lock ends with the transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from runstrong.core.errors import NotFoundError
from runstrong.core.model import Activity
from runstrong.storage import schema
from runstrong.storage.base import row_or_missing
from runstrong.storage.db import IMMEDIATE_OPTION
from runstrong.storage.mapping import activity_values, lap_values, set_values
from runstrong.storage.revision import bump
from runstrong.storage.streams import encode_streams
from runstrong.storage.tables import ActivityRow

IMPORT_LOCK_CLASS = 0x52_53_49  # "RSI": first key of the advisory lock (any int4)
"""PostgreSQL advisory locks ``(IMPORT_LOCK_CLASS, athlete_id)`` belong to imports."""

_ACTIVITIES = schema.activities
_LAPS = schema.laps
_SETS = schema.strength_sets
_STREAMS = schema.activity_streams


@dataclass(frozen=True, slots=True)
class StoredTwin:
    """A stored activity from a file that may be the same workout as an imported one."""

    activity_id: int
    start_utc: dt.datetime
    source_hash: str
    source_name: str | None


def import_keys(session: Session, athlete_id: int) -> set[tuple[str, int]]:
    """The athlete's stored ``(source_hash, leg_index)`` pairs (hand-logged entries have none)."""
    query = select(ActivityRow.source_hash, ActivityRow.leg_index).where(
        ActivityRow.athlete_id == athlete_id, ActivityRow.source_hash.is_not(None)
    )
    return {(str(digest), int(leg)) for digest, leg in session.execute(query)}


def lock_for_import(session: Session, athlete_id: int) -> None:
    """Begin the session's transaction holding the athlete's import lock (see module doc).

    Call it when the session has no transaction open; the lock is released
    by the commit or rollback that ends the transaction.
    """
    connection = session.connection(execution_options={IMMEDIATE_OPTION: True})
    if connection.dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(IMPORT_LOCK_CLASS, athlete_id)))


_A = _ACTIVITIES.c
_WORKOUT_TWINS = (
    select(_A.id, _A.start_utc, _A.source_hash, _A.source_name)
    .where(
        _A.athlete_id == bindparam("athlete_id"),
        _A.sport.in_(bindparam("sports", expanding=True)),
        _A.start_utc >= bindparam("since"),
        _A.start_utc <= bindparam("until"),
        _A.source_hash.is_not(None),
        _A.source_hash != bindparam("other_than_hash"),
    )
    .order_by(_A.id)
)
"""The same-workout query, built once with bound parameters: building a ``select()`` of
ORM attributes for every imported activity, and the ORM's set-up of each execution,
cost far more than running it (``benchmarks/bench_dedup.py``). This Core statement on
the table is compiled once (SQLAlchemy's statement cache) and run with new values."""


def workout_twins(
    session: Session,
    athlete_id: int,
    sports: Collection[str],
    since: dt.datetime,
    until: dt.datetime,
    *,
    other_than_hash: str,
) -> list[StoredTwin]:
    """Stored file activities of one of ``sports`` starting in ``[since, until]``,
    from another file than ``other_than_hash``, nearest-first is the caller's job."""
    session.flush()  # as an ORM query would: pending rows of this session count
    params = {
        "athlete_id": athlete_id,
        "sports": sorted(sports),
        "since": since,
        "until": until,
        "other_than_hash": other_than_hash,
    }
    return [
        StoredTwin(int(i), start, str(digest), name)
        for i, start, digest, name in session.execute(_WORKOUT_TWINS, params)
    ]


def fill_activity_text(
    session: Session, activity_id: int, *, name: str | None, description: str | None
) -> None:
    """Set an activity's name and description where it has none (cross-source duplicates)."""
    row = row_or_missing(session, ActivityRow, activity_id, "activity")
    filled = False
    if row.name is None and name:
        row.name, filled = name, True
    if row.description is None and description:
        row.description, filled = description, True
    if filled:
        bump(session, row.athlete_id)


def replace_activity(
    session: Session,
    activity_id: int,
    activity: Activity,
    *,
    now: dt.datetime,
    stream_blob: tuple[int, bytes] | None = None,
) -> None:
    """Put ``activity`` (another file's copy of the same workout) in place of a stored one.

    The row keeps its id (plan matches and hand edits point at it), its
    ``created_at`` and its session RPE; the name and description are the new
    copy's where it has them, else the stored ones. Laps and streams are the
    new copy's; strength sets too when it has any (else hand-logged sets stay).
    Runs in a SAVEPOINT: on failure nothing changed.
    """
    n_samples, blob = encode_streams(activity.streams) if stream_blob is None else stream_blob
    with session.begin_nested():
        session.flush()
        old = session.execute(
            select(
                ActivityRow.athlete_id,
                ActivityRow.name,
                ActivityRow.description,
                ActivityRow.session_rpe,
            ).where(ActivityRow.id == activity_id)
        ).one_or_none()
        if old is None:
            raise NotFoundError(f"no activity with id {activity_id}")
        values = activity_values(0, activity, now)
        for kept in ("athlete_id", "created_at"):
            del values[kept]
        values["name"] = activity.name or old.name
        values["description"] = activity.description or old.description
        values["session_rpe"] = (
            old.session_rpe if old.session_rpe is not None else (activity.session_rpe)
        )
        session.execute(update(_ACTIVITIES).where(_ACTIVITIES.c.id == activity_id).values(values))
        session.execute(delete(_LAPS).where(_LAPS.c.activity_id == activity_id))
        if activity.laps:
            laps = [lap_values(activity_id, i, lap) for i, lap in enumerate(activity.laps)]
            session.execute(insert(_LAPS), laps)
        if activity.sets:
            session.execute(delete(_SETS).where(_SETS.c.activity_id == activity_id))
            sets = [{"activity_id": activity_id, **set_values(s)} for s in activity.sets]
            session.execute(insert(_SETS), sets)
        session.execute(delete(_STREAMS).where(_STREAMS.c.activity_id == activity_id))
        if n_samples:
            session.execute(
                insert(_STREAMS), {"activity_id": activity_id, "n_samples": n_samples, "data": blob}
            )
        bump(session, old.athlete_id)
    session.expire_all()  # the ORM's copies of this row (if any) are stale now
