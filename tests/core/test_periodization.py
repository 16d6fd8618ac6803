"""Periodization invariants (R7–R11): phases, deloads, ramp, ACWR, taper, strength by phase."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from planner_profiles import START, profile

from runstrong.core.athlete import parse_profile
from runstrong.core.model import Phase, StrengthCategory
from runstrong.core.planning.periodization import (
    PlanOptions,
    Season,
    periodize,
    phase_layout,
    taper_weeks,
)
from runstrong.core.rules.quality import is_novice

ORDER = [Phase.BASE, Phase.BUILD, Phase.PEAK, Phase.TAPER, Phase.RACE, Phase.TRANSITION]
LOADING = (Phase.BASE, Phase.BUILD, Phase.PEAK)


def season(**changes: object) -> Season:
    return periodize(parse_profile(profile(**changes)), START)


@pytest.mark.parametrize(
    ("distance_m", "weeks", "taper"),
    [
        (5000, 20, 1),
        (10000, 20, 1),
        (21097.5, 20, 1),
        (42195, 20, 2),
        (42195, 12, 2),
        (42195, 7, 1),
        (5000, 3, 1),
    ],
)
def test_taper_length_by_race_distance(distance_m: float, weeks: int, taper: int) -> None:
    assert taper_weeks(distance_m, weeks) == taper


def test_phase_layout_splits_base_build_peak() -> None:
    assert phase_layout(10) == [Phase.BASE] * 4 + [Phase.BUILD] * 4 + [Phase.PEAK] * 2
    assert phase_layout(2) == [Phase.BASE, Phase.BUILD]


def test_r7_phases_in_order_and_race_in_race_week() -> None:
    s = season()
    phases = [w.phase for w in s.weeks]
    assert phases == sorted(phases, key=ORDER.index)
    race = [w for w in s.weeks if w.phase is Phase.RACE]
    assert len(race) == 1 and race[0].start_date <= dt.date(2027, 5, 9) <= race[0].end_date
    assert [w.phase for w in s.weeks[-2:]] == [Phase.TRANSITION, Phase.TRANSITION]


def test_r8_three_to_one_by_default_and_two_to_one_for_masters() -> None:
    assert season().loading_weeks == 3
    assert season(birth_year=1980).loading_weeks == 2
    assert season(**{"running.years_running": 1}).loading_weeks == 2


def test_r8_forced_deload_week() -> None:
    athlete = parse_profile(profile())
    s = periodize(athlete, START, PlanOptions(extra_deload_weeks=frozenset({1})))
    assert s.weeks[1].deload and s.weeks[1].run_km < s.weeks[0].run_km


def check_invariants(
    s: Season, opts: PlanOptions, consistency: bool, *, novice: bool = False, current_km: float
) -> None:
    weeks = s.weeks
    streak = 0
    history = [current_km] * 4  # R11: the pre-plan weeks, as the audit counts them
    for w in weeks:
        # R8: a deload after at most `loading_weeks` loading weeks; right before the
        # taper one more (at most 3 in a row), as no deload precedes the taper (Q5)
        if w.phase in LOADING and not w.deload:
            streak += 1
            last = weeks[w.index + 1].phase is Phase.TAPER
            assert streak <= (max(s.loading_weeks, min(s.loading_weeks + 1, 3)) if last
                              else s.loading_weeks), w  # fmt: skip
        if w.phase is Phase.TAPER and weeks[w.index - 1].phase in LOADING:
            assert not weeks[w.index - 1].deload, w
        else:
            streak = 0
        # R11 (rules.ramp, the audit's definition): +10 % (or 3 km) over the highest of
        # the four weeks before; ACWR ≤ 1.3 (or 3 km over the mean) from a 10 km mean
        if w.phase in LOADING and not w.deload and w.index > 0:
            top = max(history[-4:])
            assert w.run_km <= max(top * (1 + opts.ramp_cap), top + 3.0) + 0.1, w
        chronic = sum(history[-4:]) / 4
        if w.phase is not Phase.RACE and chronic >= 10.0:
            assert w.run_km <= max(opts.acwr_band[1] * chronic, chronic + 3.0) + 0.1, w
        before = ((w.first_day or w.start_date) - w.start_date).days
        history.append(w.run_km + current_km * before / 7)  # a partial first week
        # R1: 2 strength sessions, 3 only with consistency, never more
        assert len(w.strength) <= (3 if consistency else 2)
        # R9: peak and taper strength is maintenance (or low-volume power)
        if w.phase in (Phase.PEAK, Phase.TAPER, Phase.RACE):
            assert not set(w.strength) & {StrengthCategory.HEAVY, StrengthCategory.MODERATE}
        # R5: no power/plyometric sessions before base strength is established
        if StrengthCategory.POWER in w.strength:
            assert w.plyo_ok
        assert not (w.deload and StrengthCategory.HEAVY in w.strength)
    # R7: the taper, race week included (besides the race), runs 41–60 % under the
    # peak (Bosquet et al. 2007) while the race leaves its week room; keeps frequency
    taper = [w for w in weeks if w.phase is Phase.TAPER]
    peak_km = max(w.run_km for w in weeks if w.phase in LOADING)
    race = next(w for w in weeks if w.phase is Phase.RACE)
    race_km = sum(r.distance_m for r in race.races) / 1000
    if race_km <= 0.8 * peak_km and race.first_day == race.start_date:
        besides = [race.run_km - race_km, *(t.run_km for t in taper)]
        assert 0.41 <= 1 - sum(besides) / (len(besides) * peak_km) <= 0.6
    last_loading = [w for w in weeks if w.phase in LOADING][-1]
    assert all(t.run_count >= last_loading.run_count for t in taper)
    # R7 keeps the taper's intensity; Q4: a novice tier has no quality running at all.
    assert all(bool(t.hard_runs) is not novice for t in taper)


@settings(max_examples=60, deadline=None)
@given(
    weekly=st.floats(0, 120),
    weeks=st.integers(3, 40),
    goal=st.sampled_from(["1500m", "5k", "10k", "half", "marathon"]),
    birth=st.integers(1950, 2008),
    years=st.floats(0, 20),
    lifting=st.floats(0, 10),
    consistency=st.booleans(),
    ramp=st.sampled_from([0.05, 0.1, 0.15]),
)
def test_periodization_invariants_hold_for_random_athletes(
    weekly: float,
    weeks: int,
    goal: str,
    birth: int,
    years: float,
    lifting: float,
    consistency: bool,
    ramp: float,
) -> None:
    race = START + dt.timedelta(days=7 * weeks + 5)
    athlete = parse_profile(
        profile(
            **{
                "running.weekly_km": weekly,
                "running.longest_run_km": weekly / 3,
                "running.years_running": years,
                "strength.years_lifting": lifting,
                "birth_year": birth,
                "goal.distance": goal,
                "goal.date": race.isoformat(),
                "goal.target_time": None,
                "consistency_ok": consistency,
            }
        )
    )
    opts = PlanOptions(ramp_cap=ramp)
    novice = is_novice(athlete.years_running, athlete.weekly_km, athlete.goal.distance_m)
    season = periodize(athlete, START, opts)
    check_invariants(season, opts, consistency, novice=novice, current_km=athlete.weekly_km)


def test_r11_rising_mileage_shifts_strength_lighter() -> None:
    # (at 20 km a week the +3 km floor of R11 reaches the peak before the build; in a long
    # season the half tier's peak, Pfitzinger & Latter, is reached in base: 14 weeks ramp on)
    race = (START + dt.timedelta(days=14 * 7 - 1)).isoformat()
    s = periodize(parse_profile(profile(**{"running.weekly_km": 25, "goal.date": race})), START)
    rising = [w for w in s.weeks if any("R11: mileage rising" in y for y in w.why)]
    assert rising, "a low-volume athlete ramps towards the peak in build"
    for w in rising:
        assert StrengthCategory.HEAVY not in w.strength


def test_r10_endurance_gets_no_power_and_middle_gets_power() -> None:
    endurance = season()
    assert all(StrengthCategory.POWER not in w.strength for w in endurance.weeks)
    # Issue 12: 5 km is endurance now; a 1500 m goal is middle distance.
    middle = season(**{"goal.distance": "1500m", "goal.target_time": None})
    assert any(StrengthCategory.POWER in w.strength for w in middle.weeks if w.phase is Phase.BUILD)


def test_r5_novice_lifter_gets_no_plyometrics_in_first_mesocycle() -> None:
    s = season(**{"goal.distance": "1500m", "goal.target_time": None, "strength.years_lifting": 0})
    first = [w for w in s.weeks if w.mesocycle == 1]
    assert first and all(not w.plyo_ok and StrengthCategory.POWER not in w.strength for w in first)
