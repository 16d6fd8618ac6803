"""The weekly scheduling rules as data (R0–R6), and checks over placed sessions.

``RULES`` lists every rule the scheduler weighs: hard rules carry a weight so
large that the solver only breaks one when the calendar leaves no other way;
soft rules carry a weight that ranks them against each other. The same ids
and checks are used by the planner (to report what it had to break) and by
the audit (``runstrong check``).

The ``check_*`` functions are pure functions over a sequence of
``PlannedSession`` (usually one week, plus the last day of the week before so
that R3/R4 see across the week boundary) and return ``RuleBreak`` lists.

What counts as a quality run, a heavy lift, an easy run, and how gaps are
measured (end of the earlier session to the start of the later one, local
minutes) is defined once, in ``rules.predicates``; the scheduler's costs and
the audit's findings both call those predicates.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.core.athlete import WEEKDAYS, WeekAvailability
from runstrong.core.model import (
    PlannedSession,
    RuleBreak,
    RunCategory,
    SessionKind,
    Severity,
)
from runstrong.core.rules.predicates import (
    R3_GAP_MIN,
    abs_min,
    category_is_easy,
    gap_min,
    is_heavy_lift,
    is_one_session,
    is_power_lift,
    is_quality_run,
    is_r3_heavy,
    r2_missing,
    r3_too_close,
)

HARD_WEIGHT = 10_000_000.0
"""The weight of a hard rule: so large the scheduler breaks one only when the calendar
leaves no other way."""
R1_MAX_STRENGTH = 3
"""R1: never more than this many strength sessions a week."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One scheduling rule: ``key`` is unique, ``rule_id`` the DOMAIN id it serves."""

    key: str
    rule_id: str
    hard: bool
    weight: float
    summary: str


