"""Place one week's sessions into the athlete's real windows (R0–R6), optimally.

The week is a constraint optimisation: every rule of ``core.rules.RULES`` has
a weight (hard rules a huge one), and ``schedule_week`` returns the placement
with the smallest total weight. Each day holds at most one run and one
strength session; every rule that links sessions only looks at the same day
or the day before (R3's 24 h, R4's next day, spacing), so the exact optimum is
found by dynamic programming over the days: the state is (day, sessions still
to place, what the previous day held). Identical sessions (e.g. easy runs of
the same length) are counted, not enumerated, which removes symmetric
solutions. A session that cannot be placed anywhere is dropped at the weight
of its ``drop-*`` rule, so a week always comes out (see docs/planner.md).

Pure: no I/O, no clock.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.core.athlete import WEEKDAYS, Slot
from runstrong.core.model import SessionKind, StrengthCategory
from runstrong.core.rules.catalogue import RULE_BY_KEY, weight
from runstrong.core.rules.predicates import DAY_MIN, R3_GAP_MIN, category_is_easy, r3_too_close

RACE_DEFAULT_START_MIN = 9 * 60
INF = float("inf")


@dataclass(frozen=True, slots=True)
class Demand:
    """A session the week must hold, before it has a day and a time."""

    key: str
    kind: SessionKind
    category: str
    duration_min: int
    hard: bool = False
    heavy: bool = False
    power: bool = False
    long: bool = False
    race: bool = False
    fixed_date: dt.date | None = None
    drop_rule: str = "drop-easy"

    @property
    def key_run(self) -> bool:
        return self.kind is SessionKind.RUN and (self.hard or self.long or self.race)

    def type_key(self) -> tuple[object, ...]:
        return (
            self.kind, self.category, self.duration_min, self.hard, self.heavy,
            self.power, self.long, self.race, self.fixed_date, self.drop_rule,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class DayCalendar:
    """One schedulable day: its date and usable slots."""

    date: dt.date
    slots: tuple[Slot, ...]
    two_a_days: bool = False


@dataclass(frozen=True, slots=True)
class Placed:
    """A demand placed on a day: start (minutes of day), the window used, and its
    effective category (R4 may turn a heavy lift light)."""

    demand: Demand
    date: dt.date
    start_min: int
    window: int
    category: str
    heavy: bool
    downgraded: bool = False

    @property
    def start(self) -> dt.time:
        return dt.time(self.start_min // 60, self.start_min % 60)


@dataclass(frozen=True, slots=True)
class Penalty:
    """A weighed rule the schedule breaks (soft trade-off or, if unavoidable, hard)."""

    rule: str
    demand_keys: tuple[str, ...]
    date: dt.date
    message: str

    @property
    def hard(self) -> bool:
        return RULE_BY_KEY[self.rule].hard


@dataclass(frozen=True, slots=True)
class WeekSchedule:
    placed: tuple[Placed, ...]
    dropped: tuple[Demand, ...]
    penalties: tuple[Penalty, ...]
    cost: float


# ---------------------------------------------------------------------------
# Day signatures and costs (shared by the solver and by ``evaluate``)
# ---------------------------------------------------------------------------

# Index names of a day signature: what the next day's rules need to know.
(RUN_HARD, RUN_KEY, RUN_LONG, RUN_RACE, RUN_START, RUN_END, LIFTS, HEAVY, POWER,
 LIFT_START, LIFT_END, PAIR, RUN_NOT_EASY) = range(13)  # fmt: skip
Sig = tuple[bool, bool, bool, bool, int, int, bool, bool, bool, int, int, bool, bool]
EMPTY_SIG: Sig = (False, False, False, False, -1, -1, False, False, False, -1, -1, False, False)
# The solver's state compression (``_dedupe``/``canon``) ranks today's starts against
# yesterday's ends, which is exact only while R3's gap is one whole day.
if R3_GAP_MIN != DAY_MIN:  # pragma: no cover - a guard for whoever edits R3_GAP_MIN
    raise RuntimeError("planning.schedule assumes rules.predicates.R3_GAP_MIN == 24 h")


def day_sig(run: Placed | None, lift: Placed | None) -> Sig:
    """What a day holds, as far as the next day's rules are concerned."""
    hard = run is not None and (run.demand.hard or run.demand.race)
    heavy = lift is not None and lift.heavy
    return (
        hard,
        run is not None and run.demand.key_run,
        run is not None and run.demand.long,
        run is not None and run.demand.race,
        run.start_min if run is not None and hard else -1,
        run.start_min + run.demand.duration_min if run is not None and hard else -1,
        lift is not None,
        heavy,
        lift is not None and lift.category == StrengthCategory.POWER.value,
        lift.start_min if lift is not None and heavy else -1,
        lift.start_min + lift.demand.duration_min if lift is not None and heavy else -1,
        hard and lift is not None,
        run is not None and not category_is_easy(run.category),
    )


