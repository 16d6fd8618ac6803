"""The JSON plan format (version 1.x): ``Plan`` ↔ text, with friendly errors.

Other programs read and write this format, so its names are fixed and
documented field by field in ``docs/plan-format.md`` (JSON Schema:
``docs/plan.schema.json``). Pydantic models (``plan_file.PlanFile`` and friends) check
the structure at this edge; a second pass checks what a schema cannot express
well (a run category on a run, unique session ids, rule breaks that name real
sessions). Every problem becomes a ``PlanFormatError`` naming the file, the
JSON path of the bad field and what is allowed, e.g.::

    plan.json: weeks[2].sessions[0].kind: 'swim' is not allowed;
    use run, strength, mobility, cross or rest        (one line in reality)

This module never decides whether a plan is *good*; that is ``core.rules.audit.engine``.
Writing a plan needs no pydantic: the models are imported by :func:`load_plan` only, so
``runstrong plan new`` saves a plan without paying ~80 ms to import them (issue 11).
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from runstrong.core.errors import PlanFormatError
from runstrong.core.model import (
    ExercisePrescription,
    Plan,
    PlannedSession,
    PlanWeek,
    RuleBreak,
    RunCategory,
    RunStep,
    SessionKind,
    StrengthCategory,
)
from runstrong.exporters.json_text import dumps_indented

if TYPE_CHECKING:
    from runstrong.exporters.plan_file import PlanFile

FORMAT_VERSION = "1.0"
SUPPORTED_MAJOR = "1"
_MAX_REPORTED = 10
_RUN_CATEGORIES = frozenset(c.value for c in RunCategory)
_STRENGTH_CATEGORIES = frozenset(c.value for c in StrengthCategory)
_RANGE_ORDER = {
    "pace_s_per_km": "write [fast, slow] (fewer seconds per km first)",
    "hr_bpm": "write [low, high]",
}
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


# ---------------------------------------------------------------------------
# Plan → dict / text
# ---------------------------------------------------------------------------


def _step_dict(step: RunStep) -> dict[str, Any]:
    return {
        "kind": step.kind.value,
        "duration_s": step.duration_s,
        "distance_m": step.distance_m,
        "pace_s_per_km": list(step.pace_s_per_km) if step.pace_s_per_km else None,
        "hr_bpm": list(step.hr_bpm) if step.hr_bpm else None,
        "repeat": step.repeat,
        "note": step.note,
    }


def _exercise_dict(ex: ExercisePrescription) -> dict[str, Any]:
    return {
        "name": ex.name,
        "muscles": list(ex.muscles),
        "sets": ex.sets,
        "reps": ex.reps,
        "pct_e1rm": ex.pct_e1rm,
        "rpe": ex.rpe,
        "load_kg": ex.load_kg,
        "duration_s": ex.duration_s,
        "rest_s": ex.rest_s,
        "intent": ex.intent,
        "substitutions": list(ex.substitutions),
        "plyometric": ex.plyometric,
        "superset": ex.superset,
    }


def _session_dict(s: PlannedSession) -> dict[str, Any]:
    return {
        "id": s.id,
        "date": s.date.isoformat(),
        "start": s.start.strftime("%H:%M"),
        "kind": s.kind.value,
        "category": s.category,
        "hard": s.hard,
        "duration_min": s.duration_min,
        "distance_km": s.distance_km,
        "load": s.load,
        "title": s.title,
        "steps": [_step_dict(x) for x in s.steps],
        "exercises": [_exercise_dict(x) for x in s.exercises],
        "mobility": [_exercise_dict(x) for x in s.mobility],
        "rules": list(s.rules),
        "why": list(s.why),
    }


def _week_dict(w: PlanWeek) -> dict[str, Any]:
    return {
        "index": w.index,
        "start_date": w.start_date.isoformat(),
        "phase": w.phase.value,
        "deload": w.deload,
        "run_km": w.run_km,
        "mesocycle": w.mesocycle,
        "notes": list(w.notes),
        "sessions": [_session_dict(s) for s in w.sessions],
    }


def _break_dict(b: RuleBreak) -> dict[str, Any]:
    return {
        "rule": b.rule_id,
        "severity": b.severity.value,
        "sessions": list(b.session_ids),
        "message": b.message,
        "date": b.date.isoformat() if b.date else None,
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as plain JSON-ready data (format ``plan.format_version``, normally 1.0).

    Every field is written, optional ones as ``null`` or ``[]``, except ``units``,
    written only for a miles athlete (absent means km, as in files written before it);
    session start times are written as local ``HH:MM`` (seconds are not part of the
    format).
    """
    units = {"units": plan.units} if plan.units != "km" else {}
    return {
        "format_version": plan.format_version,
        "athlete": plan.athlete,
        "start_date": plan.start_date.isoformat(),
        "race_date": plan.race_date.isoformat(),
        "race_distance_m": plan.race_distance_m,
        "vdot": plan.vdot,
        "target_time_s": plan.target_time_s,
        "notes": list(plan.notes),
        "weeks": [_week_dict(w) for w in plan.weeks],
        "broken_rules": [_break_dict(b) for b in plan.broken_rules],
        **units,
    }


