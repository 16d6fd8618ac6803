"""Private calendar-feed tokens: a secret URL a calendar app can subscribe to.

Only the SHA-256 of a token is stored; the token itself is shown once when it
is created. Revoking marks every active token of the athlete revoked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from runstrong.storage.tables import CalendarTokenRow


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(db: Session, athlete_id: int, now: dt.datetime) -> str:
    """Revoke older tokens of the athlete and return a new one (shown once)."""
    revoke_tokens(db, athlete_id, now)
    token = secrets.token_urlsafe(32)
    db.add(CalendarTokenRow(athlete_id=athlete_id, token_hash=_digest(token), created_at=now))
    db.flush()
    return token


def revoke_tokens(db: Session, athlete_id: int, now: dt.datetime) -> int:
    rows = db.scalars(
        select(CalendarTokenRow).where(
            CalendarTokenRow.athlete_id == athlete_id, CalendarTokenRow.revoked_at.is_(None)
        )
    ).all()
    for row in rows:
        row.revoked_at = now
    db.flush()
    return len(rows)


def has_active_token(db: Session, athlete_id: int) -> bool:
    return (
        db.scalar(
            select(CalendarTokenRow.id).where(
                CalendarTokenRow.athlete_id == athlete_id, CalendarTokenRow.revoked_at.is_(None)
            )
        )
        is not None
    )


def athlete_for_token(db: Session, token: str) -> int | None:
    """The athlete id an active token belongs to, or None."""
    if not token or len(token) > 128:
        return None
    return db.scalar(
        select(CalendarTokenRow.athlete_id).where(
            CalendarTokenRow.token_hash == _digest(token), CalendarTokenRow.revoked_at.is_(None)
        )
    )
