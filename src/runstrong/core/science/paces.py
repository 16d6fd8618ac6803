"""VDOT, equivalent race times and training paces from one race result.

The model is the Daniels–Gilbert equations (``core.science.daniels``) corrected to
Daniels' published tables (``core.science.vdot_table``, Daniels' Running Formula 3rd
ed. 2014, Tables 5.1-5.2). Inside VDOT 30–85 results match the table within
1 s up to 5 km and 0.15 % beyond; outside it they come from the raw equations
and are flagged ``extrapolated``. Below 1500 m, where Daniels' tables start, a 400 m
or 800 m time is bridged to its 1500 m equivalent with Cameron's model
(``core.science.cameron``) and is an extrapolation too. Results faster than the world record are
rejected (``core.science.world_records``). HR zones live in ``core.science.heart_rate`` and are
re-exported here; Riegel's formula and the goal check are here too.

Pure: no I/O beyond reading the packaged table once, no clock.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from runstrong.core.errors import DurationError, InputError
from runstrong.core.science.cameron import TABLE_MIN_DISTANCE_M, below_tables, cameron_time_s
from runstrong.core.science.daniels import raw_race_time_s, raw_vdot
from runstrong.core.science.heart_rate import (
    HrZone,
    hr_zones_karvonen,
    hr_zones_lthr,
    hrmax_fox,
    hrmax_tanaka,
)
from runstrong.core.science.numeric import Pchip, solve_bracketed
from runstrong.core.science.vdot_table import (
    MODEL_MAX_VDOT,
    MODEL_MIN_VDOT,
    RACE_KEYS,
    corrected_value,
    log_correction,
)
from runstrong.core.science.world_records import check_distance_in_range, check_plausible
from runstrong.core.units import METRES_PER_MILE, STANDARD_DISTANCES_M, format_duration

__all__ = [
    "GoalAssessment",
    "HrZone",
    "PaceReport",
    "TrainingPaces",
    "TrainingPacesPerMile",
    "analyse_race",
    "equivalent_pace_s_per_km",
    "goal_check",
    "hr_zones_karvonen",
    "hr_zones_lthr",
    "hrmax_fox",
    "hrmax_tanaka",
    "is_extrapolated",
    "race_time_s",
    "riegel_time_s",
    "training_paces",
    "vdot_from_race",
]

MIN_VDOT = 10.0
MAX_VDOT = 100.0
_LOG_TABLE_DISTANCES = [math.log(STANDARD_DISTANCES_M[key]) for key in RACE_KEYS]


def _check_vdot(vdot: float) -> None:
    if not math.isfinite(vdot) or not MIN_VDOT <= vdot <= MAX_VDOT:
        raise InputError(f"invalid VDOT {vdot:g}: use {MIN_VDOT:g} to {MAX_VDOT:g}")


def is_extrapolated(vdot: float) -> bool:
    """True outside VDOT 30–85, where no published row backs the numbers."""
    return not MODEL_MIN_VDOT <= vdot <= MODEL_MAX_VDOT


def _race_log_correction(vdot: float, distance_m: float) -> float:
    """Table correction (log ratio) at any distance: PCHIP in log distance between table rows.

    Below 1500 m and above the marathon the nearest row's correction is held.
    """
    for key in RACE_KEYS:
        if math.isclose(STANDARD_DISTANCES_M[key], distance_m, rel_tol=0, abs_tol=1e-6):
            return log_correction(key, vdot)
    values = [log_correction(key, vdot) for key in RACE_KEYS]
    return Pchip(_LOG_TABLE_DISTANCES, values)(math.log(distance_m))


@functools.lru_cache(maxsize=4096)
def race_time_s(vdot: float, distance_m: float) -> float:
    """Equivalent race time (s) over ``distance_m`` (400 m–100 km) for ``vdot``.

    Daniels–Gilbert time × the published-table correction (see module docs); below
    1500 m, Cameron's equivalent of the 1500 m time (an extrapolation).
    Strictly decreasing in ``vdot`` and increasing in ``distance_m``.
    Memoised: pure, and a season's build asks the same few race paces thousands of
    times (each a root search, about 8 % of a 24-week build before).
    """
    _check_vdot(vdot)
    check_distance_in_range(distance_m)
    if below_tables(distance_m):
        return cameron_time_s(
            race_time_s(vdot, TABLE_MIN_DISTANCE_M), TABLE_MIN_DISTANCE_M, distance_m
        )
    return raw_race_time_s(vdot, distance_m) * math.exp(_race_log_correction(vdot, distance_m))


def equivalent_pace_s_per_km(vdot: float, distance_m: float) -> float:
    """Race pace (s/km) over ``distance_m`` for ``vdot``: the equivalent race time / distance.

    The one definition of a race's pace without a goal time (the planner's race and
    race-pace work, the time trial, ``runstrong paces``' equivalents): Daniels' Table 5.1
    time for the distance, not a training pace standing in for it (I pace is what can be
    held ~10–12 min, a 3 km race for a slower runner, nearer 5 km for a fast one).
    """
    return race_time_s(vdot, distance_m) / distance_m * 1000


def vdot_from_race(distance_m: float, time_s: float) -> float:
    """VDOT of a race result, the inverse of ``race_time_s`` (so table times map to their row).

    Raises ``DistanceError`` outside 400 m–100 km, ``DurationError`` for a
    non-positive time or one too slow for a running model (VDOT below 10), and
    ``ImplausibleResultError`` for a time faster than the world record. A 400 m or
    800 m result is the VDOT of its Cameron 1500 m equivalent (an extrapolation).

    Remembered per result (:func:`_solved_vdot`): the planner asks the goal's target
    VDOT for every week it drafts (``planning.plan_notes.goal_race_pace``), about 60
    root searches of ~0.3 ms each for one answer (docs/benchmarks.md).
    """
    return _solved_vdot(distance_m, time_s)


@functools.lru_cache(maxsize=1024, typed=True)
def _solved_vdot(distance_m: float, time_s: float) -> float:
    """:func:`vdot_from_race`, once per (distance, time); errors are raised, not kept."""
    check_distance_in_range(distance_m)
    if not math.isfinite(time_s) or time_s <= 0:
        raise DurationError(f"invalid time {time_s!r} s: the time must be greater than zero")
    check_plausible(distance_m, time_s)
    if below_tables(distance_m):
        bridged_s = cameron_time_s(time_s, distance_m, TABLE_MIN_DISTANCE_M)
        return _table_vdot(TABLE_MIN_DISTANCE_M, bridged_s, (distance_m, time_s))
    return _table_vdot(distance_m, time_s, (distance_m, time_s))


def _table_vdot(distance_m: float, time_s: float, typed: tuple[float, float]) -> float:
    """The VDOT whose corrected race time over ``distance_m`` (≥ 1500 m) is ``time_s``;
    ``typed`` is the result as given (distance, time), named when it is too slow."""
    target = math.log(time_s)

    def gap(vdot: float) -> float:
        raw = raw_race_time_s(vdot, distance_m)
        return math.log(raw) + _race_log_correction(vdot, distance_m) - target

    guess = raw_vdot(distance_m, time_s)
    if guess < MIN_VDOT - 1 or gap(MIN_VDOT) < 0:
        raise DurationError(
            f"time {format_duration(typed[1])} is too slow for the running model over "
            f"{typed[0]:g} m (VDOT below {MIN_VDOT:g})"
        )
    low, high = max(MIN_VDOT, guess - 2.0), guess + 2.0
    while gap(low) < 0:
        low = max(MIN_VDOT, low - 2.0)
    while gap(high) > 0:
        high += 2.0
    return solve_bracketed(gap, low, high, tol=1e-12)


@dataclass(frozen=True, slots=True)
class TrainingPacesPerMile:
    """Training paces in seconds per mile (a view of ``TrainingPaces``)."""

    easy_s_per_mile: tuple[float, float]
    marathon_s_per_mile: float
    threshold_s_per_mile: float
    interval_s_per_mile: float
    repetition_s_per_mile: float


@dataclass(frozen=True, slots=True)
class TrainingPaces:
    """Daniels' training paces for one VDOT, in seconds per km.

    ``easy_s_per_km`` is (fast end, slow end). M = marathon pace, T = threshold,
    I = interval (VO2max), R = repetition (economy/speed).
    """

    vdot: float
    easy_s_per_km: tuple[float, float]
    marathon_s_per_km: float
    threshold_s_per_km: float
    interval_s_per_km: float
    repetition_s_per_km: float

    def per_mile(self) -> TrainingPacesPerMile:
        """The same paces per mile (× 1.609344)."""
        k = METRES_PER_MILE / 1000.0
        return TrainingPacesPerMile(
            easy_s_per_mile=(self.easy_s_per_km[0] * k, self.easy_s_per_km[1] * k),
            marathon_s_per_mile=self.marathon_s_per_km * k,
            threshold_s_per_mile=self.threshold_s_per_km * k,
            interval_s_per_mile=self.interval_s_per_km * k,
            repetition_s_per_mile=self.repetition_s_per_km * k,
        )


def training_paces(vdot: float) -> TrainingPaces:
    """E (range), M, T, I, R paces for ``vdot``, matched to Daniels' Table 5.2.

    Each pace is a reference intensity (a fraction of VDOT, or marathon/mile race
    pace for M/R) times the smoothed table correction; I comes from the
    published 400 m times, R from the 200/300/400 m times (``core.science.vdot_table``).
    """
    _check_vdot(vdot)
    return TrainingPaces(
        vdot=vdot,
        easy_s_per_km=(corrected_value("easy_fast", vdot), corrected_value("easy_slow", vdot)),
        marathon_s_per_km=corrected_value("marathon_pace", vdot),
        threshold_s_per_km=corrected_value("threshold", vdot),
        interval_s_per_km=corrected_value("interval", vdot),
        repetition_s_per_km=corrected_value("repetition", vdot),
    )


@dataclass(frozen=True, slots=True)
class PaceReport:
    """Everything one race result tells: VDOT, equivalent times, training paces."""

    distance_m: float
    time_s: float
    vdot: float
    extrapolated: bool
    equivalent_times_s: Mapping[str, float]
    paces: TrainingPaces


def analyse_race(distance_m: float, time_s: float) -> PaceReport:
    """VDOT, the nine table-distance equivalents and training paces for one result."""
    vdot = vdot_from_race(distance_m, time_s)
    return PaceReport(
        distance_m=distance_m,
        time_s=time_s,
        vdot=vdot,
        extrapolated=is_extrapolated(vdot) or below_tables(distance_m),
        equivalent_times_s={key: race_time_s(vdot, STANDARD_DISTANCES_M[key]) for key in RACE_KEYS},
        paces=training_paces(vdot),
    )


def riegel_time_s(t1_s: float, d1_m: float, d2_m: float, exponent: float = 1.06) -> float:
    """Riegel's endurance prediction T2 = T1 · (D2/D1)^exponent (Riegel, Am Sci 1981;69:285-290).

    1.06 is Riegel's fit for running; 1.07–1.08 suits less-trained runners at
    the marathon.
    """
    if min(t1_s, d1_m, d2_m) <= 0 or not math.isfinite(t1_s + d1_m + d2_m):
        raise InputError("Riegel needs a positive time and two positive distances")
    if not 1.0 <= exponent <= 1.2:
        raise InputError(f"invalid Riegel exponent {exponent:g}: use 1.0 to 1.2")
    return t1_s * math.pow(d2_m / d1_m, exponent)


# --- achievable goals ---------------------------------------------------------------------------

MAX_GAIN_PCT_PER_12_WEEKS = 5.0
"""VDOT gain (%) training can plausibly give in 12 weeks (see ``goal_check``)."""
MAX_TOTAL_GAIN_PCT = 10.0
"""The cap on the allowed VDOT gain (%) however long the build: gains slow."""


@dataclass(frozen=True, slots=True)
class GoalAssessment:
    """Whether a target race time is within reach of the current VDOT in the time left."""

    current_vdot: float
    required_vdot: float
    weeks: float
    required_gain_pct: float
    allowed_gain_pct: float
    achievable: bool
    target_time_s: float
    realistic_time_s: float
    message: str


def goal_check(
    current_vdot: float,
    distance_m: float,
    target_time_s: float,
    weeks: float,
    max_gain_pct_per_12_weeks: float = MAX_GAIN_PCT_PER_12_WEEKS,
) -> GoalAssessment:
    """Flag a target that needs more VDOT gain than training can plausibly give.

    Allowed gain = ``max_gain_pct_per_12_weeks`` × weeks/12, capped at 10 %.
    The default 5 % per 12 weeks follows the common coaching guidance (in the
    spirit of Daniels' Running Formula) of raising the training VDOT by about
    one point per 4–6 weeks of consistent training: at VDOT 50 that is 2–3
    points (4–6 %) in 12 weeks. A coaching heuristic, not a measured law; the
    cap reflects slowing gains. A flagged goal comes with the realistic time at
    the allowed gain.
    """
    _check_vdot(current_vdot)
    if not math.isfinite(weeks) or weeks <= 0:
        raise InputError(f"invalid number of weeks {weeks:g}: must be greater than zero")
    required = vdot_from_race(distance_m, target_time_s)
    required_gain_pct = (required / current_vdot - 1.0) * 100.0
    allowed_gain_pct = min(MAX_TOTAL_GAIN_PCT, max_gain_pct_per_12_weeks * weeks / 12.0)
    achievable = required_gain_pct <= allowed_gain_pct
    if achievable:
        realistic = target_time_s
        message = (
            f"target {format_duration(target_time_s)} needs VDOT {required:.1f} "
            f"({required_gain_pct:+.1f} %), within the {allowed_gain_pct:.1f} % "
            f"reachable in {weeks:g} weeks"
        )
    else:
        reachable = min(MAX_VDOT, current_vdot * (1.0 + allowed_gain_pct / 100.0))
        realistic = race_time_s(reachable, distance_m)
        message = (
            f"target {format_duration(target_time_s)} needs VDOT {required:.1f} "
            f"({required_gain_pct:+.1f} % over {current_vdot:.1f}); about "
            f"{allowed_gain_pct:.1f} % is reachable in {weeks:g} weeks, "
            f"so aim for {format_duration(realistic)}"
        )
    return GoalAssessment(
        current_vdot=current_vdot,
        required_vdot=required,
        weeks=weeks,
        required_gain_pct=required_gain_pct,
        allowed_gain_pct=allowed_gain_pct,
        achievable=achievable,
        target_time_s=target_time_s,
        realistic_time_s=realistic,
        message=message,
    )
