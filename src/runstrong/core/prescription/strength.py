"""Strength prescription: turns a planned strength slot into exercises, sets, reps and load.

The planner decides *when* (category, phase, mesocycle); this module decides
*what*. Pure functions over the packaged exercise library.

Rules enforced here:
R2  ``muscles_needed`` groups are covered (a coverage slot is added per missing
    group); ``plan_week_strength`` passes what earlier sessions left uncovered,
    so a week covers hips, glutes, hamstrings, quads, calves, core, upper body.
    Short sessions split the groups rather than dose each lift with one set: a
    session keeps its main lift and what fits at ``MIN_EFFECTIVE_SETS`` and the
    next one finishes the week's coverage (``fit_session``), with a note.
R5  plyometrics only when ``plyometrics_ok`` (base strength established), in
    low volume, and never in a heavy session.
R10 sprint/middle focus gets fast-intent power work; endurance focus gets an
    extra posterior-chain (knee-flexion) slot.
R12 running-transfer patterns (hinge, knee-dominant, single-leg, calf, hip
    stability, anti-extension/rotation core, carries); no trunk flexion in a
    heavy session.
R13 compound main lifts at moderate-to-heavy loads with full rest; at most one
    superset pair, and only when time is short.
R15 the variant of each pattern rotates with the mesocycle index (deterministic);
    the pattern stays, and a lift with a known e1RM is kept as the key lift.
R16 every session ends with ankle, hip-flexor and thoracic mobility.
R17 equipment filter (travel week → body-weight variants) and injuries remove
    contraindicated exercises; each prescription lists usable substitutions.
Q7  ``eccentric_quads`` (the planner's trail-season weeks) adds a slow-eccentric
    quad exercise (library flag ``eccentric``), kept when the session is shortened.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from runstrong.core.errors import InputError
from runstrong.core.exercises import (
    R2_GROUPS,
    Equipment,
    Exercise,
    ExerciseLibrary,
    Pattern,
    load_library,
)
from runstrong.core.model import (
    ExercisePrescription,
    Focus,
    Phase,
    PlannedSession,
    StrengthCategory,
)
from runstrong.core.prescription.strength_dose import (
    Dose,
    accessory_dose,
    main_dose,
    plyometric_dose,
)
from runstrong.core.prescription.strength_pick import (
    ACC,
    CORE,
    COVER,
    DAILY_TARGETS,
    ECCENTRIC,
    MAIN,
    MIN_EFFECTIVE_SETS,
    POWER,
    R16_TARGETS,
    SECOND,
    Pick,
    PickCtx,
    StrengthWeek,
    choose,
    covered_by,
    fit_session,
    mobility_picks,
    pick_ctx,
    render,
    rotate,
    session_seconds,
    substitute_for,
    usable,
)

_P = Pattern
# Session templates A/B/C (by session index in the week): role, allowed patterns
# and, optionally, the muscle group the pick must train.
_Slot = tuple[str, tuple[Pattern, ...], str | None]
_TEMPLATES: tuple[tuple[_Slot, ...], ...] = (
    (
        (MAIN, (_P.KNEE_DOMINANT, _P.SINGLE_LEG), None),
        (SECOND, (_P.HINGE,), None),
        (ACC, (_P.CALF_ANKLE,), "calves"),
        (CORE, (_P.CORE_ANTI_EXTENSION,), None),
        (ACC, (_P.UPPER_PULL,), None),
    ),
    (
        (MAIN, (_P.HINGE,), None),
        (SECOND, (_P.SINGLE_LEG, _P.KNEE_DOMINANT), None),
        (ACC, (_P.HIP_STABILITY,), None),
        (CORE, (_P.CORE_ANTI_ROTATION,), None),
        (ACC, (_P.UPPER_PUSH,), None),
        (ACC, (_P.CARRY,), None),
    ),
    (
        (MAIN, (_P.SINGLE_LEG, _P.KNEE_DOMINANT), None),
        (SECOND, (_P.HINGE,), None),
        (ACC, (_P.CALF_ANKLE,), "calves"),
        (CORE, (_P.CORE_LATERAL,), None),
        (ACC, (_P.UPPER_PULL,), None),
        (ACC, (_P.KNEE_FLEXION,), None),
        (ACC, (_P.FOOT,), None),
    ),
)
# R2 coverage: patterns tried, in order, to add a group a session still misses.
_COVER_BY_GROUP: dict[str, tuple[Pattern, ...]] = {
    "hips": (_P.HIP_STABILITY, _P.SINGLE_LEG, _P.HINGE, _P.CORE_LATERAL),
    "glutes": (_P.HINGE, _P.SINGLE_LEG, _P.HIP_STABILITY),
    "hamstrings": (_P.KNEE_FLEXION, _P.HINGE),
    "quads": (_P.KNEE_DOMINANT, _P.SINGLE_LEG),
    "calves": (_P.CALF_ANKLE,),
    "core": (_P.CORE_ANTI_EXTENSION, _P.CORE_ANTI_ROTATION, _P.CORE_LATERAL, _P.CARRY),
    "upper_body": (_P.UPPER_PULL, _P.UPPER_PUSH, _P.CARRY, _P.GRIP),
}
_SECONDARY_CATEGORY = {
    StrengthCategory.HEAVY: StrengthCategory.MODERATE,
    StrengthCategory.MODERATE: StrengthCategory.MODERATE,
    StrengthCategory.MAINTENANCE: StrengthCategory.MAINTENANCE,
    StrengthCategory.LIGHT: StrengthCategory.LIGHT,
    StrengthCategory.POWER: StrengthCategory.LIGHT,
}


@dataclass(frozen=True, slots=True)
class StrengthPrescription:
    """One strength session: lifts in order, then the closing mobility block (R16)."""

    category: StrengthCategory
    exercises: tuple[ExercisePrescription, ...]
    mobility: tuple[ExercisePrescription, ...]
    duration_min: float
    covered_muscles: frozenset[str]
    title: str = ""
    notes: tuple[str, ...] = ()
    split: bool = False
    """R2: lifts moved to a later session of the week to keep 2+ sets (``fit_session``)."""


def _dose(role: str, ex: Exercise, ctx: PickCtx) -> Dose:
    if role == POWER:
        return plyometric_dose(ctx.week.phase, ctx.week.deload)
    if role in (MAIN, SECOND) and ex.heavy_ok and ctx.week.phase is not Phase.TRANSITION:
        category = ctx.category if role == MAIN else _SECONDARY_CATEGORY[ctx.category]
        return main_dose(
            ex,
            category,
            ctx.week.phase,
            ctx.week.week_in_block,
            ctx.week.deload,
            ctx.e1rm_by_id.get(ex.id),
        )
    return accessory_dose(ex, ctx.category, ctx.week.phase, ctx.week.deload)


def _power_picks(ctx: PickCtx, used: set[str]) -> list[Pick]:
    """R5/R10: plyometrics first in the session when allowed; never on heavy days."""
    wants = ctx.category is StrengthCategory.POWER or (
        ctx.week.focus is not Focus.ENDURANCE
        and ctx.category in (StrengthCategory.MODERATE, StrengthCategory.LIGHT)
    )
    if not wants or not ctx.week.plyometrics_ok or ctx.category.is_heavy or ctx.week.deload:
        return []
    pool = [ex for ex in ctx.lib.by_pattern(_P.PLYOMETRIC) if usable(ex, ctx)]
    count = 2 if ctx.category is StrengthCategory.POWER else 1
    picks: list[Pick] = []
    for i in range(min(count, len(pool))):
        ex = rotate([p for p in pool if p.id not in used], ctx, i)
        used.add(ex.id)
        picks.append(Pick(POWER, ex, _dose(POWER, ex, ctx)))
    return picks


def _template(ctx: PickCtx, index: int) -> list[_Slot]:
    slots = list(_TEMPLATES[index % len(_TEMPLATES)])
    if ctx.category is StrengthCategory.MAINTENANCE or ctx.week.phase in (
        Phase.PEAK,
        Phase.TAPER,
        Phase.RACE,
    ):
        # R9: key lifts and core only; coverage slots re-add what the week still needs.
        slots = [s for s in slots if s[0] in (MAIN, SECOND, CORE)]
    elif (
        ctx.week.focus is Focus.ENDURANCE
        and ctx.week.phase in (Phase.BASE, Phase.BUILD)
        and all(_P.KNEE_FLEXION not in s[1] for s in slots)
    ):
        slots.append((ACC, (_P.KNEE_FLEXION,), None))  # R10: posterior chain
    return slots


def _add_coverage(picks: list[Pick], needed: frozenset[str], ctx: PickCtx, used: set[str]) -> None:
    """R2: add a slot for every needed group the template missed (fixed pattern order)."""
    for group in sorted(needed):
        if group in covered_by(picks):
            continue
        ex = choose(COVER, _COVER_BY_GROUP[group], ctx, used, 0, group)
        if ex is None:  # any usable exercise for the group (the library guarantees one)
            pool = [
                e
                for e in ctx.lib
                if usable(e, ctx)
                and e.id not in used
                and not e.plyometric
                and e.pattern is not _P.MOBILITY
                and group in {m.value for m in e.muscles}
            ]
            ex = rotate(pool, ctx, 0) if pool else None
        if ex is not None:
            used.add(ex.id)
            picks.append(Pick(COVER, ex, _dose(ACC, ex, ctx)))


def _add_combined(picks: list[Pick], needed: frozenset[str], ctx: PickCtx, used: set[str]) -> None:
    """R2 across the week: a session finishing the week's coverage in little time
    gets one lift that trains several of the groups still needed (a press or row that
    also holds the trunk, a carry), so that ``fit_session`` can keep fewer lifts at
    ``MIN_EFFECTIVE_SETS`` each."""
    pool = [
        e
        for e in ctx.lib
        if usable(e, ctx) and e.id not in used and not e.plyometric and e.pattern is not _P.MOBILITY
    ]
    best = max((len(needed & {m.value for m in e.muscles}) for e in pool), default=0)
    if best < 2:
        return
    ex = rotate([e for e in pool if len(needed & {m.value for m in e.muscles}) == best], ctx, 0)
    used.add(ex.id)
    picks.append(Pick(COVER, ex, _dose(ACC, ex, ctx)))


def _eccentric_pick(picks: list[Pick], ctx: PickCtx, used: set[str]) -> str:
    """Q7: make sure the session holds a slow-eccentric quad exercise; the note for
    the session's ``why``."""
    held = [p for p in picks if p.ex.eccentric]
    if held:
        if held[0].role != MAIN:
            held[0].role = ECCENTRIC
        ex = held[0].ex
    else:
        pool = [e for e in ctx.lib if e.eccentric and usable(e, ctx) and e.id not in used]
        if not pool:
            return (
                "Q7: no eccentric quad exercise fits your level, equipment and complaints; "
                "run the downhills of your long runs relaxed instead."
            )
        ex = rotate(pool, ctx, 0)
        used.add(ex.id)
        picks.append(Pick(ECCENTRIC, ex, _dose(ACC, ex, ctx)))
    return (
        f"Q7: {ex.name} with a slow lowering prepares the quads for the downhills of "
        "your trail race (none in its last 10 days)."
    )


