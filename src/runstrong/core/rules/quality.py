"""The plan-quality rules Q1–Q7 (DOMAIN.md section H) as data.

The hard rules keep a plan safe; these keep it good training. Their thresholds
live here once, for the planner (which aims at them) and for the quality audit
(``rules.audit.quality``, ``rules.audit.race_week``, which judges them). Each
audit finding has severity ``QUALITY`` and names its Q-id and its check (the
names of ``QUALITY_CHECKS``).

A limit the plan cannot get past (the windows hold less than the current
volume, the session cap stops the long run) is *stated*, not hidden: a week
note (or plan note) that names the Q-id, e.g. ``"Q1: your windows hold about
32.0 km"``, turns that week's finding of an explainable check into an INFO
note. Only the checks in ``EXPLAINABLE`` accept such a note.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from runstrong.core.athlete import Race
from runstrong.core.units import distance_label

# --- thresholds (data) -------------------------------------------------------
Q1_DELOAD_CUT = (0.20, 0.30)
"""Q1/R8: a deload week runs 20–30 % less than the loading week before it."""
Q1_DELOAD_SLACK = 0.01
"""Q1: the audit's slack on that cut (weeks rounded to 0.1 km)."""
Q1_TOLERANCE_KM = 0.5
"""Q1: slack for distances rounded to 0.1 km per session."""
Q2_GROWTH_KM = 2.0
Q2_GROWTH_FRACTION = 0.10
"""Q2: the long run grows by at most +2 km or +10 % (the larger) a loading week."""
Q2_LONGISH_SHARE = 0.75
"""Q2: an easy run of at least 75 % of the week's long run is long-ish: never on the
long run's eve (two long runs back to back), except the back-to-back pairs of ultra
build and peak weeks (Q7). Pfitzinger & Douglas's medium-long runs, the longest runs
of their weeks after the long run, stay at 60-75 % of it and sit mid-week."""
Q2_MAX_SHARE = 0.5
"""Q2: the long-run target never asks more than half the plan's peak week."""
Q3_TOLERANCE_KM = 0.1
"""Q3: ``run_km`` equals the sum of the runs, to ± 0.1 km."""
Q4_MIN_GAP_MIN = 36 * 60
"""Q4: minutes between two quality runs (end of one to start of the next)."""
Q4_DEFAULT_GAP_MIN = 48 * 60
"""Q4: the spacing the planner aims at by default."""
Q4_MIN_EASY_DAYS = 2
"""Q4: easy or rest days in every full week."""
Q4_ALTERNATE_MAX_M = 1500.0
"""Q4: goals up to this distance (400 m–1500 m) alternate high and low days (a high
day holds a quality or race-pace run or a heavy or power lift), the high-low week of
sprint and middle-distance coaching."""
Q5_HEAVY_CLEAR_DAYS = 7
"""Q5: calendar days between the last heavy lift (≥ 80 % e1RM or heavy lower body)
and a race of 10 km or more (Mujika & Padilla 2003 taper review: heavy strength
work is cut in the last 7–10 days)."""
Q5_HEAVY_RACE_MIN_M = 10_000.0
Q5_PRE_QUALITY_GAP_MIN = 24 * 60
"""Q5: minutes from the end of a lift at ≥ 80 % e1RM to the start of a quality run."""
Q5_RACE_DISTANCE_TOLERANCE = 0.01
"""Q5: the race session's distance is the race distance to ± 1 % (at least 0.1 km)."""
Q6_FEW_RUN_DAYS = 4
"""Q6: an athlete with this many run days or fewer never gets a lift-only day."""
Q6_SHARED_LIFT_MIN = 30.0
"""Q6/R2: the shortest lift that shares a run's window (run first, lift after): a
30-minute session still covers every R2 group (a beginner's base week: 7 of 7), a
20-minute one leaves calves, core and upper body out. The planner shortens a lift
that joins a run to no less (``planning.context.shared_lift_room``); the audit asks
whether a lift of this length could have joined a run."""
Q6_MIN_RUNS = 3
"""Q6: the runs a week keeps when the athlete has the days (``planning.volume``)."""
Q6_SHORT_RUN_KM = 3.0
"""Q6: the shortest easy run a run day keeps (``planning.runs.MIN_EASY_KM``)."""
Q7_ECCENTRIC_CLEAR_DAYS = 10
"""Q7: no eccentric quad work in the race's last 10 days. Eccentric work leaves
soreness and a strength loss for several days; done regularly before, it protects
the quads against the damage of downhill running (the repeated-bout effect, McHugh
2003, Scand J Med Sci Sports 13:88-97), and like heavy lifting it is cut in the last
7-10 days of a taper (Mujika & Padilla 2003)."""
Q7_BACK_TO_BACK_MIN_M = 50_000.0
"""Q7: races from 50 km get back-to-back long runs in peak weeks."""
Q7_BACK_TO_BACK_SHARE = 0.5
"""Q7: the second run of a back-to-back pair lasts at least half the long run."""


