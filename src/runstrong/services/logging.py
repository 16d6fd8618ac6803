"""Hand logging: lifts, runs without a file, daily wellness, session RPE, and the log view.

A hand-logged lift session is an activity (sport ``strength``, source
``manual``) whose sets are strength sets; logging another exercise on the same
day appends to that day's session. Session RPE (R19, R23 need it for
session-RPE load) can be set on any activity. Wellness (R18, R25) is one row
per athlete per day: logging again changes only the fields given.
Callers pass ``today``/``now`` and the athlete's time zone; nothing here reads
the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.orm import Session

from runstrong.core.errors import InputError
from runstrong.core.exercises import ExerciseLibrary, load_library
from runstrong.core.model import Activity, SetEntry, Sport, Wellness
from runstrong.core.science.plausibility import check_day, check_load_kg
from runstrong.core.units import format_distance_bare, format_elevation
from runstrong.services.log_input import (
    SetSpec,
    check_activity,
    check_range,
    check_rir,
    check_rpe,
    check_scale,
)
from runstrong.storage import repository as repo

MANUAL = "manual"
DEFAULT_START = dt.time(12, 0)
"""Start time given to hand-logged sessions when none is known."""


def _library() -> ExerciseLibrary:
    return load_library()


def match_exercise(name: str, logged: Iterable[str], *, allow_new: bool = False) -> str:
    """The library's name for ``name`` (by name, id or alias, any case/punctuation).

    Names the athlete logged before are accepted as they are. Anything else
    raises ``InputError`` with the closest library names, unless ``allow_new``.
    """
    clean = " ".join(name.split())
    if not clean:
        raise InputError("invalid exercise '': give the exercise's name")
    library = _library()
    found = library.lookup(clean)
    if found is not None:
        return str(found.name)
    for earlier in logged:
        if earlier.casefold() == clean.casefold():
            return earlier
    if allow_new:
        return clean
    hints = list(library.suggest(clean))
    hint = f"did you mean: {', '.join(hints)}?" if hints else "it is not in the exercise library"
    raise InputError(
        f"unknown exercise {clean!r}: {hint}",
        cli_hint=" (use --new-exercise to log it as written)",
        field="exercise",
    )


def library_names() -> tuple[str, ...]:
    """The exercise library's names, sorted (the web's log form offers them)."""
    return tuple(sorted(str(e.name) for e in _library()))


@dataclass(frozen=True, slots=True)
class LiftLogged:
    """Result of ``log_lift``: the session's activity id and how many sets it now has."""

    activity_id: int
    exercise: str
    sets_added: int
    total_sets: int
    appended: bool


def _day_bounds(day: dt.date, tz: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time(0), tzinfo=tz)
    return start, dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=tz)


def _start(day: dt.date, at: dt.time | None, tz: dt.tzinfo) -> dt.datetime:
    return dt.datetime.combine(day, at or DEFAULT_START, tzinfo=tz)


