"""R22 re-planning keeps the season build's Q5 and Q6 (issue 12).

``replan_week`` placed the week again with demands that had no Q6 flag (a lift of an
athlete with ≤ 4 run days joins a run day) and applied no Q5 cap (no lift at ≥ 80 %
e1RM ending < 24 h before a quality run): re-planning a clean week with nothing
changed moved lifts to gym-only days, and a lost Wednesday put a maintenance session
at 81 % e1RM 22.9 h before a threshold run. The audit's own checks are the oracle.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from runstrong.core.athlete import Athlete, parse_profile
from runstrong.core.model import Plan, Severity
from runstrong.core.planning.build import WeekChanges, build_plan, replan_week
from runstrong.core.rules.audit.common import AuditLimits
from runstrong.core.rules.audit.quality import check_q6_runs_first
from runstrong.core.rules.audit.race_week import check_q5_race_weeks

ROOT = Path(__file__).resolve().parents[2]

FOUR_DAYS = """
name = "Four Days"
sex = "male"
birth_year = 1988
body_mass_kg = 70.0
[running]
weekly_km = 30
longest_run_km = 12
years_running = 3
[running.recent_race]
distance = "10k"
time = "50:00"
date = 2026-10-04
[strength]
years_lifting = 2
equipment = ["gym"]
[goal]
name = "Spring 10k"
distance = "10k"
date = 2027-04-11
[week]
mon = ["18:00-19:30"]
wed = ["18:00-19:30"]
fri = ["18:00-19:30"]
sun = ["08:00-10:30"]
long_run_day = "sun"
max_session_min = 150
two_a_days = false
[week.gym]
mon = ["18:00-19:30"]
tue = ["12:00-13:00"]
wed = ["18:00-19:30"]
thu = ["12:00-13:00"]
fri = ["18:00-19:30"]
"""


def _plan(text: str, start: dt.date) -> tuple[Athlete, Plan]:
    athlete = parse_profile(tomllib.loads(text))
    return athlete, build_plan(athlete, start)


def _quality(findings: list, check: str) -> list[str]:  # type: ignore[type-arg]
    return [
        f.message
        for f in findings
        if f.severity is Severity.QUALITY and f.message.startswith(check)
    ]


def test_replan_keeps_q6_lifts_on_run_days() -> None:
    athlete, plan = _plan(FOUR_DAYS, dt.date(2026, 11, 9))
    assert len(athlete.week.run_days()) == 4
    assert _quality(check_q6_runs_first(plan, athlete, AuditLimits()), "lift-takes-run-day") == []
    for index in (9, 10, 16):  # build and peak weeks with two lifts
        week = plan.weeks[index]
        again = replan_week(plan, index, WeekChanges(), week.start_date, athlete=athlete)
        found = _quality(check_q6_runs_first(again, athlete, AuditLimits()), "lift-takes-run-day")
        assert found == [], index


def test_replan_caps_a_heavy_lift_before_a_quality_run_q5() -> None:
    text = (ROOT / "examples" / "athlete.toml").read_text(encoding="utf-8")
    athlete, plan = _plan(text, dt.date(2026, 11, 9))
    assert _quality(check_q5_race_weeks(plan, athlete, AuditLimits()), "heavy-before-quality") == []
    week = plan.weeks[20]  # a taper week; its Wednesday is lost
    changes = WeekChanges(unavailable=frozenset({dt.date(2027, 3, 31)}))
    again = replan_week(plan, 20, changes, week.start_date, athlete=athlete)
    found = _quality(check_q5_race_weeks(again, athlete, AuditLimits()), "heavy-before-quality")
    assert found == []
