"""Every FIT workout of a season plan decodes with Garmin's own FIT SDK decoder,
and every strength step names its exercise as the library says (issue 15, part 7).

The expected names are the library's data (``fit`` of each exercise); the
numbers in the file are turned back into names by Garmin's profile, not by
runstrong's code, so a wrong number or a guessed category fails here.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import fitdecode.profile
import pytest
from garmin_fit_sdk import Decoder, Stream
from garmin_fit_sdk.profile import Profile

from runstrong.core.athlete import parse_profile
from runstrong.core.exercises import load_library
from runstrong.core.model import Plan, SessionKind
from runstrong.exporters.fitworkout import write_workouts
from runstrong.exporters.text import exercise_text

planner = pytest.importorskip("runstrong.core.planning.build")

ROOT = Path(__file__).resolve().parents[2]
START = dt.date(2026, 12, 28)
GARMIN_TYPES: dict[str, dict[int, str]] = Profile["types"]


@pytest.fixture(scope="module")
def plan() -> Plan:
    text = (ROOT / "examples" / "athlete.toml").read_text("utf-8")
    built: Plan = planner.build_plan(parse_profile(tomllib.loads(text)), START)
    return built


def _garmin_decode(data: bytes) -> dict[str, Any]:
    # is_fit/check_integrity consume the stream: each check gets its own decoder.
    assert Decoder(Stream.from_byte_array(bytearray(data))).is_fit()
    assert Decoder(Stream.from_byte_array(bytearray(data))).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    assert errors == []
    return messages


def _is_word_prefix(short: str, full: str) -> bool:
    """``short`` is ``full`` or whole leading words of it followed by "…"."""
    if short == full:
        return True
    if not short.endswith("…"):
        return False
    kept = short[:-1]
    return full.startswith(kept) and full[len(kept) :][:1] in (" ", ",", ";", ":", ".")


def test_every_workout_decodes_and_names_its_exercises(plan: Plan, tmp_path: Path) -> None:
    library = load_library()
    paths = write_workouts(plan, tmp_path)
    sessions = [s for s in plan.sessions() if s.kind in (SessionKind.RUN, SessionKind.STRENGTH)]
    assert len(paths) == len(sessions) > 20
    checked = 0
    for path, session in zip(paths, sessions, strict=True):
        steps = _garmin_decode(path.read_bytes())["workout_step_mesgs"]
        for step in steps:
            for key in ("wkt_step_name", "notes"):
                assert len(step.get(key, "").encode("utf-8")) <= 63
        if session.kind is not SessionKind.STRENGTH:
            continue
        named = [s for s in steps if s.get("wkt_step_name") not in (None, "Rest")]
        prescriptions = (*session.exercises, *session.mobility)
        assert len(named) == len(prescriptions)
        for step, ex in zip(named, prescriptions, strict=True):
            assert _is_word_prefix(step["wkt_step_name"], ex.name), (step, ex.name)
            assert _is_word_prefix(step["notes"], exercise_text(ex)), (step, ex)
            checked += 1
            fit = library.get(ex.name).fit
            if fit is None:
                assert "exercise_category" not in step, ex.name
                assert "exercise_name" not in step, ex.name
                continue
            assert step["exercise_category"] == fit.category, ex.name
            if fit.name is None:
                assert "exercise_name" not in step, ex.name
            else:
                names = GARMIN_TYPES[f"{fit.category}_exercise_name"]
                assert names[step["exercise_name"]] == fit.name, ex.name
    assert checked > 50


@pytest.mark.parametrize("profile", ["garmin", "fitdecode"])
def test_library_fit_names_exist_in_the_fit_profile(profile: str) -> None:
    if profile == "garmin":
        types: dict[str, dict[int, str]] = GARMIN_TYPES
    else:
        types = {name: t.enum for name, t in fitdecode.profile.FIELD_TYPES.items() if t.enum}
    categories = set(types["exercise_category"].values())
    mapped = [ex for ex in load_library() if ex.fit is not None]
    assert len(mapped) >= 90
    for ex in mapped:
        assert ex.fit is not None
        assert ex.fit.category in categories, ex.id
        assert ex.fit.category != "unknown", ex.id
        if ex.fit.name is not None:
            assert ex.fit.name in types[f"{ex.fit.category}_exercise_name"].values(), ex.id
