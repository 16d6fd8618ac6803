"""A day's options for the scheduler: which run and lift it may hold, where, at what cost.

An option is one run type (or none) and one lift type (or none, or a heavy lift
turned light, R4) placed in the day's windows, with the weight of the rules the
day breaks on its own (``schedule_costs.day_rules``) and the day's signature
(``schedule_costs.day_sig``). What a choice of run and lift costs on a day does
not depend on the date, only on the day's windows, on whether it is the long-run
day and on the sessions' types, so ``_day_table`` and ``_choices`` are memoised on those
(weeks of a season and days of a week share most of them). The solver is ``core.planning.schedule``.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
from collections.abc import Sequence
from typing import NamedTuple

from runstrong.core.athlete import Slot
from runstrong.core.model import SessionKind, StrengthCategory
from runstrong.core.planning.schedule_costs import (
    DayCalendar,
    DaySig,
    Demand,
    Placed,
    SchedulerError,
    day_rules,
    day_sig,
    q_start,
)
from runstrong.core.rules.catalogue import weight

RACE_DEFAULT_START_MIN = 9 * 60
_MONDAY = dt.date(2001, 1, 1)
"""A Monday, the stand-in long-run day of ``_choices`` (the next day is any other day)."""


def _starts(slot: Slot, duration: int) -> tuple[int, ...]:
    """Early and late start of a session alone in a slot."""
    w = slot.window
    if duration > w.minutes:
        return ()
    early, late = w.start_min, w.end_min - duration
    return (early,) if early == late else (early, late)


@functools.cache
def _alone(slots: tuple[Slot, ...], duration: int, gym: bool) -> tuple[tuple[int, int], ...]:
    """(start, window) choices of one session alone in a day's slots."""
    return tuple(
        (start, i)
        for i, slot in enumerate(slots)
        if (slot.gym_ok if gym else slot.run_ok)
        for start in _starts(slot, duration)
    )


def run_placements(day: DayCalendar, d: Demand) -> tuple[tuple[int, int], ...]:
    """(start, window) choices of a run alone."""
    if d.race:
        for i, slot in enumerate(day.slots):
            if slot.run_ok and d.duration_min <= slot.window.minutes:
                return ((slot.window.start_min, i),)
        return ((RACE_DEFAULT_START_MIN, -1),)
    return _alone(day.slots, d.duration_min, False)


def _lift_placements(day: DayCalendar, d: Demand) -> tuple[tuple[int, int], ...]:
    return _alone(day.slots, d.duration_min, True)


def _pair_placements(
    day: DayCalendar, run: Demand, lift: Demand
) -> tuple[tuple[int, int, int, int], ...]:
    """(run_start, run_window, lift_start, lift_window) for a run and a lift on one day."""
    if run.race:
        return ()
    return _pairs(day.slots, run.duration_min, lift.duration_min, day.two_a_days)


@functools.cache
def _pairs(
    slots: tuple[Slot, ...], dr: int, dl: int, two_a_days: bool
) -> tuple[tuple[int, int, int, int], ...]:
    """Q6: a run and a lift may share one window as one session (run first, then the
    lift) on any day; in two windows only when two-a-days are allowed (R6)."""
    out: list[tuple[int, int, int, int]] = []
    for i, slot in enumerate(slots):
        w = slot.window
        if slot.run_ok and slot.gym_ok and dr + dl <= w.minutes:
            for a in sorted({w.start_min, w.end_min - dr - dl}):
                out.append((a, i, a + dr, i))  # run first
                if two_a_days:
                    out.append((a + dl, i, a, i))  # lift first (R4: before a quality run)
    if not two_a_days:
        return tuple(out)
    for rs, ri in _alone(slots, dr, False):
        for ls, li in _alone(slots, dl, True):
            if ri != li and (rs + dr <= ls or ls + dl <= rs):
                out.append((rs, ri, ls, li))
    return tuple(out)


