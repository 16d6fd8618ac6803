"""Time the plan audit and every exporter on the planner's plan for the example profile.

Prints the median of several runs for: audit_plan (with profile), dump_plan,
load_plan, plan_to_ics, session_to_fit over all runs and lifts, plan_to_markdown,
and end-to-end `runstrong check` in-process. Run: .venv/bin/python benchmarks/bench_exporters.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from runstrong.cli import run
from runstrong.core.athlete import parse_profile
from runstrong.core.model import SessionKind
from runstrong.core.planning.build import build_plan
from runstrong.core.rules.audit.engine import audit_plan
from runstrong.exporters.fitworkout import session_to_fit
from runstrong.exporters.ics import plan_to_ics
from runstrong.exporters.markdown import plan_to_markdown
from runstrong.exporters.plan_json import dump_plan, load_plan

ROOT = Path(__file__).resolve().parents[1]


def median_ms(fn: Callable[[], object], repeat: int = 15) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    athlete = parse_profile(tomllib.loads((ROOT / "examples/athlete.toml").read_text("utf-8")))
    start = athlete.goal.date - dt.timedelta(weeks=24)
    start -= dt.timedelta(days=start.weekday())
    plan = build_plan(athlete, start)
    text = dump_plan(plan)
    sessions = plan.sessions()
    workouts = [s for s in sessions if s.kind in (SessionKind.RUN, SessionKind.STRENGTH)]
    kib = len(text) / 1024
    stamp = dt.datetime.now(dt.UTC)
    print(f"plan: {len(plan.weeks)} weeks, {len(sessions)} sessions, JSON {kib:.0f} KiB")
    rows = [
        ("audit_plan (with profile)", lambda: audit_plan(plan, athlete=athlete)),
        ("dump_plan", lambda: dump_plan(plan)),
        ("load_plan", lambda: load_plan(text)),
        ("plan_to_ics", lambda: plan_to_ics(plan, "Europe/Berlin", dtstamp=stamp)),
        (f"session_to_fit x {len(workouts)}", lambda: [session_to_fit(s) for s in workouts]),
        ("plan_to_markdown", lambda: plan_to_markdown(plan)),
    ]
    for name, fn in rows:
        print(f"{name:32s} {median_ms(fn):8.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.json"
        path.write_text(text, encoding="utf-8")
        null = open("/dev/null", "w")  # noqa: SIM115, PTH123
        real = sys.stdout
        sys.stdout = null
        try:
            ms = median_ms(lambda: run(["check", str(path)]), repeat=7)
        finally:
            sys.stdout = real
            null.close()
        print(f"{'runstrong check (in-process)':32s} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
