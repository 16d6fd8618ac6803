"""Golden and rule tests for core.science.nutrition (R24, DOMAIN G fuelling warning)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.core.errors import InputError
from runstrong.core.model import PlannedSession, SessionKind
from runstrong.core.science.nutrition import (
    DEFAULT_BAND_THRESHOLDS,
    DaySession,
    LoadBand,
    daily_targets,
    fluid_plan,
    fuel_during,
    sweat_test,
)

REF: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "reference" / "formulas.json").read_text("utf-8")
)
NUT = REF["nutrition"]
CARB_VECTORS = NUT["carbohydrate_daily"]["vectors_70kg"] + NUT["carbohydrate_daily"]["vectors_55kg"]
# One day per band under the default thresholds: (sessions, band)
BAND_DAYS: dict[str, list[tuple[str, float, float]]] = {
    "light": [("run", 40, 120)],
    "moderate": [("run", 50, 200), ("mobility", 15, 30)],
    "high": [("run", 75, 375), ("strength", 45, 270)],
    "very_high": [("run", 180, 900), ("cross", 90, 450)],
}


@pytest.mark.parametrize("band", list(LoadBand))
def test_band_ranges_match_acsm_table(band: LoadBand) -> None:
    published = {
        b["load"]: (b["min"], b["max"]) for b in NUT["carbohydrate_daily"]["bands_g_per_kg_per_day"]
    }
    assert band.g_per_kg == published[band.value]


@pytest.mark.parametrize("vector", CARB_VECTORS, ids=lambda v: f"{v['load']}-{v['body_mass_kg']}")
def test_daily_carbohydrate_vectors(vector: dict[str, Any]) -> None:
    targets = daily_targets(vector["body_mass_kg"], BAND_DAYS[vector["load"]])
    assert targets.band is LoadBand(vector["load"])
    assert targets.carbohydrate_g == pytest.approx((vector["min_g"], vector["max_g"]))


@pytest.mark.parametrize("vector", NUT["protein"]["vectors"])
def test_protein_vectors(vector: dict[str, float]) -> None:
    """ACSM's 1.2–2.0 g/kg: a rest day aims at its lower part, a heavy day at its top."""
    mass = vector["body_mass_kg"]
    rest = daily_targets(mass, [])
    heavy = daily_targets(mass, [("run", 90, 450), ("strength", 45, 270)])
    assert rest.protein_g == pytest.approx((vector["daily_min_g"], mass * 1.6))
    assert heavy.protein_g == pytest.approx((mass * 1.6, vector["daily_max_g"]))
    assert rest.protein_per_meal_g == pytest.approx(vector["per_meal_g"])
    assert rest.protein_meals == (4, 5)


@pytest.mark.parametrize("ex", NUT["fluid"]["examples"])
def test_sweat_test_examples(ex: dict[str, Any]) -> None:
    got = sweat_test(
        ex["pre_kg"], ex["post_kg"], ex["fluid_intake_L"], ex["duration_h"], ex["urine_L"]
    )
    assert got.sweat_loss_l == pytest.approx(ex["sweat_loss_L"])
    assert got.sweat_rate_l_per_h == pytest.approx(ex["sweat_rate_L_per_h"], abs=1e-4)
    assert got.body_mass_loss_pct == pytest.approx(ex["body_mass_loss_pct"], abs=1e-4)
    assert got.rehydrate_l == pytest.approx(tuple(ex["rehydrate_L_range"]))


def test_band_thresholds() -> None:
    t = DEFAULT_BAND_THRESHOLDS
    assert t.band(0, 0) is LoadBand.LIGHT
    assert t.band(199, 60) is LoadBand.LIGHT
    assert t.band(200, 60) is LoadBand.MODERATE
    assert t.band(450, 80) is LoadBand.HIGH
    assert t.band(300, 120) is LoadBand.HIGH  # two easy hours are endurance work
    assert t.band(1200, 239) is LoadBand.HIGH
    assert t.band(1200, 240) is LoadBand.VERY_HIGH


