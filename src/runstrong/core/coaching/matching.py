"""Plan ↔ log matching: which planned session each logged activity fulfilled.

An activity fulfils a planned session of the same kind (run, strength, cross):
on the same day first, else a session moved by up to ``MAX_SHIFT_DAYS`` (done a
day early or late, R22's "moved"). Among candidates the closest in size wins:
distance for runs (then duration), duration for everything else, and a quality
run prefers a hard-looking activity. Each session and each activity is used at
most once. An activity from before the plan's first day (``not_before``) fulfils
nothing: it is history, not a week-1 session done early. An activity logged from the
plan ("done as planned", ``source_name = "plan:<id>"``) always matches its session, and
a hand correction (``overrides``) beats everything: it ties an activity to a session or
to none.

Pure: callers pass the planned sessions and the activities (``MatchInput``) and
get ``Match`` values back. The services store them and read compliance, R1,
R22 and R23 from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from runstrong.core.model import PlannedSession, SessionKind

MAX_SHIFT_DAYS = 2
"""A session done up to two days from its planned day still counts as that session."""
PLAN_SOURCE_PREFIX = "plan:"
"""``source_name`` of an activity logged as "done as planned"."""
TRAINING_KINDS = (SessionKind.RUN, SessionKind.STRENGTH, SessionKind.CROSS)
SHIFT_COST = 1.0
"""Cost of one day of shift, against a size mismatch of 100 % (cost 1.0)."""


@dataclass(frozen=True, slots=True)
class MatchInput:
    """What the matcher needs of one logged activity."""

    activity_id: int
    day: dt.date
    kind: SessionKind
    duration_min: float
    distance_km: float | None = None
    source_name: str | None = None
    hard: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """``activity_id`` fulfilled the planned session ``session_id`` (planned on
    ``planned_day``, done on ``done_day``); ``how`` is "plan", "manual" or "auto"."""

    session_id: str
    activity_id: int
    planned_day: dt.date
    done_day: dt.date
    how: str

    @property
    def moved_days(self) -> int:
        return (self.done_day - self.planned_day).days


def size_mismatch(s: PlannedSession, a: MatchInput) -> float:
    """Relative size mismatch (0 = the same size), capped at 1: distance for a run
    when both have one, else duration."""
    if s.kind is SessionKind.RUN and s.distance_km and a.distance_km:
        planned, done = s.distance_km, a.distance_km
    else:
        planned, done = s.duration_min, a.duration_min
    if planned <= 0 or done <= 0:
        return 1.0
    return min(1.0, abs(done - planned) / planned)


def _cost(s: PlannedSession, a: MatchInput) -> float | None:
    """The cost of saying ``a`` fulfilled ``s``; None when it cannot."""
    if s.kind is not a.kind:
        return None
    shift = abs((a.day - s.date).days)
    if shift > MAX_SHIFT_DAYS:
        return None
    intensity = 0.25 if s.hard != a.hard and s.kind is SessionKind.RUN else 0.0
    return shift * SHIFT_COST + size_mismatch(s, a) + intensity


def match_log(
    planned: Iterable[PlannedSession],
    activities: Sequence[MatchInput],
    overrides: Mapping[int, str | None] | None = None,
    *,
    not_before: dt.date | None = None,
) -> tuple[Match, ...]:
    """Match each activity to at most one planned session (see the module docstring).

    ``overrides`` maps an activity id to the session id it fulfilled (or None: it
    fulfilled no session), as the athlete corrected it by hand; only those can tie an
    activity of a day before ``not_before`` (the plan's first day) to a session.
    """
    if not_before is not None:
        fixed_ids = set(overrides or {})
        activities = [a for a in activities if a.day >= not_before or a.activity_id in fixed_ids]
    sessions = sorted(
        (s for s in planned if s.kind in TRAINING_KINDS), key=lambda s: (s.date, s.start, s.id)
    )
    by_id = {s.id: s for s in sessions}
    fixed = dict(overrides or {})
    out: list[Match] = []
    used_s: set[str] = set()
    used_a: set[int] = set()

    def take(s: PlannedSession, a: MatchInput, how: str) -> None:
        out.append(Match(s.id, a.activity_id, s.date, a.day, how))
        used_s.add(s.id)
        used_a.add(a.activity_id)

    for a in activities:
        if a.activity_id in fixed:
            used_a.add(a.activity_id)
            target = by_id.get(fixed[a.activity_id] or "")
            if target is not None and target.id not in used_s:
                take(target, a, "manual")
    for a in activities:
        source = a.source_name or ""
        if a.activity_id in used_a or not source.startswith(PLAN_SOURCE_PREFIX):
            continue
        target = by_id.get(source[len(PLAN_SOURCE_PREFIX) :])
        if target is not None and target.id not in used_s:
            take(target, a, "plan")
    pairs = sorted(
        (cost, s.date, s.id, a.activity_id)
        for s in sessions
        if s.id not in used_s
        for a in activities
        if a.activity_id not in used_a and (cost := _cost(s, a)) is not None
    )
    acts = {a.activity_id: a for a in activities}
    for _, _, sid, aid in pairs:  # greedy by cost: same day and same size first
        if sid not in used_s and aid not in used_a:
            take(by_id[sid], acts[aid], "auto")
    return tuple(sorted(out, key=lambda m: (m.planned_day, m.session_id)))


def unmatched_sessions(
    planned: Iterable[PlannedSession], matches: Iterable[Match], before: dt.date
) -> tuple[PlannedSession, ...]:
    """Training sessions planned before ``before`` that no activity fulfilled (missed)."""
    done = {m.session_id for m in matches}
    return tuple(
        s for s in planned if s.kind in TRAINING_KINDS and s.date < before and s.id not in done
    )
