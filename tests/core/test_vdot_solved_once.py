"""Issue 11 item 8, a fast CLI: a season build solves each race result's VDOT once.

``planning.plan_notes.goal_race_pace`` asks the goal's target VDOT for every week it
drafts; each answer was a fresh root search (``science.paces._table_vdot``), about 60 of
them, ~15 ms of a 24-week ``runstrong plan new``. The results here (a 10 km in 47:13,
a half-marathon target of 1:44:51) are used by no other test, so no earlier build in
the same worker has solved them.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from runstrong.core.athlete import parse_profile
from runstrong.core.planning.build import build_plan
from runstrong.core.science import paces

ROOT = Path(__file__).resolve().parents[2]


def test_a_build_solves_the_recent_race_and_the_goal_once_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (ROOT / "examples" / "athlete.toml").read_text(encoding="utf-8")
    text = text.replace('time = "48:30"', 'time = "47:13"')
    text = text.replace('target_time = "1:45:00"', 'target_time = "1:44:51"')
    athlete = parse_profile(tomllib.loads(text))
    assert athlete.recent_race is not None
    assert athlete.recent_race.time_s == pytest.approx(2833)
    assert athlete.goal.target_time_s == pytest.approx(6291)
    solved: list[float] = []
    solve = paces.solve_bracketed

    def counting(f: Callable[[float], float], low: float, high: float, **kw: Any) -> float:
        root = solve(f, low, high, **kw)
        solved.append(root)
        return root

    monkeypatch.setattr(paces, "solve_bracketed", counting)
    first = build_plan(athlete, dt.date(2026, 11, 9))
    assert len(solved) == 2  # the recent race's VDOT, the goal target's
    again = build_plan(athlete, dt.date(2026, 11, 9))
    assert len(solved) == 2
    assert again == first
