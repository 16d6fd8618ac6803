"""The scheduler's exact search: branch and bound with memo over the days of a week.

A state is (day, sessions still to place by type, ``DaySig`` of the previous day);
its value is the least weight the remaining days can add. Inside the search the
counts are packed in one int (a field of bits per type, so placing a session is a
subtraction) and each ``DaySig`` is numbered once (``_sig_ids``), so a state's key
and the memoised pair costs hash a few ints, not a 22-field signature. ``WeekSearch.solve``
returns the exact value when it is below the budget it is given, else a lower
bound at least the budget (kept for the next, larger budget). Of the options that
reach the least weight the first (cheapest day first) wins, whatever the budget,
so the placement does not depend on how the search was pruned. The caller is
``core.planning.schedule.schedule_week``.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Iterable, Sequence
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

_Key = tuple[int, int, int]
"""(day, packed counts, number of the canonical previous day's signature)."""


class _Step(NamedTuple):
    """A day's option as the search reads it (unpacked in its inner loop)."""

    cost: float
    take: int
    """The packed counts it places (subtracted from the state's)."""
    sig: int
    """The number of its ``DaySig`` (``WeekSearch.sig_id``)."""
    q_start: int
    runs: int
    """1 when the option holds a run, else 0 (likewise ``lifts``)."""
    lifts: int
    need: int
    """Bit ``t`` set: the option takes a session of type ``t``."""


@functools.cache
def _with_before(sig: DaySig, q_end_before: int, long_end_before: int = -1) -> DaySig:
    """The day's signature once the day before it is known (Q4 looks two days back)."""
    return sig._replace(q_end_before=q_end_before, long_end_before=long_end_before)


def next_sig(prev: DaySig, opt: DayOption) -> DaySig:
    if prev.q_end >= 0 or prev.long_end >= 0:
        return _with_before(opt.sig, prev.q_end, prev.long_end)
    return opt.sig


class WeekSearch:
    """Branch and bound with memo over (day, sessions left, previous day)."""

    def __init__(
        self,
        demands: Sequence[Demand],
        days: Sequence[DayCalendar],
        long_run_day: int,
        previous: DaySig,
    ) -> None:
        self.pools = type_pools(demands)
        self.types: list[Demand] = [pool[0] for pool in self.pools]
        types = self.types
        self.counts0 = tuple(len(m) for m in self.pools)
        self.drop_w = [weight(t.drop_rule) for t in types]
        self.dates = [day.date for day in days]
        plain = plain_types(types)
        options = [day_options(day, types, plain, long_run_day) for day in days]
        self.n_days = len(days)
        self.heavy_types = _mask(t.heavy for t in types)
        self.hard_types = _mask(t.r3_before for t in types)  # R3: runs a heavy lift keeps off
        self.quality_types = _mask(t.quality for t in types)
        self.tt_types = _mask(t.time_trial for t in types)
        # Day-d start times that prev-day end times are compared with (R3), for canonical states.
        self.heavy_starts = [sorted({o.sig.lift_start for o in opts if o.sig.heavy})
                             for opts in options]  # fmt: skip
        self.hard_starts = [sorted({o.sig.run_start for o in opts if o.sig.run_start >= 0})
                            for opts in options]  # fmt: skip
        self.options = [
            dedupe_options(options[d], d, options, self.heavy_starts, self.hard_starts, previous)
            for d in range(self.n_days)
        ]
        self._sig_ids: dict[DaySig, int] = {}
        self._sigs: list[DaySig] = []
        self.width = max(max(self.counts0, default=1).bit_length(), 1)
        """Bits per type in packed counts (counts only fall, so the first ones fit)."""
        self._bounds(types)
        self.previous_sig = previous
        self._canon: dict[tuple[int, int, int], int] = {}
        self._left: dict[int, tuple[int, int]] = {}
        self._end: dict[int, float] = {}
        self._before: dict[tuple[int, int, int], int] = {}
        self._pair: dict[tuple[int, int, int], float] = {}
        self.memo: dict[_Key, tuple[float, int]] = {}
        """State → (exact optimum, index of its first best option), or (lower bound, -1)."""

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
            [_Step(o.cost, self._one(o.run_t) + self._one(o.lift_t), self.sig_id(o.sig),
                   o.q_start, int(o.run_t >= 0), int(o.lift_t >= 0),
                   _bit(o.run_t) | _bit(o.lift_t)) for o in opts]
            for opts in self.options
        ]  # fmt: skip

    def sig_id(self, sig: DaySig) -> int:
        """The number of ``sig`` (one per distinct signature of this search)."""
        hit = self._sig_ids.get(sig)
        if hit is None:
            hit = self._sig_ids[sig] = len(self._sigs)
            self._sigs.append(sig)
        return hit

    def _one(self, t: int) -> int:
        """One session of type ``t`` in packed counts (``t`` < 0: none)."""
        return 1 << (self.width * t) if t >= 0 else 0

    def pack(self, counts: Sequence[int]) -> int:
        return sum(c << (self.width * t) for t, c in enumerate(counts))

    def unpack(self, packed: int) -> tuple[int, ...]:
        mask = (1 << self.width) - 1
        return tuple((packed >> (self.width * t)) & mask for t in range(len(self.counts0)))

    def left(self, packed: int) -> tuple[int, int]:
        """(bits of the types with no session left, which of heavy lifts, hard runs and
        quality runs, time trials are left as bits 1, 2, 4, 8) of packed counts."""
        hit = self._left.get(packed)
        if hit is None:
            have = _mask(c > 0 for c in self.unpack(packed))
            kinds = (bool(have & self.heavy_types) | bool(have & self.hard_types) << 1
                     | bool(have & self.quality_types) << 2
                     | bool(have & self.tt_types) << 3)  # fmt: skip
            hit = self._left[packed] = (~have, kinds)
        return hit

    def state(self, d: int, counts: tuple[int, ...], prev: DaySig) -> _Key:
        """The memo key of a state: previous days that no remaining option can tell
        apart share one (``canon``)."""
        packed = self.pack(counts)
        return (d, packed, self.canon(d, self.sig_id(prev), self.left(packed)[1]))

    def canon(self, d: int, prev: int, kinds: int) -> int:
        """Previous days that no remaining option can tell apart share one state."""
        hit = self._canon.get((d, prev, kinds))
        if hit is None:
            canon = self._canon_of(d, self._sigs[prev], kinds)
            hit = self._canon[(d, prev, kinds)] = self.sig_id(canon)
        return hit

    def _end_cost(self, packed: int) -> float:
        """The drop weight of the sessions left after the last day."""
        hit = self._end.get(packed)
        if hit is None:
            counts = self.unpack(packed)
            hit = self._end[packed] = sum(c * w for c, w in zip(counts, self.drop_w, strict=True))
        return hit

    def _sig_before(self, sig: int, q_end: int, long_end: int) -> int:
        hit = self._before.get((sig, q_end, long_end))
        if hit is None:
            full = _with_before(self._sigs[sig], q_end, long_end)
            hit = self._before[(sig, q_end, long_end)] = self.sig_id(full)
        return hit

    def _pair_cost(self, prev: int, sig: int, q: int) -> float:
        hit = self._pair.get((prev, sig, q))
        if hit is None:
            hit = self._pair[(prev, sig, q)] = pair_cost(self._sigs[prev], self._sigs[sig], q)
        return hit

    def _canon_of(self, d: int, prev: DaySig, kinds: int) -> DaySig:
        run_end, lift_end = -1, -1
        if prev.run_hard and kinds & 1:  # a heavy lift left
            run_end = bisect.bisect_left(self.heavy_starts[d], prev.run_end)
        if prev.heavy and kinds & 2:  # a hard run left
            lift_end = bisect.bisect_left(self.hard_starts[d], prev.lift_end)
        q_end, q_before = prev.q_end, prev.q_end_before
        if not kinds & 4:
            q_end, q_before = -1, -1  # no quality run or race left to space from them
        long_end, long_before = (prev.long_end, prev.long_end_before) if kinds & 8 else (-1, -1)
        return DaySig(
            run_hard=prev.run_hard, run_key=prev.run_key, run_long=prev.run_long,
            run_race=prev.run_race, run_start=-1, run_end=run_end, lifts=prev.lifts,
            heavy=prev.heavy, power=prev.power, lift_start=-1, lift_end=lift_end,
            pair=prev.pair, run_not_easy=prev.run_not_easy, q_end=q_end, q_end_before=q_before,
            time_trial=prev.time_trial, high=prev.high, run_longish=prev.run_longish,
            run_medium_long=prev.run_medium_long, run_b2b=prev.run_b2b,
            long_end=long_end, long_end_before=long_before,
        )  # fmt: skip

    def solve(
        self, d: int, counts: tuple[int, ...], prev: DaySig, budget: float, runs: int, lifts: int
    ) -> float:
        """The exact optimum if it is below ``budget``, else a lower bound ≥ ``budget``."""
        return self._solve(d, self.pack(counts), self.sig_id(prev), budget, runs, lifts)

    def _solve(self, d: int, counts: int, prev: int, budget: float, runs: int, lifts: int) -> float:
        """``solve`` on packed counts and a numbered previous day. The memo tables'
        lookups are inlined (a method is called only on a miss): this is the hot loop."""
        if d == self.n_days:
            return self._end_cost(counts)
        hit = self._left.get(counts)
        missing, kinds = hit if hit is not None else self.left(counts)
        canon = self._canon.get((d, prev, kinds))
        key = (d, counts, canon if canon is not None else self.canon(d, prev, kinds))
        known, best_i = self.memo.get(key, (0.0, -1))
        if best_i >= 0 or known >= budget:
            return known
        best = INF
        prev_sig = self._sigs[prev]
        q_end, long_end = prev_sig.q_end, prev_sig.long_end
        before = q_end >= 0 or long_end >= 0
        run_days, gym_days = self.run_days_left[d + 1], self.gym_days_left[d + 1]
        run_drop, lift_drop = self.min_run_drop, self.min_lift_drop
        sigs_before, pairs = self._before, self._pair
        for i, (base, take, sig, q, dr, dl, need) in enumerate(self.steps[d]):
            limit = best if best < budget else budget
            if base >= limit:
                break  # the options come cheapest first and no weight is negative
            if need & missing:
                continue
            # Admissible: sessions beyond the days left that can hold them are dropped.
            x, y = runs - dr - run_days, lifts - dl - gym_days
            floor = (x * run_drop if x > 0 else 0.0) + (y * lift_drop if y > 0 else 0.0)
            if base + floor >= limit:
                continue
            if before:
                full = sigs_before.get((sig, q_end, long_end))
                sig = full if full is not None else self._sig_before(sig, q_end, long_end)
            pair = pairs.get((prev, sig, q))
            cost = base + (pair if pair is not None else self._pair_cost(prev, sig, q))
            if cost + floor >= limit:
                continue
            cost += self._solve(d + 1, counts - take, sig, limit - cost, runs - dr, lifts - dl)
            if cost < best:
                best, best_i = cost, i
        if best < budget:
            self.memo[key] = (best, best_i)
            return best
        self.memo[key] = (max(known, budget), -1)
        return max(known, budget)

    def optimum(self, budget: float = INF) -> float:
        """The least weight of the week if it is below ``budget``, else a lower bound
        at least ``budget`` (then ``walk`` reads the placement back).

        One complete week bounds the optimum from above; below that bound (or the
        caller's smaller budget) the search only follows partial weeks that can still
        beat it. (A first pass under a small budget, as the search once began, made a
        third more calls on bench_plan's weeks.) Only if the bound were wrong would a
        second pass run with the caller's budget alone."""
        total = INF
        for bound in (min(self.incumbent() + 1.0, budget), budget):
            total = self.solve(0, self.counts0, self.previous_sig, bound, self.runs0, self.lifts0)
            if total < bound or bound >= budget:
                break
        return total

    def incumbent(self) -> float:
        """The weight of one complete week (an upper bound on the optimum): day by day,
        the option that costs least for the drop weight it saves."""
        counts, prev, total = list(self.counts0), self.previous_sig, 0.0
        for d in range(self.n_days):
            pick: tuple[float, float, int, DaySig] | None = None
            for i, opt in enumerate(self.options[d]):
                rt, lt, base, q = opt.run_t, opt.lift_t, opt.cost, opt.q_start
                dr, dl = rt >= 0, lt >= 0
                if (dr and counts[rt] == 0) or (dl and counts[lt] == 0):
                    continue
                sig = next_sig(prev, opt)
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

    def picks(self) -> tuple[DayOption, ...]:
        """The optimal option of each day, read back from the memo (after ``solve``)."""
        out: list[DayOption] = []
        counts, prev = self.counts0, self.previous_sig
        for day_i in range(self.n_days):
            hit = self.memo.get(self.state(day_i, counts, prev))
            if hit is None or hit[1] < 0:
                raise SchedulerError(f"no optimum recorded for day {day_i}")
            opt = self.options[day_i][hit[1]]
            for t, at in ((opt.run_t, opt.run), (opt.lift_t, opt.lift)):
                if t >= 0 and at is not None:
                    counts = (*counts[:t], counts[t] - 1, *counts[t + 1 :])
            out.append(opt)
            prev = next_sig(prev, opt)
        return tuple(out)

    def walk(self) -> list[Placed]:
        """The optimal placement, read back from the memo (after ``solve``)."""
        return place(self.picks(), self.pools, self.dates)

    def dropped(self) -> tuple[Demand, ...]:
        """The sessions ``walk`` left in their pools."""
        return tuple(item for pool in self.pools for item in pool)


