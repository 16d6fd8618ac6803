"""The weekly scheduler: exact optimum (brute force on small weeks), rules R3–R6."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from runstrong.core.athlete import Slot, TimeWindow
from runstrong.core.model import PlannedSession, SessionKind, Severity, StrengthCategory
from runstrong.core.planning.schedule import (
    EMPTY_SIG,
    DayCalendar,
    Demand,
    Placed,
    WeekSchedule,
    day_sig,
    evaluate,
    schedule_week,
)
from runstrong.core.planning.schedule_options import (
    _lift_placements,
    _pair_placements,
    run_placements,
)
from runstrong.core.rules.catalogue import RULES, check_week

MON = dt.date(2026, 11, 30)
RUN, LIFT = SessionKind.RUN, SessionKind.STRENGTH


def slot(a: str, b: str, run: bool = True, gym: bool = True) -> Slot:
    return Slot(TimeWindow(dt.time.fromisoformat(a), dt.time.fromisoformat(b)), run, gym)


def easy(key: str, minutes: int = 40) -> Demand:
    return Demand(key, RUN, "easy", minutes)


def hard(key: str, minutes: int = 60, category: str = "intervals") -> Demand:
    return Demand(key, RUN, category, minutes, hard=True, drop_rule="drop-hard")


def long_run(minutes: int = 90) -> Demand:
    return Demand("long", RUN, "long", minutes, long=True, drop_rule="drop-long")


def heavy(key: str = "heavy", minutes: int = 50) -> Demand:
    return Demand(key, LIFT, "heavy", minutes, heavy=True, drop_rule="drop-strength")


def moderate(key: str = "mod", minutes: int = 45) -> Demand:
    return Demand(key, LIFT, "moderate", minutes, drop_rule="drop-strength")


def sessions_of(placed: Sequence[Placed]) -> list[PlannedSession]:
    return [
        PlannedSession(
            id=p.demand.key,
            date=p.date,
            start=p.start,
            kind=p.demand.kind,
            category=p.category,
            hard=p.demand.hard,
            duration_min=p.demand.duration_min,
            load=0.0,
        )
        for p in placed
    ]


def test_rules_are_data_with_hard_rules_heaviest() -> None:
    hard_w = min(r.weight for r in RULES if r.hard)
    soft_w = max(r.weight for r in RULES if not r.hard)
    assert hard_w > 10 * soft_w
    assert {"R1", "R3", "R5", "R6"} <= {r.rule_id for r in RULES if r.hard}


def test_r3_hard_run_and_heavy_lift_24h_apart() -> None:
    days = [DayCalendar(MON + dt.timedelta(i), (slot("18:00", "20:00"),), True) for i in range(4)]
    week = schedule_week([hard("int"), heavy()], days, long_run_day=6)
    assert not week.dropped and not [p for p in week.penalties if p.hard]
    assert not [b for b in check_week(sessions_of(week.placed)) if b.rule_id == "R3"]
    by_key = {p.demand.key: p for p in week.placed}
    run, lift = by_key["int"], by_key["heavy"]
    first, second = sorted((run, lift), key=lambda p: (p.date, p.start_min))
    gap = (second.date - first.date).days * 1440 + second.start_min - first.start_min
    assert (
        gap - first.demand.duration_min >= 24 * 60
    )  # from the end of one to the start of the other


def test_r3_across_midnight_compares_clock_times() -> None:
    """Hard run Monday evening, heavy lift Tuesday: only a start after the run ended is fine."""
    days = [
        DayCalendar(MON, (slot("18:00", "19:00"),), True),
        DayCalendar(MON + dt.timedelta(1), (slot("06:00", "07:00"), slot("19:00", "20:00")), True),
    ]
    week = schedule_week([hard("int", 60), heavy("heavy", 50)], days, long_run_day=6)
    lift = next(p for p in week.placed if p.demand.key == "heavy")
    assert lift.date == MON + dt.timedelta(1) and lift.start_min >= 19 * 60
    assert week.cost == 0 or "R3" not in {p.rule for p in week.penalties}


def test_r4_fallback_when_r3_cannot_hold() -> None:
    """Two days, one window each: the heavy lift turns light (R4) and shares the quality
    run's window as one session, the run first (Q6, issue 12 part 4)."""
    days = [
        DayCalendar(MON, (slot("17:00", "20:00"),), True),
        DayCalendar(MON + dt.timedelta(1), (slot("17:00", "20:00"),), True),
    ]
    week = schedule_week([hard("a"), hard("b", category="threshold"), heavy()], days, 6)
    lift = next(p for p in week.placed if p.demand.kind is LIFT)
    assert lift.downgraded and lift.category == StrengthCategory.LIGHT.value and not lift.heavy
    run = next(p for p in week.placed if p.date == lift.date and p.demand.kind is RUN)
    assert lift.window == run.window and run.start_min + 60 <= lift.start_min  # Q6: run first
    assert "R4-downgrade" in {p.rule for p in week.penalties}
    assert not [b for b in check_week(sessions_of(week.placed)) if b.severity is Severity.HARD]


