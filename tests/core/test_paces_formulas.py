"""Formula vectors from formulas.json: Daniels-Gilbert, Riegel, HRmax, Karvonen, Friel zones.

Plus the record limit and the goal check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from runstrong.core.errors import DistanceError, DurationError, ImplausibleResultError, InputError
from runstrong.core.science.daniels import (
    oxygen_cost_ml_kg_min,
    raw_race_time_s,
    raw_vdot,
    sustainable_fraction,
    velocity_for_vo2_m_per_min,
)
from runstrong.core.science.heart_rate import karvonen_target_bpm
from runstrong.core.science.paces import (
    analyse_race,
    goal_check,
    hr_zones_karvonen,
    hr_zones_lthr,
    hrmax_fox,
    hrmax_tanaka,
    race_time_s,
    riegel_time_s,
    training_paces,
    vdot_from_race,
)
from runstrong.core.science.world_records import WORLD_RECORDS, record_time_s
from runstrong.core.units import STANDARD_DISTANCES_M

FORMULAS: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[1] / "data" / "reference" / "formulas.json").read_text(
        encoding="utf-8"
    )
)
DISTANCES: dict[str, float] = FORMULAS["vdot"]["distances_m"]


@pytest.mark.parametrize("case", FORMULAS["vdot"]["formula_examples"], ids=lambda c: str(c))
def test_daniels_gilbert_vectors(case: dict[str, Any]) -> None:
    velocity = case["distance_m"] / (case["time_s"] / 60)
    assert velocity == pytest.approx(case["velocity_m_per_min"], rel=1e-6)
    assert oxygen_cost_ml_kg_min(velocity) == pytest.approx(case["vo2_cost"], rel=1e-6)
    assert sustainable_fraction(case["time_s"] / 60) == pytest.approx(
        case["fraction_vo2max"], rel=1e-6
    )
    assert raw_vdot(case["distance_m"], case["time_s"]) == pytest.approx(case["vdot"], rel=1e-6)
    assert raw_race_time_s(case["vdot"], case["distance_m"]) == pytest.approx(
        case["time_s"], rel=1e-6
    )


@pytest.mark.parametrize("vo2", [20.0, 45.5, 80.0])
def test_velocity_for_vo2_inverts_the_cost_equation(vo2: float) -> None:
    assert oxygen_cost_ml_kg_min(velocity_for_vo2_m_per_min(vo2)) == pytest.approx(vo2)


@pytest.mark.parametrize("case", FORMULAS["riegel"], ids=lambda c: f"{c['from']}->{c['to']}")
def test_riegel_vectors(case: dict[str, Any]) -> None:
    d1, d2 = DISTANCES[case["from"]], DISTANCES[case["to"]]
    assert riegel_time_s(case["from_time_s"], d1, d2) == pytest.approx(
        case["predicted_s"], abs=1e-3
    )
    assert riegel_time_s(case["from_time_s"], d1, d2, exponent=1.07) == pytest.approx(
        case["predicted_s_exp_1.07"], abs=1e-2
    )


def test_riegel_rejects_bad_input() -> None:
    with pytest.raises(InputError, match=r"^invalid Riegel exponent 2: use 1\.0 to 1\.2$"):
        riegel_time_s(1200, 5000, 10000, exponent=2)
    with pytest.raises(InputError, match="positive time"):
        riegel_time_s(0, 5000, 10000)


HEART = FORMULAS["heart_rate"]


@pytest.mark.parametrize("case", HEART["hrmax_equations"]["vectors"], ids=lambda c: str(c["age"]))
def test_hrmax_vectors(case: dict[str, Any]) -> None:
    assert hrmax_tanaka(case["age"]) == pytest.approx(case["tanaka"])
    assert hrmax_fox(case["age"]) == pytest.approx(case["fox"])


def test_hrmax_rejects_impossible_age() -> None:
    with pytest.raises(InputError) as info:
        hrmax_tanaka(3)
    assert str(info.value) == "invalid age 3: use 10 to 100 years"


@pytest.mark.parametrize("case", HEART["karvonen"]["vectors"], ids=lambda c: str(c))
def test_karvonen_vectors(case: dict[str, Any]) -> None:
    assert karvonen_target_bpm(case["hr_max"], case["hr_rest"], case["intensity"]) == (
        pytest.approx(case["thr"])
    )


def test_karvonen_zones_are_ten_percent_bands_of_reserve() -> None:
    zones = hr_zones_karvonen(190, 50)
    assert [z.name for z in zones] == ["Z1", "Z2", "Z3", "Z4", "Z5"]
    bounds = [bpm for z in zones for bpm in (z.low_bpm, z.high_bpm)]
    assert bounds == pytest.approx([120, 134, 134, 148, 148, 162, 162, 176, 176, 190])


def test_karvonen_rejects_rest_above_max() -> None:
    with pytest.raises(InputError) as info:
        hr_zones_karvonen(150, 160)
    assert str(info.value) == (
        "resting heart rate 160 bpm must be below maximum heart rate 150 bpm"
    )


def test_lthr_zones_match_friel_example() -> None:
    example = HEART["friel_zones_pct_lthr"]["example_run_lthr_170_bpm"]
    zones = {z.name: z for z in hr_zones_lthr(170)}
    assert zones["Z1"].low_bpm is None
    assert zones["Z1"].high_bpm == pytest.approx(example["Z1_lt"])
    for name in ("Z2", "Z3", "Z4", "Z5a", "Z5b"):
        assert (zones[name].low_bpm, zones[name].high_bpm) == pytest.approx(tuple(example[name]))
    assert zones["Z5c"].low_bpm == pytest.approx(example["Z5c_gt"])
    assert zones["Z5c"].high_bpm is None


def test_lthr_rejects_implausible_value() -> None:
    with pytest.raises(InputError) as info:
        hr_zones_lthr(300)
    assert str(info.value) == ("invalid lactate-threshold heart rate 300 bpm: use 25 to 230 bpm")


# --- world records and model range ------------------------------------------------------------


@pytest.mark.parametrize("record", WORLD_RECORDS, ids=lambda r: str(r.distance_m))
def test_record_time_is_allowed_and_a_tenth_faster_is_not(record: Any) -> None:
    vdot_from_race(record.distance_m, record.time_s)
    with pytest.raises(ImplausibleResultError):
        vdot_from_race(record.distance_m, record.time_s - 0.1)


def test_implausible_message_names_time_distance_and_record() -> None:
    with pytest.raises(ImplausibleResultError) as info:
        vdot_from_race(5000, 12 * 60)
    assert str(info.value) == (
        "implausible result: 5k in 12:00 is faster than the world record 12:35.36 "
        "(Joshua Cheptegei, 2020); check the distance and time"
    )


def test_implausible_message_for_a_distance_between_records() -> None:
    with pytest.raises(ImplausibleResultError) as info:
        vdot_from_race(8000, 1000)
    assert str(info.value) == (
        "implausible result: 8k in 16:40 is faster than the world-record curve "
        "(20:41.07, interpolated between 5k 12:35.36 and 10k 26:11.00); "
        "check the distance and time"
    )


def test_record_curve_is_log_log_between_anchors() -> None:
    # Halfway in log distance between 5000 m and 10000 m is the geometric mean of the times.
    mid = (5000 * 10000) ** 0.5
    assert record_time_s(mid) == pytest.approx((755.36 * 1571.0) ** 0.5)


@pytest.mark.parametrize(("distance_m", "label"), [(300, "300m"), (161000, "161k")])
def test_distances_outside_the_model_are_rejected(distance_m: float, label: str) -> None:
    # 400 m and 800 m are inside since issue 12 (extrapolated, test_paces_short.py).
    with pytest.raises(DistanceError) as info:
        vdot_from_race(distance_m, 3600)
    assert str(info.value) == f"distance {label} is outside the model's range: use 400m to 100km"
    with pytest.raises(DistanceError):
        race_time_s(50, distance_m)


def test_too_slow_for_the_running_model() -> None:
    with pytest.raises(DurationError) as info:
        vdot_from_race(5000, 5 * 3600)
    assert str(info.value) == (
        "time 5:00:00 is too slow for the running model over 5000 m (VDOT below 10)"
    )


def test_vdot_range_is_checked() -> None:
    with pytest.raises(InputError) as info:
        training_paces(150)
    assert str(info.value) == "invalid VDOT 150: use 10 to 100"


# --- extrapolation ----------------------------------------------------------------------------


def test_inside_the_table_is_not_extrapolated() -> None:
    report = analyse_race(5000, 1200)
    assert not report.extrapolated
    assert report.vdot == pytest.approx(49.84, abs=0.01)
    assert report.equivalent_times_s["5k"] == pytest.approx(1200)
    assert set(report.equivalent_times_s) == set(STANDARD_DISTANCES_M)


def test_slow_result_is_extrapolated_from_the_raw_equations() -> None:
    report = analyse_race(42195, 6 * 3600)
    assert report.extrapolated
    # Far outside 30-85 the table correction has faded out: pure Daniels-Gilbert.
    assert report.vdot == pytest.approx(raw_vdot(42195, 6 * 3600), rel=1e-9)


def test_world_class_marathon_is_extrapolated() -> None:
    report = analyse_race(42195, 7235)
    assert report.vdot > 85
    assert report.extrapolated


# --- goals ------------------------------------------------------------------------------------


def test_goal_within_reach_is_accepted() -> None:
    goal = goal_check(50.0, 42195, 3 * 3600 + 10 * 60, weeks=12)
    assert goal.achievable
    assert goal.realistic_time_s == goal.target_time_s
    assert goal.allowed_gain_pct == pytest.approx(5.0)


def test_goal_far_beyond_current_vdot_is_flagged_with_a_realistic_time() -> None:
    goal = goal_check(50.0, 42195, 3 * 3600, weeks=12)
    assert not goal.achievable
    assert goal.required_vdot == pytest.approx(vdot_from_race(42195, 3 * 3600))
    assert goal.realistic_time_s == pytest.approx(race_time_s(52.5, 42195))
    assert goal.realistic_time_s > goal.target_time_s
    assert goal.message == (
        "target 3:00:00 needs VDOT 53.6 (+7.1 % over 50.0); about 5.0 % is reachable "
        "in 12 weeks, so aim for 3:03:06"
    )


def test_goal_allowance_scales_with_weeks_and_is_capped() -> None:
    assert goal_check(50.0, 10000, 2400, weeks=6).allowed_gain_pct == pytest.approx(2.5)
    assert goal_check(50.0, 10000, 2400, weeks=52).allowed_gain_pct == pytest.approx(10.0)
    # The same target is flagged with 6 weeks but not with 24.
    target = race_time_s(53.0, 10000)
    assert not goal_check(50.0, 10000, target, weeks=6).achievable
    assert goal_check(50.0, 10000, target, weeks=24).achievable


def test_goal_rejects_no_time_left() -> None:
    with pytest.raises(InputError) as info:
        goal_check(50.0, 10000, 2400, weeks=0)
    assert str(info.value) == "invalid number of weeks 0: must be greater than zero"
