"""The planner's own output passes the audit and survives every exporter.

``build_plan`` on the example profile must have no HARD break the plan does
not declare in ``broken_rules``; its JSON follows the schema and round-trips;
the calendar, FIT and Markdown exports cover every session.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path

import jsonschema_rs
import pytest

from runstrong.core.athlete import Athlete, parse_profile
from runstrong.core.model import Plan, SessionKind
from runstrong.core.planning.build import build_plan
from runstrong.core.rules.audit.engine import audit_plan, hard_breaks, undeclared
from runstrong.exporters.fitworkout import write_workouts
from runstrong.exporters.ics import plan_to_ics
from runstrong.exporters.markdown import plan_to_markdown
from runstrong.exporters.plan_json import dump_plan, load_plan, plan_to_dict

ROOT = Path(__file__).resolve().parents[2]
START = dt.date(2026, 12, 28)  # a Monday, 15 weeks before the example goal race


@pytest.fixture(scope="module")
def athlete() -> Athlete:
    return parse_profile(tomllib.loads((ROOT / "examples" / "athlete.toml").read_text("utf-8")))


@pytest.fixture(scope="module")
def plan(athlete: Athlete) -> Plan:
    return build_plan(athlete, START)


def test_planner_output_has_no_silent_hard_break(plan: Plan, athlete: Athlete) -> None:
    found = audit_plan(plan, athlete=athlete)
    assert undeclared(plan, hard_breaks(found)) == []


def test_planner_output_follows_the_schema_and_round_trips(plan: Plan) -> None:
    schema = json.loads((ROOT / "docs" / "plan.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema_rs.Draft202012Validator(schema)
    assert [e.message for e in validator.iter_errors(plan_to_dict(plan))] == []
    assert load_plan(dump_plan(plan)) == plan


def test_planner_output_exports(plan: Plan, tmp_path: Path) -> None:
    sessions = plan.sessions()
    ics = plan_to_ics(plan, "Europe/Berlin", dtstamp=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))
    assert ics.count("BEGIN:VEVENT") == sum(1 for s in sessions if s.kind is not SessionKind.REST)
    md = plan_to_markdown(plan)
    assert all(f"- Session id: `{s.id}`" in md for s in sessions)
    paths = write_workouts(plan, tmp_path)
    assert len(paths) == sum(
        1 for s in sessions if s.kind in (SessionKind.RUN, SessionKind.STRENGTH)
    )