def pair_rules(prev: Sig, cur: Sig) -> list[str]:
    """Rule keys broken between consecutive days (previous, current)."""
    keys: list[str] = []
    # R3 (rules.predicates.r3_too_close): end of yesterday's session to the start of
    # today's, across midnight: DAY_MIN + start(today) - end(yesterday).
    if prev[RUN_HARD] and cur[HEAVY] and r3_too_close(DAY_MIN + cur[LIFT_START] - prev[RUN_END]):
        keys.append("R3")
    if prev[HEAVY] and cur[RUN_HARD] and r3_too_close(DAY_MIN + cur[RUN_START] - prev[LIFT_END]):
        keys.append("R3")
    if prev[PAIR] and (cur[LIFTS] or cur[RUN_NOT_EASY]):
        keys.append("R4-next")
    if prev[RUN_KEY] and cur[RUN_KEY]:
        keys.append("R0-key-adjacent")
    if (prev[HEAVY] or prev[POWER]) and cur[RUN_KEY]:
        keys.append("R0-heavy-before-key")
    if prev[LIFTS] and cur[LIFTS]:
        keys.append("R0-strength-adjacent")
    if prev[LIFTS] and cur[RUN_RACE]:
        keys.append("R0-race-eve")
    return keys


def day_rules(run: Placed | None, lift: Placed | None, long_run_day: int) -> list[str]:
    """Rule keys broken inside one day."""
    keys: list[str] = []
    if run is not None and run.demand.long and run.date.weekday() != long_run_day:
        keys.append("R6-long-day")
    if lift is not None and lift.downgraded:
        keys.append("R4-downgrade")
    if run is not None and lift is not None:
        if run.demand.hard or run.demand.race:
            if lift.heavy and r3_too_close(_same_day_gap(run, lift)):
                keys.append("R3")
            if lift.start_min > run.start_min:
                keys.append("R4-order")
            keys.append("R0-same-day")
        if run.window != lift.window:
            keys.append("R6-two-a-day")
    return keys


def _same_day_gap(a: Placed, b: Placed) -> int:
    """R3 gap of two sessions on one day: end of the earlier to start of the later."""
    first, second = (a, b) if a.start_min <= b.start_min else (b, a)
    return second.start_min - (first.start_min + first.demand.duration_min)


_PAIR_CACHE: dict[tuple[Sig, Sig], float] = {}


def _pair_cost(prev: Sig, cur: Sig) -> float:
    key = (prev, cur)
    cost = _PAIR_CACHE.get(key)
    if cost is None:
        cost = sum(weight(k) for k in pair_rules(prev, cur))
        if len(_PAIR_CACHE) < 200_000:
            _PAIR_CACHE[key] = cost
    return cost


def evaluate(
    placed: Sequence[Placed],
    dropped: Sequence[Demand],
    days: Sequence[DayCalendar],
    long_run_day: int,
    previous: Sig = EMPTY_SIG,
) -> tuple[float, list[Penalty]]:
    """Total weight and the list of penalties of a complete week (any placement)."""
    penalties: list[Penalty] = []
    prev = previous
    prev_items: tuple[Placed, ...] = ()
    for day in days:
        items = [p for p in placed if p.date == day.date]
        run = next((p for p in items if p.demand.kind is SessionKind.RUN), None)
        lift = next((p for p in items if p.demand.kind is SessionKind.STRENGTH), None)
        keys_here = tuple(x.demand.key for x in items)
        for key in day_rules(run, lift, long_run_day):
            penalties.append(Penalty(key, keys_here, day.date, _message(key, run, lift, day.date)))
        sig = day_sig(run, lift)
        for key in pair_rules(prev, sig):
            ids = tuple(x.demand.key for x in prev_items) + keys_here
            penalties.append(Penalty(key, ids, day.date, _pair_message(key, day.date)))
        prev, prev_items = sig, tuple(items)
    for d in dropped:
        penalties.append(
            Penalty(d.drop_rule, (d.key,), days[0].date if days else dt.date.min, _drop_message(d))
        )
    return sum(weight(p.rule) for p in penalties), penalties