def log_lift(
    session: Session,
    athlete_id: int,
    *,
    day: dt.date,
    tz: dt.tzinfo,
    exercise: str,
    sets: Sequence[SetSpec],
    now: dt.datetime,
    rpe: float | None = None,
    rir: float | None = None,
    session_rpe: float | None = None,
    duration_s: float | None = None,
    notes: str | None = None,
    at: dt.time | None = None,
    allow_new: bool = False,
) -> LiftLogged:
    """Log ``sets`` of ``exercise``; ``rpe``/``rir`` fill sets that carry none."""
    if not sets:
        raise InputError("no sets given: add at least one --set, e.g. --set 3x8@60kg")
    if rpe is not None and rir is not None:
        raise InputError("give either RPE or RIR for the sets, not both")
    rpe = None if rpe is None else check_rpe(rpe)
    rir = None if rir is None else check_rir(rir)
    session_rpe = None if session_rpe is None else check_rpe(session_rpe)
    name = match_exercise(exercise, repo.exercise_names(session, athlete_id), allow_new=allow_new)
    since, until = _day_bounds(day, tz)
    existing = [
        s
        for s in repo.list_activities(session, athlete_id, since=since, until=until)
        if s.activity.sport is Sport.STRENGTH and s.activity.source_format == MANUAL
    ]
    order = len(existing[0].activity.sets) if existing else 0
    entries: list[SetEntry] = []
    check_day(day, now.astimezone(tz).date())
    for spec in sets:
        if spec.load_kg is not None:
            check_load_kg(spec.load_kg, exercise=name)
        for _ in range(spec.count):
            entries.append(
                SetEntry(
                    exercise=name,
                    reps=spec.reps,
                    load_kg=spec.load_kg,
                    rpe=spec.rpe if spec.rpe is not None else (rpe if spec.rir is None else None),
                    rir=spec.rir if spec.rir is not None else (rir if spec.rpe is None else None),
                    duration_s=spec.duration_s,
                    order=order,
                )
            )
            order += 1
    if existing:
        stored = existing[0]
        repo.append_sets(session, stored.id, entries)
        if session_rpe is not None:
            repo.set_session_rpe(session, stored.id, session_rpe)
        if duration_s is None:
            # Keep the estimate growing with the session unless a length was given before.
            estimate = estimated_lift_duration_s(order)
            if estimate > stored.activity.duration_s:
                duration_s = estimate
        if duration_s is not None or notes:
            text = "\n".join(t for t in (stored.activity.description, notes) if t) or None
            repo.update_activity_fields(session, stored.id, duration_s=duration_s, description=text)
        return LiftLogged(stored.id, name, len(entries), order, appended=True)
    activity = Activity(
        sport=Sport.STRENGTH,
        start=_start(day, at, tz),
        duration_s=duration_s
        if duration_s is not None
        else estimated_lift_duration_s(len(entries)),
        name="Strength (logged)",
        description=notes or None,
        source_format=MANUAL,
        session_rpe=session_rpe,
        sets=tuple(entries),
    )
    activity_id = repo.add_activity(session, athlete_id, activity, now=now)
    return LiftLogged(activity_id, name, len(entries), len(entries), appended=False)


def save_activity(
    session: Session,
    athlete_id: int,
    activity: Activity,
    *,
    now: dt.datetime,
    tz: dt.tzinfo,
    units: str,
    match_names: bool = False,
    allow_new: bool = False,
) -> int:
    """Store an activity given whole (the web's log form and the API); returns the new
    activity's id. Checked by ``check_activity`` as the CLI's runs and lifts are (the
    athlete's zone ``tz`` says which day is today; ``units`` how a distance is shown).
    With ``match_names`` (the log form) each set's exercise is matched as ``runstrong log
    lift`` matches it: the library's name, a name logged before, or, with ``allow_new``
    only, the name as written; the API stores names as given."""
    check_activity(activity, tz=tz, now=now, units=units)
    if match_names and activity.sets:
        logged = repo.exercise_names(session, athlete_id)
        names = {e.exercise: match_exercise(e.exercise, logged, allow_new=allow_new)
                 for e in activity.sets}  # fmt: skip
        sets = tuple(replace(e, exercise=names[e.exercise]) for e in activity.sets)
        activity = replace(activity, sets=sets)
    return repo.add_activity(session, athlete_id, activity, now=now)


SECONDS_PER_SET = 150.0
"""Estimated length of one set with its rest (about 45 s of work, 105 s of rest), used
when a lift is logged without ``--minutes`` so its session-RPE load is not zero."""


def estimated_lift_duration_s(n_sets: int) -> float:
    """The session length assumed for ``n_sets`` sets when none was given."""
    return n_sets * SECONDS_PER_SET


RUN_SPORTS = {"run": Sport.RUNNING, "trail": Sport.TRAIL_RUNNING, "treadmill": Sport.TREADMILL}


