"""Build a season plan: periodization → weekly scheduling → prescription.

``build_plan(athlete, start)`` returns a ``Plan`` whose every week was placed by the
exact scheduler under the rules of ``core.rules.catalogue``; whatever rule the athlete's
calendar forced it to break is listed in ``Plan.broken_rules``, and every week is
re-checked so that no hard break goes unreported. ``replan_week`` re-places one week
from a given day on (daily coach). Pure: the caller passes the start date and ``today``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from functools import partial
from typing import TYPE_CHECKING

from runstrong.core.athlete import Athlete, check_against_start
from runstrong.core.model import (
    Plan,
    PlannedSession,
    PlanWeek,
    RuleBreak,
    RunCategory,
    SessionKind,
    StrengthCategory,
)
from runstrong.core.planning.capacity import capacity, easy_s_per_km, long_cap_km
from runstrong.core.planning.context import (
    PLAN_FORMAT_VERSION,
    QUALITY_NOTED,
    PlanCtx,
    alternates,
    athlete_vdot,
    calendar_days,
    day_caps,
    drafts_once,
    is_quality,
    lift_minutes,
    lifts_join_runs,
    long_room_min,
    plan_context,
    run_cap_min,
)
from runstrong.core.planning.extras import travel_notes, weight_goal_notes
from runstrong.core.planning.fit import (
    fit_deload,
    fit_race_week,
    fit_taper,
    fit_tune_up,
    follow_actual,
    long_fills_held,
    long_follows_actual,
    refit_deload,
    refit_taper,
    season_notes,
)
from runstrong.core.planning.injury_week import InjuryWeek, injury_week_runs
from runstrong.core.planning.lift_caps import pre_quality_caps, race_lift_caps, still_broken
from runstrong.core.planning.long_day import keep_long_day
from runstrong.core.planning.long_notes import LONG_CAP_NOTE, long_run_note
from runstrong.core.planning.periodization import PlanOptions, WeekOutline, periodize
from runstrong.core.planning.phases import LOADING, carries_strides
from runstrong.core.planning.plan_notes import (
    goal_notes,
    goal_race_pace,
    quality_notes,
    restate_long_growth,
    restate_season_capped,
    restate_season_held,
    restate_start_note,
    restate_volume_notes,
    sized_notes,
)
from runstrong.core.planning.progression import r14_steps
from runstrong.core.planning.race_week import strides_off_eve
from runstrong.core.planning.runs import RunContext, RunDraft, RunWeek
from runstrong.core.planning.schedule import (
    EMPTY_SIG,
    DayCalendar,
    Demand,
    Sig,
    WeekSchedule,
    end_sig,
    schedule_week,
)
from runstrong.core.planning.season_capacity import (
    default_capacity,
    season_capacity,
    window_holds,
)
from runstrong.core.planning.sessions import (
    mobility_sessions,
    placement_reasons,
    quality_note,
    unreported,
    volume_check,
    week_breaks,
    week_sessions,
)
from runstrong.core.planning.terrain import off_road_drafts, quality_to_cut
from runstrong.core.planning.time_trial import carry_time_trial, time_trial_notes, tt_pending
from runstrong.core.planning.ultra import back_to_back, wants_back_to_back
from runstrong.core.planning.unit_grid import hold_week_total
from runstrong.core.rules.predicates import category_is_easy, is_medium_long, long_run_is_quality
from runstrong.core.rules.quality import Q7_BACK_TO_BACK_SHARE, is_novice

if TYPE_CHECKING:  # imported on first use, by __getattr__: building a plan never re-plans
    from runstrong.core.planning.replan import WeekChanges, replan_week

__all__ = [
    "PLAN_FORMAT_VERSION", "WeekChanges", "athlete_vdot", "build_plan", "capacity",
    "long_cap_km", "replan_week", "season_capacity", "window_holds",
]  # fmt: skip


def __getattr__(name: str) -> object:
    """``replan_week`` and ``WeekChanges`` (the daily coach's) from ``planning.replan``,
    imported when first asked for: ``runstrong plan new`` never re-plans (issue 11)."""
    if name in ("replan_week", "WeekChanges"):
        from runstrong.core.planning import replan

        return getattr(replan, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def build_plan(athlete: Athlete, start: dt.date, *, options: PlanOptions | None = None) -> Plan:
    """The whole season from ``start`` to the goal race plus the transition."""
    check_against_start(athlete, start)
    ctx = dataclasses.replace(plan_context(athlete), plan_start=start)
    opts = options or PlanOptions()
    sized = False  # Q2: the long run's band, not the windows, sets what two run days hold
    if opts == PlanOptions():  # memoised: the strict audit's ``window_holds`` asks it too
        cap, sized, blocks = default_capacity(athlete, start)
        ctx.block_start.update(blocks)  # R14: as ``season_capacity`` numbers them
        opts = dataclasses.replace(opts, capacity_km=cap)
    elif opts.capacity_km is None:
        cap, sized = season_capacity(ctx, start, opts)
        opts = dataclasses.replace(opts, capacity_km=cap)
    if opts.long_cap_km is None:
        opts = dataclasses.replace(opts, long_cap_km=long_cap_km(athlete, ctx.paces))
    season = periodize(athlete, start, opts)
    for w in season.weeks:
        ctx.block_start.setdefault(w.mesocycle, w.index)
    # Q2: the long-run limit is stated once, from the weeks as built (``long_run_note``).
    notes = [n for n in season.notes if not n.startswith(LONG_CAP_NOTE)]
    if athlete.focus_from_goal:
        notes.append(f"Focus {athlete.focus.value} chosen from the goal distance (R10).")
    goal = athlete.goal
    notes.extend(goal_notes(athlete, ctx.paces.vdot, start))
    weeks: list[PlanWeek] = []
    breaks: list[RuleBreak] = []
    prev_sig: Sig = EMPTY_SIG
    prev_day: tuple[PlannedSession, ...] = ()
    top_actual = 0.0  # highest run_km of a full loading week actually scheduled
    top = max((w.run_km for w in season.weeks if w.phase in LOADING and not w.deload), default=0)
    owed = False  # a time trial an earlier week made easy
    long_top = max((w.long_run_km for w in season.weeks if w.phase in LOADING), default=0.0)
    for planned in season.weeks:
        outline = follow_actual(planned, weeks, top_actual, opts, (start, athlete.weekly_km), top)
        outline = fit_taper(outline)  # R7/Q6: the taper's long run leaves its runs real
        outline = long_fills_held(outline, weeks, start, athlete.weekly_km, long_top)
        outline = long_follows_actual(outline, weeks, start)
        before = weeks[-1] if weeks else None
        outline = fit_deload(outline, before, partial(drafts_once, ctx, draft=_run_drafts))
        outline = fit_race_week(outline, top_actual, athlete.week.run_days())
        outline = fit_tune_up(outline, athlete, easy_s_per_km(ctx.paces))  # R7/Q5
        outline = carry_time_trial(outline, owed)  # DOMAIN G: a time trial made easy moves on
        week, week_breaks, prev_sig, prev_day = _place_fitted(
            ctx, outline, before, top_actual, prev_sig, prev_day
        )
        owed = tt_pending(outline, week, owed)
        if _full_loading(outline):  # Q1/Q2: a partial first week is no level to follow
            top_actual = max(top_actual, week.run_km)
        weeks.append(week)
        breaks.extend(week_breaks)
    weeks = r14_steps(pre_quality_caps(weeks))  # Q5, then R14 climbs back from its caps
    weeks = time_trial_notes(weeks)  # DOMAIN G: notes as the weeks hold the time trial
    breaks = still_broken(breaks, weeks)  # R3: what the caps resolved is not reported
    weeks = restate_long_growth(restate_volume_notes(season_notes(weeks, athlete), start), start)
    notes = restate_start_note(restate_season_held(notes, weeks, start), weeks)  # Q1: as built
    notes.extend(n for n in [long_run_note(weeks, athlete, start)] if n)
    notes.extend(quality_notes(weeks))
    notes.extend(travel_notes(athlete, weeks))
    notes.extend(weight_goal_notes(athlete, weeks))
    if sized and opts.capacity_km is not None:  # Q1/Q2: what held the weeks, said truly
        notes, weeks = sized_notes(notes, weeks, goal.distance_m, opts.capacity_km)
    else:  # R6: the windows' figure as the weeks hold it
        notes = restate_season_capped(notes, weeks, start)
    return Plan(
        format_version=PLAN_FORMAT_VERSION,
        athlete=athlete.name,
        start_date=start,
        race_date=goal.date,
        race_distance_m=goal.distance_m,
        vdot=round(ctx.paces.vdot, 1),
        weeks=tuple(weeks),
        broken_rules=tuple(breaks),
        target_time_s=goal.target_time_s,
        notes=tuple(notes),
        units=athlete.units,
    )


_Placed = tuple[PlanWeek, list[RuleBreak], Sig, tuple[PlannedSession, ...]]
_Kept = tuple[WeekOutline, dict[str, RunDraft], list[Demand], WeekSchedule]


def _place_fitted(
    ctx: PlanCtx,
    outline: WeekOutline,
    before: PlanWeek | None,
    top_actual: float,
    prev_sig: Sig,
    prev_day: tuple[PlannedSession, ...],
) -> _Placed:
    """The week placed; placed again when the calendar moved a deload out of its band
    (Q1) or made a taper week rise (Q5), and the second placement is closer."""
    placed = _plan_week(ctx, outline, prev_sig, prev_day)
    retry = refit_deload(outline, placed[0].run_km, before)
    if retry is not None:  # Q1: the calendar moved the deload out of its band
        again = _plan_week(ctx, retry, prev_sig, prev_day)
        if (
            again[0].run_km
            and retry.run_km
            and abs(again[0].run_km - retry.run_km) < abs(placed[0].run_km - retry.run_km)
        ):
            placed = again
    taper = refit_taper(outline, placed[0].run_km, before, top_actual)
    if taper is not None:  # Q5: the calendar made the taper rise; place it lower
        again = _plan_week(ctx, taper, prev_sig, prev_day)
        if 0 < again[0].run_km < placed[0].run_km:
            placed = again
        if taper.hard_runs and refit_taper(taper, placed[0].run_km, before, top_actual):
            # Q5 over R7: a quality run (and the long run as long, Q2) outweighs a
            # taper week this small: an easy taper falls where the quality one cannot.
            note = "Q5: an easy taper: the quality run would hold the week above the peak"
            easy = dataclasses.replace(outline, hard_runs=(), why=(*outline.why, note))
            again = _plan_week(ctx, easy, prev_sig, prev_day)
            if 0 < again[0].run_km < placed[0].run_km:
                placed = again
    return placed


def _too_close(result: WeekSchedule) -> int:
    """Q4: how many pairs of quality runs the week leaves under 36 h apart."""
    return sum(p.rule == "Q4-spacing-36" for p in result.penalties)


def _run_context(ctx: PlanCtx, outline: WeekOutline) -> RunContext:
    athlete = ctx.athlete
    return RunContext(
        ctx.paces,
        athlete.goal.distance_m,
        run_cap_min(athlete, outline),
        outline.phase,
        outline.index,
        athlete.focus,
        outline.run_km,
        day_caps(athlete, outline, lift_minutes(ctx, outline)[1]),
        goal_race_pace(athlete, ctx.paces.vdot, ctx.plan_start or outline.start_date),
        outline.deload,
        outline.easy_cap_km,
        is_novice(athlete.years_running, athlete.weekly_km, athlete.goal.distance_m),
        athlete.weekly_km if _full_loading(outline) else 0.0,  # Q1: never below it
    )


def _full_loading(outline: WeekOutline) -> bool:
    """Q1: a loading week of seven days, no deload (the audit's ``full_loading``)."""
    full = outline.first_day in (None, outline.start_date)
    return outline.phase in LOADING and not outline.deload and full


def _run_drafts(ctx: PlanCtx, outline: WeekOutline) -> list[RunDraft]:
    """The week's runs before they have a day (races, quality, long, easy)."""
    athlete = ctx.athlete
    run_ctx = _run_context(ctx, outline)
    drafts = injury_week_runs(
        RunWeek(
            outline.run_km,
            outline.long_run_km,
            outline.run_count,
            outline.hard_runs,
            tuple(r.distance_m / 1000 for r in outline.races),
            carries_strides(outline.phase, outline.deload, run_ctx.novice),
        ),
        run_ctx,
        InjuryWeek(
            athlete.injury_history, outline.start_date, ctx.plan_start or outline.start_date
        ),
    )
    if athlete.goal.off_road:
        drafts = off_road_drafts(drafts, athlete.goal, ctx.paces, outline.phase)  # Q7
    return drafts


def _demands(
    ctx: PlanCtx, outline: WeekOutline, alone: bool = False
) -> tuple[list[Demand], dict[str, RunDraft], list[StrengthCategory], list[float]]:
    athlete = ctx.athlete
    drafts = drafts_once(ctx, outline, _run_drafts)
    demands: list[Demand] = []
    by_key: dict[str, RunDraft] = {}
    alternate = alternates(athlete)  # Q4: sprint and middle distance
    race_dates = [r.date for r in outline.races]
    sharp = {RunCategory.RACE_PACE: outline.sharpener_date}  # Q5: 3–5 days out, fit_race_week
    long_km = max((d.km for d in drafts if d.category is RunCategory.LONG), default=0.0)
    long_counts = long_run_is_quality(outline.phase, long_km, sum(d.km for d in drafts))  # Q4
    pairs = wants_back_to_back(athlete, outline)  # Q7
    long_min = max((d.duration_min for d in drafts if d.category is RunCategory.LONG), default=0)
    # Q2 long eve: not for Q7 pairs (on purpose) nor a part first week (no room)
    part = outline.first_day not in (None, outline.start_date)
    free_eve = not part and not pairs
    for i, draft in enumerate(drafts):
        key = f"run{i}"
        cat = draft.category
        easy = category_is_easy(cat.value)
        race = cat is RunCategory.RACE
        drop = (
            "drop-race" if race else "drop-long" if cat is RunCategory.LONG
            else "drop-hard" if cat.is_hard or cat is RunCategory.RACE_PACE else "drop-easy"
        )  # fmt: skip
        demands.append(
            Demand(
                key,
                SessionKind.RUN,
                cat.value,
                draft.duration_min,
                hard=cat.is_hard and not race,
                long=cat is RunCategory.LONG,
                race=race,
                fixed_date=race_dates[i] if race else sharp.get(cat),
                drop_rule=drop,
                quality=is_quality(cat, long_counts),
                time_trial=cat is RunCategory.TIME_TRIAL,
                alternate=alternate,
                longish=draft.longish and free_eve,
                medium_long=easy and not pairs and is_medium_long(draft.km, long_km),  # Q2
                # Q4/Q7: a run that can be a pair's second run is spaced from as a long run
                b2b=easy and pairs and draft.duration_min >= Q7_BACK_TO_BACK_SHARE * long_min,
            )
        )
        by_key[key] = draft
    cats = list(outline.strength)
    limits, minutes = lift_minutes(ctx, outline, alone)
    for i, (lift_cat, lift_min) in enumerate(zip(cats, minutes, strict=True)):
        demands.append(
            Demand(
                f"lift{i}",
                SessionKind.STRENGTH,
                lift_cat.value,
                lift_min,
                heavy=lift_cat.is_heavy,
                power=lift_cat is StrengthCategory.POWER,
                drop_rule="drop-strength",
                joins_run=lifts_join_runs(athlete),
                alternate=alternate,
            )
        )
    return demands, by_key, cats, limits


def _keep_long(
    ctx: PlanCtx,
    outline: WeekOutline,
    drafts: dict[str, RunDraft],
    demands: list[Demand],
    result: WeekSchedule,
    days: list[DayCalendar],
    prev_sig: Sig,
) -> _Kept:
    """Q2: the long run went for lack of a long window between quality runs (Q4); a
    quality run made easy lets it stay."""
    if not outline.hard_runs or not any(d.long for d in result.dropped):
        return outline, drafts, demands, result
    fewer = dataclasses.replace(
        outline,
        hard_runs=outline.hard_runs[:-1],
        why=(*outline.why, f"Q2: {outline.hard_runs[-1].value} made easy this week: "
             "the long run needs its window"),
    )  # fmt: skip
    fewer_demands, fewer_drafts, _, _ = _demands(ctx, fewer)
    retry = schedule_week(fewer_demands, days, ctx.athlete.week.long_run_day, prev_sig)
    if any(d.long for d in retry.dropped):
        return outline, drafts, demands, result
    return fewer, fewer_drafts, fewer_demands, retry


def _cover_r2(
    ctx: PlanCtx, outline: WeekOutline, result: WeekSchedule, days: list[DayCalendar], prev: Sig
) -> WeekSchedule:
    """R2: a lift found no room, so a kept one may have been sized only to finish the
    dropped one's coverage; the week again with each lift sized to cover every group
    alone, kept when it drops no more sessions of either kind."""
    lost = Counter(d.kind for d in result.dropped)
    if not lost[SessionKind.STRENGTH] or lift_minutes(ctx, outline) == lift_minutes(
        ctx, outline, alone=True
    ):
        return result
    demands = _demands(ctx, outline, alone=True)[0]
    retry = schedule_week(demands, days, ctx.athlete.week.long_run_day, prev)
    return retry if Counter(d.kind for d in retry.dropped) <= lost else result


def _arrange(
    ctx: PlanCtx, outline: WeekOutline, days: list[DayCalendar], prev_sig: Sig
) -> tuple[WeekOutline, dict[str, RunDraft], WeekSchedule, str]:
    """The week's runs and lifts placed on its days, with the outline they came from:
    fewer, longer easy runs when a day has no room (R6, R11), fewer quality runs when
    the windows cannot space them (Q4), the long run kept (Q2), and an ultra's
    back-to-back pair (Q7, with its note)."""
    athlete = ctx.athlete
    demands, drafts, _, _ = _demands(ctx, outline)
    result = schedule_week(demands, days, athlete.week.long_run_day, prev_sig)
    easy_dropped = sum(d.drop_rule == "drop-easy" for d in result.dropped)
    if easy_dropped:
        # Fewer, longer easy runs keep the week's volume when a day has no room (R6, R11).
        fewer = dataclasses.replace(outline, run_count=outline.run_count - easy_dropped)
        fewer_demands, fewer_drafts, _, _ = _demands(ctx, fewer)
        retry = schedule_week(fewer_demands, days, athlete.week.long_run_day, prev_sig)
        if retry.cost <= result.cost:
            outline, drafts, result, demands = fewer, fewer_drafts, retry, fewer_demands
    while _too_close(result) and len(outline.hard_runs) > 1:
        # Q4: fewer quality runs, well spaced, beat more of them back to back; the one
        # made easy rotates week by week, so every kind of session still comes round.
        hard = outline.hard_runs
        cut = quality_to_cut(hard, outline.index, athlete.goal)  # Q7: hills kept
        fewer = dataclasses.replace(
            outline,
            hard_runs=(*hard[:cut], *hard[cut + 1 :]),
            why=(*outline.why, f"Q4: {hard[cut].value} made easy this week: the windows leave "
                 "no 36 h between this many quality runs"),
        )  # fmt: skip
        more_demands, more_drafts, _, _ = _demands(ctx, fewer)
        retry = schedule_week(more_demands, days, athlete.week.long_run_day, prev_sig)
        if _too_close(retry) >= _too_close(result):
            break
        outline, drafts, result, demands = fewer, more_drafts, retry, more_demands
    outline, drafts, demands, result = _keep_long(ctx, outline, drafts, demands, result, days,
                                                  prev_sig)  # fmt: skip
    result = _cover_r2(ctx, outline, result, days, prev_sig)
    long_day = athlete.week.long_run_day  # R6: only a weightier rule than 48 h moves it
    result = keep_long_day(demands, result, days, long_day, prev_sig)
    b2b = ""
    if wants_back_to_back(athlete, outline):  # Q7: ultra build and peak weeks
        drafts, result, b2b = back_to_back(drafts, result, days, athlete.week.long_run_day,
                                           prev_sig, _run_context(ctx, outline))  # fmt: skip
    return outline, drafts, result, b2b


def _plan_week(
    ctx: PlanCtx,
    outline: WeekOutline,
    prev_sig: Sig,
    prev_day: tuple[PlannedSession, ...],
) -> tuple[PlanWeek, list[RuleBreak], Sig, tuple[PlannedSession, ...]]:
    athlete = ctx.athlete
    # R7: the goal race ends the loading; the days after it in the race week are rest
    # (the transition phase starts with the next week).
    race = athlete.goal.date
    after_race = frozenset(
        race + dt.timedelta(days=i) for i in range(1, (outline.end_date - race).days + 1)
    ) if outline.start_date <= race <= outline.end_date else frozenset()  # fmt: skip
    before_start = frozenset(
        outline.start_date + dt.timedelta(days=i)
        for i in range(((outline.first_day or outline.start_date) - outline.start_date).days)
    )  # part 7: a partial first week has no sessions before the plan starts
    days = calendar_days(athlete, outline.start_date, 7, after_race | before_start)
    outline, drafts, result, b2b = _arrange(ctx, outline, days, prev_sig)
    eve = partial(_run_context, ctx, outline)  # Q5: no strides on a race's eve
    result, drafts = strides_off_eve(result, drafts, outline.races, days, eve)
    sessions = placement_reasons(
        week_sessions(ctx, outline, result.placed, drafts, result.penalties), prev_day, athlete
    )
    sessions = race_lift_caps(sessions, athlete)  # Q5
    sessions = hold_week_total(sessions, athlete.units)  # Q1: the runs as shown add up
    sessions = sorted(
        [*sessions, *mobility_sessions(ctx, outline, sessions)], key=lambda s: (s.date, s.start)
    )
    breaks = week_breaks(outline, result.penalties, sessions, result.placed)
    breaks.extend(unreported(sessions, athlete, prev_day, breaks))
    run_km = round(sum(s.distance_km or 0.0 for s in sessions), 1)
    week = PlanWeek(
        index=outline.index,
        start_date=outline.start_date,
        phase=outline.phase,
        deload=outline.deload,
        run_km=run_km,
        mesocycle=outline.mesocycle,
        sessions=tuple(sessions),
        notes=(
            *outline.why,
            *volume_check(outline, run_km, sessions, long_room_min(ctx, outline), athlete),
            *([b2b] if b2b else []),
            *(quality_note(p) for p in result.penalties if p.rule in QUALITY_NOTED),
        ),
    )
    last = outline.end_date
    return week, breaks, end_sig(result.placed, last), tuple(s for s in sessions if s.date == last)
