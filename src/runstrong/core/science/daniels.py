"""The Daniels–Gilbert running equations (raw, uncorrected).

Daniels J, Gilbert J. *Oxygen Power: Performance Tables for Distance Runners*
(1979). Two regressions on the same runners:

* oxygen cost of running at velocity ``v`` (m/min), in ml·kg⁻¹·min⁻¹:
  ``VO2 = −4.60 + 0.182258·v + 0.000104·v²``
* fraction of VO2max sustainable for ``t`` minutes:
  ``F = 0.8 + 0.1894393·e^(−0.012778·t) + 0.2989558·e^(−0.1932605·t)``

and VDOT = VO2(d/t) / F(t). These equations alone miss Daniels' published
tables by up to ~32 s in the marathon; ``runstrong.core.science.vdot_table`` corrects
them. Everything here is pure arithmetic; convention: velocity in m/min, time
in minutes inside the equations, seconds and metres at the interface.
"""

from __future__ import annotations

import math

from runstrong.core.science.numeric import solve_bracketed

_A, _B, _C = -4.60, 0.182258, 0.000104


def oxygen_cost_ml_kg_min(velocity_m_per_min: float) -> float:
    """Oxygen cost of running at ``velocity_m_per_min`` (Daniels & Gilbert 1979)."""
    v = velocity_m_per_min
    return _A + _B * v + _C * v * v


def sustainable_fraction(duration_min: float) -> float:
    """Fraction of VO2max that can be held for ``duration_min`` minutes (Daniels & Gilbert 1979)."""
    t = duration_min
    return 0.8 + 0.1894393 * math.exp(-0.012778 * t) + 0.2989558 * math.exp(-0.1932605 * t)


def velocity_for_vo2_m_per_min(vo2_ml_kg_min: float) -> float:
    """Invert the oxygen-cost equation: the velocity (m/min) whose cost is ``vo2_ml_kg_min``."""
    disc = _B * _B + 4 * _C * (vo2_ml_kg_min - _A)
    return (-_B + math.sqrt(disc)) / (2 * _C)


def raw_vdot(distance_m: float, time_s: float) -> float:
    """VDOT of a race result, raw equations: VO2 cost of the race pace / sustainable fraction."""
    duration_min = time_s / 60.0
    return oxygen_cost_ml_kg_min(distance_m / duration_min) / sustainable_fraction(duration_min)


def raw_race_time_s(vdot: float, distance_m: float) -> float:
    """Race time (s) over ``distance_m`` that the raw equations give for ``vdot``.

    Solves ``raw_vdot(d, t) = vdot`` for ``t``. The sustainable fraction lies in
    (0.8, 1.29), so the answer is bracketed by the times at those fractions.
    """
    if vdot <= 0 or distance_m <= 0:
        raise ValueError("vdot and distance must be positive")
    t_fast = distance_m / velocity_for_vo2_m_per_min(1.3 * vdot) * 60.0
    t_slow = distance_m / velocity_for_vo2_m_per_min(0.79 * vdot) * 60.0
    return solve_bracketed(lambda t: raw_vdot(distance_m, t) - vdot, t_fast, t_slow, tol=1e-12)


def pace_at_fraction_s_per_km(vdot: float, fraction: float) -> float:
    """Pace (s/km) whose oxygen cost is ``fraction`` × ``vdot`` (Daniels' %VO2max intensities)."""
    return 60000.0 / velocity_for_vo2_m_per_min(fraction * vdot)
