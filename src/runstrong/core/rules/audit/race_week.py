"""Plan-quality checks of hard/easy spacing and of the race weeks (Q4, Q5).

Gaps follow the one convention of ``rules.predicates`` (end of the earlier
session to the start of the later one); "days before a race" are calendar
days. Each check is ``(plan, athlete, limits) -> list[RuleBreak]`` with severity
``QUALITY``, its message starting with the check's name. Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from runstrong.core.athlete import Athlete
from runstrong.core.model import (
    Phase,
    Plan,
    PlannedSession,
    PlanWeek,
    RuleBreak,
    RunCategory,
    SessionKind,
)
from runstrong.core.rules.audit.common import LOADING, AuditLimits, km_text, peak_km
from runstrong.core.rules.audit.quality import finding
from runstrong.core.rules.audit.stated import Facts, free_day_for
from runstrong.core.rules.predicates import (
    abs_min,
    category_is_heavy,
    category_off_race_eve,
    gap_min,
    heavy_exercise,
    is_back_to_back,
    is_heavy_lower,
    is_high_session,
    is_key_run,
    is_long_run,
    is_quality_run,
    is_race,
    week_long_is_quality,
)
from runstrong.core.rules.quality import (
    Q4_ALTERNATE_MAX_M,
    Q4_DEFAULT_GAP_MIN,
    Q4_MIN_EASY_DAYS,
    Q4_MIN_GAP_MIN,
    Q5_HEAVY_CLEAR_DAYS,
    Q5_HEAVY_RACE_MIN_M,
    Q5_PRE_QUALITY_GAP_MIN,
    Q5_RACE_DISTANCE_TOLERANCE,
    Q7_BACK_TO_BACK_MIN_M,
)
from runstrong.core.rules.race_week import (
    Q5_BESIDES_BAND,
    Q5_BESIDES_SLACK_KM,
    besides_race_cap_km,
    is_long_race,
)


def _week_of(plan: Plan, day: dt.date) -> PlanWeek | None:
    return next((w for w in plan.weeks if 0 <= (day - w.start_date).days <= 6), None)


def _key_runs(plan: Plan) -> list[PlannedSession]:
    out = [
        s
        for w in plan.weeks
        for s in w.sessions
        if is_key_run(s, long_counts=week_long_is_quality(w.phase, w.sessions))
    ]
    return sorted(out, key=lambda s: abs_min(s.date, s.start))


def _pair_runs(plan: Plan) -> dict[str, tuple[PlannedSession, PlannedSession]]:
    """Q4/Q7 (issue 12 item 5): the second runs of the back-to-back pairs of an ultra
    goal's build and peak loading weeks, by id: (the second run, its long run)."""
    if plan.race_distance_m < Q7_BACK_TO_BACK_MIN_M:
        return {}
    out: dict[str, tuple[PlannedSession, PlannedSession]] = {}
    for w in plan.weeks:
        if w.phase in (Phase.BUILD, Phase.PEAK) and not w.deload:
            longs = [s for s in w.sessions if is_long_run(s)]
            for s in w.sessions:
                long = next((x for x in longs if is_back_to_back(s, x)), None)
                if long is not None and not is_key_run(s, long_counts=True):
                    out[s.id] = (s, long)
    return out


def _spacing(plan: Plan, athlete: Athlete | None) -> list[RuleBreak]:
    """Q4: 36 h from the end of a key run, or of a back-to-back pair's second run, to
    the next quality run (a long run the day after the pair's run aside); a time trial
    48 h from a long run of any phase or a pair's second run (``tt-fresh``: it
    re-estimates the training paces)."""
    pairs = _pair_runs(plan)
    longs = [s for w in plan.weeks for s in w.sessions if is_long_run(s)]
    before = sorted(
        {s.id: s for s in (*_key_runs(plan), *(p for p, _ in pairs.values()), *longs)}.values(),
        key=lambda s: abs_min(s.date, s.start),
    )
    keys = {s.id for s in _key_runs(plan)} | set(pairs)
    out: list[RuleBreak] = []
    for b in (s for s in before if s.id in keys and not is_race(s)):
        start = abs_min(b.date, b.start)
        earlier = [a for a in before if abs_min(a.date, a.start) < start]
        spaced = [a for a in earlier if a.id in keys and not _pair_then_long(a, b, pairs)]
        last = max(spaced, key=lambda a: abs_min(a.date, a.start), default=None)
        if last is not None and gap_min(last, b) < Q4_MIN_GAP_MIN and b.id not in pairs:
            others = [a for a in before if a.id in keys and a.id != b.id]
            out.append(
                _spacing_finding("quality-spacing", last, b, Q4_MIN_GAP_MIN, plan, athlete, others)
            )
        longish = [a for a in earlier if is_long_run(a) or a.id in pairs]
        if b.category == RunCategory.TIME_TRIAL.value and longish:
            near = max(longish, key=lambda a: abs_min(a.date, a.start) + a.duration_min)
            if gap_min(near, b) < Q4_DEFAULT_GAP_MIN:
                out.append(_spacing_finding("tt-fresh", near, b, Q4_DEFAULT_GAP_MIN, plan))
    return out


