"""Issue 12 second pass (Q1, Q2, Q5): the season planner's volume, deloads, long run
and race week on athletes of the random quality property (tests/core/quality_athletes.py,
seed 12) that showed each defect, written out so that they do not depend on the
generator. Each test failed on the planner before this pass (commit message names it)."""

from __future__ import annotations

import copy
from typing import Any

from quality_athletes import BASE, START, athlete_and_plan, unexplained

from runstrong.core.athlete import WEEKDAYS, Athlete, parse_profile
from runstrong.core.model import Phase, Plan, PlanWeek, RunCategory, SessionKind
from runstrong.core.planning.build import build_plan
from runstrong.core.planning.plan_notes import GROWS
from runstrong.core.rules.audit.engine import audit_plan
from runstrong.core.rules.quality import long_run_target_km, stated_limit

LOADING = (Phase.BASE, Phase.BUILD, Phase.PEAK)
MINE = ("deload-depth", "long-not-longest", "long-run-growth", "long-run-target",
        "race-week-above-peak")  # fmt: skip


def athlete(week: dict[str, Any], running: dict[str, float], goal: dict[str, str],
            birth_year: int = 1985) -> Athlete:  # fmt: skip
    data = copy.deepcopy(BASE)
    data["week"] = {**{d: [] for d in WEEKDAYS}, **week}
    data["running"] = running
    data["goal"] = goal
    data["birth_year"] = birth_year
    return parse_profile(data)


def full_loading(plan: Plan) -> list[PlanWeek]:
    return [
        w
        for w in plan.weeks
        if w.phase in LOADING and not w.deload and w.start_date >= plan.start_date
    ]


def long_km(week: PlanWeek) -> float:
    return max(
        (s.distance_km or 0.0 for s in week.sessions if s.category == RunCategory.LONG.value),
        default=0.0,
    )


# Seed-12 athlete 8: three run days, a Tuesday race, so the first week (from Monday)
# holds 2 of its 7 days.
THREE_DAYS = athlete(
    {"mon": ["06:00-07:30"], "fri": ["07:00-09:00"], "sun": ["06:00-07:30"],
     "gym_days": ["fri"], "long_run_day": "fri", "max_session_min": 120, "two_a_days": False},
    {"weekly_km": 38.3, "longest_run_km": 10.6, "years_running": 6.8, "vdot": 54.2},
    {"distance": "10k", "date": "2027-04-13"}, 1984,
)  # fmt: skip


def test_q1_a_partial_first_week_does_not_cap_the_season() -> None:
    # Before: the 5.5 km of the 2-day first week capped every later week at +10 % of it
    # (8–11 km loading weeks for a 38 km/week runner; deloads 8 % to 15 % lighter).
    plan = build_plan(THREE_DAYS, START)
    assert plan.weeks[0].start_date < plan.start_date  # the partial week
    weeks = full_loading(plan)
    assert weeks and all(w.run_km >= 0.9 * THREE_DAYS.weekly_km for w in weeks)
    found = unexplained(plan, THREE_DAYS)
    assert not {k: n for k, n in found.items() if k in MINE and n}, found


def _deloads(plan: Plan) -> list[tuple[PlanWeek, PlanWeek]]:
    pairs = zip(plan.weeks, plan.weeks[1:], strict=False)
    return [(b, w) for b, w in pairs if w.deload and not b.deload and b.phase in LOADING]


def assert_deloads_in_band(plan: Plan) -> None:
    """Q1: every deload week is 20–30 % (± 1 %, the audit's slack) under the week before."""
    pairs = _deloads(plan)
    assert pairs
    for before, w in pairs:
        assert 0.19 <= 1 - w.run_km / before.run_km <= 0.31, (before.run_km, w.run_km)


