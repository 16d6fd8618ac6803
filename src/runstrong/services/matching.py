"""Plan ↔ log matching as a use case: which planned session each logged activity
fulfilled, with the athlete's hand corrections, for the daily coach, the
statistics, ``plan show``, the calendar and the API.

Automatic matches are derived from the stored plan and the log each time they
are read (``core.coaching.matching.match_log``), so a week re-planned by the
coach never keeps a match to a session that moved; what the athlete corrects by
hand is stored (``session_matches``) and always wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from runstrong.core.coaching.matching import MAX_SHIFT_DAYS, Match, MatchInput, match_log
from runstrong.core.errors import InputError, NotFoundError
from runstrong.core.model import Activity, Plan, PlannedSession, SessionKind, Sport
from runstrong.services.stats_query import activity_log
from runstrong.storage import repository as repo
from runstrong.storage.records import StoredActivity

HARD_RPE = 7.0
"""A run rated at least this hard reads as a quality session when matching."""


def kind_of(activity: Activity) -> SessionKind:
    """Which planned session kind an activity can stand for."""
    if activity.sport.is_run:
        return SessionKind.RUN
    if activity.sport is Sport.STRENGTH:
        return SessionKind.STRENGTH
    return SessionKind.CROSS


def match_input(stored: StoredActivity) -> MatchInput:
    """What the matcher needs of a stored activity (its local day, kind and size)."""
    a = stored.activity
    return MatchInput(
        activity_id=stored.id,
        day=a.start.date(),
        kind=kind_of(a),
        duration_min=(a.moving_time_s or a.duration_s) / 60.0,
        distance_km=a.distance_m / 1000.0 if a.distance_m else None,
        source_name=a.source_name,
        hard=a.session_rpe is not None and a.session_rpe >= HARD_RPE,
    )


def match_stored(
    planned: Iterable[PlannedSession],
    activities: Sequence[StoredActivity],
    overrides: dict[int, tuple[str | None, dt.date | None]] | None = None,
    *,
    not_before: dt.date | None = None,
) -> dict[str, StoredActivity]:
    """Planned session id → the stored activity that fulfilled it
    (``core.coaching.matching.match_log``: the "done as planned" tie first, then by kind
    on the same day or moved by up to two days, closest in size; ``overrides`` are the
    athlete's hand corrections; activities of days before ``not_before``, the plan's
    first day, fulfil nothing)."""
    by_id = {a.id: a for a in activities}
    fixed = {k: v[0] for k, v in (overrides or {}).items()}
    found = match_log(planned, [match_input(a) for a in activities], fixed, not_before=not_before)
    return {m.session_id: by_id[m.activity_id] for m in found}


def utc_span(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The UTC start times [start, end) that can hold an activity of local day ``first``
    to ``last``: a day of slack each side covers every UTC offset."""
    start = dt.datetime.combine(first - dt.timedelta(days=1), dt.time(0), tzinfo=dt.UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=2), dt.time(0), tzinfo=dt.UTC)
    return start, end


def read_logged(
    session: Session, athlete_id: int, first: dt.date, last: dt.date
) -> list[StoredActivity]:
    """Activities whose local day is ``first``…``last`` (summaries and sets; the query
    takes a day of slack each side for UTC offsets, see ``utc_span``)."""
    start, end = utc_span(first, last)
    return [
        a
        for a in activity_log(session, athlete_id, since=start, until=end)
        if first <= a.activity.start.date() <= last
    ]


Overrides = dict[int, tuple[str | None, dt.date | None]]
"""Activity id → (session id, planned date) as corrected by hand (``repo.match_overrides``)."""


@dataclass(frozen=True, slots=True)
class LogWindow:
    """The activities of local days ``first``…``last`` and the hand corrections, read
    once for every reader of one page (the Today page's coach, its day and its week
    statuses all read the same days)."""

    first: dt.date
    last: dt.date
    activities: tuple[StoredActivity, ...]
    overrides: Overrides

    def between(self, first: dt.date, last: dt.date) -> list[StoredActivity]:
        """What ``read_logged(first, last)`` reads, from the window (which must hold it)."""
        if first < self.first or last > self.last:
            raise ValueError(f"{first}…{last} is outside the window {self.first}…{self.last}")
        return [a for a in self.activities if first <= a.activity.start.date() <= last]


def read_window(session: Session, athlete_id: int, first: dt.date, last: dt.date) -> LogWindow:
    """The activities of local days ``first``…``last`` and the athlete's hand corrections."""
    acts = read_logged(session, athlete_id, first, last)
    return LogWindow(first, last, tuple(acts), repo.match_overrides(session, athlete_id))


def plan_matches(
    session: Session,
    athlete_id: int,
    plan: Plan,
    first: dt.date,
    last: dt.date,
    window: LogWindow | None = None,
) -> tuple[tuple[Match, ...], list[StoredActivity]]:
    """Matches of the sessions planned from ``first`` to ``last`` (and the activities
    logged in that span, widened by the matcher's shift so edge days match too), read
    from ``window`` when it is given."""
    lo = first - dt.timedelta(days=MAX_SHIFT_DAYS)
    hi = last + dt.timedelta(days=MAX_SHIFT_DAYS)
    if window is None:
        window = read_window(session, athlete_id, lo, hi)
    acts = window.between(lo, hi)
    planned = [s for s in plan.sessions() if lo <= s.date <= hi]
    fixed = {k: v[0] for k, v in window.overrides.items()}
    found = match_log(planned, [match_input(a) for a in acts], fixed, not_before=plan.start_date)
    inside = tuple(m for m in found if first <= m.planned_day <= last)
    return inside, acts


def correct_match(
    session: Session,
    athlete_id: int,
    activity_id: int,
    session_id: str | None,
    *,
    plan: Plan,
    now: dt.datetime,
) -> None:
    """Record by hand that ``activity_id`` fulfilled ``session_id`` (None: no session).
    The activity must be this athlete's and the session one of ``plan``."""
    stored = repo.get_activity(session, activity_id)
    if stored.athlete_id != athlete_id:
        raise NotFoundError(f"no activity with id {activity_id} for this athlete")
    if session_id is None:
        repo.set_match_override(session, athlete_id, activity_id, None, None, now=now)
        return
    target = next((s for s in plan.sessions() if s.id == session_id), None)
    if target is None:
        raise InputError(
            f"session {session_id!r} is not in the current plan: use an id of the plan's "
            "sessions (e.g. w03-tue-run)",
            cli_hint=", as `runstrong plan show --week N` lists them",
        )
    kind = kind_of(stored.activity)
    if kind is not target.kind:
        # the automatic matcher pairs only like kinds; a hand correction keeps to that
        raise InputError(
            f"activity {activity_id} is a {_kind_name(kind)} and cannot fulfil the "
            f"{target.kind.value} {target.id}: match it to a planned {kind.value} session, "
            "or use --none"
        )
    repo.set_match_override(session, athlete_id, activity_id, target.id, target.date, now=now)


def _kind_name(kind: SessionKind) -> str:
    return "cross-training session" if kind is SessionKind.CROSS else f"{kind.value} session"