def _template_picks(ctx: PickCtx, picks: list[Pick], used: set[str]) -> None:
    """Add the session template's lifts to ``picks``: each the pick it would be without
    complaints when that one spares them, else that lift's own substitute (R17, named in
    ``replaces``), else the best pick that spares them."""
    inj = ctx.week.injuries
    free = (
        dataclasses.replace(ctx, week=dataclasses.replace(ctx.week, injuries=frozenset()))
        if inj
        else ctx
    )
    for offset, (role, patterns, muscle) in enumerate(_template(ctx, ctx.salt)):
        ex = choose(role, patterns, ctx, used, offset, muscle)
        replaces = ""
        ideal = choose(role, patterns, free, used, offset, muscle) if inj else ex
        if ideal is not None and ideal.avoids(inj):
            ex = ideal  # the same pick as without complaints
        elif ideal is not None and ex is not None:
            # R17: swap in the ideal lift's own substitute that spares the complaint
            swap = substitute_for(ideal, ctx, used, muscle)
            heavier_in_pool = role in (MAIN, SECOND) and ex.heavy_ok
            if swap is not None and (swap.heavy_ok or not heavier_in_pool):
                ex = swap
            hurt = ", ".join(sorted(c for c in inj if c in ideal.contraindications))
            replaces = f"R17: replaces {ideal.name} ({hurt})."
        if ex is not None:
            used.add(ex.id)
            picks.append(Pick(role, ex, _dose(role, ex, ctx), replaces=replaces))