def test_q1_deloads_with_two_run_days_cut_20_to_30_percent() -> None:
    # Seed-12 athlete 13: two run days (one quality run and the long run). Before: the
    # long run was held to half the deload week, so deloads cut 33–39 %.
    a = athlete(
        {"thu": ["06:00-07:30", "17:30-19:30"], "sat": ["07:00-09:00"],
         "gym_days": ["sat", "thu"], "long_run_day": "sat", "max_session_min": 150,
         "two_a_days": True},
        {"weekly_km": 31.1, "longest_run_km": 12.3, "years_running": 5.5, "vdot": 68.7},
        {"distance": "5k", "date": "2027-05-05"}, 1976,
    )  # fmt: skip
    assert_deloads_in_band(build_plan(a, START))


LOW_VOLUME = athlete(
    {"tue": ["12:00-13:30"], "wed": ["06:00-07:30", "17:30-19:30"], "thu": ["17:30-19:30"],
     "sat": ["07:00-09:00"], "sun": ["12:00-13:30", "18:00-20:00"],
     "gym_days": ["sat", "tue", "sun"], "long_run_day": "sun", "max_session_min": 240,
     "two_a_days": False},
    {"weekly_km": 12.8, "longest_run_km": 4.6, "years_running": 0.7, "vdot": 34.5},
    {"distance": "10k", "date": "2027-04-05"},
)  # fmt: skip


def test_q1_a_low_volume_deload_is_not_held_up_by_its_quality_run() -> None:
    # Seed-12 athlete 2: 11.4 km loading weeks; before, the 5 km threshold run and the
    # long run kept the deload at 9.6 km (16 % lighter).
    assert_deloads_in_band(build_plan(LOW_VOLUME, START))


def test_q2_a_novice_10k_long_run_reaches_the_audit_target() -> None:
    # Same athlete: the planner aimed at 6.4 km (35 % of an 18 km week) while the audit
    # asks a novice 10 km runner for about 9 km (half the peak week); before: 8.3 km.
    # 0.7 years at 12.8 km a week, the runner is on Higdon's Novice 10K tier, whose
    # longest run is 5.5 mi (8.9 km) in a 16.9 km week.
    plan = build_plan(LOW_VOLUME, START)
    assert unexplained(plan, LOW_VOLUME)["long-run-target"] == 0
    assert max(long_km(w) for w in full_loading(plan)) >= 8.9


def test_q2_the_long_run_grows_at_most_2_km_or_10_percent_with_many_easy_runs() -> None:
    # Seed-12 athlete 22: 95 km a week over six days for a 1500 m race. Before: the
    # long run jumped 18.9 → 21.9 km to stay above the average easy run.
    a = athlete(
        {"mon": ["18:00-20:00"], "tue": ["17:30-19:30"], "wed": ["07:00-09:00", "18:00-20:00"],
         "thu": ["17:30-19:30"], "fri": ["07:00-09:00", "18:00-20:00"], "sun": ["06:00-07:30"],
         "gym_days": ["mon", "fri", "tue", "thu", "sun"], "long_run_day": "sun",
         "max_session_min": 120, "two_a_days": True},
        {"weekly_km": 94.8, "longest_run_km": 35.9, "years_running": 12.5, "vdot": 51.6},
        {"distance": "1500m", "date": "2027-02-04"}, 1971,
    )  # fmt: skip
    plan = build_plan(a, START)
    longest = 0.0
    for w in full_loading(plan):
        km = long_km(w)
        if longest:
            assert km <= max(longest + 2.0, longest * 1.1) + 0.05, (longest, km)
        longest = max(longest, km)
        others = [s.distance_km or 0.0 for s in w.sessions if s.kind is SessionKind.RUN]
        assert max(others) <= km + 0.05