def _message(key: str, run: Placed | None, lift: Placed | None, day: dt.date) -> str:
    wd = WEEKDAYS[day.weekday()]
    if key == "R6-long-day":
        return f"long run on {wd} {day}: the preferred long-run day had no room"
    if key == "R4-downgrade" and lift is not None:
        return (
            f"R3 could not hold on {wd} {day}: "
            "the heavy lift became light and dynamic (R4 fallback)"
        )
    if key == "R4-order":
        return f"{wd} {day}: strength after the quality run (R4 wants it earlier)"
    if key == "R0-same-day":
        return f"{wd} {day}: strength on the same day as a quality run"
    if key == "R6-two-a-day":
        return f"{wd} {day}: two training windows used"
    if key == "R3":
        return f"{wd} {day}: heavy lift and hard run on the same day (< 24 h)"
    return f"{wd} {day}: {RULE_BY_KEY[key].summary}"


def _pair_message(key: str, day: dt.date) -> str:
    wd = WEEKDAYS[day.weekday()]
    texts = {
        "R3": "a heavy lift and a hard run less than 24 h apart",
        "R4-next": "a quality run or heavy/power lift the day after a same-day pair",
        "R0-key-adjacent": "key runs on consecutive days",
        "R0-heavy-before-key": "a heavy or power lift the day before a key run",
        "R0-strength-adjacent": "strength sessions on consecutive days",
        "R0-race-eve": "a strength session the day before a race",
    }
    return f"{wd} {day}: {texts.get(key, RULE_BY_KEY[key].summary)}"


def _drop_message(d: Demand) -> str:
    return f"no room for the {d.category} {d.kind.value} ({d.duration_min} min) this week"


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


@functools.lru_cache(maxsize=4096)
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
    if not day.two_a_days or run.race:
        return ()  # R6: one training session a day unless two-a-days are allowed
    return _pairs(day.slots, run.duration_min, lift.duration_min)


@functools.lru_cache(maxsize=4096)
def _pairs(slots: tuple[Slot, ...], dr: int, dl: int) -> tuple[tuple[int, int, int, int], ...]:
    out: list[tuple[int, int, int, int]] = []
    for i, slot in enumerate(slots):
        w = slot.window
        if slot.run_ok and slot.gym_ok and dr + dl <= w.minutes:
            for a in sorted({w.start_min, w.end_min - dr - dl}):
                out.append((a, i, a + dr, i))  # run first
                out.append((a + dl, i, a, i))  # lift first
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
    sig: Sig
    run: Placed | None
    lift: Placed | None


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
    best: dict[tuple[int, int, Sig], _Option] = {}
    for rt in run_choices:
        for lt, down in lift_choices:
            run_d = types[rt] if rt >= 0 else None
            lift_d = types[lt] if lt >= 0 else None
            for run, lift in _placements(day, run_d, lift_d, down):
                cost = sum(weight(k) for k in day_rules(run, lift, long_run_day))
                sig = day_sig(run, lift)
                key = (rt, lt if not down else -2 - lt, sig)
                old = best.get(key)
                if old is None or cost < old.cost:
                    best[key] = _Option(rt, lt, cost, sig, run, lift)
    return sorted(best.values(), key=lambda o: o.cost)


