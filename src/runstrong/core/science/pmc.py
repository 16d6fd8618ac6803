"""Models over a daily load series: fitness/fatigue/form, ACWR, monotony/strain, Banister.

Input is always one load per calendar day, oldest first, rest days as 0 (build it
with ``core.load.daily_loads``). Day ``i`` of every output is the state at the end
of day ``i``, after that day's load. Pure arithmetic, no dates, no clock.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from runstrong.core.errors import InputError

# ---------------------------------------------------------------------------
# Performance management chart: fitness (CTL), fatigue (ATL), form (TSB)
# ---------------------------------------------------------------------------


class Smoothing(StrEnum):
    """How an N-day time constant becomes the daily weight k of new load.

    TRAININGPEAKS: k = 1/N (TrainingPeaks' CTL/ATL; the usual "42/7 days").
    GOLDENCHEETAH: k = 1 − e^(−1/N), the exact discrete form of an exponential decay
    with time constant N (GoldenCheetah PMCData.cpp; equals the Banister model ×k).
    EWMA: k = 2/(N + 1), the span convention of Williams et al. 2017 and pandas.
    """

    TRAININGPEAKS = "trainingpeaks"
    GOLDENCHEETAH = "goldencheetah"
    EWMA = "ewma"

    def weight(self, days: float) -> float:
        """Daily weight k for a time constant of ``days``."""
        if not days > 0:
            raise InputError(f"time constant {days:g} days must be positive")
        if self is Smoothing.TRAININGPEAKS:
            return 1.0 / days
        if self is Smoothing.GOLDENCHEETAH:
            return 1.0 - math.exp(-1.0 / days)
        return 2.0 / (days + 1.0)


class FormConvention(StrEnum):
    """Which day's fitness and fatigue define today's form."""

    YESTERDAY = "yesterday"  # TrainingPeaks: form today = CTL − ATL at the end of yesterday
    SAME_DAY = "same_day"  # GoldenCheetah "SB today" option: after today's load


@dataclass(frozen=True, slots=True)
class PmcDay:
    """One day of the performance management chart (all in the load's units)."""

    fitness: float  # chronic training load, CTL
    fatigue: float  # acute training load, ATL
    form: float  # training stress balance, TSB


def _check_series(daily_load: Sequence[float]) -> None:
    for i, load in enumerate(daily_load):
        if not math.isfinite(load) or load < 0:
            raise InputError(f"daily load {load:g} on day {i + 1} must be 0 or more")


def pmc(
    daily_load: Sequence[float],
    *,
    fitness_days: float = 42.0,
    fatigue_days: float = 7.0,
    smoothing: Smoothing = Smoothing.TRAININGPEAKS,
    form: FormConvention = FormConvention.YESTERDAY,
    initial_fitness: float = 0.0,
    initial_fatigue: float = 0.0,
) -> list[PmcDay]:
    """Fitness, fatigue and form per day: CTL_t = CTL_{t−1} + k·(load_t − CTL_{t−1}).

    Coggan's performance management chart as documented by TrainingPeaks (help
    page "Form (TSB)"): k = 1/42 for fitness, 1/7 for fatigue, and form = yesterday's
    fitness − yesterday's fatigue, so today's session does not yet lower today's form.
    ``smoothing`` selects the weight convention (see :class:`Smoothing`) and
    ``form=SAME_DAY`` the alternative of subtracting after today's load. Day 1 form
    under YESTERDAY is ``initial_fitness − initial_fatigue``. A constant load L
    drives fitness and fatigue to L and form to 0 under every convention.
    """
    _check_series(daily_load)
    k_fit = smoothing.weight(fitness_days)
    k_fat = smoothing.weight(fatigue_days)
    fitness, fatigue = initial_fitness, initial_fatigue
    days: list[PmcDay] = []
    for load in daily_load:
        before = fitness - fatigue
        fitness += k_fit * (load - fitness)
        fatigue += k_fat * (load - fatigue)
        today = before if form is FormConvention.YESTERDAY else fitness - fatigue
        days.append(PmcDay(fitness=fitness, fatigue=fatigue, form=today))
    return days


# ---------------------------------------------------------------------------
# Acute:chronic workload ratio
# ---------------------------------------------------------------------------

ACWR_CAVEAT = (
    "The acute:chronic workload ratio describes how this week compares with the last "
    "month; its zones are coaching conventions, not validated injury predictors "
    "(Impellizzeri et al. 2020; Lolli et al. 2019)."
)


class AcwrZone(StrEnum):
    """Descriptive bands of an ACWR value (see :data:`ACWR_CAVEAT`)."""

    LOW = "low"
    SWEET_SPOT = "sweet_spot"
    ELEVATED = "elevated"
    HIGH = "high"


@dataclass(frozen=True, slots=True)
class AcwrBands:
    """Band edges: < low → LOW; low–high → SWEET_SPOT; high–danger → ELEVATED; ≥ danger → HIGH.

    Defaults are Gabbett's (Br J Sports Med 2016;50:273-280): 0.8–1.3 "sweet spot",
    ≥ 1.5 "danger". They are descriptive conventions only: Impellizzeri et al.
    (Int J Sports Physiol Perform 2020;15:907-913) and Lolli et al. (Br J Sports Med
    2019;53:921-922) show the ratio is not a validated injury predictor and that
    coupling inflates its correlations. runstrong uses them to flag ramps (R11),
    never to promise injury risk.
    """

    low: float = 0.8
    high: float = 1.3
    danger: float = 1.5

    def __post_init__(self) -> None:
        if not 0 < self.low < self.high <= self.danger:
            raise InputError(
                f"ACWR bands {self.low:g}/{self.high:g}/{self.danger:g} must satisfy "
                "0 < low < high ≤ danger"
            )

    def zone(self, ratio: float) -> AcwrZone:
        """The band ``ratio`` falls in."""
        if ratio < self.low:
            return AcwrZone.LOW
        if ratio <= self.high:
            return AcwrZone.SWEET_SPOT
        if ratio < self.danger:
            return AcwrZone.ELEVATED
        return AcwrZone.HIGH


DEFAULT_ACWR_BANDS = AcwrBands()


def _check_windows(acute_days: int, chronic_days: int) -> None:
    if not 1 <= acute_days < chronic_days:
        raise InputError(
            f"ACWR windows {acute_days}/{chronic_days} days must satisfy 1 ≤ acute < chronic"
        )


def acwr_rolling(
    daily_load: Sequence[float],
    *,
    acute_days: int = 7,
    chronic_days: int = 28,
    coupled: bool = True,
) -> list[float | None]:
    """Rolling-average ACWR per day: mean of the last 7 days ÷ mean of the last 28.

    Hulin B.T. et al., Br J Sports Med 2016;50:231-236 (coupled: the chronic window
    includes the acute week). ``coupled=False`` uses the 21 days before the acute
    week as the chronic window (Windt & Gabbett, Br J Sports Med 2019;53:988-990),
    which removes the mathematical coupling criticised by Lolli et al. 2019.
    ``None`` until ``chronic_days`` days exist or when the chronic mean is 0.
    See :data:`ACWR_CAVEAT`: the ratio is not a validated injury predictor.
    """
    _check_series(daily_load)
    _check_windows(acute_days, chronic_days)
    out: list[float | None] = []
    for end in range(1, len(daily_load) + 1):
        if end < chronic_days:
            out.append(None)
            continue
        acute = statistics.fmean(daily_load[end - acute_days : end])
        chronic_window = (
            daily_load[end - chronic_days : end]
            if coupled
            else daily_load[end - chronic_days : end - acute_days]
        )
        chronic = statistics.fmean(chronic_window)
        out.append(acute / chronic if chronic > 0 else None)
    return out


def acwr_ewma(
    daily_load: Sequence[float],
    *,
    acute_days: int = 7,
    chronic_days: int = 28,
    seed_with_first_day: bool = True,
) -> list[float | None]:
    """EWMA ACWR per day: EWMA_t = λ·load_t + (1 − λ)·EWMA_{t−1}, λ = 2/(N + 1).

    Williams S. et al., Br J Sports Med 2017;51:209-210 (N = 7 acute, 28 chronic).
    The paper leaves the seed open; runstrong seeds both averages with the first
    day's load (``seed_with_first_day=False`` seeds 0, which inflates early ratios).
    ``None`` during the first ``chronic_days`` − 1 days of warm-up or when the chronic
    average is 0. See :data:`ACWR_CAVEAT`: the ratio is not a validated injury predictor.
    """
    _check_windows(acute_days, chronic_days)
    acute = ewma(daily_load, acute_days, seed_with_first_day=seed_with_first_day)
    chronic = ewma(daily_load, chronic_days, seed_with_first_day=seed_with_first_day)
    return [
        a / c if i + 1 >= chronic_days and c > 0 else None
        for i, (a, c) in enumerate(zip(acute, chronic, strict=True))
    ]


def ewma(
    daily_load: Sequence[float], days: int, *, seed_with_first_day: bool = True
) -> list[float]:
    """Exponentially weighted daily average with λ = 2/(``days`` + 1) (Williams et al. 2017).

    The acute (7) and chronic (28) loads behind :func:`acwr_ewma`; seeded with the
    first day's load, or with 0 when ``seed_with_first_day`` is False.
    """
    _check_series(daily_load)
    lam = Smoothing.EWMA.weight(days)
    out: list[float] = []
    value = 0.0
    for i, load in enumerate(daily_load):
        value = load if i == 0 and seed_with_first_day else lam * load + (1 - lam) * value
        out.append(value)
    return out


# ---------------------------------------------------------------------------
# Monotony and strain
# ---------------------------------------------------------------------------

MONOTONY_FLAG = 2.0
"""Foster 1998 associated weekly monotony above 2.0 with illness and overtraining."""


@dataclass(frozen=True, slots=True)
class WeekStrain:
    """Foster's weekly figures. ``monotony``/``strain`` are None when every day had the
    same load (SD 0): then the week is as monotonous as a week can be and
    ``monotonous`` is True unless all seven days were rest."""

    weekly_load: float
    mean_daily: float
    sd_daily: float
    monotony: float | None
    strain: float | None
    monotonous: bool


def week_strain(daily_load: Sequence[float], *, sample_sd: bool = False) -> WeekStrain:
    """Monotony = mean ÷ SD of the 7 daily loads; strain = weekly load × monotony.

    Foster C., Med Sci Sports Exerc 1998;30:1164-1168. Rest days count as 0.
    Foster does not say which SD; runstrong uses the population SD (the week is the
    whole population being described, and it is numpy's default); ``sample_sd=True``
    gives the n − 1 form used by spreadsheet tools. ``monotonous`` flags monotony
    above 2.0 (Foster's threshold) or a constant non-zero week.
    """
    if len(daily_load) != 7:
        raise InputError(f"monotony needs exactly 7 daily loads, got {len(daily_load)}")
    _check_series(daily_load)
    weekly = math.fsum(daily_load)
    mean = weekly / 7
    sd = statistics.stdev(daily_load) if sample_sd else statistics.pstdev(daily_load)
    if sd <= 1e-12 * max(1.0, mean):
        return WeekStrain(weekly, mean, 0.0, None, None, monotonous=mean > 0)
    monotony = mean / sd
    return WeekStrain(weekly, mean, sd, monotony, weekly * monotony, monotony > MONOTONY_FLAG)


# ---------------------------------------------------------------------------
# Banister impulse-response model
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BanisterDay:
    """One day of the impulse-response model: the two impulse sums and the prediction."""

    fitness: float  # Σ w_s e^(−(t−s)/τ1)
    fatigue: float  # Σ w_s e^(−(t−s)/τ2)
    performance: float  # p0 + k1·fitness − k2·fatigue


def banister(
    daily_load: Sequence[float],
    *,
    p0: float = 0.0,
    k1: float = 1.0,
    k2: float = 2.0,
    tau1_days: float = 42.0,
    tau2_days: float = 7.0,
) -> list[BanisterDay]:
    """p(t) = p0 + k1·Σ w_s e^(−(t−s)/τ1) − k2·Σ w_s e^(−(t−s)/τ2).

    Banister E.W. et al., Aust J Sports Med 1975;7:57-61; Morton R.H. et al.,
    J Appl Physiol 1990;69:1171-1177. Convention: the sums include day t's own load
    (g_t = g_{t−1}·e^(−1/τ) + w_t); the s < t form of Banister/Busso equals the
    previous day's value × e^(−1/τ). k1, k2, τ1, τ2 must be fitted per athlete; the
    defaults (1, 2, 42, 7) are illustrative only. fitness × (1 − e^(−1/42)) is the
    GOLDENCHEETAH PMC fitness.
    """
    _check_series(daily_load)
    if tau1_days <= 0 or tau2_days <= 0:
        raise InputError(f"time constants {tau1_days:g}/{tau2_days:g} days must be positive")
    decay1, decay2 = math.exp(-1.0 / tau1_days), math.exp(-1.0 / tau2_days)
    g = h = 0.0
    out: list[BanisterDay] = []
    for load in daily_load:
        g = g * decay1 + load
        h = h * decay2 + load
        out.append(BanisterDay(fitness=g, fatigue=h, performance=p0 + k1 * g - k2 * h))
    return out
