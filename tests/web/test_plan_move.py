"""Issue 12 part 8: the web's move (Plan week, Calendar drag, ``POST …/move``) goes
through ``plan move``'s service (``services.coach_replan.move_sessions``): a session
moves within its week, a same-kind session there swaps, the day is re-placed in the
athlete's windows with the scheduler (``place_day``) and the changed start times are
named, or the move is refused naming the rule and the day's windows. Before, the web
took whatever start time the drop carried (a Tuesday-evening lift dropped on Saturday
stayed at 18:00, outside Saturday's 08:00–10:00 window) and could cross weeks."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from fastapi import FastAPI
from web_support import Browser, profile_form

from runstrong.core.model import Plan, PlannedSession, SessionKind
from runstrong.services.coach import active_plan
from runstrong.services.coach_events import Moved, of_type
from runstrong.storage import repository

RACE = "2027-03-29"
"""The plan is built from the web's "today" (``web_support.CLOCK``, a Monday, in every web
test) and its weeks end on the race's weekday, so the week these tests read is the one
built on that day for RACE."""


def _plan(app: FastAPI, athlete_id: int) -> Plan:
    with app.state.db() as db:
        return active_plan(db, athlete_id)[1]


def _week(app: FastAPI, owner: Browser, **windows: str) -> tuple[int, list[PlannedSession]]:
    """An onboarded athlete (windows Tue 17:00–20:30, Thu 18:00–19:30, Sat 08:00–10:00,
    Sun 08:00–11:00, unless ``windows`` overrides one; lifts Tue and Thu) with a built
    plan; the sessions of its second week (all after today)."""
    form = profile_form(**{"week.tue": "17:00-20:30", "goal.date": RACE, **windows})
    response = owner.post("/onboarding", form)
    assert response.status_code == 303, response.text
    athlete_id = int(response.headers["location"].split("/")[2])
    owner.post(f"/a/{athlete_id}/plan/build", {})
    plan = _plan(app, athlete_id)
    return athlete_id, [s for s in plan.weeks[1].sessions if s.kind is not SessionKind.REST]


def _weekday(sessions: list[PlannedSession], name: str, kind: SessionKind) -> PlannedSession:
    return next(s for s in sessions if s.date.strftime("%a") == name and s.kind is kind)


def _move(owner: Browser, athlete_id: int, session_id: str, day: dt.date, **extra: str):  # type: ignore[no-untyped-def]
    return owner.client.post(
        f"/api/v1/athletes/{athlete_id}/plan/sessions/{session_id}/move",
        json={"date": day.isoformat(), **extra},
        headers={"X-CSRF-Token": owner.csrf, "Accept": "application/json"},
    )


WINDOWS = {"Tue": (dt.time(17), dt.time(20, 30)), "Thu": (dt.time(18), dt.time(19, 30)),
           "Sat": (dt.time(8), dt.time(10)), "Sun": (dt.time(8), dt.time(11))}  # fmt: skip


def _fits(sessions: list[dict[str, Any]]) -> None:
    """Every session inside its weekday's window, none overlapping another (R6)."""
    by_day: dict[str, list[tuple[dt.time, dt.time]]] = {}
    for s in sessions:
        day = dt.date.fromisoformat(s["date"])
        start = dt.time.fromisoformat(s["start"])
        end = (dt.datetime.combine(day, start) + dt.timedelta(minutes=s["duration_min"])).time()
        low, high = WINDOWS[f"{day:%a}"]
        assert low <= start and end <= high, s
        by_day.setdefault(s["date"], []).append((start, end))
    for spans in by_day.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), spans


def test_a_drop_is_re_placed_in_the_days_window_as_plan_move_does(
    app: FastAPI, owner: Browser
) -> None:
    athlete_id, week = _week(app, owner)
    easy = _weekday(week, "Tue", SessionKind.RUN)
    lift = _weekday(week, "Tue", SessionKind.STRENGTH)  # runs first (Q6): right after it
    long_run = _weekday(week, "Sun", SessionKind.RUN)
    assert (easy.start, easy.duration_min, lift.start) == (dt.time(17), 45, dt.time(17, 45))
    assert long_run.duration_min > easy.duration_min
    # Dropped on Sunday: the Sunday long run swaps to Tuesday (R22), where it no longer
    # leaves room for the lift at its old time, so the coach re-places the lift.
    response = _move(owner, athlete_id, easy.id, long_run.date, start="23:00")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["session"]["date"] == long_run.date.isoformat()
    assert dt.time.fromisoformat(body["session"]["start"]) != dt.time(23)  # not the drop's
    assert (
        body["changes"][0] == f"moved: {easy.title} {easy.date:%a %d %b} → {long_run.date:%a %d %b}"
    )
    retimed = [c for c in body["changes"] if c.startswith("time: ")]
    assert retimed and all(c.endswith(", inside your window (R6)") for c in retimed)
    assert f"{lift.start:%H:%M} → " in retimed[0]
    _fits(body["week"])
    stored = {s.id: s for s in _plan(app, athlete_id).weeks[1].sessions}
    assert [(s["id"], s["date"], s["start"]) for s in body["week"]] == [
        (i, s.date.isoformat(), s.start.isoformat()) for i, s in stored.items()
    ]
    assert stored[long_run.id].date == easy.date
    with app.state.db() as db:
        events = of_type(repository.list_plan_events(db, athlete_id), Moved)
    assert [e.sessions for _, e in events] == [(easy.id,)]