def prescribe_strength(
    category: StrengthCategory,
    week: StrengthWeek,
    session_index_in_week: int,
    muscles_needed: frozenset[str],
    max_minutes: float,
    *,
    library: ExerciseLibrary | None = None,
    split: bool = False,
    main_optional: bool = False,
) -> StrengthPrescription:
    """One strength session of ``week`` that fits ``max_minutes`` and covers
    ``muscles_needed`` (R2). See the module docstring for the rules applied.
    ``split``: a later session of the week covers what this one cannot hold at
    ``MIN_EFFECTIVE_SETS``; ``main_optional``: an earlier one held the main lift
    (``fit_session``).
    """
    if not max_minutes > 0:
        raise InputError(f"max_minutes must be positive, got {max_minutes!r}")
    ctx = pick_ctx(library or load_library(), category, week, session_index_in_week)
    used: set[str] = set()
    picks = _power_picks(ctx, used)
    _template_picks(ctx, picks, used)
    notes = [_eccentric_pick(picks, ctx, used)] if week.eccentric_quads else []
    needed = frozenset(muscles_needed) & {g.value for g in R2_GROUPS}
    _add_coverage(picks, needed, ctx, used)
    if main_optional:
        _add_combined(picks, needed, ctx, used)
    mobility = mobility_picks(ctx, R16_TARGETS)
    # 3 s of slack so that the duration rounded to 0.1 min never exceeds the limit (R6)
    limit_s = max_minutes * 60.0 - 3.0
    moved = fit_session(picks, mobility, needed, limit_s, split=split, main_optional=main_optional)
    notes += _split_notes(moved, picks, needed, max_minutes, finishing=main_optional)
    if category is StrengthCategory.POWER and not any(p.role == POWER for p in picks):
        notes.append("R5: no plyometrics yet (base strength not established); fast lifts only.")
    if ctx.week.equipment == {Equipment.NONE.value}:
        notes.append("R17: no equipment, body-weight variants.")
    return StrengthPrescription(
        category=category,
        exercises=tuple(render(p, ctx) for p in picks),
        mobility=tuple(render(m, ctx) for m in mobility),
        duration_min=round(session_seconds(picks, mobility) / 60.0, 1),
        covered_muscles=covered_by(picks),
        title=f"Strength {category.value} ({week.phase.value})",
        notes=tuple(notes),
        split=split and bool(moved),
    )


