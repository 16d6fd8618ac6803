"""Back-to-back long runs for ultra goals (Q7, issue 12 part 6).

Ultra plans pair the week's long run with a second long-ish run on the day before or
after it, so the athlete runs on tired legs without one very long, very damaging run;
both are dosed by time (Koop, *Training Essentials for Ultrarunning*, 2016, ch. 9 on
back-to-back long runs; the same pairing is the weekend staple of published 50 km and
100 km plans). runstrong does it in build and peak loading weeks of goals from
``Q7_BACK_TO_BACK_MIN_M`` (50 km): the week's longest easy run becomes the second run,
``B2B_SHARE`` of the long run's minutes (at least ``Q7_BACK_TO_BACK_SHARE``, what the
audit asks), fixed on the day before the long run (else the day after) and the week
placed again by the same solver; the extra km come off the other easy runs, or whole
easy runs go into it, so the week keeps its volume (R11, Q1). When the days beside the
long run cannot hold the pair, the long run moves with it to two days in a row that can
(the preferred long-run day's neighbours first, R6). The new placement is kept only
when it drops nothing the first one placed and breaks no more hard rules (R3–R6);
otherwise the week's note names the limit that stops it (``"Q7: back-to-back long runs
…"``), which the audit reads. Pure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping, Sequence

from runstrong.core.athlete import WEEKDAYS, Athlete
from runstrong.core.model import Phase, PlannedSession, PlanWeek, RunCategory, SessionKind
from runstrong.core.planning.periodization import WeekOutline
from runstrong.core.planning.runs import MIN_EASY_KM, RunContext, RunDraft, prescribed_run
from runstrong.core.planning.schedule import (
    DayCalendar,
    DaySig,
    WeekSchedule,
    schedule_week,
)
from runstrong.core.planning.schedule_costs import Demand, Placed
from runstrong.core.planning.week_runs import EASY_SHARE_OF_LONG
from runstrong.core.rules.catalogue import RULE_BY_KEY
from runstrong.core.rules.predicates import category_is_easy
from runstrong.core.rules.quality import Q7_BACK_TO_BACK_MIN_M, Q7_BACK_TO_BACK_SHARE

B2B_SHARE = 0.6
"""Q7: the second run of the pair lasts this share of the long run (runstrong's choice,
inside the half-to-equal range of published ultra weekends; the audit asks ≥ half)."""
OTHER_EASY_KEEP = 0.5
"""Q7: the other easy runs give up at most half their km to the second run."""
B2B_TITLE = "Back-to-back: "
"""Q7: how the second run of a pair is titled; a re-plan (``replan.replan_week``)
finds it by this prefix and keeps it beside the long run (``keep_pair``)."""
PAIR_NOTE = "Q7: second long run: "
"""Q7: how the week's note on its pair starts; a re-plan (``replanned_notes``) rewrites it."""
NO_PAIR_NOTE = "Q7: no back-to-back pair this week: "
"""Q7: how a re-planned week's note on the pair it lost starts (a later re-plan rewrites it)."""


def wants_back_to_back(athlete: Athlete, outline: WeekOutline) -> bool:
    """Q7: an ultra goal's build or peak loading week."""
    return back_to_back_week(athlete.goal.distance_m, outline.phase, outline.deload)


def back_to_back_week(goal_m: float, phase: Phase, deload: bool) -> bool:
    """Q7: the one definition of a week that pairs its long run back to back (a goal from
    ``Q7_BACK_TO_BACK_MIN_M``, a build or peak loading week): the season build
    (``wants_back_to_back``) and the re-plan (``replan.week_facts``) ask it."""
    return goal_m >= Q7_BACK_TO_BACK_MIN_M and phase in (Phase.BUILD, Phase.PEAK) and not deload


def _hard_count(result: WeekSchedule) -> int:
    return sum(RULE_BY_KEY[p.rule].hard for p in result.penalties)


def _limit(text: str) -> str:
    return f"Q7: back-to-back long runs do not fit this week: {text}."


