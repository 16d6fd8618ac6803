"""The QA session of issue 15 item 6: a threshold run as the planner stores it
("Threshold: 4.29 km", 57.9 min, load 405.3, a 1470 m cool-down), and how a runner
writes it in km and in miles. The expected texts are worked out by hand here, not by
the code under test:

- work 4290 m: 4.3 km; 4290 / 1609.344 = 2.666 mi → 2.7 mi
- warm-up 3000 m: 3 km; 1.864 mi → 1.9 mi
- cool-down 1470 m: 1.5 km (1.47 rounds half up); 0.913 mi → 0.9 mi
- whole session 8.76 km: 8.8 km; 5.443 mi → 5.4 mi; 57.9 min → 58 min; load 405.3 → 405
- paces 330–360 s/km: 5:30–6:00/km; × 1.609344 = 531.1–579.4 s/mi → 8:51–9:39/mi
- paces 240–250 s/km: 4:00–4:10/km; × 1.609344 = 386.2–402.3 s/mi → 6:26–6:42/mi
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from runstrong.core.model import Plan, PlannedSession, RunStep, SessionKind, StepKind

EASY = (330.0, 360.0)
THRESHOLD = (240.0, 250.0)


def qa_session(session_id: str, date: dt.date, start: dt.time) -> PlannedSession:
    """The stored session QA found, on ``date`` at ``start``."""
    return PlannedSession(
        id=session_id,
        date=date,
        start=start,
        kind=SessionKind.RUN,
        category="threshold",
        hard=True,
        duration_min=57.9,
        load=405.3,
        title="Threshold: 4.29 km",
        distance_km=8.76,
        steps=(
            RunStep(StepKind.WARMUP, distance_m=3000.0, pace_s_per_km=EASY),
            RunStep(StepKind.WORK, distance_m=4290.0, pace_s_per_km=THRESHOLD),
            RunStep(StepKind.COOLDOWN, distance_m=1470.0, pace_s_per_km=EASY),
        ),
        rules=("R6",),
        why=("Q1: 35.0 km this week",),
    )


TITLE = {"km": "Threshold: 4.3 km", "mi": "Threshold: 2.7 mi"}
FACTS = {
    "km": "run · threshold, 58 min, 8.8 km, load 405, hard",
    "mi": "run · threshold, 58 min, 5.4 mi, load 405, hard",
}
STEPS = {
    "km": [
        "Warm-up 3 km @ 5:30–6:00/km",
        "Work 4.3 km @ 4:00–4:10/km",
        "Cool-down 1.5 km @ 5:30–6:00/km",
    ],
    "mi": [
        "Warm-up 1.9 mi @ 8:51–9:39/mi",
        "Work 2.7 mi @ 6:26–6:42/mi",
        "Cool-down 0.9 mi @ 8:51–9:39/mi",
    ],
}


def with_qa_session(plan: Plan, session_id: str) -> tuple[Plan, PlannedSession]:
    """``plan`` with the session ``session_id`` replaced by the QA session (same id,
    day and start), and that session."""
    weeks = []
    found: PlannedSession | None = None
    for w in plan.weeks:
        sessions = []
        for s in w.sessions:
            if s.id == session_id:
                s = found = qa_session(s.id, s.date, s.start)
            sessions.append(s)
        weeks.append(dataclasses.replace(w, sessions=tuple(sessions)))
    assert found is not None, session_id
    return dataclasses.replace(plan, weeks=tuple(weeks)), found