def dump_plan(plan: Plan) -> str:
    """The plan as JSON text (2-space indent, UTF-8 characters kept, trailing newline):
    ``json.dumps(..., indent=2, ensure_ascii=False)``'s text, written twice as fast
    (``exporters.json_text``)."""
    return dumps_indented(plan_to_dict(plan)) + "\n"


# ---------------------------------------------------------------------------
# text → Plan
# ---------------------------------------------------------------------------


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(top level)"


def _show(value: object) -> str:
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return json.dumps(value)


def _num(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _allowed_enum(expected: str) -> str:
    return expected.replace("'", "")


_TYPE_NAMES = {
    "float_type": "a number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "string_type": "a string",
    "list_type": "a list",
    "tuple_type": "a list",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "dict_type": "an object",
    "date_type": "a date written YYYY-MM-DD",
}


def _problem(err: Any) -> str:
    kind: str = err["type"]
    ctx: dict[str, Any] = err.get("ctx") or {}
    value = err.get("input")
    if kind == "missing":
        return "is missing; this field is required"
    if kind == "extra_forbidden":
        return "is not a field of the plan format (check the spelling in docs/plan-format.md)"
    if kind == "enum":
        return f"{_show(value)} is not allowed; use {_allowed_enum(str(ctx['expected']))}"
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"{_show(value)} is not a date; write it as YYYY-MM-DD"
    if kind in _TYPE_NAMES:
        return f"{_show(value)} is not {_TYPE_NAMES[kind]}"
    if kind == "finite_number":
        return f"{_show(value)} is not a finite number"
    if kind == "greater_than_equal":
        return f"{_show(value)} is too small; it must be at least {_num(ctx['ge'])}"
    if kind == "greater_than":
        return f"{_show(value)} is too small; it must be more than {_num(ctx['gt'])}"
    if kind == "less_than_equal":
        return f"{_show(value)} is too large; it must be at most {_num(ctx['le'])}"
    if kind in ("too_short", "too_long"):
        n = ctx.get("actual_length")
        return f"has {n} item{'' if n == 1 else 's'}; it must have exactly 2"
    if kind == "string_too_short":
        return "is empty; it must not be"
    return str(err.get("msg", "is not valid"))


def _fail(source: str, problems: list[str]) -> PlanFormatError:
    shown = problems[:_MAX_REPORTED]
    lines = [f"{source}: {p}" for p in shown]
    if len(problems) > len(shown):
        lines.append(f"{source}: … and {len(problems) - len(shown)} more problems")
    return PlanFormatError("\n".join(lines))


def _check_semantics(pf: PlanFile) -> list[str]:
    """Cross-field checks the structural models do not express."""
    problems: list[str] = []
    major = pf.format_version.split(".", 1)[0]
    if major != SUPPORTED_MAJOR or not re.fullmatch(r"\d+\.\d+", pf.format_version):
        problems.append(
            f"format_version: {pf.format_version!r} is not supported; "
            f"this runstrong reads format 1.x (current {FORMAT_VERSION})"
        )
    run_cats = ", ".join(c.value for c in RunCategory)
    strength_cats = ", ".join(c.value for c in StrengthCategory)
    seen: dict[str, str] = {}
    for wi, week in enumerate(pf.weeks):
        for si, s in enumerate(week.sessions):
            at = f"weeks[{wi}].sessions[{si}]"
            if not _HHMM.match(s.start):
                problems.append(
                    f"{at}.start: {s.start!r} is not a time; "
                    "write local time as HH:MM (00:00–23:59)"
                )
            if s.kind is SessionKind.RUN and s.category not in _RUN_CATEGORIES:
                problems.append(
                    f"{at}.category: {s.category!r} is not a run category; use {run_cats}"
                )
            if s.kind is SessionKind.STRENGTH and s.category not in _STRENGTH_CATEGORIES:
                problems.append(
                    f"{at}.category: {s.category!r} is not a strength category; use {strength_cats}"
                )
            if s.id in seen:
                problems.append(
                    f"{at}.id: {s.id!r} is already used by {seen[s.id]}; ids are unique"
                )
            else:
                seen[s.id] = at
            for pi, step in enumerate(s.steps):
                for name, order in _RANGE_ORDER.items():
                    rng = getattr(step, name)
                    if rng is not None and rng[0] > rng[1]:
                        problems.append(f"{at}.steps[{pi}].{name}: {rng} is reversed; {order}")
    for bi, b in enumerate(pf.broken_rules):
        for ki, sid in enumerate(b.sessions):
            if sid not in seen:
                problems.append(
                    f"broken_rules[{bi}].sessions[{ki}]: {sid!r} is not the id of a session "
                    "in this plan"
                )
    return problems


def load_plan(text: str, source: str = "<plan>") -> Plan:
    """Parse plan JSON text; ``source`` (usually the file name) prefixes every error.

    Raises ``PlanFormatError`` listing each bad field by its JSON path and what
    is allowed (up to 10 problems, one per line).
    """
    from pydantic import ValidationError

    from runstrong.exporters.plan_file import PlanFile, plan_from_file

    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFormatError(
            f"{source}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    try:
        pf = PlanFile.model_validate_json(text)
    except ValidationError as exc:
        problems = [f"{_path(tuple(e['loc']))}: {_problem(e)}" for e in exc.errors()]
        raise _fail(source, problems) from None
    problems = _check_semantics(pf)
    if problems:
        raise _fail(source, problems)
    return plan_from_file(pf)
