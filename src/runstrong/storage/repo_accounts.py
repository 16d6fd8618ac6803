"""Repository functions for users and athletes (see ``storage.repository``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from runstrong.core.errors import InputError
from runstrong.storage.base import row_or_missing
from runstrong.storage.records import AthleteRecord, UserRecord, record_of
from runstrong.storage.revision import bump
from runstrong.storage.tables import AthleteRow, UserRow


def add_user(
    session: Session,
    email: str,
    password_hash: str,
    *,
    now: dt.datetime,
    display_name: str = "",
    is_owner: bool = False,
) -> UserRecord:
    """Create a user; an email already taken raises ``InputError``."""
    if get_user_by_email(session, email) is not None:
        raise InputError(f"email {email!r} is already registered: use another address")
    row = UserRow(
        email=email.strip().lower(),
        password_hash=password_hash,
        display_name=display_name,
        created_at=now,
        is_owner=is_owner,
    )
    session.add(row)
    session.flush()
    return record_of(UserRecord, row)


def get_user(session: Session, user_id: int) -> UserRecord:
    """The user with ``user_id`` (``NotFoundError`` if none)."""
    row = row_or_missing(session, UserRow, user_id, "user")
    return record_of(UserRecord, row)


def get_user_by_email(session: Session, email: str) -> UserRecord | None:
    """The user with this email (case-insensitive), if any."""
    row = session.scalar(select(UserRow).where(UserRow.email == email.strip().lower()))
    return None if row is None else record_of(UserRecord, row)


def add_athlete(
    session: Session,
    name: str,
    *,
    now: dt.datetime,
    owner_user_id: int | None = None,
    profile_toml: str | None = None,
) -> AthleteRecord:
    """Create an athlete; the name must be new for this owner (``InputError`` otherwise)."""
    clean = name.strip()
    if not clean or len(clean) > 100:
        raise InputError(f"invalid athlete name {name!r}: use 1 to 100 characters")
    if find_athlete(session, clean, owner_user_id=owner_user_id) is not None:
        raise InputError(f"athlete {clean!r} already exists: choose another name")
    row = AthleteRow(
        name=clean, owner_user_id=owner_user_id, profile_toml=profile_toml, created_at=now
    )
    session.add(row)
    session.flush()
    return record_of(AthleteRecord, row)


def get_athlete(session: Session, athlete_id: int) -> AthleteRecord:
    """The athlete with ``athlete_id`` (``NotFoundError`` if none)."""
    row = row_or_missing(session, AthleteRow, athlete_id, "athlete")
    return record_of(AthleteRecord, row)


def find_athlete(
    session: Session, name: str, *, owner_user_id: int | None = None
) -> AthleteRecord | None:
    """The athlete called ``name`` for this owner (None = the local, ownerless athletes)."""
    owner = (
        AthleteRow.owner_user_id.is_(None)
        if owner_user_id is None
        else AthleteRow.owner_user_id == owner_user_id
    )
    row = session.scalar(select(AthleteRow).where(AthleteRow.name == name.strip(), owner))
    return None if row is None else record_of(AthleteRecord, row)


def list_athletes(session: Session, *, owner_user_id: int | None = None) -> list[AthleteRecord]:
    """Athletes in creation order; with ``owner_user_id`` only that user's."""
    query = select(AthleteRow).order_by(AthleteRow.id)
    if owner_user_id is not None:
        query = query.where(AthleteRow.owner_user_id == owner_user_id)
    return [record_of(AthleteRecord, r) for r in session.scalars(query)]


def set_athlete_profile(session: Session, athlete_id: int, profile_toml: str | None) -> None:
    """Store (or clear) an athlete's profile text."""
    row = row_or_missing(session, AthleteRow, athlete_id, "athlete")
    row.profile_toml = profile_toml
    bump(session, athlete_id)


def rename_athlete(session: Session, athlete_id: int, name: str) -> AthleteRecord:
    """Give an athlete a new name, unique for its owner (``InputError`` otherwise)."""
    row = row_or_missing(session, AthleteRow, athlete_id, "athlete")
    clean = name.strip()
    if not clean or len(clean) > 100:
        raise InputError(f"invalid athlete name {name!r}: use 1 to 100 characters")
    other = find_athlete(session, clean, owner_user_id=row.owner_user_id)
    if other is not None and other.id != athlete_id:
        raise InputError(f"athlete {clean!r} already exists: choose another name")
    row.name = clean
    session.flush()
    bump(session, athlete_id)
    return record_of(AthleteRecord, row)
