"""Typed repository functions: every read and write of runstrong's data goes through here.

Each function takes an open ``Session`` (the caller owns the transaction, see
``storage.db.transaction``) and returns ``core.model`` dataclasses or the
records of ``storage.records`` — never ORM rows. Callers pass ``now``; this
module never reads the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from runstrong.core.errors import InputError, NotFoundError
from runstrong.core.model import Activity, Lap, SetEntry, Sport, Streams, Wellness
from runstrong.storage.records import (
    AthleteRecord,
    StoredActivity,
    StoredPlan,
    StoredPlanEvent,
    UserRecord,
)
from runstrong.storage.streams import decode_streams, encode_streams
from runstrong.storage.tables import (
    ActivityRow,
    ActivityStreamRow,
    AthleteRow,
    LapRow,
    PlanEventRow,
    PlanRow,
    StrengthSetRow,
    UserRow,
    WellnessRow,
)

# ---------------------------------------------------------------------------
# Users and athletes
# ---------------------------------------------------------------------------


def _user(row: UserRow) -> UserRecord:
    return UserRecord(
        row.id, row.email, row.password_hash, row.display_name, row.created_at, row.is_owner
    )


def add_user(
    session: Session,
    email: str,
    password_hash: str,
    *,
    now: dt.datetime,
    display_name: str = "",
    is_owner: bool = False,
) -> UserRecord:
    """Create a user; an email already taken raises ``InputError``."""
    if get_user_by_email(session, email) is not None:
        raise InputError(f"email {email!r} is already registered: use another address")
    row = UserRow(
        email=email.strip().lower(),
        password_hash=password_hash,
        display_name=display_name,
        created_at=now,
        is_owner=is_owner,
    )
    session.add(row)
    session.flush()
    return _user(row)


def get_user(session: Session, user_id: int) -> UserRecord:
    """The user with ``user_id`` (``NotFoundError`` if none)."""
    row = session.get(UserRow, user_id)
    if row is None:
        raise NotFoundError(f"no user with id {user_id}")
    return _user(row)


def get_user_by_email(session: Session, email: str) -> UserRecord | None:
    """The user with this email (case-insensitive), if any."""
    row = session.scalar(select(UserRow).where(UserRow.email == email.strip().lower()))
    return None if row is None else _user(row)


def _athlete(row: AthleteRow) -> AthleteRecord:
    return AthleteRecord(row.id, row.name, row.owner_user_id, row.profile_toml, row.created_at)


def add_athlete(
    session: Session,
    name: str,
    *,
    now: dt.datetime,
    owner_user_id: int | None = None,
    profile_toml: str | None = None,
) -> AthleteRecord:
    """Create an athlete; the name must be new for this owner (``InputError`` otherwise)."""
    clean = name.strip()
    if not clean or len(clean) > 100:
        raise InputError(f"invalid athlete name {name!r}: use 1 to 100 characters")
    if find_athlete(session, clean, owner_user_id=owner_user_id) is not None:
        raise InputError(f"athlete {clean!r} already exists: choose another name")
    row = AthleteRow(
        name=clean, owner_user_id=owner_user_id, profile_toml=profile_toml, created_at=now
    )
    session.add(row)
    session.flush()
    return _athlete(row)


def get_athlete(session: Session, athlete_id: int) -> AthleteRecord:
    """The athlete with ``athlete_id`` (``NotFoundError`` if none)."""
    row = session.get(AthleteRow, athlete_id)
    if row is None:
        raise NotFoundError(f"no athlete with id {athlete_id}")
    return _athlete(row)


def find_athlete(
    session: Session, name: str, *, owner_user_id: int | None = None
) -> AthleteRecord | None:
    """The athlete called ``name`` for this owner (None = the local, ownerless athletes)."""
    owner = (
        AthleteRow.owner_user_id.is_(None)
        if owner_user_id is None
        else AthleteRow.owner_user_id == owner_user_id
    )
    row = session.scalar(select(AthleteRow).where(AthleteRow.name == name.strip(), owner))
    return None if row is None else _athlete(row)


def list_athletes(session: Session, *, owner_user_id: int | None = None) -> list[AthleteRecord]:
    """Athletes in creation order; with ``owner_user_id`` only that user's."""
    query = select(AthleteRow).order_by(AthleteRow.id)
    if owner_user_id is not None:
        query = query.where(AthleteRow.owner_user_id == owner_user_id)
    return [_athlete(r) for r in session.scalars(query)]


