"""Pydantic models of the JSON plan file (format 1.x) and their conversion to the
core ``Plan``. The models check structure and types at the edge (strict: no
string-to-number coercion, unknown fields refused, no NaN/Infinity);
``plan_json`` turns their errors into friendly messages and adds the checks
a schema cannot express. Field by field documentation: docs/plan-format.md.
"""

from __future__ import annotations

import datetime as dt

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


def _step(f: StepFile) -> RunStep:
    return RunStep(
        kind=f.kind,
        duration_s=f.duration_s,
        distance_m=f.distance_m,
        pace_s_per_km=(f.pace_s_per_km[0], f.pace_s_per_km[1]) if f.pace_s_per_km else None,
        hr_bpm=(f.hr_bpm[0], f.hr_bpm[1]) if f.hr_bpm else None,
        repeat=f.repeat,
        note=f.note,
    )


def _exercise(f: ExerciseFile) -> ExercisePrescription:
    return ExercisePrescription(
        name=f.name,
        muscles=tuple(f.muscles),
        sets=f.sets,
        reps=f.reps,
        pct_e1rm=f.pct_e1rm,
        rpe=f.rpe,
        load_kg=f.load_kg,
        duration_s=f.duration_s,
        rest_s=f.rest_s,
        intent=f.intent,
        substitutions=tuple(f.substitutions),
        plyometric=f.plyometric,
        superset=f.superset,
    )


def _session(f: SessionFile) -> PlannedSession:
    hh, mm = f.start.split(":")
    return PlannedSession(
        id=f.id,
        date=f.date,
        start=dt.time(int(hh), int(mm)),
        kind=f.kind,
        category=f.category,
        hard=f.hard,
        duration_min=f.duration_min,
        load=f.load,
        title=f.title,
        distance_km=f.distance_km,
        steps=tuple(_step(x) for x in f.steps),
        exercises=tuple(_exercise(x) for x in f.exercises),
        mobility=tuple(_exercise(x) for x in f.mobility),
        rules=tuple(f.rules),
        why=tuple(f.why),
    )


def _week(f: WeekFile) -> PlanWeek:
    return PlanWeek(
        index=f.index,
        start_date=f.start_date,
        phase=f.phase,
        deload=f.deload,
        run_km=f.run_km,
        mesocycle=f.mesocycle,
        sessions=tuple(_session(s) for s in f.sessions),
        notes=tuple(f.notes),
    )


def plan_from_file(pf: PlanFile) -> Plan:
    """Convert a validated ``PlanFile`` into the core ``Plan``."""
    return Plan(
        format_version=pf.format_version,
        athlete=pf.athlete,
        start_date=pf.start_date,
        race_date=pf.race_date,
        race_distance_m=pf.race_distance_m,
        vdot=pf.vdot,
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
        target_time_s=pf.target_time_s,
        notes=tuple(pf.notes),
    )
