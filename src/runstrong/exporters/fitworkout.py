"""Structured FIT *workout* files for planned runs and strength sessions.

A minimal FIT writer of our own (no dependency), following the FIT protocol
(Garmin FIT SDK, "Flexible and Interoperable Data Transfer Protocol", rev 2.x;
message and field numbers from its Profile.xlsx): a 14-byte file header with
its CRC, then definition + data messages for ``file_id`` (type workout),
``workout`` and one ``workout_step`` per step, then the file CRC-16. All
fields are little-endian.

Runs: each ``RunStep`` becomes a step with a time or distance duration and a
speed target built from its pace range (heart rate as the secondary target);
a repeated block is followed by a ``repeat_until_steps_cmplt`` step. Strength:
each exercise becomes a step with a *reps* duration (or time for holds), its
FIT ``exercise_category`` and ``exercise_name`` and load, then a rest step,
repeated ``sets`` times; mobility items close the workout as cool-down steps
(R16). The exercise's FIT names come from the exercise library (``fit`` of
each exercise, chosen from the FIT profile); their numbers from the generated FIT
name tables (``importers/fit_names.json``, copied from fitdecode's profile by
``scripts/gen_fit_names.py``). An exercise the profile does not list gets no category
or name field at all: "unknown" (65534) would make a watch show nothing
better than the step name. Step names and notes longer than a FIT string
field holds are shortened at a word boundary.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from runstrong.core.errors import ExerciseLibraryError
from runstrong.core.exercises import load_library
from runstrong.core.model import (
    ExercisePrescription,
    Plan,
    PlannedSession,
    RunStep,
    SessionKind,
    StepKind,
)
from runstrong.core.units import localise
from runstrong.exporters.text import exercise_text, session_title, step_text
from runstrong.importers.names import enum_number

PROTOCOL_VERSION = 0x20  # 2.0
PROFILE_VERSION = 2132  # 21.32
FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
MAX_STRING_BYTES = 64

# Base types (FIT SDK, fit.h).
ENUM, UINT8, UINT16, UINT32, STRING = 0x00, 0x02, 0x84, 0x86, 0x07
_SIZES = {ENUM: 1, UINT8: 1, UINT16: 2, UINT32: 4}
_FORMATS = {ENUM: "<B", UINT8: "<B", UINT16: "<H", UINT32: "<I"}

# Global message numbers.
MESG_FILE_ID, MESG_WORKOUT, MESG_WORKOUT_STEP = 0, 26, 27

# Enumerations (Profile.xlsx types).
FILE_WORKOUT = 5
MANUFACTURER_DEVELOPMENT = 255
SPORT_RUNNING, SPORT_TRAINING = 1, 10
SUB_SPORT_GENERIC, SUB_SPORT_STRENGTH = 0, 20
DUR_TIME, DUR_DISTANCE, DUR_OPEN, DUR_REPEAT, DUR_REPS = 0, 1, 5, 6, 29
TARGET_SPEED, TARGET_HR, TARGET_OPEN = 0, 1, 2
INT_ACTIVE, INT_REST, INT_WARMUP, INT_COOLDOWN, INT_RECOVERY = 0, 1, 2, 3, 4
UNIT_KG = 1
ELLIPSIS = "…"

_INTENSITY = {
    StepKind.WARMUP: INT_WARMUP,
    StepKind.WORK: INT_ACTIVE,
    StepKind.RECOVERY: INT_RECOVERY,
    StepKind.COOLDOWN: INT_COOLDOWN,
    StepKind.STEADY: INT_ACTIVE,
    StepKind.STRIDES: INT_ACTIVE,
}


def crc16(data: bytes, crc: int = 0) -> int:
    """FIT CRC-16 (FIT SDK ``FitCRC_Get16``): nibble-wise table, polynomial 0xA001."""
    table = (
        0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
        0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400,
    )  # fmt: skip
    for byte in data:
        tmp = table[crc & 0xF]
        crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ table[byte & 0xF]
        tmp = table[crc & 0xF]
        crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ table[(byte >> 4) & 0xF]
    return crc


def shorten(text: str, max_bytes: int = MAX_STRING_BYTES - 1) -> str:
    """``text`` if its UTF-8 form fits in ``max_bytes``, else its leading whole
    words followed by "…" (a single word too long for the field is cut, with "…")."""
    text = " ".join(text.split())
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    room = max_bytes - len(ELLIPSIS.encode("utf-8"))
    kept = ""
    for word in text.split(" "):
        candidate = f"{kept} {word}" if kept else word
        if len(candidate.encode("utf-8")) > room:
            break
        kept = candidate
    if not kept:  # one word longer than the field: cut it at a character boundary
        kept = text.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return kept.rstrip(" ,;:.–-") + ELLIPSIS


def _fit_string(text: str) -> bytes:
    return shorten(text).encode("utf-8") + b"\x00"


@dataclass
class _Encoder:
    """Writes definition and data messages; re-defines local type 0 when the layout changes."""

    body: bytearray = field(default_factory=bytearray)
    _layout: tuple[object, ...] | None = None

    def message(self, global_num: int, fields: list[tuple[int, int, int | str]]) -> None:
        encoded: list[tuple[int, int, bytes]] = []
        for num, base, value in fields:
            if base == STRING:
                raw = _fit_string(str(value))
            else:
                raw = struct.pack(_FORMATS[base], int(value))
            encoded.append((num, base, raw))
        layout = (global_num, *((n, b, len(r)) for n, b, r in encoded))
        if layout != self._layout:
            self.body += struct.pack("<BBBHB", 0x40, 0, 0, global_num, len(encoded))
            for num, base, raw in encoded:
                self.body += struct.pack("<BBB", num, len(raw), base)
            self._layout = layout
        self.body += b"\x00" + b"".join(raw for _, _, raw in encoded)

    def file(self) -> bytes:
        header = struct.pack(
            "<BBHI4s", 14, PROTOCOL_VERSION, PROFILE_VERSION, len(self.body), b".FIT"
        )
        header += struct.pack("<H", crc16(header))
        data = header + bytes(self.body)
        return data + struct.pack("<H", crc16(data))


@dataclass
class _Step:
    name: str
    duration_type: int
    duration_value: int | None = None
    target_type: int = TARGET_OPEN
    target_value: int | None = None
    low: int | None = None
    high: int | None = None
    hr: tuple[int, int] | None = None
    intensity: int | None = INT_ACTIVE
    notes: str = ""
    category: int | None = None
    exercise_name: int | None = None
    weight: int | None = None

    def fields(self, index: int) -> list[tuple[int, int, int | str]]:
        out: list[tuple[int, int, int | str]] = [(254, UINT16, index)]
        if self.name:
            out.append((0, STRING, self.name))
        out.append((1, ENUM, self.duration_type))
        if self.duration_value is not None:
            out.append((2, UINT32, self.duration_value))
        out.append((3, ENUM, self.target_type))
        if self.target_value is not None:
            out.append((4, UINT32, self.target_value))
        if self.low is not None and self.high is not None:
            out += [(5, UINT32, self.low), (6, UINT32, self.high)]
        if self.intensity is not None:
            out.append((7, ENUM, self.intensity))
        if self.notes:
            out.append((8, STRING, self.notes))
        if self.category is not None:
            out.append((10, UINT16, self.category))
        if self.exercise_name is not None:
            out.append((11, UINT16, self.exercise_name))
        if self.weight is not None:
            out += [(12, UINT16, self.weight), (13, UINT16, UNIT_KG)]
        if self.hr is not None:
            out += [(19, ENUM, TARGET_HR), (20, UINT32, 0)]
            out += [(21, UINT32, self.hr[0] + 100), (22, UINT32, self.hr[1] + 100)]
        return out


def _duration(duration_s: float | None, distance_m: float | None) -> tuple[int, int | None]:
    if distance_m is not None:
        return DUR_DISTANCE, round(distance_m * 100)
    if duration_s is not None:
        return DUR_TIME, round(duration_s * 1000)
    return DUR_OPEN, None


def _run_step(step: RunStep, units: str) -> _Step:
    dtype, dvalue = _duration(step.duration_s, step.distance_m)
    name = step_text(step, units)
    note = localise(step.note, units) if step.note else step.note
    out = _Step(name, dtype, dvalue, intensity=_INTENSITY[step.kind], notes=note)
    if step.pace_s_per_km:
        fast, slow = step.pace_s_per_km
        # Speed in mm/s (scale 1000): the slow pace is the low bound.
        out.target_type, out.target_value = TARGET_SPEED, 0
        out.low, out.high = round(1e6 / slow), round(1e6 / fast)
        out.hr = step.hr_bpm
    elif step.hr_bpm:
        # Custom heart rate targets are bpm + 100 (0–100 mean % of max).
        out.target_type, out.target_value = TARGET_HR, 0
        out.low, out.high = step.hr_bpm[0] + 100, step.hr_bpm[1] + 100
    return out


def _repeat(first_index: int, times: int) -> _Step:
    return _Step("", DUR_REPEAT, first_index, TARGET_OPEN, times, intensity=None)


def run_steps(session: PlannedSession, units: str = "km") -> list[_Step]:
    """FIT steps of a run; a run without steps is one step over its distance/time.
    Step names give distances and paces in ``units`` (the targets stay metric)."""
    if not session.steps:
        dist = session.distance_km * 1000 if session.distance_km else None
        dtype, dvalue = _duration(session.duration_min * 60 or None, dist)
        return [_Step(session_title(session, units), dtype, dvalue)]
    out: list[_Step] = []
    i, steps = 0, session.steps
    while i < len(steps):
        if steps[i].repeat > 1:
            j, first = i, len(out)
            while j < len(steps) and steps[j].repeat == steps[i].repeat:
                out.append(_run_step(steps[j], units))
                j += 1
            out.append(_repeat(first, steps[i].repeat))
            i = j
        else:
            out.append(_run_step(steps[i], units))
            i += 1
    return out


def _profile_number(type_name: str, value: str, where: str) -> int:
    """The number of ``value`` in the FIT profile's type ``type_name`` (the generated name
    tables, ``importers/fit_names.json``: fitdecode is a development dependency only)."""
    number = enum_number(type_name, value)
    if number is None:
        raise ExerciseLibraryError(
            f"{where}: {value!r} is not a value of the FIT profile's type {type_name!r}"
        )
    return number


@cache
def _fit_numbers() -> dict[str, tuple[int | None, int | None]]:
    """Library exercise id → FIT (exercise_category, exercise_name) numbers."""
    table: dict[str, tuple[int | None, int | None]] = {}
    for exercise in load_library():
        if exercise.fit is None:
            continue
        where = f"exercise {exercise.id!r}"
        category = _profile_number("exercise_category", exercise.fit.category, where)
        name = None
        if exercise.fit.name is not None:
            type_name = f"{exercise.fit.category}_exercise_name"
            name = _profile_number(type_name, exercise.fit.name, where)
        table[exercise.id] = (category, name)
    return table


def fit_exercise(name: str) -> tuple[int | None, int | None]:
    """FIT ``(exercise_category, exercise_name)`` numbers of a library exercise;
    ``None`` for what the FIT profile does not list, and for names not in the library."""
    exercise = load_library().lookup(name)
    if exercise is None:
        return None, None
    return _fit_numbers().get(exercise.id, (None, None))


def _exercise_steps(ex: ExercisePrescription, intensity: int, out: list[_Step]) -> None:
    first = len(out)
    dvalue: int | None
    if ex.reps is not None:
        dtype, dvalue = DUR_REPS, ex.reps
    else:
        dtype, dvalue = _duration(ex.duration_s, None)
    weight = round(ex.load_kg * 100) if ex.load_kg else None
    category, exercise_name = fit_exercise(ex.name)
    out.append(
        _Step(ex.name, dtype, dvalue, intensity=intensity, notes=exercise_text(ex),
              category=category, exercise_name=exercise_name, weight=weight)
    )  # fmt: skip
    if ex.rest_s:
        out.append(_Step("Rest", DUR_TIME, ex.rest_s * 1000, intensity=INT_REST))
    if ex.sets > 1:
        out.append(_repeat(first, ex.sets))


def strength_steps(session: PlannedSession) -> list[_Step]:
    """FIT steps of a strength session: exercises (sets as repeats), then mobility."""
    out: list[_Step] = []
    for ex in session.exercises:
        _exercise_steps(ex, INT_ACTIVE, out)
    for ex in session.mobility:
        _exercise_steps(ex, INT_COOLDOWN, out)
    return out


def session_to_fit(session: PlannedSession, units: str = "km") -> bytes:
    """One FIT workout file for a run or strength session, named in ``units``.

    Raises ``ValueError`` for other kinds (they have no FIT workout form here).
    """
    if session.kind is SessionKind.RUN:
        steps, sport, sub = run_steps(session, units), SPORT_RUNNING, SUB_SPORT_GENERIC
    elif session.kind is SessionKind.STRENGTH:
        steps, sport, sub = strength_steps(session), SPORT_TRAINING, SUB_SPORT_STRENGTH
    else:
        raise ValueError(f"no FIT workout for a {session.kind.value} session")
    # time_created: the planned start read as UTC — deterministic, no clock.
    created = dt.datetime.combine(session.date, session.start, tzinfo=dt.UTC)
    enc = _Encoder()
    enc.message(
        MESG_FILE_ID,
        [
            (0, ENUM, FILE_WORKOUT),
            (1, UINT16, MANUFACTURER_DEVELOPMENT),
            (2, UINT16, 0),
            (4, UINT32, int((created - FIT_EPOCH).total_seconds())),
        ],
    )
    enc.message(
        MESG_WORKOUT,
        [
            (4, ENUM, sport),
            (6, UINT16, len(steps)),
            (8, STRING, session_title(session, units)),
            (11, ENUM, sub),
        ],
    )
    for index, step in enumerate(steps):
        enc.message(MESG_WORKOUT_STEP, step.fields(index))
    return enc.file()


def workout_filename(session: PlannedSession) -> str:
    """``20270302-w1-tue-run.fit``."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", session.id).strip("-.") or "session"
    return f"{session.date:%Y%m%d}-{slug}.fit"


def write_workouts(plan: Plan, out_dir: Path, units: str = "km") -> list[Path]:
    """Write one ``.fit`` workout per run and strength session into ``out_dir``
    (created if missing); returns the paths in plan order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for s in plan.sessions():
        if s.kind not in (SessionKind.RUN, SessionKind.STRENGTH):
            continue
        path = out_dir / workout_filename(s)
        path.write_bytes(session_to_fit(s, units))
        paths.append(path)
    return paths