def test_q5_a_race_longer_than_the_peak_week_is_stated_in_its_week() -> None:
    # Seed-12 athlete 24: two run days hold about 29 km a week; the race is a marathon.
    # Before: race week 51 km over a 29 km peak with no word of why.
    a = athlete(
        {"wed": ["07:00-09:00"], "sun": ["17:30-19:30"], "gym_days": ["sun"],
         "long_run_day": "wed", "max_session_min": 240, "two_a_days": True},
        {"weekly_km": 108.8, "longest_run_km": 33.6, "years_running": 19.0, "vdot": 55.4},
        {"distance": "marathon", "date": "2027-04-17"}, 1954,
    )  # fmt: skip
    plan = build_plan(a, START)
    race = next(w for w in plan.weeks if w.phase is Phase.RACE)
    assert any("the race, marathon (42.2 km), is longer than your peak training week" in n
               for n in race.notes)  # fmt: skip
    # from the marathon on the week is judged besides the race (rules.race_week): 10.4 km,
    # under 45 % of the peak and the last taper week, so no finding at all
    assert not [b for b in audit_plan(plan, athlete=a) if b.message.startswith("race-week")]


def test_q5_a_race_shorter_than_the_peak_week_keeps_its_week_below_the_peak() -> None:
    # Seed-12 athlete 102 (quality_athletes): a half marathon on a 28.7 km peak. Before:
    # race week 29.7 km (the race and the 30 % floor of easy running), above the peak,
    # excused by a note ("the race is 74 % of your peak ... race week keeps at least
    # 30 %"); the race week need not be above the peak, so it no longer is.
    a, plan = athlete_and_plan(12, 102)
    race = next(w for w in plan.weeks if w.phase is Phase.RACE)
    peak = max(w.run_km for w in plan.weeks if w.phase in LOADING)
    assert a.goal.distance_m / 1000 < peak
    assert race.run_km < peak
    assert not [b for b in audit_plan(plan, athlete=a) if b.message.startswith("race-week")]


def test_q1_a_long_run_that_no_longer_grows_is_not_said_to_grow() -> None:
    # Seed-12 athlete 31: the long run stops at 16.3 km from week 7 while every week's
    # note said it "grows step by step (Q2)", which excused the weeks below the current
    # volume. Those weeks said it is the season's longest, which the audit checks; since
    # the long run's floor counts the quality runs a two-day week keeps (issue 12), the
    # weeks reach the current volume and need no such note.
    a, plan = athlete_and_plan(12, 31)
    assert min(w.run_km for w in full_loading(plan)) >= a.weekly_km
    best = 0.0
    for w in full_loading(plan):
        long = max(s.distance_km or 0.0 for s in w.sessions if s.category == "long")
        if long <= best + 0.15:
            assert not [n for n in w.notes if GROWS in n]
        best = max(best, long)
    assert unexplained(plan, a)["loading-below-current"] == 0


def test_q5_a_race_eve_note_does_not_explain_another_q5_finding() -> None:
    assert stated_limit(["Q5-race-eve: windows leave a quality run"], "Q5") is None
    assert stated_limit(["Q5: the race is longer than the peak"], "Q5") is not None
    assert stated_limit(["Q1/Q3: the windows hold 20 km"], "Q1") is not None


def test_q2_a_novice_5k_long_run_target_is_the_race_distance() -> None:
    # Audit false positive: a couch-to-5k athlete was asked for 7 km (8 km capped at
    # half a 14 km week); NHS Couch to 5K and Higdon's novice 5K end near 5 km.
    assert long_run_target_km(5000, novice=True, peak_week_km=14) == 5.0
    assert long_run_target_km(5000, novice=False, peak_week_km=40) == 10.0


