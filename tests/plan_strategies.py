"""Hypothesis strategies for whole ``Plan`` objects (valid under the plan format)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from runstrong.core.model import (
    ExercisePrescription,
    Phase,
    Plan,
    PlannedSession,
    PlanWeek,
    RuleBreak,
    RunCategory,
    RunStep,
    SessionKind,
    Severity,
    StepKind,
    StrengthCategory,
)

TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)), max_size=30
)  # any Unicode but lone surrogates: commas, semicolons, newlines, emoji, CJK…
NAME = TEXT.filter(lambda s: s != "")
POS = st.floats(min_value=0.5, max_value=50_000, allow_nan=False, allow_infinity=False)
NONNEG = st.floats(min_value=0, max_value=50_000, allow_nan=False, allow_infinity=False)


@st.composite
def run_steps(draw: st.DrawFn) -> RunStep:
    fast = draw(st.floats(min_value=150, max_value=500))
    slow = fast + draw(st.floats(min_value=0, max_value=60))
    low = draw(st.integers(80, 190))
    has_pace = draw(st.booleans())
    has_hr = draw(st.booleans())
    by_time = draw(st.booleans())
    return RunStep(
        kind=draw(st.sampled_from(StepKind)),
        duration_s=draw(st.floats(min_value=10, max_value=7200)) if by_time else None,
        distance_m=None if by_time else draw(st.floats(min_value=50, max_value=42195)),
        pace_s_per_km=(fast, slow) if has_pace else None,
        hr_bpm=(low, low + draw(st.integers(0, 20))) if has_hr else None,
        repeat=draw(st.integers(1, 12)),
        note=draw(TEXT),
    )


@st.composite
def exercises(draw: st.DrawFn) -> ExercisePrescription:
    hold = draw(st.booleans())
    by_pct = draw(st.booleans())
    return ExercisePrescription(
        name=draw(NAME),
        muscles=tuple(draw(st.lists(NAME, max_size=3))),
        sets=draw(st.integers(1, 6)),
        reps=None if hold else draw(st.integers(1, 20)),
        pct_e1rm=draw(st.floats(min_value=0.3, max_value=1.0)) if by_pct else None,
        rpe=None if by_pct else draw(st.one_of(st.none(), st.floats(min_value=1, max_value=10))),
        load_kg=draw(st.one_of(st.none(), st.floats(min_value=0, max_value=300))),
        duration_s=draw(st.floats(min_value=5, max_value=300)) if hold else None,
        rest_s=draw(st.integers(0, 300)),
        intent=draw(TEXT),
        substitutions=tuple(draw(st.lists(NAME, max_size=2))),
        plyometric=draw(st.booleans()),
        superset=draw(st.sampled_from(["", "A", "B"])),
    )


@st.composite
def sessions(draw: st.DrawFn, sid: str, week_start: dt.date) -> PlannedSession:
    kind = draw(st.sampled_from(SessionKind))
    if kind is SessionKind.RUN:
        category: str = draw(st.sampled_from(RunCategory)).value
        hard = RunCategory(category).is_hard
    elif kind is SessionKind.STRENGTH:
        category = draw(st.sampled_from(StrengthCategory)).value
        hard = False
    else:
        category = draw(st.sampled_from(["daily", "recovery", "bike", ""]))
        hard = False
    is_run = kind is SessionKind.RUN
    lifts = kind in (SessionKind.STRENGTH, SessionKind.MOBILITY)
    return PlannedSession(
        id=sid,
        date=week_start + dt.timedelta(days=draw(st.integers(0, 6))),
        start=dt.time(draw(st.integers(0, 23)), draw(st.integers(0, 59))),
        kind=kind,
        category=category,
        hard=hard,
        duration_min=draw(st.floats(min_value=0, max_value=300)),
        load=draw(NONNEG),
        title=draw(TEXT),
        distance_km=draw(st.floats(min_value=0, max_value=60)) if is_run else None,
        steps=tuple(draw(st.lists(run_steps(), max_size=4))) if is_run else (),
        exercises=tuple(draw(st.lists(exercises(), max_size=3))) if lifts else (),
        mobility=tuple(draw(st.lists(exercises(), max_size=2))) if lifts else (),
        rules=tuple(draw(st.lists(st.sampled_from(["R1", "R3", "R16"]), max_size=2))),
        why=tuple(draw(st.lists(TEXT, max_size=2))),
    )


@st.composite
def plans(draw: st.DrawFn, max_weeks: int = 3, max_sessions: int = 4) -> Plan:
    start = dt.date(2026, 1, 5) + dt.timedelta(weeks=draw(st.integers(0, 100)))
    weeks = []
    n = 0
    for i in range(draw(st.integers(1, max_weeks))):
        week_start = start + dt.timedelta(weeks=i)
        items = []
        for _ in range(draw(st.integers(0, max_sessions))):
            n += 1
            items.append(draw(sessions(f"s{n}", week_start)))
        run_km = sum(s.distance_km or 0.0 for s in items if s.kind is SessionKind.RUN)
        weeks.append(
            PlanWeek(
                index=i,
                start_date=week_start,
                phase=draw(st.sampled_from(Phase)),
                deload=draw(st.booleans()),
                run_km=run_km,
                mesocycle=i // 4,
                sessions=tuple(sorted(items, key=lambda s: (s.date, s.start))),
                notes=tuple(draw(st.lists(TEXT, max_size=1))),
            )
        )
    ids = [f"s{k}" for k in range(1, n + 1)]
    breaks = tuple(
        RuleBreak(
            rule_id=draw(st.sampled_from(["R3", "R6", "R11"])),
            severity=draw(st.sampled_from(Severity)),
            session_ids=tuple(draw(st.lists(st.sampled_from(ids), max_size=2))) if ids else (),
            message=draw(TEXT),
            date=draw(st.one_of(st.none(), st.just(start))),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    return Plan(
        format_version="1.0",
        athlete=draw(TEXT),
        start_date=start,
        race_date=start + dt.timedelta(weeks=len(weeks)) - dt.timedelta(days=1),
        race_distance_m=draw(st.sampled_from([1500.0, 5000.0, 10000.0, 21097.5, 42195.0])),
        vdot=draw(st.one_of(st.none(), st.floats(min_value=30, max_value=85))),
        weeks=tuple(weeks),
        broken_rules=breaks,
        target_time_s=draw(st.one_of(st.none(), POS)),
        notes=tuple(draw(st.lists(TEXT, max_size=2))),
    )