def _placements(
    day: DayCalendar, run_d: Demand | None, lift_d: Demand | None, down: bool
) -> list[tuple[Placed | None, Placed | None]]:
    def mk_run(start: int, win: int) -> Placed:
        assert run_d is not None
        return Placed(run_d, day.date, start, win, run_d.category, False)

    def mk_lift(start: int, win: int) -> Placed:
        assert lift_d is not None
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
    run_ends = sorted({g[RUN_END] for g in prev_sigs if g[RUN_HARD]})
    lift_ends = sorted({g[LIFT_END] for g in prev_sigs if g[HEAVY]})
    nxt_heavy = heavy_starts[d + 1] if d + 1 < len(options) else []
    nxt_hard = hard_starts[d + 1] if d + 1 < len(options) else []
    best: dict[tuple[object, ...], _Option] = {}
    for o in opts:
        g = o.sig
        key = (
            o.run_t,
            o.lift_t,
            o.lift is not None and o.lift.downgraded,
            g[RUN_HARD], g[RUN_KEY], g[RUN_LONG], g[RUN_RACE], g[LIFTS], g[HEAVY], g[POWER],
            g[PAIR], g[RUN_NOT_EASY],
            bisect.bisect_right(lift_ends, g[RUN_START]) if g[RUN_HARD] else -1,
            bisect.bisect_left(nxt_heavy, g[RUN_END]) if g[RUN_HARD] else -1,
            bisect.bisect_right(run_ends, g[LIFT_START]) if g[HEAVY] else -1,
            bisect.bisect_left(nxt_hard, g[LIFT_END]) if g[HEAVY] else -1,
        )  # fmt: skip
        old = best.get(key)
        if old is None or o.cost < old.cost:
            best[key] = o
    return sorted(best.values(), key=lambda o: o.cost)