def test_r6_one_session_a_day_without_two_a_days_and_drops_are_reported() -> None:
    """Without two-a-days a day holds one session: one run, or a run and a lift in one
    window, run first (Q6); what does not fit is dropped and reported."""
    days = [
        DayCalendar(MON, (slot("07:00", "08:30"),), False),
        DayCalendar(MON + dt.timedelta(1), (slot("07:00", "08:00"),), False),
    ]
    week = schedule_week([easy("e1"), easy("e2"), moderate(), moderate("mod2")], days, 6)
    runs = [p for p in week.placed if p.demand.kind is RUN]
    lifts = [p for p in week.placed if p.demand.kind is LIFT]
    assert len({p.date for p in runs}) == len(runs) == 2
    assert len(lifts) == 1
    run = next(p for p in runs if p.date == lifts[0].date)
    assert run.window == lifts[0].window and run.start_min + 40 <= lifts[0].start_min
    assert [d.key for d in week.dropped] == ["mod2"]
    assert {p.rule for p in week.penalties} == {"drop-strength"}


def test_r6_long_run_on_preferred_day_and_inside_windows() -> None:
    days = [
        DayCalendar(MON + dt.timedelta(i), (slot("06:00", "07:00"),), True) for i in range(5)
    ] + [
        DayCalendar(MON + dt.timedelta(5), (slot("08:00", "09:00"),), True),
        DayCalendar(MON + dt.timedelta(6), (slot("08:00", "10:00"),), True),
    ]
    week = schedule_week([long_run(100), easy("e1"), hard("q")], days, long_run_day=6)
    lr = next(p for p in week.placed if p.demand.long)
    assert lr.date.weekday() == 6
    for p in week.placed:
        day = next(d for d in days if d.date == p.date)
        assert any(
            s.window.start_min <= p.start_min
            and p.start_min + p.demand.duration_min <= s.window.end_min
            for s in day.slots
        )


def test_previous_day_is_respected_across_the_week_boundary() -> None:
    """Sunday's intervals (prev) forbid a heavy lift early on Monday."""
    prev_run = Placed(hard("sun-int"), MON - dt.timedelta(1), 17 * 60, 0, "intervals", False)
    prev = day_sig(prev_run, None)
    days = [
        DayCalendar(MON, (slot("06:00", "07:00"),), True),
        DayCalendar(MON + dt.timedelta(2), (slot("06:00", "07:00"),), True),
    ]
    week = schedule_week([heavy()], days, 6, previous=prev)
    assert week.placed[0].date == MON + dt.timedelta(2)


# ---------------------------------------------------------------------------
# Optimality against brute force
# ---------------------------------------------------------------------------


def brute_force(demands: list[Demand], days: list[DayCalendar], long_day: int) -> float:
    """Try every assignment of every demand to a day (or drop) and every placement."""
    best = float("inf")
    choices = [*list(range(len(days))), -1]
    for assign in itertools.product(choices, repeat=len(demands)):
        per_day: list[list[Demand]] = [[] for _ in days]
        ok = True
        for d, a in zip(demands, assign, strict=True):
            if a >= 0:
                per_day[a].append(d)
        for day_items in per_day:
            if (
                sum(d.kind is RUN for d in day_items) > 1
                or sum(d.kind is LIFT for d in day_items) > 1
            ):
                ok = False
        if not ok:
            continue
        day_options: list[list[list[Placed]]] = []
        for day, items in zip(days, per_day, strict=True):
            run = next((d for d in items if d.kind is RUN), None)
            lift = next((d for d in items if d.kind is LIFT), None)
            opts: list[list[Placed]] = []
            downs = [False, True] if lift is not None and lift.heavy else [False]
            for down in downs:
                cat = "light" if down else (lift.category if lift else "")
                hv = bool(lift and lift.heavy and not down)
                if run and lift:
                    for rs, rw, ls, lw in _pair_placements(day, run, lift):
                        opts.append([
                            Placed(run, day.date, rs, rw, run.category, False),
                            Placed(lift, day.date, ls, lw, cat, hv, down),
                        ])  # fmt: skip
                elif run:
                    opts += [[Placed(run, day.date, s, w, run.category, False)]
                             for s, w in run_placements(day, run)]  # fmt: skip
                elif lift:
                    opts += [[Placed(lift, day.date, s, w, cat, hv, down)]
                             for s, w in _lift_placements(day, lift)]  # fmt: skip
                else:
                    opts.append([])
            day_options.append(opts)
        dropped = [d for d, a in zip(demands, assign, strict=True) if a < 0]
        for combo in itertools.product(*day_options):
            placed = [p for items in combo for p in items]
            cost, _ = evaluate(placed, dropped, days, long_day, EMPTY_SIG)
            best = min(best, cost)
    return best


