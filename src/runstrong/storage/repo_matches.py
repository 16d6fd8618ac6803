"""Repository functions for hand corrections of plan ↔ log matching (see
``storage.repository`` and ``tables.SessionMatchRow``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runstrong.storage.revision import bump
from runstrong.storage.tables import SessionMatchRow


def match_overrides(
    session: Session, athlete_id: int
) -> dict[int, tuple[str | None, dt.date | None]]:
    """Activity id → (session id, planned date) as corrected by hand; (None, None) means
    the activity fulfilled no planned session."""
    rows = session.execute(
        select(
            SessionMatchRow.activity_id, SessionMatchRow.session_id, SessionMatchRow.session_date
        ).where(SessionMatchRow.athlete_id == athlete_id)
    )
    return {r.activity_id: (r.session_id, r.session_date) for r in rows}


def set_match_override(
    session: Session,
    athlete_id: int,
    activity_id: int,
    session_id: str | None,
    session_date: dt.date | None,
    *,
    now: dt.datetime,
) -> None:
    """Record that ``activity_id`` fulfilled ``session_id`` (None: no session)."""
    session.execute(delete(SessionMatchRow).where(SessionMatchRow.activity_id == activity_id))
    session.add(
        SessionMatchRow(
            activity_id=activity_id,
            athlete_id=athlete_id,
            session_id=session_id,
            session_date=session_date,
            created_at=now,
        )
    )
    session.flush()
    bump(session, athlete_id)


def clear_match_override(session: Session, activity_id: int) -> bool:
    """Forget the hand correction of ``activity_id``; True when there was one."""
    athlete_id = session.scalar(
        select(SessionMatchRow.athlete_id).where(SessionMatchRow.activity_id == activity_id)
    )
    if athlete_id is None:
        return False
    session.execute(delete(SessionMatchRow).where(SessionMatchRow.activity_id == activity_id))
    bump(session, athlete_id)
    return True