class At(NamedTuple):
    """Where and as what a session of an option is placed (the day is the option's)."""

    start_min: int
    window: int
    category: str
    heavy: bool
    downgraded: bool


class _Choice(NamedTuple):
    cost: float
    sig: DaySig
    q_start: int
    run: At | None
    lift: At | None


class DayOption(NamedTuple):
    """One way to fill a day: run type ``run_t`` and lift type ``lift_t`` (-1: none)."""

    run_t: int
    lift_t: int
    cost: float
    sig: DaySig
    run: At | None
    lift: At | None
    q_start: int = -1
    """Q4: start of the option's quality run (-1: none)."""


def plain_types(types: Sequence[Demand]) -> tuple[Demand, ...]:
    """The types as the day's rules see them: without key or race date. A run other
    than a race pinned to a date keeps ``Demand.pair_run`` (Q4 spaces from it)."""
    return tuple(_plain(t.type_key(), t) for t in types)


_PLAIN: dict[tuple[object, ...], Demand] = {}
"""``plain_types`` of one type, by ``Demand.type_key`` (``dataclasses.replace`` costs
more than the look-up; cleared when it holds ``_PLAIN_MAX``)."""
_PLAIN_MAX = 4096


def _plain(key: tuple[object, ...], t: Demand) -> Demand:
    hit = _PLAIN.get(key)
    if hit is None:
        if len(_PLAIN) >= _PLAIN_MAX:
            _PLAIN.clear()
        hit = _PLAIN[key] = dataclasses.replace(t, key="", fixed_date=None, b2b=t.pair_run)
    return hit


def day_options(
    day: DayCalendar, types: Sequence[Demand], plain: tuple[Demand, ...], long_run_day: int
) -> tuple[DayOption, ...]:
    """Every option of the day, cheapest first; of options the later days cannot tell
    apart (same types, same signature) only the first cheapest is kept. ``plain`` is
    ``plain_types(types)``."""
    race_today = [i for i, t in enumerate(types) if t.race and t.fixed_date == day.date]
    if race_today:
        run_choices: list[int] = race_today
    else:
        run_choices = [-1] + [
            i
            for i, t in enumerate(types)
            if t.kind is SessionKind.RUN and not t.race and t.fixed_date in (None, day.date)
        ]
    lift_choices: list[tuple[int, bool]] = [(-1, False)]
    if not race_today:
        for i, t in enumerate(types):
            if t.kind is SessionKind.STRENGTH:
                lift_choices.append((i, False))
                if t.heavy:
                    lift_choices.append((i, True))  # R4: heavy turned light
    long_day = day.date.weekday() == long_run_day
    return _day_table(day.slots, day.two_a_days, long_day, plain, tuple(run_choices),
                      tuple(lift_choices))  # fmt: skip


@functools.lru_cache(maxsize=2048)
def _day_table(
    slots: tuple[Slot, ...],
    two_a_days: bool,
    long_day: bool,
    plain: tuple[Demand, ...],
    run_choices: tuple[int, ...],
    lift_choices: tuple[tuple[int, bool], ...],
) -> tuple[DayOption, ...]:
    out: list[DayOption] = []
    for rt in run_choices:
        for lt, down in lift_choices:
            run_d = plain[rt] if rt >= 0 else None
            lift_d = plain[lt] if lt >= 0 else None
            for c in _choices(slots, two_a_days, long_day, run_d, lift_d, down):
                out.append(DayOption(rt, lt, c.cost, c.sig, c.run, c.lift, c.q_start))
    out.sort(key=lambda o: o.cost)
    return tuple(out)


