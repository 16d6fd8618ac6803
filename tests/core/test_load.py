"""Golden tests for core.science.load: session RPE, TRIMP, TSS and the daily series."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.core.errors import InputError
from runstrong.core.model import Sex
from runstrong.core.science.load import (
    banister_trimp,
    banister_trimp_stream,
    daily_loads,
    edwards_trimp,
    edwards_trimp_stream,
    edwards_zone,
    rtss,
    session_load,
    tss_power,
)

REF: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "reference" / "formulas.json").read_text("utf-8")
)
SEX = {"M": Sex.MALE, "F": Sex.FEMALE}


def test_foster_example_week_session_loads() -> None:
    week = REF["foster"]["example_week"]
    loads = [0.0 if s is None else session_load(s[0], s[1]) for s in week["sessions"]]
    assert loads == pytest.approx(week["daily_load"])
    assert sum(loads) == pytest.approx(week["weekly_load"])


@pytest.mark.parametrize(("rpe", "minutes"), [(11, 30), (-1, 30), (5, -10)])
def test_session_load_refuses_bad_input(rpe: float, minutes: float) -> None:
    with pytest.raises(InputError):
        session_load(rpe, minutes)


def test_session_load_message() -> None:
    with pytest.raises(InputError) as exc:
        session_load(12, 30)
    assert str(exc.value) == "session RPE 12 is out of range: use 0 to 10 (CR-10)"


@pytest.mark.parametrize("ex", REF["trimp"]["banister"]["examples"])
def test_banister_trimp_examples(ex: dict[str, Any]) -> None:
    got = banister_trimp(ex["minutes"], ex["hr_avg"], ex["hr_rest"], ex["hr_max"], SEX[ex["sex"]])
    assert got == pytest.approx(ex["trimp"], abs=1e-3)


@pytest.mark.parametrize("ex", REF["trimp"]["banister"]["examples"])
def test_banister_stream_of_constant_hr_equals_average_form(ex: dict[str, Any]) -> None:
    samples = int(ex["minutes"] * 60) + 1
    t_s = [float(i) for i in range(samples)]
    hr = [ex["hr_avg"]] * samples
    got = banister_trimp_stream(t_s, hr, ex["hr_rest"], ex["hr_max"], SEX[ex["sex"]])
    assert got == pytest.approx(ex["trimp"], abs=1e-3)


def test_banister_stream_skips_pauses_and_missing_samples() -> None:
    t_s = [0.0, 60.0, 120.0, 1000.0, 1060.0]
    hr: list[int | None] = [150, None, 150, 150, 150]
    # counted: 0→60 (150), 1000→1060 (150); skipped: missing HR, 880-s pause
    got = banister_trimp_stream(t_s, hr, 50, 190, Sex.MALE, max_gap_s=120)
    assert got == pytest.approx(banister_trimp(2, 150, 50, 190, Sex.MALE))


def test_banister_refuses_rest_above_max() -> None:
    with pytest.raises(InputError) as exc:
        banister_trimp(60, 150, 190, 180, Sex.MALE)
    assert str(exc.value) == (
        "heart rates rest 190 / max 180 bpm are not usable: resting must be 20 bpm or more "
        "and below a maximum of at most 250 bpm"
    )


def test_edwards_example() -> None:
    ex = REF["trimp"]["edwards"]["example"]
    assert edwards_trimp(ex["minutes_in_zones_1_to_5"]) == pytest.approx(ex["trimp"])


def test_edwards_zone_boundaries_include_the_lower_edge() -> None:
    assert [edwards_zone(hr, 200) for hr in (99, 100, 119, 120, 180, 200, 210)] == [
        0,
        1,
        1,
        2,
        5,
        5,
        5,
    ]


def test_edwards_stream_matches_zone_minutes() -> None:
    # 10 min in zone 1 (110 bpm of 200), 5 min in zone 4 (165), 1 min below zone 1
    hr = [110] * 600 + [165] * 300 + [80] * 61
    t_s = [float(i) for i in range(len(hr))]
    assert edwards_trimp_stream(t_s, hr, 200) == pytest.approx(10 * 1 + 5 * 4)


@pytest.mark.parametrize("ex", REF["tss"]["tss_power"]["examples"])
def test_tss_power(ex: dict[str, float]) -> None:
    assert tss_power(ex["hours"] * 3600, ex["IF"] * 250, 250) == pytest.approx(ex["tss"])


@pytest.mark.parametrize("ex", REF["tss"]["rtss"]["examples"])
def test_rtss(ex: dict[str, float]) -> None:
    got = rtss(ex["duration_min"] * 60, ex["ngp_s_per_km"], ex["ftpace_s_per_km"])
    assert got == pytest.approx(ex["rtss"], abs=1e-3)


def test_daily_loads_sums_same_day_and_fills_rest_days() -> None:
    start = dt.date(2026, 11, 2)
    entries = [
        (dt.date(2026, 11, 2), 300.0),
        (dt.date(2026, 11, 4), 200.0),
        (dt.date(2026, 11, 4), 150.0),
        (dt.date(2026, 10, 30), 999.0),  # before the range: ignored
    ]
    assert daily_loads(entries, start, dt.date(2026, 11, 5)) == [300.0, 0.0, 350.0, 0.0]


def test_daily_loads_refuses_reversed_range() -> None:
    with pytest.raises(InputError) as exc:
        daily_loads([], dt.date(2026, 11, 5), dt.date(2026, 11, 1))
    assert str(exc.value) == "end date 2026-11-01 is before start date 2026-11-05"


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=30), st.floats(min_value=0, max_value=2000)),
        max_size=40,
    )
)
def test_daily_loads_preserves_the_total_inside_the_range(
    raw: list[tuple[int, float]],
) -> None:
    start = dt.date(2026, 1, 1)
    entries = [(start + dt.timedelta(days=d), load) for d, load in raw]
    series = daily_loads(entries, start, start + dt.timedelta(days=30))
    assert len(series) == 31
    assert sum(series) == pytest.approx(sum(load for _, load in raw))
