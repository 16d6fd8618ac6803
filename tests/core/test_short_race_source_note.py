"""Paces from a short race (coach QA session 7, item 2).

QA a4: a 1500 m result (VDOT 68.4) set a 50 km/week runner's threshold at 3:14–3:20/km
for 6.4 km continuous and easy at 3:48–4:19/km. VDOT from a short race leans on speed
and can overstate endurance; no published correction is applied (none with a citation
fits), so the plan says where its paces come from and asks for a 5 km–half result.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from runstrong.core.planning.build import build_plan
from runstrong.services.profile import read_profile

DATA = Path(__file__).resolve().parents[1] / "data" / "coachqa"


def _notes(name: str) -> list[str]:
    plan = build_plan(read_profile(DATA / f"{name}.toml"), dt.date(2026, 12, 7))
    return [n for n in plan.notes if "overstate endurance" in n]


def test_paces_from_a_1500m_race_say_so_and_ask_for_a_longer_result() -> None:
    (note,) = _notes("qa7_a4")
    assert "1500" in note and "VDOT 68.4" in note
    assert "5 km" in note and "half marathon" in note
    assert "threshold" in note and "easy" in note


def test_paces_from_a_5k_or_longer_race_need_no_such_note() -> None:
    assert _notes("qa7_a6") == []  # 5 km in 27:00
    assert _notes("qa7_a7") == []  # 10 km in 50:00