def set_athlete_profile(session: Session, athlete_id: int, profile_toml: str | None) -> None:
    """Store (or clear) an athlete's profile text."""
    row = session.get(AthleteRow, athlete_id)
    if row is None:
        raise NotFoundError(f"no athlete with id {athlete_id}")
    row.profile_toml = profile_toml


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------


def _offset_s(start: dt.datetime) -> int:
    offset = start.utcoffset()
    return 0 if offset is None else int(offset.total_seconds())


def activity_row(
    athlete_id: int,
    activity: Activity,
    *,
    now: dt.datetime,
    stream_blob: tuple[int, bytes] | None = None,
) -> ActivityRow:
    """The ORM rows (activity, laps, sets, stream) for one activity, not yet added.

    ``stream_blob`` is ``encode_streams(activity.streams)`` computed elsewhere
    (the import workers encode in parallel); without it the streams are encoded here.
    """
    a = activity
    row = ActivityRow(
        athlete_id=athlete_id,
        sport=a.sport.value,
        sub_sport=a.sub_sport,
        start_utc=a.start,
        utc_offset_s=_offset_s(a.start),
        duration_s=a.duration_s,
        moving_time_s=a.moving_time_s,
        distance_m=a.distance_m,
        elevation_gain_m=a.elevation_gain_m,
        avg_hr_bpm=a.avg_hr_bpm,
        max_hr_bpm=a.max_hr_bpm,
        avg_cadence_spm=a.avg_cadence_spm,
        avg_power_w=a.avg_power_w,
        calories_kcal=a.calories_kcal,
        name=a.name,
        description=a.description,
        device=a.device,
        source_format=a.source_format,
        source_name=a.source_name,
        source_hash=a.source_hash,
        event_id=a.event_id,
        leg_index=a.leg_index,
        session_rpe=a.session_rpe,
        created_at=now,
    )
    row.laps = [
        LapRow(
            lap_index=i,
            start_utc=lap.start,
            duration_s=lap.duration_s,
            distance_m=lap.distance_m,
            avg_hr_bpm=lap.avg_hr_bpm,
            max_hr_bpm=lap.max_hr_bpm,
            avg_speed_m_s=lap.avg_speed_m_s,
            avg_cadence_spm=lap.avg_cadence_spm,
            avg_power_w=lap.avg_power_w,
        )
        for i, lap in enumerate(a.laps)
    ]
    row.sets = [_set_row(s) for s in a.sets]
    n_samples, blob = encode_streams(a.streams) if stream_blob is None else stream_blob
    if n_samples:
        row.stream = ActivityStreamRow(n_samples=n_samples, data=blob)
    return row


def _set_row(s: SetEntry) -> StrengthSetRow:
    return StrengthSetRow(
        set_order=s.order,
        exercise=s.exercise,
        reps=s.reps,
        load_kg=s.load_kg,
        rpe=s.rpe,
        rir=s.rir,
        duration_s=s.duration_s,
        start_utc=s.start,
    )


def add_activity(
    session: Session,
    athlete_id: int,
    activity: Activity,
    *,
    now: dt.datetime,
    stream_blob: tuple[int, bytes] | None = None,
) -> int:
    """Store one activity whole (laps, sets, streams) and return its id.

    Runs in a SAVEPOINT: if anything fails (e.g. the same source hash and leg
    is already stored, ``IntegrityError``), nothing of it is written and the
    error propagates; the surrounding transaction stays usable.
    """
    row = activity_row(athlete_id, activity, now=now, stream_blob=stream_blob)
    with session.begin_nested():
        session.add(row)
        session.flush()
    return row.id