def test_q2_the_long_run_is_never_shorter_than_a_beginners_quality_run() -> None:
    # Seed-12 athlete 107: 7.5 km a week (floored at 10 km) for a 400 m race. Before:
    # a 5 km hill session (warm-up, repeats, cool-down) beside a 3.3–4.9 km long run.
    a = athlete(
        {"wed": ["18:00-20:00"], "fri": ["07:00-09:00"], "sat": ["07:00-09:00", "18:00-20:00"],
         "gym_days": ["wed", "fri", "sat"], "long_run_day": "sat", "max_session_min": 90,
         "two_a_days": True},
        {"weekly_km": 7.5, "longest_run_km": 2.9, "years_running": 1.0, "vdot": 35.3},
        {"distance": "400m", "date": "2027-04-04"}, 1976,
    )  # fmt: skip
    plan = build_plan(a, START)
    for w in full_loading(plan):
        others = [s.distance_km or 0.0 for s in w.sessions if s.kind is SessionKind.RUN]
        assert max(others) <= long_km(w) + 0.05, [(s.category, s.distance_km) for s in w.sessions]


def test_q5_a_half_marathon_race_week_drops_the_sharpener_and_states_the_peak() -> None:
    # Seed-12 athlete 104: two run days hold a 24 km peak; the race is 21.1 km. Before:
    # a 5 km race-pace sharpener took race week to 26.1 km with no room for it.
    a = athlete(
        {"tue": ["17:30-19:30"], "fri": ["07:00-09:00", "18:00-20:00"],
         "gym_days": ["tue", "fri"], "long_run_day": "tue", "max_session_min": 90},
        {"weekly_km": 37.5, "longest_run_km": 14.1, "years_running": 18.7, "vdot": 62.4},
        {"distance": "half", "date": "2027-04-22"}, 1992,
    )  # fmt: skip
    # Since the windows' capacity counts the lifts that join the runs (no two-a-days),
    # the peak is below the race itself: race week is the race and easy running, and
    # its note states why it exceeds the peak (Q5).
    plan = build_plan(a, START)
    race = next(w for w in plan.weeks if w.phase is Phase.RACE)
    # two run days with the long run strictly the longest (Q2) hold a peak near the
    # race's 21.1 km: the race week is the race and short easy running, its limit stated
    assert "race-week-above-peak" not in unexplained(plan, a)
    assert not any(s.category == RunCategory.RACE_PACE.value for s in race.sessions)


def test_q1_a_deload_the_calendar_shortened_is_placed_again_in_the_band() -> None:
    # Seed-12 athlete 114: four 60-minute run days shared with lifts. Before: the
    # deload's easy runs found no room and the week fell 31 % under the one before.
    a = athlete(
        {"mon": ["06:00-07:30", "12:00-13:30"], "tue": ["08:00-11:00", "17:30-19:30"],
         "wed": ["07:00-09:00"], "sat": ["07:00-09:00", "12:00-13:30"],
         "gym_days": ["sat", "mon", "wed"], "long_run_day": "mon", "max_session_min": 60},
        {"weekly_km": 42.2, "longest_run_km": 15.1, "years_running": 15.0, "vdot": 53.2},
        {"distance": "marathon", "date": "2027-03-04", "name": "trail race"}, 1979,
    )  # fmt: skip
    assert_deloads_in_band(build_plan(a, START))


def test_q1_a_beginners_deload_drops_an_easy_run_held_at_its_floor() -> None:
    # Seed-12 athlete 93: 10.6 km a week over six days. Before: the easy deload kept
    # three runs, two at the 3 km floor, 14 % under the 12.3 km week before.
    a = athlete(
        {"mon": ["18:00-20:00"], "tue": ["06:00-07:30"], "thu": ["06:00-07:30", "18:00-20:00"],
         "fri": ["18:00-20:00"], "sat": ["07:00-09:00"], "sun": ["06:00-07:30"],
         "gym_days": ["mon", "fri", "sat"], "long_run_day": "sat", "max_session_min": 90,
         "two_a_days": True},
        {"weekly_km": 10.6, "longest_run_km": 3.1, "years_running": 0.6, "vdot": 38.5},
        {"distance": "50k", "date": "2027-04-01"}, 1967,
    )  # fmt: skip
    assert_deloads_in_band(build_plan(a, START))


