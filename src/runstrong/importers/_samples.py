"""Building an ``Activity`` from timed samples (shared by GPX and TCX)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.core.model import Activity, Lap, Sport, Streams
from runstrong.core.science.plausibility import HEART_RATE_RANGE, POWER_RANGE, cadence_range
from runstrong.importers._plausible import Dropped
from runstrong.importers.geo import cumulative_distance_m, elevation_gain_m
from runstrong.importers.names import STEP_CADENCE_SPORTS


@dataclass(frozen=True, slots=True)
class Sample:
    """One timed point of a GPX/TCX track (``segment`` numbers GPX trksegs / TCX laps)."""

    time: dt.datetime
    segment: int
    lat: float | None = None
    lon: float | None = None
    altitude_m: float | None = None
    distance_m: float | None = None
    speed_m_s: float | None = None
    heart_rate_bpm: int | None = None
    cadence: int | None = None
    power_w: int | None = None


def _mean(values: Sequence[float | None]) -> float | None:
    vs = [v for v in values if v is not None]
    return sum(vs) / len(vs) if vs else None


def _max(values: Sequence[float | None]) -> float | None:
    vs = [v for v in values if v is not None]
    return float(max(vs)) if vs else None


def _col(values: Sequence[float | None]) -> tuple[float | None, ...]:
    return () if all(v is None for v in values) else tuple(values)


def _icol(values: Sequence[int | None]) -> tuple[int | None, ...]:
    return () if all(v is None for v in values) else tuple(values)


def _segments_time_s(samples: Sequence[Sample]) -> float:
    """The summed duration of the recorded segments (the gaps between them are pauses)."""
    total = 0.0
    seg_start = samples[0]
    for prev, cur in itertools.pairwise(samples):
        if cur.segment != prev.segment:
            total += (prev.time - seg_start.time).total_seconds()
            seg_start = cur
    return total + (samples[-1].time - seg_start.time).total_seconds()


def _recorded_distance_m(
    samples: Sequence[Sample], lats: list[float | None], lons: list[float | None]
) -> list[float | None]:
    """The samples' own distances, else the haversine sum within segments."""
    recorded = [s.distance_m for s in samples]
    if any(d is not None for d in recorded):
        return recorded
    breaks = frozenset(
        i for i in range(1, len(samples)) if samples[i].segment != samples[i - 1].segment
    )
    return cumulative_distance_m(lats, lons, breaks)


def build_activity(
    samples: Sequence[Sample],
    *,
    sport: Sport,
    sub_sport: str | None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    moving_time_s: float | None = None,
    distance_m: float | None = None,
    laps: tuple[Lap, ...] = (),
    name: str | None = None,
    description: str | None = None,
    device: str | None = None,
    calories_kcal: float | None = None,
    dropped: Dropped,
) -> Activity:
    """Totals and streams from ``samples`` (in file order; non-empty or ``start`` given).

    Samples stay in file order (distance follows the recorded path even when a
    device wrote bad clock values); start/end are the earliest/latest times.

    Distance: the explicit ``distance_m``, else the last recorded distance, else
    the haversine sum within segments. Moving time: ``moving_time_s``, else the
    summed duration of the segments (gaps between segments are pauses).
    Heart rate, cadence and power no human produces are dropped (counted in ``dropped``)
    before the averages are taken, in the samples and the laps.
    """
    times = [s.time for s in samples]
    t0 = start or min(times)
    t_end = max([t0, *times, *([end] if end else [])])
    lats = [s.lat for s in samples]
    lons = [s.lon for s in samples]
    recorded = _recorded_distance_m(samples, lats, lons)
    if distance_m is None:
        distance_m = next((d for d in reversed(recorded) if d is not None), None)
    if moving_time_s is None and samples:
        moving_time_s = _segments_time_s(samples)
    steps = sport in STEP_CADENCE_SPORTS
    factor = 2 if steps else 1
    hr = dropped.channel([s.heart_rate_bpm for s in samples], HEART_RATE_RANGE)
    cad = dropped.channel(
        [None if s.cadence is None else s.cadence * factor for s in samples], cadence_range(steps)
    )
    power = dropped.channel([s.power_w for s in samples], POWER_RANGE)
    laps = tuple(dropped.lap(lap, i, steps) for i, lap in enumerate(laps))
    alt = [s.altitude_m for s in samples]
    streams = Streams(
        t_s=tuple((t - t0).total_seconds() for t in times),
        lat_deg=_col(lats),
        lon_deg=_col(lons),
        altitude_m=_col(alt),
        distance_m=_col(recorded),
        speed_m_s=_col([s.speed_m_s for s in samples]),
        heart_rate_bpm=_icol(hr),
        cadence_spm=_icol(cad),
        power_w=_icol(power),
    )
    return Activity(
        sport=sport,
        sub_sport=sub_sport,
        start=t0,
        duration_s=(t_end - t0).total_seconds(),
        moving_time_s=moving_time_s,
        distance_m=distance_m,
        elevation_gain_m=elevation_gain_m(alt),
        avg_hr_bpm=_mean(hr),
        max_hr_bpm=_max(hr),
        avg_cadence_spm=_mean(cad),
        avg_power_w=_mean(power),
        calories_kcal=calories_kcal,
        name=name,
        description=description,
        device=device,
        laps=laps,
        streams=streams,
    )
