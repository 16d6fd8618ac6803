"""Use cases around athletes: add, list, and pick the athlete a command acts on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from runstrong.core.errors import InputError, NotFoundError
from runstrong.storage import repository as repo
from runstrong.storage.records import AthleteRecord

DEFAULT_ATHLETE_NAME = "me"


def add_athlete(session: Session, name: str, *, now: dt.datetime) -> AthleteRecord:
    """Create a local athlete called ``name``."""
    return repo.add_athlete(session, name, now=now)


def list_athletes(session: Session) -> list[AthleteRecord]:
    """Every athlete in the database, in creation order."""
    return repo.list_athletes(session)


def resolve_athlete(
    session: Session, name: str | None, *, now: dt.datetime, create_default: bool = True
) -> AthleteRecord:
    """The athlete a command acts on.

    With ``name``: the local athlete of that name, else the one web-owned
    athlete of that name (``NotFoundError`` naming the known ones if missing).
    Without: the only athlete, or the first one created when there
    are several; with none at all an athlete called ``"me"`` is created (if
    ``create_default``), so a single user never has to think about athletes.
    """
    athletes = repo.list_athletes(session)
    if name is not None:
        wanted = name.strip()
        matches = [a for a in athletes if a.name == wanted]
        local = [a for a in matches if a.owner_user_id is None]
        if local:
            return local[0]
        if len(matches) == 1:  # a web user's athlete, unambiguous by name
            return matches[0]
        if matches:
            ids = ", ".join(str(a.id) for a in matches)
            raise InputError(f"several athletes are named {wanted!r} (ids {ids}): rename one")
        known = ", ".join(repr(a.name) for a in athletes) or "none yet"
        raise NotFoundError(
            f"no athlete named {name!r} (known: {known}); add one with: runstrong athlete add NAME"
        )
    local = [a for a in athletes if a.owner_user_id is None] or athletes
    if local:
        return local[0]
    if not create_default:
        raise NotFoundError("no athlete yet: add one with: runstrong athlete add NAME")
    return repo.add_athlete(session, DEFAULT_ATHLETE_NAME, now=now)