# Seed-12 athlete 263: a 60-minute session limit before a 100 km race. The long run is
# cut by time at easy pace, and a threshold or race-pace run of the same minutes went
# further (Q2: the long run was not the week's longest run).
SIXTY_MINUTES = athlete(
    {"mon": ["17:30-19:30"], "tue": ["06:00-07:30"], "wed": ["18:00-20:00"],
     "thu": ["06:00-07:30"], "fri": ["07:00-09:00"], "sat": ["08:00-11:00"],
     "sun": ["06:00-07:30"], "gym_days": ["sun", "mon", "fri", "sat"], "long_run_day": "tue",
     "max_session_min": 60, "two_a_days": True},
    {"weekly_km": 48.5, "longest_run_km": 16.5, "years_running": 20.0, "vdot": 47.8},
    {"distance": "100k", "date": "2027-05-09"},
)  # fmt: skip


def test_q2_under_a_session_limit_no_quality_run_outruns_the_long_run() -> None:
    plan = build_plan(SIXTY_MINUTES, START)
    checked = 0
    for w in full_loading(plan):
        longest = long_km(w)
        if not longest:
            continue
        others = [
            (s.id, s.distance_km or 0.0)
            for s in w.sessions
            if s.kind is SessionKind.RUN and s.category != RunCategory.LONG.value
        ]
        assert [o for o in others if o[1] > longest + 1e-9] == [], f"week {w.index + 1}"
        checked += 1
    assert checked >= 5


# Seed-12 athlete 1: three run days with a 60-minute limit before a 100 km trail race.
# The second taper week kept its 5 km threshold run and gained an easy run, so it ran
# more than the first (11.8 km after 10.9 km: Q5 taper-shape).
RISING_TAPER = athlete(
    {"mon": ["06:00-07:30"], "thu": ["06:00-07:30", "17:30-19:30"], "fri": ["18:00-20:00"],
     "gym_days": ["mon", "thu", "fri"], "long_run_day": "fri", "max_session_min": 60,
     "two_a_days": True},
    {"weekly_km": 110.8, "longest_run_km": 43.9, "years_running": 7.7, "vdot": 39.5},
    {"distance": "100k", "date": "2027-02-26", "name": "trail race"}, 1950,
)  # fmt: skip


def test_q5_taper_weeks_fall_even_when_a_quality_run_cannot_shrink() -> None:
    plan = build_plan(RISING_TAPER, START)
    peak = max(w.run_km for w in plan.weeks if w.phase in LOADING)
    taper = [w.run_km for w in plan.weeks if w.phase is Phase.TAPER]
    assert len(taper) == 2
    assert taper[0] < peak and taper[1] < taper[0]


def test_q6_a_three_day_beginner_runs_on_all_three_days() -> None:
    # Issue 12 part 4: a beginner at 10 km a week with three days got two runs (a 5 km
    # hill session and a 5 km long run, 10 km) and the third day only a lift or
    # mobility: the 5 km floor of a quality run left nothing for an easy run. A coach
    # gives three short runs; lifting never takes a beginner's running day.
    a = athlete(
        {"tue": ["18:00-20:00"], "thu": ["18:00-20:00"], "sat": ["08:00-11:00"],
         "gym_days": ["tue", "thu", "sat"], "long_run_day": "sat", "max_session_min": 90,
         "two_a_days": False},
        {"weekly_km": 10.0, "longest_run_km": 4.0, "years_running": 0.5, "vdot": 33.0},
        {"distance": "10k", "date": "2027-04-25"},
    )  # fmt: skip
    plan = build_plan(a, START)
    weeks = full_loading(plan)
    assert weeks
    for w in weeks:
        run_days = {s.date for s in w.sessions if s.kind is SessionKind.RUN}
        assert len(run_days) == 3, (w.index, [(s.category, s.distance_km) for s in w.sessions])


