"""Selection context, session timing and rendering shared by the strength prescription.

Pure helpers for ``core.prescription.strength``: the per-session context, the
filters every pick must pass (equipment, complaints, level; R5/R12 on heavy
days), R15 rotation, R16 closing mobility, time fitting (R6, R13) and the
conversion to ``ExercisePrescription``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from runstrong.core.errors import InputError
from runstrong.core.exercises import (
    Complaint,
    Equipment,
    Exercise,
    ExerciseLibrary,
    Level,
    MobilityTarget,
    Muscle,
    Pattern,
)
from runstrong.core.model import ExercisePrescription, Focus, Phase, StrengthCategory
from runstrong.core.prescription.strength_dose import Dose, dose_seconds, mobility_dose

WARMUP_S = 300.0
"""General warm-up before the first lift (5 min)."""

R16_TARGETS = (MobilityTarget.ANKLE, MobilityTarget.HIP_FLEXORS, MobilityTarget.THORACIC)
DAILY_TARGETS = (*R16_TARGETS, MobilityTarget.HIPS, MobilityTarget.FEET)

MAIN, SECOND, ACC, CORE, POWER, COVER = "main", "secondary", "acc", "core", "power", "cover"
ECCENTRIC = "eccentric"
"""Q7: the slow-eccentric quad slot of a trail season (kept when a session is shortened)."""


@dataclass(frozen=True, slots=True)
class StrengthWeek:
    """What every strength session of one week shares.

    ``phase``, ``mesocycle`` and ``week_in_block`` place the week in its block (R14);
    ``equipment`` is what the athlete has (``{"none"}`` or empty = travel week, R17);
    ``injuries`` are complaint names (``Complaint`` values); ``known_e1rm_kg`` maps lift
    names to estimated 1RMs; ``plyometrics_ok`` says base strength is established (R5);
    ``eccentric_quads`` asks for Q7 slow-eccentric quad work.
    """

    phase: Phase
    mesocycle: int
    week_in_block: int
    deload: bool
    focus: Focus
    equipment: frozenset[str]
    injuries: frozenset[str]
    known_e1rm_kg: Mapping[str, float]
    level: str
    plyometrics_ok: bool = False
    eccentric_quads: bool = False


@dataclass(frozen=True, slots=True)
class PickCtx:
    """Everything that shapes one session's picks: the week with its inputs checked
    (``pick_ctx``), e1RMs by exercise id; ``salt`` is the session index (R15)."""

    lib: ExerciseLibrary
    category: StrengthCategory
    week: StrengthWeek
    e1rm_by_id: Mapping[str, float]
    level: Level
    salt: int


def pick_ctx(
    lib: ExerciseLibrary, category: StrengthCategory, week: StrengthWeek, salt: int
) -> PickCtx:
    """The context of one session of ``week``: equipment, complaints and level checked
    (``check_inputs``; the equipment then includes "none"), the mesocycle at least 0 and
    the known e1RMs by exercise id."""
    eq, inj, lvl = check_inputs(week.equipment, week.injuries, week.level)
    checked = dataclasses.replace(
        week, mesocycle=max(week.mesocycle, 0), equipment=eq, injuries=inj
    )
    return PickCtx(lib, category, checked, resolve_e1rm(week.known_e1rm_kg, lib), lvl, salt)


@dataclass(slots=True)
class Pick:
    """One chosen exercise, its slot role and dose (mutable while the session is fitted)."""

    role: str
    ex: Exercise
    dose: Dose
    superset: str = ""
    replaces: str = ""


_KNOWN_EQUIPMENT = frozenset(e.value for e in Equipment)
_KNOWN_COMPLAINTS = frozenset(c.value for c in Complaint)
_KNOWN_LEVELS = frozenset(lv.value for lv in Level)


def check_inputs(
    equipment: Iterable[str], injuries: Iterable[str], level: str
) -> tuple[frozenset[str], frozenset[str], Level]:
    known_eq = _KNOWN_EQUIPMENT  # the enums' values, read once (the planner asks every day)
    bad_eq = sorted(set(equipment) - known_eq)
    if bad_eq:
        raise InputError(
            f"unknown equipment {', '.join(bad_eq)}; allowed: {', '.join(sorted(known_eq))}"
        )
    known_c = _KNOWN_COMPLAINTS
    bad_c = sorted(set(injuries) - known_c)
    if bad_c:
        raise InputError(
            f"unknown injury or complaint {', '.join(bad_c)}; allowed: {', '.join(sorted(known_c))}"
        )
    if level not in _KNOWN_LEVELS:
        raise InputError(f"unknown level {level!r}; allowed: beginner, intermediate, advanced")
    return frozenset(equipment) | {Equipment.NONE.value}, frozenset(injuries), Level(level)


@lru_cache(maxsize=512)
def _usable_ids(
    lib: ExerciseLibrary,
    equipment: frozenset[str],
    injuries: frozenset[str],
    level: Level,
    heavy: bool,
) -> frozenset[str]:
    return frozenset(
        ex.id
        for ex in lib
        if ex.available_with(equipment)
        and ex.avoids(injuries)
        and ex.level.rank <= level.rank
        # R12: no heavy trunk flexion on heavy days; R5: no plyometrics on heavy days.
        and not (heavy and (ex.trunk_flexion or ex.plyometric))
    )


def usable(ex: Exercise, ctx: PickCtx) -> bool:
    """Equipment, complaints (R17), level, and R5/R12 on heavy days all allow ``ex``."""
    ids = _usable_ids(
        ctx.lib, ctx.week.equipment, ctx.week.injuries, ctx.level, ctx.category.is_heavy
    )
    return ex.id in ids


def rotate(options: Sequence[Exercise], ctx: PickCtx, offset: int) -> Exercise:
    # R15: the mesocycle index picks the variant; the salt spreads sessions of one week.
    return options[(ctx.week.mesocycle + ctx.salt + offset) % len(options)]


def covered_by(picks: Iterable[Pick]) -> frozenset[str]:
    return frozenset().union(*(_muscle_names(p.ex.muscles) for p in picks))


@lru_cache(maxsize=1024)
def _muscle_names(muscles: tuple[Muscle, ...]) -> frozenset[str]:
    """The muscle groups' names (an enum's ``.value`` is a slow descriptor; picks are
    counted many times while a session is fitted)."""
    return frozenset(m.value for m in muscles)


def session_seconds(picks: Sequence[Pick], mobility: Sequence[Pick]) -> float:
    total = WARMUP_S
    for p in picks:
        total += dose_seconds(p.ex, p.dose, main=p.role == MAIN and p.ex.heavy_ok)
    paired = [p for p in picks if p.superset]
    if len(paired) == 2:  # R13: a superset shares its rests
        total -= min(p.dose.rest_s for p in paired) * min(p.dose.sets for p in paired)
    return total + sum(dose_seconds(m.ex, m.dose) for m in mobility)


def is_protected(picks: Sequence[Pick], i: int, needed: frozenset[str]) -> bool:
    if picks[i].role in (MAIN, ECCENTRIC):
        return True
    return _covers_alone(picks, i, needed)


MIN_EFFECTIVE_SETS = 2
"""R13/R2: the fewest working sets that train an exercise; one set of everything is a
token session. A short session keeps fewer exercises at this dose and leaves the
week's other groups to its other session (``fit_session``'s ``split``)."""


def fit_session(
    picks: list[Pick],
    mobility: list[Pick],
    needed: frozenset[str],
    limit_s: float,
    *,
    split: bool = False,
    main_optional: bool = False,
) -> list[Pick]:
    """Shrink the session to ``limit_s``: drop extras, one superset, sets down to
    ``MIN_EFFECTIVE_SETS``; then (R2 across the week) with ``split`` (a later session
    covers what this one leaves) drop the last lifts other than the main one; only then
    single sets and lost coverage. With ``main_optional`` (an earlier session of the
    week held the main lift and split) the session first keeps only what finishes the
    week's coverage (``_finishing_picks``). Returns the picks those R2 steps dropped.
    """
    moved: list[Pick] = []
    if main_optional:
        moved += _finishing_picks(picks, needed)
    while session_seconds(picks, mobility) > limit_s:
        droppable = [i for i in range(len(picks)) if not is_protected(picks, i, needed)]
        if droppable:
            del picks[droppable[-1]]
            continue
        if _pair(picks):
            continue
        if _fewer_sets(picks, MIN_EFFECTIVE_SETS):
            continue
        rest = [i for i, p in enumerate(picks) if p.role not in (MAIN, ECCENTRIC)]
        if split and rest and len(picks) > 1:
            moved.append(picks.pop(rest[-1]))
            continue
        if _fewer_sets(picks, 1):
            continue
        # Q7: the slow-eccentric quad lift goes last (its note promises it)
        extra = [i for i in range(len(picks)) if picks[i].role not in (MAIN, ECCENTRIC)]
        extra = extra or [i for i in range(len(picks)) if picks[i].role != MAIN]
        if not extra:
            break
        del picks[extra[-1]]
    paired = [p for p in picks if p.superset]
    if len(paired) == 1:  # R13: its partner went with the split
        paired[0].superset = ""
    return moved


def _finishing_picks(picks: list[Pick], needed: frozenset[str]) -> list[Pick]:
    """R2 across the week: a short session after one that split keeps only the lifts
    that finish the week's coverage: the main lift (trained earlier) goes unless it
    alone covers a needed group, then the lifts covering fewest needed groups until
    each one left covers one alone, each at ``MIN_EFFECTIVE_SETS`` (the week's lifts
    are short: the session must fit beside a quality run too). Returns the main lift
    when dropped."""
    moved: list[Pick] = []
    mains = [i for i, p in enumerate(picks) if p.role == MAIN]
    if mains and not _covers_alone(picks, mains[0], needed):
        moved.append(picks.pop(mains[0]))
    while True:
        spare = [
            i
            for i in range(len(picks))
            if picks[i].role != ECCENTRIC and not _covers_alone(picks, i, needed)
        ]
        if not spare or len(picks) <= 1:
            break
        del picks[min(spare, key=lambda i: (len(needed & covered_by([picks[i]])), -i))]
    for p in picks:
        p.dose = with_sets(p.dose, min(p.dose.sets, MIN_EFFECTIVE_SETS))
    return moved


def _pair(picks: Sequence[Pick]) -> bool:
    """R13: the session's one superset: its last two accessory or core lifts."""
    pairable = [p for p in picks if p.role in (CORE, ACC, COVER) and not p.superset]
    if len(pairable) < 2 or any(p.superset for p in picks):
        return False
    for p in pairable[-2:]:
        p.superset = "A"
    return True


