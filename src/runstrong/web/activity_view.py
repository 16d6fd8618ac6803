"""Activity detail for pages: downsampled GPS track and pace/HR series for the charts."""

from __future__ import annotations

import json
from typing import Any

from runstrong.core.model import Activity

MAX_TRACK_POINTS = 1500
MAX_CHART_POINTS = 800


def _stride(n: int, limit: int) -> int:
    return max(1, -(-n // limit))


def track_json(activity: Activity) -> str:
    """``[[lat, lon], …]`` of the GPS samples, at most ``MAX_TRACK_POINTS``."""
    s = activity.streams
    points = [
        (lat, lon)
        for lat, lon in zip(s.lat_deg, s.lon_deg, strict=False)
        if lat is not None and lon is not None
    ]
    step = _stride(len(points), MAX_TRACK_POINTS)
    return json.dumps([[round(a, 6), round(b, 6)] for a, b in points[::step]])


def _pace_s_per_km(speed_m_s: float | None) -> float | None:
    if speed_m_s is None or speed_m_s < 1.1:  # slower than ~15 min/km: walking or standing
        return None
    return round(1000.0 / speed_m_s, 1)


def charts_json(activity: Activity) -> str:
    """Pace (s/km, drawn as min:s, faster up) and heart rate against elapsed minutes."""
    s = activity.streams
    n = len(s.t_s)
    step = _stride(n, MAX_CHART_POINTS)
    idx = range(0, n, step)
    series: list[dict[str, Any]] = []
    if s.speed_m_s and activity.sport.is_run:
        series.append(
            {
                "name": "Pace (min/km)",
                "values": [_pace_s_per_km(s.speed_m_s[i]) for i in idx],
                "format": "pace",
                "invert": True,
            }
        )
    elif s.speed_m_s:
        series.append(
            {
                "name": "Speed (km/h)",
                "values": [
                    None if s.speed_m_s[i] is None else round((s.speed_m_s[i] or 0) * 3.6, 2)
                    for i in idx
                ],
            }
        )
    if s.heart_rate_bpm:
        series.append(
            {
                "name": "Heart rate (bpm)",
                "values": [s.heart_rate_bpm[i] for i in idx],
                "axis": "right",
            }
        )
    if not series:
        return json.dumps({"labels": [], "series": []})
    return json.dumps(
        {
            "labels": [round(s.t_s[i] / 60, 2) for i in idx],
            "x": "number",
            "x_label": "Minutes",
            "series": series,
        }
    )


def has_track(activity: Activity) -> bool:
    return any(v is not None for v in activity.streams.lat_deg)
