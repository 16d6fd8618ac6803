"""FIT workout files decode back with fitdecode: CRC, step counts, durations, targets."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import fitdecode
import pytest
from hypothesis import HealthCheck, given, settings

from plan_strategies import plans
from runstrong.core.model import Plan, PlannedSession, SessionKind
from runstrong.exporters.fitworkout import (
    crc16,
    fit_exercise,
    session_to_fit,
    shorten,
    workout_filename,
    write_workouts,
)
from runstrong.exporters.plan_json import load_plan

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"


def _plan() -> Plan:
    return load_plan((PLANS / "good.json").read_text(encoding="utf-8"))


def _session(sid: str) -> PlannedSession:
    return next(s for s in _plan().sessions() if s.id == sid)


def decode(data: bytes) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    crc_seen = False
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                out.append((frame.name, {f.name: f.value for f in frame.fields}))
            elif isinstance(frame, fitdecode.FitCRC):
                crc_seen = crc_seen or bool(frame.matched)
    assert crc_seen
    return out


def _steps(data: bytes) -> list[dict[str, Any]]:
    return [m for name, m in decode(data) if name == "workout_step"]


def test_crc16_is_crc16_arc() -> None:
    # The FIT CRC is CRC-16/ARC; its published check value for "123456789" is 0xBB3D.
    assert crc16(b"123456789") == 0xBB3D


def test_interval_run_steps_and_targets() -> None:
    data = session_to_fit(_session("w1-wed-run"))
    messages = decode(data)
    assert messages[0] == (
        "file_id",
        {
            "type": "workout",
            "manufacturer": "development",
            "product": 0,
            "time_created": messages[0][1]["time_created"],
        },
    )
    workout = messages[1][1]
    assert workout["sport"] == "running" and workout["num_valid_steps"] == 5
    assert workout["wkt_name"] == "5 × 1000 m"
    steps = _steps(data)
    assert len(steps) == 5
    warm, work, rec, rep, cool = steps
    assert (warm["duration_type"], warm["duration_time"], warm["intensity"]) == (
        "time",
        900.0,
        "warmup",
    )
    assert (work["duration_type"], work["duration_distance"]) == ("distance", 1000.0)
    # 3:55–4:05 per km → 4.082–4.255 m/s
    assert work["custom_target_speed_low"] == pytest.approx(1000 / 245, abs=1e-3)
    assert work["custom_target_speed_high"] == pytest.approx(1000 / 235, abs=1e-3)
    assert (rec["intensity"], rec["target_type"], rec["notes"]) == ("recovery", "open", "jog")
    assert (rep["duration_type"], rep["duration_step"], rep["repeat_steps"]) == (
        "repeat_until_steps_cmplt",
        1,
        5,
    )
    assert cool["intensity"] == "cooldown"


def test_pace_target_with_heart_rate_as_secondary() -> None:
    (steady,) = _steps(session_to_fit(_session("w1-tue-run")))
    assert steady["target_type"] == "speed"
    assert steady["secondary_target_type"] == "heart_rate"
    # Custom heart rates are written as bpm + 100: 130–150 bpm.
    assert (
        steady["secondary_custom_target_heart_rate_low"],
        steady["secondary_custom_target_heart_rate_high"],
    ) == (230, 250)


def test_heart_rate_only_target() -> None:
    import dataclasses

    s = _session("w1-tue-run")
    step = dataclasses.replace(s.steps[0], pace_s_per_km=None)
    (steady,) = _steps(session_to_fit(dataclasses.replace(s, steps=(step,))))
    assert steady["target_type"] == "heart_rate"
    assert (
        steady["custom_target_heart_rate_low"],
        steady["custom_target_heart_rate_high"],
    ) == (230, 250)
    assert "secondary_target_type" not in steady


def test_strength_steps_use_reps_categories_and_sets() -> None:
    s = _session("w1-mon-strength")
    data = session_to_fit(s)
    workout = decode(data)[1][1]
    assert (workout["sport"], workout["sub_sport"]) == ("training", "strength_training")
    steps = _steps(data)
    assert workout["num_valid_steps"] == len(steps) == 5 * 3 + 3
    squat, rest, rep = steps[:3]
    assert (squat["wkt_step_name"], squat["duration_type"], squat["duration_reps"]) == (
        "Back squat",
        "reps",
        5,
    )
    assert squat["exercise_category"] == "squat"
    # exercise_name is a plain uint16 in the profile; 6 = squat_exercise_name barbell_back_squat.
    assert squat["exercise_name"] == 6
    assert (rest["duration_type"], rest["duration_time"], rest["intensity"]) == (
        "time",
        120.0,
        "rest",
    )
    assert (rep["duration_step"], rep["repeat_steps"]) == (0, 4)
    mobility = steps[-3:]
    assert [m["intensity"] for m in mobility] == ["cooldown"] * 3
    assert mobility[0]["duration_time"] == 60.0


def test_load_is_written_in_kg() -> None:
    import dataclasses

    s = _session("w1-mon-strength")
    ex = dataclasses.replace(s.exercises[0], load_kg=82.5)
    data = session_to_fit(dataclasses.replace(s, exercises=(ex,), mobility=()))
    squat = _steps(data)[0]
    assert squat["exercise_weight"] == pytest.approx(82.5)
    assert squat["weight_display_unit"] == "kilogram"


@pytest.mark.parametrize(
    ("name", "numbers"),
    [
        # (exercise_category, exercise_name) from the FIT profile (Profile.xlsx, SDK 21.x):
        ("Bulgarian split squat", (17, 18)),  # lunge / dumbbell_bulgarian_split_squat
        ("Back squat", (28, 6)),  # squat / barbell_back_squat
        ("Romanian deadlift", (8, 23)),  # deadlift / romanian_deadlift
        ("Hip thrust", (10, 1)),  # hip_raise / barbell_hip_thrust_with_bench
        ("Box jump", (20, 33)),  # plyo / box_jump
        ("Single-leg calf raise", (1, 15)),  # calf_raise / single_leg_standing_calf_raise
        ("Wall calf stretch", (31, 37)),  # warm_up / stretch_calf (was guessed as calf_raise)
        ("Copenhagen plank", (19, None)),  # plank; the profile has no Copenhagen plank
        ("Toe yoga", (None, None)),  # nothing in the profile
        ("Juggling", (None, None)),  # not in the library
    ],
)
def test_fit_exercise_numbers(name: str, numbers: tuple[int | None, int | None]) -> None:
    assert fit_exercise(name) == numbers


def test_exercise_without_fit_match_has_no_category_or_name_field() -> None:
    import dataclasses

    s = _session("w1-mon-strength")
    ex = dataclasses.replace(s.exercises[0], name="Toe yoga", load_kg=None)
    (step, *_rest) = _steps(session_to_fit(dataclasses.replace(s, exercises=(ex,), mobility=())))
    assert step["wkt_step_name"] == "Toe yoga"
    assert "exercise_category" not in step
    assert "exercise_name" not in step


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Back squat", "Back squat"),
        (
            "3 × 8 at RPE 7, slow lowering, pause two seconds at the bottom of every rep",
            "3 × 8 at RPE 7, slow lowering, pause two seconds at the…",
        ),
        ("x" * 70, "x" * 60 + "…"),
    ],
)
def test_shorten_cuts_at_a_word_boundary(text: str, expected: str) -> None:
    assert shorten(text) == expected
    assert len(shorten(text).encode("utf-8")) <= 63


def test_other_kinds_are_refused() -> None:
    import dataclasses

    mobility = dataclasses.replace(_session("w1-tue-run"), kind=SessionKind.MOBILITY)
    with pytest.raises(ValueError, match="no FIT workout for a mobility session"):
        session_to_fit(mobility)


def test_write_workouts(tmp_path: Path) -> None:
    plan = _plan()
    paths = write_workouts(plan, tmp_path / "fit")
    expected = [s for s in plan.sessions() if s.kind in (SessionKind.RUN, SessionKind.STRENGTH)]
    assert [p.name for p in paths] == [workout_filename(s) for s in expected]
    assert paths[0].name == "20270301-w1-mon-strength.fit"
    for path in paths:
        assert decode(path.read_bytes())[1][0] == "workout"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans(max_weeks=2))
def test_any_session_decodes(plan: Plan) -> None:
    for s in plan.sessions():
        if s.kind not in (SessionKind.RUN, SessionKind.STRENGTH):
            continue
        messages = decode(session_to_fit(s))
        steps = [m for name, m in messages if name == "workout_step"]
        assert messages[1][1]["num_valid_steps"] == len(steps)
        assert [m["message_index"] for m in steps] == list(range(len(steps)))
        if s.kind is SessionKind.STRENGTH:
            reps = [m for m in steps if m.get("duration_type") == "reps"]
            assert len(reps) == sum(1 for e in (*s.exercises, *s.mobility) if e.reps is not None)
