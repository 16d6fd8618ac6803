"""Planner helpers for the optional profile parts: travel weeks (R17) and the
weight goal versus fuelling (DOMAIN G, R24). Pure."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

from runstrong.core.athlete import Athlete
from runstrong.core.errors import RunstrongError
from runstrong.core.exercises import load_library
from runstrong.core.model import ExercisePrescription, PlannedSession, PlanWeek, SessionKind

MAX_LISTED_DAYS = 3


def day_equipment(athlete: Athlete, home: frozenset[str], day: dt.date) -> frozenset[str]:
    """R17: what the athlete can lift with on ``day``: the trip's kit when travelling."""
    trip = athlete.travel_on(day)
    if trip is None:
        return home
    return frozenset(trip.equipment) or frozenset({"none"})


def week_equipment(
    athlete: Athlete, home: frozenset[str], days: Sequence[dt.date]
) -> frozenset[str]:
    """R17: equipment every one of ``days`` offers, so each session of the week can be
    done where it happens (body weight always can)."""
    if not any(athlete.travel_on(d) for d in days):
        return home
    common: frozenset[str] | None = None
    for d in days:
        kit = day_equipment(athlete, home, d)
        common = kit if common is None else common & kit
    return common or frozenset({"none"})


def travel_why(athlete: Athlete, day: dt.date, lift_days: Sequence[dt.date]) -> tuple[str, ...]:
    """The ``why`` line of a strength session in (or next to) a travel week."""
    trip = athlete.travel_on(day)
    if trip is not None:
        room = "the session fits any window (done in your room)"
        return (f"R17: {trip.label()}: {room}, exercises need only that equipment.",)
    away = next((t for d in lift_days if (t := athlete.travel_on(d)) is not None), None)
    if away is not None:
        return (f"R17: exercises chosen so every session of this week suits {away.label()}.",)
    return ()


def fit_travel_kit(session: PlannedSession, athlete: Athlete) -> PlannedSession:
    """R17 when re-planning: a lift moved onto a travel day swaps each exercise the
    trip's kit cannot do for its first listed substitute that it can (and that avoids
    the athlete's complaints); the load becomes a target RPE."""
    trip = athlete.travel_on(session.date)
    if trip is None or session.kind is not SessionKind.STRENGTH:
        return session
    kit = frozenset(trip.equipment) or frozenset({"none"})
    lib = load_library()
    swapped: list[str] = []

    def fit(e: ExercisePrescription) -> ExercisePrescription:
        try:
            ex = lib.get(e.name)
        except RunstrongError:
            return e
        if ex.available_with(kit):
            return e
        sub = next(
            (
                s
                for s in lib.substitutes(ex.id)
                if s.available_with(kit) and s.avoids(athlete.injuries)
            ),
            None,
        )
        if sub is None:
            return e
        swapped.append(f"{e.name} → {sub.name}")
        return dataclasses.replace(
            e,
            name=sub.name,
            muscles=tuple(m.value for m in sub.muscles),
            pct_e1rm=None,
            load_kg=None,
            rpe=e.rpe if e.rpe is not None else 8.0,
            intent=sub.intent,
            substitutions=sub.substitutions,
            plyometric=sub.plyometric,
        )

    exercises = tuple(fit(e) for e in session.exercises)
    mobility = tuple(fit(e) for e in session.mobility)
    if not swapped:
        return session
    note = f"R17: moved onto {trip.label()}: {', '.join(swapped)}."
    return dataclasses.replace(
        session, exercises=exercises, mobility=mobility, why=(*session.why, note)
    )


def travel_notes(athlete: Athlete, weeks: Sequence[PlanWeek]) -> list[str]:
    """Plan notes: each trip that falls inside the plan, and what it changes."""
    if not weeks:
        return []
    first, last = weeks[0].start_date, weeks[-1].start_date + dt.timedelta(days=6)
    out = []
    for trip in athlete.travel:
        if trip.end < first or trip.start > last:
            out.append(f"R17: {trip.label()} is outside the plan ({first}–{last}); ignored.")
            continue
        out.append(
            f"R17: {trip.label()}: strength uses only that equipment (body-weight variants) "
            "and may go in any window of those days."
        )
    return out


def weight_goal_notes(athlete: Athlete, weeks: Sequence[PlanWeek]) -> list[str]:
    """DOMAIN G / R24: a weight goal never overrides fuelling. With a planned daily
    deficit, the days whose load needs full fuelling are listed (``daily_targets``)."""
    goal = athlete.nutrition
    if goal is None or (goal.weight_goal_kg is None and goal.daily_deficit_kcal is None):
        return []
    target = f" towards {goal.weight_goal_kg:g} kg" if goal.weight_goal_kg is not None else ""
    deficit = goal.daily_deficit_kcal
    if not deficit:
        return [
            f"Weight goal{target}: no daily deficit set; fuelling targets follow the load "
            "(R24), a weight goal never lowers them."
        ]
    # imported here: only a profile with a daily deficit needs the fuelling model
    from runstrong.core.science.nutrition import daily_targets

    warned: list[tuple[dt.date, str]] = []
    for week in weeks:
        days = sorted({s.date for s in week.sessions})
        for day in days:
            todays = [s for s in week.sessions if s.date == day and s.kind is not SessionKind.REST]
            try:
                targets = daily_targets(
                    athlete.body_mass_kg, todays, weight_goal_kcal_deficit=deficit
                )
            except RunstrongError:
                continue
            if targets.warnings:
                warned.append((day, targets.warnings[0]))
    if not warned:
        return [
            f"Weight goal{target} with a {deficit:.0f} kcal daily deficit: no planned day "
            "has a load that the deficit would under-fuel (R24)."
        ]
    listed = ", ".join(str(d) for d, _ in warned[:MAX_LISTED_DAYS])
    more = f" and {len(warned) - MAX_LISTED_DAYS} more" if len(warned) > MAX_LISTED_DAYS else ""
    return [
        f"Warning: weight goal{target} with a {deficit:.0f} kcal daily deficit under-fuels "
        f"{len(warned)} planned days ({listed}{more}); eat to the day's needs there. "
        f"First day: {warned[0][1]}"
    ]
