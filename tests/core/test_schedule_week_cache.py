"""The scheduler's week cache (``schedule._week_key``) keys a week on ``Demand.type_key``:
every field of a demand but its session key must be in it, or two weeks the search would
solve differently share one optimum (issue 11: a new field must not slip past it)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from runstrong.core.model import SessionKind
from runstrong.core.planning.schedule_costs import Demand

BASE = Demand(key="w1-easy", kind=SessionKind.RUN, category="easy", duration_min=40)


def _other(value: object) -> object:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 5
    if isinstance(value, SessionKind):
        return SessionKind.STRENGTH if value is SessionKind.RUN else SessionKind.RUN
    if isinstance(value, str):
        return value + "-other"
    if value is None:
        return dt.date(2027, 1, 4)
    raise AssertionError(f"no other value for {value!r}: extend _other")


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Demand) if f.name != "key"])
def test_every_field_but_the_key_changes_the_type_key(name: str) -> None:
    changed = dataclasses.replace(BASE, **{name: _other(getattr(BASE, name))})
    assert changed.type_key() != BASE.type_key()


def test_the_session_key_does_not_change_the_type_key() -> None:
    assert dataclasses.replace(BASE, key="w2-easy").type_key() == BASE.type_key()
