"""R2 across the week with short lifts (coach QA, "token lifts"): a first-marathon
athlete in miles runs on all four of her days, and her two gym days (tue, thu) hold a
90-min window shared with a 60-min run (runs first, Q6), so each lift gets ~30 min.
The lifts came out as one set of everything (W9 tue: 1 set per exercise; W10 tue leg
press 1 x 5) beside a lone 3 x 3 deadlift on thu, and sets jumped 1 -> 3 (R14). R2
asks the coverage of the WEEK: each short session keeps fewer lifts at two or more
sets, and the two sessions together cover every R2 group."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from runstrong.core.athlete import Athlete
from runstrong.core.exercises import R2_GROUPS, Equipment
from runstrong.core.model import Focus, Phase, Plan, PlannedSession, SessionKind, StrengthCategory
from runstrong.core.planning.build import build_plan
from runstrong.core.prescription.strength import plan_week_strength
from runstrong.core.prescription.strength_pick import StrengthWeek
from runstrong.core.rules.audit.common import AuditLimits
from runstrong.core.rules.audit.strength import check_r14_progression
from runstrong.core.rules.catalogue import check_r2
from runstrong.services.profile import read_profile

PROFILE = Path(__file__).resolve().parents[1] / "data" / "weekshape" / "first_marathon_mi.toml"
START = dt.date(2026, 12, 7)
GROUPS = frozenset(g.value for g in R2_GROUPS)


@cache
def _plan() -> tuple[Athlete, Plan]:
    athlete = read_profile(PROFILE)
    return athlete, build_plan(athlete, START)


def _lifts(sessions: tuple[PlannedSession, ...]) -> list[PlannedSession]:
    return [s for s in sessions if s.kind is SessionKind.STRENGTH]


def _build_weeks() -> list[tuple[int, list[PlannedSession]]]:
    _, plan = _plan()
    return [
        (w.index + 1, _lifts(w.sessions))
        for w in plan.weeks
        if w.phase is Phase.BUILD and not w.deload
    ]


def test_r2_short_lifts_keep_two_sets_of_every_exercise() -> None:
    """R2/R13: in the build weeks every prescribed exercise has at least 2 sets (W9
    tue had 1 set of each of 3 lifts, W10 tue 1 set of each of 5)."""
    weeks = _build_weeks()
    assert weeks
    thin = [
        (index, s.date.isoformat(), e.name, e.sets)
        for index, lifts in weeks
        for s in lifts
        for e in s.exercises
        if e.sets < 2
    ]
    assert thin == []


def test_r2_the_weeks_short_lifts_together_cover_every_group() -> None:
    """R2: each build week's two lifts (the scheduler keeps both) together train every
    group of the one R2 table (``core.exercises.R2_GROUPS``), and the planner's R2 check
    finds nothing."""
    for index, lifts in _build_weeks():
        assert len(lifts) == 2, index
        trained = {m for s in lifts for e in s.exercises for m in e.muscles}
        assert trained >= GROUPS, (index, sorted(GROUPS - trained))
        _, plan = _plan()
        assert check_r2(tuple(plan.weeks[index - 1].sessions)) == []


def test_r14_no_set_jumps_between_short_lifts() -> None:
    """R14: no exercise's sets jump by more than one between sessions (the dumbbell
    RDL went 1 -> 3 sets from W9 tue to W10 thu)."""
    athlete, plan = _plan()
    jumps = [b.message for b in check_r14_progression(plan, athlete, AuditLimits())]
    assert [m for m in jumps if "sets" in m] == []


def test_r2_split_lifts_say_why() -> None:
    """R2: the split is stated on both sessions of a split week (W10)."""
    _, plan = _plan()
    first, second = _lifts(plan.weeks[9].sessions)
    assert any("move to the week's next strength session" in n for n in first.why)
    assert any("finishes the week's coverage" in n for n in second.why)


def test_r2_plan_week_strength_splits_two_short_sessions() -> None:
    """R2/R13: two 30-min lifts of a build week: the first keeps its main lower-body
    lift at 2+ sets, the two together cover every group, no lift has a single set."""
    gym = frozenset(e.value for e in Equipment)
    week = StrengthWeek(Phase.BUILD, 1, 2, False, Focus.ENDURANCE, gym, frozenset(), {}, "beginner")
    first, second = plan_week_strength(
        [StrengthCategory.HEAVY, StrengthCategory.MODERATE], week, [30.0, 30.0]
    )
    assert first.exercises[0].sets >= 2
    assert "quads" in first.exercises[0].muscles
    assert min(e.sets for s in (first, second) for e in s.exercises) >= 2
    assert first.covered_muscles | second.covered_muscles >= GROUPS
    assert first.duration_min <= 30.0
    assert second.duration_min <= 30.0
