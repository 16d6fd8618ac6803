"""How a week's easy km are shared among its easy runs (Q1, Q2, Q3): water-filling
under each run's window and under a share of the long run; and the long run's least
size beside them (Q6). Pure; used by ``runs.week_runs``."""

from __future__ import annotations

import math
from collections.abc import Sequence

from runstrong.core.planning.week_runs import EASY_SHARE_MAX
from runstrong.core.rules.quality import (
    Q1_TOLERANCE_KM,
    Q2_LONGISH_SHARE,
    Q6_SHORT_RUN_KM,
    long_band_high_km,
)

MIN_EASY_KM = Q6_SHORT_RUN_KM
"""The shortest easy run (Q6: no token run)."""
EASY_SHARE_Q1 = Q2_LONGISH_SHARE - 0.01
"""Q1/Q2: the share of the long run an easy run of a loading week with five or more run
days may reach when the runs at ``EASY_SHARE_OF_LONG`` (70 %) leave the week below the
athlete's current volume: still a medium-long run, under the long-ish line (75 %), so
the long run keeps its day."""


def real_long_km(
    long_km: float, total_km: float, loading: bool, share: float = EASY_SHARE_MAX
) -> float:
    """Q2/Q6: a loading week's long run is a real run that its 3 km easy runs
    (``Q6_SHORT_RUN_KM``) stay under, at the largest ``share`` of it the week's easy
    runs may take (``week_runs.easy_shares``; 1.0 in a deload): a 5.8 km/week beginner
    ran 2.5, 2.5 and a 2.8 km "Long run". At ``EASY_SHARE_MAX`` for every week, a
    beginner with six run days (easy runs at 70 %) ran a 3.7 km long run alone: its
    easy runs, at most 2.6 km, were token runs, the week held 3.7 of 11.7 km and its
    deload could not be 20-30 % lighter (Q1) without a run under 3 km."""
    least = Q6_SHORT_RUN_KM / share
    if loading and 0 < long_km < least:
        return min(least, total_km)
    return long_km


def easy_sizes(
    rest: float, caps: Sequence[float], longest: float, shares: Sequence[float]
) -> tuple[list[float], float]:
    """Q2/Q1: the easy runs' km and their limit: at most the first share of the long run
    (``EASY_SHARE_OF_LONG``, so none is long-ish); only when those cannot hold the
    week's volume, the next (``EASY_SHARE_MAX``, still shorter than the long run)."""
    sizes: list[float] = []
    limit = longest
    for share in shares:
        limit = share * longest
        sizes = water_fill(rest, [min(c, limit) for c in caps])
        if sum(sizes) >= rest - 0.05:
            break
    return sizes, limit


def loading_easy_sizes(
    rest: float,
    rooms: Sequence[float],
    n: int,
    longest: float,
    shares: Sequence[float],
    floor_rest: float = 0.0,
) -> tuple[list[float], float]:
    """Q1/Q3 (issue 12: a run longer than its window is shortened to fit, and the rest
    goes to other easy days): a full loading week's easy runs, ``n`` of them first; when
    their windows (``rooms``, km each, largest first; 0: no run fits) or their share of
    the long run leave the week more than ``Q1_TOLERANCE_KM`` under the current volume
    (``floor_rest``: it less the other runs), another open day takes an easy run, which
    shares all of ``rest``. When even then they hold less than ``floor_rest``, the easy
    runs may reach ``EASY_SHARE_Q1`` of the long run up to it: Q1 (no loading week below
    the current volume) before the 70 % preference (a 6-day 92 km/week runner's weeks ran
    90.7 km, its easy runs at 70 % of a long run a 120-min session caps)."""
    sizes, limit = easy_sizes(rest, rooms[:n], longest, shares)
    while (
        sum(sizes) < min(rest, floor_rest) - Q1_TOLERANCE_KM
        and n < len(rooms)
        and rooms[n] >= MIN_EASY_KM
        and rest >= (n + 1) * MIN_EASY_KM
    ):
        n += 1
        sizes, limit = easy_sizes(rest, rooms[:n], longest, shares)
    if sum(sizes) < floor_rest - 0.05 and max(shares) < EASY_SHARE_Q1:
        wider, top = easy_sizes(min(floor_rest, rest), rooms[:n], longest, (EASY_SHARE_Q1,))
        if sum(wider) > sum(sizes):
            sizes, limit = wider, top
    return sizes, limit


def easy_km(
    rest: float,
    rooms: Sequence[float],
    n: int,
    longest: float,
    shares: Sequence[float],
    floor_rest: float | None,
) -> tuple[list[float], float]:
    """The easy runs' km and their limit, ``n`` of them in the free days' ``rooms`` (km
    each, largest first). R1/Q3: a window that holds less than the shortest easy run (a
    lift took the rest of it) gets no token run: the lift keeps its day and the km go
    to the other easy runs. A loading week (``floor_rest`` not None) may take more easy
    days and longer easy runs (``loading_easy_sizes``)."""
    room = [k if k >= MIN_EASY_KM else 0.0 for k in rooms]
    if floor_rest is None:
        return easy_sizes(rest, room[:n], longest, shares)
    return loading_easy_sizes(rest, room, n, longest, shares, floor_rest)


