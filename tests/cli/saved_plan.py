"""One saved plan for the CLI tests that walk the daily coach (``plan skip``, ``plan move``,
``today``): ``examples/athlete.toml``'s plan starting on ``MON``, which is also "today".
The fixtures that set it up live in ``tests/cli/conftest.py`` (``saved_plan_today``,
``plan``); ``week_1`` reads the stored first week back."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from runstrong.cli.db import open_database
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

PROFILE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"
MON = dt.date(2026, 11, 30)  # the plan's first day, and "today"
RED = ["--sleep", "5", "--sleep-quality", "2", "--soreness", "4", "--legs", "2"]


def week_1() -> list[dict[str, Any]]:
    """The sessions of the active plan's first week, as stored."""
    with transaction(open_database()) as s:
        record = repo.find_athlete(s, "Alex Example")
        assert record is not None
        stored = repo.active_plan(s, record.id)
        assert stored is not None
        sessions: list[dict[str, Any]] = json.loads(stored.plan_json)["weeks"][0]["sessions"]
    return sessions
