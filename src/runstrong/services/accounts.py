"""Accounts and who may see which athlete: the use cases on the account tables
(sign-up, the user's own settings, athletes, coach access granted and revoked).

Access rule: a user sees an athlete they own, or one whose owner granted
them coach access that has not been revoked. Everything athlete-scoped in
the web app goes through :func:`visible_athlete` or :func:`visible_athletes`.
The web reaches these tables only through this module (issue 11 part 6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session

from runstrong.core.errors import InputError, NotFoundError
from runstrong.services.calendar_tokens import revoke_user_tokens
from runstrong.services.jobs import cancel_jobs_of
from runstrong.storage import repository
from runstrong.storage.tables import AthleteAccessRow, AthleteRow, UserRow


def normalise_email(email: str) -> str:
    return email.strip().lower()


def count_users(db: Session) -> int:
    """Real accounts (the demo visitor of ``runstrong serve --demo`` does not count)."""
    from runstrong.services.demo import DEMO_EMAIL

    query = select(func.count()).select_from(UserRow).where(UserRow.email != DEMO_EMAIL)
    return int(db.scalar(query) or 0)


def user_by_email(db: Session, email: str) -> UserRow | None:
    return db.scalar(select(UserRow).where(UserRow.email == normalise_email(email)))


def user_by_id(db: Session, user_id: int) -> UserRow | None:
    return db.get(UserRow, user_id)


def update_account(user: UserRow, display_name: str, password_hash: str | None) -> None:
    """Set the user's display name and, when given, the new password's hash (stored when
    the caller's unit of work commits); callers validate both first."""
    user.display_name = display_name
    if password_hash is not None:
        user.password_hash = password_hash


def athlete_by_id(db: Session, athlete_id: int) -> AthleteRow | None:
    """The athlete with this id, whoever may see it (callers check access)."""
    return db.get(AthleteRow, athlete_id)


def create_user(
    db: Session,
    email: str,
    password_hash: str,
    display_name: str,
    now: dt.datetime,
    *,
    is_owner: bool = False,
) -> UserRow:
    """Add a user through the repository; an e-mail already in use is an ``InputError``."""
    record = repository.add_user(
        db, email, password_hash, now=now, display_name=display_name.strip(), is_owner=is_owner
    )
    row = db.get(UserRow, record.id)
    assert row is not None
    return row


def _access_clause(user_id: int) -> ColumnElement[bool]:
    granted = exists().where(
        AthleteAccessRow.athlete_id == AthleteRow.id,
        AthleteAccessRow.coach_user_id == user_id,
        AthleteAccessRow.revoked_at.is_(None),
    )
    return or_(AthleteRow.owner_user_id == user_id, granted)


def visible_athletes(db: Session, user_id: int) -> Sequence[AthleteRow]:
    """Athletes the user owns or coaches, owned ones first, then by name."""
    rows = db.scalars(
        select(AthleteRow).where(_access_clause(user_id)).order_by(AthleteRow.id)
    ).all()
    return sorted(rows, key=lambda a: (a.owner_user_id != user_id, a.name.lower()))


def visible_athlete(db: Session, user_id: int, athlete_id: int) -> AthleteRow:
    """The athlete if the user may see it; otherwise ``NotFoundError`` (no existence leak)."""
    row = db.scalar(select(AthleteRow).where(AthleteRow.id == athlete_id, _access_clause(user_id)))
    if row is None:
        raise NotFoundError(f"no athlete with id {athlete_id} is visible to you")
    return row


def owned_athletes(db: Session, user_id: int) -> Sequence[AthleteRow]:
    return db.scalars(
        select(AthleteRow).where(AthleteRow.owner_user_id == user_id).order_by(AthleteRow.id)
    ).all()


def create_athlete(
    db: Session, owner_user_id: int, name: str, profile_toml: str | None, now: dt.datetime
) -> AthleteRow:
    """Add an athlete owned by the user; names are unique per owner (``InputError``)."""
    record = repository.add_athlete(
        db, name, now=now, owner_user_id=owner_user_id, profile_toml=profile_toml
    )
    row = db.get(AthleteRow, record.id)
    assert row is not None
    return row


def grant_access(
    db: Session, athlete: AthleteRow, coach_email: str, now: dt.datetime
) -> AthleteAccessRow:
    """Give the user with ``coach_email`` coach access to ``athlete``."""
    coach = user_by_email(db, coach_email)
    if coach is None:
        raise InputError(
            f"no account uses the e-mail {normalise_email(coach_email)!r}; "
            "the coach must create an account first"
        )
    if coach.id == athlete.owner_user_id:
        raise InputError("you already own this athlete; pick another account as coach")
    current = db.scalar(
        select(AthleteAccessRow).where(
            AthleteAccessRow.athlete_id == athlete.id,
            AthleteAccessRow.coach_user_id == coach.id,
            AthleteAccessRow.revoked_at.is_(None),
        )
    )
    if current is not None:
        return current
    row = AthleteAccessRow(coach_user_id=coach.id, athlete_id=athlete.id, granted_at=now)
    db.add(row)
    db.flush()
    return row


def active_grants(db: Session, athlete_id: int) -> Sequence[tuple[AthleteAccessRow, UserRow]]:
    """Coaches with current access to the athlete."""
    rows = db.execute(
        select(AthleteAccessRow, UserRow)
        .join(UserRow, UserRow.id == AthleteAccessRow.coach_user_id)
        .where(AthleteAccessRow.athlete_id == athlete_id, AthleteAccessRow.revoked_at.is_(None))
        .order_by(AthleteAccessRow.granted_at)
    ).all()
    return [(access, user) for access, user in rows]


def revoke_access(db: Session, athlete_id: int, access_id: int, now: dt.datetime) -> None:
    """End a coach's access (the row is kept, with ``revoked_at`` set), revoke the
    calendar feeds the coach created for the athlete and cancel the coach's queued jobs."""
    row = db.get(AthleteAccessRow, access_id)
    if row is None or row.athlete_id != athlete_id or row.revoked_at is not None:
        raise NotFoundError(f"no active coach access with id {access_id} for this athlete")
    row.revoked_at = now
    # What the coach created under this access ends with it (calendar feeds, queued jobs).
    revoke_user_tokens(db, athlete_id, row.coach_user_id, now)
    cancel_jobs_of(db, athlete_id, row.coach_user_id)
    db.flush()