def _covers_alone(picks: Sequence[Pick], i: int, needed: frozenset[str]) -> bool:
    rest = [*picks[:i], *picks[i + 1 :]]
    return bool((needed & covered_by(picks)) - covered_by(rest))


def _fewer_sets(picks: Sequence[Pick], floor: int) -> bool:
    """One set less for the pick with the most sets above ``floor`` (the main lift last)."""
    fat = [p for p in picks if p.dose.sets > floor]
    if not fat:
        return False
    top = max(fat, key=lambda p: (p.dose.sets, p.role != MAIN))
    top.dose = with_sets(top.dose, top.dose.sets - 1)
    return True


def with_sets(dose: Dose, sets: int) -> Dose:
    return Dose(
        sets, dose.reps, dose.duration_s, dose.rpe, dose.pct_e1rm, dose.load_kg, dose.rest_s
    )


def mobility_picks(ctx: PickCtx, targets: Sequence[MobilityTarget]) -> list[Pick]:
    picks: list[Pick] = []
    for i, target in enumerate(targets):
        taken = {p.ex.id for p in picks}
        week = ctx.week
        allowed = _mobility_pool(ctx.lib, target, week.equipment, week.injuries, ctx.level)
        pool = [ex for ex in allowed if ex.id not in taken]
        if pool:
            ex = rotate(pool, ctx, i)
            picks.append(Pick("mobility", ex, mobility_dose(ex)))
    return picks


