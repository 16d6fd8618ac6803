"""Invariants of the daily coach over random check-ins and time budgets (hypothesis)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from coach_support import NOW, START, make_athlete
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.model import SessionKind
from runstrong.exporters.plan_json import dump_plan, load_plan
from runstrong.services import coach
from runstrong.storage.db import transaction

SCALE = st.one_of(st.none(), st.integers(1, 5))
CHECKINS = st.fixed_dictionaries(
    {
        "sleep_h": st.one_of(st.none(), st.floats(3, 10).map(lambda x: round(x, 1))),
        "sleep_quality": SCALE,
        "stress": SCALE,
        "soreness": SCALE,
        "leg_feel": SCALE,
        "hip_stiffness": SCALE,
        "low_back_fatigue": SCALE,
    }
)


def test_adaptation_never_adds_work_and_always_says_why(
    session_factory: sessionmaker[Session],
) -> None:
    with transaction(session_factory) as s:
        aid, plan = make_athlete(s)

    @settings(max_examples=30, deadline=None)
    @given(
        checkin=CHECKINS,
        offset=st.integers(0, 6),
        minutes=st.one_of(st.none(), st.integers(0, 150)),
    )
    def check(checkin: dict[str, float | None], offset: int, minutes: int | None) -> None:
        day = START + dt.timedelta(days=offset)
        with transaction(session_factory) as s:
            report = coach.today(
                s, aid, day, now=NOW, checkin=checkin, minutes_available=minutes, save=False
            )
        planned = {x.id: x for x in report.planned}
        for x in report.sessions:
            before = planned[x.id]
            assert x.duration_min <= before.duration_min + 1e-9
            assert x.load <= before.load + 1e-9
            for e in x.exercises:
                same = next((b for b in before.exercises if b.name == e.name), None)
                if same is not None and same.load_kg is not None and e.load_kg is not None:
                    assert e.load_kg <= same.load_kg
        if minutes is not None:
            busy = sum(x.duration_min for x in report.sessions if x.kind is not SessionKind.REST)
            assert busy <= minutes + 1e-9
        changed = {x.id for x in report.sessions if x != planned[x.id]}
        assert changed <= {c.session_id for c in report.changes}
        assert all(c.rule_id in {"R19", "R20", "R21", "R22", "R23"} for c in report.changes)
        # The adapted day still reads back in the documented plan format.
        week = dataclasses.replace(plan.weeks[0], sessions=report.sessions)
        load_plan(dump_plan(dataclasses.replace(plan, weeks=(week,), broken_rules=())))

    check()


def test_skipping_a_day_never_crams_or_breaks_hard_rules(
    session_factory: sessionmaker[Session],
) -> None:
    """R22 via plan skip: no day gets a second lift or a second hard run, the week never
    gains sessions, and no hard rule breaks silently (the audit of runstrong check)."""
    from coach_support import PROFILE, stored_plan

    from runstrong.core.rules.audit.engine import audit_plan, hard_breaks, undeclared
    from runstrong.services.coach_replan import skip_day
    from runstrong.services.profile import parse_profile_text

    athlete = parse_profile_text(PROFILE)
    with transaction(session_factory) as s:
        aid, plan = make_athlete(s)

    def silent(p: object) -> set[tuple[str, tuple[str, ...]]]:
        found = audit_plan(p, athlete=athlete)  # type: ignore[arg-type]
        return {(b.rule_id, b.session_ids) for b in hard_breaks(undeclared(p, found))}  # type: ignore[arg-type]

    before_silent = silent(plan)

    @settings(max_examples=20, deadline=None)
    @given(skip=st.integers(0, 20), today_offset=st.integers(0, 20))
    def check(skip: int, today_offset: int) -> None:
        day = START + dt.timedelta(days=skip)
        today = START + dt.timedelta(days=min(today_offset, skip))
        with session_factory() as s:
            s.begin()
            try:
                result = skip_day(s, aid, day, today=today, now=NOW)
                after = stored_plan(s, aid)
            except Exception as exc:  # only the documented refusals may happen
                assert "nothing planned on" in str(exc), exc
                s.rollback()
                return
            s.rollback()
        training = (SessionKind.RUN, SessionKind.STRENGTH)
        assert sum(x.kind in training for x in result.after) <= sum(
            x.kind in training for x in result.before
        )
        for d in {x.date for x in result.after}:
            same_day = [x for x in result.after if x.date == d]
            assert sum(x.kind is SessionKind.STRENGTH for x in same_day) <= 1
            assert sum(x.kind is SessionKind.RUN and x.hard for x in same_day) <= 1
        assert not [x for x in result.after if x.date == day and x.kind in training]
        assert silent(after) <= before_silent

    check()
