"""An import and hand logging at the same time (e.g. the web app while the CLI imports)."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from runstrong.services import logging as log_service
from runstrong.services.athletes import resolve_athlete
from runstrong.services.imports import import_paths
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def test_logging_while_an_import_writes(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as s:
        athlete_id = resolve_athlete(s, None, now=NOW).id
    errors: list[BaseException] = []

    def log_days() -> None:
        try:
            for i in range(30):
                with transaction(session_factory) as s:
                    day = dt.date(2026, 1, 1) + dt.timedelta(days=i)
                    log_service.log_wellness(s, athlete_id, day, {"sleep_h": 7 + i % 3})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    writer = threading.Thread(target=log_days)
    writer.start()
    report = import_paths(
        session_factory, [DATA / "python-fitparse"], athlete_id=athlete_id, now=NOW,
        workers=0, batch_size=3,
    )  # fmt: skip
    writer.join()
    assert errors == []
    assert report.imported > 10
    with transaction(session_factory) as s:
        assert len(repo.list_wellness(s, athlete_id)) == 30
        assert repo.count_activities(s, athlete_id) == report.imported