@dataclass(frozen=True, slots=True)
class QualityCheck:
    """One check of the quality audit: its name (stable, used by the benchmark),
    its Q-id and what it asks."""

    name: str
    rule_id: str
    summary: str
    needs_profile: bool = False


QUALITY_CHECKS: tuple[QualityCheck, ...] = (
    QualityCheck("peak-below-current", "Q1", "the peak week reaches the current volume", True),
    QualityCheck("loading-below-current", "Q1", "no loading week below the current volume", True),
    QualityCheck("deload-depth", "Q1", "a deload week is 20–30 % lighter than the week before"),
    QualityCheck("long-not-longest", "Q2", "the long run is the longest run of a loading week"),
    QualityCheck("long-run-growth", "Q2", "the long run grows ≤ +2 km or +10 % a loading week"),
    QualityCheck("long-run-target", "Q2", "the longest long run reaches the race's target"),
    QualityCheck("long-run-above-band", "Q2", "no long run above its race band's high end"),
    QualityCheck("long-eve", "Q2", "no long-ish easy run the day before the long run"),
    QualityCheck("run-km-sum", "Q3", "a week's run_km equals the sum of its runs"),
    QualityCheck("quality-spacing", "Q4", "≥ 36 h between quality runs (long run in build/peak)"),
    QualityCheck("tt-fresh", "Q4", "a time trial ≥ 48 h after a long or back-to-back run"),
    QualityCheck("easy-days", "Q4", "≥ 2 easy or rest days in every full week"),
    QualityCheck("novice-quality", "Q4", "a novice-tier runner gets no quality runs", True),
    QualityCheck("high-low", "Q4", "400 m–1500 m goals: no two high days in a row"),
    QualityCheck("heavy-before-race", "Q5", "no heavy lift within 7 days before a race ≥ 10 km"),
    QualityCheck("heavy-before-quality", "Q5", "no lift ≥ 80 % e1RM within 24 h before quality"),
    QualityCheck(
        "race-eve-quality", "Q5", "no quality, race-pace or strides run the day before a race"
    ),
    QualityCheck("race-week-above-peak", "Q5", "up to the half: the race week runs under the peak"),
    QualityCheck(
        "race-week-besides",
        "Q5",
        "from the marathon on: ≤ 45 % of the peak and the taper besides the race",
    ),
    QualityCheck("race-distance", "Q5", "the race session's distance is the race distance"),
    QualityCheck("taper-shape", "Q5", "taper weeks fall below the peak and do not rise"),
    QualityCheck("taper-long-shape", "Q5", "taper long runs fall week by week"),
    QualityCheck("taper-after-deload", "Q5", "no deload week directly before the taper"),
    QualityCheck("lift-takes-run-day", "Q6", "with ≤ 4 run days, lifts join run days", True),
    QualityCheck("short-run", "Q6", "no run but a race is shorter than 3 km"),
    QualityCheck("hill-work", "Q7", "a trail race with climb gets hill and downhill runs", True),
    QualityCheck("road-pace", "Q7", "a trail race's race work is by effort, not road pace", True),
    QualityCheck("eccentric-strength", "Q7", "a trail race with climb gets eccentric quads", True),
    QualityCheck("back-to-back", "Q7", "a trail race from 50 km gets back-to-back long runs", True),
)
CHECK_BY_NAME: dict[str, QualityCheck] = {c.name: c for c in QUALITY_CHECKS}

