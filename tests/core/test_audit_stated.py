"""A note excuses a plan-quality finding only when what it claims holds (issue 12 item
10b; ``rules.audit.stated``). For each verifier: the planner's sentence with true
numbers turns the finding into INFO; the same sentence with one false number leaves it
a QUALITY finding (the old audit excused both: any note naming the Q-id did)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from planner_profiles import profile
from test_audit_quality import MON, plan, run, week

from runstrong.core.athlete import Athlete, parse_profile
from runstrong.core.model import Phase, Plan, PlannedSession, PlanWeek
from runstrong.core.rules.audit.common import AuditLimits, WindowHolds
from runstrong.core.rules.audit.engine import audit_plan
from runstrong.core.rules.audit.stated import names_day

RUNNER = parse_profile(profile(**{"running.weekly_km": 50, "running.years_running": 5}))
"""Current volume 50 km a week, five years of running: not a novice (Q2)."""


def severities(
    p: Plan, check: str, *, athlete: Athlete = RUNNER, holds: WindowHolds | None = None
) -> list[str]:
    """The severities of ``check``'s findings, week by week."""
    limits = AuditLimits(windows=holds)
    found = [b for b in audit_plan(p, athlete=athlete, limits=limits)
             if b.message.startswith(f"{check}:")]  # fmt: skip
    return [b.severity.value for b in sorted(found, key=lambda b: b.date or dt.date.min)]


def noted(p: Plan, index: int, *notes: str) -> Plan:
    weeks = list(p.weeks)
    weeks[index] = dataclasses.replace(weeks[index], notes=(*weeks[index].notes, *notes))
    return dataclasses.replace(p, weeks=tuple(weeks))


def with_plan_note(p: Plan, note: str) -> Plan:
    return dataclasses.replace(p, notes=(*p.notes, note))


WEEK_34 = (run(1, "easy", 8), run(3, "threshold", 10, "18:00"), run(6, "long", 16))
"""A 34 km loading week, its long run 16 km."""
HELD = plan(week(0, Phase.BASE, WEEK_34), week(1, Phase.BUILD, WEEK_34))
"""Two 34 km loading weeks for an athlete who runs 50 km a week now."""


def season_held(held: str, current: str = "50.0", runs: str = "34.0") -> str:
    return (
        f"Q1: your windows hold {held} km a week, less than your current {current} km: "
        f"loading weeks run {runs} km."
    )


# --- Q1 ---------------------------------------------------------------------------


def test_q1_the_windows_note_excuses_only_with_the_planners_figure() -> None:
    holds = WindowHolds(week_km=34.0)
    true = with_plan_note(HELD, season_held("34.0"))
    assert severities(true, "loading-below-current", holds=holds) == ["info", "info"]
    assert severities(true, "peak-below-current", holds=holds) == ["info"]
    # the windows hold 40 km by the planner's count: the note's 34.0 is not what held it
    assert severities(true, "peak-below-current", holds=WindowHolds(week_km=40.0)) == ["quality"]
    # without the planner's figure a claim about the windows cannot be checked
    assert severities(true, "peak-below-current") == ["quality"]
    # the note says the weeks run 30 km; they run 34
    false_runs = with_plan_note(HELD, season_held("34.0", runs="30.0"))
    assert severities(false_runs, "loading-below-current", holds=holds) == ["quality"] * 2
    # a windows figure above the current volume explains nothing about being below it
    rich = with_plan_note(HELD, season_held("34.0"))
    assert severities(rich, "peak-below-current", athlete=_runner(30), holds=holds) == []
    assert severities(rich, "loading-below-current", athlete=_runner(36), holds=holds) == [
        "quality",
        "quality",
    ]


def _runner(weekly_km: float) -> Athlete:
    return parse_profile(profile(**{"running.weekly_km": weekly_km}))


