"""The API's create schemas become the core records field for field (``to_model``)."""

from __future__ import annotations

import datetime as dt

from runstrong.core.model import Activity, SetEntry, Sport
from runstrong.web.schemas import ActivityCreate


def test_activity_create_keeps_every_field_and_numbers_the_sets() -> None:
    body = ActivityCreate.model_validate(
        {
            "sport": "strength",
            "start": "2026-11-25T07:00:00+01:00",
            "duration_s": 2700,
            "distance_m": None,
            "session_rpe": 7,
            "name": " Gym ",
            "description": "legs",
            "sets": [
                {"exercise": "back squat", "reps": 5, "load_kg": 80, "rpe": 8},
                {"exercise": "plank", "duration_s": 60},
            ],
        }
    )
    start = dt.datetime(2026, 11, 25, 7, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert body.to_model(source_name="web") == Activity(
        sport=Sport.STRENGTH,
        start=start,
        duration_s=2700.0,
        session_rpe=7.0,
        name="Gym",
        description="legs",
        source_format="manual",
        source_name="web",
        sets=(
            SetEntry("back squat", 5, load_kg=80.0, rpe=8.0, order=0),
            SetEntry("plank", None, duration_s=60.0, order=1),
        ),
    )