EXPLAINABLE: frozenset[str] = frozenset(
    {
        "peak-below-current",
        "loading-below-current",
        "long-run-target",
        "race-week-above-peak",
        "back-to-back",
        "deload-depth",
    }
)
"""Checks whose finding a note naming the Q-id (the limit that stopped it) explains."""

NAMED_LIMITS: frozenset[str] = frozenset(
    {"quality-spacing", "lift-takes-run-day", "high-low", "long-eve", "tt-fresh"}
)
"""Q2/Q4/Q6: checks whose finding is explained only by a note of its week that names the
Q-id, the check and the day (``"Q4 quality-spacing: sat 2027-01-09: …"``): the
planner writes it where the windows force the breach (``planning.build``)."""


# Long-run targets (km) by race distance, (experienced, novice): roughly
# Pfitzinger/Daniels (marathon 30–35 km, novice 26–32 after Higdon), half 16–22,
# 10 km 12–18, 5 km 10–16; shorter races from middle-distance plans. A novice 5 km
# runner's longest run is the race distance (NHS Couch to 5K ends at 30 min, about
# 5 km; Hal Higdon's novice 5K plan tops out at 3 miles).
_LONG_RUN_FLOOR_KM: tuple[tuple[float, float, float], ...] = (
    (42_000.0, 29.5, 26.0),
    (21_000.0, 16.0, 14.0),
    (10_000.0, 12.0, 10.0),
    (5_000.0, 10.0, 5.0),
    (1_500.0, 8.0, 6.0),
    (0.0, 6.0, 5.0),
)


LONG_BAND_KM: tuple[tuple[float, float, float], ...] = (
    (3000.0, 8.0, 16.0),
    (7500.0, 10.0, 16.0),
    (15000.0, 12.0, 18.0),
    (30000.0, 16.0, 22.0),
    (45000.0, 26.0, 35.0),
    (60000.0, 30.0, 40.0),
    (math.inf, 35.0, 50.0),
)
"""Q2: (longest race of the band in m, low, high) long-run target in km
(``planning.volume``: below the lowest tier the target falls in proportion to the peak
volume, beginners). The high end is also the longest long run a plan gives the race
(issue 12 item 2: an 800 m runner with two run days ran a 37.1 km long run)."""
LONG_BAND_SLACK_KM = 1.0
"""Q2: the audit's slack over the band's high end (runs placed on the unit grid)."""


def long_band_high_km(race_m: float) -> float:
    """Q2: the longest long run of the race's band (``LONG_BAND_KM``)."""
    return next(high for top, _, high in LONG_BAND_KM if race_m <= top)


def sized_phrases(week_km: float, race_m: float) -> tuple[tuple[str, str], ...]:
    """Q1/Q2 (issue 12 item 2): the windows' wording of what a week holds and the wording
    that says the truth when the long run's band set it (two run days at sensible
    session sizes): the planner writes the second (``planning.plan_notes.sized_notes``),
    the audit reads it back as the first when its numbers hold (``audit.stated``)."""
    sizes = (
        f"two run days hold about {week_km:.1f} km a week at sensible session sizes "
        f"(long run ≤ {long_band_high_km(race_m):.1f} km for the {distance_label(race_m)} race)"
    )
    return (
        (f"your windows hold about {week_km:.1f} km a week", sizes),
        (f"your windows hold {week_km:.1f} km a week", sizes),
        ("what your windows hold in a week (R6)", "what two run days hold at sensible sizes (R6)"),
    )