def _pair_then_long(a: PlannedSession, b: PlannedSession, pairs: Collection[str]) -> bool:
    """Q4/Q7: ``b`` is a long run the day after the pair's second run ``a`` (its own, or
    the next week's): the pair does not space it, as the scheduler's ``_q4_keys``."""
    return a.id in pairs and is_long_run(b) and (b.date - a.date).days == 1


def _spacing_finding(
    check: str,
    a: PlannedSession,
    b: PlannedSession,
    need: int,
    plan: Plan,
    athlete: Athlete | None = None,
    others: Sequence[PlannedSession] = (),
) -> RuleBreak:
    """Q4: a pair under ``need``; with the profile, a pair that a free day's window would
    have spaced (``stated.free_day_for``) is not the windows' doing and no note excuses it."""
    what = "a time trial" if check == "tt-fresh" else "quality runs"
    week = _week_of(plan, b.date)
    message = (
        f"{a.category} {a.id} and {b.category} {b.id} are {gap_min(a, b) / 60:.1f} h apart; "
        f"leave at least {need // 60} h before {what}"
    )
    free = free_day_for(b, others, week, athlete) if athlete and week and others else ""
    if free:
        message += f"; {b.id} had a free day 36 h from the others: {free}"
    return finding(check, message, week, (a.id, b.id), on=None if free else b.date)


