"""``runstrong e1rm``: text, JSON, formula choice, exact errors and exit codes."""

from __future__ import annotations

import json

import pytest

from runstrong.cli import run


def test_text_output_with_rpe(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["e1rm", "--load", "100", "--reps", "5", "--rpe", "8"]) == 0
    out = capsys.readouterr().out
    assert "100 kg × 5 @ RPE 8: e1RM 123.3 kg (RPE chart)" in out
    assert "100 kg × 5 if taken to failure: e1RM 112.5 kg — Brzycki (1993)" in out
    for name in ("Epley", "Brzycki", "Lombardi", "Mayhew", "O'Conner", "Wathan", "Lander"):
        assert name in out


def test_json_with_chosen_formula(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["e1rm", "-l", "100", "-r", "10", "--formula", "epley", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["formula"] == "epley"
    assert data["e1rm_kg"] == pytest.approx(133.33)
    assert data["e1rm_rpe_chart_kg"] is None
    assert data["formulas_kg"]["brzycki"] == pytest.approx(133.33)


def test_reps_out_of_range_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["e1rm", "--load", "100", "--reps", "13"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: reps 13 is out of range: use a whole number from 1 to 12"
    )


def test_rpe_outside_chart_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["e1rm", "--load", "100", "--reps", "5", "--rpe", "5"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: RPE 5 is outside the RPE chart: use 6.5 to 10"
    )


def test_unknown_formula_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["e1rm", "--load", "100", "--reps", "5", "--formula", "guess"]) == 2
    assert "guess" in capsys.readouterr().err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["e1rm", "--help"]) == 0
    assert "Estimate a one-repetition maximum" in capsys.readouterr().out
