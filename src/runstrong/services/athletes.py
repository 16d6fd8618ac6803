"""Use cases around athletes: add, list, and pick the athlete a command acts on.

They take a Session or a Core connection (``storage.rows.Executor``): the athlete
repository is Core, so a saved ``runstrong plan new`` picks its athlete without the ORM.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from runstrong.core.athlete import Athlete, check_goal_date, parse_profile_text
from runstrong.core.errors import InputError, NotFoundError
from runstrong.services.profile import check_timezone
from runstrong.storage import repo_accounts as repo
from runstrong.storage.records import DEFAULT_ATHLETE_NAME, AthleteRecord

if TYPE_CHECKING:
    from runstrong.storage.rows import Executor


def add_athlete(session: Executor, name: str, *, now: dt.datetime) -> AthleteRecord:
    """Create a local athlete called ``name``."""
    return repo.add_athlete(session, name, now=now)


def list_athletes(session: Executor) -> list[AthleteRecord]:
    """Every athlete in the database, in creation order."""
    return repo.list_athletes(session)


def resolve_athlete(
    session: Executor,
    name: str | None,
    *,
    now: dt.datetime,
    create_default: bool = True,
    default_id: int | None = None,
) -> AthleteRecord:
    """The athlete a command acts on.

    With ``name``: the local athlete of that name, else the one web-owned
    athlete of that name (``NotFoundError`` naming the known ones if missing).
    Without: the default athlete, which is explicit, never a matter of creation
    order: ``default_id`` (the athlete chosen with ``runstrong athlete use``,
    or recorded when the first one was created), else the only local athlete,
    else the local athlete called "me". With no local athlete at all one called
    "me" is created (if ``create_default``), so a single user never has to think
    about athletes. A web user's athlete (the demo athlete, say) is never picked
    without being named. Several local athletes and no default is an
    ``InputError`` that says how to choose.
    """
    athletes = repo.list_athletes(session)
    if name is not None:
        return _named(athletes, name)
    chosen = [a for a in athletes if a.id == default_id]
    if chosen:
        return chosen[0]
    local = [a for a in athletes if a.owner_user_id is None]
    me = [a for a in local if a.name == DEFAULT_ATHLETE_NAME]
    if len(local) == 1 or me:
        return (me or local)[0]
    if local:
        names = ", ".join(repr(a.name) for a in local)
        raise InputError(
            f"several athletes ({names}) and no default one: name one with --athlete NAME, "
            "or make it the default with: runstrong athlete use NAME"
        )
    if not create_default:
        raise NotFoundError("no athlete yet: add one with: runstrong athlete add NAME")
    return repo.add_athlete(session, DEFAULT_ATHLETE_NAME, now=now)


def _named(athletes: list[AthleteRecord], name: str) -> AthleteRecord:
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


def save_profile_text(session: Executor, athlete_id: int, text: str, *, today: dt.date) -> Athlete:
    """Store ``text`` as the athlete's profile after parsing it like ``runstrong plan new``
    does, with a goal race on or after ``today`` (``check_goal_date``, as onboarding and
    Settings check it); a ``ProfileError`` naming the field is raised and nothing is
    stored if it is not valid. Returns the parsed athlete."""
    athlete = parse_profile_text(text, "profile")
    check_timezone(athlete.timezone, "profile: ")
    check_goal_date(athlete.goal.date, today)
    repo.set_athlete_profile(session, athlete_id, text)
    return athlete
