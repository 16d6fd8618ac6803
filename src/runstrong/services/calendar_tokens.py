"""Private calendar-feed tokens: a secret URL a calendar app can subscribe to.

Only the SHA-256 of a token is stored; the token itself is shown once when it
is created. Feeds are per creator: each user who can see an athlete (the
owner, each coach) has at most one active feed for it, and creating or
revoking one never touches another user's feed. A feed serves only while its
creator may still see the athlete: revoking a coach's access revokes the
coach's feeds (:func:`revoke_user_tokens`), and the lookup checks the access
again, so a feed never outlives the access it was created under.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import ColumnElement, exists, or_, select
from sqlalchemy.orm import Session

from runstrong.storage.tables import AthleteAccessRow, AthleteRow, CalendarTokenRow


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _mine(athlete_id: int, user_id: int, owner_user_id: int | None) -> ColumnElement[bool]:
    """The user's feeds of the athlete (the owner's include feeds from before creators)."""
    clause = CalendarTokenRow.created_by_user_id == user_id
    if user_id == owner_user_id:
        clause = or_(clause, CalendarTokenRow.created_by_user_id.is_(None))
    return (CalendarTokenRow.athlete_id == athlete_id) & clause


def create_token(db: Session, athlete: AthleteRow, user_id: int, now: dt.datetime) -> str:
    """Revoke the user's older feed of the athlete and return a new token (shown once)."""
    revoke_tokens(db, athlete, user_id, now)
    token = secrets.token_urlsafe(32)
    db.add(
        CalendarTokenRow(
            athlete_id=athlete.id,
            token_hash=_digest(token),
            created_at=now,
            created_by_user_id=user_id,
        )
    )
    db.flush()
    return token


def revoke_tokens(db: Session, athlete: AthleteRow, user_id: int, now: dt.datetime) -> int:
    """Revoke the user's own active feeds of the athlete; returns how many."""
    return _revoke(db, now, _mine(athlete.id, user_id, athlete.owner_user_id))


def revoke_user_tokens(db: Session, athlete_id: int, user_id: int, now: dt.datetime) -> int:
    """Revoke every active feed ``user_id`` created for the athlete (on revoking a coach)."""
    return _revoke(
        db,
        now,
        CalendarTokenRow.athlete_id == athlete_id,
        CalendarTokenRow.created_by_user_id == user_id,
    )


def _revoke(db: Session, now: dt.datetime, *which: ColumnElement[bool]) -> int:
    """Revoke the active feeds matching ``which``; returns how many."""
    rows = db.scalars(
        select(CalendarTokenRow).where(*which, CalendarTokenRow.revoked_at.is_(None))
    ).all()
    for row in rows:
        row.revoked_at = now
    db.flush()
    return len(rows)


def has_active_token(db: Session, athlete: AthleteRow, user_id: int) -> bool:
    """Whether the user has an active feed of the athlete."""
    query = select(CalendarTokenRow.id).where(
        _mine(athlete.id, user_id, athlete.owner_user_id), CalendarTokenRow.revoked_at.is_(None)
    )
    return db.scalar(query.limit(1)) is not None


def athlete_for_token(db: Session, token: str) -> int | None:
    """The athlete id an active token belongs to, or None.

    None too when the token's creator can no longer see the athlete (a coach
    whose access was revoked, by any path)."""
    if not token or len(token) > 128:
        return None
    creator_has_access = or_(
        CalendarTokenRow.created_by_user_id.is_(None),
        CalendarTokenRow.created_by_user_id == AthleteRow.owner_user_id,
        exists().where(
            AthleteAccessRow.athlete_id == CalendarTokenRow.athlete_id,
            AthleteAccessRow.coach_user_id == CalendarTokenRow.created_by_user_id,
            AthleteAccessRow.revoked_at.is_(None),
        ),
    )
    return db.scalar(
        select(CalendarTokenRow.athlete_id)
        .join(AthleteRow, AthleteRow.id == CalendarTokenRow.athlete_id)
        .where(
            CalendarTokenRow.token_hash == _digest(token),
            CalendarTokenRow.revoked_at.is_(None),
            creator_has_access,
        )
    )
