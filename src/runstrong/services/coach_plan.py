"""Plan edits of the daily coach: replace a day, splice rebuilt future weeks, follow the
log's strength results (R14), substitute exercises (R17, R20) and move a day's sessions.

Every function returns a new ``Plan`` in the documented format (session ids stay
unique, week totals are recomputed) so that ``runstrong check`` reads it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache

from runstrong.core.coaching.adaptation import Change, Substitute
from runstrong.core.errors import InputError
from runstrong.core.exercises import load_library
from runstrong.core.model import (
    Activity,
    ExercisePrescription,
    Plan,
    PlannedSession,
    PlanWeek,
    SessionKind,
    SetEntry,
)
from runstrong.core.science.strength import (
    RPE_CHART_MAX,
    RPE_CHART_MAX_REPS,
    RPE_CHART_MIN,
    LoadPrescription,
    ProgressionAction,
    e1rm_from_rpe,
    load_for,
    next_prescription,
    round_to_increment,
    rpe_from_rir,
)

LOAD_TOLERANCE = 0.99
"""R14: a set within 1 % under the planned load counts at it (a load logged in lb and
stored in kg, a plate table's rounding)."""
LIGHTER_RPE_CAP = 6.0
"""R20: a substitute is dosed at most at this RPE on the day of a complaint."""


def week_index_of(plan: Plan, day: dt.date) -> int | None:
    """Index of the plan week holding ``day``, or None outside the plan."""
    for i, w in enumerate(plan.weeks):
        if w.start_date <= day < w.start_date + dt.timedelta(days=7):
            return i
    return None


def sessions_on(plan: Plan, day: dt.date) -> tuple[PlannedSession, ...]:
    """The plan's sessions on ``day`` in time order."""
    i = week_index_of(plan, day)
    if i is None:
        return ()
    return tuple(s for s in plan.weeks[i].sessions if s.date == day)


def _with_sessions(week: PlanWeek, sessions: Iterable[PlannedSession]) -> PlanWeek:
    ordered = tuple(sorted(sessions, key=lambda s: (s.date, s.start)))
    km = round(sum(s.distance_km or 0.0 for s in ordered), 1)
    return dataclasses.replace(week, sessions=ordered, run_km=km)


def replace_day(plan: Plan, day: dt.date, sessions: Sequence[PlannedSession]) -> Plan:
    """``plan`` with the sessions of ``day`` replaced by ``sessions``."""
    i = week_index_of(plan, day)
    if i is None:
        raise InputError(f"{day.isoformat()} is not in the plan ({_span(plan)})")
    week = plan.weeks[i]
    kept = [s for s in week.sessions if s.date != day]
    weeks = list(plan.weeks)
    weeks[i] = _with_sessions(week, [*kept, *sessions])
    return dataclasses.replace(plan, weeks=tuple(weeks))


def replace_sessions(plan: Plan, new: Iterable[PlannedSession]) -> Plan:
    """``plan`` with the sessions of the same id replaced by ``new``."""
    by_id = {s.id: s for s in new}
    if not by_id:
        return plan
    weeks = tuple(
        _with_sessions(w, (by_id.get(s.id, s) for s in w.sessions))
        if any(s.id in by_id for s in w.sessions)
        else w
        for w in plan.weeks
    )
    return dataclasses.replace(plan, weeks=weeks)


def _span(plan: Plan) -> str:
    last = plan.weeks[-1].start_date + dt.timedelta(days=6) if plan.weeks else plan.start_date
    return f"{plan.start_date.isoformat()} to {last.isoformat()}"


def splice_future(stored: Plan, rebuilt: Plan, first_week: int) -> Plan:
    """Weeks before ``first_week`` from ``stored`` (what was planned and done), the rest
    from ``rebuilt``; rule breaks and VDOT follow the same split."""
    cut = stored.weeks[first_week].start_date if first_week < len(stored.weeks) else None
    weeks = (*stored.weeks[:first_week], *rebuilt.weeks[first_week:])
    old = [b for b in stored.broken_rules if cut is None or (b.date is not None and b.date < cut)]
    new = [b for b in rebuilt.broken_rules if cut is not None and (b.date is None or b.date >= cut)]
    return dataclasses.replace(
        stored, weeks=weeks, broken_rules=(*old, *new), vdot=rebuilt.vdot, notes=rebuilt.notes
    )


# ---------------------------------------------------------------------------
# R14: the next loads follow the log
# ---------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    ex = load_library().lookup(name)
    return ex.id if ex is not None else name.casefold().strip()


def _last_rpe(activity: Activity, key: str) -> float | None:
    values = []
    for s in activity.sets:
        if _key(s.exercise) != key:
            continue
        if s.rpe is not None:
            values.append(s.rpe)
        elif s.rir is not None:
            values.append(rpe_from_rir(s.rir))
    return max(values) if values else None


def exercise_keys(session: PlannedSession) -> frozenset[str]:
    """Library ids (or cleaned names) of a session's exercises."""
    return frozenset(_key(e.name) for e in session.exercises)


def _top_set_kg(logged: Sequence[SetEntry], reps: int) -> float | None:
    """The heaviest logged set of the exercise done for at least ``reps`` reps (else the
    heaviest set at all): what the athlete really lifted, R14's starting point."""
    full = [s.load_kg for s in logged if s.load_kg and (s.reps is None or s.reps >= reps)]
    anyload = [s.load_kg for s in logged if s.load_kg]
    best = full or anyload
    return max(best) if best else None


def _completed(logged: Sequence[SetEntry], ex: ExercisePrescription, top_kg: float) -> bool:
    """R14: the planned sets × reps were done at the planned load: at least ``ex.sets``
    logged sets of at least ``ex.reps`` reps, each at the planned load or more — or at
    the top set ``top_kg`` when that was lighter (R14 steps from what was lifted, so a
    lighter day done in full completes at its own load). Any load counts for a
    body-weight exercise. Extra sets (a heavier single of fewer reps, a back-off set)
    neither complete nor spoil it: 3 × 8 at 20 kg and 1 × 6 at 22.5 kg complete a
    planned 3 × 8 at 20 kg."""
    loads = [kg for kg in (ex.load_kg, top_kg) if kg]
    floor = min(loads) * LOAD_TOLERANCE if loads else 0.0
    full = [
        s
        for s in logged
        if (s.reps is None or ex.reps is None or s.reps >= ex.reps) and (s.load_kg or 0.0) >= floor
    ]
    return len(full) >= ex.sets


def _for_reps(
    load_kg: float, reps_from: int, rpe: float | None, reps_to: int | None
) -> float | None:
    """``load_kg`` done for ``reps_from`` at ``rpe``, as the load of the same e1RM and
    effort for ``reps_to`` (RPE chart, Tuchscherer): the same reps keep the load itself,
    so a harder planned RPE never adds to R14's step. None when the chart does not
    apply (then only the planned ratio is used)."""
    if reps_to is None or reps_to == reps_from:
        return load_kg
    if rpe is None or max(reps_from, reps_to) > RPE_CHART_MAX_REPS:
        return None
    if not RPE_CHART_MIN <= rpe <= RPE_CHART_MAX:
        return None
    return load_for(e1rm_from_rpe(load_kg, reps_from, rpe), reps_to, rpe)


def follow_log(
    plan: Plan,
    planned: PlannedSession,
    done: Activity,
    *,
    after: dt.date,
    only: frozenset[str] | None = None,
    hold: str | None = None,
) -> tuple[Plan, list[Change]]:
    """R14: after a logged lift, set the next loads of each exercise it shares with
    the planned session (or only of the exercise keys in ``only``) by
    ``core.science.strength.next_prescription``.

    The step starts from the last logged top set (the heaviest set done for the
    planned reps), never from the plan: +2–5 % of what was lifted, a hold, or a step
    back of at most 10 %. Per exercise: completed = every planned set logged with at
    least the planned reps; the last RPE is the hardest logged set (RPE, or RIR
    converted). Every later planned occurrence is anchored on that result until the
    next log: it gets its planned load scaled by new ÷ planned, capped at the load of
    the same e1RM for its reps and RPE (RPE chart), so the same scheme never exceeds
    the new load and the planner's pencilled-in ramp never adds to it. The next
    occurrence's sets change by the sets R14 added or removed. ``hold`` (a reason,
    e.g. a red readiness streak) turns any progression into a hold.
    """
    changes: list[Change] = []
    updated: dict[str, PlannedSession] = {}
    future = [s for s in plan.sessions() if s.kind is SessionKind.STRENGTH and s.date > after]
    by_id = {s.id: s for s in future}
    for ex in planned.exercises:
        key = _key(ex.name)
        logged = [s for s in done.sets if _key(s.exercise) == key]
        if not logged or ex.reps is None or (only is not None and key not in only):
            continue
        top = _top_set_kg(logged, ex.reps)
        load = top if top is not None else (ex.load_kg or 0.0)
        completed = _completed(logged, ex, load)
        current = LoadPrescription(load, max(ex.sets, 1), ex.reps, ex.rpe or 8.0)
        step = next_prescription(current, _last_rpe(done, key), completed)
        reason = step.reason
        if hold is not None and step.action in (
            ProgressionAction.ADD_LOAD,
            ProgressionAction.ADD_SET,
        ):
            step = dataclasses.replace(step, action=ProgressionAction.HOLD, prescription=current)
            reason = f"R14: progression held ({hold}); next at {current.sets} × {current.reps}"
            reason += f" at {current.load_kg:g} kg" if current.load_kg else ""
        occurrences = [
            (s.id, i) for s in future for i, e in enumerate(s.exercises) if _key(e.name) == key
        ]
        if not occurrences:
            continue
        new_load = step.prescription.load_kg
        ratio = new_load / ex.load_kg if ex.load_kg else 1.0
        for n, (sid, i) in enumerate(occurrences):
            cur = updated.get(sid, by_id[sid])
            e = cur.exercises[i]
            new_e = e
            if load > 0 and new_load > 0:
                # the same e1RM as the new load (the cap), or the plan's lighter dose of it
                cap = _for_reps(new_load, ex.reps, ex.rpe, e.reps)
                target = cap
                if e.load_kg is not None:
                    scaled = round_to_increment(e.load_kg * ratio, 2.5)
                    target = scaled if cap is None else min(cap, scaled)
                if target is not None and target != e.load_kg:
                    new_e = dataclasses.replace(new_e, load_kg=target)
            if n == 0 and step.prescription.sets != current.sets:
                sets = max(1, e.sets + step.prescription.sets - current.sets)
                new_e = dataclasses.replace(new_e, sets=sets)
            if new_e != e:
                exs = list(cur.exercises)
                exs[i] = new_e
                updated[sid] = dataclasses.replace(cur, exercises=tuple(exs))
        # the Change carries the rule id; the reason's own "R14: " would repeat it
        text = f"{ex.name}: {reason.removeprefix('R14: ')}"
        changes.append(Change("R14", occurrences[0][0], text))
    return replace_sessions(plan, updated.values()), changes


# ---------------------------------------------------------------------------
# R17/R20: lighter substitutes from the exercise library
# ---------------------------------------------------------------------------


def library_substitute(equipment: Iterable[str] | None = None) -> Substitute:
    """A substitution callback for ``core.adaptation.adapt_day`` (R17, R20).

    Picks, among the library's listed substitutions of the exercise, one that
    avoids every complaint, is lighter (``ExerciseLibrary.substitutes(…, "lighter")``)
    and fits the athlete's equipment, preferring the most shared muscles. The
    substitute keeps sets and reps, drops the %1RM load and is dosed by RPE (≤ 6).
    """
    lib = load_library()
    have = None if equipment is None else frozenset(equipment) | {"none"}

    def pick(ex: ExercisePrescription, complaints: frozenset[str]) -> ExercisePrescription | None:
        found = lib.lookup(ex.name)
        if found is None:
            return None
        lighter = {s.id for s in lib.substitutes(found.id, "lighter")}
        options = [
            s
            for s in lib.substitutes(found.id)
            if s.avoids(complaints)
            and (s.id in lighter or not s.heavy_ok)
            and (have is None or s.available_with(have))
        ]
        if not options:
            return None
        muscles = set(found.muscles)
        best = max(options, key=lambda s: len(muscles & set(s.muscles)))
        return dataclasses.replace(
            ex,
            name=best.name,
            muscles=tuple(m.value for m in best.muscles),
            pct_e1rm=None,
            load_kg=None,
            rpe=min(ex.rpe or LIGHTER_RPE_CAP, LIGHTER_RPE_CAP),
            intent=best.intent or ex.intent,
            substitutions=tuple(lib.get(n).name for n in best.substitutions) or (ex.name,),
            plyometric=best.plyometric,
        )

    return pick


# ---------------------------------------------------------------------------
# Moving a day's sessions
# ---------------------------------------------------------------------------


def move_day(
    plan: Plan, day: dt.date, to: dt.date, only: str | None = None
) -> tuple[Plan, list[PlannedSession]]:
    """Move ``day``'s training sessions (or only the session with id ``only``, as the
    web calendar's drag does) to ``to`` (same plan week). A session of the same kind
    already on ``to`` swaps to ``day``. Returns the plan and the moved sessions."""
    wi, wt = week_index_of(plan, day), week_index_of(plan, to)
    if wi is None:
        raise InputError(f"{day.isoformat()} is not in the plan ({_span(plan)})")
    if wt != wi:
        raise InputError(
            f"cannot move {day.isoformat()} to {to.isoformat()}: a session moves within its "
            "plan week",
            cli_hint="; use runstrong plan skip for other weeks",
        )
    if day == to:
        raise InputError(
            f"cannot move {day.isoformat()} to {to.isoformat()}: it is the same day; "
            "pick another day"
        )
    week = plan.weeks[wi]
    moving = [s for s in week.sessions if s.date == day and s.kind is not SessionKind.REST]
    if only is not None:
        moving = [s for s in moving if s.id == only]
        if not moving:
            raise InputError(f"no session {only!r} planned on {day.isoformat()} to move")
    if not moving:
        raise InputError(f"nothing planned on {day.isoformat()} to move")
    kinds = {s.kind for s in moving}
    swapping = [s for s in week.sessions if s.date == to and s.kind in kinds]
    rest = [s for s in week.sessions if s not in moving and s not in swapping]

    def relocate(s: PlannedSession, new_day: dt.date, at: dt.time) -> PlannedSession:
        # The id stays: it names the session (log matches, coach records), not the day.
        return dataclasses.replace(
            s,
            date=new_day,
            start=at,
            why=(*s.why, f"Moved from {s.date.isoformat()} to {new_day.isoformat()} (R22)."),
        )

    # A swap trades start times too: each session takes the other's slot of its kind.
    start_on_to = {s.kind: s.start for s in swapping}
    start_on_day = {s.kind: s.start for s in moving}
    moved = [relocate(s, to, start_on_to.get(s.kind, s.start)) for s in moving]
    swapped = [relocate(s, day, start_on_day.get(s.kind, s.start)) for s in swapping]
    weeks = list(plan.weeks)
    weeks[wi] = _with_sessions(week, [*rest, *moved, *swapped])
    return dataclasses.replace(plan, weeks=tuple(weeks)), moved
