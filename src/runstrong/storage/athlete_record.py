"""The stored athlete's record and name rules, apart from the other records.

A saved ``runstrong plan new`` on a SQLite file at the newest schema
(``storage.sqlite_file``) needs this one record class; :mod:`runstrong.storage.records`
(which re-exports it) makes five more frozen dataclasses, about 1 % of that command
(issue 11 item 8, docs/benchmarks.md). Standard library and ``core.errors`` only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from runstrong.core.errors import InputError


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
