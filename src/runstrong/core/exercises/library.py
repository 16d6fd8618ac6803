"""Parse and validate the exercise library (``library.toml``).

Exception to "core reads no files": :func:`load_library` reads the library that
ships *inside the package* through its loader (``runstrong.package_data``) — package data, not
a user file, no path from outside: ``library.json``, the data of ``library.toml``
(the source) written by ``scripts/gen_library_json.py``. All parsing and checking
is the pure :func:`parse_library` (TOML text) and :func:`library_from_data`, so
tests can feed them anything.

The validator enforces what the planner relies on (R2, R17): every
substitution exists and shares a muscle group with the exercise, every
exercise has at least two substitutions and one of them needs no equipment,
each R2 group has a heavy-capable option, names and aliases are unique, and
every enum value is known.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from runstrong.core.errors import ExerciseLibraryError
from runstrong.core.exercises.model import (
    R2_GROUPS,
    Complaint,
    Equipment,
    Exercise,
    ExerciseLibrary,
    FitExercise,
    Level,
    MobilityTarget,
    Muscle,
    Pattern,
    Unit,
    normalize_key,
)
from runstrong.package_data import package_text

MIN_EXERCISES = 60
MIN_SUBSTITUTIONS = 2

_E = TypeVar("_E", bound=StrEnum)

_REQUIRED = (
    "id",
    "name",
    "pattern",
    "muscles",
    "equipment",
    "level",
    "unilateral",
    "heavy_ok",
    "plyometric",
    "trunk_flexion",
    "contraindications",
    "substitutions",
    "cues",
    "intent",
)
_OPTIONAL = ("aliases", "unit", "mobility", "fit", "eccentric")


def _enum(kind: type[_E], value: object, where: str, what: str) -> _E:
    if isinstance(value, str) and value in kind._value2member_map_:
        return kind(value)
    allowed = ", ".join(m.value for m in kind)
    raise ExerciseLibraryError(f"{where}: unknown {what} {value!r}; allowed: {allowed}")


def _strs(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ExerciseLibraryError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def _bool(raw: Mapping[str, Any], key: str, where: str) -> bool:
    value = raw[key]
    if not isinstance(value, bool):
        raise ExerciseLibraryError(f"{where}: {key!r} must be true or false, got {value!r}")
    return value


def _many(kind: type[_E], items: tuple[str, ...], where: str, what: str) -> tuple[_E, ...]:
    return tuple(_enum(kind, v, where, what) for v in items)


def _equipment(items: tuple[str, ...], where: str) -> tuple[frozenset[Equipment], ...]:
    needs: list[frozenset[Equipment]] = []
    for item in items:
        options = frozenset(_many(Equipment, tuple(item.split("|")), where, "equipment"))
        if Equipment.NONE in options:
            if len(items) != 1 or len(options) != 1:
                raise ExerciseLibraryError(f"{where}: 'none' must be the only equipment item")
            return ()
        needs.append(options)
    if not needs:
        raise ExerciseLibraryError(f"{where}: 'equipment' is empty; write [\"none\"]")
    return tuple(needs)


def _exercise(raw: Mapping[str, Any], position: int) -> Exercise:
    where = f"exercise #{position} ({raw.get('id', '?')})"
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise ExerciseLibraryError(f"{where}: missing field(s) {', '.join(missing)}")
    unknown = sorted(set(raw) - set(_REQUIRED) - set(_OPTIONAL))
    if unknown:
        raise ExerciseLibraryError(f"{where}: unknown field(s) {', '.join(unknown)}")
    for key in ("id", "name", "intent"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise ExerciseLibraryError(f"{where}: {key!r} must be a non-empty string")
    return Exercise(
        id=raw["id"],
        name=raw["name"],
        aliases=_strs(raw, "aliases", where),
        pattern=_enum(Pattern, raw["pattern"], where, "pattern"),
        muscles=_many(Muscle, _strs(raw, "muscles", where), where, "muscle"),
        equipment=_equipment(_strs(raw, "equipment", where), where),
        level=_enum(Level, raw["level"], where, "level"),
        unilateral=_bool(raw, "unilateral", where),
        heavy_ok=_bool(raw, "heavy_ok", where),
        plyometric=_bool(raw, "plyometric", where),
        trunk_flexion=_bool(raw, "trunk_flexion", where),
        contraindications=frozenset(
            _many(Complaint, _strs(raw, "contraindications", where), where, "contraindication")
        ),
        substitutions=_strs(raw, "substitutions", where),
        cues=_strs(raw, "cues", where),
        intent=raw["intent"],
        unit=_enum(Unit, raw.get("unit", "reps"), where, "unit"),
        mobility=_many(MobilityTarget, _strs(raw, "mobility", where), where, "mobility target"),
        fit=_fit(raw.get("fit"), where),
        eccentric=_bool(raw, "eccentric", where) if "eccentric" in raw else False,
    )


def _fit(value: object, where: str) -> FitExercise | None:
    """``fit = { category = "...", name = "..." }`` (name optional), or absent."""
    if value is None:
        return None
    if (
        isinstance(value, dict)
        and "category" in value
        and set(value) <= {"category", "name"}
        and all(isinstance(v, str) and v.strip() for v in value.values())
    ):
        return FitExercise(value["category"], value.get("name"))
    raise ExerciseLibraryError(
        f'{where}: \'fit\' must be {{ category = "...", name = "..." }} '
        f"(name optional), got {value!r}"
    )


def parse_library(text: str, *, min_exercises: int = MIN_EXERCISES) -> ExerciseLibrary:
    """Parse library TOML text and validate it; raise ``ExerciseLibraryError`` listing problems."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ExerciseLibraryError(f"exercise library is not valid TOML: {exc}") from None
    return library_from_data(data, min_exercises=min_exercises)


