"""Read and write athlete profile files (TOML): the I/O around ``core.athlete``.

Parsing lives in one place, ``core.athlete.profile`` (``parse_profile_text`` for
TOML text, ``parse_profile`` for a mapping); it is re-exported here for services."""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomli_w

from runstrong.core.athlete import Athlete, load_profile_text, parse_profile
from runstrong.core.athlete import parse_profile_text as parse_profile_text
from runstrong.core.errors import InputError, ProfileError
from runstrong.core.science.world_records import check_plausible
from runstrong.text_file import read_text


def read_profile_text(path: Path) -> str:
    """The profile file's text; a missing or unreadable file is a ``ProfileError``."""
    return read_text(
        path, "profile", ProfileError, missing_hint="; create one with runstrong athlete init"
    )


def read_profile(path: Path) -> Athlete:
    """Read and validate a profile file (its time zone too: ``check_timezone``)."""
    athlete = parse_profile_text(read_profile_text(path), path.name)
    check_timezone(athlete.timezone, f"{path.name}: ")
    return athlete


def check_timezone(name: str, source: str = "") -> str:
    """``name`` if the time-zone database knows it (``zoneinfo``: a lookup reads the
    tzdata files, so it is done here and not in the pure parser); a ``ProfileError``
    naming it otherwise (``Mars/Base`` would only fail later, at the calendar export)."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ProfileError(
            f"{source}'timezone' = {name!r} is not a time zone; use an IANA name such as "
            "Europe/Berlin or UTC"
        ) from None
    return name


def load_stored_profile(profile_toml: str | None) -> tuple[dict[str, Any], Athlete] | None:
    """A stored profile as its mapping (what the Settings form is filled from) and its
    ``Athlete``; None when there is none. A stored profile that no longer validates is
    not "no profile": it raises ``ProfileError`` saying the profile is broken and naming
    the field, as ``runstrong today`` and the Today page report it."""
    if not profile_toml:
        return None
    try:
        return load_profile_text(profile_toml, "stored profile")
    except ProfileError as exc:
        raise ProfileError(f"the profile is broken: {exc}; fix it in Settings") from None


def implausible_results(athlete: Athlete) -> dict[str, str]:
    """Field → message for each race time or target faster than the world record (a
    typo like "48.30", read as 48.3 seconds, for 48:30), so that the form and
    ``athlete init`` refuse it where it is typed instead of the planner failing later."""
    checks = [("goal.target_time", athlete.goal.distance_m, athlete.goal.target_time_s)]
    if athlete.recent_race is not None:
        race = athlete.recent_race
        checks.insert(0, ("running.recent_race.time", race.distance_m, race.time_s))
    problems: dict[str, str] = {}
    for name, distance_m, time_s in checks:
        if time_s is None:
            continue
        try:
            check_plausible(distance_m, time_s)
        except InputError as exc:
            problems[name] = str(exc)
    return problems


_COMMENTS: dict[str, str] = {
    "name": "# Your name (shown on plans).",
    "sex": '# "female" or "male".',
    "birth_year": "# Year of birth: masters (40+) get a 2:1 loading:deload rhythm.",
    "body_mass_kg": "# Body mass in kg (nutrition targets).",
    "units": '# Display units: "km" or "mi".',
    "timezone": "# IANA time zone for calendar exports.",
    "focus": "# sprint | middle | endurance (R10); default from the goal distance.",
    "injuries": "# Complaints to respect: knee, achilles, calf, shin, ankle, hip, lower_back, ...",
    "consistency_ok": "# true after >= 4 weeks with >= 90 % of strength done (R1: 3rd session).",
}
_SECTION_COMMENTS: dict[str, str] = {
    "running": "# Running now: volume, longest run, experience, and a race result or a VDOT.",
    "running.recent_race": "# A recent all-out race: it sets your training paces.",
    "strength": '# Lifting experience, equipment (or ["gym"]), known results.',
    "goal": "# The goal race: distance (5k, 10k, half, marathon, 1500m...), date, optional target.",
    "tune_up": "# A tune-up race before the goal.",
    "week": "# When you can train: windows per weekday (HH:MM-HH:MM), gym days, long-run day.",
}


def profile_to_toml(data: Mapping[str, Any]) -> str:
    """Commented TOML for a profile mapping (validated first: only good profiles are written)."""
    check_timezone(parse_profile(data).timezone)
    lines = ["# runstrong athlete profile: every field is explained in docs/athlete-profile.md", ""]
    top = {k: v for k, v in data.items() if not isinstance(v, Mapping | list) or k == "injuries"}
    for key, value in top.items():
        if key in _COMMENTS:
            lines.append(_COMMENTS[key])
        lines.append(tomli_w.dumps({key: value}).strip())
    for key, value in data.items():
        if isinstance(value, Mapping) or (isinstance(value, list) and key != "injuries"):
            lines += ["", _SECTION_COMMENTS.get(key, f"# {key}")]
            lines.append(tomli_w.dumps({key: value}).strip())
    return "\n".join(lines) + "\n"


def write_profile(path: Path, data: Mapping[str, Any], *, overwrite: bool = False) -> None:
    """Write a commented profile file; refuses to overwrite unless asked."""
    if path.exists() and not overwrite:
        raise ProfileError(f"'{path}' already exists; pass --force to overwrite it")
    try:
        path.write_text(profile_to_toml(data), encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"cannot write '{path}': {exc.strerror}") from None


SESSION_MIN_FLOOR = 120
"""``athlete init``'s longest session when the goal race's long run fits in it."""


def goal_session_min(athlete: Athlete) -> int:
    """Q2/R6: the longest session, in minutes, that holds the long run ``athlete``'s goal
    race needs (``rules.quality.long_run_need_km``: 29.5 km for an experienced runner's
    marathon) at the slow end of the easy pace (Daniels), rounded up to 10 min; never
    under :data:`SESSION_MIN_FLOOR` nor over the profile's 360. ``athlete init`` offers it
    as the default, so a marathoner who never sets it is not capped at two hours."""
    from runstrong.core.rules.quality import long_run_need_km, long_run_novice
    from runstrong.core.science.paces import training_paces, vdot_from_race

    need_km = long_run_need_km(
        athlete.goal.distance_m,
        novice=long_run_novice(athlete.years_running, athlete.weekly_km),
        peak_week_km=float("inf"),
    )
    easy_s = 480.0  # without a usable VDOT: a slow, safe 8:00/km
    race = athlete.recent_race
    try:
        vdot = athlete.vdot
        if vdot is None and race is not None:
            vdot = vdot_from_race(race.distance_m, race.time_s)
        if vdot is not None:
            easy_s = training_paces(vdot).easy_s_per_km[1]
    except InputError:  # a VDOT outside the tables
        pass
    minutes = -(-need_km * easy_s // 600) * 10
    return int(max(SESSION_MIN_FLOOR, min(360, minutes)))
