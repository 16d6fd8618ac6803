"""Issue 12 part 10b: every plan for a random athlete passes the plan-quality
audit (Q1–Q7), or its notes name the limit that stopped it.

Seeded athletes (tests/core/quality_athletes.py), so a failure names the athlete
to rebuild (``athlete_and_plan(12, i)``). Sized for CI on 2 cores: with the faster
scheduler a plan takes about 0.15 s of CPU to build and audit, so all ``PLANS`` =
1,000 athletes run in every CI run (153 s of CPU, 78 s on 2 workers, 2026-12-07) in
chunks of ``CHUNK`` that pytest-xdist spreads over the workers.
benchmarks/bench_plan_quality.py prints the counts per check.
"""

from __future__ import annotations

from collections import Counter

import pytest
from quality_athletes import athlete_and_plan, unexplained

PLANS = 1000
CHUNK = 50
SEED = 12


def _failures(indices: range) -> dict[int, Counter[str]]:
    out: dict[int, Counter[str]] = {}
    for i in indices:
        athlete, plan = athlete_and_plan(SEED, i)
        found = unexplained(plan, athlete)
        if found:
            out[i] = found
    return out


def _summary(failures: dict[int, Counter[str]]) -> str:
    total: Counter[str] = Counter()
    for found in failures.values():
        total.update(found.keys())
    worst = ", ".join(f"{name}: {n} plans" for name, n in total.most_common())
    first = sorted(failures)[:10]
    return f"{len(failures)} plans with unexplained quality findings ({worst}); athletes {first}"


@pytest.mark.parametrize("first", range(0, PLANS, CHUNK))
def test_random_plans_pass_the_quality_audit(first: int) -> None:
    failures = _failures(range(first, first + CHUNK))
    assert not failures, _summary(failures)