def is_longish(run_km: float, long_km: float) -> bool:
    """Q2: a run of ``Q2_LONGISH_SHARE`` of the long run or more, to the 0.1 km a
    session's distance is rounded to (the planner's flag and the audit's check)."""
    return long_km > 0 and run_km >= Q2_LONGISH_SHARE * long_km - 0.05


def long_growth_km(long_prev_km: float) -> float:
    """Q2: the longest long run the next loading week may hold: +2 km or +10 % (the
    larger) over the longest so far. The planner grows the long run by it
    (``planning.week_runs.long_growth_cap``) and the audit judges growth by it."""
    return long_prev_km + max(Q2_GROWTH_KM, Q2_GROWTH_FRACTION * long_prev_km)


NOVICE_YEARS = 2.0
"""Q4: under two years of running a runner may still be on a novice plan."""
NOVICE_ENTRY_MARGIN = 1.25
"""Q4: a runner up to 25 % above a novice plan's first week is on that plan's tier."""
NOVICE_TIERS: tuple[tuple[float, float, float], ...] = (
    (3000.0, 7500.0, 10.0),
    (7500.0, 15000.0, 12.1),
    (15000.0, 30000.0, 19.0),
    (30000.0, 45000.0, 29.0),
)
"""Q4: (race over m, up to m, first-week km) of the published novice plan of each race
band (``planning.volume.PUBLISHED_PLANS`` reads its entry volumes here): NHS Couch to
5K (three runs, about 10 km a week at the start), Hal Higdon's Novice 10K (three runs:
2.5, 2 and 3 mi in its first week, no speedwork), Novice 1 half marathon (12 mi) and
Novice 1 marathon (18 mi). None of them holds a quality run: its runs are easy and the
long run grows. Races up to 3 km and beyond the marathon have no novice plan."""


NOVICE_PLAN_NAMES = (
    "NHS Couch to 5K",
    "Higdon's Novice 10K",
    "Higdon's Novice 1 half marathon",
    "Higdon's Novice 1 marathon",
)
"""Q4: the published novice plan of each band of ``NOVICE_TIERS``, in its order."""


def novice_plan_name(distance_m: float) -> str | None:
    """Q4: the name of the novice plan of the race's band (None: no such plan), so a
    note names the plan of the goal's own distance (a 10 km novice is not told of a
    first half or marathon)."""
    return next(
        (name for (lo, hi, _), name in zip(NOVICE_TIERS, NOVICE_PLAN_NAMES, strict=True)
         if lo < distance_m <= hi),
        None,
    )  # fmt: skip


def novice_entry_km(distance_m: float) -> float | None:
    """Q4: the first week's km of the novice plan of the race's band (None: no such plan)."""
    return next((km for lo, hi, km in NOVICE_TIERS if lo < distance_m <= hi), None)


LONG_SHARE_MAX = 0.4
"""Q2: the long run is at most 40 % of its week. Daniels (Daniels' Running Formula,
3rd ed., ch. 3 and 14) keeps the long run to about 25-30 % of the week's mileage and
150 min; at low mileage that would leave a long run shorter than the race asks, and
low-mileage plans commonly allow 35-40 %. The race's long-run target (``rules.quality``)
binds first at high mileage, the window and session limits (``long_cap_km``) too."""
NOVICE_LONG_SHARE_MAX = 0.5
"""Q2: the novice tier (``rules.quality.is_novice``) follows the published novice plans it is
anchored on: Higdon's Novice 1 marathon peaks at a 20 mi long run in a 40 mi week."""


ULTRA_LONG_SHARE_MAX = 0.5
"""Q2/Q7: from 50 km the long run may take half its week. Powell's 100 km plan
(*Relentless Forward Progress*) puts a 31 mi long run in a week of about 70 mi (45 %),
and its back-to-back weekends hold more; at 40 % a 96 km peak week capped a 100 km
runner's long run at 38 km, well short of the ~50 km the race asks for."""


