"""Repository functions for users and athletes (see ``storage.repository``).

Core statements on ``storage.schema`` (``storage.rows``): they run on an ORM
``Session`` or a Core ``Connection``, so a saved ``runstrong plan new`` stores its
athlete without importing the ORM.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import select, update

from runstrong.core.errors import InputError
from runstrong.storage.records import AthleteRecord, UserRecord, clean_athlete_name, record_of
from runstrong.storage.revision import bump
from runstrong.storage.rows import forget_orm_copy, inserted, row_by_id
from runstrong.storage.schema import athletes, users

if TYPE_CHECKING:
    from runstrong.storage.rows import Executor


def add_user(
    db: Executor,
    email: str,
    password_hash: str,
    *,
    now: dt.datetime,
    display_name: str = "",
    is_owner: bool = False,
) -> UserRecord:
    """Create a user; an email already taken raises ``InputError``."""
    if get_user_by_email(db, email) is not None:
        raise InputError(f"email {email!r} is already registered: use another address")
    row = inserted(
        db,
        users,
        email=email.strip().lower(),
        password_hash=password_hash,
        display_name=display_name,
        created_at=now,
        is_owner=is_owner,
    )
    return record_of(UserRecord, row)


def get_user(db: Executor, user_id: int) -> UserRecord:
    """The user with ``user_id`` (``NotFoundError`` if none)."""
    return record_of(UserRecord, row_by_id(db, users, user_id, "user"))


def get_user_by_email(db: Executor, email: str) -> UserRecord | None:
    """The user with this email (case-insensitive), if any."""
    row = db.execute(select(users).where(users.c.email == email.strip().lower())).first()
    return None if row is None else record_of(UserRecord, row)


def get_athlete(db: Executor, athlete_id: int) -> AthleteRecord:
    """The athlete with ``athlete_id`` (``NotFoundError`` if none)."""
    return record_of(AthleteRecord, row_by_id(db, athletes, athlete_id, "athlete"))


def find_athlete(
    db: Executor, name: str, *, owner_user_id: int | None = None
) -> AthleteRecord | None:
    """The athlete called ``name`` for this owner (None = the local, ownerless athletes)."""
    owner = athletes.c.owner_user_id
    query = select(athletes).where(
        athletes.c.name == name.strip(),
        owner.is_(None) if owner_user_id is None else owner == owner_user_id,
    )
    row = db.execute(query).first()
    return None if row is None else record_of(AthleteRecord, row)


def list_athletes(db: Executor, *, owner_user_id: int | None = None) -> list[AthleteRecord]:
    """Athletes in creation order; with ``owner_user_id`` only that user's."""
    query = select(athletes).order_by(athletes.c.id)
    if owner_user_id is not None:
        query = query.where(athletes.c.owner_user_id == owner_user_id)
    return [record_of(AthleteRecord, r) for r in db.execute(query)]


def add_athlete(
    db: Executor,
    name: str,
    *,
    now: dt.datetime,
    owner_user_id: int | None = None,
    profile_toml: str | None = None,
) -> AthleteRecord:
    """Create an athlete; the name must be new for this owner (``InputError`` otherwise)."""
    clean = _free_name(db, name, owner_user_id)
    row = inserted(
        db,
        athletes,
        name=clean,
        owner_user_id=owner_user_id,
        profile_toml=profile_toml,
        created_at=now,
    )
    return record_of(AthleteRecord, row)


def set_athlete_profile(
    db: Executor, athlete_id: int, profile_toml: str | None, *, source: str | None = None
) -> None:
    """Store (or clear) an athlete's profile text; with ``source`` also the path of the
    file it was read from (``runstrong plan new``; left as it is without)."""
    if source is None:
        _update_athlete(db, athlete_id, profile_toml=profile_toml)
    else:
        _update_athlete(db, athlete_id, profile_toml=profile_toml, profile_source=source)


def rename_athlete(db: Executor, athlete_id: int, name: str) -> AthleteRecord:
    """Give an athlete a new name, unique for its owner (``InputError`` otherwise)."""
    owner_user_id = get_athlete(db, athlete_id).owner_user_id
    return _update_athlete(db, athlete_id, name=_free_name(db, name, owner_user_id, athlete_id))


def _free_name(
    db: Executor, name: str, owner_user_id: int | None, athlete_id: int | None = None
) -> str:
    """``name`` cleaned; ``InputError`` when another athlete of this owner (any but
    ``athlete_id``) already has it."""
    clean = clean_athlete_name(name)
    other = find_athlete(db, clean, owner_user_id=owner_user_id)
    if other is not None and other.id != athlete_id:
        raise InputError(f"athlete {clean!r} already exists: choose another name")
    return clean


def _update_athlete(db: Executor, athlete_id: int, **values: str | None) -> AthleteRecord:
    query = update(athletes).where(athletes.c.id == athlete_id).values(values)
    row = db.execute(query.returning(*athletes.c)).first()
    if row is None:
        return get_athlete(db, athlete_id)  # raises: no such athlete
    forget_orm_copy(db, athletes, athlete_id)
    bump(db, athlete_id)  # name and profile are read by the coach's views
    return record_of(AthleteRecord, row)
