"""Strength arithmetic: estimated 1RM, the RPE/RIR chart and R14 load progression.

Pure functions over kilograms, repetitions and RPE; no I/O. Three families:

* rep-max formulas (Epley, Brzycki, Lombardi, Mayhew, O'Conner, Wathan, Lander)
  turning a set taken to failure into an estimated one-repetition maximum, and back;
* the RPE chart (Tuchscherer 2008; RIR-based RPE of Zourdos et al. 2016 and
  Helms et al. 2016), which also accounts for reps left in reserve;
* ``next_prescription``, the R14 progression step the planner and the daily
  coach call after a logged session.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import StrEnum

from runstrong.core.errors import InputError

MIN_REPS = 1
MAX_FORMULA_REPS = 12
"""Rep-max formulas are used on, and were compared by LeSuer et al. (J Strength Cond Res
1997;11:211-213) on, sets of about 10 reps or fewer; beyond 12 they spread quickly, so
runstrong refuses to extrapolate."""


class E1rmFormula(StrEnum):
    """Published rep-max → 1RM equations (w = load lifted, r = reps to failure)."""

    EPLEY = "epley"  # Epley 1985: w·(1 + r/30)
    BRZYCKI = "brzycki"  # Brzycki 1993: w·36/(37 − r)
    LOMBARDI = "lombardi"  # Lombardi 1989: w·r^0.10
    MAYHEW = "mayhew"  # Mayhew et al. 1992: 100w/(52.2 + 41.9·e^(−0.055r))
    OCONNER = "oconner"  # O'Connor et al. 1989: w·(1 + 0.025r)
    WATHAN = "wathan"  # Wathan 1994: 100w/(48.8 + 53.8·e^(−0.075r))
    LANDER = "lander"  # Lander 1985: 100w/(101.3 − 2.67123r)


DEFAULT_E1RM_FORMULA = E1rmFormula.BRZYCKI
"""Brzycki is the default: it returns the load itself for a single (no special case
for r = 1, unlike Epley's 1.033·w), it agrees with Epley within 4 % for 2–10 reps and
exactly at 10, and below 10 reps it is among the lowest of the seven estimates, which errs
on the safe side when loads are prescribed from it."""


def _ratio(formula: E1rmFormula, reps: float) -> float:
    """1RM ÷ load for ``reps`` reps to failure under ``formula`` (always ≥ ~1)."""
    if formula is E1rmFormula.EPLEY:
        return 1.0 + reps / 30.0
    if formula is E1rmFormula.BRZYCKI:
        return 36.0 / (37.0 - reps)
    if formula is E1rmFormula.LOMBARDI:
        return float(reps**0.10)
    if formula is E1rmFormula.MAYHEW:
        return 100.0 / (52.2 + 41.9 * math.exp(-0.055 * reps))
    if formula is E1rmFormula.OCONNER:
        return 1.0 + 0.025 * reps
    if formula is E1rmFormula.WATHAN:
        return 100.0 / (48.8 + 53.8 * math.exp(-0.075 * reps))
    return 100.0 / (101.3 - 2.67123 * reps)  # LANDER


def _check_reps(reps: int, high: int = MAX_FORMULA_REPS) -> None:
    if isinstance(reps, bool) or not isinstance(reps, int) or not MIN_REPS <= reps <= high:
        raise InputError(f"reps {reps!r} is out of range: use a whole number from 1 to {high}")


def _check_positive(name: str, value: float) -> None:
    if not math.isfinite(value) or value <= 0:
        raise InputError(f"{name} {value:g} must be a positive number of kilograms")


def e1rm(load_kg: float, reps: int, formula: E1rmFormula = DEFAULT_E1RM_FORMULA) -> float:
    """Estimated 1RM (kg) from ``reps`` repetitions to failure with ``load_kg``.

    Sources: Epley B., Poundage Chart (1985); Brzycki M., JOPERD 1993;64:88-90;
    Lombardi V.P., Beginning Weight Training (1989); Mayhew J.L. et al., J Appl
    Sport Sci Res 1992;6:200-206; O'Connor B. et al., Weight Training Today (1989);
    Wathan D., NSCA Essentials (1994); Lander J., NSCA Journal 1985;6:60-61.
    Convention: the set is assumed to be taken to failure (RPE 10); for sets
    stopped short use ``e1rm_from_rpe``. Reps 1–12 only (``InputError`` otherwise).
    """
    _check_positive("load", load_kg)
    _check_reps(reps)
    return load_kg * _ratio(formula, reps)


def load_for_reps(e1rm_kg: float, reps: int, formula: E1rmFormula = DEFAULT_E1RM_FORMULA) -> float:
    """Heaviest load (kg) liftable for ``reps`` reps to failure given a 1RM of ``e1rm_kg``.

    The exact inverse of :func:`e1rm` for the same formula (same sources and range).
    """
    _check_positive("e1RM", e1rm_kg)
    _check_reps(reps)
    return e1rm_kg / _ratio(formula, reps)


# ---------------------------------------------------------------------------
# RPE / RIR chart
# ---------------------------------------------------------------------------

RPE_CHART_MIN = 6.5
RPE_CHART_MAX = 10.0
RPE_CHART_MAX_REPS = 10

# %1RM against "effective reps to failure" = reps + RIR, in half steps from 1.0.
# Tuchscherer's chart is diagonal (5 @ RPE 8 = 7 @ RPE 10 = 81.1 %), so this one
# column generates the whole published table for reps 1–10 × RPE 6.5–10.
_PCT_BY_REPS_TO_FAILURE: tuple[float, ...] = (
    100.0, 97.8, 95.5, 93.9, 92.2, 90.7, 89.2, 87.8, 86.3, 85.0, 83.7, 82.4, 81.1,
    79.9, 78.6, 77.4, 76.2, 75.1, 73.9, 72.3, 70.7, 69.4, 68.0, 66.7, 65.3, 64.0,
)  # fmt: skip


def rir_from_rpe(rpe: float) -> float:
    """Repetitions in reserve for an RPE on the RIR-based scale: RIR = 10 − RPE.

    Zourdos M.C. et al., J Strength Cond Res 2016;30:267-275; Helms E.R. et al.,
    Strength Cond J 2016;38(4):42-49. Valid for RPE 5–10; below 5 the scale stops
    mapping to a reps-in-reserve count, so those values raise ``InputError``.
    """
    if not 5.0 <= rpe <= 10.0:
        raise InputError(f"RPE {rpe:g} cannot be converted to reps in reserve: use 5 to 10")
    return 10.0 - rpe


def rpe_from_rir(rir: float) -> float:
    """RPE for a number of repetitions in reserve: RPE = 10 − RIR (RIR 0–5; see above)."""
    if not 0.0 <= rir <= 5.0:
        raise InputError(f"RIR {rir:g} cannot be converted to an RPE: use 0 to 5")
    return 10.0 - rir


def fraction_of_1rm(reps: int, rpe: float) -> float:
    """Fraction of 1RM (0–1) that ``reps`` reps at ``rpe`` represent.

    Tuchscherer M., The Reactive Training Manual (2008), RPE chart, read as a
    function of reps + RIR (RIR = 10 − RPE, Zourdos et al. 2016). Published cells
    (reps 1–10, RPE 6.5–10 in half steps) are returned exactly; RPEs between
    half steps interpolate linearly along the chart's diagonal. Outside the
    published range the transcriptions disagree, so ``InputError`` is raised.
    """
    _check_reps(reps, RPE_CHART_MAX_REPS)
    if not RPE_CHART_MIN <= rpe <= RPE_CHART_MAX:
        raise InputError(
            f"RPE {rpe:g} is outside the RPE chart: use {RPE_CHART_MIN:g} to {RPE_CHART_MAX:g}"
        )
    return _column(reps + (10.0 - rpe))


def _column(reps_to_failure: float) -> float:
    """The chart's column (fraction 0–1) at ``reps_to_failure`` = reps + RIR, linear
    between half steps; past the column's end (13.5), its last cell."""
    position = min((reps_to_failure - 1.0) * 2.0, len(_PCT_BY_REPS_TO_FAILURE) - 1.0)
    low = math.floor(position)
    frac = position - low
    pct = _PCT_BY_REPS_TO_FAILURE[low]
    if frac > 1e-9:
        pct += (_PCT_BY_REPS_TO_FAILURE[low + 1] - pct) * frac
    return pct / 100.0


RIR_RPE_MIN = 5.0
"""The floor of the RIR-based scale: RPE 5 = five reps in reserve (Zourdos et al. 2016;
Helms et al. 2016); below it effort is "light" and no longer a count of reps."""


def effective_fraction(reps: int, rpe: float) -> float:
    """Fraction of 1RM (0–1) of any prescribed set of ``reps`` at ``rpe``, read as an
    upper bound: the one RPE↔%e1RM table for judging a set heavy (Q5, R3) and keeping a
    prescription's RPE and % e1RM in step.

    The Tuchscherer chart's column at reps + RIR (RIR = 10 − RPE, Zourdos et al. 2016),
    the diagonal ``fraction_of_1rm`` reads, so the published cells (reps 1–10, RPE
    6.5–10) are returned exactly; an RPE under 5 is read as 5 and reps + RIR past the
    column's end (13.5) as its last cell, 64 %: a lighter set is at most that heavy.
    E.g. 4 reps @ RPE 7 → 81.1 %, @ RPE 5 → 76.2 %; 8 @ 8 → 73.9 %.
    """
    if isinstance(reps, bool) or not isinstance(reps, int) or reps < MIN_REPS:
        raise InputError(f"reps {reps!r} is out of range: use a whole number from 1")
    return _column(reps + 10.0 - min(max(rpe, RIR_RPE_MIN), RPE_CHART_MAX))


def rpe_at_most(reps: int, fraction: float) -> float:
    """The highest RPE, in half steps from 10 down to ``RIR_RPE_MIN``, at which ``reps``
    reps are at most ``fraction`` of 1RM (``effective_fraction``); ``RIR_RPE_MIN`` when
    even that is heavier (such a set needs more reps, not a lower RPE).
    E.g. 4 reps at most 78 % → RPE 5 (76.2 %); 8 reps at most 72 % → RPE 7 (70.7 %)."""
    rpe = RPE_CHART_MAX
    while rpe > RIR_RPE_MIN and effective_fraction(reps, rpe) > fraction + CHART_SLACK:
        rpe -= 0.5
    return rpe


CHART_SLACK = 0.002
"""The chart's cells are printed to 0.1 % and its neighbours differ by 1–2 %: a cell
within 0.2 % of a limit (75.1 % for a 75 % limit) is at the limit."""


def e1rm_from_rpe(load_kg: float, reps: int, rpe: float) -> float:
    """Estimated 1RM (kg) from a set of ``reps`` with ``load_kg`` rated ``rpe``.

    e1RM = load ÷ chart fraction (Tuchscherer 2008); e.g. 100 kg × 5 @ RPE 8 →
    100 / 0.811 = 123.3 kg. Reps 1–10, RPE 6.5–10.
    """
    _check_positive("load", load_kg)
    return load_kg / fraction_of_1rm(reps, rpe)


def e1rm_of_set(
    load_kg: float | None,
    reps: int | None,
    rpe: float | None = None,
    rir: float | None = None,
    formula: E1rmFormula = DEFAULT_E1RM_FORMULA,
) -> float | None:
    """Best e1RM estimate (kg) of one logged set, or None when the set cannot give one.

    For e1RM trends (R26). An RPE (or an RIR, converted by RPE = 10 − RIR) inside
    the chart (reps 1–10, RPE 6.5–10) uses the RPE chart; otherwise the set is
    treated as taken to failure and ``formula`` is used (a lower bound when reps
    were left in reserve). None for body-weight sets, missing reps, or reps above 12.
    """
    if load_kg is None or load_kg <= 0 or reps is None or reps < MIN_REPS:
        return None
    if rpe is None and rir is not None and 0.0 <= rir <= 5.0:
        rpe = rpe_from_rir(rir)
    if rpe is not None and reps <= RPE_CHART_MAX_REPS and RPE_CHART_MIN <= rpe <= RPE_CHART_MAX:
        return e1rm_from_rpe(load_kg, reps, rpe)
    return e1rm(load_kg, reps, formula) if reps <= MAX_FORMULA_REPS else None


def round_to_increment(load_kg: float, increment_kg: float = 2.5) -> float:
    """``load_kg`` rounded to the nearest multiple of the plate increment (halves round up)."""
    _check_positive("plate increment", increment_kg)
    return math.floor(load_kg / increment_kg + 0.5) * increment_kg


def load_for(e1rm_kg: float, reps: int, rpe: float, round_to_kg: float | None = 2.5) -> float:
    """Load (kg) for a target of ``reps`` reps at ``rpe`` from an e1RM (Tuchscherer chart).

    Rounded to the nearest ``round_to_kg`` (the smallest loadable step); pass
    ``None`` for the unrounded value.
    """
    _check_positive("e1RM", e1rm_kg)
    raw = e1rm_kg * fraction_of_1rm(reps, rpe)
    return raw if round_to_kg is None else round_to_increment(raw, round_to_kg)


# ---------------------------------------------------------------------------
# R14 progressive overload
# ---------------------------------------------------------------------------

MIN_LOAD_STEP = 0.02
"""R14: the smallest load rise (fraction of the load) that counts as progression."""
MAX_LOAD_STEP = 0.05
"""R14: the largest load rise (fraction) from one session of an exercise to its next."""
MIN_STEP_BACK = 0.05
"""R14: the smallest load cut (fraction) of a step back."""
MAX_STEP_BACK = 0.10
"""R14: the largest load cut (fraction) of a step back."""
HOLD_MARGIN_RPE = 1.0
"""An RPE above target by at most this much holds; further above steps back."""


@dataclass(frozen=True, slots=True)
class LoadPrescription:
    """What one exercise prescribes: ``sets`` × ``reps`` with ``load_kg`` at ``target_rpe``.

    ``load_kg`` 0 means body weight only (progression then adds sets).
    """

    load_kg: float
    sets: int
    reps: int
    target_rpe: float

    def __post_init__(self) -> None:
        if not math.isfinite(self.load_kg) or self.load_kg < 0:
            raise InputError(f"load {self.load_kg:g} kg must be 0 (body weight) or more")
        if self.sets < 1:
            raise InputError(f"sets {self.sets} must be at least 1")
        if self.reps < 1:
            raise InputError(f"reps {self.reps} must be at least 1")
        if not 1.0 <= self.target_rpe <= 10.0:
            raise InputError(f"target RPE {self.target_rpe:g} is out of range: use 1 to 10")

    @property
    def volume_kg(self) -> float:
        """Volume load: sets × reps × load (kg)."""
        return self.sets * self.reps * self.load_kg


class ProgressionAction(StrEnum):
    """The four outcomes of an R14 step."""

    ADD_LOAD = "add_load"
    ADD_SET = "add_set"
    HOLD = "hold"
    STEP_BACK = "step_back"


class ProgressBy(StrEnum):
    """Which lever R14 pulls first when a session earned progression."""

    LOAD = "load"
    SET = "set"


@dataclass(frozen=True, slots=True)
class Progression:
    """The next prescription, what changed, and why (the reason names R14)."""

    action: ProgressionAction
    prescription: LoadPrescription
    reason: str


def _kg(value: float) -> str:
    return f"{value:g} kg"


def _scheme(cur: LoadPrescription) -> str:
    """ "3 × 8 at 60 kg"; a body-weight exercise (load 0) states no load."""
    scheme = f"{cur.sets} × {cur.reps}"
    return f"{scheme} at {_kg(cur.load_kg)}" if cur.load_kg > 0 else scheme


def _add_load(
    cur: LoadPrescription, step_pct: float, increment_kg: float
) -> LoadPrescription | None:
    """Add k plate increments with the step inside 2–5 % of the load (R14), or None."""
    k_max = math.floor(cur.load_kg * MAX_LOAD_STEP / increment_kg + 1e-9)
    if cur.load_kg <= 0 or k_max < 1:
        return None
    k_min = max(1, math.ceil(cur.load_kg * MIN_LOAD_STEP / increment_kg - 1e-9))
    k = min(max(round(cur.load_kg * step_pct / increment_kg), k_min, 1), k_max)
    return replace(cur, load_kg=round(cur.load_kg + k * increment_kg, 6))


def _add_set(cur: LoadPrescription, max_sets: int) -> LoadPrescription | None:
    """One more set, unless that would reach max_sets or double the volume (1 → 2 sets)."""
    if cur.sets < 2 or cur.sets >= max_sets:
        return None
    return replace(cur, sets=cur.sets + 1)


def _step_back(cur: LoadPrescription, pct: float, increment_kg: float) -> LoadPrescription:
    """Remove plate increments worth 5–10 % of the load; if no step fits, drop a set;
    with one set left and no plate step within 10 %, hold (R14: step-backs ≤ 10 %)."""
    k_min = max(1, math.ceil(cur.load_kg * MIN_STEP_BACK / increment_kg - 1e-9))
    k_max = math.floor(cur.load_kg * MAX_STEP_BACK / increment_kg + 1e-9)
    if cur.load_kg > 0 and k_min <= k_max:
        k = min(max(round(cur.load_kg * pct / increment_kg), k_min), k_max)
        return replace(cur, load_kg=round(cur.load_kg - k * increment_kg, 6))
    if cur.sets > 1:
        return replace(cur, sets=cur.sets - 1)
    # One plate would cut more than MAX_STEP_BACK (e.g. 10 kg → 7.5 kg is −25 %): hold.
    return cur


def next_prescription(
    current: LoadPrescription,
    last_rpe: float | None,
    completed: bool,
    *,
    step_pct: float = 0.025,
    increment_kg: float = 2.5,
    progress_by: ProgressBy = ProgressBy.LOAD,
    max_sets: int = 5,
    step_back_pct: float = 0.075,
) -> Progression:
    """R14: the prescription for the next session of an exercise after the last one.

    Progress only when the last session was ``completed`` at or below its target
    RPE: by +2–5 % load (``step_pct``, in whole plate ``increment_kg`` steps, never
    above 5 %; when even one plate is above 5 % the set lever is used instead) or
    by one extra set (never from 1 to 2 sets, which would double the volume; never
    beyond ``max_sets``). If neither lever fits, hold. An RPE above target by at most
    1 holds; further above, or an uncompleted session, steps back by ``step_back_pct``
    (5–10 %, in whole plates; a set is dropped when no plate step fits). No RPE
    logged → hold. Convention follows DOMAIN R14; the 2–5 % band is the cautious end
    of the 2–10 % load increases of the ACSM position stand on progression models
    (Ratamess et al., Med Sci Sports Exerc 2009;41:687-708), and gating on RPE follows
    RIR-based autoregulation (Helms et al., Strength Cond J 2016;38(4):42-49).
    """
    _check_progression(step_pct, step_back_pct, increment_kg, max_sets, last_rpe)
    cur = current
    scheme = _scheme(cur)
    if not completed or (last_rpe is not None and last_rpe > cur.target_rpe + HOLD_MARGIN_RPE):
        why = (
            "last session not completed"
            if not completed
            else f"RPE {last_rpe:g} was more than {HOLD_MARGIN_RPE:g} above the target "
            f"{cur.target_rpe:g}"
        )
        return _stepped_back(cur, why, scheme, step_back_pct, increment_kg)
    if last_rpe is None:
        return Progression(
            ProgressionAction.HOLD,
            cur,
            f"R14: no RPE logged for the last session; hold {scheme} "
            "(progress only after a session completed at or below its target RPE)",
        )
    if last_rpe > cur.target_rpe:
        return Progression(
            ProgressionAction.HOLD,
            cur,
            f"R14: RPE {last_rpe:g} was above the target {cur.target_rpe:g} by "
            f"{HOLD_MARGIN_RPE:g} or less; hold {scheme}",
        )

    earned = f"R14: completed at RPE {last_rpe:g} (target {cur.target_rpe:g})"
    levers = (_try_load, _try_set) if progress_by is ProgressBy.LOAD else (_try_set, _try_load)
    for lever in levers:
        result = lever(cur, earned, step_pct, increment_kg, max_sets)
        if result is not None:
            return result
    return _no_lever(cur, earned, scheme, increment_kg, max_sets)


def _check_progression(
    step_pct: float, step_back_pct: float, increment_kg: float, max_sets: int, rpe: float | None
) -> None:
    """The arguments of ``next_prescription`` within R14's ranges, or an ``InputError``."""
    if not MIN_LOAD_STEP <= step_pct <= MAX_LOAD_STEP:
        raise InputError(f"load step {step_pct:g} is out of range: R14 allows 0.02 to 0.05")
    if not MIN_STEP_BACK <= step_back_pct <= MAX_STEP_BACK:
        raise InputError(f"step back {step_back_pct:g} is out of range: use 0.05 to 0.10")
    _check_positive("plate increment", increment_kg)
    if max_sets < 1:
        raise InputError(f"max sets {max_sets} must be at least 1")
    if rpe is not None and not 1.0 <= rpe <= 10.0:
        raise InputError(f"last RPE {rpe:g} is out of range: use 1 to 10")


def _stepped_back(
    cur: LoadPrescription, why: str, scheme: str, pct: float, increment_kg: float
) -> Progression:
    """R14: the step back after a missed or too-hard session (a hold if none fits)."""
    new = _step_back(cur, pct, increment_kg)
    if new == cur:
        return Progression(
            ProgressionAction.HOLD, cur, f"R14: {why}; no smaller step exists, hold {scheme}"
        )
    change = (
        f"{_kg(cur.load_kg)} → {_kg(new.load_kg)} (−{(1 - new.load_kg / cur.load_kg) * 100:.1f} %)"
        if new.load_kg != cur.load_kg
        else f"{cur.sets} → {new.sets} sets"
    )
    return Progression(ProgressionAction.STEP_BACK, new, f"R14: {why}; step back {change}")


def _no_lever(
    cur: LoadPrescription, earned: str, scheme: str, increment_kg: float, max_sets: int
) -> Progression:
    """R14: progress was earned but neither load nor a set can be added; hold, saying why."""
    no_load = (
        "it is a body-weight exercise"
        if cur.load_kg == 0
        else f"one {_kg(increment_kg)} step is more than 5 % of {_kg(cur.load_kg)}"
    )
    no_set = (
        "a second set would double the volume"
        if cur.sets == 1
        else f"{cur.sets} sets is the maximum ({max_sets})"
    )
    return Progression(
        ProgressionAction.HOLD, cur, f"{earned}, but {no_load} and {no_set}; hold {scheme}"
    )


def _try_load(
    cur: LoadPrescription, earned: str, step_pct: float, increment_kg: float, max_sets: int
) -> Progression | None:
    new = _add_load(cur, step_pct, increment_kg)
    if new is None:
        return None
    pct = (new.load_kg / cur.load_kg - 1) * 100
    return Progression(
        ProgressionAction.ADD_LOAD,
        new,
        f"{earned}; load {_kg(cur.load_kg)} → {_kg(new.load_kg)} (+{pct:.1f} %)",
    )


def _try_set(
    cur: LoadPrescription, earned: str, step_pct: float, increment_kg: float, max_sets: int
) -> Progression | None:
    new = _add_set(cur, max_sets)
    if new is None:
        return None
    return Progression(
        ProgressionAction.ADD_SET, new, f"{earned}; one more set: {new.sets} × {new.reps}"
    )