WINDOWS = [("06:00", "07:00"), ("07:00", "09:00"), ("12:00", "13:00"), ("18:00", "20:00")]


@st.composite
def small_weeks(draw: st.DrawFn) -> tuple[list[Demand], list[DayCalendar], int]:
    n_days = draw(st.integers(2, 4))
    offsets = sorted(draw(st.sets(st.integers(0, 6), min_size=n_days, max_size=n_days)))
    two = draw(st.booleans())
    days = []
    for off in offsets:
        picks = sorted(draw(st.sets(st.sampled_from(range(len(WINDOWS))), min_size=1, max_size=2)))
        slots = tuple(slot(*WINDOWS[i], gym=draw(st.booleans())) for i in picks)
        days.append(DayCalendar(MON + dt.timedelta(off), slots, two))
    pool = [easy("e1"), easy("e2"), hard("i", 55), hard("t", 50, "threshold"), long_run(100),
            heavy(), moderate()]  # fmt: skip
    demands = draw(
        st.lists(st.sampled_from(pool), min_size=2, max_size=5, unique_by=lambda d: d.key)
    )
    return demands, days, draw(st.integers(0, 6))


@settings(max_examples=40, deadline=None)
@given(small_weeks())
def test_solver_is_optimal_against_brute_force(
    week: tuple[list[Demand], list[DayCalendar], int],
) -> None:
    demands, days, long_day = week
    result = schedule_week(demands, days, long_day)
    assert result.cost == evaluate(result.placed, result.dropped, days, long_day)[0]
    assert result.cost == brute_force(demands, days, long_day)
    # Whatever the solver had to do, a hard break found by the checks is among its penalties.
    found = {
        b.rule_id for b in check_week(sessions_of(result.placed)) if b.severity is Severity.HARD
    }
    assert found <= {p.rule for p in result.penalties if p.hard}


# ---------------------------------------------------------------------------
# The rule checks (used by the planner's own report and by the audit)
# ---------------------------------------------------------------------------


def session(
    sid: str, day: int, start: str, kind: SessionKind, category: str, minutes: float = 60
) -> PlannedSession:
    return PlannedSession(
        id=sid,
        date=MON + dt.timedelta(days=day),
        start=dt.time.fromisoformat(start),
        kind=kind,
        category=category,
        hard=category in ("intervals", "threshold"),
        duration_min=minutes,
        load=0.0,
    )


def test_check_r3_measures_end_to_start_across_midnight() -> None:
    run = session("run", 0, "18:00", RUN, "intervals", 60)
    early = session("lift", 1, "18:30", LIFT, "heavy", 50)
    late = session("lift", 1, "19:00", LIFT, "heavy", 50)
    from runstrong.core.rules.catalogue import check_r3

    [brk] = check_r3([run, early])
    assert brk.rule_id == "R3" and brk.severity is Severity.HARD
    assert brk.session_ids == ("run", "lift") and "23.5 h" in brk.message
    assert check_r3([run, late]) == []


def test_check_r4_pair_order_and_next_day() -> None:
    from runstrong.core.rules.catalogue import check_r4

    run = session("run", 0, "18:00", RUN, "threshold", 60)
    lift_after = session("lift", 0, "20:00", LIFT, "moderate", 40)
    one_session = session("lift", 0, "19:00", LIFT, "moderate", 40)  # straight after (Q6)
    lift_before = session("lift", 0, "17:00", LIFT, "moderate", 50)
    long_next = session("long", 1, "08:00", RUN, "long", 90)
    easy_next = session("easy", 1, "08:00", RUN, "easy", 40)
    assert [b.rule_id for b in check_r4([run, lift_after])] == ["R4"]
    assert check_r4([run, one_session]) == []
    assert check_r4([run, lift_before, easy_next]) == []
    assert [b.session_ids for b in check_r4([run, lift_before, long_next])] == [
        ("run", "lift", "long")
    ]


