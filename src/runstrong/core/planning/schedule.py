"""Place one week's sessions into the athlete's real windows (R0–R6, Q4–Q6), optimally.

The week is a constraint optimisation: every rule of ``core.rules.catalogue.RULES``
has a weight (hard rules a huge one), and ``schedule_week`` returns the placement
with the smallest total weight. Each day holds at most one run and one
strength session; every rule that links sessions only looks at the same day
or the two days before (R3's 24 h, R4's next day, Q4's 48 h between quality
runs), so the exact optimum is found by dynamic programming over the days: the
state is (day, sessions still to place, ``DaySig`` of the previous day, which
carries the day before it for Q4). Identical sessions (e.g. easy runs of the
same length) are counted, not enumerated, which removes symmetric solutions. A
session that cannot be placed anywhere is dropped at the weight of its
``drop-*`` rule, so a week always comes out (see docs/planner.md). The costs
live in ``core.planning.schedule_costs``.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.core.athlete import Slot
from runstrong.core.model import SessionKind, StrengthCategory
from runstrong.core.planning.schedule_costs import (
    EMPTY_SIG,
    DayCalendar,
    DaySig,
    Demand,
    Penalty,
    Placed,
    SchedulerError,
    Sig,
    WeekSchedule,
    day_rules,
    day_sig,
    evaluate,
    pair_cost,
    q_start,
)
from runstrong.core.rules.catalogue import weight

__all__ = [
    "EMPTY_SIG",
    "DayCalendar",
    "DaySig",
    "Demand",
    "Penalty",
    "Placed",
    "SchedulerError",
    "Sig",
    "WeekSchedule",
    "day_sig",
    "evaluate",
    "schedule_week",
]

RACE_DEFAULT_START_MIN = 9 * 60
INF = float("inf")


# ---------------------------------------------------------------------------
# Day options
# ---------------------------------------------------------------------------


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


def _run_placements(day: DayCalendar, d: Demand) -> tuple[tuple[int, int], ...]:
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


@dataclass(frozen=True, slots=True)
class _Option:
    run_t: int
    lift_t: int
    cost: float
    sig: DaySig
    run: Placed | None
    lift: Placed | None
    q_start: int = -1
    """Q4: start of the option's quality run (-1: none)."""


def _day_options(
    day: DayCalendar,
    types: Sequence[Demand],
    long_run_day: int,
) -> list[_Option]:
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
    best: dict[tuple[int, int, DaySig, int], _Option] = {}
    for rt in run_choices:
        for lt, down in lift_choices:
            run_d = types[rt] if rt >= 0 else None
            lift_d = types[lt] if lt >= 0 else None
            for run, lift in _placements(day, run_d, lift_d, down):
                cost = sum(weight(k) for k in day_rules(run, lift, long_run_day))
                sig = day_sig(run, lift)
                key = (rt, lt if not down else -2 - lt, sig, q_start(run))
                old = best.get(key)
                if old is None or cost < old.cost:
                    best[key] = _Option(rt, lt, cost, sig, run, lift, q_start(run))
    return sorted(best.values(), key=lambda o: o.cost)


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
        return [(mk_run(s, w), None) for s, w in _run_placements(day, run_d)] if run_d else []
    if run_d is None:
        return [(None, mk_lift(s, w)) for s, w in _lift_placements(day, lift_d)]
    if run_d.race:
        return []
    return [
        (mk_run(rs, rw), mk_lift(ls, lw)) for rs, rw, ls, lw in _pair_placements(day, run_d, lift_d)
    ]


# ---------------------------------------------------------------------------
# The solver
# ---------------------------------------------------------------------------


def _dedupe(
    opts: list[_Option],
    d: int,
    options: list[list[_Option]],
    heavy_starts: list[list[int]],
    hard_starts: list[list[int]],
    previous: Sig,
) -> list[_Option]:
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
    best: dict[tuple[object, ...], _Option] = {}
    for o in opts:
        g = o.sig
        key = (
            o.run_t,
            o.lift_t,
            o.lift is not None and o.lift.downgraded,
            g.run_hard, g.run_key, g.run_long, g.run_race, g.lifts, g.heavy, g.power,
            g.pair, g.run_not_easy, g.q_end, o.q_start, g.time_trial, g.high,
            bisect.bisect_right(lift_ends, g.run_start) if g.run_hard else -1,
            bisect.bisect_left(nxt_heavy, g.run_end) if g.run_hard else -1,
            bisect.bisect_right(run_ends, g.lift_start) if g.heavy else -1,
            bisect.bisect_left(nxt_hard, g.lift_end) if g.heavy else -1,
        )  # fmt: skip
        old = best.get(key)
        if old is None or o.cost < old.cost:
            best[key] = o
    return sorted(best.values(), key=lambda o: o.cost)