def _split_notes(
    moved: Sequence[Pick],
    kept: Sequence[Pick],
    needed: frozenset[str],
    minutes: float,
    *,
    finishing: bool,
) -> list[str]:
    """R2/R13: why a short session holds fewer lifts (``fit_session``'s split step)."""
    dose = f"{minutes:.0f} min hold {len(kept)} lift(s) at {MIN_EFFECTIVE_SETS}+ sets each"
    if finishing:
        groups = ", ".join(sorted(needed & covered_by(kept))).replace("_", " ")
        main = "; the main lift was trained earlier in the week" if moved else ""
        return [
            f"R2/R13: the week's lifts are short: this one finishes the week's coverage "
            f"({groups}); {dose} rather than one set of everything{main}."
        ]
    if not moved:
        return []
    left = sorted((needed & covered_by(moved)) - covered_by(kept))
    after = ", ".join(left).replace("_", " ") or "the rest"
    return [
        f"R2/R13: {dose} rather than one set of everything; {after} move to the "
        "week's next strength session (R2 counts the week, not each session)."
    ]


def plan_week_strength(
    categories: Sequence[StrengthCategory],
    week: StrengthWeek,
    max_minutes: float | Sequence[float],
    *,
    library: ExerciseLibrary | None = None,
) -> list[StrengthPrescription]:
    """All strength sessions of one week; together they cover every R2 group.

    Each session is asked to cover what the earlier ones left out, so the week
    covers hips, glutes, hamstrings, quads, calves, core and upper body whenever
    each session has at least ``MIN_COVERAGE_MINUTES``.
    """
    limits = (
        [float(max_minutes)] * len(categories)
        if isinstance(max_minutes, int | float)
        else [float(m) for m in max_minutes]
    )
    if len(limits) != len(categories):
        raise InputError(
            f"max_minutes has {len(limits)} values for {len(categories)} strength sessions"
        )
    sessions: list[StrengthPrescription] = []
    for i, (category, limit) in enumerate(zip(categories, limits, strict=True)):
        needed = frozenset(g.value for g in R2_GROUPS) - covered_muscles(sessions)
        # R2 across the week: short sessions split the groups rather than dosing each
        # exercise with a single set (``fit_session``); a deload's single sets are meant.
        split = i < len(categories) - 1 and not week.deload
        rx = prescribe_strength(
            category,
            week,
            i,
            needed,
            limit,
            library=library,
            split=split,
            main_optional=any(s.split for s in sessions),
        )
        sessions.append(rx)
    return sessions


