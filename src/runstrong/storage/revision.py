"""The athlete's log revision (``athletes.log_revision``): one number that changes
whenever anything the daily coach or the Progress view reads changes.

Every repository function that writes the athlete's log, check-ins, plans, plan
events, match corrections, name or profile calls :func:`bump` in the same
transaction (``tests/storage/test_log_revision.py`` calls each public write
function and fails when one does not). A rolled-back write rolls its bump back
with it. The pages' caches key what they computed by :func:`revision`, read
*before* the data it covers, so a key is never newer than the rows behind it.

Why a counter and not "the largest id of a change log": the UPDATE takes the
athlete row's write lock until commit (on PostgreSQL; SQLite has one writer), so
two writers of one athlete commit distinct, ordered revisions. Ids handed out by a
sequence can commit out of order, and a reader could pass over a smaller id that
commits later.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, Table, bindparam, select, update
from sqlalchemy.orm import Session

from runstrong.storage.tables import AthleteRow

_ATHLETES: Table = AthleteRow.__table__  # type: ignore[assignment]
_A = _ATHLETES.c
# Built once: a bulk import bumps once per stored activity.
_BUMP = (
    update(_ATHLETES)
    .where(_A.id == bindparam("athlete_id", type_=Integer))
    .values(log_revision=_A.log_revision + 1)
)
_READ = select(_A.log_revision, _A.created_at).where(
    _A.id == bindparam("athlete_id", type_=Integer)
)


def bump(session: Session, athlete_id: int) -> None:
    """Add one to the athlete's log revision (in the caller's transaction)."""
    session.execute(_BUMP, {"athlete_id": athlete_id})


def revision(session: Session, athlete_id: int) -> tuple[int, dt.datetime] | None:
    """The athlete's log revision with the athlete's creation time (so an athlete made
    again under a reused id in a database restored at the same URL never shares a key),
    or None when there is no such athlete. One primary-key lookup."""
    row = session.connection().execute(_READ, {"athlete_id": athlete_id}).one_or_none()
    return None if row is None else (int(row[0]), row[1])