def profile(week: dict[str, Any], running: dict[str, float], goal: dict[str, str],
            birth_year: int, strength: dict[str, Any]) -> Athlete:  # fmt: skip
    data = copy.deepcopy(BASE)
    data["week"] = {**{d: [] for d in WEEKDAYS}, **week}
    data.update(running=running, goal=goal, birth_year=birth_year, strength=strength)
    return parse_profile(data)


SQUAT_RDL = [{"lift": "back squat", "load_kg": 61, "reps": 5},
             {"lift": "romanian deadlift", "load_kg": 138, "reps": 8}]  # fmt: skip


def test_q1_a_deloads_easy_run_keeps_the_room_its_light_lift_leaves() -> None:
    # Seed-12 athlete 111 (issue 12): two days, a 60-minute session limit, each run
    # sharing its day with a lift. Before: the easy run's room was the 60 minutes less
    # a moderate lift's 50, so the deload's easy run was 10 minutes (1.5 km) and the
    # deloads cut 32 %; the deload's lifts take 35 minutes and each is its own session.
    a = profile(
        {"sat": ["06:00-07:30"], "sun": ["07:00-09:00", "18:00-20:00"],
         "gym_days": ["sun", "sat"], "long_run_day": "sat", "max_session_min": 60,
         "two_a_days": True},
        {"weekly_km": 21.8, "longest_run_km": 6.5, "years_running": 0.8, "vdot": 37.3},
        {"distance": "1500m", "date": "2027-03-30"}, 1970,
        {"years_lifting": 5.5, "equipment": ["gym"], "results": SQUAT_RDL},
    )  # fmt: skip
    assert_deloads_in_band(build_plan(a, START))


def test_q2_an_easy_run_rounded_up_does_not_take_the_long_runs_window() -> None:
    # Seed-12 athlete 917: only Monday's 180-minute window holds the long run. Before: an
    # easy run sized to a 120-minute window came out 125 minutes (5-minute grid), fitted
    # only Monday too, and the long run was dropped in four loading weeks.
    a = profile(
        {"mon": ["08:00-11:00", "17:30-19:30"], "tue": ["18:00-20:00"], "fri": ["07:00-09:00"],
         "sun": ["06:00-07:30", "17:30-19:30"], "gym_days": ["mon", "tue", "sun"],
         "long_run_day": "sun", "max_session_min": 240, "two_a_days": False},
        {"weekly_km": 97.7, "longest_run_km": 27.2, "years_running": 11.9, "vdot": 48.5},
        {"distance": "100k", "date": "2027-05-16"}, 1983,
        {"years_lifting": 4.3, "equipment": ["gym"], "results": SQUAT_RDL},
    )  # fmt: skip
    plan = build_plan(a, START)
    for w in full_loading(plan):
        assert long_km(w) > 0, (w.index, [(s.category, s.duration_min) for s in w.sessions])


def test_q2_the_long_run_stays_when_a_quality_run_can_give_way() -> None:
    # Seed-12 athlete 427: only Friday's window holds the long run; threshold Thursday
    # and a time trial Saturday left it no room under Q4. Before: the long run was
    # dropped (weeks 6 and 10) and an easy run was the week's longest.
    a = profile(
        {"mon": ["17:30-19:30"], "tue": ["12:00-13:30", "17:30-19:30"],
         "wed": ["06:00-07:30", "12:00-13:30"], "thu": ["12:00-13:30"],
         "fri": ["08:00-11:00", "18:00-20:00"], "sat": ["12:00-13:30"], "sun": ["07:00-09:00"],
         "gym_days": ["tue", "mon", "sun"], "long_run_day": "sat", "max_session_min": 240,
         "two_a_days": True},
        {"weekly_km": 116.8, "longest_run_km": 37.3, "years_running": 5.2, "vdot": 61.5},
        {"distance": "100k", "date": "2027-03-23"}, 1992,
        {"years_lifting": 1.2, "equipment": ["gym"]},
    )  # fmt: skip
    plan = build_plan(a, START)
    for w in full_loading(plan):
        assert long_km(w) > 0, (w.index, [(s.category, s.distance_km) for s in w.sessions])