def test_q1_a_week_note_excuses_only_with_the_weeks_own_km_and_long_run() -> None:
    def note(km: str, long_km: str) -> str:
        return (
            f"Q1/Q3: the week holds {km} km (planned 40.0 km): the long run, {long_km} km, "
            "grows step by step (Q2) and no other run may outgrow it or its window."
        )

    assert severities(noted(HELD, 0, note("34.0", "16.0")), "loading-below-current") == [
        "info",
        "quality",
    ]
    assert severities(noted(HELD, 0, note("34.0", "18.0")), "loading-below-current") == [
        "quality",
        "quality",
    ]
    assert severities(noted(HELD, 0, note("36.0", "16.0")), "loading-below-current") == [
        "quality",
        "quality",
    ]


def test_q1_a_note_that_states_no_limit_excuses_nothing() -> None:
    rising = "Q1: 34.0 km, from your current volume toward a 34.0 km peak"
    assert severities(noted(HELD, 0, rising), "loading-below-current") == ["quality"] * 2


def test_q1_what_your_windows_hold_in_a_week_is_the_planners_figure() -> None:
    note = "Q1: 34.0 km, what your windows hold in a week (R6)"
    p = noted(HELD, 1, note)
    assert severities(p, "loading-below-current", holds=WindowHolds(week_km=34.0)) == [
        "quality",
        "info",
    ]
    assert severities(p, "loading-below-current", holds=WindowHolds(week_km=45.0)) == [
        "quality",
        "quality",
    ]


def test_q1_the_r11_ramp_is_the_limit_only_at_its_ceiling() -> None:
    # four weeks of 20 km: R11 (rules.ramp) lets the fifth rise to 23 km (+3 km), not more
    low = [week(i, Phase.BASE, (run(1, "easy", 12), run(6, "long", 8))) for i in range(4)]

    def fifth(easy: float) -> Plan:
        top = week(4, Phase.BASE, (run(1, "easy", easy), run(6, "long", 10)))
        km = top.run_km
        note = f"Q1: {km:.1f} km, volume rising +{km / 20 - 1:.0%} (R11) toward 30.0 km"
        return noted(plan(*low, top), 4, note)

    assert severities(fifth(13), "loading-below-current")[-1] == "info"  # 23 km: the ceiling
    assert severities(fifth(11), "loading-below-current")[-1] == "quality"  # 21 km: room left


def test_q1_the_ramp_note_after_a_deload_states_the_deload_truly() -> None:
    # three 20 km weeks and a 20 km week marked lighter: R11 lets the fifth run 23 km, and
    # the planner's note adds its rise over the lighter week before (plan_notes)
    low = [week(i, Phase.BASE, (run(1, "easy", 12), run(6, "long", 8)), deload=i == 3)
           for i in range(4)]  # fmt: skip
    top = week(4, Phase.BASE, (run(1, "easy", 13), run(6, "long", 10)))

    def fifth(after: str, weeks: list[PlanWeek] = low) -> Plan:
        note = f"Q1: 23.0 km, volume rising +15% (R11) toward 30.0 km; {after}"
        return noted(plan(*weeks, top), 4, note)

    true = "+15% on the 20.0 km of the lighter week before"
    assert severities(fifth(true), "loading-below-current")[-1] == "info"
    stale = "+28% on the 18.0 km of the lighter week before"  # not the week before's km
    assert severities(fifth(stale), "loading-below-current")[-1] == "quality"
    loading = [dataclasses.replace(w, deload=False) for w in low]  # no lighter week before
    assert severities(fifth(true, loading), "loading-below-current")[-1] == "quality"


def test_q1_a_true_note_of_the_peak_week_explains_the_peak_below_current() -> None:
    def note(claim: str) -> str:
        return (
            f"Q1/Q3: the week holds 34.0 km (planned 40.0 km): the long run, 16.0 km, {claim} "
            "and no other run may outgrow it or its window."
        )

    # week 2's long run is the season's longest (16 km, as in week 1): true
    longest = note("is the season's longest (Q2: its target)")
    assert severities(noted(HELD, 1, longest), "peak-below-current") == ["info"]
    # it did not grow (16 km after 16 km): "grows step by step" is untrue
    grows = note("grows step by step (Q2)")
    assert severities(noted(HELD, 1, grows), "peak-below-current") == ["quality"]


