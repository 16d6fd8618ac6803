"""Q1/Q2: a held loading week under the current volume lets its long run make up for it.

The volume ramp (``ramp_shape``) holds one level a mesocycle. A three-day runner in
miles (30 km a week; tue/thu 90-minute windows that share the lifts, a Sunday) ran
28.3 km in weeks 1-3 and 29.3 km in weeks 5-7: the boxed easy runs held the week under
the current volume and the held weeks' notes said the long run "does not grow this
week (Q2)", which is no limit (``check``: four QUALITY loading-below-current).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from runstrong.core.model import Phase
from runstrong.core.planning.build import build_plan
from runstrong.core.rules.audit.engine import audit_plan
from runstrong.services.profile import parse_profile_text

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"
THREE_DAYS = (
    '[week]\nmon = []\ntue = ["18:00-19:30"]\nwed = []\nthu = ["18:00-19:30"]\nfri = []\n'
    'sat = []\nsun = ["08:00-11:00"]\ngym_days = ["tue", "thu"]\nlong_run_day = "sun"\n'
    "max_session_min = 120\ntwo_a_days = true\n\n"
)


def _three_day_miler() -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('units = "km"', 'units = "mi"').replace("weekly_km = 35", "weekly_km = 30")
    week = text[text.index("[week]") : text.index("# Optional tables")]
    return text.replace(week, THREE_DAYS)


def test_no_held_week_under_the_current_volume_stalls_its_long_run() -> None:
    athlete = parse_profile_text(_three_day_miler())
    start = dt.date(2026, 12, 7)
    plan = build_plan(athlete, start)
    full = [
        w for w in plan.weeks if w.phase in (Phase.BASE, Phase.BUILD, Phase.PEAK) and not w.deload
    ]
    below = [w for w in full if w.run_km < athlete.weekly_km - 0.5]
    assert not [(w.index + 1, n) for w in below for n in w.notes if "does not grow this week" in n]
    unstated = [
        b.message
        for b in audit_plan(plan, athlete=athlete)
        if b.message.startswith("loading-below-current") and "state what the windows" in b.message
    ]
    assert unstated == []