def _to_activity(row: ActivityRow, *, with_streams: bool) -> Activity:
    tz = dt.timezone(dt.timedelta(seconds=row.utc_offset_s)) if row.utc_offset_s else dt.UTC
    streams = decode_streams(row.stream.data) if with_streams and row.stream else None
    extra: dict[str, Streams] = {} if streams is None else {"streams": streams}
    return Activity(
        sport=Sport(row.sport),
        start=row.start_utc.astimezone(tz),
        duration_s=row.duration_s,
        moving_time_s=row.moving_time_s,
        distance_m=row.distance_m,
        elevation_gain_m=row.elevation_gain_m,
        avg_hr_bpm=row.avg_hr_bpm,
        max_hr_bpm=row.max_hr_bpm,
        avg_cadence_spm=row.avg_cadence_spm,
        avg_power_w=row.avg_power_w,
        calories_kcal=row.calories_kcal,
        sub_sport=row.sub_sport,
        name=row.name,
        description=row.description,
        device=row.device,
        source_format=row.source_format,
        source_name=row.source_name,
        source_hash=row.source_hash,
        event_id=row.event_id,
        leg_index=row.leg_index,
        session_rpe=row.session_rpe,
        laps=tuple(
            Lap(
                start=lap.start_utc,
                duration_s=lap.duration_s,
                distance_m=lap.distance_m,
                avg_hr_bpm=lap.avg_hr_bpm,
                max_hr_bpm=lap.max_hr_bpm,
                avg_speed_m_s=lap.avg_speed_m_s,
                avg_cadence_spm=lap.avg_cadence_spm,
                avg_power_w=lap.avg_power_w,
            )
            for lap in row.laps
        ),
        sets=tuple(
            SetEntry(
                exercise=s.exercise,
                reps=s.reps,
                load_kg=s.load_kg,
                rpe=s.rpe,
                rir=s.rir,
                duration_s=s.duration_s,
                start=s.start_utc,
                order=s.set_order,
            )
            for s in row.sets
        ),
        **extra,
    )


def _stored(row: ActivityRow, *, with_streams: bool) -> StoredActivity:
    return StoredActivity(
        row.id, row.athlete_id, _to_activity(row, with_streams=with_streams), row.created_at
    )


def get_activity(
    session: Session, activity_id: int, *, with_streams: bool = True
) -> StoredActivity:
    """One stored activity with laps, sets and (by default) streams."""
    row = session.get(ActivityRow, activity_id)
    if row is None:
        raise NotFoundError(f"no activity with id {activity_id}")
    return _stored(row, with_streams=with_streams)


def list_activities(
    session: Session,
    athlete_id: int,
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    with_streams: bool = False,
) -> list[StoredActivity]:
    """An athlete's activities by start time (``since`` ≤ start < ``until``); streams on request."""
    query = (
        select(ActivityRow)
        .where(ActivityRow.athlete_id == athlete_id)
        .order_by(ActivityRow.start_utc, ActivityRow.leg_index, ActivityRow.id)
        .options(selectinload(ActivityRow.laps), selectinload(ActivityRow.sets))
    )
    if with_streams:
        query = query.options(selectinload(ActivityRow.stream))
    if since is not None:
        query = query.where(ActivityRow.start_utc >= since)
    if until is not None:
        query = query.where(ActivityRow.start_utc < until)
    return [_stored(r, with_streams=with_streams) for r in session.scalars(query)]


def set_session_rpe(session: Session, activity_id: int, rpe: float | None) -> None:
    """Set (or clear) the session RPE of an activity."""
    row = session.get(ActivityRow, activity_id)
    if row is None:
        raise NotFoundError(f"no activity with id {activity_id}")
    row.session_rpe = rpe


