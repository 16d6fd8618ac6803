"""JSON plan format 1.0: round trip, JSON Schema agreement, exact error messages."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings

from plan_strategies import plans
from runstrong.core.errors import PlanFormatError
from runstrong.core.model import Plan
from runstrong.exporters.plan_json import dump_plan, load_plan, plan_to_dict

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "plan.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema_rs.Draft202012Validator(SCHEMA)
EXAMPLES = [
    *sorted((ROOT / "tests" / "data" / "plans").glob("*.json")),
    ROOT / "examples" / "plan-minimal.json",
]
GOOD = json.loads((ROOT / "tests" / "data" / "plans" / "good.json").read_text(encoding="utf-8"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_round_trip_equals_the_original(plan: Plan) -> None:
    assert load_plan(dump_plan(plan)) == plan


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_dumped_plans_follow_the_json_schema(plan: Plan) -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(plan_to_dict(plan))]
    assert errors == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_follow_the_schema_and_load(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [e.message for e in VALIDATOR.iter_errors(data)] == []
    plan = load_plan(path.read_text(encoding="utf-8"), path.name)
    assert plan.format_version == "1.0"


def test_dump_fixed_names() -> None:
    plan = load_plan(json.dumps(GOOD))
    data = plan_to_dict(plan)
    week = data["weeks"][0]
    assert {"start_date", "phase", "deload", "run_km", "sessions"} <= week.keys()
    run = next(s for s in week["sessions"] if s["kind"] == "run")
    lift = next(s for s in week["sessions"] if s["kind"] == "strength")
    assert {
        "date",
        "start",
        "kind",
        "category",
        "hard",
        "duration_min",
        "distance_km",
        "load",
        "steps",
    } <= run.keys()
    assert run["start"] == "07:00" and run["date"] == "2027-03-02"
    assert {"name", "muscles", "sets", "reps", "pct_e1rm", "rpe"} <= lift["exercises"][0].keys()
    assert data["broken_rules"] == []
    assert dump_plan(plan).endswith("}\n")


def test_minimal_file_gets_defaults() -> None:
    plan = load_plan((ROOT / "examples" / "plan-minimal.json").read_text(encoding="utf-8"))
    race = plan.weeks[0].sessions[-1]
    assert race.steps == () and race.rules == () and race.title == "Goal race 5 km"
    assert plan.vdot is None and plan.broken_rules == ()
    assert plan.weeks[0].mesocycle == 0


def _error(mutate: Any) -> str:
    data = copy.deepcopy(GOOD)
    mutate(data)
    with pytest.raises(PlanFormatError) as info:
        load_plan(json.dumps(data), "plan.json")
    return str(info.value)


def _set(path: str, value: object) -> Any:
    def go(data: Any) -> None:
        *head, last = path.split("/")
        node = data
        for part in head:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return go


def _delete(path: str) -> Any:
    def go(data: Any) -> None:
        *head, last = path.split("/")
        node = data
        for part in head:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]

    return go


S = "weeks/2/sessions/0"


MALFORMED = [
    (
        _set(f"{S}/kind", "swim"),
        "plan.json: weeks[2].sessions[0].kind: 'swim' is not allowed; "
        "use run, strength, mobility, cross or rest",
    ),
    (
        _set("weeks/1/phase", "offseason"),
        "plan.json: weeks[1].phase: 'offseason' is not allowed; "
        "use base, build, peak, taper, race or transition",
    ),
    (
        _set(f"{S}/date", "2027-02-30"),
        "plan.json: weeks[2].sessions[0].date: '2027-02-30' is not a date; write it as YYYY-MM-DD",
    ),
    (
        _set(f"{S}/start", "7:00"),
        "plan.json: weeks[2].sessions[0].start: '7:00' is not a time; "
        "write local time as HH:MM (00:00–23:59)",
    ),
    (
        _set(f"{S}/duration_min", "60"),
        "plan.json: weeks[2].sessions[0].duration_min: '60' is not a number",
    ),
    (
        _set(f"{S}/duration_min", -5),
        "plan.json: weeks[2].sessions[0].duration_min: -5 is too small; it must be at least 0",
    ),
    (
        _set(f"{S}/hard", "yes"),
        "plan.json: weeks[2].sessions[0].hard: 'yes' is not true or false",
    ),
    (
        _delete("weeks/0/run_km"),
        "plan.json: weeks[0].run_km: is missing; this field is required",
    ),
    (
        _set(f"{S}/duraton_min", 60),
        "plan.json: weeks[2].sessions[0].duraton_min: is not a field of the plan format "
        "(check the spelling in docs/plan-format.md)",
    ),
    (
        _set(f"{S}/category", "tempo"),
        "plan.json: weeks[2].sessions[0].category: 'tempo' is not a strength category; "
        "use heavy, moderate, light, power, maintenance",
    ),
    (
        _set("weeks/2/sessions/1/category", "tempo"),
        "plan.json: weeks[2].sessions[1].category: 'tempo' is not a run category; use easy, "
        "recovery, long, threshold, intervals, repetitions, hills, strides, race_pace, "
        "time_trial, race",
    ),
    (
        _set(f"{S}/exercises/0/sets", 0),
        "plan.json: weeks[2].sessions[0].exercises[0].sets: 0 is too small; it must be at least 1",
    ),
    (
        _set(f"{S}/exercises/0/sets", 2.5),
        "plan.json: weeks[2].sessions[0].exercises[0].sets: 2.5 is not a whole number",
    ),
    (
        _set("weeks/2/sessions/1/steps/0/pace_s_per_km", [330.0]),
        "plan.json: weeks[2].sessions[1].steps[0].pace_s_per_km: has 1 item; "
        "it must have exactly 2",
    ),
    (
        _set("weeks/2/sessions/1/steps/0/pace_s_per_km", [360.0, 330.0]),
        "plan.json: weeks[2].sessions[1].steps[0].pace_s_per_km: [360.0, 330.0] is reversed; "
        "write [fast, slow] (fewer seconds per km first)",
    ),
    (
        _set("weeks/2/sessions/1/steps/0/hr_bpm", [150, 130]),
        "plan.json: weeks[2].sessions[1].steps[0].hr_bpm: [150, 130] is reversed; "
        "write [low, high]",
    ),
    (
        _set("weeks/2/sessions/1/id", "w3-mon-strength"),
        "plan.json: weeks[2].sessions[1].id: 'w3-mon-strength' is already used by "
        "weeks[2].sessions[0]; ids are unique",
    ),
    (
        _set(
            "broken_rules",
            [{"rule": "R3", "severity": "hard", "sessions": ["nope"], "message": "m"}],
        ),
        "plan.json: broken_rules[0].sessions[0]: 'nope' is not the id of a session in this plan",
    ),
    (
        _set("format_version", "2.0"),
        "plan.json: format_version: '2.0' is not supported; this runstrong reads format 1.x "
        "(current 1.0)",
    ),
    (_set("weeks", {}), "plan.json: weeks: an object is not a list"),
    (
        _set(f"{S}/load", float("nan")),
        "plan.json: weeks[2].sessions[0].load: NaN is not a finite number",
    ),
]


@pytest.mark.parametrize(("mutate", "message"), MALFORMED)
def test_malformed_plan_messages(mutate: Any, message: str) -> None:
    assert _error(mutate) == message


def test_several_problems_one_per_line() -> None:
    def two(data: Any) -> None:
        data["weeks"][0]["phase"] = "x"
        data["weeks"][1]["deload"] = 1

    assert _error(two) == (
        "plan.json: weeks[0].phase: 'x' is not allowed; use base, build, peak, taper, race or "
        "transition\nplan.json: weeks[1].deload: 1 is not true or false"
    )


def test_not_json_and_not_an_object() -> None:
    with pytest.raises(PlanFormatError, match=r"^p\.json: not valid JSON: Expecting value"):
        load_plan("", "p.json")
    with pytest.raises(PlanFormatError) as info:
        load_plan("[]", "p.json")
    assert str(info.value) == "p.json: (top level): a list is not an object"


# What only the loader's second pass can see (the schema cannot express it).
_SEMANTIC = ("is not a date", "is reversed", "is already used", "is not the id")


@pytest.mark.parametrize(("mutate", "message"), MALFORMED)
def test_schema_rejects_what_the_loader_rejects(mutate: Any, message: str) -> None:
    data = copy.deepcopy(GOOD)
    mutate(data)
    schema_ok = VALIDATOR.is_valid(data)
    assert schema_ok == any(marker in message for marker in _SEMANTIC)
