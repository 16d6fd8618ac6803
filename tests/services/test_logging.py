"""Hand logging: lifts append to the day's session, runs, wellness upserts, session RPE."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.errors import InputError, NotFoundError, cli_message
from runstrong.core.model import Sport, Wellness
from runstrong.services import logging as service
from runstrong.services.log_input import parse_set
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

NOW = dt.datetime(2026, 11, 25, 18, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 25)
TZ = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def athlete_id(session_factory: sessionmaker[Session]) -> int:
    with transaction(session_factory) as s:
        return repo.add_athlete(s, "ana", now=NOW).id


def test_lift_sets_and_session(session_factory: sessionmaker[Session], athlete_id: int) -> None:
    with transaction(session_factory) as s:
        first = service.log_lift(
            s,
            athlete_id,
            day=DAY,
            tz=TZ,
            exercise="romanian deadlift",
            sets=[parse_set("3x8@60kg"), parse_set("1x6@65kg/rpe9")],
            rpe=8,
            duration_s=2700.0,
            now=NOW,
        )
        second = service.log_lift(
            s, athlete_id, day=DAY, tz=TZ, exercise="seated calf raise", sets=[parse_set("2x15")],
            rir=2, session_rpe=7, now=NOW,
        )  # fmt: skip
    assert not first.appended
    assert second.appended
    assert second.activity_id == first.activity_id
    with transaction(session_factory) as s:
        activity = repo.get_activity(s, first.activity_id).activity
    assert activity.sport is Sport.STRENGTH
    assert activity.duration_s == 2700.0
    assert activity.session_rpe == 7
    assert activity.start == dt.datetime(2026, 11, 25, 12, 0, tzinfo=TZ)
    assert [(e.reps, e.load_kg, e.rpe, e.rir, e.order) for e in activity.sets] == [
        (8, 60.0, 8.0, None, 0),
        (8, 60.0, 8.0, None, 1),
        (8, 60.0, 8.0, None, 2),
        (6, 65.0, 9.0, None, 3),
        (15, None, None, 2.0, 4),
        (15, None, None, 2.0, 5),
    ]
    assert activity.sets[0].exercise == "Romanian deadlift"


def test_lift_without_minutes_gets_an_estimated_length(
    session_factory: sessionmaker[Session], athlete_id: int
) -> None:
    """QA: a lift logged without --minutes had duration 0 and so no session-RPE load."""
    with transaction(session_factory) as s:
        first = service.log_lift(
            s, athlete_id, day=DAY, tz=TZ, exercise="back squat", sets=[parse_set("3x5@80kg")],
            rpe=8, now=NOW,
        )  # fmt: skip
        service.log_lift(
            s, athlete_id, day=DAY, tz=TZ, exercise="hip thrust", sets=[parse_set("3x10@60kg")],
            now=NOW,
        )  # fmt: skip
    with transaction(session_factory) as s:
        activity = repo.get_activity(s, first.activity_id).activity
    assert activity.duration_s == 6 * service.SECONDS_PER_SET


def test_exercise_typo_gets_suggestions(
    session_factory: sessionmaker[Session], athlete_id: int
) -> None:
    with transaction(session_factory) as s, pytest.raises(InputError) as info:
        service.log_lift(
            s, athlete_id, day=DAY, tz=TZ, exercise="Romanian dedlift",
            sets=[parse_set("3x8")], now=NOW,
        )  # fmt: skip
    assert str(info.value).startswith("unknown exercise 'Romanian dedlift': did you mean: ")
    assert "Romanian deadlift" in str(info.value)
    assert str(info.value).endswith("?")  # the message is neutral; the CLI adds its option
    assert cli_message(info.value).endswith("? (use --new-exercise to log it as written)")
    with transaction(session_factory) as s:
        logged = service.log_lift(
            s, athlete_id, day=DAY, tz=TZ, exercise="Sled push", sets=[parse_set("4x1")],
            now=NOW, allow_new=True,
        )  # fmt: skip
        assert logged.exercise == "Sled push"
        # once logged, the name is known for this athlete
        again = service.log_lift(
            s, athlete_id, day=DAY, tz=TZ, exercise="sled push", sets=[parse_set("1x1")], now=NOW
        )
        assert again.exercise == "Sled push"


def test_rpe_and_rir_together_are_refused(
    session_factory: sessionmaker[Session], athlete_id: int
) -> None:
    with transaction(session_factory) as s, pytest.raises(InputError, match="not both"):
        service.log_lift(
            s, athlete_id, day=DAY, tz=TZ, exercise="squat", sets=[parse_set("1x5")],
            rpe=8, rir=2, now=NOW,
        )  # fmt: skip


def test_run_and_session_rpe(session_factory: sessionmaker[Session], athlete_id: int) -> None:
    """R19, R23: session RPE can be set on any activity (the load metrics need it)."""
    with transaction(session_factory) as s:
        run_id = service.log_run(
            s, athlete_id, day=DAY, tz=TZ, distance_m=8000, duration_s=2400, rpe=4, now=NOW
        )
        updated = service.set_session_rpe(s, run_id, 6)
        assert updated.session_rpe == 6
        assert updated.distance_m == 8000
        with pytest.raises(InputError, match="invalid RPE 11: use a number from 1 to 10"):
            service.set_session_rpe(s, run_id, 11)
        with pytest.raises(NotFoundError, match="no activity with id 4242"):
            service.set_session_rpe(s, 4242, 5)
        with pytest.raises(InputError, match="invalid distance 0 km"):
            service.log_run(s, athlete_id, day=DAY, tz=TZ, distance_m=0, duration_s=60, now=NOW)


def test_wellness_edits_only_given_fields(
    session_factory: sessionmaker[Session], athlete_id: int
) -> None:
    """R18, R25: one editable readiness check-in per day, kept beside the sessions."""
    with transaction(session_factory) as s:
        service.log_wellness(s, athlete_id, DAY, {"sleep_h": 7.5, "stress": 2, "notes": "ok"})
        stored = service.log_wellness(s, athlete_id, DAY, {"stress": 4, "hrv_ms": 62})
    assert stored == Wellness(day=DAY, sleep_h=7.5, stress=4, hrv_ms=62.0, notes="ok")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"stress": 7}, "invalid stress 7: use a whole number from 1 to 5"),
        ({"mood": 3.5}, "invalid mood 3.5: use a whole number from 1 to 5"),
        ({"sleep_h": 25}, "invalid sleep hours 25: use a number from 0 to 24"),
        ({"body_mass_kg": 5}, "invalid body mass 5 kg: use a number from 20 to 400"),
        ({"low_back_fatigue": 0}, "invalid lower back fatigue 0: use a whole number from 1 to 5"),
    ],
)
def test_wellness_ranges(
    session_factory: sessionmaker[Session],
    athlete_id: int,
    changes: dict[str, float],
    message: str,
) -> None:
    with transaction(session_factory) as s, pytest.raises(InputError) as info:
        service.log_wellness(s, athlete_id, DAY, changes)
    assert str(info.value) == message


def test_log_lines(session_factory: sessionmaker[Session], athlete_id: int) -> None:
    with transaction(session_factory) as s:
        service.log_run(
            s, athlete_id, day=DAY, tz=TZ, distance_m=10_000, duration_s=3000, rpe=5, now=NOW
        )
        service.log_wellness(s, athlete_id, DAY, {"sleep_h": 8})
        lines = service.log_lines(s, athlete_id, since=DAY, tz=TZ)
    assert [(line.kind, line.summary, line.rpe) for line in lines] == [
        ("running", "Run (logged), 10 km, 50:00", 5.0),
        ("wellness", "sleep 8h", None),
    ]
