"""Training load of single sessions and days: session-RPE, TRIMP, TSS, daily series.

Pure arithmetic; callers pass numbers or streams, never files or the clock.
Every session-load function returns arbitrary units (AU) on its own scale, so
one athlete's series should use one method throughout. Long-term models over
the daily series (fitness/fatigue, ACWR, monotony) live in ``core.science.pmc``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

from runstrong.core.errors import InputError
from runstrong.core.model import Sex

# ---------------------------------------------------------------------------
# Session RPE (Foster)
# ---------------------------------------------------------------------------


def _check_minutes(duration_min: float) -> None:
    if not math.isfinite(duration_min) or duration_min < 0:
        raise InputError(f"duration {duration_min:g} min must be 0 or more minutes")


def session_load(session_rpe: float, duration_min: float) -> float:
    """Session load (AU) = session RPE on the CR-10 scale × duration in minutes.

    Foster C., Med Sci Sports Exerc 1998;30:1164-1168; Foster C. et al.,
    J Strength Cond Res 2001;15:109-115. Convention: the RPE is the athlete's
    rating of the whole session (0 rest … 10 maximal) about 30 min after it,
    and the duration includes warm-up and cool-down. Works for runs and lifting alike,
    which is why runstrong uses it as the common currency of a day's load.
    """
    if not math.isfinite(session_rpe) or not 0.0 <= session_rpe <= 10.0:
        raise InputError(f"session RPE {session_rpe:g} is out of range: use 0 to 10 (CR-10)")
    _check_minutes(duration_min)
    return session_rpe * duration_min


# ---------------------------------------------------------------------------
# Heart-rate TRIMP
# ---------------------------------------------------------------------------

_BANISTER_WEIGHTS: dict[Sex, tuple[float, float]] = {
    Sex.MALE: (0.64, 1.92),
    Sex.FEMALE: (0.86, 1.67),
}


def _hr_reserve_fraction(hr_bpm: float, rest_hr_bpm: float, max_hr_bpm: float) -> float:
    """(HR − rest) / (max − rest), clipped to 0–1 (readings outside count as the ends)."""
    return min(1.0, max(0.0, (hr_bpm - rest_hr_bpm) / (max_hr_bpm - rest_hr_bpm)))


def _check_hr_bounds(rest_hr_bpm: float, max_hr_bpm: float) -> None:
    if not (20 <= rest_hr_bpm < max_hr_bpm <= 250):
        raise InputError(
            f"heart rates rest {rest_hr_bpm:g} / max {max_hr_bpm:g} bpm are not usable: "
            "resting must be 20 bpm or more and below a maximum of at most 250 bpm"
        )


def banister_trimp(
    duration_min: float,
    avg_hr_bpm: float,
    rest_hr_bpm: float,
    max_hr_bpm: float,
    sex: Sex,
) -> float:
    """Banister TRIMP from the session's average heart rate.

    TRIMP = minutes · x · a·e^(b·x), x = (HR − HRrest)/(HRmax − HRrest);
    men a = 0.64, b = 1.92; women a = 0.86, b = 1.67. Banister E.W. (1991) in
    MacDougall et al., Physiological Testing of the High-Performance Athlete;
    Morton R.H. et al., J Appl Physiol 1990;69:1171-1177. Convention: x is clipped
    to 0–1. From an average HR this underrates interval sessions; prefer
    :func:`banister_trimp_stream` when a recording exists.
    """
    _check_minutes(duration_min)
    _check_hr_bounds(rest_hr_bpm, max_hr_bpm)
    a, b = _BANISTER_WEIGHTS[sex]
    x = _hr_reserve_fraction(avg_hr_bpm, rest_hr_bpm, max_hr_bpm)
    return duration_min * x * a * math.exp(b * x)


def _intervals(
    t_s: Sequence[float], hr_bpm: Sequence[int | float | None], max_gap_s: float
) -> Iterable[tuple[float, float]]:
    """(minutes, bpm) per sample interval: each interval takes the HR at its start.

    Intervals with no HR at their start, going backwards in time, or longer
    than ``max_gap_s`` (auto-pause, lost strap) are skipped.
    """
    if len(t_s) != len(hr_bpm):
        raise InputError(
            f"heart-rate stream has {len(hr_bpm)} samples but the time stream has {len(t_s)}"
        )
    for i in range(len(t_s) - 1):
        hr = hr_bpm[i]
        gap = t_s[i + 1] - t_s[i]
        if hr is None or not 0 < gap <= max_gap_s:
            continue
        yield gap / 60.0, float(hr)


def banister_trimp_stream(
    t_s: Sequence[float],
    hr_bpm: Sequence[int | float | None],
    rest_hr_bpm: float,
    max_hr_bpm: float,
    sex: Sex,
    max_gap_s: float = 30.0,
) -> float:
    """Banister TRIMP summed sample by sample over a heart-rate stream.

    Same weights and source as :func:`banister_trimp`; each interval between
    samples contributes its minutes · x · a·e^(b·x) with x from the HR at the
    interval's start. Gaps longer than ``max_gap_s`` are treated as pauses.
    """
    _check_hr_bounds(rest_hr_bpm, max_hr_bpm)
    a, b = _BANISTER_WEIGHTS[sex]
    total = 0.0
    for minutes, hr in _intervals(t_s, hr_bpm, max_gap_s):
        x = _hr_reserve_fraction(hr, rest_hr_bpm, max_hr_bpm)
        total += minutes * x * a * math.exp(b * x)
    return total


EDWARDS_ZONES_PCT_HRMAX: tuple[tuple[float, float, int], ...] = (
    (50.0, 60.0, 1),
    (60.0, 70.0, 2),
    (70.0, 80.0, 3),
    (80.0, 90.0, 4),
    (90.0, 100.0, 5),
)
"""Edwards' five zones as (lower %HRmax, upper %HRmax, weight)."""


