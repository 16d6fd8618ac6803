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
        repo.add_athlete(s, "ben", now=NOW)
        assert resolve_athlete(s, None, now=NOW) == ana
        assert resolve_athlete(s, "zoe", now=NOW) == web
        repo.add_athlete(s, "zoe", now=NOW, owner_user_id=other.id)
        with pytest.raises(InputError, match="several athletes are named 'zoe'"):
            resolve_athlete(s, "zoe", now=NOW)
