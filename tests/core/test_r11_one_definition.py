"""R11 has one definition (issue 11, issue 12 item 3): the planner ramps by the rule the
audit checks, so `runstrong check` finds no R11 rise in a plan the planner built."""

from __future__ import annotations

import pytest
from coachqa import coachqa_plan

from runstrong.core.rules.audit.engine import audit_plan


@pytest.mark.parametrize("name", ["a2", "a3", "a4", "a4b", "a6", "a7", "a8"])
def test_planner_plans_have_no_r11_findings(name: str) -> None:
    athlete, plan = coachqa_plan(name)
    found = [b.message for b in audit_plan(plan, athlete=athlete) if b.rule_id == "R11"]
    assert found == []
