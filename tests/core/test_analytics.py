"""Progress metrics (R26) and recovery-vs-performance statistics (R25) on known answers."""

from __future__ import annotations

import datetime as dt
import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.core.coaching.analytics import (
    best_efforts,
    efficiency_factor,
    fisher_ci,
    habit_findings,
    hedges_g,
    linear_fit,
    pace_at_heart_rate,
    pearson_r,
    personal_bests,
    sprint_velocity,
)


def test_best_efforts_constant_pace() -> None:
    t = [float(i) for i in range(1201)]
    d = [i * 4.0 for i in range(1201)]  # 4 m/s for 20 min = 4.8 km
    eff = best_efforts(t, d, (400.0, 1000.0, 5000.0))
    assert eff[400.0] == pytest.approx(100.0)
    assert eff[1000.0] == pytest.approx(250.0)
    assert 5000.0 not in eff


def test_best_efforts_finds_fast_segment() -> None:
    t = [float(i) for i in range(601)]
    d = [0.0]
    for i in range(1, 601):
        d.append(d[-1] + (5.0 if 200 <= i < 400 else 3.0))
    eff = best_efforts(t, d, (1000.0,))
    assert eff[1000.0] == pytest.approx(200.0)


def test_sprint_velocity_window() -> None:
    t = [float(i) for i in range(60)]
    v = [3.0] * 60
    for i in range(30, 36):
        v[i] = 8.0
    assert sprint_velocity(t, v, 5.0) == pytest.approx(8.0)
    assert sprint_velocity(t[:3], v[:3], 5.0) is None


def test_efficiency_factor_and_pace_at_hr() -> None:
    assert efficiency_factor(10000, 3000, 150) == pytest.approx(200 / 150)
    hr = [130.0, 140.0, 150.0, 160.0]
    speed = [2.8, 3.0, 3.2, 3.4]  # +0.02 m/s per bpm
    assert pace_at_heart_rate(hr, speed, 145.0) == pytest.approx(1000 / 3.1)
    with pytest.raises(ValueError):
        efficiency_factor(0, 100, 150)


def test_personal_bests_in_order() -> None:
    d = dt.date(2026, 1, 1)
    entries = [
        (d, "5k", 1300.0),
        (d + dt.timedelta(days=10), "5k", 1320.0),
        (d + dt.timedelta(days=20), "5k", 1250.0),
    ]
    pbs = personal_bests(entries, lower_is_better=True)
    assert [p.value for p in pbs] == [1300.0, 1250.0]
    assert pbs[1].improvement == pytest.approx(50 / 1300)


def test_fisher_ci_matches_textbook_value() -> None:
    # r = 0.5, n = 28: z = 0.5493, se = 0.2 → CI tanh(0.5493 ± 0.392) = (0.156, 0.736)
    lo, hi = fisher_ci(0.5, 28)
    assert lo == pytest.approx(0.156, abs=0.002)
    assert hi == pytest.approx(0.736, abs=0.002)


def test_hedges_g_known_difference() -> None:
    a = [1.0, 2.0, 3.0, 4.0, 5.0]
    b = [x + 1.58113883 for x in a]  # shift by one SD (sd = 1.5811)
    g, (lo, hi) = hedges_g(b, a)  # type: ignore[misc]
    assert g == pytest.approx(1.0 * (1 - 3 / (4 * 10 - 9)), rel=1e-6)
    assert lo < g < hi


def test_habit_findings_detects_planted_effect_and_refuses_small_n() -> None:
    # A fixed sample: by construction a null item still shows a "clear" link in 5 % of samples.
    rng = random.Random(3)
    rows = []
    for _ in range(60):
        sleep = rng.uniform(5, 9)
        stress = rng.uniform(1, 5)
        perf = 0.8 * sleep + rng.gauss(0, 0.5)  # sleep matters, stress does not
        rows.append(({"sleep_h": sleep, "stress": stress}, perf))
    findings = {f.item: f for f in habit_findings(rows, {"sleep_h": "sleep"})}
    sleep = findings["sleep_h"]
    assert sleep.enough_data and sleep.r is not None and sleep.r > 0.7
    assert sleep.r_ci is not None and sleep.r_ci[0] > 0
    assert sleep.summary.startswith("higher sleep goes with better key sessions")
    assert findings["stress"].summary.startswith("stress: no clear link")
    few = habit_findings(rows[:5])
    assert all(not f.enough_data for f in few)
    assert few[0].summary.endswith("not enough data: 5 of 10 sessions needed")


@given(st.lists(st.tuples(st.floats(-100, 100), st.floats(-100, 100)), min_size=3, max_size=40))
def test_pearson_r_is_bounded(pairs: list[tuple[float, float]]) -> None:
    r = pearson_r([p[0] for p in pairs], [p[1] for p in pairs])
    if r is not None:
        assert -1.0 - 1e-9 <= r <= 1.0 + 1e-9
        assert not math.isnan(r)


def test_pearson_r_survives_tiny_spreads() -> None:
    # sxx·syy underflows to 0 here although both variables vary (found by hypothesis).
    r = pearson_r([0.0, 0.0, 1e-160], [0.0, 1e-160, 0.0])
    assert r is not None and -1.0 <= r <= 1.0


def test_linear_fit_needs_spread() -> None:
    assert linear_fit([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]) is None