@lru_cache(maxsize=256)
def _mobility_pool(
    lib: ExerciseLibrary,
    target: MobilityTarget,
    equipment: frozenset[str],
    injuries: frozenset[str],
    level: Level,
) -> tuple[Exercise, ...]:
    """The drills for ``target`` the equipment, complaints (R17) and level allow, in the
    library's order (asked for every day's mobility: a plan asks the same few)."""
    return tuple(
        ex
        for ex in lib.by_pattern(Pattern.MOBILITY)
        if target in ex.mobility
        and ex.available_with(equipment)
        and ex.avoids(injuries)
        and ex.level.rank <= level.rank
    )


def choose(
    role: str,
    patterns: Sequence[Pattern],
    ctx: PickCtx,
    used: set[str],
    offset: int,
    muscle: str | None = None,
) -> Exercise | None:
    """Pick the slot's exercise: the pattern is chosen by the best tier available
    (stable across mesocycles), the variant inside it rotates (R15)."""
    pools = [
        [
            ex
            for ex in ctx.lib.by_pattern(pattern)
            if usable(ex, ctx)
            and ex.id not in used
            and not ex.plyometric
            and (muscle is None or muscle in {m.value for m in ex.muscles})
        ]
        for pattern in patterns
    ]
    tiers: tuple[Callable[[Exercise], bool], ...]
    if role in (MAIN, SECOND) and ctx.week.phase is not Phase.TRANSITION:
        tiers = (
            lambda ex: ex.heavy_ok and ex.id in ctx.e1rm_by_id,  # key lift: kept (R15)
            lambda ex: ex.heavy_ok,
            lambda ex: ex.unilateral,  # no heavy option (travel): the harder one-leg variant
            lambda ex: True,
        )
    elif ctx.week.phase is Phase.TRANSITION:
        tiers = (lambda ex: not ex.heavy_ok, lambda ex: True)
    else:
        tiers = (lambda ex: True,)
    if ctx.week.equipment - {Equipment.NONE.value} and role != CORE:
        # R17: body-weight and travel variants stand in when equipment is missing (a
        # travel week passes only what the athlete takes along); with equipment at hand
        # a loaded variant of each tier comes first.
        tiers = (*(_loaded(keep) for keep in tiers), *tiers)
    # The main lift may switch pattern to keep a known-e1RM key lift; other slots keep
    # their first available pattern so the session's shape stays put (R15).
    order = (
        [(keep, pool) for keep in tiers for pool in pools]
        if role == MAIN
        else [(keep, pool) for pool in pools for keep in tiers]
    )
    for keep, pool in order:
        tier = [ex for ex in pool if keep(ex)]
        if tier:
            return rotate(tier, ctx, offset)
    return None