def check_q4_spacing(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """Q4: at least 36 h between two quality runs (quality = ``is_key_run``: R3-hard,
    race pace, and the long run in build and peak or a long taper long run,
    ``week_long_is_quality``, the scheduler's predicate; the eve of a race is Q5's), and
    at least two easy or rest days in every full week (a day is hard when it holds
    a quality run, race-pace work, a build/peak long run or a heavy lift)."""
    out = _spacing(plan, athlete)
    for i, w in enumerate(plan.weeks):
        end = w.start_date + dt.timedelta(days=6)
        if w.start_date < plan.start_date or end > plan.race_date:
            continue
        long_counts = week_long_is_quality(w.phase, w.sessions)
        hard_days = {
            s.date
            for s in w.sessions
            if is_key_run(s, long_counts=long_counts)
            or (s.kind is SessionKind.STRENGTH and category_is_heavy(s.category))
        }
        easy = 7 - len(hard_days)
        if easy < Q4_MIN_EASY_DAYS:
            out.append(
                finding(
                    "easy-days",
                    f"week {i + 1} has {easy} easy or rest day{'' if easy == 1 else 's'}; "
                    f"keep at least {Q4_MIN_EASY_DAYS}",
                    w,
                )
            )
    return out


def check_q4_high_low(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """Q4: a 400 m–1500 m goal's weeks alternate high and low days: no two calendar days
    in a row both hold a high session (``rules.predicates.is_high_session``: a quality
    or race-pace run, a race, a heavy or power lift), across week boundaries too. A
    pair the windows forced is explained by a note of its week naming ``Q4 high-low``
    and the later day (``rules.quality.NAMED_LIMITS``)."""
    if plan.race_distance_m > Q4_ALTERNATE_MAX_M:
        return []
    high: dict[dt.date, list[PlannedSession]] = {}
    for s in plan.sessions():
        if is_high_session(s):
            high.setdefault(s.date, []).append(s)
    out: list[RuleBreak] = []
    for day in sorted(high):
        before = high.get(day - dt.timedelta(days=1))
        if before is None:
            continue
        a, b = before[0], high[day][0]
        out.append(
            finding(
                "high-low",
                f"{a.category} {a.kind.value} {a.id} on {a.date} and {b.category} "
                f"{b.kind.value} {b.id} on {b.date} make two high days in a row; a "
                f"{plan.race_distance_m:g} m plan alternates high and low days",
                _week_of(plan, day),
                (a.id, b.id),
                on=day,
            )
        )
    return out


def _races(plan: Plan) -> list[tuple[PlannedSession | None, dt.date, float | None]]:
    """(session, date, distance in m) of every race; the goal race always, with the
    plan's distance, even when the plan holds no race session for it."""
    sessions = [s for s in plan.sessions() if is_race(s)]
    out: list[tuple[PlannedSession | None, dt.date, float | None]] = []
    goal_seen = False
    for s in sessions:
        goal = s.date == plan.race_date
        goal_seen |= goal
        dist = plan.race_distance_m if goal else (s.distance_km or 0.0) * 1000 or None
        out.append((s, s.date, dist))
    if not goal_seen:
        out.append((None, plan.race_date, plan.race_distance_m))
    return out


def _heavy_before_race(plan: Plan) -> list[RuleBreak]:
    out: list[RuleBreak] = []
    for _, day, dist in _races(plan):
        if dist is None or dist < Q5_HEAVY_RACE_MIN_M:
            continue
        for s in plan.sessions():
            days = (day - s.date).days
            heavy = any(heavy_exercise(e) for e in s.exercises) or is_heavy_lower(s)
            if s.kind is SessionKind.STRENGTH and 0 <= days < Q5_HEAVY_CLEAR_DAYS and heavy:
                out.append(
                    finding(
                        "heavy-before-race",
                        f"{s.id} lifts heavy {days} day{'' if days == 1 else 's'} before the "
                        f"{km_text(dist / 1000)} race on {day.isoformat()}; the last heavy lift "
                        f"comes at least {Q5_HEAVY_CLEAR_DAYS} days before",
                        _week_of(plan, s.date),
                        (s.id,),
                    )
                )
    return out


def _heavy_before_quality(plan: Plan) -> list[RuleBreak]:
    out: list[RuleBreak] = []
    lifts = [
        s
        for s in plan.sessions()
        if s.kind is SessionKind.STRENGTH and any(heavy_exercise(e) for e in s.exercises)
    ]
    quality = [s for s in plan.sessions() if is_quality_run(s)]
    for lift in lifts:
        for run in quality:
            if abs_min(run.date, run.start) <= abs_min(lift.date, lift.start):
                continue
            gap = gap_min(lift, run)
            if gap < Q5_PRE_QUALITY_GAP_MIN:
                out.append(
                    finding(
                        "heavy-before-quality",
                        f"{lift.id} (≥ 80 % e1RM) ends {max(gap, 0) / 60:.1f} h before the "
                        f"{run.category} run {run.id}; leave "
                        f"{Q5_PRE_QUALITY_GAP_MIN // 60} h",
                        _week_of(plan, run.date),
                        (lift.id, run.id),
                    )
                )
    return out


def _race_eve(plan: Plan) -> list[RuleBreak]:
    out: list[RuleBreak] = []
    for _, day, _dist in _races(plan):
        eve = day - dt.timedelta(days=1)
        for s in plan.sessions():
            fast = is_key_run(s, long_counts=True) or category_off_race_eve(s.category)
            if s.date == eve and not is_race(s) and fast:
                out.append(
                    finding(
                        "race-eve-quality",
                        f"{s.category} run {s.id} the day before the race on "
                        f"{day.isoformat()}; that day holds at most a plain easy run",
                        _week_of(plan, s.date),
                        (s.id,),
                    )
                )
    return out


def _race_week_besides(plan: Plan, i: int, week: PlanWeek, top: float) -> list[RuleBreak]:
    """Q5 (``rules.race_week``, the planner's definition): a long race's week runs at most
    45 % of the peak besides the race, and no more than the last taper week before it."""
    besides = sum(
        s.distance_km or 0.0 for s in week.sessions if s.kind is SessionKind.RUN and not is_race(s)
    )
    taper = [w.run_km for w in plan.weeks[:i] if w.phase is Phase.TAPER]
    cap = besides_race_cap_km(top, taper[-1] if taper else None)
    if besides <= cap + Q5_BESIDES_SLACK_KM:
        return []
    limit = f"{Q5_BESIDES_BAND[1]:.0%} of the season's {km_text(top)} peak"
    if taper and taper[-1] < Q5_BESIDES_BAND[1] * top:
        limit = f"the {km_text(taper[-1])} of the last taper week"
    race = km_text(plan.race_distance_m / 1000)
    return [
        finding(
            "race-week-besides",
            f"race week {i + 1} runs {km_text(besides)} besides the {race} race, more than "
            f"{limit}; from the marathon on the running besides the race is "
            f"{Q5_BESIDES_BAND[0]:.0%}–{Q5_BESIDES_BAND[1]:.0%} of the peak and below the taper",
            week,
        )
    ]


def _race_week_and_taper(plan: Plan, facts: Facts) -> list[RuleBreak]:
    out: list[RuleBreak] = []
    top = peak_km(plan)
    long_race = is_long_race(plan.race_distance_m / 1000)
    for i, w in enumerate(plan.weeks):
        if w.phase is Phase.RACE and top > 0 and long_race:
            out.extend(_race_week_besides(plan, i, w, top))
        elif w.phase is Phase.RACE and top > 0 and w.run_km >= top:
            out.append(
                finding(
                    "race-week-above-peak",
                    f"race week {i + 1} runs {km_text(w.run_km)}, not less than the season's "
                    f"peak of {km_text(top)}",
                    w,
                    facts=facts,
                )
            )
    taper = [(i, w) for i, w in enumerate(plan.weeks) if w.phase is Phase.TAPER]
    for k, (i, w) in enumerate(taper):
        prev = taper[k - 1][1].run_km if k else None
        if (top > 0 and w.run_km >= top) or (prev is not None and w.run_km > prev + 0.1):
            limit = f"the {km_text(top)} peak"
            if prev is not None:
                limit = f"the {km_text(prev)} of the taper week before"
            out.append(
                finding(
                    "taper-shape",
                    f"taper week {i + 1} runs {km_text(w.run_km)}, not less than {limit}; "
                    "a taper falls steadily below the peak",
                    w,
                )
            )
    return out


def _long_km(week: PlanWeek) -> float:
    return max((s.distance_km or 0.0 for s in week.sessions if s.category == "long"), default=0.0)


def _taper_long_and_deload(plan: Plan) -> list[RuleBreak]:
    """Q5: taper long runs fall week by week; no deload week directly before the taper
    (it would make the taper a month long, its first week barely under the deload)."""
    out: list[RuleBreak] = []
    weeks = plan.weeks
    for i, w in enumerate(weeks):
        if w.phase is not Phase.TAPER or i == 0:
            continue
        prev = weeks[i - 1]
        if prev.phase is Phase.TAPER and 0 < _long_km(prev) <= _long_km(w):
            out.append(
                finding(
                    "taper-long-shape",
                    f"taper week {i + 1}'s long run is {km_text(_long_km(w))}, not shorter than "
                    f"the {km_text(_long_km(prev))} of week {i}; taper long runs fall week by week",
                    w,
                )
            )
        if prev.phase in LOADING and prev.deload:
            out.append(
                finding(
                    "taper-after-deload",
                    f"deload week {i} runs straight into the taper at week {i + 1}; make the "
                    "last week before the taper a full loading week (the taper is the recovery)",
                    prev,
                )
            )
    return out


def _race_distance(plan: Plan) -> list[RuleBreak]:
    want = plan.race_distance_m / 1000
    for s, day, _dist in _races(plan):
        if day != plan.race_date:
            continue
        if s is None and _week_of(plan, day) is None:
            return []  # the plan ends before its race (a block, not a season)
        if s is None:
            return [
                finding(
                    "race-distance",
                    f"no race session on the race date {day.isoformat()}",
                    _week_of(plan, day),
                )
            ]
        got = s.distance_km or 0.0
        if abs(got - want) > max(0.1, Q5_RACE_DISTANCE_TOLERANCE * want):
            return [
                finding(
                    "race-distance",
                    f"the race session {s.id} is {km_text(got)}; the race is {km_text(want)} "
                    "(list warm-up and cool-down apart)",
                    _week_of(plan, day),
                    (s.id,),
                )
            ]
    return []


def check_q5_race_weeks(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """Q5: no lift at ≥ 80 % e1RM and no heavy lower-body session within 7 days
    before a race of 10 km or more; no lift at ≥ 80 % e1RM within 24 h before a
    quality run; no quality, race-pace or strides run the day before a race; the race week
    below the season's peak (from the marathon on: its running besides the race at
    most 45 % of the peak and the last taper week, ``rules.race_week``); taper weeks
    below the peak and not rising, their long runs falling, no deload right before the
    taper; the race session is the race distance."""
    loading = [w for w in plan.weeks if w.phase in LOADING]
    out = [*_heavy_before_race(plan), *_heavy_before_quality(plan), *_race_eve(plan)]
    if loading:
        facts = Facts(plan, athlete, limits)
        out.extend([*_race_week_and_taper(plan, facts), *_taper_long_and_deload(plan)])
    out.extend(_race_distance(plan))
    return out