def _resized(
    drafts: Mapping[str, RunDraft], key: str, minutes: int, minimum: float, ctx: RunContext
) -> dict[str, RunDraft] | None:
    """The drafts with run ``key`` made about ``minutes`` long and the other easy runs
    shorter by the km it gained (at most ``OTHER_EASY_KEEP`` of theirs); when they
    cannot give that much, the pair takes whole easy runs instead (``_merged``). None
    when the prescription cannot make the run long enough or the easy runs cannot give
    the km without adding to the week's volume (R11, Q1)."""
    easy_s_per_km = sum(ctx.paces.easy_s_per_km) / 2
    second = prescribed_run(drafts[key].category, minutes * 60 / easy_s_per_km, ctx)
    if second.duration_min < minimum - 1e-9:
        return None
    out = dict(drafts)
    out[key] = second
    others = [k for k, d in drafts.items() if category_is_easy(d.category.value) and k != key]
    pool = sum(drafts[k].km for k in others)
    take = max(second.km - drafts[key].km, 0.0)
    cut = {k: prescribed_run(drafts[k].category, drafts[k].km * (1 - take / pool), ctx)
           for k in (others if take > 0 else ())}  # fmt: skip
    # Q6: no easy run is cut to a token run (under ``MIN_EASY_KM``): whole runs go instead
    if take <= OTHER_EASY_KEEP * pool + 0.1 and all(
        d.km >= MIN_EASY_KM - 0.05 for d in cut.values()
    ):
        out.update(cut)
        return out
    if drafts[key].duration_min >= minimum - 1e-9:
        return dict(drafts)  # long enough as it is: only its day changes
    return _merged(drafts, key, sorted(others, key=lambda k: drafts[k].km), minimum, ctx)


def _merged(
    drafts: Mapping[str, RunDraft], key: str, others: Sequence[str], minimum: float,
    ctx: RunContext,
) -> dict[str, RunDraft] | None:  # fmt: skip
    """Q7: the second run grown by whole easy runs (``others``, shortest first, their km
    added to it, so the week keeps its volume, R11/Q1, and holds one run fewer each)
    until it lasts ``minimum`` minutes; None when they are too few or the run would
    outgrow the session limit or ``EASY_SHARE_OF_LONG`` of the long run (Q2)."""
    out = dict(drafts)
    long_min = max((d.duration_min for d in drafts.values() if d.category is RunCategory.LONG),
                   default=0)  # fmt: skip
    km = drafts[key].km
    for k in others:
        km += drafts[k].km
        del out[k]
        second = prescribed_run(drafts[key].category, km, ctx)
        if second.duration_min >= minimum - 1e-9:
            if second.duration_min > min(ctx.cap_min, EASY_SHARE_OF_LONG * long_min) + 1e-9:
                return None
            out[key] = second
            return out
    return None


def _room(day: DayCalendar, cap_min: float) -> float:
    """R6: the longest run the day's windows hold (within the session limit)."""
    return min(max((s.window.minutes for s in day.slots if s.run_ok), default=0), cap_min)


_MAX_TRIES = 6
"""Q7: at most this many pairs of days are tried (each is one solve of the week)."""


def _day_pairs(
    days: Sequence[DayCalendar], long: Placed, long_run_day: int, pair_min: float, cap: float
) -> list[tuple[dt.date | None, dt.date]]:
    """Q7: (long run's day, second run's day) to try, consecutive days of the week whose
    windows hold both: beside the long run where the solver put it (None: the solver
    keeps it free), then the long run moved beside a day that holds the pair, the
    preferred long-run day first, then the days nearest to it (R6)."""
    room = {d.date: _room(d, cap) for d in days}
    one = dt.timedelta(days=1)
    out: list[tuple[dt.date | None, dt.date]] = [
        (None, p) for p in (long.date - one, long.date + one) if room.get(p, 0) >= pair_min
    ]
    pref = next((d for d in room if d.weekday() == long_run_day), long.date)
    for day in sorted(room, key=lambda d: (abs((d - pref).days), d)):
        if day != long.date and room[day] >= long.demand.duration_min:
            out.extend((day, p) for p in (day - one, day + one) if room.get(p, 0) >= pair_min)
    return out[:_MAX_TRIES]