def test_q2_the_long_run_grows_from_what_was_placed() -> None:
    # Seed-12 athlete 297: three run days. With the day caps of this pass (before the
    # long run followed what was placed) the outline grew the long run from its own
    # 23.45 km while 23.4 km was placed, so week 11 grew +2.4 km (> +10 %); seen failing
    # with ``_long_follows_actual`` switched off.
    a = profile(
        {"mon": ["06:00-07:30"], "wed": ["08:00-11:00", "17:30-19:30"], "thu": ["07:00-09:00"],
         "gym_days": ["mon"], "long_run_day": "thu", "max_session_min": 150,
         "two_a_days": True},
        {"weekly_km": 86.4, "longest_run_km": 29.5, "years_running": 4.2, "vdot": 57.9},
        {"distance": "1500m", "date": "2027-03-05"}, 1980,
        {"years_lifting": 2.2, "equipment": ["gym"],
         "results": [{"lift": "back squat", "load_kg": 61, "reps": 8},
                     {"lift": "romanian deadlift", "load_kg": 56, "reps": 8}]},
    )  # fmt: skip
    plan = build_plan(a, START)
    assert "long-run-growth" not in unexplained(plan, a)


def test_q2_the_limit_on_a_beginner_ultra_long_run_is_stated() -> None:
    # Seed-12 athlete 663: a 17 km beginner, eight weeks to a 100 km trail race. The long
    # run is half its week (11.1 of 21.1 km, week 5); a time-trial week placed 23.8 km, so
    # the target (half the peak) is 11.9 km. Before: no note said what held it.
    a = profile(
        {"tue": ["08:00-11:00", "17:30-19:30"], "wed": ["07:00-09:00"],
         "thu": ["08:00-11:00", "18:00-20:00"], "fri": ["07:00-09:00"],
         "sat": ["12:00-13:30", "18:00-20:00"], "gym_days": ["wed", "thu"],
         "long_run_day": "fri", "max_session_min": 90, "two_a_days": True},
        {"weekly_km": 17.0, "longest_run_km": 6.6, "years_running": 0.7, "vdot": 31.7},
        {"distance": "100k", "date": "2027-01-30", "name": "trail race"}, 1973,
        {"years_lifting": 5.5, "equipment": ["gym"],
         "results": [{"lift": "back squat", "load_kg": 116, "reps": 3},
                     {"lift": "romanian deadlift", "load_kg": 66, "reps": 8}]},
    )  # fmt: skip
    plan = build_plan(a, START)
    assert "long-run-target" not in unexplained(plan, a)
    # Issue 12 item 5: from the marathon up the race's need (26 km for a beginner) is
    # no longer capped at half the peak week, so the first limit on the way to it is
    # the 90-minute session limit, which the note names.
    cap = "Q2: your longest window or session limit holds a 12.0 km long run"
    assert any(n.startswith(cap) and "is 26.0 km" in n for n in plan.notes)


def test_q5_no_sharpener_when_the_only_day_before_the_race_is_its_eve() -> None:
    # Seed-12 athlete 268: runs on Sunday and Monday, a Monday 5 km race. The race
    # week's race-pace sharpener could only go on Sunday, the race's eve (seen failing
    # with the run-day check of fit_race_week off, once the race week's easy runs no
    # longer took the race's window).
    a = profile(
        {"mon": ["06:00-07:30"], "sun": ["07:00-09:00"], "gym_days": ["mon"],
         "long_run_day": "mon", "max_session_min": 150, "two_a_days": True},
        {"weekly_km": 38.6, "longest_run_km": 10.2, "years_running": 16.0, "vdot": 50.8},
        {"distance": "5k", "date": "2027-03-01"}, 1953,
        {"years_lifting": 6.0, "equipment": ["gym"]},
    )  # fmt: skip
    plan = build_plan(a, START)
    assert "race-eve-quality" not in unexplained(plan, a)