def schedule_week(
    demands: Sequence[Demand],
    days: Sequence[DayCalendar],
    long_run_day: int,
    previous: DaySig = EMPTY_SIG,
) -> WeekSchedule:
    """The minimum-weight placement of ``demands`` on ``days`` (exact).

    ``previous`` is the signature (``day_sig``) of the day before ``days[0]``,
    so R3/R4/Q4 hold across the week boundary and when re-planning mid-week.
    """
    search = _Search(demands, days, long_run_day, previous)
    # Iterative deepening on the budget: most weeks have a cheap optimum, and a small
    # budget prunes hard; lower bounds learnt in a round are reused by the next one.
    total = INF
    for budget in (64.0, 1024.0, 16384.0, INF):
        total = search.solve(0, search.counts0, previous, budget, search.runs0, search.lifts0)
        if total < budget:
            break
    placed = search.walk()
    dropped = tuple(item for pool in search.pools for item in pool)
    cost, penalties = evaluate(placed, dropped, days, long_run_day, previous)
    if abs(cost - total) > 1e-6:
        raise SchedulerError(f"the solver's cost {total} differs from the week's {cost}")
    return WeekSchedule(tuple(placed), dropped, tuple(penalties), cost)


def _next_sig(prev: DaySig, opt: _Option) -> DaySig:
    """The day's signature once the day before it is known (Q4 looks two days back)."""
    return _with_before(opt.sig, prev.q_end) if prev.q_end >= 0 else opt.sig


@functools.cache
def _with_before(sig: DaySig, q_end_before: int) -> DaySig:
    return sig._replace(q_end_before=q_end_before)


_Key = tuple[int, tuple[int, ...], DaySig]