RULES: tuple[Rule, ...] = (
    Rule("R3", "R3", True, HARD_WEIGHT, "≥ 24 h between a hard run and a heavy lift"),
    Rule("R5", "R5", True, HARD_WEIGHT, "no plyometrics on a heavy lifting day"),
    Rule(
        "R6",
        "R6",
        True,
        HARD_WEIGHT,
        "sessions inside the athlete's windows, gym days, length limit",
    ),
    Rule("R1", "R1", True, HARD_WEIGHT, "never more than 3 strength sessions a week"),
    Rule("drop-race", "R6", False, 100_000.0, "a race could not be placed"),
    Rule("drop-long", "R6", False, 4_000.0, "the long run could not be placed"),
    Rule("drop-hard", "R6", False, 3_000.0, "a quality run could not be placed"),
    Rule("drop-strength", "R1", False, 2_000.0, "a strength session could not be placed"),
    # Q6: runs come first: an easy run outweighs a strength session (issue 12 part 4).
    Rule("drop-easy", "R6", False, 2_500.0, "an easy run could not be placed"),
    Rule(
        "R4-downgrade",
        "R4",
        False,
        400.0,
        "R3 could not hold: the heavy lift becomes light/dynamic",
    ),
    Rule("R4-order", "R4", False, 300.0, "same-day pair: strength earlier, the quality run later"),
    Rule(
        "R4-next",
        "R4",
        False,
        300.0,
        "after a same-day pair the next day holds at most an easy run",
    ),
    # Above Q4-spacing (48 h) with a light rule or two beside it (R0-same-day, Q2-long-eve):
    # the long run keeps the athlete's day and the quality runs move round it, down to
    # Q4's 36 h floor; only a weightier rule (36 h, a lift alone (Q6), a drop) moves it
    # off (R6). Was 450, under Q4-spacing's 500, against this comment (issue 12 item 5).
    Rule("R6-long-day", "R6", False, 480.0, "long run on the preferred day"),
    Rule("R0-key-adjacent", "R0", False, 40.0, "quality/long runs not on consecutive days"),
    Rule(
        "R0-heavy-before-key", "R0", False, 20.0, "no heavy or power lift the day before a key run"
    ),
    Rule("R0-same-day", "R0", False, 20.0, "strength not on the day of a quality run"),
    Rule("R0-race-eve", "R0", False, 30.0, "no strength the day before a race"),
    Rule("R0-strength-adjacent", "R0", False, 15.0, "strength sessions not on consecutive days"),
    Rule("R6-two-a-day", "R6", False, 3.0, "prefer one training window a day"),
    # Plan quality (DOMAIN H), weighed by the scheduler (core.planning.schedule_costs).
    Rule("Q5-race-eve", "Q5", False, 2_500.0, "no quality or race-pace run the day before a race"),
    Rule("Q4-spacing-36", "Q4", False, 800.0, "never under 36 h between quality runs"),
    # Under R6-long-day (the 48 h default gives way to the preferred long-run day, the
    # 36 h floor does not); above R4-downgrade.
    Rule("Q4-spacing", "Q4", False, 430.0, "≥ 48 h between quality runs (long run in build/peak)"),
    Rule("Q4-tt-after-lift", "Q4", False, 500.0, "no time trial within 24 h after strength"),
    # Q4 (issue 12 item 5): a time trial re-estimates the training paces; run 22 h after a
    # back-to-back weekend it understates fitness. On top of Q4-spacing's 500.
    Rule("Q4-tt-fresh", "Q4", False, 700.0, "a time trial ≥ 48 h after a long run"),
    Rule("Q6-run-first", "Q6", False, 300.0, "a run and a lift in one window: run first"),
    # Above R4-downgrade + R0-same-day: with few days a lift turns light beside a hard
    # run (R4) rather than take a day of its own; below drop-strength.
    Rule("Q6-lift-alone", "Q6", False, 500.0, "with few run days a lift joins a run day"),
    Rule("Q4-high-low", "Q4", False, 100.0, "400 m–1500 m goals: high and low days alternate"),
    # Q2: the long run stands out: the day before it never holds an easy run of 75 % of
    # its length or more (a hard limit: as a light preference, weight 25, it lost to the
    # other costs and a 30.4 km easy Saturday came before a 35 km long run). Ultra
    # back-to-back pairs (Q7) are not long-ish demands (``build._demands``).
    Rule("Q2-long-eve", "Q2", True, HARD_WEIGHT, "no long-ish easy run on the long run's eve"),
    # Q2 (issue 12 item 5): Pfitzinger's medium-long run (60-75 % of the long run) sits
    # mid-week; on the long run's eve it is a softer preference than a long-ish run.
    Rule("Q2-medium-long-eve", "Q2", False, 10.0, "no medium-long run the day before the long run"),
)
RULE_BY_KEY: dict[str, Rule] = {r.key: r for r in RULES}


def weight(key: str) -> float:
    return RULE_BY_KEY[key].weight


# ---------------------------------------------------------------------------
# Session helpers
# ---------------------------------------------------------------------------


def has_plyometrics(s: PlannedSession) -> bool:
    """A power session or any exercise flagged plyometric (R5)."""
    return is_power_lift(s) or any(e.plyometric for e in s.exercises)


def _fmt(s: PlannedSession) -> str:
    return f"{s.category} {s.kind.value} on {s.date} {s.start:%H:%M}"


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------