def _loaded(keep: Callable[[Exercise], bool]) -> Callable[[Exercise], bool]:
    """R17: the tier ``keep`` narrowed to exercises that use equipment."""
    return lambda ex: not ex.bodyweight and keep(ex)


def substitute_for(
    ideal: Exercise, ctx: PickCtx, used: set[str], muscle: str | None
) -> Exercise | None:
    """The first listed substitution of ``ideal`` the athlete can do (R17)."""
    for sub in ctx.lib.substitutes(ideal.id):
        if (
            usable(sub, ctx)
            and sub.id not in used
            and not sub.plyometric
            and sub.pattern is not Pattern.MOBILITY
            and (muscle is None or muscle in {m.value for m in sub.muscles})
        ):
            return sub
    return None


def intent_for(p: Pick, ctx: PickCtx) -> str:
    text = _intent_text(p, ctx)
    return f"{p.replaces} {text}" if p.replaces else text


def _intent_text(p: Pick, ctx: PickCtx) -> str:
    if p.role == POWER:
        return f"R5 plyometric, low volume: quick, quiet contacts, full recovery. {p.ex.intent}"
    if p.role == ECCENTRIC:
        return f"Q7: lower in 3-5 s, up at ease; builds the quads for the downhills. {p.ex.intent}"
    fast = ctx.category in (StrengthCategory.LIGHT, StrengthCategory.POWER)
    if p.role in (MAIN, SECOND) and fast:
        return f"Fast concentric: lift as fast as you can, control the lowering. {p.ex.intent}"
    if p.role == MAIN and ctx.category.is_heavy:
        return f"Heavy but crisp: full range, stop 2-3 reps short of failure. {p.ex.intent}"
    return p.ex.intent


def render(p: Pick, ctx: PickCtx) -> ExercisePrescription:
    subs = tuple(s.name for s in ctx.lib.substitutes(p.ex.id) if usable(s, ctx))
    d = p.dose
    return ExercisePrescription(
        name=p.ex.name,
        # mobility drills name the areas they open (R16), lifts the groups they train (R2)
        muscles=tuple(t.value for t in p.ex.mobility) or tuple(m.value for m in p.ex.muscles),
        sets=d.sets,
        reps=d.reps,
        pct_e1rm=d.pct_e1rm,
        rpe=None if d.pct_e1rm is not None and d.rpe is None else d.rpe,
        load_kg=d.load_kg,
        duration_s=d.duration_s,
        rest_s=d.rest_s,
        intent=intent_for(p, ctx) if p.role != "mobility" else p.ex.intent,
        substitutions=subs,
        plyometric=p.ex.plyometric,
        superset=p.superset,
    )


def resolve_e1rm(known_e1rm_kg: Mapping[str, float], lib: ExerciseLibrary) -> dict[str, float]:
    """Map lift names/aliases of the profile to library ids (unknown names raise, with hints)."""
    out: dict[str, float] = {}
    for name, kg in known_e1rm_kg.items():
        if not kg > 0:
            raise InputError(f"e1RM for {name!r} must be a positive number of kg, got {kg!r}")
        out[lib.get(name).id] = float(kg)
    return out