def test_check_r1_r5_r6() -> None:
    from runstrong.core.athlete import WeekAvailability
    from runstrong.core.rules.catalogue import check_r1, check_r5, check_r6

    lifts = [session(f"l{i}", i, "18:00", LIFT, "moderate") for i in range(4)]
    assert [b.rule_id for b in check_r1(lifts)] == ["R1"]
    heavy_day = [session("h", 0, "07:00", LIFT, "heavy"), session("p", 0, "18:00", LIFT, "power")]
    assert [b.rule_id for b in check_r5(heavy_day)] == ["R5"]
    week = WeekAvailability(
        slots=tuple((slot("18:00", "19:30", gym=False),) for _ in range(7)),
        long_run_day=6,
        max_session_min=80,
    )
    inside = session("a", 0, "18:00", RUN, "easy", 60)
    outside = session("b", 1, "19:00", RUN, "easy", 60)
    too_long = session("c", 2, "18:00", RUN, "easy", 90)
    no_gym = session("d", 3, "18:00", LIFT, "moderate", 45)
    found = check_r6([inside, outside, too_long, no_gym], week)
    assert sorted({i for b in found for i in b.session_ids}) == ["b", "c", "d"]
    assert all(b.severity is Severity.HARD for b in found)


def _lift_and_run_days(week: WeekSchedule) -> tuple[dt.date, set[dt.date]]:
    lift = next(p.date for p in week.placed if p.demand.kind is LIFT)
    return lift, {p.date for p in week.placed if p.demand.kind is RUN}


def test_q6_a_lift_of_an_athlete_with_few_run_days_joins_a_run_day() -> None:
    # Before: a lift alone cost nothing, so it took a free day of its own rather than
    # a second window of a run day (R6-two-a-day); now Q6-lift-alone outweighs that.
    two = (slot("06:00", "07:00"), slot("18:00", "19:00"))
    days = [DayCalendar(MON + dt.timedelta(i), two, True) for i in (0, 2, 4)]
    runs = [easy("e0"), easy("e1")]
    for joins in (False, True):
        lift = Demand("l0", LIFT, "moderate", 45, drop_rule="drop-strength", joins_run=joins)
        day, run_days = _lift_and_run_days(schedule_week([*runs, lift], days, 6))
        assert (day in run_days) is joins


def test_q2_no_long_ish_easy_run_on_the_long_runs_eve() -> None:
    # QA: Sat easy 18.5 km then Sun long run 18.5 km. Two easy runs, one of them nearly as
    # long as the long run: the short one takes Saturday.
    open_days = (1, 3, 5, 6)
    days = [DayCalendar(MON + dt.timedelta(i), (slot("06:00", "09:00"),), True) for i in open_days]
    longish = Demand("e-long", RUN, "easy", 90, longish=True)
    # listed in this order, without the flag the long-ish run takes Saturday (seen)
    week = schedule_week([long_run(100), easy("e-short", 40), longish, hard("q")], days, 6)
    placed = {p.demand.key: p.date.weekday() for p in week.placed}
    assert placed["long"] == 6
    assert placed["e-long"] != 5
    assert placed["e-short"] == 5


def test_q2_long_eve_is_a_hard_limit_even_against_key_runs_on_consecutive_days() -> None:
    # Issue 12 item 2: as a soft cost (25) Q2-long-eve lost to R0-key-adjacent (40): with
    # three run days (wed, sat, sun) the long-ish run took Saturday (seen failing). Hard
    # now: the quality run takes Saturday (a lighter rule) and the long run keeps Sunday.
    days = [DayCalendar(MON + dt.timedelta(i), (slot("06:00", "09:00"),), True) for i in (2, 5, 6)]
    longish = Demand("e-long", RUN, "easy", 90, longish=True)
    week = schedule_week([long_run(100), longish, hard("q")], days, 6)
    placed = {p.demand.key: p.date.weekday() for p in week.placed}
    assert placed == {"long": 6, "e-long": 2, "q": 5}
    assert not [p for p in week.penalties if p.rule == "Q2-long-eve"]


