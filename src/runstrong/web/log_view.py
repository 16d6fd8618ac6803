"""The Log page's table as display strings, built once per row in Python.

The template prints these strings as they are (autoescaped) instead of calling
filters and macros per row: on a page of the log that halves the rendering time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from runstrong.core.units import format_distance_bare
from runstrong.services.log_lines import LogLine

DAY_FORMAT = "%a %d %b %Y"


@dataclass(frozen=True, slots=True)
class LogRow:
    """One table row: an activity, preceded by its day's check-in on the first row of
    that day (R25: the check-in beside the day's sessions)."""

    checkin: str | None
    day: str
    href: str
    title: str
    sets: str
    sport: str
    distance: str
    time: str
    hr: str
    rpe: str


def _duration(duration_s: float) -> str:
    total = round(duration_s)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def checkin_text(values: Mapping[str, object]) -> str:
    """A check-in as one line: "sleep 7.5 h (quality 4/5) · stress 2/5 · food: …"."""
    parts = []
    if values.get("sleep_h") is not None:
        parts.append(f"sleep {values['sleep_h']} h")
    head = " ".join(parts)
    if values.get("sleep_quality"):
        head = f"{head} (quality {values['sleep_quality']}/5)".strip()
    items = [head] if head else []
    for key, label in (("stress", "stress"), ("soreness", "soreness"), ("leg_feel", "legs")):
        if values.get(key):
            items.append(f"{label} {values[key]}/5")
    for key, label in (("nutrition_notes", "food: "), ("hydration_notes", "drink: ")):
        if values.get(key):
            items.append(f"{label}{values[key]}")
    if values.get("notes"):
        items.append(str(values["notes"]))
    return " · ".join(items)


def log_rows(
    athlete_id: int,
    lines: Sequence[LogLine],
    checkins: Mapping[dt.date, Mapping[str, object]],
    units: str,
) -> list[LogRow]:
    """The rows of the Log page's table, in the order of ``lines``."""
    rows: list[LogRow] = []
    shown: set[dt.date] = set()
    for line in lines:
        day = line.start.date()
        checkin = None
        if day not in shown:
            shown.add(day)
            values = checkins.get(day)
            checkin = checkin_text(values) if values else None
        sport = line.sport.value.replace("_", " ")
        rows.append(
            LogRow(
                checkin=checkin,
                day=line.start.strftime(DAY_FORMAT),
                href=f"/a/{athlete_id}/log/{line.id}",
                title=line.name or sport.capitalize(),
                sets=f"{line.set_count} sets" if line.set_count else "",
                sport=sport,
                distance="–"
                if line.distance_m is None
                else format_distance_bare(line.distance_m, units, 1),
                time=_duration(line.duration_s),
                hr=str(round(line.avg_hr_bpm)) if line.avg_hr_bpm else "–",
                rpe=str(line.session_rpe) if line.session_rpe else "–",
            )
        )
    return rows
