"""Issue 11 part 5: typed plan events with one codec, and a digest that is not repr()."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from runstrong.core.errors import StorageError
from runstrong.core.model import PlannedSession, SessionKind
from runstrong.services.coach_events import (
    CoachEvent,
    DayAdapted,
    LighterWeek,
    Missed,
    Moved,
    Progression,
    R1Unlock,
    Rebuild,
    Skipped,
    VdotUpdate,
    day_digest,
    decode,
    encode,
)

EVENTS: list[CoachEvent] = [
    Progression(7),
    Missed(("w01-tue-run", "w01-wed-run")),
    R1Unlock("R1: 4 weeks"),
    VdotUpdate(3, 47.25),
    DayAdapted("{}", "ab" * 32, "red", (("R19", "w01-mon-strength", "light"),)),
    LighterWeek(2),
    Rebuild(3),
    Skipped(("w01-wed-run",), ("dropped: easy run",)),
    Moved("2026-12-05", ("w01-thu-run",)),
]


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_every_event_round_trips_through_the_codec(event: CoachEvent) -> None:
    kind, payload = encode(event)
    assert kind in {"adapt", "skip", "move"}
    assert decode(payload) == event


def test_a_malformed_event_names_its_missing_field() -> None:
    with pytest.raises(StorageError) as info:
        decode({"coach": "vdot", "activity_id": 3})
    assert str(info.value) == "plan event 'vdot' has no field 'vdot'"


def test_events_of_other_writers_are_not_coach_events() -> None:
    assert decode({"note": "hand-written"}) is None


def test_day_digest_is_the_plan_format_not_repr() -> None:
    s = PlannedSession(
        id="w01-mon-run", date=dt.date(2026, 11, 30), start=dt.time(7, 0), kind=SessionKind.RUN,
        category="easy", hard=False, duration_min=40.0, load=160.0, distance_km=6.4,
    )  # fmt: skip
    digest = day_digest([s])
    assert digest == day_digest([dataclasses.replace(s)])
    assert digest != day_digest([dataclasses.replace(s, distance_km=6.5)])
    assert (
        len(digest) == 64
        and digest != __import__("hashlib").sha256(repr((s,)).encode()).hexdigest()
    )