def long_share_max(novice: bool, race_m: float = 0.0) -> float:
    """Q2: the largest share of its week the long run may take (see above)."""
    if race_m >= Q7_BACK_TO_BACK_MIN_M:
        return ULTRA_LONG_SHARE_MAX
    return NOVICE_LONG_SHARE_MAX if novice else LONG_SHARE_MAX


def is_novice(years_running: float, weekly_km: float, distance_m: float) -> bool:
    """Q4: the one definition of a runner on a novice tier (couch-to-5k, first 10 km,
    half or marathon): under ``NOVICE_YEARS`` of running and a volume no higher than
    the novice plan's entry + 25 %. Such a runner gets no quality running (only strides
    and the long run): the planner (``periodization``) and the audit's
    ``novice-quality`` check read this."""
    entry = novice_entry_km(distance_m)
    return (
        years_running < NOVICE_YEARS
        and entry is not None
        and weekly_km <= entry * NOVICE_ENTRY_MARGIN
    )


def long_run_novice(years_running: float, weekly_km: float) -> bool:
    """Q2: the novice column of the long-run targets (under two years of running or
    under 30 km a week)."""
    return years_running < 2 or weekly_km < 30


def long_run_target_km(race_distance_m: float, *, novice: bool, peak_week_km: float) -> float:
    """Q2: the shortest long run the plan's longest long run should reach: the
    table above (marathon and longer: min(70 % of the race, 32 km) for experienced
    runners), never more than ``Q2_MAX_SHARE`` of the plan's peak week (beginners
    in proportion)."""
    row = next((r for r in _LONG_RUN_FLOOR_KM if race_distance_m >= r[0]), _LONG_RUN_FLOOR_KM[-1])
    floor_m, experienced, beginner = row
    base = beginner if novice else experienced
    if floor_m >= 42_000.0 and not novice:
        base = min(0.70 * race_distance_m / 1000, 32.0)
    return min(base, Q2_MAX_SHARE * peak_week_km)


MARATHON_NEED_M = _LONG_RUN_FLOOR_KM[0][0]
"""Q2: from this race distance the long run the race needs is not capped by the week."""


def long_run_need_km(race_distance_m: float, *, novice: bool, peak_week_km: float) -> float:
    """Q2 (issue 12 item 5): the long run the race needs, which the audit asks of the
    longest long run and a plan note must explain when the plan stops short. From the
    marathon up it is the race's own need (the table above: 26 km for a first marathon,
    after Higdon's Novice 1 and its 32 km; min(70 % of the race, 32 km) otherwise), not
    capped by half the plan's peak week: a first marathon whose windows hold a 49 km
    week peaked at a 24.5 km long run and nothing said it was short. Shorter races keep
    ``long_run_target_km``."""
    target = long_run_target_km(race_distance_m, novice=novice, peak_week_km=float("inf"))
    if race_distance_m >= MARATHON_NEED_M:
        return target
    return long_run_target_km(race_distance_m, novice=novice, peak_week_km=peak_week_km)


def trains_for_downhills(race: Race) -> bool:
    """Q7: a trail or mountain race with climb (what goes up comes down): the plan
    gets hill and downhill running and eccentric quad strength."""
    return race.terrain in ("trail", "mountain") and race.elevation_gain_m > 0


def stated_limit(notes: Iterable[str], rule_id: str) -> str | None:
    """The first note that names ``rule_id`` (``"Q1: …"``), if any."""
    pattern = re.compile(rf"\b{re.escape(rule_id)}\b(?!-)")  # "Q5-race-eve" is another note
    return next((n for n in notes if pattern.search(n)), None)


def check_of(message: str) -> QualityCheck | None:
    """The quality check a finding's message comes from (messages start with the
    check's name, e.g. ``"long-not-longest: week 3 …"``)."""
    return CHECK_BY_NAME.get(message.split(":", 1)[0])