def check_r1(sessions: Sequence[PlannedSession]) -> list[RuleBreak]:
    """R1: never more than 3 strength sessions in one week (7 days from the first)."""
    strength = sorted((s for s in sessions if s.kind is SessionKind.STRENGTH), key=lambda s: s.date)
    out: list[RuleBreak] = []
    if not strength:
        return out
    first = min(s.date for s in sessions)
    by_week: dict[int, list[PlannedSession]] = {}
    for s in strength:
        by_week.setdefault((s.date - first).days // 7, []).append(s)
    for group in by_week.values():
        if len(group) > R1_MAX_STRENGTH:
            out.append(
                RuleBreak(
                    "R1",
                    Severity.HARD,
                    tuple(s.id for s in group),
                    f"{len(group)} strength sessions in the week of {group[0].date}; "
                    "at most 3 allowed",
                    group[0].date,
                )
            )
    return out


def check_r2(sessions: Sequence[PlannedSession]) -> list[RuleBreak]:
    """R2: one week's strength sessions together cover every R2 group."""
    strength = [s for s in sessions if s.kind is SessionKind.STRENGTH]
    if not strength:
        return []
    missing = [m.value.replace("_", " ") for m in r2_missing(strength)]
    if not missing:
        return []
    return [
        RuleBreak(
            "R2",
            Severity.SOFT,
            tuple(s.id for s in strength),
            f"week of {min(s.date for s in strength)} misses {', '.join(missing)}; "
            "strength must cover hips, glutes, hamstrings, quads, calves, core and upper body",
            min(s.date for s in strength),
        )
    ]


def check_r3(
    sessions: Sequence[PlannedSession], key_longs: frozenset[str] = frozenset()
) -> list[RuleBreak]:
    """R3 (hard): at least 24 h between a hard run and a heavy lift, from the end
    of the earlier one to the start of the later one; and before a key long run
    (``key_longs``: the ids of long runs that ``predicates.long_run_is_quality`` makes
    key runs, ``predicates.category_keeps_heavy_off``) no heavy lift within 24 h. A lift
    is heavy by its label or by what it lifts (``predicates.is_r3_heavy``)."""
    hard = [s for s in sessions if is_quality_run(s) or s.id in key_longs]
    heavy = [s for s in sessions if is_r3_heavy(s)]
    out: list[RuleBreak] = []
    for run in hard:
        for lift in heavy:
            gap = max(gap_min(run, lift), 0.0)
            after = abs_min(lift.date, lift.start) >= abs_min(run.date, run.start)
            if run.id in key_longs and not is_quality_run(run) and after:
                continue  # a key long run keeps heavy lifts off its eve, not its evening
            if r3_too_close(gap):
                out.append(
                    RuleBreak(
                        "R3",
                        Severity.HARD,
                        (run.id, lift.id),
                        f"{_fmt(lift)} is {gap / 60:.1f} h from {_fmt(run)}; "
                        f"at least {R3_GAP_MIN // 60} h needed",
                        min(run.date, lift.date),
                    )
                )
    return out


def _r4_out_of_order(run: PlannedSession, lift: PlannedSession) -> bool:
    """R4's order: in separate sessions the strength comes before the quality run. Not
    broken by one session that lifts straight after the run (Q6, issue 12 part 4: run
    first, the lift light or moderate) nor by a time trial, which Q4 keeps out of the
    24 h after a lift."""
    if lift.start <= run.start or run.category == RunCategory.TIME_TRIAL.value:
        return False
    return not is_one_session(run, lift)


def check_r4(sessions: Sequence[PlannedSession]) -> list[RuleBreak]:
    """R4: a same-day hard run + strength pair puts the strength earlier, and the
    next day holds at most an easy run (easy, recovery or strides; no strength)."""
    out: list[RuleBreak] = []
    by_day: dict[dt.date, list[PlannedSession]] = {}
    for s in sessions:
        by_day.setdefault(s.date, []).append(s)
    for day, group in sorted(by_day.items()):
        runs = [s for s in group if is_quality_run(s)]
        lifts = [s for s in group if s.kind is SessionKind.STRENGTH]
        if not runs or not lifts:
            continue
        for run in runs:
            for lift in lifts:
                if _r4_out_of_order(run, lift):
                    out.append(
                        RuleBreak(
                            "R4",
                            Severity.SOFT,
                            (lift.id, run.id),
                            f"{_fmt(lift)} comes after {_fmt(run)}; a same-day pair lifts first",
                            day,
                        )
                    )
        nxt = by_day.get(day + dt.timedelta(days=1), [])
        bad = [
            s
            for s in nxt
            if s.kind is SessionKind.STRENGTH
            or (s.kind is SessionKind.RUN and not category_is_easy(s.category))
        ]
        for s in bad:
            out.append(
                RuleBreak(
                    "R4",
                    Severity.SOFT,
                    (runs[0].id, lifts[0].id, s.id),
                    f"{_fmt(s)} follows a same-day quality run + strength pair; "
                    "that next day should hold at most an easy run",
                    s.date,
                )
            )
    return out


def check_r5(sessions: Sequence[PlannedSession]) -> list[RuleBreak]:
    """R5 (hard): no plyometrics on a heavy lifting day."""
    out: list[RuleBreak] = []
    heavy_days = {s.date: s for s in sessions if is_heavy_lift(s)}
    for s in sessions:
        if s.date in heavy_days and has_plyometrics(s):
            lift = heavy_days[s.date]
            ids = (s.id,) if s.id == lift.id else (lift.id, s.id)
            out.append(
                RuleBreak(
                    "R5",
                    Severity.HARD,
                    ids,
                    f"plyometrics in {_fmt(s)} on a heavy lifting day; move them to another day",
                    s.date,
                )
            )
    return out


def check_r6(sessions: Sequence[PlannedSession], week: WeekAvailability) -> list[RuleBreak]:
    """R6 (hard): every session sits inside one of that weekday's windows (strength
    in a gym window), lasts at most ``max_session_min``, and sessions do not overlap.
    Races keep the organiser's time and are exempt from windows and length.
    Soft: the long run is on the preferred day."""
    out: list[RuleBreak] = []
    for s in sessions:
        if s.kind is SessionKind.REST:
            continue
        race = s.kind is SessionKind.RUN and s.category == RunCategory.RACE.value
        if race:
            continue
        start = s.start.hour * 60 + s.start.minute
        end = start + s.duration_min
        slots = week.slots_on(s.date)  # R17: a travel day has its own windows
        fits = any(
            slot.window.start_min <= start
            and end <= slot.window.end_min + 1e-6
            and (slot.gym_ok if s.kind is SessionKind.STRENGTH else True)
            and (slot.run_ok if s.kind is SessionKind.RUN else True)
            for slot in slots
        )
        if not fits:
            windows = ", ".join(str(sl.window) for sl in slots) or "none"
            out.append(
                RuleBreak(
                    "R6",
                    Severity.HARD,
                    (s.id,),
                    f"{_fmt(s)} ({s.duration_min:.0f} min) is outside the "
                    f"{'gym ' if s.kind is SessionKind.STRENGTH else ''}windows of "
                    f"{WEEKDAYS[s.date.weekday()]} ({windows})",
                    s.date,
                )
            )
        if s.duration_min > week.max_session_min + 1e-6 and s.kind is not SessionKind.MOBILITY:
            out.append(
                RuleBreak(
                    "R6",
                    Severity.HARD,
                    (s.id,),
                    f"{_fmt(s)} lasts {s.duration_min:.0f} min; "
                    f"the limit is {week.max_session_min} min",
                    s.date,
                )
            )
        long_run = s.kind is SessionKind.RUN and s.category == RunCategory.LONG.value
        if long_run and s.date.weekday() != week.long_run_day:
            out.append(
                RuleBreak(
                    "R6",
                    Severity.SOFT,
                    (s.id,),
                    f"long run on {WEEKDAYS[s.date.weekday()]} {s.date}, "
                    f"not the preferred {WEEKDAYS[week.long_run_day]}",
                    s.date,
                )
            )
    ordered = sorted(
        (s for s in sessions if s.kind is not SessionKind.REST),
        key=lambda s: abs_min(s.date, s.start),
    )
    for a, b in itertools.pairwise(ordered):
        if abs_min(a.date, a.start) + a.duration_min > abs_min(b.date, b.start) + 1e-6:
            out.append(
                RuleBreak(
                    "R6",
                    Severity.HARD,
                    (a.id, b.id),
                    f"{_fmt(a)} overlaps {_fmt(b)}",
                    a.date,
                )
            )
    return out


def check_week(
    sessions: Sequence[PlannedSession],
    week: WeekAvailability | None = None,
    *,
    previous: Sequence[PlannedSession] = (),
) -> list[RuleBreak]:
    """All weekly checks (R1–R6) over one week's sessions. ``previous`` (the
    sessions of the day before the week) lets R3/R4 see across the boundary;
    breaks that involve only previous sessions are not repeated."""
    allsess = [*previous, *sessions]
    own = {s.id for s in sessions}
    breaks = [
        *check_r1(sessions),
        *check_r2(sessions),
        *check_r3(allsess),
        *check_r4(allsess),
        *check_r5(sessions),
    ]
    if week is not None:
        breaks.extend(check_r6(sessions, week))
    return [b for b in breaks if any(i in own for i in b.session_ids)]
