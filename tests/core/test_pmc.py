"""Golden and property tests for core.science.pmc: PMC, ACWR, monotony/strain, Banister."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.core.errors import InputError
from runstrong.core.science.pmc import (
    ACWR_CAVEAT,
    DEFAULT_ACWR_BANDS,
    AcwrBands,
    AcwrZone,
    FormConvention,
    Smoothing,
    acwr_ewma,
    acwr_rolling,
    banister,
    ewma,
    pmc,
    week_strain,
)

REF: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "reference" / "formulas.json").read_text("utf-8")
)
PMC = REF["pmc_example"]
CONVENTIONS = {
    "trainingpeaks_k_1_over_N": Smoothing.TRAININGPEAKS,
    "goldencheetah_k_1_minus_exp": Smoothing.GOLDENCHEETAH,
    "alpha_2_over_N_plus_1": Smoothing.EWMA,
}
FORMS = {"TSB_from_yesterday": FormConvention.YESTERDAY, "TSB_same_day": FormConvention.SAME_DAY}
TOL = 1e-5  # vectors are rounded to 6 dp


@pytest.mark.parametrize("key", list(CONVENTIONS))
@pytest.mark.parametrize("form_key", list(FORMS))
def test_pmc_matches_reference_series(key: str, form_key: str) -> None:
    ref = PMC[key]
    smoothing = CONVENTIONS[key]
    assert smoothing.weight(42) == pytest.approx(ref["k_ctl"])
    assert smoothing.weight(7) == pytest.approx(ref["k_atl"])
    days = pmc(PMC["daily_load"], smoothing=smoothing, form=FORMS[form_key])
    assert [d.fitness for d in days] == pytest.approx(ref["CTL"], abs=TOL)
    assert [d.fatigue for d in days] == pytest.approx(ref["ATL"], abs=TOL)
    assert [d.form for d in days] == pytest.approx(ref[form_key], abs=TOL)


@pytest.mark.parametrize("key", ["trainingpeaks_k_1_over_N", "goldencheetah_k_1_minus_exp"])
def test_pmc_mini_example(key: str) -> None:
    mini = PMC["mini_example"]
    days = pmc(mini["daily_load"], smoothing=CONVENTIONS[key])
    assert [d.fitness for d in days] == pytest.approx(mini[key]["CTL"], abs=TOL)
    assert [d.form for d in days] == pytest.approx(mini[key]["TSB_from_yesterday"], abs=TOL)


def test_pmc_default_is_trainingpeaks_42_7_form_from_yesterday() -> None:
    assert pmc([100.0, 0.0]) == pmc(
        [100.0, 0.0],
        fitness_days=42,
        fatigue_days=7,
        smoothing=Smoothing.TRAININGPEAKS,
        form=FormConvention.YESTERDAY,
    )
    assert pmc([100.0])[0].form == 0.0


@given(
    load=st.floats(min_value=1, max_value=1000),
    smoothing=st.sampled_from(list(Smoothing)),
)
def test_constant_load_drives_fitness_and_fatigue_to_that_load(
    load: float, smoothing: Smoothing
) -> None:
    last = pmc([load] * 1500, smoothing=smoothing)[-1]
    assert last.fitness == pytest.approx(load, rel=1e-6)
    assert last.fatigue == pytest.approx(load, rel=1e-6)
    assert last.form == pytest.approx(0.0, abs=1e-6 * load)


def test_pmc_refuses_negative_load() -> None:
    with pytest.raises(InputError) as exc:
        pmc([10.0, -5.0])
    assert str(exc.value) == "daily load -5 on day 2 must be 0 or more"


# --- ACWR -------------------------------------------------------------------

ACWR = REF["acwr"]
ACWR_COLUMNS = {
    "acwr_rolling_coupled": lambda s: acwr_rolling(s),
    "acwr_rolling_uncoupled": lambda s: acwr_rolling(s, coupled=False),
    "acwr_ewma_seed_first": lambda s: acwr_ewma(s),
    "acwr_ewma_seed_zero": lambda s: acwr_ewma(s, seed_with_first_day=False),
}


@pytest.mark.parametrize("column", list(ACWR_COLUMNS))
def test_acwr_matches_reference_rows(column: str) -> None:
    series = ACWR_COLUMNS[column](ACWR["daily_load"])
    for row in ACWR["rows_day28_to_42"]:
        assert series[row["day"] - 1] == pytest.approx(row[column], abs=TOL)


@pytest.mark.parametrize("column", list(ACWR_COLUMNS))
def test_acwr_is_none_during_warm_up(column: str) -> None:
    series = ACWR_COLUMNS[column](ACWR["daily_load"])
    assert series[:27] == [None] * 27
    assert series[27] is not None


@given(
    load=st.floats(min_value=1, max_value=2000),
    extra_days=st.integers(min_value=0, max_value=60),
    coupled=st.booleans(),
)
def test_acwr_of_a_constant_load_is_one(load: float, extra_days: int, coupled: bool) -> None:
    series = [load] * (28 + extra_days)
    assert acwr_rolling(series, coupled=coupled)[-1] == pytest.approx(1.0)
    assert acwr_ewma(series)[-1] == pytest.approx(1.0)


def test_acwr_ewma_seed_zero_reaches_one_once_warmed_up() -> None:
    assert acwr_ewma([300.0] * 400, seed_with_first_day=False)[-1] == pytest.approx(1.0)


def test_acwr_is_none_when_chronic_load_is_zero() -> None:
    assert acwr_rolling([0.0] * 30)[-1] is None
    assert acwr_ewma([0.0] * 30)[-1] is None


def test_acwr_bands_default_and_custom() -> None:
    zones = [DEFAULT_ACWR_BANDS.zone(r) for r in (0.5, 0.8, 1.3, 1.31, 1.5, 2.0)]
    assert zones == [
        AcwrZone.LOW,
        AcwrZone.SWEET_SPOT,
        AcwrZone.SWEET_SPOT,
        AcwrZone.ELEVATED,
        AcwrZone.HIGH,
        AcwrZone.HIGH,
    ]
    assert AcwrBands(low=0.9, high=1.2, danger=1.4).zone(1.25) is AcwrZone.ELEVATED
    with pytest.raises(InputError) as exc:
        AcwrBands(low=1.3, high=0.8)
    assert str(exc.value) == "ACWR bands 1.3/0.8/1.5 must satisfy 0 < low < high ≤ danger"


def test_acwr_docs_carry_the_injury_prediction_caveat() -> None:
    assert "not validated injury predictors" in ACWR_CAVEAT
    for doc in (acwr_rolling.__doc__, acwr_ewma.__doc__, AcwrBands.__doc__):
        assert doc is not None and "not a validated injury predictor" in doc


# --- Monotony / strain ------------------------------------------------------


def test_foster_week_population_and_sample_sd() -> None:
    week = REF["foster"]["example_week"]
    pop = week_strain(week["daily_load"])
    assert pop.weekly_load == pytest.approx(week["weekly_load"])
    assert pop.mean_daily == pytest.approx(week["mean_daily"])
    assert pop.sd_daily == pytest.approx(week["sd_population"])
    assert pop.monotony == pytest.approx(week["monotony_population_sd"])
    assert pop.strain == pytest.approx(week["strain_population_sd"])
    sample = week_strain(week["daily_load"], sample_sd=True)
    assert sample.monotony == pytest.approx(week["monotony_sample_sd"])
    assert sample.strain == pytest.approx(week["strain_sample_sd"])
    assert not pop.monotonous


@given(st.floats(min_value=0.5, max_value=3000))
def test_constant_nonzero_week_is_flagged_without_dividing_by_zero(load: float) -> None:
    week = week_strain([load] * 7)
    assert week.monotony is None and week.strain is None
    assert week.sd_daily == 0.0
    assert week.monotonous


def test_rest_week_is_not_monotonous() -> None:
    week = week_strain([0.0] * 7)
    assert week.monotony is None
    assert not week.monotonous


def test_high_monotony_is_flagged() -> None:
    week = week_strain([300, 320, 310, 300, 290, 310, 0])
    assert week.monotony is not None and week.monotony > 2.0
    assert week.monotonous


def test_week_strain_needs_seven_days() -> None:
    with pytest.raises(InputError) as exc:
        week_strain([1.0] * 6)
    assert str(exc.value) == "monotony needs exactly 7 daily loads, got 6"


# --- Banister ----------------------------------------------------------------


def test_banister_matches_reference_example() -> None:
    ex = REF["banister_example"]
    p = ex["params"]
    days = banister(
        ex["daily_load"],
        p0=p["p0"],
        k1=p["k1"],
        k2=p["k2"],
        tau1_days=p["tau1"],
        tau2_days=p["tau2"],
    )
    assert [d.fitness for d in days] == pytest.approx(ex["fitness"], abs=TOL)
    assert [d.fatigue for d in days] == pytest.approx(ex["fatigue"], abs=TOL)
    assert [d.performance for d in days] == pytest.approx(ex["performance"], abs=TOL)


def test_banister_fitness_scaled_is_goldencheetah_ctl() -> None:
    loads = PMC["daily_load"]
    k = Smoothing.GOLDENCHEETAH.weight(42)
    ctl = [d.fitness for d in pmc(loads, smoothing=Smoothing.GOLDENCHEETAH)]
    assert [d.fitness * k for d in banister(loads)] == pytest.approx(ctl)


@pytest.mark.parametrize(("seed_first", "suffix"), [(True, "seed_first"), (False, "seed_zero")])
def test_ewma_acute_and_chronic_loads(seed_first: bool, suffix: str) -> None:
    acute = ewma(ACWR["daily_load"], 7, seed_with_first_day=seed_first)
    chronic = ewma(ACWR["daily_load"], 28, seed_with_first_day=seed_first)
    for row in ACWR["rows_day28_to_42"]:
        assert acute[row["day"] - 1] == pytest.approx(row[f"ewma_acute_{suffix}"], abs=TOL)
        assert chronic[row["day"] - 1] == pytest.approx(row[f"ewma_chronic_{suffix}"], abs=TOL)
