"""Frozen records the repositories return for things ``core.model`` has no type for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, TypeVar

from runstrong.core.errors import InputError
from runstrong.core.model import Activity

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
class AthleteRecord:
    """A stored athlete; ``profile_toml`` is the athlete profile file's text, if any."""

    id: int
    name: str
    owner_user_id: int | None
    profile_toml: str | None
    created_at: dt.datetime
    profile_source: str | None = None
    """The resolved path of the profile file ``plan new`` stored last (local athletes)."""


DEFAULT_ATHLETE_NAME = "me"
"""The local athlete a first command creates when none is named (``services.athletes``)."""


def clean_athlete_name(name: str) -> str:
    """``name`` without surrounding blanks: 1 to 100 characters (``InputError`` otherwise)."""
    clean = name.strip()
    if not clean or len(clean) > 100:
        raise InputError(f"invalid athlete name {name!r}: use 1 to 100 characters")
    return clean


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
