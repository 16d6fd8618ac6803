"""Markdown export: overview, every week, every session and its prescription."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from plan_strategies import plans
from runstrong.core.model import Plan, RuleBreak, Severity
from runstrong.exporters.markdown import plan_to_markdown
from runstrong.exporters.plan_json import load_plan
from runstrong.exporters.text import exercise_text

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _plan() -> Plan:
    return load_plan((PLANS / "good.json").read_text(encoding="utf-8"))


def test_overview_has_one_row_per_week() -> None:
    md = plan_to_markdown(_plan())
    assert md.startswith("# Season plan — Example Runner\n")
    assert "| 4 | 2027-03-22 | base | yes | 27 | 4 | 2 | 1556 |" in md
    assert md.count("\n## Week ") == 8
    assert "## Rules the plan had to break\n\nNone.\n" in md


def test_every_session_and_prescription_is_printed() -> None:
    plan = _plan()
    md = plan_to_markdown(plan)
    for s in plan.sessions():
        assert f"| {s.date.isoformat()} | {s.start:%H:%M} |" in md
        assert f"- Session id: `{s.id}`" in md
        for ex in (*s.exercises, *s.mobility):
            assert exercise_text(ex) in md
    assert "- 5 × (Work 1000 m @ 3:55–4:05/km / Recovery 2:00 (jog))" in md


def test_broken_rules_are_listed() -> None:
    base = _plan()
    why = "only two free days"
    pair = ("w1-mon-strength", "w1-wed-run")
    plan = dataclasses.replace(
        base, broken_rules=(RuleBreak("R3", Severity.HARD, pair, why, base.start_date),)
    )
    md = plan_to_markdown(plan)
    assert (
        "- **R3** (hard) on 2027-03-01, `w1-mon-strength`, `w1-wed-run`: only two free days" in md
    )


def test_pipes_in_titles_do_not_break_tables() -> None:
    plan = _plan()
    week = plan.weeks[0]
    odd = dataclasses.replace(week.sessions[0], title="A | B\nC")
    plan = dataclasses.replace(plan, weeks=(dataclasses.replace(week, sessions=(odd,)),))
    md = plan_to_markdown(plan)
    row = next(line for line in md.splitlines() if line.startswith("| Mon |"))
    assert "A \\| B C" in row
    assert len(_UNESCAPED_PIPE.findall(row)) == 9


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_any_plan_lists_every_session(plan: Plan) -> None:
    md = plan_to_markdown(plan)
    assert md.endswith("\n")
    rows = [line for line in md.splitlines() if line.startswith("| ") and line.endswith(" |")]
    table_rows = [r for r in rows if re.match(r"^\| (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \| ", r)]
    assert len(table_rows) == len(plan.sessions())
    for row in table_rows:
        assert len(_UNESCAPED_PIPE.findall(row)) == 9
