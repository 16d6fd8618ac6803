"""``plan skip`` without reshuffling the week (R22): the skipped sessions leave, each key
one of them takes the nearest day that holds it, and nothing else moves.

The season planner's re-plan of a week (``core.planning.replan_week``) places every
session from today on afresh, so a skip could reorder sessions it never touched. Here
the week is changed as little as a coach would change it: a key session (a lift, a
quality run, the long run) moves to the nearest free day of the week whose windows hold
it (``place_day``, R6), or takes the place of an easy run there (that run is dropped,
never crammed elsewhere: R22), and the plan audit must find nothing there that the week
before the skip or the planner's own re-plan does not have (hard rules R3–R6, Q2's long
eve, Q4's spacing …). When no such day exists the planner's re-plan stands: that is what
the rules force.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.core.athlete import Athlete
from runstrong.core.model import Plan, PlannedSession, RunCategory, SessionKind
from runstrong.core.planning.replan import place_day, week_cost
from runstrong.core.planning.ultra import replanned_notes
from runstrong.core.rules.audit.engine import audit_plan

EASY = frozenset({RunCategory.EASY.value, RunCategory.RECOVERY.value, RunCategory.STRIDES.value})
"""R22: the runs a key session may take the place of (dropped, not moved)."""

VOLUME_RULES = frozenset({"Q1", "R11"})
"""A skip drops volume by design (R22: no cramming); the volume findings of Q1 and R11
(a later week's ramp measured against the lighter weeks) do not judge where the key
sessions went. Judged by them, moving a key session to a free day failed whenever the
skip dropped easy kilometres, and the planner's re-plan took over and dropped a lift."""


@dataclass(frozen=True, slots=True)
class Skip:
    """What a skip takes out of week ``week_index`` and which days stay open."""

    week_index: int
    removed: frozenset[str]
    """Ids of the sessions that leave the week (the day's, or the one skipped)."""
    moving: tuple[PlannedSession, ...]
    """The key sessions among them that move (none when one session is skipped)."""
    open_days: tuple[dt.date, ...]
    """Days from the first re-planned day to the week's end that may take a session."""
    today: dt.date


def is_key(s: PlannedSession) -> bool:
    """R22: a session that moves when its day is skipped (its easy runs are dropped)."""
    return s.kind is SessionKind.STRENGTH or s.hard or s.category in ("long", "race_pace")


def keep_the_rest(plan: Plan, skip: Skip, athlete: Athlete, replanned: Plan) -> Plan | None:
    """``plan`` with ``skip`` applied and nothing else moved, or None when a key session
    finds no day that takes it without a finding ``plan`` and ``replanned`` (the
    planner's re-plan) both lack."""
    week = plan.weeks[skip.week_index]
    allowed = _findings(plan, athlete) | _findings(replanned, athlete)
    sessions = [s for s in week.sessions if s.id not in skip.removed]
    order = {"long": 0}
    for s in sorted(skip.moving, key=lambda s: order.get(s.category, 1 if s.hard else 2)):
        for trial in _trials(plan, skip, sessions, s, athlete):
            if not (_findings(_with(plan, skip, trial), athlete) - allowed):
                sessions = trial
                break
        else:
            return None
    new = _with(plan, skip, sessions)
    return new if not (_findings(new, athlete) - allowed) else None


def _findings(plan: Plan, athlete: Athlete) -> Counter[str]:
    """The audit's findings by rule id (counted), volume aside (``VOLUME_RULES``)."""
    return Counter(b.rule_id for b in audit_plan(plan, athlete=athlete)
                   if b.rule_id not in VOLUME_RULES)  # fmt: skip


def _trials(
    plan: Plan, skip: Skip, sessions: list[PlannedSession], s: PlannedSession, athlete: Athlete
) -> list[list[PlannedSession]]:
    """The weeks with ``s`` on each day that holds it (R6), cheapest first by the season
    scheduler's own costs (``replan.week_cost``: R0's key runs apart, Q2's long eve, Q4's
    spacing, R3/R4 …), nearest first at equal cost. R22 with Q2/Q4: nearest alone put
    hills on the long run's eve while a day mid-week was free (issue 12 daily coach)."""
    weighed: list[tuple[float, int, list[PlannedSession]]] = []
    for rank, (day, gives_way) in enumerate(_candidates(s, sessions, skip)):
        trial = _placed(plan, skip, sessions, s, day, gives_way, athlete)
        if trial is not None:
            cost = week_cost(_with(plan, skip, trial), skip.week_index, athlete)
            weighed.append((cost, rank, trial))
    return [trial for *_, trial in sorted(weighed, key=lambda x: (x[0], x[1]))]


def _candidates(
    s: PlannedSession, sessions: Sequence[PlannedSession], skip: Skip
) -> list[tuple[dt.date, tuple[str, ...]]]:
    """The days that could take ``s``, nearest first (later first at equal distance), a
    free day before one where an easy run gives way; with the ids that give way."""
    out: list[tuple[int, int, int, dt.date, tuple[str, ...]]] = []
    for day in skip.open_days:
        same = [o for o in sessions if o.date == day and o.kind is s.kind]
        if same and not (s.kind is SessionKind.RUN and all(o.category in EASY for o in same)):
            continue
        distance = abs((day - s.date).days)
        out.append((distance, len(same), -day.toordinal(), day, tuple(o.id for o in same)))
    return [(day, gives_way) for *_, day, gives_way in sorted(out)]


def _placed(
    plan: Plan,
    skip: Skip,
    sessions: Sequence[PlannedSession],
    s: PlannedSession,
    day: dt.date,
    gives_way: tuple[str, ...],
    athlete: Athlete,
) -> list[PlannedSession] | None:
    """``sessions`` with ``s`` on ``day`` in its windows (R6), or None when a run or a
    lift finds no room there; mobility that no longer fits gives way (R16 is optional)."""
    week = plan.weeks[skip.week_index]
    moved = dataclasses.replace(s, date=day, why=(*s.why, f"Re-planned on {skip.today} (R22)."))
    todays = [o for o in sessions if o.date == day and o.id not in gives_way]
    todays = [o for o in todays if o.kind is not SessionKind.REST]
    eve = day - dt.timedelta(days=1)
    around = sessions if eve >= week.start_date else plan.sessions()
    before = [o for o in around if o.date == eve]
    placed = place_day([*todays, moved], week, athlete, before)
    if any(o.kind is not SessionKind.MOBILITY for o in placed.no_room):
        return None
    return [*(o for o in sessions if o.date != day), *placed.sessions]


def _with(plan: Plan, skip: Skip, sessions: Sequence[PlannedSession]) -> Plan:
    """``plan`` whose week holds ``sessions`` (in time order), its run volume and notes
    restated; the week's declared breaks that named a session gone are dropped."""
    week = plan.weeks[skip.week_index]
    ordered = tuple(sorted(sessions, key=lambda s: (s.date, s.start)))
    gone = {s.id for s in week.sessions} - {s.id for s in ordered}
    skipped = frozenset(skip.removed)
    new_week = dataclasses.replace(
        week,
        sessions=ordered,
        run_km=round(sum(s.distance_km or 0.0 for s in ordered), 1),
        notes=replanned_notes(week, ordered, frozenset(), skipped, frozenset()),
    )
    weeks = tuple(new_week if i == skip.week_index else w for i, w in enumerate(plan.weeks))
    kept = tuple(b for b in plan.broken_rules if not gone & set(b.session_ids))
    return dataclasses.replace(plan, weeks=weeks, broken_rules=kept)
