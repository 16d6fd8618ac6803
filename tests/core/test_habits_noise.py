"""Issue 13 part 5: R25 habits must not find patterns in noise, and must find a real one.

Simulation: pure-noise logs (nine items, independent and AR(1) φ = 0.7 in both the
items and the performance) must give any finding in at most 10 % of logs; a true
r = 0.5 sleep effect at n = 60 must be found in at least 80 %. Seeds are fixed, so
the test is deterministic; the rates have a margin over the limits.
"""

from __future__ import annotations

import math
import random

import pytest

from runstrong.core.coaching.habits import (
    benjamini_hochberg,
    effective_n,
    habit_findings,
)

ITEMS = (
    "sleep_h",
    "sleep_quality",
    "stress",
    "soreness",
    "leg_feel",
    "hip_stiffness",
    "low_back_fatigue",
    "nutrition_noted",
    "leg_lift_load_day_before",
)
LOGS = 200
N = 60


def _series(rng: random.Random, n: int, phi: float) -> list[float]:
    out = [rng.gauss(0, 1)]
    for _ in range(n - 1):
        out.append(phi * out[-1] + math.sqrt(1 - phi * phi) * rng.gauss(0, 1))
    return out


def _noise_log(rng: random.Random, phi: float) -> list[tuple[dict[str, float | None], float]]:
    cols = {item: _series(rng, N, phi) for item in ITEMS}
    perf = _series(rng, N, phi)
    return [({k: cols[k][i] for k in ITEMS}, perf[i]) for i in range(N)]


def _any_claim(rows: list[tuple[dict[str, float | None], float]]) -> bool:
    return any(f.claimed for f in habit_findings(rows))


def test_pure_noise_gives_a_finding_in_at_most_ten_percent_of_logs() -> None:
    rng = random.Random(2026)
    for phi in (0.0, 0.7):
        hits = sum(_any_claim(_noise_log(rng, phi)) for _ in range(LOGS))
        assert hits / LOGS <= 0.10, (phi, hits)


def test_uncorrected_tests_would_find_noise_in_a_third_of_logs() -> None:
    """The defect the corrections fix: nine tests at 5 % with the raw n, no BH."""
    rng = random.Random(7)
    hits = 0
    for _ in range(LOGS):
        found = habit_findings(_noise_log(rng, 0.7))
        hits += any(f.r is not None and _naive_p(f.r) < 0.05 for f in found)
    assert hits / LOGS > 0.30


def _naive_p(r: float) -> float:
    z = abs(math.atanh(max(min(r, 0.999999), -0.999999))) * math.sqrt(N - 3)
    return math.erfc(z / math.sqrt(2))


def test_a_true_sleep_effect_of_r_half_at_n_60_is_found_in_eighty_percent() -> None:
    rng = random.Random(11)
    found = 0
    for _ in range(LOGS):
        rows = _noise_log(rng, 0.0)
        shaped = []
        for feats, _ in rows:
            sleep = feats["sleep_h"] or 0.0
            perf = 0.5 * sleep + math.sqrt(1 - 0.25) * rng.gauss(0, 1)  # r = 0.5
            shaped.append((feats, perf))
        by_item = {f.item: f for f in habit_findings(shaped)}
        found += by_item["sleep_h"].claimed and (by_item["sleep_h"].r or 0) > 0
    assert found / LOGS >= 0.80


def test_benjamini_hochberg_step_up() -> None:
    # sorted p 0.01, 0.03, 0.04, 0.20 → p·m/rank 0.04, 0.06, 0.0533, 0.20 → running minimum
    q = benjamini_hochberg([0.01, 0.04, 0.03, 0.20])
    assert q == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.20])


def test_effective_n_shrinks_with_shared_persistence() -> None:
    rng = random.Random(5)
    xs = _series(rng, 400, 0.7)
    ys = _series(rng, 400, 0.7)
    n_eff = effective_n(xs, ys)
    assert 0.25 * 400 < n_eff < 0.5 * 400  # (1 − 0.49)/(1 + 0.49) ≈ 0.34
    assert effective_n(_series(rng, 400, 0.0), _series(rng, 400, 0.0)) > 0.85 * 400
