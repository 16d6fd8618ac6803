"""A week the scheduler re-plans after dropping an easy run keeps its own run drafts.

Found by the golden files: the masters marathoner with a half-marathon tune-up on
2027-09-12 crashed ``plan new`` with ``KeyError: 'run6'`` because the first placement was
paired with the retry's run drafts once the retry was rejected (fixed in the scheduler
pass of issue 12).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from runstrong.core.athlete import parse_profile
from runstrong.core.model import SessionKind
from runstrong.core.planning.build import build_plan

PROFILE = Path(__file__).resolve().parents[1] / "golden" / "data" / "masters-marathon.toml"


@pytest.mark.parametrize("tune_up", ["2027-08-22", "2027-08-29", "2027-09-12", "2027-09-19"])
def test_a_tune_up_week_that_drops_an_easy_run_still_builds(tune_up: str) -> None:
    data = tomllib.loads(PROFILE.read_text(encoding="utf-8"))
    data["tune_up"][0]["date"] = dt.date.fromisoformat(tune_up)
    plan = build_plan(parse_profile(data), dt.date(2027, 5, 3))
    tune_up_day = dt.date.fromisoformat(tune_up)
    races = [s for s in plan.sessions() if s.date == tune_up_day and s.kind is SessionKind.RUN]
    assert races, f"no run on the tune-up day {tune_up}"
    assert plan.race_date == dt.date(2027, 10, 17)