def _no_days(days: Sequence[DayCalendar], long: Placed, pair_min: float, cap: float) -> str:
    """Q7: the limit when no two days in a row hold the pair, named truthfully (the
    week's first day stands for the next week's, the same weekday)."""
    text = (
        f"no two days in a row of this week have run windows for the long run "
        f"({long.demand.duration_min} min) and a second run of {pair_min:.0f} min"
    )
    if days and long.date == days[-1].date and _room(days[0], cap) >= pair_min:
        after = WEEKDAYS[(long.date.weekday() + 1) % 7]
        text += f" (the day after the long run, {after}, opens the next week)"
    return text


def back_to_back(
    drafts: Mapping[str, RunDraft],
    result: WeekSchedule,
    days: Sequence[DayCalendar],
    long_run_day: int,
    previous: DaySig,
    ctx: RunContext,
) -> tuple[dict[str, RunDraft], WeekSchedule, str]:
    """Q7: the week with a back-to-back pair (see the module docstring), or as it was
    with a note naming the limit."""
    long = next((p for p in result.placed if p.demand.long), None)
    if long is None:
        return dict(drafts), result, _limit("the week has no long run")
    minimum = Q7_BACK_TO_BACK_SHARE * long.demand.duration_min
    beside = {long.date - dt.timedelta(days=1), long.date + dt.timedelta(days=1)}
    for p in result.placed:
        run = p.demand.kind is SessionKind.RUN and not p.demand.long
        if run and p.date in beside and p.demand.duration_min >= minimum - 1e-9:
            return (
                _labelled(drafts, p, long),
                result,
                _pair_note(p.date, p.demand.duration_min, long.date, long.demand.duration_min),
            )  # the week already holds the pair: said so, not a disguised long run
    target = min(5 * math.ceil(B2B_SHARE * long.demand.duration_min / 5), int(ctx.cap_min))
    if target < minimum - 1e-9:
        return (
            dict(drafts),
            result,
            _limit(
                f"the session limit ({ctx.cap_min:.0f} min) is under half the long run "
                f"({long.demand.duration_min} min)"
            ),
        )
    if not _day_pairs(days, long, long_run_day, minimum, ctx.cap_min):
        return dict(drafts), result, _limit(_no_days(days, long, minimum, ctx.cap_min))
    demands = [*(p.demand for p in result.placed), *result.dropped]
    easy = sorted(  # plain easy runs first, then strides and recovery runs (R4/Q4 easy)
        (d for d in demands if d.kind is SessionKind.RUN and category_is_easy(d.category)),
        key=lambda d: (d.category != RunCategory.EASY.value, -d.duration_min),
    )
    if not easy:
        quality = sorted({d.category for d in demands if d.kind is SessionKind.RUN
                          and not d.long and not d.race})  # fmt: skip
        text = f"the week's other runs are quality runs ({', '.join(quality)})" if quality else (
            "the week has no run besides the long run")  # fmt: skip
        return dict(drafts), result, _limit(f"{text}; no easy run can become the second run")
    resized = _resized(drafts, easy[0].key, target, minimum, ctx)
    if resized is None:  # the audit's floor, half the long run, when 60 % does not fit
        target = max(5 * math.ceil(minimum / 5), 5)
        resized = _resized(drafts, easy[0].key, target, minimum, ctx)
    if resized is None:
        return (
            dict(drafts),
            result,
            _limit(f"no easy run can grow to {target} min without adding to the week's volume"),
        )
    pair_min = resized[easy[0].key].duration_min
    pairs = _day_pairs(days, long, long_run_day, pair_min, ctx.cap_min)
    if not pairs:
        return dict(drafts), result, _limit(_no_days(days, long, pair_min, ctx.cap_min))
    paired = _pair_beside(resized, demands, easy[0].key, long, pairs, result,
                          (days, long_run_day, previous))  # fmt: skip
    if paired is not None:
        return paired
    tried = ", ".join(sorted({f"{WEEKDAYS[d.weekday()]} {d}" for _, d in pairs}))
    return (
        dict(drafts),
        result,
        _limit(
            f"no {pair_min} min run fits beside the long run (tried {tried}) without dropping "
            "a session or breaking a hard rule"
        ),
    )