def library_from_data(
    data: Mapping[str, Any], *, min_exercises: int = MIN_EXERCISES
) -> ExerciseLibrary:
    """The library of data as ``tomllib`` reads the TOML, validated like ``parse_library``."""
    rows = data.get("exercise")
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise ExerciseLibraryError("exercise library has no [[exercise]] tables")
    library = ExerciseLibrary(tuple(_exercise(r, i + 1) for i, r in enumerate(rows)))
    problems = validate_library(library, min_exercises=min_exercises)
    if problems:
        raise ExerciseLibraryError(
            f"exercise library has {len(problems)} problem(s): " + "; ".join(problems)
        )
    return library


_Check = Callable[[ExerciseLibrary], list[str]]


def _check_unique(lib: ExerciseLibrary) -> list[str]:
    problems: list[str] = []
    seen: dict[str, str] = {}
    for ex in lib:
        keys = {normalize_key(k) for k in (ex.id, ex.name, *ex.aliases)}
        for key in sorted(keys):
            if key in seen:
                problems.append(f"{ex.id}: name or alias {key!r} already used by {seen[key]}")
            else:
                seen[key] = ex.id
    return problems


def _check_substitutions(lib: ExerciseLibrary) -> list[str]:
    problems: list[str] = []
    for ex in lib:
        subs = [lib.lookup(s) for s in ex.substitutions]
        for name, sub in zip(ex.substitutions, subs, strict=True):
            if sub is None:
                problems.append(f"{ex.id}: substitution {name!r} is not in the library")
            elif sub.id == ex.id:
                problems.append(f"{ex.id}: lists itself as a substitution")
            elif not set(sub.muscles) & set(ex.muscles):
                problems.append(f"{ex.id}: substitution {sub.id} shares no muscle group (R17)")
        found = [s for s in subs if s is not None]
        if len({s.id for s in found}) < MIN_SUBSTITUTIONS:
            problems.append(f"{ex.id}: needs at least {MIN_SUBSTITUTIONS} substitutions (R17)")
        if not any(s.bodyweight for s in found):
            problems.append(f"{ex.id}: needs a substitution with equipment 'none' (R17)")
    return problems


def _check_flags(lib: ExerciseLibrary) -> list[str]:
    problems: list[str] = []
    for ex in lib:
        if not ex.muscles:
            problems.append(f"{ex.id}: lists no muscles")
        if (ex.pattern is Pattern.PLYOMETRIC) != ex.plyometric:
            problems.append(f"{ex.id}: plyometric flag must match the plyometric pattern")
        if ex.plyometric and ex.heavy_ok:
            problems.append(f"{ex.id}: a plyometric exercise cannot be heavy_ok")
        if (ex.pattern is Pattern.MOBILITY) != bool(ex.mobility):
            problems.append(f"{ex.id}: mobility targets are required for (and only for) mobility")
        if (ex.pattern is Pattern.CORE_FLEXION) != ex.trunk_flexion:
            problems.append(f"{ex.id}: trunk_flexion must match the core_flexion pattern")
        if not ex.cues:
            problems.append(f"{ex.id}: needs at least one cue")
    return problems


def _check_coverage(lib: ExerciseLibrary) -> list[str]:
    problems: list[str] = []
    for group in sorted(R2_GROUPS):
        if not any(ex.heavy_ok and group in ex.muscles for ex in lib):
            problems.append(f"R2 group {group} has no heavy-capable exercise")
        if not any(group in ex.muscles and ex.bodyweight and not ex.contraindications
                   and ex.pattern is not Pattern.MOBILITY for ex in lib):  # fmt: skip
            problems.append(f"R2 group {group} has no body-weight option free of complaints")
    for target in (MobilityTarget.ANKLE, MobilityTarget.HIP_FLEXORS, MobilityTarget.THORACIC):
        if not any(target in ex.mobility and ex.bodyweight for ex in lib):
            problems.append(f"R16 mobility target {target} has no body-weight drill")
    return problems


_CHECKS: tuple[_Check, ...] = (_check_unique, _check_substitutions, _check_flags, _check_coverage)


def validate_library(lib: ExerciseLibrary, *, min_exercises: int = MIN_EXERCISES) -> list[str]:
    """Every consistency problem of ``lib`` (empty list = valid)."""
    problems: list[str] = []
    if len(lib) < min_exercises:
        problems.append(f"library has {len(lib)} exercises; at least {min_exercises} required")
    for check in _CHECKS:
        problems.extend(check(lib))
    return problems


def _read_packaged_toml() -> str:
    """The TOML shipped inside the package (the library's source)."""
    return package_text("runstrong.core.exercises", "library.toml")


def _read_packaged_json() -> str:
    """The one I/O of :func:`load_library`: the JSON copy of the TOML shipped beside it
    (``scripts/gen_library_json.py`` writes it; a test keeps it current)."""
    return package_text("runstrong.core.exercises", "library.json")


@cache
def load_library() -> ExerciseLibrary:
    """The packaged exercise library, read and validated once per process.

    Read from ``library.json``, the TOML's data as ``tomllib`` reads it: the C JSON
    parser takes ~0.5 ms where ``tomllib`` took ~13 ms of every planning command
    (issue 11 item 8, docs/benchmarks.md)."""
    return library_from_data(json.loads(_read_packaged_json()))
