"""Pydantic models of the JSON plan file (format 1.x) and their conversion to the
core ``Plan``. The models check structure and types at the edge (strict: no
string-to-number coercion, unknown fields refused, no NaN/Infinity);
``plan_json`` turns their errors into friendly messages and adds the checks
a schema cannot express. Field by field documentation: docs/plan-format.md.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from typing import TYPE_CHECKING, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from runstrong.core.model import (
    ExercisePrescription,
    Phase,
    Plan,
    PlannedSession,
    PlanWeek,
    RuleBreak,
    RunStep,
    SessionKind,
    Severity,
    StepKind,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_T = TypeVar("_T", bound="DataclassInstance")


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)


class StepFile(_Strict):
    """One structured run step (``RunStep``)."""

    kind: StepKind
    duration_s: float | None = Field(default=None, gt=0)
    distance_m: float | None = Field(default=None, gt=0)
    pace_s_per_km: list[float] | None = Field(default=None, min_length=2, max_length=2)
    hr_bpm: list[int] | None = Field(default=None, min_length=2, max_length=2)
    repeat: int = Field(default=1, ge=1)
    note: str = ""


class ExerciseFile(_Strict):
    """One exercise of a strength or mobility block (``ExercisePrescription``)."""

    name: str = Field(min_length=1)
    muscles: list[str]
    sets: int = Field(ge=1)
    reps: int | None = Field(default=None, ge=1)
    pct_e1rm: float | None = Field(default=None, gt=0, le=1.2)
    rpe: float | None = Field(default=None, ge=1, le=10)
    load_kg: float | None = Field(default=None, ge=0)
    duration_s: float | None = Field(default=None, gt=0)
    rest_s: int = Field(default=90, ge=0)
    intent: str = ""
    substitutions: list[str] = []
    plyometric: bool = False
    superset: str = ""


class SessionFile(_Strict):
    """One planned session (``PlannedSession``)."""

    id: str = Field(min_length=1)
    date: dt.date
    start: str
    kind: SessionKind
    category: str
    hard: bool
    duration_min: float = Field(ge=0)
    load: float = Field(ge=0)
    title: str = ""
    distance_km: float | None = Field(default=None, ge=0)
    steps: list[StepFile] = []
    exercises: list[ExerciseFile] = []
    mobility: list[ExerciseFile] = []
    rules: list[str] = []
    why: list[str] = []


class WeekFile(_Strict):
    """One week of the plan (``PlanWeek``)."""

    index: int = Field(ge=0)
    start_date: dt.date
    phase: Phase
    deload: bool
    run_km: float = Field(ge=0)
    mesocycle: int = Field(default=0, ge=0)
    sessions: list[SessionFile] = []
    notes: list[str] = []


class RuleBreakFile(_Strict):
    """A rule the plan had to break (``RuleBreak``)."""

    rule: str = Field(min_length=1)
    severity: Severity
    sessions: list[str]
    message: str
    date: dt.date | None = None


class PlanFile(_Strict):
    """The whole plan file (``Plan``)."""

    format_version: str
    athlete: str
    start_date: dt.date
    race_date: dt.date
    race_distance_m: float = Field(gt=0)
    vdot: float | None = Field(default=None, gt=0)
    target_time_s: float | None = Field(default=None, gt=0)
    notes: list[str] = []
    weeks: list[WeekFile]
    broken_rules: list[RuleBreakFile] = []
    units: Literal["km", "mi"] = "km"


@functools.cache
def _field_names(target: type[DataclassInstance]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(target))


def _mirrored(source: BaseModel, target: type[_T], **given: object) -> _T:
    """The core dataclass ``target`` built from the same-named fields of ``source``
    (lists become tuples), except the fields in ``given``. Each file model mirrors its
    dataclass field by field, so a field added to both needs no edit here; a dataclass
    field the model lacks must be in ``given`` (else ``AttributeError``)."""
    values = dict(given)
    for name in _field_names(target):
        if name not in values:
            value = getattr(source, name)
            values[name] = tuple(value) if isinstance(value, list) else value
    return target(**values)


def _session(f: SessionFile) -> PlannedSession:
    hh, mm = f.start.split(":")
    return _mirrored(
        f,
        PlannedSession,
        start=dt.time(int(hh), int(mm)),
        steps=tuple(_mirrored(x, RunStep) for x in f.steps),
        exercises=tuple(_mirrored(x, ExercisePrescription) for x in f.exercises),
        mobility=tuple(_mirrored(x, ExercisePrescription) for x in f.mobility),
    )


def _week(f: WeekFile) -> PlanWeek:
    return _mirrored(f, PlanWeek, sessions=tuple(_session(s) for s in f.sessions))


def plan_from_file(pf: PlanFile) -> Plan:
    """Convert a validated ``PlanFile`` into the core ``Plan``."""
    return _mirrored(
        pf,
        Plan,
        weeks=tuple(_week(w) for w in pf.weeks),
        broken_rules=tuple(
            RuleBreak(
                rule_id=b.rule,
                severity=b.severity,
                session_ids=tuple(b.sessions),
                message=b.message,
                date=b.date,
            )
            for b in pf.broken_rules
        ),
    )
