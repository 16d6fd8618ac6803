"""Q1: a week's runs as the athlete reads them, in the profile's ``units``.

The planner sizes runs in kilometres on a 0.1 km grid; every view shows each run
rounded to 0.1 of the display unit (``core.units.format_distance_value``). In miles
those roundings do not add up: a 25 mi week read 2.9 + 6.3 + 2.9 + 5 + 8 = 25.1 mi.
``hold_week_total`` sizes the easy runs so that the runs as shown add up to the week
as shown, and the week's total stays what the planner placed (the athlete's current
volume in week 1). The long run, quality runs and races keep their distances (their
limits, Q2 and Q5, are in km); a week that already adds up is left alone, so a km
plan, whose runs lie on the grid, never changes.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from runstrong.core.model import PlannedSession, RunCategory, RunStep, SessionKind, StepKind
from runstrong.core.rules.quality import is_longish
from runstrong.core.units import distance_in, per_unit_km, round_half_up

TAKES_REMAINDER = frozenset({RunCategory.EASY.value, RunCategory.RECOVERY.value,
                             RunCategory.STRIDES.value})  # fmt: skip
"""Q1: the runs whose size is only volume: they take the rounding of the week."""

MAX_OFFSET_TENTHS = 0.45
"""Below half a display step, so a run off the grid still shows its own value."""


def _tenths(km: float, units: str) -> float:
    return distance_in(km, units) * 10


def shown_tenths(km: float, units: str) -> int:
    """``km`` in tenths of the display unit as a view shows it (halves up)."""
    return round_half_up(_tenths(km, units) + 1e-9)


def largest_remainder(
    values: Sequence[float], total: int, most: Sequence[float] | None = None
) -> list[int]:
    """Whole numbers, each the floor or the ceiling of its value (at most ``most``) where
    ``total`` allows, that add up to ``total`` as near as they can: the units short of
    it go to the largest remainders (Hamilton's method), the units over it come off the
    smallest; nothing goes below zero."""
    whole = [math.floor(v + 1e-9) for v in values]
    top = list(most) if most is not None else [math.inf] * len(values)
    order = sorted(range(len(values)), key=lambda i: (whole[i] - values[i], -values[i]))
    need = total - sum(whole)
    while need > 0 and any(whole[k] + 1 <= top[k] for k in order):
        for k in (k for k in order if whole[k] + 1 <= top[k]):
            if need > 0:
                whole[k] += 1
                need -= 1
    while need < 0 and any(whole[k] > 0 for k in order):
        for k in (k for k in reversed(order) if whole[k] > 0):
            if need < 0:
                whole[k] -= 1
                need += 1
    return whole


def _most(km: float, long_km: float, units: str) -> float:
    """Q2: the tenths an easy run may grow to: a run shorter than the long run stays
    shorter, and one that is not long-ish (``is_longish``, never on the long run's eve)
    stays not long-ish, the offset of ``_offsets`` included."""
    grown = (math.floor(_tenths(km, units) + 1e-9) + 1 + MAX_OFFSET_TENTHS) / 10
    grown_km = grown * per_unit_km(units)
    if long_km <= 0 or (
        grown_km < long_km - 0.05 and (is_longish(km, long_km) or not is_longish(grown_km, long_km))
    ):
        return math.inf
    return math.floor(_tenths(km, units) + 1e-9)


def _offsets(total: float, n: int) -> list[float]:
    """``total`` (tenths) shared out in parts of at most ``MAX_OFFSET_TENTHS`` each."""
    out = []
    for _ in range(n):
        part = max(-MAX_OFFSET_TENTHS, min(MAX_OFFSET_TENTHS, total))
        out.append(part)
        total -= part
    return out


def _resized(s: PlannedSession, km: float) -> PlannedSession:
    """``s`` at ``km``: its easy body (the steady step, else the cool-down) takes the
    difference, so the steps still add up to the run."""
    delta_m = (km - (s.distance_km or 0.0)) * 1000
    steps = list(s.steps)
    for kind in (StepKind.STEADY, StepKind.COOLDOWN):
        body = [i for i, st in enumerate(steps) if st.kind is kind and st.repeat == 1]
        if body and steps[body[0]].distance_m is not None:
            st = steps[body[0]]
            steps[body[0]] = dataclasses.replace(
                st, distance_m=round((st.distance_m or 0.0) + delta_m, 1)
            )
            break
    return dataclasses.replace(s, distance_km=km, steps=tuple[RunStep, ...](steps))


def hold_week_total(sessions: Sequence[PlannedSession], units: str) -> list[PlannedSession]:
    """Q1: ``sessions`` with the easy runs sized so that the runs as shown in ``units``
    add up to the week's total as shown, that total being the placed volume rounded
    to the display step (see the module docstring)."""
    out = list(sessions)
    runs = [i for i, s in enumerate(out) if s.kind is SessionKind.RUN and s.distance_km]
    tenths = {i: _tenths(out[i].distance_km or 0.0, units) for i in runs}
    shown = {i: shown_tenths(out[i].distance_km or 0.0, units) for i in runs}
    target = round_half_up(sum(tenths.values()) + 1e-9)
    easy = [i for i in runs if out[i].category in TAKES_REMAINDER]
    if not easy or sum(shown.values()) == target:
        return out
    fixed = [i for i in runs if i not in easy]
    easy.sort(key=lambda i: -tenths[i])
    long_km = max((out[i].distance_km or 0.0 for i in fixed
                   if out[i].category == RunCategory.LONG.value), default=0.0)  # fmt: skip
    most = [_most(out[i].distance_km or 0.0, long_km, units) for i in easy]
    sizes = largest_remainder(
        [tenths[i] for i in easy], target - sum(shown[i] for i in fixed), most
    )
    # the easy runs also take up the other runs' rounding: the week's total is the target
    offsets = _offsets(sum(shown[i] - tenths[i] for i in fixed), len(easy))
    for i, k, d in zip(easy, sizes, offsets, strict=True):
        out[i] = _resized(out[i], round((k + d) / 10 * per_unit_km(units), 3))
    return out