def _labelled(drafts: Mapping[str, RunDraft], pair: Placed, long: Placed) -> dict[str, RunDraft]:
    """Q7: the drafts with the run ``pair`` (placed beside the long run, at least half
    its minutes) titled and explained as the second run of a back-to-back pair: a 29 km
    "Easy run" the day after a 32.2 km long run was a pair nobody named."""
    out = dict(drafts)
    draft = drafts[pair.demand.key]
    if category_is_easy(draft.category.value) and not draft.title.startswith(B2B_TITLE):
        note = _pair_note(pair.date, draft.duration_min, long.date, long.demand.duration_min)
        out[pair.demand.key] = dataclasses.replace(
            draft, title=f"{B2B_TITLE}{draft.title}", why=(*draft.why, note)
        )
    return out


def _pair_beside(
    resized: dict[str, RunDraft],
    demands: Sequence[Demand],
    pair_key: str,
    long: Placed,
    candidates: Sequence[tuple[dt.date | None, dt.date]],
    result: WeekSchedule,
    week: tuple[Sequence[DayCalendar], int, DaySig],
) -> tuple[dict[str, RunDraft], WeekSchedule, str] | None:
    """The week placed again with the resized run fixed on the second day of the first
    of ``candidates`` (and the long run on its first, unless None) where it lands beside
    the long run, nothing new is dropped and no more hard rules break; None when no
    pair of days works. Easy runs the pair took whole (``_merged``) are left out."""
    days, long_run_day, previous = week
    dropped = {d.key for d in result.dropped}
    for long_day, day in candidates:
        fixed = [
            dataclasses.replace(
                d,
                duration_min=resized[d.key].duration_min if d.key in resized else d.duration_min,
                fixed_date=day if d.key == pair_key else long_day if d.long else d.fixed_date,
            )
            for d in demands
            if d.key in resized or d.kind is not SessionKind.RUN
        ]
        again = schedule_week(fixed, days, long_run_day, previous)
        placed = {p.demand.key: p for p in again.placed}
        pair, new_long = placed.get(pair_key), placed.get(long.demand.key)
        if (
            pair is not None
            and new_long is not None
            and _beside(pair, new_long)
            and {d.key for d in again.dropped} <= dropped
            and _hard_count(again) <= _hard_count(result)
        ):
            note = _pair_note(
                pair.date, resized[pair_key].duration_min, new_long.date, long.demand.duration_min
            )
            if new_long.date.weekday() != long_run_day:  # R6: why it left its day
                note += (
                    f" The long run is on {WEEKDAYS[new_long.date.weekday()]} so that the pair "
                    f"fits: the days beside {WEEKDAYS[long_run_day]} cannot hold it this week."
                )
            draft = resized[pair_key]
            resized[pair_key] = dataclasses.replace(
                draft, title=f"{B2B_TITLE}{draft.title}", why=(*draft.why, note)
            )
            return resized, again, note
    return None


def _pair_note(day: dt.date, minutes: float, long_day: dt.date, long_minutes: float) -> str:
    """Q7: the week's note for a pair that holds (``PAIR_NOTE`` …)."""
    side = "before" if day < long_day else "after"
    return (  # "back to back" unhyphenated: the audit reads "back-to-back" as a limit
        f"{PAIR_NOTE}{WEEKDAYS[day.weekday()]} {day} holds {minutes:.0f} min easy the day "
        f"{side} the long run ({long_minutes:.0f} min), back to back, by time, on tired legs."
    )


def _beside(a: Placed | None, b: Placed | None) -> bool:
    return a is not None and b is not None and abs((a.date - b.date).days) == 1