def append_sets(session: Session, activity_id: int, sets: list[SetEntry]) -> None:
    """Add sets to an existing activity (hand-logged lifts of the same session)."""
    row = session.get(ActivityRow, activity_id)
    if row is None:
        raise NotFoundError(f"no activity with id {activity_id}")
    row.sets.extend(_set_row(s) for s in sets)
    session.flush()


def update_activity_fields(
    session: Session,
    activity_id: int,
    *,
    duration_s: float | None = None,
    name: str | None = None,
    description: str | None = None,
) -> None:
    """Change an activity's duration, name or description (None leaves a field as it is)."""
    row = session.get(ActivityRow, activity_id)
    if row is None:
        raise NotFoundError(f"no activity with id {activity_id}")
    if duration_s is not None:
        row.duration_s = duration_s
    if name is not None:
        row.name = name
    if description is not None:
        row.description = description


def import_keys(
    session: Session, athlete_id: int
) -> tuple[set[tuple[str, int]], dict[str, list[tuple[float, int]]]]:
    """What the import dedup needs: stored ``(source_hash, leg_index)`` pairs and, per
    sport, ``(start epoch seconds, activity id)`` sorted by time."""
    hashes: set[tuple[str, int]] = set()
    starts: dict[str, list[tuple[float, int]]] = {}
    query = select(
        ActivityRow.id,
        ActivityRow.sport,
        ActivityRow.start_utc,
        ActivityRow.source_hash,
        ActivityRow.leg_index,
    ).where(ActivityRow.athlete_id == athlete_id)
    for activity_id, sport, start, source_hash, leg in session.execute(query):
        if source_hash is not None:  # hand-logged entries (no file) never hide a file
            hashes.add((source_hash, leg))
            starts.setdefault(sport, []).append((start.timestamp(), activity_id))
    for values in starts.values():
        values.sort()
    return hashes, starts


def activity_ids(session: Session, athlete_id: int) -> list[int]:
    """Ids of the athlete's activities in start order (to page through large logs)."""
    query = (
        select(ActivityRow.id)
        .where(ActivityRow.athlete_id == athlete_id)
        .order_by(ActivityRow.start_utc, ActivityRow.leg_index, ActivityRow.id)
    )
    return list(session.scalars(query))


def count_activities(session: Session, athlete_id: int | None = None) -> int:
    """How many activities are stored (for one athlete, or in total)."""
    query = select(func.count(ActivityRow.id))
    if athlete_id is not None:
        query = query.where(ActivityRow.athlete_id == athlete_id)
    return int(session.scalar(query) or 0)


def exercise_names(session: Session, athlete_id: int) -> list[str]:
    """Distinct exercise names this athlete has logged, sorted."""
    query = (
        select(StrengthSetRow.exercise)
        .join(ActivityRow, ActivityRow.id == StrengthSetRow.activity_id)
        .where(ActivityRow.athlete_id == athlete_id)
        .distinct()
    )
    return sorted(session.scalars(query))


# ---------------------------------------------------------------------------
# Wellness
# ---------------------------------------------------------------------------

WELLNESS_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Wellness) if f.name != "day")


def _wellness(row: WellnessRow) -> Wellness:
    return Wellness(day=row.day, **{name: getattr(row, name) for name in WELLNESS_FIELDS})


def get_wellness(session: Session, athlete_id: int, day: dt.date) -> Wellness | None:
    """The athlete's check-in for ``day``, if any."""
    row = session.scalar(
        select(WellnessRow).where(WellnessRow.athlete_id == athlete_id, WellnessRow.day == day)
    )
    return None if row is None else _wellness(row)


