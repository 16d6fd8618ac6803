"""The day's sessions as planned: the base every adaptation of the day applies to
(R19–R23: "cuts never compound").

The stored plan holds each day as the coach adapted it (so ``runstrong check``, the
calendar and the exports show what the athlete will do), and each adaptation is a
``DayAdapted`` event that keeps the sessions it started from. Adapting again starts
from those, never from the adapted copy. A session is known as an adapted copy by
its content digest (``coach_events.content_digest``), which leaves out what
re-planning changes without changing the session itself — its day, start time and
notes — so a ``plan skip`` or ``plan move`` that re-times, re-dates or joins it with
another session still finds its base (before, a skip that put Tuesday's easy run on
an adapted Monday made the red day's "16 → 11 sets" into "11 → 6 sets").

A session already done (an activity fulfilled it) is not adapted at all: it stays
as the plan held it when it was done.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Sequence

from runstrong.core.model import Plan, PlannedSession
from runstrong.exporters.plan_json import dump_plan, load_plan
from runstrong.services.coach_events import (
    DIGEST_VERSION,
    DayAdapted,
    content_digest,
    day_digest,
    of_type,
)
from runstrong.services.coach_plan import sessions_on, week_index_of
from runstrong.storage.records import StoredPlanEvent


def mini_plan(plan: Plan, day: dt.date, sessions: Sequence[PlannedSession]) -> str:
    """The day's sessions as a one-week plan document (kept in the ``adapt`` event)."""
    i = week_index_of(plan, day)
    assert i is not None
    week = dataclasses.replace(plan.weeks[i], sessions=tuple(sessions))
    return dump_plan(dataclasses.replace(plan, weeks=(week,), broken_rules=()))


def _bases(events: Sequence[StoredPlanEvent]) -> dict[tuple[str, str], PlannedSession]:
    """(session id, content digest of its adapted copy) → the session it was adapted
    from, over every ``adapt`` event (a later event wins)."""
    out: dict[tuple[str, str], PlannedSession] = {}
    for _, event in of_type(events, DayAdapted):
        if not event.sessions:
            continue
        originals = {s.id: s for s in load_plan(event.original, source="adapt event").sessions()}
        for sid, digest in event.sessions:
            if sid in originals:
                out[(sid, digest)] = originals[sid]
    return out


def _legacy(
    current: Sequence[PlannedSession], day: dt.date, events: Sequence[StoredPlanEvent]
) -> dict[str, PlannedSession]:
    """Events stored before per-session digests: the day's originals when the day still
    holds exactly what its latest adaptation produced."""
    for row, event in reversed(of_type(events, DayAdapted)):
        if row.day != day:
            continue
        if (
            not event.sessions
            and event.digest == DIGEST_VERSION
            and event.adapted == day_digest(current)
        ):
            mini = load_plan(event.original, source="adapt event")
            return {s.id: s for s in mini.sessions() if s.date == day}
        break
    return {}


def base_sessions(
    plan: Plan, day: dt.date, events: Sequence[StoredPlanEvent], done: Collection[str] = ()
) -> list[PlannedSession]:
    """The day's sessions before any adaptation, at the day and time the plan now holds
    them; sessions whose id is in ``done`` as the plan holds them."""
    current = list(sessions_on(plan, day))
    bases = _bases(events)
    legacy = _legacy(current, day, events)
    out = []
    for s in current:
        base = None if s.id in done else bases.get((s.id, content_digest(s)), legacy.get(s.id))
        out.append(s if base is None else dataclasses.replace(base, date=s.date, start=s.start))
    return out