def edwards_trimp(minutes_in_zones: Sequence[float]) -> float:
    """Edwards TRIMP = Σ minutes in zone i × i, for zones 1–5 (50–60 % … 90–100 % HRmax).

    Edwards S., The Heart Rate Monitor Book (1993). Time below 50 % HRmax scores 0.
    """
    if len(minutes_in_zones) != 5:
        raise InputError(
            f"Edwards TRIMP needs minutes for exactly 5 zones, got {len(minutes_in_zones)}"
        )
    for minutes in minutes_in_zones:
        _check_minutes(minutes)
    return sum(
        minutes * weight for minutes, weight in zip(minutes_in_zones, range(1, 6), strict=True)
    )


def edwards_zone(hr_bpm: float, max_hr_bpm: float) -> int:
    """Edwards zone 0–5 of a heart rate. Convention: a zone includes its lower bound
    (exactly 60 % HRmax is zone 2); at or above 100 % is zone 5; below 50 % is zone 0."""
    pct = 100.0 * hr_bpm / max_hr_bpm
    if pct < EDWARDS_ZONES_PCT_HRMAX[0][0]:
        return 0
    for low, high, weight in EDWARDS_ZONES_PCT_HRMAX:
        if low <= pct < high:
            return weight
    return 5


def edwards_trimp_stream(
    t_s: Sequence[float],
    hr_bpm: Sequence[int | float | None],
    max_hr_bpm: float,
    max_gap_s: float = 30.0,
) -> float:
    """Edwards TRIMP from a heart-rate stream (zones by :func:`edwards_zone`)."""
    if not 100 <= max_hr_bpm <= 250:
        raise InputError(f"maximum heart rate {max_hr_bpm:g} bpm is out of range: use 100 to 250")
    minutes = [0.0] * 6
    for span_min, hr in _intervals(t_s, hr_bpm, max_gap_s):
        minutes[edwards_zone(hr, max_hr_bpm)] += span_min
    return edwards_trimp(minutes[1:])


# ---------------------------------------------------------------------------
# Training Stress Score (power, running pace)
# ---------------------------------------------------------------------------


