"""Daily coach scenarios: weeks of logs played into the database, adaptations asserted
with their rule ids, and the adapted plan still a valid plan (R1, R14, R19–R24, R26)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from coach_support import (
    NOW,
    PROFILE,
    START,
    do_session,
    make_athlete,
    run_activity,
    stored_plan,
)
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.model import Plan, SessionKind
from runstrong.core.rules.audit.engine import audit_plan, hard_breaks, undeclared
from runstrong.exporters.plan_json import dump_plan, load_plan
from runstrong.services import coach
from runstrong.services.coach_json import today_dict
from runstrong.services.coach_plan import replace_day
from runstrong.services.logging import log_wellness
from runstrong.services.profile import parse_profile_text
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

ATHLETE = parse_profile_text(PROFILE)


def _day(offset: int) -> dt.date:
    return START + dt.timedelta(days=offset)


def _silent_hard(plan: Plan) -> set[tuple[str, tuple[str, ...]]]:
    found = audit_plan(plan, athlete=ATHLETE)
    return {(b.rule_id, b.session_ids) for b in hard_breaks(undeclared(plan, found))}


@pytest.fixture
def db(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    return session_factory


def _setup(db: sessionmaker[Session], profile: str = PROFILE) -> tuple[int, Plan]:
    with transaction(db) as s:
        return make_athlete(s, profile)


def _do_days(db: sessionmaker[Session], aid: int, plan: Plan, days: range, **kw: float) -> None:
    with transaction(db) as s:
        for s_ in plan.sessions():
            if (s_.date - START).days in days and s_.kind is not SessionKind.MOBILITY:
                do_session(s, aid, s_, **kw)  # type: ignore[arg-type]


def test_no_checkin_plan_stands_and_nutrition_follows_the_load(
    db: sessionmaker[Session],
) -> None:
    aid, plan = _setup(db)
    with transaction(db) as s:
        report = coach.today(s, aid, START, now=NOW)
    assert report.readiness.status.value == "unknown"
    assert report.changes == ()
    assert report.sessions == tuple(x for x in plan.sessions() if x.date == START)
    assert report.nutrition is not None
    assert report.nutrition.body_mass_kg == 62.0
    assert report.nutrition.day_load_au == pytest.approx(sum(x.load for x in report.sessions))
    body = today_dict(report)
    assert body["readiness"]["status"] == "unknown"
    assert body["sessions"][0]["id"] == "w01-mon-strength"


def test_missed_sessions_replan_the_rest_of_the_week(db: sessionmaker[Session]) -> None:
    aid, plan = _setup(db)
    with transaction(db) as s:
        report = coach.today(s, aid, _day(2), now=NOW)
        after = stored_plan(s, aid)
        events = repo.list_plan_events(s, aid)
    r22 = [c for c in report.plan_changes if c.rule_id == "R22"]
    assert len(r22) == 1
    assert "missed heavy strength of Mon 30 Nov, easy run of Tue 01 Dec" in r22[0].message
    week = after.weeks[0]
    assert [
        x for x in week.sessions if x.date < _day(2) and x.kind is not SessionKind.MOBILITY
    ] == []
    # R22, no cramming: the missed heavy lift may take a later lift's place (a key session
    # moved, replan_week), but the rest of the week holds no more lifts than it had.
    lifts = [x for x in week.sessions if x.kind is SessionKind.STRENGTH]
    planned_rest = [
        x for x in plan.weeks[0].sessions if x.kind is SessionKind.STRENGTH and x.date >= _day(2)
    ]
    assert 1 <= len(lifts) <= len(planned_rest)
    assert all(x.date >= _day(2) for x in lifts)
    assert len({x.date for x in lifts}) == len(lifts)
    assert [e.kind for e in events if e.payload.get("coach") == "missed"] == ["skip"]
    assert _silent_hard(after) <= _silent_hard(plan)
    load_plan(dump_plan(after))  # still the documented format
    # Running the coach again the same day finds nothing new to re-plan.
    with transaction(db) as s:
        again = coach.today(s, aid, _day(2), now=NOW)
    assert [c for c in again.plan_changes if c.rule_id == "R22"] == []


def test_sore_streak_makes_a_lighter_week_without_compounding(db: sessionmaker[Session]) -> None:
    aid, plan = _setup(db)
    _do_days(db, aid, plan, range(3))
    with transaction(db) as s:
        for i in range(3):
            log_wellness(s, aid, _day(i), {"soreness": 4, "sleep_h": 8, "leg_feel": 3})
        report = coach.today(s, aid, _day(3), now=NOW, checkin={"soreness": 4, "sleep_h": 8})
        first = stored_plan(s, aid)
    assert report.readiness.sore_streak_days == 4
    assert {c.rule_id for c in report.changes} == {"R21"}
    lift = next(x for x in report.sessions if x.kind is SessionKind.STRENGTH)
    planned = next(x for x in report.planned if x.kind is SessionKind.STRENGTH)
    assert [e.sets for e in lift.exercises] == [max(1, e.sets - 1) for e in planned.exercises]
    assert any(c.rule_id == "R21" for c in report.plan_changes)  # Sat and Sun lighter too
    sunday = next(x for x in first.weeks[0].sessions if x.date == _day(6))
    original_sunday = next(x for x in plan.weeks[0].sessions if x.date == _day(6))
    assert sunday.duration_min == pytest.approx(round(original_sunday.duration_min * 0.75, 1))
    with transaction(db) as s:
        again = coach.today(s, aid, _day(3), now=NOW)
        second = stored_plan(s, aid)
    assert again.sessions == report.sessions
    assert second.weeks[0] == first.weeks[0]


def test_congested_day_swaps_the_lift_for_technique(db: sessionmaker[Session]) -> None:
    aid, plan = _setup(db)
    _do_days(db, aid, plan, range(3))
    with transaction(db) as s:
        report = coach.today(s, aid, _day(3), now=NOW, minutes_available=60)
    r22 = [c for c in report.changes if c.rule_id == "R22"]
    assert len(r22) == 1
    assert "moderate strength session (47 min) becomes 20 min of technique and mobility" in (
        r22[0].message
    )
    kinds = [x.kind for x in report.sessions]
    assert kinds == [SessionKind.RUN, SessionKind.MOBILITY]
    assert sum(x.duration_min for x in report.sessions) <= 60


def test_stiff_hips_substitute_lighter_exercises(db: sessionmaker[Session]) -> None:
    aid, _ = _setup(db)
    with transaction(db) as s:
        report = coach.today(s, aid, START, now=NOW, checkin={"hip_stiffness": 4, "sleep_h": 8})
    r20 = [c for c in report.changes if c.rule_id == "R20"]
    assert [c.message for c in r20] == [
        "hip complaint: Back squat → Goblet squat (similar muscles, lighter)",
        "hip complaint: Romanian deadlift → Dumbbell Romanian deadlift (similar muscles, lighter)",
    ]
    names = {e.name for x in report.sessions for e in x.exercises}
    assert {"Back squat", "Romanian deadlift"} & names == set()
    assert {"Goblet squat", "Dumbbell Romanian deadlift"} <= names


def test_red_day_turns_the_hard_run_easy(db: sessionmaker[Session]) -> None:
    aid, plan = _setup(db)
    _do_days(db, aid, plan, range(2))
    with transaction(db) as s:
        report = coach.today(
            s, aid, _day(2), now=NOW, checkin={"soreness": 4, "leg_feel": 1, "sleep_h": 5}
        )
    assert report.readiness.status.value == "red"
    assert [c.rule_id for c in report.changes] == ["R19"]
    assert report.sessions[0].category == "easy"
    assert report.sessions[0].hard is False


def test_rising_strength_load_with_slowing_key_runs_cuts_strength(
    db: sessionmaker[Session],
) -> None:
    aid, plan = _setup(db)
    with transaction(db) as s:
        for x in plan.sessions():
            offset = (x.date - START).days
            if offset >= 28:
                continue
            late = offset >= 14
            if x.kind is SessionKind.STRENGTH:
                do_session(s, aid, x, rpe=8 if late else 5, minutes_factor=1.3 if late else 1.0)
            elif x.kind is SessionKind.RUN:
                do_session(s, aid, x, pace_factor=1.05 if x.hard and offset >= 7 else 1.0)
        report = coach.today(s, aid, _day(28), now=NOW)
    assert report.interference is not None and report.interference.degrading
    r23 = [c for c in report.changes if c.rule_id == "R23"]
    assert len(r23) == 1
    assert "3 of the last 3 key runs were slower" in r23[0].message
    lift = next(x for x in report.sessions if x.kind is SessionKind.STRENGTH)
    planned = next(x for x in report.planned if x.kind is SessionKind.STRENGTH)
    assert lift.load == pytest.approx(round(planned.load * 0.7, 1))


def test_lift_at_target_rpe_progresses_next_loads_r14(db: sessionmaker[Session]) -> None:
    aid, plan = _setup(db)
    _do_days(db, aid, plan, range(1), set_rpe=6)
    with transaction(db) as s:
        report = coach.today(s, aid, _day(1), now=NOW)
        after = stored_plan(s, aid)
    r14 = [c for c in report.plan_changes if c.rule_id == "R14"]
    squat = next(c for c in r14 if c.message.startswith("Back squat"))
    assert "load" in squat.message and "→" in squat.message
    done_today = next(
        e for x in plan.weeks[0].sessions for e in x.exercises if e.name == "Back squat"
    )
    after_next = next(
        e for x in after.weeks[1].sessions for e in x.exercises if e.name == "Back squat"
    )
    assert done_today.load_kg is not None and after_next.load_kg is not None
    # R14: the next squat is one small step above what was just lifted at target RPE
    # (+2–5 %, in whole 2.5 kg plates), whatever the planner had pencilled in.
    assert done_today.load_kg < after_next.load_kg <= done_today.load_kg * 1.05
    with transaction(db) as s:
        again = coach.today(s, aid, _day(1), now=NOW)
    assert [c for c in again.plan_changes if c.rule_id == "R14"] == []


def test_too_hard_lift_steps_back_r14(db: sessionmaker[Session]) -> None:
    aid, plan = _setup(db)
    _do_days(db, aid, plan, range(1), set_rpe=9.5)
    with transaction(db) as s:
        report = coach.today(s, aid, _day(1), now=NOW)
        after = stored_plan(s, aid)
    squat = next(c for c in report.plan_changes if c.message.startswith("Back squat"))
    assert "step back" in squat.message
    before_next = next(
        e for x in plan.weeks[1].sessions for e in x.exercises if e.name == "Back squat"
    )
    after_next = next(
        e for x in after.weeks[1].sessions for e in x.exercises if e.name == "Back squat"
    )
    assert after_next.load_kg is not None and before_next.load_kg is not None
    assert after_next.load_kg < before_next.load_kg


def test_time_trial_re_estimates_vdot_and_future_paces(db: sessionmaker[Session]) -> None:
    aid, plan = _setup(db)
    _do_days(db, aid, plan, range(5))
    with transaction(db) as s:
        repo.add_activity(s, aid, run_activity(_day(5), 5.0, 21.0, name="5k time trial"), now=NOW)
        report = coach.today(s, aid, _day(6), now=NOW)
        after = stored_plan(s, aid)
    r26 = [c for c in report.plan_changes if c.rule_id == "R26"]
    assert len(r26) == 1 and "VDOT 41.5 →" in r26[0].message
    assert after.vdot is not None and after.vdot > 45

    def easy_pace(p: Plan) -> tuple[float, float] | None:
        run = next(x for x in p.weeks[2].sessions if x.category == "easy")
        return run.steps[0].pace_s_per_km

    old, new = easy_pace(plan), easy_pace(after)
    assert old is not None and new is not None and new[0] < old[0]
    with transaction(db) as s:
        again = coach.today(s, aid, _day(6), now=NOW)
    assert [c for c in again.plan_changes if c.rule_id == "R26"] == []


def test_third_session_unlocks_after_four_consistent_weeks_r1(
    db: sessionmaker[Session],
) -> None:
    profile = PROFILE.replace(
        'gym_days = ["mon", "thu"]', 'gym_days = ["mon", "wed", "thu", "sat"]'
    )
    aid, plan = _setup(db, profile)
    assert max(sum(x.kind is SessionKind.STRENGTH for x in w.sessions) for w in plan.weeks) == 2
    _do_days(db, aid, plan, range(28))
    with transaction(db) as s:
        report = coach.today(s, aid, _day(28), now=NOW)
        after = stored_plan(s, aid)
    r1 = [c for c in report.plan_changes if c.rule_id == "R1"]
    assert len(r1) == 1 and "4 weeks at ≥ 90% of planned strength sessions" in r1[0].message
    counts = [sum(x.kind is SessionKind.STRENGTH for x in w.sessions) for w in after.weeks]
    assert counts[:5] == [2, 2, 2, 2, 2]
    assert 3 in counts[5:]
    assert max(counts) <= 3


def test_r1_stays_locked_after_a_missed_lift(db: sessionmaker[Session]) -> None:
    profile = PROFILE.replace(
        'gym_days = ["mon", "thu"]', 'gym_days = ["mon", "wed", "thu", "sat"]'
    )
    aid, plan = _setup(db, profile)
    # the first lift of week 2 is missed (its weekday follows the plan: runs are placed first)
    missed = next(
        x for x in plan.sessions()
        if x.kind is SessionKind.STRENGTH and 7 <= (x.date - START).days < 14
    )  # fmt: skip
    with transaction(db) as s:
        for x in plan.sessions():
            # Only runs and lifts are logged: a mobility session logged as a lift the day
            # before would rightly count as the missed lift done a day early (moved).
            if (
                (x.date - START).days < 28
                and x.kind in (SessionKind.RUN, SessionKind.STRENGTH)
                and x.id != missed.id
            ):
                do_session(s, aid, x)
        report = coach.today(s, aid, _day(28), now=NOW)
    assert [c for c in report.plan_changes if c.rule_id == "R1"] == []


def test_preview_does_not_write(db: sessionmaker[Session]) -> None:
    aid, _ = _setup(db)
    with transaction(db) as s:
        report = coach.today(s, aid, START, now=NOW, checkin={"soreness": 5}, save=False)
        assert report.readiness.flags
        assert repo.get_wellness(s, aid, START) is None
        assert len(repo.list_plans(s, aid)) == 1


def test_without_a_plan_readiness_is_still_given(db: sessionmaker[Session]) -> None:
    with transaction(db) as s:
        aid = repo.add_athlete(s, "solo", now=NOW).id
        report = coach.today(
            s, aid, START, now=NOW, checkin={"sleep_h": 8, "stress": 2, "soreness": 1}
        )
    assert not report.has_plan
    assert report.readiness.status.value == "green"
    # The Today page says "No plan yet. Build one." with a link, the CLI its command: the
    # report carries no CLI advice (the page showed "runstrong plan new --profile FILE").
    assert not [n for n in report.notes if "runstrong" in n]


def test_old_lifts_do_not_compound_r14(db: sessionmaker[Session]) -> None:
    """Three weeks of lifts followed at once: the next squat is one R14 step from the last."""
    aid, plan = _setup(db)
    _do_days(db, aid, plan, range(21), set_rpe=6)
    last = max(
        (x for x in plan.sessions() if x.date < _day(21) and x.kind is SessionKind.STRENGTH),
        key=lambda x: x.date,
    )
    with transaction(db) as s:
        coach.today(s, aid, _day(21), now=NOW)
        after = stored_plan(s, aid)
    squats_done = [
        (x.date, e)
        for x in plan.sessions()
        if x.date < _day(21)
        for e in x.exercises
        if e.name == "Back squat" and e.load_kg
    ]
    last_load = max(squats_done, key=lambda p: p[0])[1].load_kg
    nxt = next(
        e
        for x in after.sessions()
        if x.date >= _day(21) and x.kind is SessionKind.STRENGTH
        for e in x.exercises
        if e.name == "Back squat" and e.load_kg
    )
    assert last.date < _day(21)
    assert last_load is not None and nxt.load_kg is not None
    assert nxt.load_kg <= last_load * 1.05 + 2.5


def test_hold_keeps_the_same_load_on_the_same_scheme_r14() -> None:
    from runstrong.core.model import Activity, SetEntry, Sport
    from runstrong.core.planning.build import build_plan
    from runstrong.services.coach_plan import follow_log

    plan = build_plan(ATHLETE, START)
    monday = plan.weeks[0].sessions[0]
    squat = next(e for e in monday.exercises if e.name == "Back squat")
    assert squat.load_kg is not None and squat.rpe is not None and squat.reps is not None
    sets = tuple(
        SetEntry("Back squat", squat.reps, squat.load_kg, rpe=squat.rpe + 0.5, order=i)
        for i in range(squat.sets)
    )
    done = Activity(
        sport=Sport.STRENGTH,
        start=dt.datetime.combine(START, dt.time(18), tzinfo=dt.UTC),
        duration_s=3000,
        sets=sets,
    )
    new, changes = follow_log(plan, monday, done, after=START)
    assert changes and "hold" in changes[0].message
    nxt = next(
        e
        for x in new.sessions()
        if x.date > START
        for e in x.exercises
        if e.name == "Back squat" and e.reps == squat.reps
    )
    assert nxt.load_kg == squat.load_kg


def test_adapted_plan_still_passes_the_audit(db: sessionmaker[Session]) -> None:
    """runstrong check on the stored, adapted plan finds no hard break the original lacked."""
    aid, plan = _setup(db)
    with transaction(db) as s:
        coach.today(s, aid, START, now=NOW, checkin={"hip_stiffness": 5, "soreness": 4})
        coach.today(s, aid, _day(3), now=NOW, minutes_available=25)
        after = stored_plan(s, aid)
        versions = len(repo.list_plans(s, aid))
    assert after != plan and versions >= 2
    assert _silent_hard(after) <= _silent_hard(plan)
    assert load_plan(dump_plan(after)) == after


def test_a_new_plan_replaces_an_earlier_adaptation(db: sessionmaker[Session]) -> None:
    """An adapt event only restores originals while the plan still holds its result."""
    aid, plan = _setup(db)
    with transaction(db) as s:
        first = coach.today(
            s, aid, START, now=NOW, checkin={"soreness": 5, "leg_feel": 1, "sleep_h": 7}
        )
        assert first.changes
        renamed = [
            dataclasses.replace(x, title="Rebuilt " + x.title)
            for x in plan.sessions()
            if x.date == START
        ]
        fresh = replace_day(plan, START, renamed)
        repo.add_plan(s, aid, dump_plan(fresh), format_version=fresh.format_version, now=NOW)
        log_wellness(s, aid, START, {"soreness": 1, "leg_feel": 5, "sleep_h": 8})
        again = coach.today(s, aid, START, now=NOW)
    assert again.changes == ()
    assert again.sessions == tuple(renamed)


def test_follow_lifts_right_after_logging_r14(db: sessionmaker[Session]) -> None:
    aid, plan = _setup(db)
    _do_days(db, aid, plan, range(1), set_rpe=6)
    with transaction(db) as s:
        changes = coach.follow_lifts(s, aid, START, now=NOW)
        report = coach.today(s, aid, _day(1), now=NOW)
    assert changes and all(c.rule_id == "R14" for c in changes)
    assert [c for c in report.plan_changes if c.rule_id == "R14"] == []