def test_q1_a_long_run_back_at_its_length_after_a_deload() -> None:
    claim = (
        "Q1/Q3: the week holds 34.0 km (planned 40.0 km): the long run, 16.0 km, returns to "
        "its length before the deload (Q2) and no other run may outgrow it or its window."
    )
    deload = week(1, Phase.BASE, (run(1, "easy", 8), run(3, "threshold", 8, "18:00"),
                                  run(6, "long", 12)), deload=True)  # fmt: skip
    after = plan(week(0, Phase.BASE, WEEK_34), deload, week(2, Phase.BUILD, WEEK_34))
    assert severities(noted(after, 2, claim), "loading-below-current") == ["quality", "info"]
    # the same claim of a week that follows a loading week, not a deload, is untrue
    assert severities(noted(HELD, 1, claim), "loading-below-current") == ["quality"] * 2


# --- Q5 ---------------------------------------------------------------------------

HALF_M = 21_097.5


def race_plan(easy_km: float) -> Plan:
    """A 30 km peak week, then a race week of a half marathon and ``easy_km`` of easy
    running (the race on the Sunday of week 2)."""
    loading = (run(1, "easy", 8), run(3, "threshold", 8, "18:00"), run(6, "long", 14))
    race_week = (run(2, "easy", easy_km), run(6, "race", 21.1))
    return plan(week(0, Phase.PEAK, loading), week(1, Phase.RACE, race_week), race_m=HALF_M,
                race_day=13)  # fmt: skip


def race_note(race: str, peak: str, week_km: str, easy: str) -> str:
    return (
        f"Q5: the race, {race}, is longer than your peak training week ({peak} km), so "
        f"race week runs {week_km} km: the race and {easy} km of easy running."
    )


HALF = "half marathon (21.1 km)"


def test_q5_a_race_shorter_than_the_peak_week_excuses_no_race_week_above_it() -> None:
    p = race_plan(9.0)  # 30.1 km, above the 30 km peak, with a 21.1 km race
    assert severities(p, "race-week-above-peak") == ["quality"]
    # the old planner note ("the race is 70 % of your peak; with the easy running a race
    # week keeps ...") and a "longer than" note with a false peak both excuse nothing
    old = (
        "Q5: the race, half marathon (21.1 km), is 70% of your peak training week (30.0 km); "
        "with the easy running a race week keeps (at least 30% of the peak besides the race) "
        "race week runs 30.1 km: the race and 9.0 km of easy running."
    )
    assert severities(noted(p, 1, old), "race-week-above-peak") == ["quality"]
    assert severities(noted(p, 1, race_note(HALF, "20.0", "30.1", "9.0")),
                      "race-week-above-peak") == ["quality"]  # fmt: skip


def test_q5_a_race_longer_than_the_peak_week_is_excused_with_true_numbers() -> None:
    p = race_plan(6.0)
    short_peak = dataclasses.replace(p, weeks=(_scaled(p.weeks[0], 20.0), p.weeks[1]))
    note = race_note(HALF, "20.0", "27.1", "6.0")
    assert severities(noted(short_peak, 1, note), "race-week-above-peak") == ["info"]
    assert severities(noted(short_peak, 1, race_note(HALF, "18.0", "27.1", "6.0")),
                      "race-week-above-peak") == ["quality"]  # fmt: skip
    assert severities(noted(short_peak, 1, race_note(HALF, "20.0", "25.1", "4.0")),
                      "race-week-above-peak") == ["quality"]  # fmt: skip


