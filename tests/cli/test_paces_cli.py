"""``runstrong paces``: tables, JSON, heart-rate options, exact errors and exit codes."""

from __future__ import annotations

import json

import pytest

from runstrong.cli import run
from runstrong.core.science.paces import analyse_race, hr_zones_karvonen, hrmax_tanaka
from runstrong.core.units import format_duration, format_pace


def test_terminal_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["paces", "--distance", "5k", "--time", "20:00"]) == 0
    out = capsys.readouterr().out
    report = analyse_race(5000, 1200)
    assert "5k in 20:00: VDOT 49.8" in out
    assert "Equivalent race times" in out
    assert "Training paces" in out
    assert format_duration(report.equivalent_times_s["marathon"]) in out
    assert format_pace(report.paces.threshold_s_per_km) in out
    assert format_pace(report.paces.per_mile().threshold_s_per_mile) in out
    assert "Extrapolated" not in out


def test_extrapolated_result_is_flagged(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["paces", "-d", "marathon", "-t", "6:30:00"]) == 0
    assert "Extrapolated" in capsys.readouterr().out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["paces", "--distance", "half", "--time", "1:35:00", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    report = analyse_race(21097.5, 5700)
    assert data["vdot"] == pytest.approx(report.vdot, abs=1e-3)
    assert data["extrapolated"] is False
    assert set(data["equivalent_times_s"]) == {
        "1500m", "mile", "3000m", "2mile", "5k", "10k", "15k", "half_marathon", "marathon",
    }  # fmt: skip
    assert data["equivalent_times_s"]["half_marathon"] == pytest.approx(5700, abs=0.01)
    paces = data["paces_s_per_km"]
    assert set(paces) == {"easy", "marathon", "threshold", "interval", "repetition"}
    assert paces["easy"] == pytest.approx(list(report.paces.easy_s_per_km), abs=0.01)
    assert paces["threshold"] == pytest.approx(report.paces.threshold_s_per_km, abs=0.01)
    assert data["paces_s_per_mile"]["threshold"] == pytest.approx(
        report.paces.threshold_s_per_km * 1.609344, abs=0.01
    )
    assert "heart_rate" not in data


def test_json_heart_rate_zones(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["paces", "-d", "10k", "-t", "45:00", "--json", "--age", "40", "--hr-rest", "50"]
    assert run([*argv, "--lthr", "170"]) == 0
    hr = json.loads(capsys.readouterr().out)["heart_rate"]
    assert hr["hrmax_bpm"] == pytest.approx(hrmax_tanaka(40))
    assert hr["hrmax_source"] == "tanaka"
    assert hr["hrmax_fox_bpm"] == pytest.approx(180)
    zones = hr_zones_karvonen(hrmax_tanaka(40), 50)
    assert [z["low_bpm"] for z in hr["zones_karvonen"]] == [round(z.low_bpm or 0, 1) for z in zones]
    assert [z["name"] for z in hr["zones_lthr"]] == ["Z1", "Z2", "Z3", "Z4", "Z5a", "Z5b", "Z5c"]


def test_measured_hrmax_wins_over_age(capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "paces",
        "-d",
        "10k",
        "-t",
        "45:00",
        "--age",
        "40",
        "--hr-max",
        "192",
        "--hr-rest",
        "48",
    ]
    assert run(argv) == 0
    out = capsys.readouterr().out
    assert "HRmax 192 bpm (measured); age estimates: Tanaka 180, Fox 180" in out
    assert "Karvonen" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["-d", "5q", "-t", "20:00"],
            "Error: invalid distance '5q': use 1500m, mile, 3000m, 2mile, 5k, 10k, 15k, half, "
            "marathon, or a number with m/k/km/mi (e.g. 8000m, 8k)",
        ),
        (
            ["-d", "5k", "-t", "twenty"],
            "Error: invalid time 'twenty': use h:mm:ss, mm:ss or seconds "
            "(e.g. 1:35:00, 20:00, 1200)",
        ),
        (
            ["-d", "5k", "-t", "12:00"],
            "Error: implausible result: 5k in 12:00 is faster than the world record 12:35.36 "
            "(Joshua Cheptegei, 2020); check the distance and time",
        ),
        (
            ["-d", "300m", "-t", "0:40"],
            "Error: distance 300m is outside the model's range: use 400m to 100km",
        ),
        (
            ["-d", "5k", "-t", "20:00", "--hr-rest", "50"],
            "Error: --hr-rest needs --hr-max or --age to compute heart-rate-reserve zones",
        ),
        (
            ["-d", "5k", "-t", "20:00", "--hr-max", "150", "--hr-rest", "160"],
            "Error: resting heart rate 160 bpm must be below maximum heart rate 150 bpm",
        ),
    ],
)
def test_bad_input_prints_one_error_line_and_exits_1(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert run(["paces", *argv]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == message
    assert captured.out == ""


def test_missing_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["paces", "--distance", "5k"]) == 2
    err = capsys.readouterr().err
    assert "Missing option '--time'" in err
    assert "Traceback" not in err


def test_non_integer_age_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["paces", "-d", "5k", "-t", "20:00", "--age", "forty"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["paces", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--distance" in out
    assert "--json" in out
    assert "--lthr" in out
