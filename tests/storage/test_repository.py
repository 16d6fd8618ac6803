"""Repository functions store and return core dataclasses unchanged (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.errors import InputError, NotFoundError
from runstrong.core.model import Activity, Lap, SetEntry, Sport, Streams, Wellness
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
CET = dt.timezone(dt.timedelta(hours=1))


def _activity(**changes: object) -> Activity:
    base = Activity(
        sport=Sport.RUNNING,
        start=dt.datetime(2026, 11, 20, 7, 30, 5, 250_000, tzinfo=CET),
        duration_s=3600.5,
        moving_time_s=3550.0,
        distance_m=10_012.3,
        elevation_gain_m=55.0,
        avg_hr_bpm=148.2,
        max_hr_bpm=171.0,
        avg_cadence_spm=172.0,
        calories_kcal=700.0,
        sub_sport="trail",
        name="Morning run",
        description="easy",
        device="garmin fr965",
        source_format="fit",
        source_name="a.fit",
        source_hash="abc",
        event_id="abc",
        laps=(Lap(start=dt.datetime(2026, 11, 20, 6, 30, 5, tzinfo=dt.UTC), duration_s=1800.0),),
        sets=(SetEntry(exercise="Squat", reps=5, load_kg=80.0, rpe=8.0, order=0),),
        streams=Streams(t_s=(0.0, 1.0, 2.0), heart_rate_bpm=(120, None, 130)),
    )
    return Activity(**{**{f: getattr(base, f) for f in base.__dataclass_fields__}, **changes})  # type: ignore[arg-type]


def test_activity_round_trip_keeps_everything(session_factory: sessionmaker[Session]) -> None:
    original = _activity()
    with transaction(session_factory) as s:
        athlete = repo.add_athlete(s, "ana", now=NOW)
        activity_id = repo.add_activity(s, athlete.id, original, now=NOW)
    with transaction(session_factory) as s:
        stored = repo.get_activity(s, activity_id)
    assert stored.activity == original
    assert stored.activity.start.utcoffset() == dt.timedelta(hours=1)
    assert stored.athlete_id == athlete.id


def test_every_reader_maps_a_row_the_same_way(session_factory: sessionmaker[Session]) -> None:
    """The repository and the statistics' whole-log read share one row → Activity mapping
    (storage.mapping): only laps and streams are left out by the fast reader, every other
    field comes back the same; the activities list's page read returns the fields it
    shows with the same values, and one stored activity maps to the same item."""
    from runstrong.services.log_list import activity_item, activity_items, wellness_page
    from runstrong.services.stats_query import activity_log, wellness_log

    sets = (SetEntry("Squat", 5, 80.0, rpe=8.0, rir=2.0, duration_s=40.0, start=NOW, order=0),)
    original = _activity(session_rpe=6.5, avg_power_w=250.0, leg_index=1, sets=sets)
    check_in = Wellness(dt.date(2026, 11, 20), sleep_h=7.5, mood=4, notes="fine")
    with transaction(session_factory) as s:
        athlete = repo.add_athlete(s, "ana", now=NOW)
        repo.add_activity(s, athlete.id, original, now=NOW)
        repo.put_wellness(s, athlete.id, check_in)
    with transaction(session_factory) as s:
        (whole,) = repo.list_activities(s, athlete.id)
        (logged,) = activity_log(s, athlete.id)
        (listed,) = activity_items(s, athlete.id).items
        wellness = (repo.list_wellness(s, athlete.id), wellness_log(s, athlete.id))
        wellness += (wellness_page(s, athlete.id)[0],)
    summary = dataclasses.replace(original, laps=(), streams=Streams())
    assert whole.activity == dataclasses.replace(original, streams=Streams())
    assert logged.activity == summary
    assert logged.id == listed["id"] == whole.id and logged.created_at == NOW
    assert listed["start"] == original.start and listed["start"].utcoffset() == dt.timedelta(
        hours=1
    )
    shown = ("duration_s", "distance_m", "avg_hr_bpm", "session_rpe", "name", "source_format")
    assert {k: listed[k] for k in shown} == {k: getattr(original, k) for k in shown}
    assert (listed["sport"], listed["athlete_id"]) == (original.sport.value, athlete.id)
    assert list(listed["sets"]) == [{"exercise": "Squat", "reps": 5, "load_kg": 80.0, "rpe": 8.0}]
    assert activity_item(whole) == {**listed, "sets": list(listed["sets"])}
    assert wellness == ([check_in],) * 3


def test_same_hash_and_leg_is_refused_whole(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as s:
        athlete = repo.add_athlete(s, "ana", now=NOW)
        repo.add_activity(s, athlete.id, _activity(), now=NOW)
        with pytest.raises(IntegrityError):
            repo.add_activity(s, athlete.id, _activity(name="again"), now=NOW)
        repo.add_activity(s, athlete.id, _activity(leg_index=1), now=NOW)
    with transaction(session_factory) as s:
        assert repo.count_activities(s, athlete.id) == 2
        assert len(repo.list_activities(s, athlete.id)) == 2


def test_athlete_names_are_unique(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as s:
        repo.add_athlete(s, "ana", now=NOW)
        with pytest.raises(InputError, match="athlete 'ana' already exists: choose another name"):
            repo.add_athlete(s, " ana ", now=NOW)
        assert [a.name for a in repo.list_athletes(s)] == ["ana"]


def test_wellness_is_one_row_per_day_and_editable(session_factory: sessionmaker[Session]) -> None:
    day = dt.date(2026, 11, 24)
    with transaction(session_factory) as s:
        athlete = repo.add_athlete(s, "ana", now=NOW)
        repo.put_wellness(s, athlete.id, Wellness(day=day, sleep_h=7.5, stress=2))
        repo.put_wellness(s, athlete.id, Wellness(day=day, sleep_h=8.0, mood=4))
    with transaction(session_factory) as s:
        assert repo.list_wellness(s, athlete.id) == [Wellness(day=day, sleep_h=8.0, mood=4)]


def test_session_rpe_and_not_found(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as s:
        athlete = repo.add_athlete(s, "ana", now=NOW)
        activity_id = repo.add_activity(s, athlete.id, _activity(), now=NOW)
        repo.set_session_rpe(s, activity_id, 7.0)
        assert repo.get_activity(s, activity_id).activity.session_rpe == 7.0
        with pytest.raises(NotFoundError, match="no activity with id 999"):
            repo.set_session_rpe(s, 999, 5.0)


def test_deleting_an_athlete_deletes_their_log(session_factory: sessionmaker[Session]) -> None:
    from runstrong.storage.tables import AthleteRow, LapRow

    with transaction(session_factory) as s:
        athlete = repo.add_athlete(s, "ana", now=NOW)
        repo.add_activity(s, athlete.id, _activity(), now=NOW)
    with transaction(session_factory) as s:
        s.delete(s.get(AthleteRow, athlete.id))
    with transaction(session_factory) as s:
        assert repo.count_activities(s) == 0
        assert s.query(LapRow).count() == 0


def test_plans_keep_one_active(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as s:
        athlete = repo.add_athlete(s, "ana", now=NOW)
        repo.add_plan(s, athlete.id, '{"a": 1}', format_version="1.0", now=NOW)
        second = repo.add_plan(s, athlete.id, '{"a": 2}', format_version="1.0", now=NOW)
        assert repo.active_plan(s, athlete.id) == second
        assert [p.active for p in repo.list_plans(s, athlete.id)] == [False, True]
        event = repo.add_plan_event(s, athlete.id, NOW.date(), "skip", {"id": "w1d1"}, now=NOW)
        assert repo.list_plan_events(s, athlete.id) == [event]
        with pytest.raises(InputError, match="invalid plan event kind 'drop'"):
            repo.add_plan_event(s, athlete.id, NOW.date(), "drop", {}, now=NOW)