def test_a_move_that_finds_no_room_is_refused_naming_the_windows(
    app: FastAPI, owner: Browser
) -> None:
    athlete_id, week = _week(app, owner)
    lift = _weekday(week, "Tue", SessionKind.STRENGTH)
    saturday = _weekday(week, "Sat", SessionKind.RUN).date
    before = _plan(app, athlete_id)
    response = _move(owner, athlete_id, lift.id, saturday)
    assert response.status_code == 422
    assert response.json()["detail"] == (
        f"moving {lift.date} to {saturday} would break R6: {lift.title or 'Strength heavy (base)'}"
        f" ({lift.duration_min:.0f} min, from {lift.date:%a %d %b}) cannot go on "
        f"{saturday:%a %d %b}: not a gym day (gym days: tue, thu); pick another day"
    )  # the web shows no CLI command (the CLI adds "or use runstrong plan skip")
    assert _plan(app, athlete_id) == before  # nothing stored


def test_a_move_stays_in_its_week(app: FastAPI, owner: Browser) -> None:
    athlete_id, week = _week(app, owner)
    lift = _weekday(week, "Thu", SessionKind.STRENGTH)
    response = _move(owner, athlete_id, lift.id, lift.date + dt.timedelta(days=7))
    assert response.status_code == 422
    assert "a session moves within its plan week" in response.json()["detail"]


def test_the_session_page_moves_through_the_same_service(app: FastAPI, owner: Browser) -> None:
    athlete_id, week = _week(app, owner)
    easy = _weekday(week, "Tue", SessionKind.RUN)
    lift = _weekday(week, "Tue", SessionKind.STRENGTH)
    sunday = _weekday(week, "Sun", SessionKind.RUN).date
    saturday = _weekday(week, "Sat", SessionKind.RUN).date
    # As above: the longer Sunday run swaps to Tuesday and the lift there is re-timed.
    owner.get(f"/a/{athlete_id}/plan/session/{easy.id}")
    page = owner.post(f"/a/{athlete_id}/plan/session/{easy.id}/move", {"date": str(sunday)})
    assert page.status_code == 200, page.text
    assert "Moved to" in page.text
    assert f"<li>moved: {easy.title} {easy.date:%a %d %b} → {sunday:%a %d %b}</li>" in page.text
    assert f"on {easy.date:%a %d %b} {lift.start:%H:%M} → " in page.text
    owner.get(f"/a/{athlete_id}/plan/session/{lift.id}")
    refused = owner.post(f"/a/{athlete_id}/plan/session/{lift.id}/move", {"date": str(saturday)})
    assert refused.status_code == 422
    assert "not a gym day (gym days: tue, thu)" in refused.text


def test_a_dragged_mobility_session_that_finds_no_room_is_refused(
    app: FastAPI, owner: Browser
) -> None:
    # A whole-day `plan move` lets mobility give way (R16); a session the athlete
    # dragged on its own is refused instead (it used to vanish: a 500 here).
    athlete_id, week = _week(app, owner, **{"week.thu": "18:00-19:10"})
    mobility = _weekday(week, "Sat", SessionKind.MOBILITY)
    run = _weekday(week, "Thu", SessionKind.RUN)
    lift = _weekday(week, "Thu", SessionKind.STRENGTH)  # run + lift fill 18:00–19:10
    assert (run.start, lift.start) == (dt.time(18), dt.time(18, 40))
    assert lift.duration_min > 15  # under 10 min left after it
    response = _move(owner, athlete_id, mobility.id, run.date)
    assert response.status_code == 422, response.text
    assert "would break R6: Daily mobility" in response.json()["detail"]
    assert "the windows that day (18:00-19:10) cannot hold it beside" in response.json()["detail"]