@given(
    mass=st.floats(min_value=40, max_value=120),
    loads=st.lists(st.floats(min_value=0, max_value=800), max_size=4),
    extra=st.floats(min_value=1, max_value=800),
)
def test_r24_carbohydrate_never_falls_when_the_day_gets_harder(
    mass: float, loads: list[float], extra: float
) -> None:
    base = [DaySession(SessionKind.RUN, 60, load) for load in loads]
    harder = [*base, DaySession(SessionKind.STRENGTH, 45, extra)]
    before = daily_targets(mass, base)
    after = daily_targets(mass, harder)
    assert after.carbohydrate_g[0] >= before.carbohydrate_g[0]
    assert after.carbohydrate_g[1] >= before.carbohydrate_g[1]


def test_r24_running_and_strength_load_combine() -> None:
    run_only = daily_targets(70, [("run", 60, 300)])
    combined = daily_targets(70, [("run", 60, 300), ("strength", 45, 225)])
    assert run_only.band is LoadBand.MODERATE
    assert combined.band is LoadBand.HIGH
    assert combined.day_load_au == 525


def test_planned_sessions_are_accepted() -> None:
    session = PlannedSession(
        id="w1d1",
        date=dt.date(2026, 11, 25),
        start=dt.time(7, 0),
        kind=SessionKind.RUN,
        category="long",
        hard=False,
        duration_min=150,
        load=450,
    )
    targets = daily_targets(60, (session,))
    assert targets.band is LoadBand.HIGH
    assert targets.during[0].g_per_h == (30.0, 60.0)


@pytest.mark.parametrize(
    ("minutes", "g_per_h"),
    [
        (30, (0, 0)),
        (50, (0, 0)),
        (60, (0, 0)),
        (74, (0, 0)),
        (75, (30, 60)),
        (150, (30, 60)),
        (151, (60, 90)),
        (240, (60, 90)),
    ],
)
def test_fuel_during_by_duration(minutes: float, g_per_h: tuple[float, float]) -> None:
    assert fuel_during(minutes).g_per_h == g_per_h


def test_r24_more_fluid_for_long_hot_and_back_to_back() -> None:
    easy = [DaySession(SessionKind.RUN, 45, 135)]
    base = fluid_plan(70, easy).total_l
    assert base == pytest.approx((0.35, 0.49))
    hot = fluid_plan(70, easy, hot=True).total_l
    long_ = fluid_plan(70, [DaySession(SessionKind.RUN, 100, 400)]).total_l
    double = fluid_plan(70, [*easy, DaySession(SessionKind.STRENGTH, 45, 225)]).total_l
    for more in (hot, long_, double):
        assert more[1] > base[1]
    assert double[0] > base[0]


def test_fluid_with_a_known_sweat_rate() -> None:
    plan = fluid_plan(70, [DaySession(SessionKind.RUN, 120, 600)], sweat_rate_l_per_h=1.0)
    assert plan.expected_sweat_loss_l == pytest.approx(2.0)
    assert plan.during_l == pytest.approx((0.6, 2.0))  # keep the loss under 2 % = 1.4 kg
    assert plan.after_l == pytest.approx((1.75, 2.1))  # 125–150 % of the 1.4 L still missing
    longer = fluid_plan(70, [DaySession(SessionKind.RUN, 180, 900)], sweat_rate_l_per_h=1.0)
    assert longer.total_l[0] > plan.total_l[0]


def test_domain_g_warns_when_a_deficit_undercuts_fuelling() -> None:
    targets = daily_targets(
        70,
        [("run", 90, 450), ("strength", 45, 270)],
        weight_goal_kcal_deficit=500,
        maintenance_kcal=2600,
    )
    # floor = 4 × (420 g carbohydrate + 112 g protein, a heavy day's 1.6 g/kg) / 0.8
    assert targets.fuelling_floor_kcal == pytest.approx(2660)
    assert targets.warnings == (
        "R24: intended intake 2100 kcal is below the 2660 kcal that today's minimum "
        "carbohydrate and protein need — weight goals never override fuelling for the "
        "training load",
        "R24: a 500 kcal deficit on a high-load day — move it to a light day; weight goals "
        "never override fuelling for the training load",
    )
    # the targets themselves are not lowered by the goal
    assert (
        targets.carbohydrate_g
        == daily_targets(70, [("run", 90, 450), ("strength", 45, 270)]).carbohydrate_g
    )


