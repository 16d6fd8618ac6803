"""An import asks its commit guard before each batch commits (issue 14: a job whose
coach lost access stops at its commit point): a reason rolls the open batch back, so
nothing of it is stored, while batches committed earlier stay."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from runstrong.services.imports import ImportCancelled, import_paths
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

DATA = Path(__file__).resolve().parents[1] / "data" / "activities" / "python-fitparse"
FILES = [
    DATA / "activity-small-fenix2-run.fit",
    DATA / "2013-02-06-12-11-14.fit",
    DATA / "garmin-fenix-5-bike.fit",
]
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.postgres


class Guard:
    """Lets ``allowed`` commits through, then refuses; records what it saw."""

    def __init__(self, allowed: int) -> None:
        self.allowed = allowed
        self.asked: list[bool] = []

    def __call__(self, session: Session) -> str | None:
        self.asked.append(session.in_transaction())
        return None if len(self.asked) <= self.allowed else "access ended"


def _athlete(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as s:
        return repo.add_athlete(s, "ana", now=NOW).id


def _count(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as s:
        return repo.count_activities(s)


def test_the_guard_lets_every_batch_through(session_factory: sessionmaker[Session]) -> None:
    athlete = _athlete(session_factory)
    guard = Guard(allowed=99)
    report = import_paths(
        session_factory, FILES, athlete_id=athlete, now=NOW, workers=0, commit_guard=guard
    )
    assert report.imported == 3 and _count(session_factory) == 3
    assert guard.asked == [True]  # one batch, asked inside its transaction


def test_a_refusal_rolls_the_whole_open_batch_back(session_factory: sessionmaker[Session]) -> None:
    athlete = _athlete(session_factory)
    with pytest.raises(ImportCancelled) as stop:
        import_paths(
            session_factory, FILES, athlete_id=athlete, now=NOW, workers=0, commit_guard=Guard(0)
        )
    assert stop.value.reason == "access ended" and stop.value.stored == 0
    assert _count(session_factory) == 0


def test_batches_committed_before_the_refusal_stay(session_factory: sessionmaker[Session]) -> None:
    athlete = _athlete(session_factory)
    guard = Guard(allowed=1)
    with pytest.raises(ImportCancelled) as stop:
        import_paths(
            session_factory,
            FILES,
            athlete_id=athlete,
            now=NOW,
            workers=0,
            batch_size=1,
            commit_guard=guard,
        )
    assert stop.value.stored == 1
    assert guard.asked == [True, True]  # the third file was never written
    assert _count(session_factory) == 1
    # Nothing half-written: running the import again (access restored) finishes the rest.
    rerun = import_paths(session_factory, FILES, athlete_id=athlete, now=NOW, workers=0)
    assert (rerun.imported, rerun.duplicates) == (2, 1)
