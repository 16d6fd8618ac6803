"""Q5: how much a race week runs besides its race, as data and one predicate, for the
planner (``planning.race_week.race_week_km`` aims inside it) and the audit
(``rules.audit.race_week``, check ``race-week-besides`` judges it).

Decision (docs/planner.md, "Race week"): up to the half marathon (any race shorter
than ``Q5_LONG_RACE_KM``) the race week, race included, stays below the season's peak
week. From the marathon on the race itself is most of a peak week, so the week is
judged on its running *besides* the race: within ``Q5_BESIDES_BAND`` of the peak and
no more than the last taper week ran, so that a long race's week can exceed the peak
only by the race. Pfitzinger & Douglas (*Advanced Marathoning*, 2nd ed., ch. 7, the
race-week schedules of every mileage tier) run three or four easy runs, a short
tune-up with a few km at marathon pace early in the week and an easy run the day
before the race: about 30–45 % of the peak week besides the marathon. The band's low
end is the planner's aim, not a fault: Higdon's novice marathon race week runs about
9 mi besides the race on a 40-mile peak (about 23 %), and few run days hold less. Pure.
"""

from __future__ import annotations

Q5_LONG_RACE_KM = 42.0
"""From the marathon on, the race week is judged on its running besides the race."""
Q5_BESIDES_BAND = (0.30, 0.45)
"""Q5: a long race's week runs this share of the season's peak week besides the race
(Pfitzinger & Douglas's marathon race weeks)."""
Q5_BESIDES_AIM = 0.35
"""Q5: the share of the peak the planner aims at besides a long race, inside the band."""
Q5_BESIDES_SLACK_KM = 0.05
"""Q5: the audit's slack on the cap (runs are placed to 0.1 km)."""


def is_long_race(race_km: float) -> bool:
    """Q5: a race whose week is judged on its running besides it (the marathon on)."""
    return race_km >= Q5_LONG_RACE_KM


def besides_race_cap_km(peak_km: float, last_taper_km: float | None = None) -> float:
    """Q5: the most a long race's week runs besides the race: the top of
    ``Q5_BESIDES_BAND`` of the season's peak week, and no more than the last taper
    week ran (``last_taper_km``; None: the plan has no taper week)."""
    cap = Q5_BESIDES_BAND[1] * peak_km
    return cap if last_taper_km is None else min(cap, last_taper_km)
