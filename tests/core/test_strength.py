"""Golden and property tests for core.science.strength (e1RM formulas, RPE chart, R14)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.core.errors import InputError
from runstrong.core.science.strength import (
    DEFAULT_E1RM_FORMULA,
    MAX_FORMULA_REPS,
    E1rmFormula,
    LoadPrescription,
    ProgressBy,
    ProgressionAction,
    e1rm,
    e1rm_from_rpe,
    e1rm_of_set,
    fraction_of_1rm,
    load_for,
    load_for_reps,
    next_prescription,
    rir_from_rpe,
    round_to_increment,
    rpe_from_rir,
)

REF: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "reference" / "formulas.json").read_text("utf-8")
)
ONE_RM_CASES = [
    (vector["weight"], vector["reps"], formula, vector[formula.value])
    for vector in REF["one_rm"]["vectors"]
    for formula in E1rmFormula
]
RPE_CELLS = REF["rpe_chart"]["table_pct_1rm"]


# --- e1RM formulas ----------------------------------------------------------


@pytest.mark.parametrize(("weight", "reps", "formula", "expected"), ONE_RM_CASES)
def test_e1rm_matches_published_vectors(
    weight: float, reps: int, formula: E1rmFormula, expected: float
) -> None:
    assert e1rm(weight, reps, formula) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(("weight", "reps", "formula", "expected"), ONE_RM_CASES)
def test_load_for_reps_inverts_e1rm(
    weight: float, reps: int, formula: E1rmFormula, expected: float
) -> None:
    assert load_for_reps(expected, reps, formula) == pytest.approx(weight, abs=1e-3)


def test_default_formula_is_brzycki_and_exact_for_a_single() -> None:
    assert DEFAULT_E1RM_FORMULA is E1rmFormula.BRZYCKI
    assert e1rm(142.5, 1) == pytest.approx(142.5)


def test_epley_and_brzycki_coincide_at_ten_reps() -> None:
    assert e1rm(100, 10, E1rmFormula.EPLEY) == pytest.approx(e1rm(100, 10, E1rmFormula.BRZYCKI))


@pytest.mark.parametrize("reps", [0, -1, 13, 40])
def test_reps_outside_formula_range_are_refused(reps: int) -> None:
    with pytest.raises(InputError) as exc:
        e1rm(100, reps)
    assert str(exc.value) == f"reps {reps} is out of range: use a whole number from 1 to 12"


def test_nonpositive_load_is_refused() -> None:
    with pytest.raises(InputError) as exc:
        e1rm(0, 5)
    assert str(exc.value) == "load 0 must be a positive number of kilograms"


@given(
    load=st.floats(min_value=1, max_value=500),
    reps=st.integers(min_value=1, max_value=MAX_FORMULA_REPS - 1),
    formula=st.sampled_from(list(E1rmFormula)),
)
def test_more_reps_at_a_fixed_load_means_a_higher_e1rm(
    load: float, reps: int, formula: E1rmFormula
) -> None:
    # Equivalently: the share of 1RM a lifter can hold for r reps falls as r rises.
    assert e1rm(load, reps + 1, formula) > e1rm(load, reps, formula)
    assert load_for_reps(200, reps + 1, formula) < load_for_reps(200, reps, formula)


# --- RPE chart --------------------------------------------------------------


@pytest.mark.parametrize("cell", RPE_CELLS, ids=lambda c: f"{c['reps']}@{c['rpe']}")
def test_rpe_chart_matches_every_published_cell(cell: dict[str, float]) -> None:
    assert fraction_of_1rm(int(cell["reps"]), cell["rpe"]) == pytest.approx(
        cell["pct_1rm"] / 100, abs=1e-9
    )
    assert rir_from_rpe(cell["rpe"]) == pytest.approx(cell["rir"])


@pytest.mark.parametrize("example", REF["rpe_chart"]["e1rm_examples"])
def test_e1rm_from_rpe_examples(example: dict[str, float]) -> None:
    got = e1rm_from_rpe(example["load"], int(example["reps"]), example["rpe"])
    assert got == pytest.approx(example["e1rm"], abs=1e-3)


def test_load_for_round_trips_and_rounds_to_plates() -> None:
    assert load_for(123.305, 5, 8, round_to_kg=None) == pytest.approx(100.0, abs=1e-3)
    assert load_for(150, 5, 8) == 122.5  # 150 × 0.811 = 121.65 → 122.5
    assert load_for(150, 5, 8, round_to_kg=1.0) == 122.0


def test_between_half_steps_interpolates_on_the_diagonal() -> None:
    # 5 reps @ 7.75 = 7.25 reps to failure: halfway between 81.1 % and 79.9 %
    assert fraction_of_1rm(5, 7.75) == pytest.approx(0.805)


def test_rpe_chart_refuses_cells_outside_the_published_range() -> None:
    with pytest.raises(InputError) as exc:
        fraction_of_1rm(5, 6.0)
    assert str(exc.value) == "RPE 6 is outside the RPE chart: use 6.5 to 10"
    with pytest.raises(InputError) as exc:
        fraction_of_1rm(11, 8)
    assert str(exc.value) == "reps 11 is out of range: use a whole number from 1 to 10"


def test_rir_rpe_conversion() -> None:
    assert rir_from_rpe(8) == 2
    assert rpe_from_rir(1.5) == 8.5
    with pytest.raises(InputError) as exc:
        rpe_from_rir(7)
    assert str(exc.value) == "RIR 7 cannot be converted to an RPE: use 0 to 5"


@given(
    reps=st.integers(min_value=1, max_value=9),
    rpe=st.floats(min_value=6.5, max_value=10),
)
def test_chart_share_falls_with_reps_and_rises_with_rpe(reps: int, rpe: float) -> None:
    assert fraction_of_1rm(reps + 1, rpe) < fraction_of_1rm(reps, rpe)
    assert fraction_of_1rm(reps, max(6.5, rpe - 0.5)) <= fraction_of_1rm(reps, rpe)


def test_round_to_increment() -> None:
    assert round_to_increment(101.2) == 100.0
    assert round_to_increment(101.25) == 102.5
    assert round_to_increment(33.0, 1.25) == 32.5


# --- R14 progression --------------------------------------------------------

BASE = LoadPrescription(load_kg=100, sets=3, reps=5, target_rpe=8)


def test_r14_progresses_load_when_completed_at_target() -> None:
    step = next_prescription(BASE, last_rpe=8, completed=True)
    assert step.action is ProgressionAction.ADD_LOAD
    assert step.prescription == LoadPrescription(102.5, 3, 5, 8)
    assert step.reason == "R14: completed at RPE 8 (target 8); load 100 kg → 102.5 kg (+2.5 %)"


def test_r14_holds_when_rpe_a_little_above_target() -> None:
    step = next_prescription(BASE, last_rpe=9, completed=True)
    assert step.action is ProgressionAction.HOLD
    assert step.prescription == BASE
    assert step.reason == "R14: RPE 9 was above the target 8 by 1 or less; hold 3 × 5 at 100 kg"


def test_r14_steps_back_when_rpe_clearly_above_target() -> None:
    step = next_prescription(BASE, last_rpe=9.5, completed=True)
    assert step.action is ProgressionAction.STEP_BACK
    assert step.prescription.load_kg == 92.5
    assert step.reason == (
        "R14: RPE 9.5 was more than 1 above the target 8; step back 100 kg → 92.5 kg (−7.5 %)"
    )


def test_r14_steps_back_when_not_completed_even_at_low_rpe() -> None:
    step = next_prescription(BASE, last_rpe=7, completed=False)
    assert step.action is ProgressionAction.STEP_BACK
    assert step.reason.startswith("R14: last session not completed; step back")


def test_r14_holds_without_an_rpe() -> None:
    step = next_prescription(BASE, last_rpe=None, completed=True)
    assert step.action is ProgressionAction.HOLD
    assert "no RPE logged" in step.reason


def test_r14_adds_a_set_when_one_plate_exceeds_five_percent() -> None:
    step = next_prescription(LoadPrescription(40, 3, 8, 7), last_rpe=6.5, completed=True)
    assert step.action is ProgressionAction.ADD_SET
    assert step.prescription == LoadPrescription(40, 4, 8, 7)
    assert step.reason == "R14: completed at RPE 6.5 (target 7); one more set: 4 × 8"


def test_r14_never_doubles_volume_from_a_single_set() -> None:
    step = next_prescription(LoadPrescription(40, 1, 8, 7), last_rpe=6, completed=True)
    assert step.action is ProgressionAction.HOLD
    assert step.reason == (
        "R14: completed at RPE 6 (target 7), but one 2.5 kg step is more than 5 % of 40 kg "
        "and a second set would double the volume; hold 1 × 8 at 40 kg"
    )


def test_r14_set_lever_first_when_asked() -> None:
    step = next_prescription(BASE, last_rpe=7, completed=True, progress_by=ProgressBy.SET)
    assert step.action is ProgressionAction.ADD_SET
    assert step.prescription.sets == 4


def test_r14_rejects_a_step_outside_two_to_five_percent() -> None:
    with pytest.raises(InputError) as exc:
        next_prescription(BASE, last_rpe=7, completed=True, step_pct=0.1)
    assert str(exc.value) == "load step 0.1 is out of range: R14 allows 0.02 to 0.05"


@given(
    load=st.sampled_from([0.0, 10.0, 20.0, 37.5, 60.0, 100.0, 142.5, 220.0]),
    sets=st.integers(min_value=1, max_value=6),
    reps=st.integers(min_value=1, max_value=12),
    target=st.sampled_from([6.0, 7.0, 7.5, 8.0, 8.5, 9.0]),
    last=st.one_of(st.none(), st.sampled_from([5.0, 6.0, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0])),
    completed=st.booleans(),
    step_pct=st.floats(min_value=0.02, max_value=0.05),
    increment=st.sampled_from([1.0, 1.25, 2.5, 5.0]),
    by=st.sampled_from(list(ProgressBy)),
)
def test_r14_invariants(
    load: float,
    sets: int,
    reps: int,
    target: float,
    last: float | None,
    completed: bool,
    step_pct: float,
    increment: float,
    by: ProgressBy,
) -> None:
    cur = LoadPrescription(load, sets, reps, target)
    step = next_prescription(
        cur, last, completed, step_pct=step_pct, increment_kg=increment, progress_by=by
    )
    new = step.prescription
    assert step.reason.startswith("R14: ")
    # never more than +5 % load, never more than one extra set, never both
    assert new.load_kg <= cur.load_kg * 1.05 + 1e-9
    assert new.load_kg >= cur.load_kg * 0.90 - 1e-9  # R14: step-backs ≤ 10 % (10 → 7.5 was not)
    assert new.sets <= cur.sets + 1
    assert not (new.load_kg > cur.load_kg and new.sets > cur.sets)
    # never a doubled volume
    if cur.volume_kg > 0:
        assert new.volume_kg < 2 * cur.volume_kg
    else:
        assert new.sets < 2 * cur.sets
    # progress only when completed at or below target RPE
    progressed = new.load_kg > cur.load_kg or new.sets > cur.sets
    if progressed:
        assert completed and last is not None and last <= target
    if not completed or last is None or last > target:
        assert step.action in (ProgressionAction.HOLD, ProgressionAction.STEP_BACK)
    if step.action is ProgressionAction.STEP_BACK:
        assert new.load_kg < cur.load_kg or new.sets < cur.sets


# --- e1RM of a logged set (analytics, R26) -----------------------------------


def test_e1rm_of_set_prefers_the_rpe_chart() -> None:
    assert e1rm_of_set(100, 5, rpe=8) == pytest.approx(123.305, abs=1e-3)
    assert e1rm_of_set(100, 5, rir=2) == pytest.approx(123.305, abs=1e-3)


def test_e1rm_of_set_falls_back_to_the_formula() -> None:
    assert e1rm_of_set(100, 5) == pytest.approx(112.5)  # Brzycki, to failure
    assert e1rm_of_set(100, 12, rpe=8) == pytest.approx(e1rm(100, 12))  # past the chart
    assert e1rm_of_set(100, 5, rpe=6, formula=E1rmFormula.EPLEY) == pytest.approx(116.6667)


@pytest.mark.parametrize(
    ("load", "reps"), [(None, 5), (0.0, 5), (100.0, None), (100.0, 0), (100.0, 15)]
)
def test_e1rm_of_set_gives_none_when_no_estimate_exists(
    load: float | None, reps: int | None
) -> None:
    assert e1rm_of_set(load, reps) is None


def test_r14_single_set_step_back_never_cuts_more_than_ten_percent() -> None:
    step = next_prescription(LoadPrescription(10.0, 1, 8, 8.0), last_rpe=None, completed=False)
    assert step.action is ProgressionAction.HOLD
    assert step.prescription.load_kg == 10.0
