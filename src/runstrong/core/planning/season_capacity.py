"""The season's weekly capacity (R6/Q1/Q6): what the athlete's windows hold in a week as
the planner counts it, computed once per athlete and start for ``build_plan`` and for
the strict audit's ``window_holds`` (``rules.audit.stated`` checks the notes that state
it). Pure."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from runstrong.core.athlete import Athlete
from runstrong.core.planning.capacity import capacity
from runstrong.core.planning.context import PlanCtx, lift_minutes, plan_context
from runstrong.core.planning.periodization import PlanOptions, periodize
from runstrong.core.planning.phases import LOADING

if TYPE_CHECKING:
    from runstrong.core.rules.audit.common import WindowHolds


def window_holds(athlete: Athlete, start: dt.date) -> WindowHolds:
    """R6/Q1: what the athlete's windows hold in a week as the planner counts it (the
    season's capacity), for the audit to check the notes that state it
    (``rules.audit.stated``; the audit never imports the planner). The audit's module
    is imported here, not at the top: building a plan runs no audit (issue 11)."""
    from runstrong.core.rules.audit.common import WindowHolds

    return WindowHolds(week_km=default_capacity(athlete, start)[0])


@lru_cache(maxsize=16)
def default_capacity(athlete: Athlete, start: dt.date) -> tuple[float, bool, Mapping[int, int]]:
    """``season_capacity`` with the default options and the blocks' first weeks, once
    for ``build_plan`` and the strict audit's ``window_holds`` (issue 11). The blocks
    come back read-only: the result is memoised, so a caller's change would reach the
    next plan built for the same athlete and start."""
    ctx = dataclasses.replace(plan_context(athlete), plan_start=start)
    cap, sized = season_capacity(ctx, start, PlanOptions())
    return cap, sized, MappingProxyType(dict(ctx.block_start))


def season_capacity(ctx: PlanCtx, start: dt.date, opts: PlanOptions) -> tuple[float, bool]:
    """R6/Q6: what the windows hold in the season's first full loading week at the
    season's top volume (Q1: the climb reaches it later, ``ramp_shape``; lifts beside a
    smaller week's runs are sized longer), with the lifts of that week (as sized) taking
    their minutes from the runs they join, and whether the long run's band set it
    (``capacity.capacity``). The outline comes from a season outlined without the cap;
    the weeks' phases, blocks and lifts do not depend on it."""
    outlines = periodize(ctx.athlete, start, opts).weeks
    for w in outlines:
        ctx.block_start.setdefault(w.mesocycle, w.index)  # R14: as the build numbers them
    full = [w for w in outlines if w.phase in LOADING and not w.deload]
    week = next((w for w in full if w.first_day == w.start_date), outlines[0])
    week = dataclasses.replace(week, run_km=max((w.run_km for w in full), default=week.run_km))
    return capacity(ctx.athlete, ctx.paces, week, lift_minutes(ctx, week)[1])