def keep_pair(
    demands: Sequence[Demand],
    result: WeekSchedule,
    days: Sequence[DayCalendar],
    long_run_day: int,
    previous: DaySig,
    pair_key: str,
) -> WeekSchedule:
    """Q7: a re-placed week (R22) keeps its back-to-back pair: when the solver moved the
    second run (``pair_key``) away from the long run, the week is placed again with it
    fixed on the day before (else after) the long run, kept when that drops no more
    sessions (a plain easy run may give way to the pair, nothing else) and breaks no
    more hard rules; else as it was."""
    placed = {p.demand.key: p for p in result.placed}
    long = next((p for p in result.placed if p.demand.long), None)
    if long is None or pair_key not in {d.key for d in demands}:
        return result
    if _beside(placed.get(pair_key), long):
        return result
    dropped = {d.key for d in result.dropped}
    open_days = {d.date for d in days if d.slots}
    one = dt.timedelta(days=1)
    for day in (d for d in (long.date - one, long.date + one) if d in open_days):
        # fixed beside the long run, and weighed as a long run: a plain easy run gives way
        fixed = [dataclasses.replace(d, fixed_date=day, drop_rule="drop-long")
                 if d.key == pair_key else d for d in demands]  # fmt: skip
        again = schedule_week(fixed, days, long_run_day, previous)
        now = {p.demand.key: p for p in again.placed}
        new_long = next((p for p in again.placed if p.demand.long), None)
        if (
            _beside(now.get(pair_key), new_long)
            and len(again.dropped) <= len(result.dropped)
            # another easy run may give way to the pair, nothing else
            and {d.key for d in again.dropped if d.drop_rule != "drop-easy"} <= dropped
            and _hard_count(again) <= _hard_count(result)
        ):
            return again
    return result


def replanned_notes(
    old: PlanWeek,
    sessions: Sequence[PlannedSession],
    lost_days: frozenset[dt.date] = frozenset(),
    skipped: frozenset[str] = frozenset(),
    missed: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """Q7: the notes of week ``old`` once its sessions became ``sessions`` (a re-plan,
    R22): its pair note (``PAIR_NOTE``, or ``NO_PAIR_NOTE`` from an earlier re-plan)
    restated where the pair now lies, or, when the pair is gone, one note saying why
    (``NO_PAIR_NOTE``; ``lost_days``: days taken out, ``skipped``/``missed``: session
    ids). Other notes, and weeks without a pair, as they were."""
    before = {s.id: s for s in old.sessions}
    pair_id = next((s.id for s in old.sessions if s.title.startswith(B2B_TITLE)), None)
    prefixes = (PAIR_NOTE, NO_PAIR_NOTE)
    if pair_id is None or not any(n.startswith(prefixes) for n in old.notes):
        return old.notes
    long_id = next((s.id for s in old.sessions if s.category == RunCategory.LONG.value), None)
    now = {s.id: s for s in sessions}
    pair, long = now.get(pair_id), now.get(long_id or "")
    if pair is not None and long is not None and abs((pair.date - long.date).days) == 1:
        note = _pair_note(pair.date, pair.duration_min, long.date, long.duration_min)
    else:
        why = _why_gone(
            before[pair_id], before.get(long_id or ""), pair, long, lost_days, skipped, missed
        )
        note = f"{NO_PAIR_NOTE}{why}."
    kept = [n for n in old.notes if not n.startswith(prefixes)]
    at = next(i for i, n in enumerate(old.notes) if n.startswith(prefixes))
    return (*kept[:at], note, *kept[at:])


def _why_gone(
    pair: PlannedSession,
    long: PlannedSession | None,
    pair_now: PlannedSession | None,
    long_now: PlannedSession | None,
    lost_days: frozenset[dt.date],
    skipped: frozenset[str],
    missed: frozenset[str],
) -> str:
    """Q7: why a re-placed week no longer holds its pair, in a few words."""

    def on(d: dt.date) -> str:
        return f"{WEEKDAYS[d.weekday()]} {d}"

    def gone(s: PlannedSession, what: str, day: str) -> str | None:
        if s.id in missed:
            return f"{what} ({on(s.date)}) was missed"
        if s.id in skipped:
            return f"{what} ({on(s.date)}) was skipped"
        if s.date in lost_days:
            return f"{day} ({on(s.date)}) was skipped"
        return None

    if long is None or long_now is None:
        why = gone(long, "the long run", "the long run's day") if long else None
        return why or "the long run found no room"
    where = gone(pair, "the second long run", "the day beside the long run")
    long_on = f"the long run ({on(long_now.date)})"
    if pair.id in skipped | missed and where:
        return where  # taken out on purpose: not re-placed
    if pair_now is None and where:
        return f"{where} and no other day beside {long_on} could hold it"
    if pair_now is None:
        return f"the second long run ({pair.duration_min:.0f} min) found no day beside {long_on}"
    moved = f"the second long run now falls on {on(pair_now.date)}, not beside {long_on}"
    return f"{where}; {moved}" if where else moved