def log_run(
    session: Session,
    athlete_id: int,
    *,
    day: dt.date,
    tz: dt.tzinfo,
    distance_m: float,
    duration_s: float,
    now: dt.datetime,
    rpe: float | None = None,
    notes: str | None = None,
    kind: str = "run",
    at: dt.time | None = None,
    units: str = "km",
) -> int:
    """Log a run that has no file; returns the new activity's id. ``units``: how an
    implausible distance is shown in the error (the profile's display units)."""
    if kind not in RUN_SPORTS:
        raise InputError(f"invalid run kind {kind!r}: use run, trail or treadmill")
    check_range(distance_m / 1000, "distance", 0.01, 1000, "km")
    activity = Activity(
        sport=RUN_SPORTS[kind],
        start=_start(day, at, tz),
        duration_s=duration_s,
        moving_time_s=duration_s,
        distance_m=distance_m,
        name="Run (logged)",
        description=notes or None,
        source_format=MANUAL,
        session_rpe=None if rpe is None else check_rpe(rpe),
    )
    check_activity(activity, tz=tz, now=now, units=units)  # e.g. "2:00" typed for two hours
    return repo.add_activity(session, athlete_id, activity, now=now)


def set_session_rpe(
    session: Session, activity_id: int, rpe: float | None, *, athlete_id: int | None = None
) -> Activity:
    """Set the session RPE of an activity (imported or logged; None clears it); returns it
    updated.

    With ``athlete_id`` the activity must be that athlete's: a command acting on
    its default athlete must never change another athlete's log by a mistyped id.
    """
    if athlete_id is not None:
        owner_id = repo.get_activity(session, activity_id, with_streams=False).athlete_id
        if owner_id != athlete_id:
            owner = repo.get_athlete(session, owner_id).name
            mine = repo.get_athlete(session, athlete_id).name
            raise InputError(
                f"activity {activity_id} is in the log of athlete {owner!r}, not of {mine!r}; "
                f"to change it, name its athlete: --athlete {owner!r}"
            )
    repo.set_session_rpe(session, activity_id, None if rpe is None else check_rpe(rpe))
    return repo.get_activity(session, activity_id, with_streams=False).activity


# Wellness fields: (what the message calls it, kind, low, high, unit)
WELLNESS_CHECKS: dict[str, tuple[str, str, float, float, str]] = {
    "sleep_h": ("sleep hours", "float", 0, 24, ""),
    "sleep_quality": ("sleep quality", "scale", 1, 5, ""),
    "stress": ("stress", "scale", 1, 5, ""),
    "soreness": ("soreness", "scale", 1, 5, ""),
    "leg_feel": ("leg feel", "scale", 1, 5, ""),
    "hip_stiffness": ("hip stiffness", "scale", 1, 5, ""),
    "low_back_fatigue": ("lower back fatigue", "scale", 1, 5, ""),
    "mood": ("mood", "scale", 1, 5, ""),
    "body_mass_kg": ("body mass", "float", 20, 400, "kg"),
    "resting_hr_bpm": ("resting HR", "float", 20, 150, "bpm"),
    "hrv_ms": ("HRV", "float", 1, 500, "ms"),
}
TEXT_FIELDS = ("nutrition_notes", "hydration_notes", "notes")


def log_wellness(
    session: Session,
    athlete_id: int,
    day: dt.date,
    changes: Mapping[str, Any],
    clear: Iterable[str] = (),
) -> Wellness:
    """Set the given fields of the athlete's check-in for ``day`` (others keep their value);
    fields named in ``clear`` are emptied."""
    values = check_wellness(changes, clear)
    current = repo.get_wellness(session, athlete_id, day) or Wellness(day=day)
    return repo.put_wellness(session, athlete_id, replace(current, **values))


def save_wellness(
    session: Session, athlete_id: int, wellness: Wellness, *, today: dt.date
) -> Wellness:
    """Store a whole check-in for its day, replacing an earlier one (the web's form and API,
    which validate its fields first); ``log_wellness`` changes single fields instead. The
    day is from 1900 to ``today`` (the athlete's), as the CLI's ``--date`` (``parse_day``)."""
    check_day(wellness.day, today, "day")
    return repo.put_wellness(session, athlete_id, wellness)


