"""Frozen records the repositories return for things ``core.model`` has no type for.

The athlete's record and name rules live in :mod:`runstrong.storage.athlete_record`
(a saved ``plan new`` needs only them) and are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, TypeVar

from runstrong.core.model import Activity
from runstrong.storage.athlete_record import DEFAULT_ATHLETE_NAME as DEFAULT_ATHLETE_NAME
from runstrong.storage.athlete_record import AthleteRecord as AthleteRecord
from runstrong.storage.athlete_record import clean_athlete_name as clean_athlete_name

if TYPE_CHECKING:
    from _typeshed import DataclassInstance


@dataclass(frozen=True, slots=True)
class UserRecord:
    """A stored user account (the password hash never leaves the repository layer's callers)."""

    id: int
    email: str
    password_hash: str
    display_name: str
    created_at: dt.datetime
    is_owner: bool


@dataclass(frozen=True, slots=True)
class StoredActivity:
    """An activity with its database id and owner."""

    id: int
    athlete_id: int
    activity: Activity
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StoredPlan:
    """A stored plan document (the plan format's JSON text)."""

    id: int
    athlete_id: int
    created_at: dt.datetime
    active: bool
    format_version: str
    plan_json: str


@dataclass(frozen=True, slots=True)
class StoredPlanEvent:
    """A stored plan change: ``kind`` is skip, move or adapt; ``payload`` its details."""

    id: int
    athlete_id: int
    day: dt.date
    kind: str
    payload: dict[str, object]
    created_at: dt.datetime


_Record = TypeVar("_Record", bound="DataclassInstance")


def record_of(cls: type[_Record], row: object) -> _Record:
    """The record ``cls`` of a row: each field is the row's column of the same name (the
    user, athlete and plan records mirror their tables)."""
    return cls(*(getattr(row, f.name) for f in fields(cls)))
