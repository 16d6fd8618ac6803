"""The scheduler's vocabulary and costs: demands, placements, day signatures, rule keys.

``day_sig`` summarises what a day holds as far as the next days' rules care
(R3's 24 h, R4's next day, Q4's spacing of quality runs, Q5's race eve);
``day_rules`` and ``pair_rules`` name the rule keys of ``core.rules.catalogue``
that one day, or two consecutive days, break; ``evaluate`` prices a complete
week. The solver (``core.planning.schedule``) and the build use the same
functions, so a placement costs the same whoever looks at it.

Gaps are measured from the end of the earlier session to the start of the later
one, in local minutes (as ``core.rules.catalogue.gap_min``). Pure.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from runstrong.core.athlete import WEEKDAYS, Slot
from runstrong.core.model import SessionKind, StrengthCategory
from runstrong.core.rules.catalogue import RULE_BY_KEY, weight
from runstrong.core.rules.predicates import (
    category_is_easy,
    category_is_high,
    category_keeps_heavy_off,
    lift_joins_run,
    r3_too_close,
)

Q4_GAP_MIN = 48 * 60
"""Q4: default minutes between two quality runs (end of one to start of the next)."""
Q4_GAP_FLOOR_MIN = 36 * 60
"""Q4: never fewer minutes than this between two quality runs."""
_NO_SHIFT = dt.timedelta(0)


class SchedulerError(RuntimeError):
    """The solver broke one of its own invariants (a bug, never a user error)."""


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
    quality: bool = False
    """Q4: a quality run for spacing: hard, race pace, race, or the long run in build/peak."""
    time_trial: bool = False
    joins_run: bool = False
    """Q6: a lift of an athlete with few run days: it joins a run day, never a day alone."""
    alternate: bool = False
    """Q4: a session of a 400 m–1500 m goal's week, whose high and low days alternate."""
    longish: bool = False
    """Q2: an easy run of at least ``Q2_LONGISH_SHARE`` of the long run: never on its eve
    (``Q2-long-eve``, hard; ``rules.quality.is_longish``)."""
    medium_long: bool = False
    """Q2: an easy run of at least ``predicates.Q2_MEDIUM_LONG_SHARE`` of the long run
    (a medium-long run): rather not on its eve (``Q2-medium-long-eve``)."""
    b2b: bool = False
    """Q4/Q7: the second run of a back-to-back pair: quality runs are spaced from its end
    as from the long run's (``pair_run``)."""

    @property
    def key_run(self) -> bool:
        return self.kind is SessionKind.RUN and (self.hard or self.long or self.race)

    @property
    def pair_run(self) -> bool:
        """Q4/Q7: ``b2b``, or a run other than a race pinned to a date: only ``ultra``
        pins one, the second run of a back-to-back pair beside the long run."""
        return self.b2b or (
            self.kind is SessionKind.RUN and self.fixed_date is not None and not self.race
        )

    @property
    def r3_before(self) -> bool:
        """R3: no heavy lift ends within 24 h before this run: a hard run or race, or the
        long run while it is a key run (``predicates.category_keeps_heavy_off``)."""
        return self.kind is SessionKind.RUN and category_keeps_heavy_off(
            self.category, self.hard or self.race, long_counts=self.long and self.quality
        )

    def type_key(self, shift: dt.timedelta = _NO_SHIFT) -> tuple[object, ...]:
        """Everything but the session key (sessions of one type are interchangeable);
        ``fixed_date`` moved by ``shift`` (``schedule._week_key`` counts from a week's start)."""
        fixed = self.fixed_date if self.fixed_date is None else self.fixed_date + shift
        return (
            self.kind, self.category, self.duration_min, self.hard, self.heavy,
            self.power, self.long, self.race, fixed, self.drop_rule, self.quality,
            self.time_trial, self.joins_run, self.alternate, self.longish,
            self.medium_long, self.b2b,
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


class DaySig(NamedTuple):
    """What a day holds, as far as the next days' rules are concerned (typed search
    state of the solver; times are minutes of the day, -1 when absent)."""

    run_hard: bool = False
    run_key: bool = False
    run_long: bool = False
    run_race: bool = False
    run_start: int = -1
    """R3: start of today's run that no heavy lift may end within 24 h before
    (``Demand.r3_before``: a hard run, a race or a key long run)."""
    run_end: int = -1
    """R3: end of today's hard run or race (no heavy lift within 24 h after it)."""
    lifts: bool = False
    heavy: bool = False
    power: bool = False
    lift_start: int = -1
    lift_end: int = -1
    pair: bool = False
    run_not_easy: bool = False
    q_end: int = -1
    """Q4: end of today's quality run."""
    q_end_before: int = -1
    """Q4: end of yesterday's quality run (for the 48 h look two days back)."""
    time_trial: bool = False
    high: bool = False
    """Q4: a high day of an alternating week (quality or race-pace run, heavy or power lift)."""
    run_longish: bool = False
    """Q2: today's run is a long-ish easy run (``Demand.longish``)."""
    run_medium_long: bool = False
    """Q2: today's run is a medium-long easy run (``Demand.medium_long``)."""
    run_b2b: bool = False
    """Q4/Q7: today's run is the second run of a back-to-back pair (``Demand.b2b``)."""
    long_end: int = -1
    """Q4: end of today's long run or pair's second run, in any phase (a time trial
    keeps 48 h after it, ``Q4-tt-fresh``)."""
    long_end_before: int = -1
    """Q4: ``long_end`` of the day before."""


Sig = DaySig
EMPTY_SIG = DaySig()


def day_sig(run: Placed | None, lift: Placed | None, before: DaySig = EMPTY_SIG) -> DaySig:
    """What a day holds; ``before`` is the previous day's signature (Q4 looks two days back)."""
    hard = run is not None and (run.demand.hard or run.demand.race)
    heavy = lift is not None and lift.heavy
    # Q4/Q7: a back-to-back pair's second run is spaced from like the long run (issue 12)
    quality = run is not None and (run.demand.quality or run.demand.pair_run)
    guarded = run is not None and run.demand.r3_before
    end = run.start_min + run.demand.duration_min if run is not None else -1
    return DaySig(
        run_hard=hard,
        run_key=run is not None and run.demand.key_run,
        run_long=run is not None and run.demand.long,
        run_race=run is not None and run.demand.race,
        run_start=run.start_min if run is not None and guarded else -1,
        run_end=run.start_min + run.demand.duration_min if run is not None and hard else -1,
        lifts=lift is not None,
        heavy=heavy,
        power=lift is not None and lift.category == StrengthCategory.POWER.value,
        lift_start=lift.start_min if lift is not None and heavy else -1,
        lift_end=lift.start_min + lift.demand.duration_min if lift is not None and heavy else -1,
        pair=hard and lift is not None,
        run_not_easy=run is not None and not category_is_easy(run.category),
        q_end=run.start_min + run.demand.duration_min if run is not None and quality else -1,
        q_end_before=before.q_end,
        time_trial=run is not None and run.demand.time_trial,
        high=_high(run, lift),
        run_longish=run is not None and run.demand.longish,
        run_medium_long=run is not None and run.demand.medium_long,
        run_b2b=run is not None and run.demand.pair_run,
        long_end=end if run is not None and (run.demand.long or run.demand.pair_run) else -1,
        long_end_before=before.long_end,
    )


def _high(run: Placed | None, lift: Placed | None) -> bool:
    """Q4: a high day of a sprint or middle-distance week (``Demand.alternate``), by the
    one definition ``rules.predicates.category_is_high`` (the audit's too)."""
    if run is not None and run.demand.alternate:
        hard = run.demand.hard or run.demand.race
        if category_is_high(SessionKind.RUN, run.category, hard):
            return True
    return (
        lift is not None
        and lift.demand.alternate
        and category_is_high(SessionKind.STRENGTH, lift.category, False)
    )


@functools.cache
def pair_rules(prev: DaySig, cur: DaySig, cur_q_start: int = -1) -> tuple[str, ...]:
    """Rule keys broken between consecutive days (previous, current). ``cur_q_start``
    is the start of today's quality run (-1: none)."""
    keys: list[str] = []
    # R3 (rules.predicates): end of the earlier session to start of the later one,
    # across midnight the gap is 1440 + start(today) - end(yesterday) minutes.
    if prev.run_hard and cur.heavy and r3_too_close(1440 + cur.lift_start - prev.run_end):
        keys.append("R3")
    if prev.heavy and cur.run_start >= 0 and r3_too_close(1440 + cur.run_start - prev.lift_end):
        keys.append("R3")  # a hard run, or a key long run (``Demand.r3_before``)
    if prev.pair and (cur.lifts or cur.run_not_easy):
        keys.append("R4-next")
    if prev.run_key and cur.run_key:
        keys.append("R0-key-adjacent")
    if (prev.heavy or prev.power) and cur.run_key:
        keys.append("R0-heavy-before-key")
    if prev.lifts and cur.lifts:
        keys.append("R0-strength-adjacent")
    if prev.lifts and cur.run_race:
        keys.append("R0-race-eve")
    if prev.q_end >= 0 and cur.run_race:
        keys.append("Q5-race-eve")
    if prev.lifts and cur.time_trial:
        keys.append("Q4-tt-after-lift")
    if prev.high and cur.high:
        keys.append("Q4-high-low")
    if prev.run_longish and cur.run_long:
        keys.append("Q2-long-eve")
    elif prev.run_medium_long and cur.run_long:
        keys.append("Q2-medium-long-eve")
    if cur_q_start >= 0 and not cur.run_race:
        keys.extend(_q4_keys(prev, cur, cur_q_start))
    return tuple(keys)


def _q4_keys(prev: DaySig, cur: DaySig, cur_q_start: int) -> list[str]:
    """Q4 spacing of today's quality run (starting ``cur_q_start``) from the quality
    runs of the two days before (the long run in build/peak, a back-to-back pair's
    second run too, but not from each other); a time trial wants 48 h after a long run
    of any phase or a pair's second run (``Q4-tt-fresh``: it re-estimates the training
    paces, and tired legs understate them)."""
    gaps = []
    if prev.q_end >= 0 and not (prev.run_b2b and cur.run_long):
        gaps.append(1440 + cur_q_start - prev.q_end)
    if prev.q_end_before >= 0:
        gaps.append(2880 + cur_q_start - prev.q_end_before)
    keys: list[str] = []
    if gaps and min(gaps) < Q4_GAP_MIN:
        keys.append("Q4-spacing")
    if gaps and min(gaps) < Q4_GAP_FLOOR_MIN:
        keys.append("Q4-spacing-36")
    if cur.time_trial:
        longs = [1440 + cur_q_start - prev.long_end] if prev.long_end >= 0 else []
        if prev.long_end_before >= 0:
            longs.append(2880 + cur_q_start - prev.long_end_before)
        if longs and min(longs) < Q4_GAP_MIN:
            keys.append("Q4-tt-fresh")
    return keys


def day_rules(run: Placed | None, lift: Placed | None, long_run_day: int) -> list[str]:
    """Rule keys broken inside one day."""
    keys: list[str] = []
    if run is not None and run.demand.long and run.date.weekday() != long_run_day:
        keys.append("R6-long-day")
    if lift is not None and lift.downgraded:
        keys.append("R4-downgrade")
    if lift is not None and run is None and lift.demand.joins_run:
        keys.append("Q6-lift-alone")  # runs come first: the lift takes a day of its own
    if run is not None and lift is not None:
        shared = run.window == lift.window
        # Q6/R4: run first and the lift straight after it is one session (the one
        # predicate the audit asks too), not two sessions out of R4's order.
        joined = lift_joins_run(run.start_min, run.demand.duration_min, lift.start_min)
        if run.demand.hard or run.demand.race:
            if lift.heavy:
                keys.append("R3")
            # R4: in two sessions the strength comes earlier and the quality run later; a
            # time trial is the exception, Q4 keeps it out of the 24 h after a lift.
            if lift.start_min > run.start_min and not joined and not run.demand.time_trial:
                keys.append("R4-order")
            keys.append("R0-same-day")
        elif lift.heavy and run.demand.r3_before and lift.start_min < run.start_min:
            keys.append("R3")  # heavy legs just before a key long run (issue 12)
        if shared and lift.start_min < run.start_min:
            keys.append("Q6-run-first")  # one session: the run first, the lift after
        if run.demand.time_trial and lift.start_min < run.start_min:
            keys.append("Q4-tt-after-lift")
        if not shared and not joined:
            keys.append("R6-two-a-day")
    return keys


def end_sig(placed: Sequence[Placed], last: dt.date) -> DaySig:
    """What a week's last two days leave for the next week's first (R3–R5, Q4)."""
    eve = last - dt.timedelta(days=1)
    on = {(p.date, p.demand.kind): p for p in placed if p.date in (eve, last)}
    run, lift = SessionKind.RUN, SessionKind.STRENGTH
    before = day_sig(on.get((eve, run)), on.get((eve, lift)))
    sig = day_sig(on.get((last, run)), on.get((last, lift)), before)
    # Q4/Q7: a pair's second run is not spaced from its own long run, the next day in its
    # week; the next week's long run is another key run (seed-12 athlete 348: 32 h)
    return sig._replace(run_b2b=False)


def q_start(run: Placed | None) -> int:
    """Start of a quality run (Q4), -1 when the day holds none."""
    return run.start_min if run is not None and run.demand.quality else -1


@functools.cache
def pair_cost(prev: DaySig, cur: DaySig, cur_q_start: int = -1) -> float:
    return sum(weight(k) for k in pair_rules(prev, cur, cur_q_start))


def evaluate(
    placed: Sequence[Placed],
    dropped: Sequence[Demand],
    days: Sequence[DayCalendar],
    long_run_day: int,
    previous: DaySig = EMPTY_SIG,
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
            penalties.append(Penalty(key, keys_here, day.date, _message(key, day.date)))
        sig = day_sig(run, lift, prev)
        for key in pair_rules(prev, sig, q_start(run)):
            ids = tuple(x.demand.key for x in prev_items) + keys_here
            penalties.append(Penalty(key, ids, day.date, _pair_message(key, day.date)))
        prev, prev_items = sig, tuple(items)
    for d in dropped:
        penalties.append(
            Penalty(d.drop_rule, (d.key,), days[0].date if days else dt.date.min, _drop_message(d))
        )
    return sum(weight(p.rule) for p in penalties), penalties


_DAY_TEXTS: dict[str, str] = {
    "R4-order": "strength after the quality run (R4 wants it earlier)",
    "R0-same-day": "strength on the same day as a quality run",
    "Q6-run-first": "the lift comes before the run in their shared window",
    "Q4-tt-after-lift": "time trial after a strength session the same day",
    "Q6-lift-alone": "the lift has a day of its own; no run day of the week could take it",
    "R6-two-a-day": "two training windows used",
    "R3": "heavy lift and hard run on the same day (< 24 h)",
}
"""What a rule key broken inside one day says after "<weekday> <date>: " (the
rule's summary for a key not listed)."""


def _message(key: str, day: dt.date) -> str:
    wd = WEEKDAYS[day.weekday()]
    if key == "R6-long-day":
        return (
            f"long run on {wd} {day}: on the preferred long-run day it would break a "
            "weightier rule (its window, 36 h between quality runs, a lift's day)"
        )
    if key == "R4-downgrade":  # day_rules adds it only for a placed lift
        return (
            f"R3 could not hold on {wd} {day}: "
            "the heavy lift became light and dynamic (R4 fallback)"
        )
    return f"{wd} {day}: {_DAY_TEXTS.get(key, RULE_BY_KEY[key].summary)}"


def _pair_message(key: str, day: dt.date) -> str:
    wd = WEEKDAYS[day.weekday()]
    texts = {
        "R3": "a heavy lift and a hard run less than 24 h apart",
        "R4-next": "a quality run or heavy/power lift the day after a same-day pair",
        "R0-key-adjacent": "key runs on consecutive days",
        "R0-heavy-before-key": "a heavy or power lift the day before a key run",
        "R0-strength-adjacent": "strength sessions on consecutive days",
        "R0-race-eve": "a strength session the day before a race",
        "Q5-race-eve": "a quality or race-pace run the day before a race",
        "Q4-tt-after-lift": "a time trial within 24 h after a strength session",
        "Q4-spacing": "two quality runs less than 48 h apart",
        "Q4-spacing-36": "two quality runs less than 36 h apart",
        "Q4-high-low": (
            "two high days in a row in a sprint or middle-distance week: no placement of the "
            "week's quality runs and lifts alternates them without breaking rules that weigh "
            "more (36 h between quality runs, a lift's gym day or load, the long-run day)"
        ),
        "Q2-long-eve": "a long-ish easy run the day before the long run",
        "Q2-medium-long-eve": (
            "the long run follows a medium-long run (60-75 % of it; Pfitzinger puts it "
            "mid-week): no other day's window holds it without a weightier rule"
        ),
        "Q4-tt-fresh": "a time trial less than 48 h after a long run or back-to-back run",
    }
    return f"{wd} {day}: {texts.get(key, RULE_BY_KEY[key].summary)}"


def _drop_message(d: Demand) -> str:
    return f"no room for the {d.category} {d.kind.value} ({d.duration_min} min) this week"