def check_wellness(changes: Mapping[str, Any], clear: Iterable[str] = ()) -> dict[str, Any]:
    """Validate check-in fields (ranges of ``WELLNESS_CHECKS``); returns the values to set."""
    values: dict[str, Any] = {}
    for key in clear:
        if key not in WELLNESS_CHECKS and key not in TEXT_FIELDS:
            known = ", ".join([*WELLNESS_CHECKS, *TEXT_FIELDS])
            raise InputError(f"unknown wellness field {key!r}: use one of {known}")
        values[key] = None
    for key, value in changes.items():
        if value is None:
            continue
        if key in WELLNESS_CHECKS:
            what, kind, low, high, unit = WELLNESS_CHECKS[key]
            if kind == "scale":
                number = float(value)
                if not number.is_integer():
                    raise InputError(
                        f"invalid {what} {number:g}: use a whole number from {low:g} to {high:g}"
                    )
                values[key] = check_scale(int(number), what, int(low), int(high))
            else:
                values[key] = check_range(float(value), what, low, high, unit)
        elif key in TEXT_FIELDS:
            values[key] = str(value).strip() or None
        else:
            raise InputError(f"unknown wellness field {key!r}")
    return values


@dataclass(frozen=True, slots=True)
class LogLine:
    """One line of ``runstrong log show``: an activity or a wellness check-in."""

    day: dt.date
    kind: str
    activity_id: int | None
    summary: str
    rpe: float | None


def format_duration(seconds: float) -> str:
    """``M:SS`` or ``H:MM:SS``."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _activity_summary(a: Activity, units: str = "km") -> str:
    """One line of ``log show``: distance and climb in the display ``units`` (km and m,
    or mi and ft), duration, HR and the sets."""
    parts: list[str] = []
    if a.name:
        parts.append(a.name)
    if a.distance_m:
        parts.append(format_distance_bare(a.distance_m, units, 1))
    if a.elevation_gain_m:
        parts.append(f"climb {format_elevation(a.elevation_gain_m, units)}")
    if a.duration_s:
        parts.append(format_duration(a.duration_s))
    if a.avg_hr_bpm:
        parts.append(f"HR {a.avg_hr_bpm:.0f}")
    if a.sets:
        by_exercise: dict[str, list[SetEntry]] = {}
        for entry in a.sets:
            by_exercise.setdefault(entry.exercise, []).append(entry)
        for name, entries in by_exercise.items():
            loads = {e.load_kg for e in entries if e.load_kg}
            top = f" up to {max(loads):g} kg" if loads else ""
            parts.append(f"{name} {len(entries)} sets{top}")
    return ", ".join(parts)


def wellness_summary(w: Wellness) -> str:
    """The check-in's given fields in one line."""
    labels = {"sleep_h": "sleep {}h", "body_mass_kg": "{} kg", "resting_hr_bpm": "RHR {}"}
    parts: list[str] = []
    for key, (what, _, _, _, _) in WELLNESS_CHECKS.items():
        value = getattr(w, key)
        if value is not None:
            template = labels.get(key, what + " {}")
            parts.append(template.format(f"{value:g}"))
    parts.extend(str(getattr(w, key)) for key in TEXT_FIELDS if getattr(w, key))
    return ", ".join(parts)


def log_lines(
    session: Session, athlete_id: int, *, since: dt.date, tz: dt.tzinfo, units: str = "km"
) -> list[LogLine]:
    """Activities and wellness from ``since`` on, by day (local to ``tz``); distances and
    climbs in the display ``units``."""
    start = dt.datetime.combine(since, dt.time(0), tzinfo=tz)
    lines = [
        LogLine(
            s.activity.start.astimezone(tz).date(),
            s.activity.sport.value,
            s.id,
            _activity_summary(s.activity, units),
            s.activity.session_rpe,
        )
        for s in repo.list_activities(session, athlete_id, since=start)
    ]
    lines.extend(
        LogLine(w.day, "wellness", None, wellness_summary(w), None)
        for w in repo.list_wellness(session, athlete_id, since=since)
    )
    return sorted(lines, key=lambda line: (line.day, line.kind == "wellness"))
