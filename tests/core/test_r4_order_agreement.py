"""The planner reports every R4 order trade-off the audit finds in its own plans.

Before this, the scheduler paid for "strength after the quality run" in two windows but
did not report it ("No rule had to be broken"), while ``runstrong check`` found seven
soft R4 breaks in the same masters-marathon plan (issue 11: solver and audit agree).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from runstrong.core.athlete import parse_profile
from runstrong.core.planning.build import build_plan
from runstrong.core.rules.audit.engine import audit_plan

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "data"
CASES = {
    "masters-marathon": (GOLDEN / "masters-marathon.toml", "2027-05-03"),
    "example": (ROOT / "examples" / "athlete.toml", "2026-11-09"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_r4_finding_of_the_audit_is_reported_by_the_plan(case: str) -> None:
    path, start = CASES[case]
    athlete = parse_profile(tomllib.loads(path.read_text(encoding="utf-8")))
    plan = build_plan(athlete, dt.date.fromisoformat(start))
    reported = {frozenset(b.session_ids) for b in plan.broken_rules if b.rule_id == "R4"}
    found = [b for b in audit_plan(plan, athlete=athlete) if b.rule_id == "R4"]
    missing = [(b.date, b.message) for b in found if frozenset(b.session_ids) not in reported]
    assert missing == []
