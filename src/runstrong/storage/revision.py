"""The athlete's log revision (``athletes.log_revision``): one number that changes
whenever anything the daily coach, the Today/Coach/Progress views or the activities
list read changes.

Every repository function that writes the athlete's log, check-ins, plans, plan
events, match corrections, name or profile calls :func:`bump` (``tests/storage/
test_log_revision.py`` calls each public write function and fails when one does not).
``bump`` only notes the athlete in the session; the revision is raised once per
athlete when the session's outermost transaction commits (a ``before_commit`` hook,
so in that same transaction). Raising it on every call cost an UPDATE of the athlete
row per stored activity: on PostgreSQL a bulk import of 2,000 activities in one
transaction went from ~1–2.6 to ~3.3–7 ms an activity, each UPDATE walking the row's
growing chain of versions. A write rolled back (the transaction, or a SAVEPOINT
around it) at worst raises the revision once more than needed, never less.

Readers key their caches by :func:`revision`, read *before* the data it covers, so a
key is never newer than the rows behind it; a session with unwritten changes for the
athlete (:func:`pending`) must neither use nor fill a cache: its own writes are not
in the revision yet, and may still be rolled back.

Why a counter and not "the largest id of a change log": the UPDATE takes the athlete
row's write lock until commit (on PostgreSQL; SQLite has one writer), so two writers
of one athlete commit distinct, ordered revisions. Ids handed out by a sequence can
commit out of order, and a reader could pass over a smaller id that commits later.

A Core writer (a ``Connection``, as a saved ``runstrong plan new`` uses, importing no
ORM) raises the revision at once, in its own transaction. The commit hooks for ORM
sessions are installed by :func:`install_session_hooks` (``storage.tables`` calls it
on import, so every code path that uses the ORM has them), so this module imports no
ORM itself.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Integer, bindparam, event, select, update

from runstrong.storage.schema import athletes as _ATHLETES

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, SessionTransaction

    from runstrong.storage.rows import Executor

_A = _ATHLETES.c
_BUMP = (
    update(_ATHLETES)
    .where(_A.id == bindparam("athlete_id", type_=Integer))
    .values(log_revision=_A.log_revision + 1)
)
_READ = select(_A.log_revision, _A.created_at).where(
    _A.id == bindparam("athlete_id", type_=Integer)
)
_PENDING = "runstrong.log_revision.pending"
"""``Session.info`` key: the athletes whose revision this transaction will raise."""


def bump(db: Executor, athlete_id: int) -> None:
    """Raise the athlete's log revision by one when the session's transaction commits
    (once however many writes it holds); a Core connection raises it now."""
    if isinstance(db, Connection):
        db.execute(_BUMP, {"athlete_id": athlete_id})
        return
    db.info.setdefault(_PENDING, set()).add(athlete_id)


def pending(db: Executor, athlete_id: int) -> bool:
    """Whether the session's open transaction wrote the athlete's data (its revision
    is raised at commit): a cache must then be bypassed."""
    if isinstance(db, Connection):
        return False
    return athlete_id in db.info.get(_PENDING, ())


def revision(db: Executor, athlete_id: int) -> tuple[int, dt.datetime] | None:
    """The athlete's log revision with the athlete's creation time (so an athlete made
    again under a reused id in a database restored at the same URL never shares a key),
    or None when there is no such athlete. One primary-key lookup."""
    conn = db if isinstance(db, Connection) else db.connection()
    row = conn.execute(_READ, {"athlete_id": athlete_id}).one_or_none()
    return None if row is None else (int(row[0]), row[1])


def _raise_pending(session: Session) -> None:
    """Raise the noted revisions as the outermost transaction commits (a SAVEPOINT's
    release is not the commit), in id order so two writers lock athletes alike."""
    if session.in_nested_transaction():
        return
    for athlete_id in sorted(session.info.get(_PENDING, ())):
        session.execute(_BUMP, {"athlete_id": athlete_id})


def _forget_pending(session: Session, transaction: SessionTransaction) -> None:
    """The outermost transaction ended (committed or rolled back): nothing is pending."""
    if transaction.parent is None:
        session.info.pop(_PENDING, None)


def install_session_hooks(session_class: type[Session]) -> None:
    """Raise pending revisions when an ORM session commits (idempotent)."""
    if not event.contains(session_class, "before_commit", _raise_pending):
        event.listen(session_class, "before_commit", _raise_pending)
        event.listen(session_class, "after_transaction_end", _forget_pending)