def water_fill(total: float, caps: Sequence[float]) -> list[float]:
    """Share ``total`` as evenly as possible among runs of at most ``caps`` km each."""
    sizes = [0.0] * len(caps)
    left = total
    open_ = [i for i, c in enumerate(caps) if c > 0]
    while left > 0.05 and open_:
        even = left / len(open_)
        full = [i for i in open_ if caps[i] - sizes[i] <= even]
        if not full:
            for i in open_:
                sizes[i] += even
            break
        for i in full:
            left -= caps[i] - sizes[i]
            sizes[i] = caps[i]
        open_ = [i for i in open_ if i not in full]
    return [round(k, 1) for k in sizes]


TWO_RUN_QUALITY_PACE = 0.95
"""R6/Q1: a quality session covers at least this share of what an easy run covers in
the same minutes: its warm-up and cool-down are easy, its work faster, and Daniels'
caps keep the work a small part of a low-volume week (T pace at most 10 % of the week
in one session, I pace 8 %, R pace 5 %: *Daniels' Running Formula*, 3rd ed.;
``prescription.run_steps.VOLUME_CAPS``). Hill repeats, whose jog-downs run a little
slower than easy, cover 96-97 % (VDOT 28-70, 35-60 min)."""
TWO_RUN_QUALITY_SHARE = 0.4
"""Q1/Q2: a two-run week's quality run takes at least this share of the week (the long
run the rest), up to what its window holds: the session is the week's second run, not a
fixed 5 km; Daniels' caps above bound its faster part, the rest of it is easy running."""
TWO_RUN_QUALITY_MAX_KM = 8.0
"""Q1: the longest quality session of a two-run week (warm-up, work and cool-down)."""


def room_km(minutes: float, easy_s_per_km: float, quality: bool = False) -> float:
    """R6: the km a run of the 5-minute grid covers in ``minutes`` at the middle of the
    easy pace range (a quality session: ``TWO_RUN_QUALITY_PACE`` of it, at most
    ``TWO_RUN_QUALITY_MAX_KM``), to 0.1 km below."""
    grid = 5 * math.floor(minutes / 5 + 1e-9)
    km = grid * 60 / easy_s_per_km
    if quality:
        km = min(km * TWO_RUN_QUALITY_PACE, TWO_RUN_QUALITY_MAX_KM)
    return math.floor(km * 10 + 1e-6) / 10


def two_run_holds(
    rooms_min: Sequence[float], easy_s_per_km: float, race_m: float = 0.0
) -> tuple[float, float]:
    """R6/Q1 (one computation for ``capacity.capacity_km`` and ``runs.week_runs``): what
    a week of two runs, the long run in the larger room and the quality run in the other
    (``rooms_min``, minutes each), holds in each: (quality km, long-run km). Q2 (issue 12
    item 2): at sensible session sizes: the long run at most its race band's high end
    (``rules.quality.long_band_high_km`` of ``race_m``; 0: no race, no limit), the
    quality run at most ``TWO_RUN_QUALITY_MAX_KM``; an 800 m runner whose windows hold
    three hours ran a 37.1 km long run to carry the week's volume."""
    small, large = sorted(rooms_min)[-2:] if len(rooms_min) > 1 else (0.0, max(rooms_min))
    long_km = room_km(large, easy_s_per_km)
    if race_m > 0:
        long_km = min(long_km, long_band_high_km(race_m))
    return room_km(small, easy_s_per_km, quality=True), long_km


def two_run_split(
    total_km: float, rooms_min: Sequence[float], easy_s_per_km: float, race_m: float = 0.0
) -> tuple[float, float]:
    """Q1/Q3/R6: a two-run week of ``total_km`` (at most ``sum(two_run_holds)``) as
    (quality km, long-run km): the quality run ``TWO_RUN_QUALITY_SHARE`` of the week, or
    what the long run's room leaves it, up to what its own room holds; the long run the
    rest. At the windows' figure each run fills its room."""
    quality_room, long_room = two_run_holds(rooms_min, easy_s_per_km, race_m)
    quality = min(quality_room, max(TWO_RUN_QUALITY_SHARE * total_km, total_km - long_room))
    quality = round(max(quality, 0.0), 1)
    return quality, round(min(total_km - quality, long_room), 1)


def two_run_sizes(
    total_km: float, long_km: float, rooms_min: Sequence[float], easy_s_per_km: float,
    floor_km: float, race_m: float = 0.0,
) -> tuple[float, float] | None:  # fmt: skip
    """Q1/R6 (issue 12): a full loading week of two runs, a quality run and the long run
    (``long_km``, the outline's), on two run days (``rooms_min``) that runs what its
    rooms hold, below the athlete's current volume (``floor_km``; 0: not such a week), is
    cut as the windows' figure counts it (``two_run_split``, ``capacity.capacity_km``):
    (quality km, long-run km). Q2: the long run stays within the outline's (its +2 km /
    +10 % growth); the quality run then takes what its room holds. Q2 (issue 12 item 2):
    a week whose long run its race band (``race_m``) stops is cut so at any volume.
    None: the usual split."""
    rooms = two_run_holds(rooms_min, easy_s_per_km, race_m) if rooms_min else (0.0, 0.0)
    quality_room, long_room = rooms
    holds = quality_room + long_room
    if len(rooms_min) != 2 or long_km <= 0:
        return None
    # Q2: a long run its band stops fills its rooms at any volume
    sized = floor_km > 0 and holds < sum(two_run_holds(rooms_min, easy_s_per_km)) - 0.05
    if not sized and not holds - 0.05 <= total_km < floor_km:
        return None
    quality, long_run = two_run_split(total_km, rooms_min, easy_s_per_km, race_m)
    if long_run > long_km:
        long_run, quality = long_km, min(quality_room, total_km - long_km)
    return round(min(quality, long_run), 1), long_run