def test_domain_g_no_warning_for_a_modest_deficit_on_a_light_day() -> None:
    targets = daily_targets(
        70, [("run", 30, 90)], weight_goal_kcal_deficit=300, maintenance_kcal=2600
    )
    assert targets.warnings == ()


def test_domain_g_warns_on_low_intended_carbohydrate() -> None:
    targets = daily_targets(55, [("run", 60, 240)], intended_carbohydrate_g=150)
    assert targets.warnings == (
        "R24: intended carbohydrate 150 g is below today's minimum of 275 g — weight goals "
        "never override fuelling for the training load",
    )


def test_bad_inputs_name_the_value() -> None:
    with pytest.raises(InputError) as exc:
        daily_targets(20, [])
    assert str(exc.value) == "body mass 20 kg is out of range: use 30 to 250 kg"
    with pytest.raises(InputError) as exc:
        daily_targets(70, [("swim", 30, 100)])
    assert str(exc.value) == (
        "session kind 'swim' is unknown: use one of run, strength, mobility, cross, rest"
    )


def _run(category: str, minutes: float, rpe: float, hard: bool = False) -> PlannedSession:
    return PlannedSession(
        id="r", date=dt.date(2026, 11, 25), start=dt.time(7, 0), kind=SessionKind.RUN,
        category=category, hard=hard, duration_min=minutes, load=minutes * rpe,
    )  # fmt: skip


def test_a_90_min_easy_long_run_is_a_high_band_day() -> None:
    """ACSM: 1–3 h/day of endurance training is 6–10 g/kg, whatever the RPE (issue 13)."""
    targets = daily_targets(60, [_run("long", 90, 3)])  # 270 AU: "moderate" by load alone
    assert targets.band is LoadBand.HIGH
    assert targets.carbohydrate_g_per_kg == (6.0, 10.0)
    assert targets.during[0].g_per_h == (30.0, 60.0)
    assert targets.protein_g == pytest.approx((60 * 1.6, 60 * 2.0))


def test_a_quality_run_day_of_an_hour_is_fuelled_as_a_hard_day() -> None:
    """ACSM 2016 Table 2: 1–3 h/day of moderate-to-high intensity is the 6–10 g/kg band."""
    targets = daily_targets(60, [_run("threshold", 70, 6, hard=True)])  # 420 AU
    assert targets.band is LoadBand.HIGH
    assert targets.during[0].note == "45–75 min: a carbohydrate mouth rinse or small amounts"


@pytest.mark.parametrize(("category", "minutes"), [("hills", 40), ("threshold", 50)])
def test_a_short_quality_run_is_a_moderate_day(category: str, minutes: float) -> None:
    """QA review 2026-12-07: `runstrong today` gave a 40-min hill session (coach QA a3,
    65 kg) a "high day", 390–650 g carbohydrate. Under an hour of hard running is ACSM
    2016 Table 2's "moderate exercise programme (~1 h/day)": 5–7 g/kg, not 6–10; the
    protein of a hard day stays at the heavy-day top (R24)."""
    mobility = DaySession(SessionKind.MOBILITY, 10, 15)
    targets = daily_targets(65, [_run(category, minutes, 7, hard=True), mobility])
    assert targets.band is LoadBand.MODERATE
    assert targets.carbohydrate_g == pytest.approx((65 * 5.0, 65 * 7.0))
    assert targets.protein_g == pytest.approx((65 * 1.6, 65 * 2.0))


def test_a_heavy_lift_day_is_heavy_for_protein_not_an_endurance_day() -> None:
    """An hour of heavy lifting is not 1–3 h of endurance work: it stays in the band its
    load gives (here moderate, 5–7 g/kg), with protein at the heavy-day top (R24).
    Found by a user: a 58-min heavy strength day was given 6–10 g/kg (360–600 g)."""
    lift = PlannedSession(
        id="s", date=dt.date(2026, 11, 25), start=dt.time(18, 0), kind=SessionKind.STRENGTH,
        category="heavy", hard=True, duration_min=58, load=58 * 6.5,
    )  # fmt: skip
    targets = daily_targets(60, [lift])
    assert targets.band is LoadBand.MODERATE
    assert targets.carbohydrate_g_per_kg == (5.0, 7.0)
    assert targets.protein_g == pytest.approx((60 * 1.6, 60 * 2.0))