def _scaled(w: PlanWeek, km: float) -> PlanWeek:
    return dataclasses.replace(w, run_km=km, sessions=(
        run(1, "easy", 4), run(3, "threshold", 6, "18:00"), run(6, "long", 12)))  # fmt: skip


# --- Q2 ---------------------------------------------------------------------------

MARATHON_M = 42_195.0
TARGET = "29.5"
"""Q2: a marathon's long run for an experienced runner: min(70 % of 42.2 km, 32 km)."""


def long_plan(*longs: float, easy: float = 20.0, long_min: float = 60.0) -> Plan:
    def sessions(km: float) -> tuple[PlannedSession, ...]:
        return (run(1, "easy", easy), run(3, "threshold", 10, "18:00"),
                run(6, "long", km, minutes=long_min))  # fmt: skip

    weeks = [week(i, Phase.BUILD, sessions(km)) for i, km in enumerate(longs)]
    return plan(*weeks, race_m=MARATHON_M)


def cap_note(cap: str) -> str:
    return (
        f"Q2: your longest window or session limit holds a {cap} km long run; "
        f"the target for your race and level is {TARGET} km."
    )


CAPPED = parse_profile(profile(**{"running.weekly_km": 50, "week.max_session_min": 120}))
"""Sessions of at most 120 minutes (the profile's longest window is 3 hours)."""


def test_q2_the_window_note_names_what_the_window_holds_at_the_long_runs_pace() -> None:
    p = long_plan(16, 18, 20, long_min=120)  # 20 km in 120 min: the window holds 20 km
    assert severities(p, "long-run-target", athlete=CAPPED) == ["quality"]
    true = with_plan_note(p, cap_note("20.0"))
    assert severities(true, "long-run-target", athlete=CAPPED) == ["info"]
    # at the long run's pace 120 minutes hold 20 km, not 18
    assert severities(with_plan_note(p, cap_note("18.0")), "long-run-target",
                      athlete=CAPPED) == ["quality"]  # fmt: skip
    # the long run took 100 of its 120 minutes: the window did not stop it
    short = with_plan_note(long_plan(16, 18, 20, long_min=100), cap_note("24.0"))
    assert severities(short, "long-run-target", athlete=CAPPED) == ["quality"]


def growth_note(weeks: int, start: str, end: str) -> str:
    return (
        f"Q2: {weeks} loading weeks at +2 km or +10 % a week take the long run from "
        f"{start} to {end} km; the target for your race and level is {TARGET} km."
    )


def test_q2_the_growth_note_follows_the_plans_long_runs() -> None:
    p = long_plan(14, 16, 18)
    assert severities(with_plan_note(p, growth_note(3, "14.0", "18.0")),
                      "long-run-target") == ["info"]  # fmt: skip
    assert severities(with_plan_note(p, growth_note(3, "12.0", "18.0")),
                      "long-run-target") == ["quality"]  # fmt: skip
    assert severities(with_plan_note(p, growth_note(4, "14.0", "18.0")),
                      "long-run-target") == ["quality"]  # fmt: skip
    # the long runs grew by 1 km a week: growth did not stop them short
    slow = long_plan(14, 15, 16)
    assert severities(with_plan_note(slow, growth_note(3, "14.0", "16.0")),
                      "long-run-target") == ["quality"]  # fmt: skip


def half_note(share: int, week_km: str, long_km: str) -> str:
    return (
        f"Q2: the long run is at most {share}% of its week (docs/planner.md: Daniels, "
        f"Higdon): week 2 runs {week_km} km and its long run {long_km} km; the target for "
        f"your race and level is {TARGET} km (a longer long run needs a longer week: more "
        "time in your other run windows)."
    )


