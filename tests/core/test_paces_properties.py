"""Invariants of the pace model (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from runstrong.core.errors import ImplausibleResultError
from runstrong.core.science.paces import race_time_s, training_paces, vdot_from_race
from runstrong.core.science.world_records import record_time_s

vdots = st.floats(min_value=20.0, max_value=90.0, allow_nan=False)
distances = st.floats(min_value=1000.0, max_value=100_000.0, allow_nan=False)
FAST = settings(max_examples=60, deadline=None)


@FAST
@given(vdot=vdots, distance_m=distances)
def test_round_trip_time_to_vdot_to_time(vdot: float, distance_m: float) -> None:
    time_s = race_time_s(vdot, distance_m)
    if time_s < record_time_s(distance_m):
        with pytest.raises(ImplausibleResultError):
            vdot_from_race(distance_m, time_s)
        return
    back = vdot_from_race(distance_m, time_s)
    assert back == pytest.approx(vdot, abs=1e-6)
    assert race_time_s(back, distance_m) == pytest.approx(time_s, rel=1e-9)


@FAST
@given(
    distance_m=distances, vdot=st.floats(min_value=20.0, max_value=75.0), gain=st.floats(0.01, 5)
)
def test_faster_result_gives_higher_vdot_and_faster_paces(
    distance_m: float, vdot: float, gain: float
) -> None:
    slow_s = race_time_s(vdot, distance_m)
    fast_s = race_time_s(vdot + gain, distance_m)
    assert fast_s < slow_s
    assume(fast_s >= record_time_s(distance_m))  # faster than the record is rejected (tested apart)
    v_slow, v_fast = vdot_from_race(distance_m, slow_s), vdot_from_race(distance_m, fast_s)
    assert v_fast > v_slow
    p_slow, p_fast = training_paces(v_slow), training_paces(v_fast)
    assert p_fast.easy_s_per_km[0] < p_slow.easy_s_per_km[0]
    assert p_fast.easy_s_per_km[1] < p_slow.easy_s_per_km[1]
    assert p_fast.marathon_s_per_km < p_slow.marathon_s_per_km
    assert p_fast.threshold_s_per_km < p_slow.threshold_s_per_km
    assert p_fast.interval_s_per_km < p_slow.interval_s_per_km
    assert p_fast.repetition_s_per_km < p_slow.repetition_s_per_km


@FAST
@given(vdot=vdots, d1=distances, d2=distances)
def test_time_and_pace_grow_with_distance(vdot: float, d1: float, d2: float) -> None:
    short, long_ = sorted((d1, d2))
    if long_ - short < 1.0:
        return
    t_short, t_long = race_time_s(vdot, short), race_time_s(vdot, long_)
    assert t_long > t_short
    assert t_long / long_ > t_short / short  # longer races are run slower


@FAST
@given(vdot=vdots)
def test_training_paces_are_ordered(vdot: float) -> None:
    p = training_paces(vdot)
    assert p.easy_s_per_km[1] > p.easy_s_per_km[0] > p.marathon_s_per_km
    assert p.marathon_s_per_km > p.threshold_s_per_km > p.interval_s_per_km
    assert p.interval_s_per_km > p.repetition_s_per_km
    per_mile = p.per_mile()
    assert per_mile.threshold_s_per_mile == pytest.approx(p.threshold_s_per_km * 1.609344)


@settings(max_examples=40, deadline=None)
@given(distance_m=distances, v1=st.floats(26.0, 89.0), v2=st.floats(26.0, 89.0))
def test_race_time_strictly_decreasing_in_vdot_across_the_fade_zones(
    distance_m: float, v1: float, v2: float
) -> None:
    low, high = sorted((v1, v2))
    if high - low < 1e-6:
        return
    assert race_time_s(high, distance_m) < race_time_s(low, distance_m)