MIN_COVERAGE_MINUTES = 35.0
"""A session at least this long always fits the lifts needed for R2 coverage."""


def covered_muscles(
    sessions: Iterable[StrengthPrescription | PlannedSession],
) -> frozenset[str]:
    """Muscle groups trained by ``sessions`` (mobility drills do not count)."""
    out: set[str] = set()
    for s in sessions:
        for ex in s.exercises:
            out.update(ex.muscles)
    return frozenset(out)


def daily_mobility(
    *,
    equipment: frozenset[str] = frozenset(),
    injuries: frozenset[str] = frozenset(),
    day_index: int = 0,
    level: str = "beginner",
    library: ExerciseLibrary | None = None,
) -> tuple[ExercisePrescription, ...]:
    """R16: a ~10-minute routine for non-strength days (ankle, hip flexors,
    thoracic spine, hips, feet), varied by ``day_index``."""
    week = StrengthWeek(Phase.BASE, 0, 1, False, Focus.ENDURANCE, equipment, injuries, {}, level)
    ctx = pick_ctx(library or load_library(), StrengthCategory.LIGHT, week, day_index)
    return tuple(_drill(p, ctx) for p in mobility_picks(ctx, DAILY_TARGETS))


_DRILLS: dict[tuple[object, ...], ExercisePrescription] = {}
"""A daily drill as rendered, by what ``render`` reads of a mobility pick (its exercise,
fixed dose and substitutions the equipment, complaints and level allow): a plan shows
the same few drills on most of its days. Cleared when it holds ``_DRILLS_MAX``."""
_DRILLS_MAX = 4096


def _drill(p: Pick, ctx: PickCtx) -> ExercisePrescription:
    key = (ctx.lib, p.ex.id, ctx.week.equipment, ctx.week.injuries, ctx.level)
    hit = _DRILLS.get(key)
    if hit is None:
        if len(_DRILLS) >= _DRILLS_MAX:
            _DRILLS.clear()
        hit = _DRILLS[key] = render(p, ctx)
    return hit
