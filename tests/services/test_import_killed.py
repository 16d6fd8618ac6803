"""A killed import (SIGKILL, no clean-up at all) leaves a consistent database; a re-run finishes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from runstrong.services.imports import import_paths
from runstrong.storage import repository as repo
from runstrong.storage.db import make_engine, make_session_factory, transaction
from runstrong.storage.migrate import upgrade

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
FILES = sorted(
    p
    for p in (DATA / "python-fitparse").glob("*.fit")
    if p.name.startswith(("20", "garmin-fenix-5", "sample-activity", "developer", "compressed"))
)
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)

CHILD = """
import datetime as dt, sys
from pathlib import Path
from runstrong.services.imports import import_paths
from runstrong.storage.db import make_engine, make_session_factory
factory = make_session_factory(make_engine(sys.argv[1]))
paths = [Path(p) for p in sys.argv[2:]]
now = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
import_paths(factory, paths, athlete_id=1, now=now, workers=0, batch_size=1,
             on_progress=lambda p: __import__("time").sleep(0.3))
"""


@pytest.mark.slow
def test_sigkill_mid_import(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'killed.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    factory = make_session_factory(engine)
    with transaction(factory) as s:
        athlete = repo.add_athlete(s, "ana", now=NOW).id
    assert athlete == 1
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, url, *map(str, FILES)],
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with transaction(factory) as s:
                if repo.count_activities(s) >= 2:
                    break
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    with transaction(factory) as s:
        partial = repo.count_activities(s)
    assert 2 <= partial < len(FILES)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        # every stored activity is whole: its stream blob came with it
        orphans = connection.execute(
            text(
                "SELECT count(*) FROM activities a LEFT JOIN activity_streams s "
                "ON s.activity_id = a.id WHERE s.activity_id IS NULL"
            )
        ).scalar_one()
    assert orphans == 0
    rerun = import_paths(factory, FILES, athlete_id=athlete, now=NOW, workers=0)
    assert rerun.duplicates == partial
    full = import_paths(factory, FILES, athlete_id=athlete, now=NOW, workers=0)
    assert full.imported == 0
    with transaction(factory) as s:
        assert repo.count_activities(s) == partial + rerun.imported
    engine.dispose()
