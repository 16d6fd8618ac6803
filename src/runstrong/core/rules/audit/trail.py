"""Plan-quality checks of a trail or mountain season (Q7).

For a goal race that ``rules.quality.trains_for_downhills`` (trail or mountain, with
climb), the plan should do what the planner claims for such a race: hill and
downhill running in its build and in its peak weeks, race-specific work by effort and
time rather than at a road race pace, slow-eccentric quad strength in build and
peak, and, from 50 km, back-to-back long runs in peak weeks. The race's terrain is
in the profile, not in the plan file, so these checks need the profile. A plan that cannot place
back-to-back long runs says so in a note naming Q7 and "back-to-back" (the finding
then becomes INFO); the others are never excused. Pure.
"""

from __future__ import annotations

from runstrong.core.athlete import Athlete
from runstrong.core.exercises import load_library
from runstrong.core.model import (
    Phase,
    Plan,
    PlannedSession,
    RuleBreak,
    SessionKind,
    StepKind,
)
from runstrong.core.rules.audit.common import AuditLimits, has_back_to_back, km_text
from runstrong.core.rules.audit.quality import finding
from runstrong.core.rules.audit.stated import Facts
from runstrong.core.rules.quality import (
    Q7_BACK_TO_BACK_MIN_M,
    trains_for_downhills,
)

TRAINING = (Phase.BASE, Phase.BUILD, Phase.PEAK)


def is_hill_run(s: PlannedSession) -> bool:
    """Q7: hill repeats, or a run whose title or steps send it up or down hills. The
    reasons (``why``) do not count: a week's note "hill repeats replace intervals"
    is copied onto every run of the week, hills or not."""
    if s.kind is not SessionKind.RUN:
        return False
    words = " ".join((s.title, *(st.note or "" for st in s.steps))).lower()
    return s.category == "hills" or any(w in words for w in ("hill", "climb", "downhill"))


ROAD_PACE_NOTES = ("race pace", "marathon pace")


def road_pace_steps(s: PlannedSession) -> list[str]:
    """Q7: the steps of a run that set a road pace for race work (race-pace blocks,
    a marathon-pace finish): a pace band on a step whose note names race or
    marathon pace, or any paced work step of a race-pace run."""
    if s.kind is not SessionKind.RUN or s.category == "race":
        return []
    return [
        st.note
        for st in s.steps
        if st.pace_s_per_km is not None
        and (
            any(n in st.note.lower() for n in ROAD_PACE_NOTES)
            or (s.category == "race_pace" and st.kind is StepKind.WORK)
        )
    ]


def is_eccentric_lift(s: PlannedSession) -> bool:
    """Q7: a strength session with slow-eccentric quad work: a library exercise
    flagged ``eccentric`` (not, say, the calves' eccentric heel drop), or an exercise
    the library does not know whose name says "eccentric" (hand-written plans)."""
    lib = load_library()
    for ex in s.exercises:
        known = lib.lookup(ex.name)
        if known.eccentric if known is not None else "eccentric" in ex.name.lower():
            return True
    return False


def _hill_findings(plan: Plan, gain: str) -> list[RuleBreak]:
    """Q7: hill or downhill runs in the build weeks and in the peak weeks (in base,
    build or peak when the plan has neither), and no road-pace race work."""
    out: list[RuleBreak] = []
    phases = [p for p in (Phase.BUILD, Phase.PEAK) if any(w.phase is p for w in plan.weeks)]
    groups: list[tuple[str, tuple[Phase, ...]]] = [(p.value, (p,)) for p in phases]
    groups = groups or [("training", TRAINING)]
    flat = [
        name
        for name, group in groups
        if not any(is_hill_run(s) for w in plan.weeks if w.phase in group for s in w.sessions)
    ]
    if flat:
        where = " and ".join(flat)
        out.append(finding("hill-work", f"the {gain} has no hill or downhill runs in its "
                           f"{where} weeks", None))  # fmt: skip
    paced = [s for s in plan.sessions() if s.date < plan.race_date and road_pace_steps(s)]
    if paced:
        first = paced[0]
        out.append(
            finding(
                "road-pace",
                f"the {gain} has race work at a road pace in {len(paced)} run(s), first "
                f"{first.date} ({road_pace_steps(first)[0]}): run it by effort and time "
                "on climbs and descents",
                None,
                [s.id for s in paced],
            )
        )
    return out


def check_q7_trail(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """Q7: a trail or mountain goal with climb gets hill or downhill runs in build and
    in peak, race work by effort rather than road pace, eccentric quad strength in
    build or peak (when the plan lifts then), and, for 50 km or more, back-to-back
    long runs in a peak week (build weeks when the plan has no peak) unless a note
    states why not."""
    if athlete is None or not trains_for_downhills(athlete.goal):
        return []
    gain = f"{athlete.goal.terrain} race with {athlete.goal.elevation_gain_m:g} m of climb"
    out = _hill_findings(plan, gain)
    lifts = [
        s
        for w in plan.weeks
        if w.phase in (Phase.BUILD, Phase.PEAK)
        for s in w.sessions
        if s.kind is SessionKind.STRENGTH
    ]
    if lifts and not any(is_eccentric_lift(s) for s in lifts):
        out.append(
            finding(
                "eccentric-strength",
                f"the {gain} has no eccentric quad work (step-downs, decline or Spanish "
                "squats) in its build and peak lifts",
                None,
            )
        )
    if plan.race_distance_m >= Q7_BACK_TO_BACK_MIN_M:
        peak = [w for w in plan.weeks if w.phase is Phase.PEAK and not w.deload]
        weeks = peak or [w for w in plan.weeks if w.phase is Phase.BUILD and not w.deload]
        if weeks and not any(has_back_to_back(w) for w in weeks):
            notes = (*plan.notes, *(n for w in plan.weeks for n in w.notes))
            out.append(
                finding(
                    "back-to-back",
                    f"a {km_text(plan.race_distance_m / 1000)} {gain} has no back-to-back long "
                    "runs in its peak weeks",
                    None,
                    plan_notes=[n for n in notes if "back-to-back" in n],
                    facts=Facts(plan, athlete, limits),
                )
            )
    return out