def test_q2_the_share_note_is_the_long_runs_share_of_its_week() -> None:
    p = long_plan(14, 20, easy=10)  # week 2: 10 + 10 + 20 = 40 km, the long run half
    assert severities(with_plan_note(p, half_note(50, "40.0", "20.0")),
                      "long-run-target") == ["info"]  # fmt: skip
    # 20 km is half the week, not 40 % of it
    assert severities(with_plan_note(p, half_note(40, "40.0", "20.0")),
                      "long-run-target") == ["quality"]  # fmt: skip
    assert severities(with_plan_note(p, half_note(50, "44.0", "22.0")),
                      "long-run-target") == ["quality"]  # fmt: skip


def over_note(long_km: str, share: int, peak: str) -> str:
    return (
        f"Q2: the long run stays at {long_km} km, already more than {share}% of your peak "
        f"week ({peak} km), the most a long run grows to (docs/planner.md: Daniels, Higdon, "
        f"Galloway); the target for your race and level is {TARGET} km (a longer long run "
        "needs a longer week: more time in your other run windows)."
    )


def test_q2_the_over_share_note_holds_only_at_the_athletes_own_share() -> None:
    p = long_plan(14, 18, easy=10)  # peak 10 + 10 + 18 = 38 km: 18 km is over 40 % of it
    assert severities(p, "long-run-target") == ["quality"]
    assert severities(with_plan_note(p, over_note("18.0", 40, "38.0")),
                      "long-run-target") == ["info"]  # fmt: skip
    # RUNNER is no novice: 40 % is their share (rules.quality.long_share_max), not 30 %
    assert severities(with_plan_note(p, over_note("18.0", 30, "38.0")),
                      "long-run-target") == ["quality"]  # fmt: skip
    assert severities(with_plan_note(p, over_note("18.0", 40, "44.0")),
                      "long-run-target") == ["quality"]  # fmt: skip
    assert severities(with_plan_note(p, over_note("20.0", 40, "38.0")),
                      "long-run-target") == ["quality"]  # fmt: skip
    # a 14 km long run of a 44 km peak week is under 40 % of it: the share did not stop it
    under = long_plan(12, 14, easy=20)
    assert severities(with_plan_note(under, over_note("14.0", 40, "44.0")),
                      "long-run-target") == ["quality"]  # fmt: skip


# --- Q2/Q4/Q6 named limits --------------------------------------------------------


def test_q4_a_spacing_note_excuses_only_a_pair_the_windows_forced() -> None:
    tue = MON + dt.timedelta(days=1)
    note = f"Q4 quality-spacing: tue {tue.isoformat()}: two quality runs less than 36 h apart"
    sessions = (run(0, "threshold", 10, "18:00"), run(1, "intervals", 8, "07:00"),
                run(6, "easy", 8))  # fmt: skip
    p = noted(plan(week(0, Phase.BASE, sessions)), 0, note)
    # Wednesday's window was free: the intervals at 07:00 there are 36 h after Monday's run
    assert severities(p, "quality-spacing", athlete=RUNNER) == ["quality"]
    found = [b.message for b in audit_plan(p, athlete=RUNNER) if "quality-spacing" in b.message]
    assert "had a free day 36 h from the others: wed 2027-03-03 06:30-08:00" in found[0]
    # Monday, Tuesday and Sunday are the only run days: the windows forced the pair
    few = parse_profile(profile(**{f"week.{d}": [] for d in ("wed", "thu", "sat")},
                                **{"week.gym_days": ["mon"]}))  # fmt: skip
    assert severities(p, "quality-spacing", athlete=few) == ["info"]


def test_a_named_limit_names_its_check_and_its_day() -> None:
    sat = MON + dt.timedelta(days=5)
    note = f"Q4 quality-spacing: sat {sat.isoformat()}: two quality runs less than 36 h apart"
    assert names_day(note, "Q4", "quality-spacing", sat)
    assert not names_day(note, "Q4", "quality-spacing", sat + dt.timedelta(days=7))
    assert not names_day(note, "Q4", "tt-fresh", sat)
    assert not names_day(note.replace("sat", "fri"), "Q4", "quality-spacing", sat)
    assert not names_day(f"Q4: {note}", "Q4", "quality-spacing", sat)
