"""core.coaching.matching: which planned session each logged activity fulfilled."""

from __future__ import annotations

import datetime as dt

from runstrong.core.coaching.matching import MatchInput, match_log, unmatched_sessions
from runstrong.core.model import PlannedSession, SessionKind

MON = dt.date(2026, 12, 7)


def _s(sid: str, day: int, kind: SessionKind = SessionKind.RUN, km: float | None = 10.0,
       minutes: float = 60.0, hard: bool = False) -> PlannedSession:  # fmt: skip
    return PlannedSession(
        id=sid, date=MON + dt.timedelta(days=day), start=dt.time(7), kind=kind,
        category="easy", hard=hard, duration_min=minutes, load=100.0, distance_km=km,
    )  # fmt: skip


def _a(
    aid: int,
    day: int,
    kind: SessionKind = SessionKind.RUN,
    km: float | None = 10.0,
    minutes: float = 60.0,
    source: str | None = None,
    hard: bool = False,
) -> MatchInput:
    return MatchInput(aid, MON + dt.timedelta(days=day), kind, minutes, km, source, hard)


def test_same_day_same_kind_matches() -> None:
    found = match_log([_s("w1-mon-run", 0)], [_a(1, 0)])
    assert [(m.session_id, m.activity_id, m.how, m.moved_days) for m in found] == [
        ("w1-mon-run", 1, "auto", 0)
    ]


def test_a_session_done_a_day_late_is_matched_as_moved() -> None:
    found = match_log([_s("w1-tue-run", 1), _s("w1-thu-run", 3)], [_a(7, 2), _a(8, 3)])
    assert {(m.session_id, m.activity_id, m.moved_days) for m in found} == {
        ("w1-tue-run", 7, 1),
        ("w1-thu-run", 8, 0),
    }


def test_three_days_away_is_not_the_same_session() -> None:
    assert match_log([_s("w1-mon-run", 0)], [_a(1, 3)]) == ()


def test_kind_must_agree() -> None:
    lift = _s("w1-mon-strength", 0, SessionKind.STRENGTH, km=None, minutes=45)
    assert match_log([lift], [_a(1, 0, SessionKind.RUN)]) == ()


def test_the_closest_size_wins_on_a_day_with_two_runs() -> None:
    long_run = _s("w1-sun-run", 6, km=24.0, minutes=140)
    shake = _s("w1-sun-run2", 6, km=5.0, minutes=30)
    found = match_log([long_run, shake], [_a(1, 6, km=5.2, minutes=31), _a(2, 6, km=23.0)])
    assert {(m.session_id, m.activity_id) for m in found} == {("w1-sun-run", 2),
                                                              ("w1-sun-run2", 1)}  # fmt: skip


def test_done_as_planned_ties_to_its_session_even_when_another_is_closer() -> None:
    a = _s("w1-mon-run", 0, km=10.0)
    b = _s("w1-mon-run2", 0, km=5.0)
    found = match_log([a, b], [_a(1, 0, km=5.0, source="plan:w1-mon-run")])
    assert [(m.session_id, m.how) for m in found] == [("w1-mon-run", "plan")]


def test_a_hand_correction_wins_and_none_means_no_session() -> None:
    a = _s("w1-mon-run", 0)
    b = _s("w1-tue-run", 1)
    found = match_log([a, b], [_a(1, 0), _a(2, 1)], overrides={1: "w1-tue-run", 2: None})
    assert [(m.session_id, m.activity_id, m.how) for m in found] == [("w1-tue-run", 1, "manual")]


def test_each_activity_and_session_is_used_once() -> None:
    sessions = [_s(f"s{i}", i % 3) for i in range(6)]
    acts = [_a(i, i % 4) for i in range(8)]
    found = match_log(sessions, acts)
    assert len({m.session_id for m in found}) == len(found)
    assert len({m.activity_id for m in found}) == len(found)


def test_unmatched_sessions_before_a_day_are_missed() -> None:
    a, b, c = _s("a", 0), _s("b", 2), _s("c", 5)
    found = match_log([a, b, c], [_a(1, 0)])
    assert [s.id for s in unmatched_sessions([a, b, c], found, before=MON + dt.timedelta(4))] == [
        "b"
    ]


def test_an_activity_before_the_plan_starts_fulfils_nothing_unless_tied_by_hand() -> None:
    """QA walk item 4: a run of the Sunday before a plan starting Monday is history."""
    mon = _s("w1-mon-run", 0)
    assert [m.session_id for m in match_log([mon], [_a(1, -1)])] == ["w1-mon-run"]
    assert match_log([mon], [_a(1, -1)], not_before=MON) == ()
    tied = match_log([mon], [_a(1, -1)], overrides={1: "w1-mon-run"}, not_before=MON)
    assert [(m.session_id, m.how) for m in tied] == [("w1-mon-run", "manual")]