def type_pools(demands: Sequence[Demand]) -> list[list[Demand]]:
    """The demands by type (``Demand.type_key``), types in order of first appearance:
    the search's type ``t`` is the ``t``-th pool."""
    index: dict[tuple[object, ...], int] = {}
    pools: list[list[Demand]] = []
    for d in demands:
        k = d.type_key()
        if k not in index:
            index[k] = len(pools)
            pools.append([])
        pools[index[k]].append(d)
    return pools


def place(
    picks: Sequence[DayOption], pools: list[list[Demand]], dates: Sequence[dt.date]
) -> list[Placed]:
    """The sessions of each day's option (``picks[i]`` on ``dates[i]``), taken from
    the front of their type's pool (what is left in ``pools`` is dropped)."""
    placed: list[Placed] = []
    for opt, date in zip(picks, dates, strict=True):
        for t, at in ((opt.run_t, opt.run), (opt.lift_t, opt.lift)):
            if t >= 0 and at is not None:
                real = pools[t].pop(0)
                placed.append(Placed(real, date, at.start_min, at.window, at.category,
                                     at.heavy, at.downgraded))  # fmt: skip
    return placed


def _bit(t: int) -> int:
    return 1 << t if t >= 0 else 0


def _mask(flags: Iterable[bool]) -> int:
    """An int with bit ``i`` set where the ``i``-th flag is true."""
    return sum(1 << i for i, f in enumerate(flags) if f)