def tss_power(duration_s: float, normalized_power_w: float, ftp_w: float) -> float:
    """TSS = hours × IF² × 100 with IF = NP / FTP (Allen & Coggan, Training and Racing
    with a Power Meter). One hour at FTP scores 100."""
    if ftp_w <= 0 or normalized_power_w < 0 or duration_s < 0:
        raise InputError(
            f"TSS needs duration ≥ 0 s, normalized power ≥ 0 W and FTP > 0 W, got "
            f"{duration_s:g} s, {normalized_power_w:g} W, {ftp_w:g} W"
        )
    intensity = normalized_power_w / ftp_w
    return duration_s / 3600.0 * intensity**2 * 100.0


def rtss(duration_s: float, ngp_s_per_km: float, threshold_pace_s_per_km: float) -> float:
    """Running TSS = hours × IF² × 100, IF = threshold pace / normalized graded pace.

    TrainingPeaks' rTSS: the ratio is taken between speeds, so with paces in
    s/km it is threshold ÷ NGP (a slower NGP gives IF < 1).
    """
    if ngp_s_per_km <= 0 or threshold_pace_s_per_km <= 0 or duration_s < 0:
        raise InputError(
            f"rTSS needs duration ≥ 0 s and positive paces, got {duration_s:g} s, "
            f"NGP {ngp_s_per_km:g} s/km, threshold {threshold_pace_s_per_km:g} s/km"
        )
    intensity = threshold_pace_s_per_km / ngp_s_per_km
    return duration_s / 3600.0 * intensity**2 * 100.0


# ---------------------------------------------------------------------------
# Daily series
# ---------------------------------------------------------------------------


def daily_loads(
    entries: Iterable[tuple[dt.date, float]], start: dt.date, end: dt.date
) -> list[float]:
    """One load per calendar day from ``start`` to ``end`` inclusive.

    Same-day entries are summed, days without entries are 0 (rest days count as
    zero load in every model downstream), entries outside the range are ignored.
    Training days are the athlete's local dates; the caller converts times.
    """
    if end < start:
        raise InputError(f"end date {end.isoformat()} is before start date {start.isoformat()}")
    series = [0.0] * ((end - start).days + 1)
    for day, load in entries:
        if not math.isfinite(load) or load < 0:
            raise InputError(f"load {load:g} on {day.isoformat()} must be 0 or more")
        index = (day - start).days
        if 0 <= index < len(series):
            series[index] += load
    return series


# ---------------------------------------------------------------------------
# One currency: HR TRIMP mapped into session-RPE units, PMC seed
# ---------------------------------------------------------------------------

MIN_CALIBRATION_SESSIONS = 5
"""Fewest sessions with both a session RPE and a TRIMP before TRIMP is mapped."""


def trimp_to_srpe_factor(
    pairs: Iterable[tuple[float, float]], *, min_sessions: int = MIN_CALIBRATION_SESSIONS
) -> float | None:
    """Per-athlete factor that maps Banister TRIMP into session-RPE units, or None.

    ``pairs`` are (session-RPE load, TRIMP) of sessions that have both. The factor
    is the median of their ratios (robust to a mis-rated session). Session RPE and
    HR-based TRIMP track each other within an athlete (Foster et al. 2001, J
    Strength Cond Res 15:109; Impellizzeri et al. 2004, Med Sci Sports Exerc
    36:1042) but on different scales, so they are never summed raw: a session with
    only HR enters the session-RPE series as TRIMP × this factor.
    """
    ratios = sorted(s / t for s, t in pairs if s > 0 and t > 0)
    if len(ratios) < min_sessions:
        return None
    mid = len(ratios) // 2
    return ratios[mid] if len(ratios) % 2 else (ratios[mid - 1] + ratios[mid]) / 2


SEED_DAYS = 28
"""Days at the start of a log whose mean load seeds fitness and fatigue."""


def pmc_seed(daily_load: Sequence[float], *, days: int = SEED_DAYS) -> float:
    """Starting fitness and fatigue for a log: the mean daily load of its first
    ``days`` days (fewer when the log is shorter).

    A log starts when the athlete starts logging, not when they start training;
    starting fitness at 0 makes a trained newcomer read a deeply negative form for
    weeks. Seeding both at the habitual load starts form at 0 (convention stated in
    docs/coach.md).
    """
    head = list(daily_load[:days])
    return sum(head) / len(head) if head else 0.0