def schedule_week(
    demands: Sequence[Demand],
    days: Sequence[DayCalendar],
    long_run_day: int,
    previous: Sig = EMPTY_SIG,
) -> WeekSchedule:
    """The minimum-weight placement of ``demands`` on ``days`` (exact).

    ``previous`` is the signature (``day_sig``) of the day before ``days[0]``,
    so R3/R4 hold across the week boundary and when re-planning mid-week.
    """
    index: dict[tuple[object, ...], int] = {}
    types: list[Demand] = []
    members: list[list[Demand]] = []
    for d in demands:
        k = d.type_key()
        if k not in index:
            index[k] = len(types)
            types.append(d)
            members.append([])
        members[index[k]].append(d)
    counts0 = tuple(len(m) for m in members)
    drop_w = [weight(t.drop_rule) for t in types]
    options = [_day_options(day, types, long_run_day) for day in days]
    n_days = len(days)
    run_types = [i for i, t in enumerate(types) if t.kind is SessionKind.RUN]
    lift_types = [i for i, t in enumerate(types) if t.kind is SessionKind.STRENGTH]
    heavy_types = [i for i, t in enumerate(types) if t.heavy]
    hard_types = [i for i, t in enumerate(types) if t.hard or t.race]
    # Day-d start times that prev-day end times are compared with (R3), for canonical states.
    heavy_starts = [sorted({o.sig[LIFT_START] for o in opts if o.sig[HEAVY]}) for opts in options]
    hard_starts = [sorted({o.sig[RUN_START] for o in opts if o.sig[RUN_HARD]}) for opts in options]
    options = [
        _dedupe(options[d], d, options, heavy_starts, hard_starts, previous)
        for d in range(len(days))
    ]
    run_days_left = [0] * (n_days + 1)
    gym_days_left = [0] * (n_days + 1)
    for i in range(n_days - 1, -1, -1):
        run_days_left[i] = run_days_left[i + 1] + any(o.run_t >= 0 for o in options[i])
        gym_days_left[i] = gym_days_left[i + 1] + any(o.lift_t >= 0 for o in options[i])
    exact: dict[tuple[int, tuple[int, ...], Sig], tuple[float, int]] = {}
    lower: dict[tuple[int, tuple[int, ...], Sig], float] = {}

    is_run = [t.kind is SessionKind.RUN for t in types]
    min_run_drop = min((drop_w[t] for t in run_types), default=0.0)
    min_lift_drop = min((drop_w[t] for t in lift_types), default=0.0)

    def bound(d: int, runs_left: int, lifts_left: int) -> float:
        """Admissible: sessions beyond the days left that can hold them must be dropped."""
        return (
            max(runs_left - run_days_left[d], 0) * min_run_drop
            + max(lifts_left - gym_days_left[d], 0) * min_lift_drop
        )

    def canon(d: int, counts: tuple[int, ...], prev: Sig) -> Sig:
        """Previous days that no remaining option can tell apart share one state."""
        run_end, lift_end = -1, -1
        if prev[RUN_HARD] and any(counts[t] for t in heavy_types):
            run_end = bisect.bisect_left(heavy_starts[d], prev[RUN_END])
        if prev[HEAVY] and any(counts[t] for t in hard_types):
            lift_end = bisect.bisect_left(hard_starts[d], prev[LIFT_END])
        return (*prev[:RUN_START], -1, run_end, *prev[LIFTS:LIFT_START], -1, lift_end, *prev[PAIR:])  # type: ignore[return-value]

    def solve(
        d: int, counts: tuple[int, ...], prev: Sig, budget: float, runs: int, lifts: int
    ) -> float:
        """Branch and bound with memo: the exact optimum if it is below ``budget``,
        else a lower bound that is at least ``budget``."""
        if d == n_days:
            return sum(c * w for c, w in zip(counts, drop_w, strict=True))
        key = (d, counts, canon(d, counts, prev))
        hit = exact.get(key)
        if hit is not None:
            return hit[0]
        known = lower.get(key, 0.0)
        if known >= budget:
            return known
        best, best_i = INF, -1
        for i, opt in enumerate(options[d]):
            if opt.run_t >= 0 and counts[opt.run_t] == 0:
                continue
            if opt.lift_t >= 0 and counts[opt.lift_t] == 0:
                continue
            limit = min(best, budget)
            cost = opt.cost + _pair_cost(prev, opt.sig)
            if cost >= limit:
                continue
            nxt = counts
            if opt.run_t >= 0:
                nxt = (*nxt[: opt.run_t], nxt[opt.run_t] - 1, *nxt[opt.run_t + 1 :])
            if opt.lift_t >= 0:
                nxt = (*nxt[: opt.lift_t], nxt[opt.lift_t] - 1, *nxt[opt.lift_t + 1 :])
            runs_nxt = runs - (opt.run_t >= 0)
            lifts_nxt = lifts - (opt.lift_t >= 0)
            if cost + bound(d + 1, runs_nxt, lifts_nxt) >= limit:
                continue
            cost += solve(d + 1, nxt, opt.sig, limit - cost, runs_nxt, lifts_nxt)
            if cost < best:
                best, best_i = cost, i
        if best < budget:
            exact[key] = (best, best_i)
            return best
        lower[key] = max(known, budget)
        return lower[key]

    runs0 = sum(c for c, r in zip(counts0, is_run, strict=True) if r)
    lifts0 = sum(c for c, r in zip(counts0, is_run, strict=True) if not r)
    # Iterative deepening on the budget: most weeks have a cheap optimum, and a small
    # budget prunes hard; lower bounds learnt in a round are reused by the next one.
    for budget in (64.0, 1024.0, 16384.0, INF):
        total = solve(0, counts0, previous, budget, runs0, lifts0)
        if total < budget:
            break
    placed: list[Placed] = []
    counts, prev = counts0, previous
    pools = [list(m) for m in members]
    for day_i in range(n_days):
        _, i = exact[(day_i, counts, canon(day_i, counts, prev))]
        opt = options[day_i][i]
        for t, item in ((opt.run_t, opt.run), (opt.lift_t, opt.lift)):
            if t >= 0 and item is not None:
                real = pools[t].pop(0)
                placed.append(
                    Placed(
                        real,
                        item.date,
                        item.start_min,
                        item.window,
                        item.category,
                        item.heavy,
                        item.downgraded,
                    )
                )
                counts = (*counts[:t], counts[t] - 1, *counts[t + 1 :])
        prev = opt.sig
    dropped = tuple(item for pool in pools for item in pool)
    cost, penalties = evaluate(placed, dropped, days, long_run_day, previous)
    assert abs(cost - total) < 1e-6, (cost, total)
    return WeekSchedule(tuple(placed), dropped, tuple(penalties), cost)