@functools.lru_cache(maxsize=8192)
def _choices(
    slots: tuple[Slot, ...],
    two_a_days: bool,
    long_day: bool,
    run_d: Demand | None,
    lift_d: Demand | None,
    down: bool,
) -> tuple[_Choice, ...]:
    """The placements of one run and one lift on a day, each (signature, quality start)
    once at its first lowest cost, in the order ``_placements`` gives them."""
    # The day's rules ask a date only whether it is the long-run day (here: Monday).
    day = DayCalendar(_MONDAY if long_day else _MONDAY + dt.timedelta(days=1), slots, two_a_days)
    best: dict[tuple[DaySig, int], _Choice] = {}
    for run, lift in _placements(day, run_d, lift_d, down):
        cost = sum(weight(k) for k in day_rules(run, lift, 0))
        sig = day_sig(run, lift)
        key = (sig, q_start(run))
        old = best.get(key)
        if old is None or cost < old.cost:
            best[key] = _Choice(cost, sig, key[1], _at(run), _at(lift))
    return tuple(best.values())


def _at(p: Placed | None) -> At | None:
    return None if p is None else At(p.start_min, p.window, p.category, p.heavy, p.downgraded)


def _placements(
    day: DayCalendar, run_d: Demand | None, lift_d: Demand | None, down: bool
) -> list[tuple[Placed | None, Placed | None]]:
    def mk_run(start: int, win: int) -> Placed:
        if run_d is None:
            raise SchedulerError("a run placement without a run demand")
        return Placed(run_d, day.date, start, win, run_d.category, False)

    def mk_lift(start: int, win: int) -> Placed:
        if lift_d is None:
            raise SchedulerError("a lift placement without a lift demand")
        if down:
            return Placed(lift_d, day.date, start, win, StrengthCategory.LIGHT.value, False, True)
        return Placed(lift_d, day.date, start, win, lift_d.category, lift_d.heavy)

    if run_d is None and lift_d is None:
        return [(None, None)]
    if lift_d is None:
        return [(mk_run(s, w), None) for s, w in run_placements(day, run_d)] if run_d else []
    if run_d is None:
        return [(None, mk_lift(s, w)) for s, w in _lift_placements(day, lift_d)]
    if run_d.race:
        return []
    return [
        (mk_run(rs, rw), mk_lift(ls, lw)) for rs, rw, ls, lw in _pair_placements(day, run_d, lift_d)
    ]


def dedupe_options(
    opts: Sequence[DayOption],
    d: int,
    options: Sequence[Sequence[DayOption]],
    heavy_starts: list[list[int]],
    hard_starts: list[list[int]],
    previous: DaySig,
) -> list[DayOption]:
    """Keep the cheapest of the options that no neighbouring day can tell apart.

    R3 compares today's start times with yesterday's end times and today's end times
    with tomorrow's start times; only their order matters, so each time is replaced by
    its rank among the neighbour's times."""
    prev_opts = options[d - 1] if d > 0 else []
    prev_sigs = [o.sig for o in prev_opts] if d > 0 else [previous]
    run_ends = sorted({g.run_end for g in prev_sigs if g.run_hard})
    lift_ends = sorted({g.lift_end for g in prev_sigs if g.heavy})
    nxt_heavy = heavy_starts[d + 1] if d + 1 < len(options) else []
    nxt_hard = hard_starts[d + 1] if d + 1 < len(options) else []
    best: dict[tuple[object, ...], DayOption] = {}
    for o in opts:
        g = o.sig
        key = (
            o.run_t,
            o.lift_t,
            o.lift is not None and o.lift.downgraded,
            g.run_hard, g.run_key, g.run_long, g.run_race, g.lifts, g.heavy, g.power,
            g.pair, g.run_not_easy, g.q_end, o.q_start, g.time_trial, g.high, g.long_end,
            bisect.bisect_right(lift_ends, g.run_start) if g.run_start >= 0 else -1,
            bisect.bisect_left(nxt_heavy, g.run_end) if g.run_hard else -1,
            bisect.bisect_right(run_ends, g.lift_start) if g.heavy else -1,
            bisect.bisect_left(nxt_hard, g.lift_end) if g.heavy else -1,
        )  # fmt: skip
        old = best.get(key)
        if old is None or o.cost < old.cost:
            best[key] = o
    return sorted(best.values(), key=lambda o: o.cost)
