"""The daily coach's plan events as typed values, their one codec, and the stable digest
of a day's sessions.

Plan events are stored as (kind, JSON payload) rows; ``payload["coach"]`` names the
event. Code never reads payload keys by string: it decodes a row into one of the
frozen dataclasses below (``decode``) and writes one with ``encode``. A payload that
names a coach event but does not fit it raises ``StorageError`` naming the field.

``day_digest`` fingerprints a day's sessions by their plan-format JSON (sorted keys),
not by ``repr()``: a new field on ``PlannedSession`` with a default, or a Python
upgrade, no longer orphans stored adaptations. Migration ``0002`` rewrote the digests
stored before this (``DIGEST_VERSION`` 2).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from runstrong.core.errors import StorageError
from runstrong.core.model import PlannedSession
from runstrong.exporters.plan_json import _session_dict
from runstrong.storage.records import StoredPlanEvent

DIGEST_VERSION = 2
"""1: sha256 of ``repr()`` (before issue 11); 2: sha256 of the sessions' plan-format JSON."""


@dataclass(frozen=True, slots=True)
class Progression:
    """R14: the lift with this activity id has been followed."""

    activity_id: int


@dataclass(frozen=True, slots=True)
class Missed:
    """R22: these sessions of earlier days had no activity; the week was re-planned."""

    sessions: tuple[str, ...]
    dropped: tuple[tuple[str, str], ...] = ()
    """(session id, why) of each other session the re-plan took out (``coach_drops``):
    the week list shows them "dropped" (empty in older events)."""


@dataclass(frozen=True, slots=True)
class R1Unlock:
    """R1: the third weekly strength session was earned."""

    reason: str


@dataclass(frozen=True, slots=True)
class VdotUpdate:
    """R26: a race or time trial in the log set a new VDOT."""

    activity_id: int
    vdot: float


@dataclass(frozen=True, slots=True)
class DayAdapted:
    """R19–R23: the day's original sessions (a one-week plan document), the digest of
    what the adaptation produced, the readiness and the changes."""

    original: str
    adapted: str
    readiness: str
    changes: tuple[tuple[str, str, str], ...]
    digest: int = DIGEST_VERSION
    sessions: tuple[tuple[str, str], ...] = ()
    """(session id, ``content_digest``) of each session as adapted: what finds its base
    again after a skip or a move re-timed or re-dated it (empty in older events)."""


@dataclass(frozen=True, slots=True)
class LighterWeek:
    """R21: this plan week (index) was made lighter once."""

    week: int


@dataclass(frozen=True, slots=True)
class Rebuild:
    """R21: this plan week (index) was stepped up after a lighter week."""

    week: int


@dataclass(frozen=True, slots=True)
class Skipped:
    """``plan skip``: these sessions were taken out, with the changes it made."""

    sessions: tuple[str, ...]
    changes: tuple[str, ...]
    day_off: str = ""
    """The day (ISO date) the skip made unavailable ("" for one session or a missed
    day): later re-plans of the week keep it free (``days_off``)."""
    dropped: tuple[tuple[str, str], ...] = ()
    """(session id, why) of each session not skipped that the re-plan took out
    (``coach_drops``): the week list shows them "dropped" (empty in older events)."""


@dataclass(frozen=True, slots=True)
class Moved:
    """``plan move``: these sessions moved to the day ``to`` (ISO date)."""

    to: str
    sessions: tuple[str, ...]


CoachEvent = (
    Progression | Missed | R1Unlock | VdotUpdate | DayAdapted | LighterWeek | Rebuild | Skipped
    | Moved
)  # fmt: skip
_CODEC: dict[type[Any], tuple[str, str]] = {
    Progression: ("adapt", "progression"),
    Missed: ("skip", "missed"),
    R1Unlock: ("adapt", "r1_unlock"),
    VdotUpdate: ("adapt", "vdot"),
    DayAdapted: ("adapt", "day"),
    LighterWeek: ("adapt", "lighter_week"),
    Rebuild: ("adapt", "rebuild"),
    Skipped: ("skip", "skip"),
    Moved: ("move", "move"),
}
_BY_NAME = {name: cls for cls, (_kind, name) in _CODEC.items()}
E = TypeVar("E")


def _plain(value: object) -> object:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def encode(event: CoachEvent) -> tuple[str, dict[str, object]]:
    """(row kind, JSON payload) of a coach event."""
    kind, name = _CODEC[type(event)]
    body: dict[str, object] = {"coach": name}
    for f in dataclasses.fields(event):
        body[f.name] = _plain(getattr(event, f.name))
    return kind, body


def _field(name: str, payload: dict[str, Any], f: dataclasses.Field[Any]) -> object:
    if f.name not in payload:
        if f.default is not dataclasses.MISSING:
            return 1 if f.name == "digest" else f.default  # stored before digest v2
        raise StorageError(f"plan event {name!r} has no field {f.name!r}")
    value = payload[f.name]
    kind = str(f.type)
    if kind.startswith("tuple[tuple"):
        return tuple(tuple(str(x) for x in item) for item in value)
    if kind.startswith("tuple"):
        return tuple(str(x) for x in value)
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return str(value)


def decode(payload: dict[str, Any]) -> CoachEvent | None:
    """The typed event of a stored payload; None for events the coach did not write."""
    name = payload.get("coach")
    cls = _BY_NAME.get(str(name)) if name is not None else None
    if cls is None:
        return None
    try:
        values = {f.name: _field(str(name), payload, f) for f in dataclasses.fields(cls)}
    except (TypeError, ValueError) as exc:
        raise StorageError(f"plan event {name!r} is malformed: {exc}") from None
    event: CoachEvent = cls(**values)
    return event


def of_type(events: Sequence[StoredPlanEvent], cls: type[E]) -> list[tuple[StoredPlanEvent, E]]:
    """The stored events that decode to ``cls``, with their rows (oldest first)."""
    out = []
    for row in events:
        event = decode(row.payload)
        if isinstance(event, cls):
            out.append((row, event))
    return out


def days_off(events: Sequence[StoredPlanEvent], first: dt.date, end: dt.date) -> frozenset[dt.date]:
    """R22: the days from ``first`` up to ``end`` (exclusive) that ``plan skip`` made
    unavailable: no later re-plan puts a session there."""
    days = (dt.date.fromisoformat(e.day_off) for _, e in of_type(events, Skipped) if e.day_off)
    return frozenset(d for d in days if first <= d < end)


def day_digest(sessions: Sequence[PlannedSession]) -> str:
    """A stable fingerprint of a day's sessions: sha256 of their plan-format JSON."""
    doc = [_session_dict(s) for s in sessions]
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


PLACEMENT_KEYS = ("date", "start", "why")
"""What re-planning (``plan skip``/``plan move``, R22) changes about a session without
changing the session itself: its day, its start time and the notes saying so."""


def content_digest(s: PlannedSession) -> str:
    """A fingerprint of one session's content, leaving out ``PLACEMENT_KEYS``: a
    session re-timed or moved to another day keeps it."""
    doc = {k: v for k, v in _session_dict(s).items() if k not in PLACEMENT_KEYS}
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
