"""Parsing of hand-logged values; every error names the value and the allowed range."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.core.errors import DurationError, InputError
from runstrong.services.log_input import (
    LB_TO_KG,
    SetSpec,
    check_rpe,
    parse_day,
    parse_duration_s,
    parse_set,
)

TODAY = dt.date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3x8@60kg", SetSpec(3, 8, 60.0)),
        ("1x6@65kg/rpe9", SetSpec(1, 6, 65.0, rpe=9.0)),
        ("3 x 10", SetSpec(3, 10)),
        ("2x5@100/rir2", SetSpec(2, 5, 100.0, rir=2.0)),
        ("3x30s", SetSpec(3, None, duration_s=30.0)),
        ("4×6@22,5kg", SetSpec(4, 6, 22.5)),
    ],
)
def test_set_syntax(text: str, expected: SetSpec) -> None:
    assert parse_set(text) == expected


def test_pounds_are_converted() -> None:
    assert parse_set("1x5@135lb").load_kg == pytest.approx(135 * LB_TO_KG)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("3x", "invalid set '3x': use SETSxREPS[@LOAD(kg|lb)][/rpeN|/rirN], e.g. 3x8@60kg"),
        ("0x5", "invalid set count 0 in '0x5': use 1 to 50 sets"),
        ("1x5@60kg/rpe11", "invalid RPE 11: use a number from 1 to 10"),
        ("1x5@1200kg", "invalid load 1200 kg: use a number from 0 to 1100 kg"),
        ("3x8@2500lb", "invalid load 1133.98 kg: use a number from 0 to 1100 kg"),
    ],
)
def test_set_errors(text: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        parse_set(text)
    assert str(info.value).startswith(message)


@given(st.floats(min_value=1, max_value=10))
def test_rpe_in_range_is_kept(value: float) -> None:
    assert check_rpe(value) == value


@given(st.floats(allow_nan=False).filter(lambda v: not 1 <= v <= 10))
def test_rpe_out_of_range_is_refused(value: float) -> None:
    with pytest.raises(InputError, match="use a number from 1 to 10"):
        check_rpe(value)


@pytest.mark.parametrize(
    ("text", "seconds"), [("45", 2700.0), ("42:30", 2550.0), ("1:05:00", 3900.0), ("0.5", 30.0)]
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration_s(text) == seconds


@pytest.mark.parametrize("text", ["abc", "1:75", "0", "-5", "1:2:3:4", "25:00:00"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(DurationError, match=f"invalid duration '{text}'"):
        parse_duration_s(text)


def test_days() -> None:
    assert parse_day(None, TODAY) == TODAY
    assert parse_day("yesterday", TODAY) == dt.date(2026, 11, 24)
    assert parse_day("2026-11-01", TODAY) == dt.date(2026, 11, 1)
    with pytest.raises(
        InputError, match=r"invalid date 2026-11-26: it is after today \(2026-11-25\)"
    ):
        parse_day("2026-11-26", TODAY)
    with pytest.raises(
        InputError, match="invalid date '26/11': use YYYY-MM-DD, today or yesterday"
    ):
        parse_day("26/11", TODAY)
    with pytest.raises(InputError) as info:
        parse_day("0001-01-01", TODAY)
    assert str(info.value) == (
        "invalid date 0001-01-01: it is before 1900-01-01; use a day from 1900-01-01 to 2026-11-25"
    )
