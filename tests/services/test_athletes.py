"""Which athlete a command acts on."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.errors import InputError, NotFoundError
from runstrong.services.athletes import resolve_athlete
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def test_default_athlete_is_created_once(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as s:
        first = resolve_athlete(s, None, now=NOW)
        assert first.name == "me"
        assert resolve_athlete(s, None, now=NOW) == first
        with pytest.raises(NotFoundError):
            resolve_athlete(s, "ana", now=NOW)


def test_first_local_athlete_and_web_athletes(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as s:
        coach = repo.add_user(s, "c@example.org", "hash", now=NOW)
        other = repo.add_user(s, "d@example.org", "hash", now=NOW)
        web = repo.add_athlete(s, "zoe", now=NOW, owner_user_id=coach.id)
        ana = repo.add_athlete(s, "ana", now=NOW)
        ben = repo.add_athlete(s, "ben", now=NOW)
        # Two local athletes and no default: an error that says how to choose, not "the first".
        with pytest.raises(InputError, match=r"several athletes \('ana', 'ben'\) and no default"):
            resolve_athlete(s, None, now=NOW)
        assert resolve_athlete(s, None, now=NOW, default_id=ben.id) == ben
        assert resolve_athlete(s, None, now=NOW, default_id=ana.id) == ana
        assert resolve_athlete(s, "zoe", now=NOW) == web
        repo.add_athlete(s, "zoe", now=NOW, owner_user_id=other.id)
        with pytest.raises(InputError, match="several athletes are named 'zoe'"):
            resolve_athlete(s, "zoe", now=NOW)


def test_a_web_athlete_is_never_picked_without_its_name(
    session_factory: sessionmaker[Session],
) -> None:
    with transaction(session_factory) as s:
        coach = repo.add_user(s, "c@example.org", "hash", now=NOW)
        repo.add_athlete(s, "Demo athlete", now=NOW, owner_user_id=coach.id)
        me = resolve_athlete(s, None, now=NOW)
        assert (me.name, me.owner_user_id) == ("me", None)


def test_me_is_the_default_among_several(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as s:
        repo.add_athlete(s, "ana", now=NOW)
        me = repo.add_athlete(s, "me", now=NOW)
        assert resolve_athlete(s, None, now=NOW) == me