def test_q5_a_sharpener_bigger_than_the_room_under_the_peak_goes() -> None:
    # Seed-12 athlete 570: a 100 km race 11.5 km under a 111.5 km peak. The 10 km of
    # room the sharpener was checked against is less than its own 12 km, so race week
    # ran 112 km (seen failing with the sharpener's size left out of fit_race_week).
    a = profile(
        {"mon": ["07:00-09:00", "18:00-20:00"], "tue": ["08:00-11:00"],
         "wed": ["07:00-09:00", "18:00-20:00"], "thu": ["08:00-11:00"],
         "fri": ["06:00-07:30", "17:30-19:30"], "sat": ["12:00-13:30"],
         "gym_days": ["mon", "thu", "tue", "fri", "wed"], "long_run_day": "tue",
         "max_session_min": 120, "two_a_days": False},
        {"weekly_km": 119.3, "longest_run_km": 31.8, "years_running": 1.8, "vdot": 50.0},
        {"distance": "100k", "date": "2027-03-29", "name": "trail race"}, 1950,
        {"years_lifting": 3.1, "equipment": ["gym"]},
    )  # fmt: skip
    plan = build_plan(a, START)
    assert "race-week-above-peak" not in unexplained(plan, a)


def test_q2_an_easy_run_rounded_up_stays_within_the_long_run() -> None:
    # Seed-12 athlete 687: a 5.9 km beginner before a trail marathon. Before: an easy run
    # with strides sized to the outline's long run came out 5.6 km beside a 5.5 km long
    # run (week 10), each rounded on its own.
    a = profile(
        {"mon": ["07:00-09:00"], "tue": ["18:00-20:00"], "thu": ["18:00-20:00"],
         "fri": ["12:00-13:30", "17:30-19:30"], "sat": ["08:00-11:00", "12:00-13:30"],
         "gym_days": ["thu", "tue", "mon"], "long_run_day": "sat", "max_session_min": 150,
         "two_a_days": False},
        {"weekly_km": 5.9, "longest_run_km": 2.3, "years_running": 0.0, "vdot": 30.9},
        {"distance": "marathon", "date": "2027-03-08", "name": "trail race"}, 1960,
        {"years_lifting": 2.1, "equipment": ["gym"],
         "results": [{"lift": "back squat", "load_kg": 46, "reps": 9},
                     {"lift": "romanian deadlift", "load_kg": 136, "reps": 8}]},
    )  # fmt: skip
    assert "long-not-longest" not in unexplained(build_plan(a, START), a)


def test_q1_a_beginners_deload_is_left_to_fit_deload() -> None:
    # Seed-12 athlete 701: 11 km a week over five days. With the three-short-runs rule
    # applied to deloads too, the deload's long run was cut to leave two 3 km runs and
    # the week came out 2.8 km × 3, 32 % under the week before (seen failing with the
    # rule on deload weeks).
    a = profile(
        {"wed": ["06:00-07:30", "08:00-11:00"], "thu": ["06:00-07:30", "18:00-20:00"],
         "fri": ["12:00-13:30"], "sat": ["06:00-07:30"], "sun": ["06:00-07:30"],
         "gym_days": ["sun", "fri", "thu"], "long_run_day": "sat", "max_session_min": 120,
         "two_a_days": False},
        {"weekly_km": 11.0, "longest_run_km": 3.0, "years_running": 0.3, "vdot": 33.3},
        {"distance": "5k", "date": "2027-02-03"}, 1982,
        {"years_lifting": 6.2, "equipment": ["gym"]},
    )  # fmt: skip
    assert_deloads_in_band(build_plan(a, START))
