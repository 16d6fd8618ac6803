"""R14 across the Q5 caps: a week whose lifts a race or a quality run capped (Q5) is
not followed by a jump back to the uncapped load (issue 12).

The example profile (``runstrong plan new`` with ``examples/athlete.toml`` from
2026-11-09, the golden case) had its week 18 lifts capped at 70 % e1RM (the 10 km
tune-up on 2027-03-14) and week 19 back at 75–81 %: back squat and Romanian deadlift
+7 %, the Thursday Romanian deadlift +16 %, where R14 allows +2–5 % a step.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from runstrong.core.athlete import parse_profile
from runstrong.core.model import Plan, SessionKind
from runstrong.core.planning.build import build_plan
from runstrong.core.rules.audit.common import AuditLimits
from runstrong.core.rules.audit.strength import check_r14_progression

ROOT = Path(__file__).resolve().parents[2]


def _example_plan() -> Plan:
    text = (ROOT / "examples" / "athlete.toml").read_text(encoding="utf-8")
    return build_plan(parse_profile(tomllib.loads(text)), dt.date(2026, 11, 9))


def test_example_plan_loads_step_at_most_5_percent_after_a_capped_week() -> None:
    plan = _example_plan()
    assert check_r14_progression(plan, None, AuditLimits()) == []
    # the capped race-week loads stay capped (Q5), and week 19 climbs from them
    week18, week19 = plan.weeks[17], plan.weeks[18]
    pct18 = [e.pct_e1rm for s in week18.sessions if s.kind is SessionKind.STRENGTH
             for e in s.exercises if e.pct_e1rm]  # fmt: skip
    pct19 = [e.pct_e1rm for s in week19.sessions if s.kind is SessionKind.STRENGTH
             for e in s.exercises if e.pct_e1rm]  # fmt: skip
    assert pct18 and max(pct18) <= 0.70 + 1e-9
    assert pct19 and max(pct19) <= 0.70 * 1.05 + 1e-9
