"""Issue 12 item 1 / DOMAIN H: a week note names the limit that truly held the week.

Random athlete 28 (seed 12) runs 92.4 km a week; its week 6 places 92.7 km of a
planned 96.8 km. Its Thursday easy run is 16.4 km in 85 min inside a 120-minute
window that holds only a 10-minute mobility block besides, so that window had room
for more; what held it is the share of the 23.5 km long run (16.4 / 23.5 = 70 %).
The note said "the windows hold 92.7 km this week", a limit that is not true.
"""

from __future__ import annotations

from quality_athletes import athlete_and_plan


def test_share_bound_week_names_the_long_run_share_not_the_windows() -> None:
    _, plan = athlete_and_plan(12, 28)
    week = plan.weeks[6]
    notes = [n for n in week.notes if n.startswith("Q1/Q3:")]
    assert notes == [
        "Q1/Q3: 92.7 km this week (planned 96.8 km): the easy runs reach 70 % of the "
        "long run, 23.5 km (Q2: none may outgrow its share), which fills its window."
    ]