def put_wellness(session: Session, athlete_id: int, wellness: Wellness) -> Wellness:
    """Store ``wellness`` as the athlete's check-in for its day (replacing any earlier one)."""
    row = session.scalar(
        select(WellnessRow).where(
            WellnessRow.athlete_id == athlete_id, WellnessRow.day == wellness.day
        )
    )
    if row is None:
        row = WellnessRow(athlete_id=athlete_id, day=wellness.day)
        session.add(row)
    for name in WELLNESS_FIELDS:
        setattr(row, name, getattr(wellness, name))
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:  # a concurrent writer stored the same day first: update it
        return put_wellness(session, athlete_id, wellness)
    return _wellness(row)


def list_wellness(
    session: Session, athlete_id: int, *, since: dt.date | None = None
) -> list[Wellness]:
    """The athlete's check-ins by day (from ``since`` on)."""
    query = select(WellnessRow).where(WellnessRow.athlete_id == athlete_id)
    if since is not None:
        query = query.where(WellnessRow.day >= since)
    return [_wellness(r) for r in session.scalars(query.order_by(WellnessRow.day))]


# ---------------------------------------------------------------------------
# Plans and plan events
# ---------------------------------------------------------------------------


def _plan(row: PlanRow) -> StoredPlan:
    return StoredPlan(
        row.id, row.athlete_id, row.created_at, row.active, row.format_version, row.plan_json
    )


def add_plan(
    session: Session,
    athlete_id: int,
    plan_json: str,
    *,
    format_version: str,
    now: dt.datetime,
    active: bool = True,
    deactivate_others: bool = True,
) -> StoredPlan:
    """Store a plan document; an active one deactivates the athlete's other plans
    (unless ``deactivate_others`` is False, as when restoring an export)."""
    if active and deactivate_others:
        session.execute(
            update(PlanRow).where(PlanRow.athlete_id == athlete_id).values(active=False)
        )
    row = PlanRow(
        athlete_id=athlete_id,
        plan_json=plan_json,
        format_version=format_version,
        created_at=now,
        active=active,
    )
    session.add(row)
    session.flush()
    return _plan(row)


def active_plan(session: Session, athlete_id: int) -> StoredPlan | None:
    """The athlete's active plan (the newest if several), if any."""
    row = session.scalar(
        select(PlanRow)
        .where(PlanRow.athlete_id == athlete_id, PlanRow.active.is_(True))
        .order_by(PlanRow.created_at.desc(), PlanRow.id.desc())
        .limit(1)
    )
    return None if row is None else _plan(row)


def list_plans(session: Session, athlete_id: int) -> list[StoredPlan]:
    """Every stored plan of the athlete, oldest first."""
    query = select(PlanRow).where(PlanRow.athlete_id == athlete_id).order_by(PlanRow.id)
    return [_plan(r) for r in session.scalars(query)]


PLAN_EVENT_KINDS = ("skip", "move", "adapt")


def add_plan_event(
    session: Session,
    athlete_id: int,
    day: dt.date,
    kind: str,
    payload: dict[str, object],
    *,
    now: dt.datetime,
) -> StoredPlanEvent:
    """Record a plan change; ``kind`` is one of skip, move, adapt."""
    if kind not in PLAN_EVENT_KINDS:
        raise InputError(f"invalid plan event kind {kind!r}: use one of skip, move, adapt")
    row = PlanEventRow(athlete_id=athlete_id, day=day, kind=kind, payload=payload, created_at=now)
    session.add(row)
    session.flush()
    return _event(row)


def _event(row: PlanEventRow) -> StoredPlanEvent:
    return StoredPlanEvent(
        row.id, row.athlete_id, row.day, row.kind, dict(row.payload), row.created_at
    )


def list_plan_events(
    session: Session, athlete_id: int, *, since: dt.date | None = None
) -> list[StoredPlanEvent]:
    """The athlete's plan events by day, then by creation."""
    query = select(PlanEventRow).where(PlanEventRow.athlete_id == athlete_id)
    if since is not None:
        query = query.where(PlanEventRow.day >= since)
    query = query.order_by(PlanEventRow.day, PlanEventRow.id)
    return [_event(r) for r in session.scalars(query)]
