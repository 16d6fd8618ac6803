"""Plausibility limits of training data typed by hand: the fastest a human has run a
distance, the heaviest load a set may carry, and the days a log may hold.

These are the one copy of the limits: ``services.log_input.check_activity`` applies
them to what the CLI, the web's forms and the JSON API store, so all three refuse the
same values with the same words. Files read from a watch are not refused by them (the
importers keep what the device recorded), but a sensor sample no human can produce
(``SENSOR_RANGES``: a converter's "no value" pattern such as 255 bpm or 65,535 W, or a
flipped bit) is dropped from the file's streams and summaries. Pure: callers pass ``today``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from runstrong.core.errors import ImplausibleResultError, InputError
from runstrong.core.science.world_records import (
    MAX_DISTANCE_M,
    MIN_DISTANCE_M,
    WORLD_RECORDS,
    record_time_s,
)
from runstrong.core.units import format_distance_bare, format_duration

EARLIEST_DAY = dt.date(1900, 1, 1)
"""No training log holds a day before 1900 (a typed ``0001-01-01`` is a typo)."""

LATEST_QUERY_DAY = dt.date(2100, 12, 31)
"""The last day a filter (``since``/``until``) may name: beyond every plan and log, and
far from ``date.max`` (where a day's end would overflow)."""

MAX_LOAD_KG = 500.0
"""Heaviest load a logged set may carry. The heaviest barbell deadlift on record is
Hafþór Júlíus Björnsson's 501 kg (strongman rules, straps and suit, 2 May 2020); the raw
powerlifting deadlift records stand below it (e.g. Benedikt Magnússon's 460.4 kg, 2011).
A runner's barbell or dumbbell set above 500 kg is a typo (kg for lb, an extra zero)."""

MAX_SLED_LOAD_KG = 1100.0
"""Heaviest load a set on a sled or plate-loaded leg machine may carry (``SLED_WORDS``).
Such machines run the load on rails at an incline, so their plate loads run about twice
a squat's, and gyms load 600–800 kg on them. No federation keeps leg-press records; the
best-known filmed lift is Ronnie Coleman's 2,300 lb (1,043 kg) for two reps (2003, as
reported by e.g. homegymsupply.co.uk, "Leg press world record"). Above 1100 kg a set
is a typo."""

SLED_WORDS: tuple[str, ...] = ("leg press", "hack squat", "sled", "prowler", "belt squat")
"""Words in an exercise's name that mark a sled or plate-loaded leg machine, whose sets
may carry up to ``MAX_SLED_LOAD_KG`` (leg press, single-leg press, hack squat, sled
push or pull, prowler, belt squat)."""


@dataclass(frozen=True, slots=True)
class SensorRange:
    """The readings of one sensor channel a human can produce, both ends included."""

    label: str
    low: float
    high: float
    unit: str

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high


HEART_RATE_RANGE = SensorRange("heart rate", 25, 250, "bpm")
"""Resting rates of trained endurance athletes go down to the high 20s; maximal rates
fall with age from about 200-210 bpm (Tanaka, Monahan & Seals, J Am Coll Cardiol
2001;37:153-156: 208 - 0.7 x age). 0 is a strap without skin contact, 255 the FIT
uint8 "no value" written as a number."""
POWER_RANGE = SensorRange("power", 0, 3000, "W")
"""A guard rail, not a record: the peak power of world-class track sprinters is reported
at about 2,000-2,500 W for a second or two, a runner's power meter reads a few hundred.
65,535 is the FIT uint16 "no value", 65,280 (0xFF00) that value with one byte flipped."""
STEP_CADENCE_RANGE = SensorRange("cadence", 0, 300, "steps/min")
"""Sprinters at top speed take under 5 steps a second (300 steps/min); distance running
sits at 150-200 steps/min. FIT and GPX count one foot (x2 = steps), so a 255 "no value"
reads 510."""
PEDAL_CADENCE_RANGE = SensorRange("cadence", 0, 250, "rpm")
"""Track sprinters spin up to about 200-230 rpm in short maximal efforts; 255 is the
FIT uint8 "no value"."""


def cadence_range(steps: bool) -> SensorRange:
    """The cadence channel's range: steps/min for step sports (running, walking), rpm else."""
    return STEP_CADENCE_RANGE if steps else PEDAL_CADENCE_RANGE


CHECKED_FROM_M = MIN_DISTANCE_M
"""Shortest run whose pace is checked: below one lap GPS noise and strides dominate.
The 400 m and 800 m anchors of the record curve are in ``world_records.WORLD_RECORDS``."""


def fastest_time_s(distance_m: float) -> float | None:
    """The fastest time anyone has run ``distance_m`` in, or None below ``CHECKED_FROM_M``.

    400 m–100 km follow the record curve, interpolated in log(time) against
    log(distance) between anchors as ``world_records.record_time_s`` does (Riegel, Am Sci
    1981;69:285-290). Beyond 100 km, the 100 km record's pace (Sorokin, 6:05:35, 2022)
    is the floor: a longer run at a faster average pace would hold a 100 km faster than
    the record."""
    if not math.isfinite(distance_m) or distance_m < CHECKED_FROM_M:
        return None
    if distance_m > MAX_DISTANCE_M:
        last = WORLD_RECORDS[-1]
        return distance_m * last.time_s / last.distance_m
    return record_time_s(distance_m)


def distance_text(distance_m: float, units: str) -> str:
    """A typed distance echoed in the unit it was typed in: ``units`` ``"m"`` (the API's
    ``distance_m``) → ``10000 m``; ``km``/``mi`` (the CLI and the log form) → ``10 km``,
    ``6.21 mi`` (two decimals at most)."""
    if units == "m":
        return f"{distance_m:g} m"
    return format_distance_bare(distance_m, units, 2)


def check_run_pace(distance_m: float, duration_s: float, units: str = "km") -> None:
    """``ImplausibleResultError`` when ``distance_m`` in ``duration_s`` beats the record
    curve (``fastest_time_s``); the message names both values, in the unit they were
    typed in (``distance_text``), and the shortest duration allowed for the distance."""
    limit_s = fastest_time_s(distance_m)
    if limit_s is None or duration_s >= limit_s:
        return
    distance = distance_text(distance_m, units)
    raise ImplausibleResultError(
        f"distance {distance} in duration {format_duration(duration_s)} is faster than "
        f"the world record for the distance: for {distance} use a duration of "
        f"{format_duration(math.ceil(limit_s))} or more, or check the distance",
        field="distance_m",
    )


def max_load_kg(exercise: str | None) -> float:
    """The heaviest load a set of ``exercise`` may carry: ``MAX_SLED_LOAD_KG`` for a sled
    or leg machine (its name holds one of ``SLED_WORDS``) and for ``None`` (a set read
    before its exercise is known), ``MAX_LOAD_KG`` for every other exercise."""
    if exercise is None:
        return MAX_SLED_LOAD_KG
    name = exercise.lower().replace("-", " ")
    return MAX_SLED_LOAD_KG if any(w in name for w in SLED_WORDS) else MAX_LOAD_KG


def check_load_kg(load_kg: float, field: str = "load", exercise: str | None = None) -> float:
    """``load_kg`` if 0 ≤ load ≤ ``max_load_kg(exercise)``; an ``InputError`` naming it,
    the exercise's cap and that cap's reason otherwise."""
    limit = max_load_kg(exercise)
    if not math.isfinite(load_kg) or not 0 <= load_kg <= limit:
        why = (
            "the heaviest leg press on record is about 1043 kg"
            if limit == MAX_SLED_LOAD_KG
            else "the heaviest deadlift ever lifted is 501 kg; sled and leg-press "
            f"exercises allow up to {MAX_SLED_LOAD_KG:g} kg"
        )
        raise InputError(
            f"invalid {field} {load_kg:g} kg: use a number from 0 to {limit:g} kg ({why})",
            field="load_kg",
        )
    return load_kg


def check_no_distance(sport: str, distance_m: float | None, units: str) -> None:
    """A strength session carries no distance: an ``InputError`` naming the distance
    otherwise (a "6 mi" lift would count in the week's run volume, R25, and read as a run
    done differently)."""
    if distance_m:
        raise InputError(
            f"invalid distance {distance_text(distance_m, units)} for a {sport} session: "
            "leave the distance empty (log a run on its own)",
            field="distance_m",
        )


def check_day(day: dt.date, today: dt.date, field: str = "date") -> dt.date:
    """``day`` if ``EARLIEST_DAY`` ≤ day ≤ ``today`` (the athlete's local today: a log
    holds no day still to come); an ``InputError`` naming the day and the range."""
    if day > today:
        raise InputError(
            f"invalid {field} {day.isoformat()}: it is after today ({today.isoformat()}); "
            f"use a day from {EARLIEST_DAY.isoformat()} to {today.isoformat()}",
            field=field,
        )
    if day < EARLIEST_DAY:
        raise InputError(
            f"invalid {field} {day.isoformat()}: it is before {EARLIEST_DAY.isoformat()}; "
            f"use a day from {EARLIEST_DAY.isoformat()} to {today.isoformat()}",
            field=field,
        )
    return day


def check_query_day(day: dt.date, name: str) -> dt.date:
    """A filter's day (``since``, ``until``, ``--since``) if ``EARLIEST_DAY`` ≤ day ≤
    ``LATEST_QUERY_DAY``; an ``InputError`` naming it and the range otherwise."""
    if not EARLIEST_DAY <= day <= LATEST_QUERY_DAY:
        raise InputError(
            f"{name} {day.isoformat()} is out of range: use a date from "
            f"{EARLIEST_DAY.isoformat()} to {LATEST_QUERY_DAY.isoformat()}",
            field=name,
        )
    return day


def check_span(since: dt.date | None, until: dt.date | None) -> None:
    """A filter's ``since``/``until``: each in range (``check_query_day``) and ``since``
    on or before ``until``; an ``InputError`` naming the bad one."""
    for name, day in (("since", since), ("until", until)):
        if day is not None:
            check_query_day(day, name)
    if since is not None and until is not None and since > until:
        raise InputError(
            f"since {since.isoformat()} is after until {until.isoformat()}: "
            "use a since on or before the until",
            field="until",
        )