def test_q2_medium_long_run_rather_not_on_the_long_runs_eve() -> None:
    # Issue 12 item 5 (A3): a 105 min medium-long run (60-75 % of the long run) went on
    # Saturday before Sunday's long run although Monday's two-hour window held it (seen
    # on the old code, whose Demand had no medium_long flag: the run landed on Saturday).
    days = [DayCalendar(MON + dt.timedelta(i), (slot("06:00", "08:00" if i == 0 else "07:30"),),
                        True) for i in range(4)]  # fmt: skip
    days += [DayCalendar(MON + dt.timedelta(5), (slot("07:00", "09:00"),), True),
             DayCalendar(MON + dt.timedelta(6), (slot("07:00", "10:30"),), True)]  # fmt: skip
    medium = Demand("ml", RUN, "easy", 105, medium_long=True)
    week = schedule_week([long_run(170), medium, easy("e1", 90), easy("e2", 90),
                          hard("q", 45, "threshold")], days, 6)  # fmt: skip
    placed = {p.demand.key: p.date.weekday() for p in week.placed}
    assert placed["long"] == 6
    assert placed["ml"] == 0
    assert not week.penalties


def _key_long(minutes: int = 285) -> Demand:
    """A build week's long run: a key run (Q4 counts it as quality)."""
    return Demand("long", RUN, "long", minutes, long=True, quality=True, drop_rule="drop-long")


def test_r3_no_heavy_lift_within_24h_before_a_key_long_run() -> None:
    # Issue 12 item 5 (A5b): the heavy lift sat on Friday 18:00, 10 h before Saturday's
    # 05:00 long run of a build week (seen failing: the lift was placed on Friday).
    days = [
        DayCalendar(MON + dt.timedelta(2), (slot("06:00", "07:30"), slot("18:00", "19:00")), True),
        DayCalendar(MON + dt.timedelta(4), (slot("18:00", "19:00"),), True),
        DayCalendar(MON + dt.timedelta(5), (slot("05:00", "11:00", gym=False),), True),
    ]
    week = schedule_week([_key_long(), hard("q", 55, "threshold"), heavy(), moderate()], days, 5)
    placed = {p.demand.key: p for p in week.placed}
    assert placed["long"].date.weekday() == 5
    on_eve = [p for p in week.placed if p.heavy and p.date.weekday() == 4]
    assert on_eve == []
    assert not [p for p in week.penalties if p.rule == "R3"]


def _gap_h(a: Placed, b: Placed) -> float:
    """Hours from the end of ``a`` to the start of ``b``."""
    end = a.date.toordinal() * 1440 + a.start_min + a.demand.duration_min
    return (b.date.toordinal() * 1440 + b.start_min - end) / 60


def test_q4_quality_runs_keep_36h_after_a_back_to_back_second_run() -> None:
    # Issue 12 item 5 (A5b peak weeks): race pace ran on Monday, 21 h after the Sunday
    # run pinned beside the long run (seen failing: race pace on Monday 10:00, 25 h after
    # the pair's second run, as Q4 did not count it).
    sat, sun = MON + dt.timedelta(5), MON + dt.timedelta(6)
    days = [DayCalendar(sat, (slot("05:00", "11:00"),), True),
            DayCalendar(sun, (slot("06:00", "10:00"),), True)]  # fmt: skip
    days += [
        DayCalendar(sun + dt.timedelta(i), (slot("10:00", "11:30"),), True) for i in range(1, 5)
    ]
    second = Demand("pair", RUN, "easy", 175, fixed_date=sun)
    rp = Demand("rp", RUN, "race_pace", 70, quality=True, drop_rule="drop-hard")
    q = Demand("q", RUN, "threshold", 55, hard=True, quality=True, drop_rule="drop-hard")
    week = schedule_week([_key_long(), second, rp, q], days, 5)
    placed = {p.demand.key: p for p in week.placed}
    assert placed["pair"].date == sun
    assert min(_gap_h(placed["pair"], placed[k]) for k in ("rp", "q")) >= 36


def test_q4_time_trial_waits_48h_after_any_long_run() -> None:
    # Issue 12 item 5 (A5b week 10): the 3 km test on Monday, 44 h after a base week's
    # 50 km long run (not a key run, so Q4 did not space it; seen failing: Monday 05:00).
    sat = MON + dt.timedelta(5)
    days = [DayCalendar(sat + dt.timedelta(i), (slot("05:00", "11:00"),), True) for i in range(5)]
    long = Demand("long", RUN, "long", 285, long=True, drop_rule="drop-long")
    tt = Demand("tt", RUN, "time_trial", 45, hard=True, quality=True, time_trial=True,
                drop_rule="drop-hard")  # fmt: skip
    week = schedule_week([long, tt, hard("q", 55, "threshold")], days, 5)
    placed = {p.demand.key: p for p in week.placed}
    assert placed["long"].date == sat
    assert _gap_h(placed["long"], placed["tt"]) >= 48
    assert not week.penalties
