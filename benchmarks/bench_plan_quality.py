"""Plan-quality figures (issue 12 part 10b; docs/planner.md, docs/benchmarks.md).

Builds plans for N random athletes (default 1,000: 2–7 days, beginners to
120 km/week, masters, 400 m to 100 km, trail by name; the generator is
tests/core/quality_athletes.py) and prints, for every check of the plan-quality
audit (Q1–Q7, ``core.rules.quality.QUALITY_CHECKS``), how many plans fail it
without a note that names the limit, and how many findings there are. The goal
is 0 everywhere. Usage: python benchmarks/bench_plan_quality.py [--profiles N] [--seed S]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "core"))

from quality_athletes import athlete_and_plan, unexplained

from runstrong.core.errors import RunstrongError
from runstrong.core.rules.quality import QUALITY_CHECKS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--progress", type=int, default=0, help="print counts every N plans")
    args = parser.parse_args()
    plans: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    failing = refused = 0
    athletes: list[int] = []  # failing indices: athlete_and_plan(seed, i) rebuilds one
    cpu_started = time.process_time()
    started = time.perf_counter()
    for i in range(args.profiles):
        try:
            athlete, plan = athlete_and_plan(args.seed, i)
        except RunstrongError:
            refused += 1  # a profile the planner refuses with a friendly error
            continue
        found = unexplained(plan, athlete)
        failing += bool(found)
        if found:
            athletes.append(i)
        findings.update(found)
        plans.update(found.keys())
        if args.progress and (i + 1) % args.progress == 0:
            print(f"after {i + 1}: {failing} failing; {dict(plans.most_common())}", flush=True)
    built = args.profiles - refused
    elapsed = time.perf_counter() - started
    print(f"plan-quality audit over {built} random plans (seed {args.seed}; {refused} refused)")
    print(f"{'check':<24}{'id':<4}{'plans':>7}{'findings':>10}  (goal: 0)")
    for check in QUALITY_CHECKS:
        print(f"{check.name:<24}{check.rule_id:<4}{plans[check.name]:>7}{findings[check.name]:>10}")
    share = failing / built if built else 0.0
    print(f"plans with an unexplained quality finding: {failing} of {built} ({share:.0%})")
    if athletes:
        print(f"failing athletes (first 20): {athletes[:20]}")
    cpu = time.process_time() - cpu_started
    print(
        f"{elapsed:.1f} s wall, {cpu:.1f} s CPU ({1000 * cpu / max(args.profiles, 1):.0f} ms CPU "
        "a plan, build + audit)"
    )


if __name__ == "__main__":
    main()
