"""The scheduler's exact search: branch and bound with memo over the days of a week.

A state is (day, sessions still to place by type, ``DaySig`` of the previous day);
its value is the least weight the remaining days can add. ``WeekSearch.solve``
returns the exact value when it is below the budget it is given, else a lower
bound at least the budget (kept for the next, larger budget). Of the options that
reach the least weight the first (cheapest day first) wins, whatever the budget,
so the placement does not depend on how the search was pruned. The caller is
``core.planning.schedule.schedule_week``.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from typing import NamedTuple

from runstrong.core.model import SessionKind
from runstrong.core.planning.schedule_costs import (
    DayCalendar,
    DaySig,
    Demand,
    Placed,
    SchedulerError,
    pair_cost,
)
from runstrong.core.planning.schedule_options import (
    DayOption,
    day_options,
    dedupe_options,
    plain_types,
)
from runstrong.core.rules.catalogue import weight

INF = float("inf")

_Key = tuple[int, tuple[int, ...], DaySig]


class _Step(NamedTuple):
    """A day's option as the search reads it (unpacked in its inner loop)."""

    cost: float
    run_t: int
    lift_t: int
    sig: DaySig
    q_start: int
    runs: int
    """1 when the option holds a run, else 0 (likewise ``lifts``)."""
    lifts: int


@functools.cache
def _with_before(sig: DaySig, q_end_before: int) -> DaySig:
    """The day's signature once the day before it is known (Q4 looks two days back)."""
    return sig._replace(q_end_before=q_end_before)


def next_sig(prev: DaySig, opt: DayOption) -> DaySig:
    return _with_before(opt.sig, prev.q_end) if prev.q_end >= 0 else opt.sig


class WeekSearch:
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
        self.dates = [day.date for day in days]
        plain = plain_types(types)
        options = [day_options(day, types, plain, long_run_day) for day in days]
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
            dedupe_options(options[d], d, options, self.heavy_starts, self.hard_starts, previous)
            for d in range(self.n_days)
        ]
        self._bounds(types)
        self.previous_sig = previous
        self._canon: dict[tuple[int, DaySig, bool, bool, bool], DaySig] = {}
        self._keys: dict[_Key, _Key] = {}
        self.exact: dict[_Key, tuple[float, int]] = {}
        self.lower: dict[_Key, float] = {}

    def _bounds(self, types: Sequence[Demand]) -> None:
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
        self.is_run = [t.kind is SessionKind.RUN for t in types]
        runs_w = [w for w, r in zip(self.drop_w, self.is_run, strict=True) if r]
        lifts_w = [w for w, r in zip(self.drop_w, self.is_run, strict=True) if not r]
        self.min_run_drop = min(runs_w, default=0.0)
        self.min_lift_drop = min(lifts_w, default=0.0)
        self.runs0 = sum(c for c, r in zip(self.counts0, self.is_run, strict=True) if r)
        self.lifts0 = sum(self.counts0) - self.runs0
        self.steps = [
            [_Step(o.cost, o.run_t, o.lift_t, o.sig, o.q_start, int(o.run_t >= 0),
                   int(o.lift_t >= 0)) for o in opts]
            for opts in self.options
        ]  # fmt: skip

    def state(self, d: int, counts: tuple[int, ...], prev: DaySig) -> _Key:
        """The memo key of a state: previous days that no remaining option can tell
        apart share one (``canon``)."""
        raw = (d, counts, prev)
        key = self._keys.get(raw)
        if key is None:
            key = self._keys[raw] = (d, counts, self.canon(d, counts, prev))
        return key

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
        key = self._keys.get((d, counts, prev)) or self.state(d, counts, prev)
        hit = self.exact.get(key)
        if hit is not None:
            return hit[0]
        known = self.lower.get(key, 0.0)
        if known >= budget:
            return known
        best, best_i = INF, -1
        q_end = prev.q_end
        run_days, gym_days = self.run_days_left[d + 1], self.gym_days_left[d + 1]
        run_drop, lift_drop = self.min_run_drop, self.min_lift_drop
        for i, (base, rt, lt, sig, q, dr, dl) in enumerate(self.steps[d]):
            limit = best if best < budget else budget
            if base >= limit:
                break  # the options come cheapest first and no weight is negative
            if (dr and counts[rt] == 0) or (dl and counts[lt] == 0):
                continue
            # Admissible: sessions beyond the days left that can hold them are dropped.
            floor = (
                max(runs - dr - run_days, 0) * run_drop + max(lifts - dl - gym_days, 0) * lift_drop
            )
            if base + floor >= limit:
                continue
            if q_end >= 0:
                sig = _with_before(sig, q_end)
            cost = base + pair_cost(prev, sig, q)
            if cost + floor >= limit:
                continue
            after = _take(_take(counts, rt), lt)
            cost += self.solve(d + 1, after, sig, limit - cost, runs - dr, lifts - dl)
            if cost < best:
                best, best_i = cost, i
        if best < budget:
            self.exact[key] = (best, best_i)
            return best
        self.lower[key] = max(known, budget)
        return self.lower[key]

    def incumbent(self) -> float:
        """The weight of one complete week (an upper bound on the optimum): day by day,
        the option that costs least for the drop weight it saves."""
        counts, prev, total = list(self.counts0), self.previous_sig, 0.0
        for d in range(self.n_days):
            pick: tuple[float, float, int, DaySig] | None = None
            for i, (base, rt, lt, sig, q, dr, dl) in enumerate(self.steps[d]):
                if (dr and counts[rt] == 0) or (dl and counts[lt] == 0):
                    continue
                sig = next_sig(prev, self.options[d][i])
                cost = base + pair_cost(prev, sig, q)
                saves = (self.drop_w[rt] if dr else 0.0) + (self.drop_w[lt] if dl else 0.0)
                if pick is None or cost - saves < pick[0]:
                    pick = (cost - saves, cost, i, sig)
            if pick is None:
                raise SchedulerError(f"day {d} has no option, not even a rest day")
            _, cost, i, prev = pick
            opt = self.options[d][i]
            for t in (opt.run_t, opt.lift_t):
                if t >= 0:
                    counts[t] -= 1
            total += cost
        return total + sum(c * w for c, w in zip(counts, self.drop_w, strict=True))

    def walk(self) -> list[Placed]:
        """The optimal placement, read back from the memo (after ``solve``)."""
        placed: list[Placed] = []
        counts, prev = self.counts0, self.previous_sig
        for day_i in range(self.n_days):
            hit = self.exact.get(self.state(day_i, counts, prev))
            if hit is None:
                raise SchedulerError(f"no optimum recorded for day {day_i}")
            opt = self.options[day_i][hit[1]]
            for t, at in ((opt.run_t, opt.run), (opt.lift_t, opt.lift)):
                if t >= 0 and at is not None:
                    real = self.pools[t].pop(0)
                    placed.append(Placed(real, self.dates[day_i], at.start_min, at.window,
                                         at.category, at.heavy, at.downgraded))  # fmt: skip
                    counts = _take(counts, t)
            prev = next_sig(prev, opt)
        return placed

    def dropped(self) -> tuple[Demand, ...]:
        """The sessions ``walk`` left in their pools."""
        return tuple(item for pool in self.pools for item in pool)


def _take(counts: tuple[int, ...], t: int) -> tuple[int, ...]:
    """``counts`` with one session of type ``t`` placed (``t`` < 0: nothing)."""
    if t < 0:
        return counts
    return (*counts[:t], counts[t] - 1, *counts[t + 1 :])