class _Search:
    """Branch and bound with memo over (day, sessions left, previous day)."""

    def __init__(
        self,
        demands: Sequence[Demand],
        days: Sequence[DayCalendar],
        long_run_day: int,
        previous: DaySig,
    ) -> None:
        index: dict[tuple[object, ...], int] = {}
        self.types: list[Demand] = []
        members: list[list[Demand]] = []
        for d in demands:
            k = d.type_key()
            if k not in index:
                index[k] = len(self.types)
                self.types.append(d)
                members.append([])
            members[index[k]].append(d)
        types = self.types
        self.pools = [list(m) for m in members]
        self.counts0 = tuple(len(m) for m in members)
        self.drop_w = [weight(t.drop_rule) for t in types]
        options = [_day_options(day, types, long_run_day) for day in days]
        self.n_days = len(days)
        self.heavy_types = [i for i, t in enumerate(types) if t.heavy]
        self.hard_types = [i for i, t in enumerate(types) if t.hard or t.race]
        self.quality_types = [i for i, t in enumerate(types) if t.quality]
        # Day-d start times that prev-day end times are compared with (R3), for canonical states.
        self.heavy_starts = [sorted({o.sig.lift_start for o in opts if o.sig.heavy})
                             for opts in options]  # fmt: skip
        self.hard_starts = [sorted({o.sig.run_start for o in opts if o.sig.run_hard})
                            for opts in options]  # fmt: skip
        self.options = [
            _dedupe(options[d], d, options, self.heavy_starts, self.hard_starts, previous)
            for d in range(self.n_days)
        ]
        n = self.n_days
        self.run_days_left = [0] * (n + 1)
        self.gym_days_left = [0] * (n + 1)
        for i in range(n - 1, -1, -1):
            self.run_days_left[i] = self.run_days_left[i + 1] + any(
                o.run_t >= 0 for o in self.options[i]
            )
            self.gym_days_left[i] = self.gym_days_left[i + 1] + any(
                o.lift_t >= 0 for o in self.options[i]
            )
        is_run = [t.kind is SessionKind.RUN for t in types]
        self.min_run_drop = min((w for w, r in zip(self.drop_w, is_run, strict=True) if r),
                                default=0.0)  # fmt: skip
        self.min_lift_drop = min((w for w, r in zip(self.drop_w, is_run, strict=True) if not r),
                                 default=0.0)  # fmt: skip
        self.runs0 = sum(c for c, r in zip(self.counts0, is_run, strict=True) if r)
        self.lifts0 = sum(c for c, r in zip(self.counts0, is_run, strict=True) if not r)
        self.previous_sig = previous
        self._canon: dict[tuple[int, DaySig, bool, bool, bool], DaySig] = {}
        self.exact: dict[_Key, tuple[float, int]] = {}
        self.lower: dict[_Key, float] = {}

    def bound(self, d: int, runs_left: int, lifts_left: int) -> float:
        """Admissible: sessions beyond the days left that can hold them must be dropped."""
        return (
            max(runs_left - self.run_days_left[d], 0) * self.min_run_drop
            + max(lifts_left - self.gym_days_left[d], 0) * self.min_lift_drop
        )

    def canon(self, d: int, counts: tuple[int, ...], prev: DaySig) -> DaySig:
        """Previous days that no remaining option can tell apart share one state."""
        key = (
            d,
            prev,
            any(counts[t] for t in self.heavy_types),
            any(counts[t] for t in self.hard_types),
            any(counts[t] for t in self.quality_types),
        )
        hit = self._canon.get(key)
        if hit is None:
            hit = self._canon[key] = self._canon_of(*key)
        return hit

    def _canon_of(
        self, d: int, prev: DaySig, heavy_left: bool, hard_left: bool, quality_left: bool
    ) -> DaySig:
        run_end, lift_end = -1, -1
        if prev.run_hard and heavy_left:
            run_end = bisect.bisect_left(self.heavy_starts[d], prev.run_end)
        if prev.heavy and hard_left:
            lift_end = bisect.bisect_left(self.hard_starts[d], prev.lift_end)
        q_end, q_before = prev.q_end, prev.q_end_before
        if not quality_left:
            q_end, q_before = -1, -1  # no quality run or race left to space from them
        return prev._replace(run_start=-1, run_end=run_end, lift_start=-1, lift_end=lift_end,
                             q_end=q_end, q_end_before=q_before)  # fmt: skip

    def solve(
        self, d: int, counts: tuple[int, ...], prev: DaySig, budget: float, runs: int, lifts: int
    ) -> float:
        """The exact optimum if it is below ``budget``, else a lower bound ≥ ``budget``."""
        if d == self.n_days:
            return sum(c * w for c, w in zip(counts, self.drop_w, strict=True))
        key = (d, counts, self.canon(d, counts, prev))
        hit = self.exact.get(key)
        if hit is not None:
            return hit[0]
        known = self.lower.get(key, 0.0)
        if known >= budget:
            return known
        best, best_i = INF, -1
        for i, opt in enumerate(self.options[d]):
            if (opt.run_t >= 0 and counts[opt.run_t] == 0) or (
                opt.lift_t >= 0 and counts[opt.lift_t] == 0
            ):
                continue
            limit = min(best, budget)
            sig = _next_sig(prev, opt)
            cost = opt.cost + pair_cost(prev, sig, opt.q_start)
            if cost >= limit:
                continue
            nxt = _take(_take(counts, opt.run_t), opt.lift_t)
            runs_nxt = runs - (opt.run_t >= 0)
            lifts_nxt = lifts - (opt.lift_t >= 0)
            if cost + self.bound(d + 1, runs_nxt, lifts_nxt) >= limit:
                continue
            cost += self.solve(d + 1, nxt, sig, limit - cost, runs_nxt, lifts_nxt)
            if cost < best:
                best, best_i = cost, i
        if best < budget:
            self.exact[key] = (best, best_i)
            return best
        self.lower[key] = max(known, budget)
        return self.lower[key]

    def walk(self) -> list[Placed]:
        """The optimal placement, read back from the memo (after ``solve``)."""
        placed: list[Placed] = []
        counts, prev = self.counts0, self.previous_sig
        for day_i in range(self.n_days):
            hit = self.exact.get((day_i, counts, self.canon(day_i, counts, prev)))
            if hit is None:
                raise SchedulerError(f"no optimum recorded for day {day_i}")
            opt = self.options[day_i][hit[1]]
            for t, item in ((opt.run_t, opt.run), (opt.lift_t, opt.lift)):
                if t >= 0 and item is not None:
                    real = self.pools[t].pop(0)
                    placed.append(Placed(real, item.date, item.start_min, item.window,
                                         item.category, item.heavy, item.downgraded))  # fmt: skip
                    counts = _take(counts, t)
            prev = _next_sig(prev, opt)
        return placed


def _take(counts: tuple[int, ...], t: int) -> tuple[int, ...]:
    """``counts`` with one session of type ``t`` placed (``t`` < 0: nothing)."""
    if t < 0:
        return counts
    return (*counts[:t], counts[t] - 1, *counts[t + 1 :])
