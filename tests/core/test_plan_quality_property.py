"""Issue 12 part 10b: every plan for a random athlete passes the plan-quality
audit (Q1–Q6), or its notes name the limit that stopped it.

Seeded athletes (tests/core/quality_athletes.py), so a failure names the athlete
to rebuild. CI runs ``CI_PLANS`` of them (sized for 2 cores: a plan is about
0.2 s to build and audit on an idle machine, so about 30 s); ``-m slow`` runs the full
``FULL_PLANS``; benchmarks/bench_plan_quality.py prints the counts per check.

The assertion is honest (zero unexplained findings). While the planner's
quality pass (branch ``planner``) is not merged, today's planner fails it, so the
tests are skipped unless ``RUNSTRONG_PLANNER_QUALITY=1``; the lead removes the
skip when the planner work lands.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
from quality_athletes import athlete_and_plan, unexplained

CI_PLANS = 150
FULL_PLANS = 1000
SEED = 12

pending = pytest.mark.skipif(
    os.environ.get("RUNSTRONG_PLANNER_QUALITY") != "1",
    reason="planner quality pass pending (branch planner); RUNSTRONG_PLANNER_QUALITY=1 runs it",
)


def _failures(n: int) -> dict[int, Counter[str]]:
    out: dict[int, Counter[str]] = {}
    for i in range(n):
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


@pending
def test_random_plans_pass_the_quality_audit() -> None:
    failures = _failures(CI_PLANS)
    assert not failures, _summary(failures)


@pending
@pytest.mark.slow
def test_a_thousand_random_plans_pass_the_quality_audit() -> None:
    failures = _failures(FULL_PLANS)
    assert not failures, _summary(failures)
