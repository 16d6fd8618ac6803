"""Strava bulk export: ``activities.csv`` → metadata per file, and manual activities.

Columns are located by header name, never by a plain dict of the row: the
2024 export repeats five names (``Elapsed Time``, ``Distance``, ``Max Heart
Rate``, ``Relative Effort``, ``Commute``). For metadata the first occurrence
wins. A manual activity's distance comes from the *metre* ``Distance`` column
(the second one); Strava often leaves it empty for manual entries and fills
only the first, a display value with two decimals. That one is converted with
the unit the same file uses: the ratio metre/display of the rows that carry
both (the real export's ``3.32`` beside ``3322.949951171875``: kilometres),
kilometres when no row carries both. ``Activity Date`` is UTC
(``May 29, 2022, 3:53:35 PM``). Localised (non-English) headers are not read.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from runstrong.core.model import Activity, Sport
from runstrong.importers._problems import FormatProblem
from runstrong.importers.names import sport_from_text

MANUAL_KEY = "manual"
MANUAL_VALUE = "strava"
MANUAL_FORMAT = "strava-csv"

_META_COLUMNS = {
    "Activity ID": "strava_activity_id",
    "Activity Date": "strava_activity_date",
    "Activity Name": "name",
    "Activity Type": "type",
    "Activity Description": "description",
}
_DATE_FORMAT = "%b %d, %Y, %I:%M:%S %p"
_DISPLAY_UNITS_M = {"km": 1000.0, "mi": 1609.344}
"""Metres per display unit of the first ``Distance`` column (international mile)."""
_DISPLAY_KEY = "distance_display"


@dataclass(frozen=True)
class StravaIndex:
    """``files``: normalised member path → metadata; ``manual``: rows without a file."""

    base: str = ""
    files: dict[str, Mapping[str, str]] = field(default_factory=dict)
    manual: list[dict[str, str]] = field(default_factory=list)


STRAVA_FIELD_LIMIT = 131_072
"""Largest activities.csv field read (characters): Strava's own fields are far shorter."""


def parse_activities_csv(text: str, base: str = "") -> StravaIndex:
    """Read ``activities.csv``; ``Filename`` values are joined to ``base``."""
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if not header:
        return StravaIndex()
    positions: dict[str, list[int]] = {}
    for i, col in enumerate(header):
        positions.setdefault(col.strip(), []).append(i)
    if "Filename" not in positions:
        return StravaIndex()
    index = StravaIndex(base=base)

    def cell(row: list[str], col: str, occurrence: int = 0) -> str:
        found = positions.get(col, [])
        if occurrence >= len(found) or found[occurrence] >= len(row):
            return ""
        return row[found[occurrence]].strip()

    # The csv module's field limit is process-wide; this untrusted file gets its own cap.
    previous = csv.field_size_limit(STRAVA_FIELD_LIMIT)
    # Only the export's two-column layout says which column is the display one; a lone
    # ``Distance`` column (synthetic or old files) has no known unit and is not used.
    ratios: list[float] | None = [] if len(positions.get("Distance", [])) > 1 else None
    try:
        for row in rows:
            _add_row(index, row, cell, ratios)
    except csv.Error:
        pass  # a malformed tail (e.g. a field over the size cap): keep the rows read so far
    finally:
        csv.field_size_limit(previous)
    _fill_manual_distances(index.manual, _display_unit_m(ratios or []))
    return index


def _float_or_none(raw: str) -> float | None:
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _display_unit_m(ratios: list[float]) -> float:
    """Metres per unit of the display ``Distance`` column: the unit of ``_DISPLAY_UNITS_M``
    nearest the median metre/display ratio of the rows with both, else kilometres."""
    if not ratios:
        return _DISPLAY_UNITS_M["km"]
    median = sorted(ratios)[len(ratios) // 2]
    return min(_DISPLAY_UNITS_M.values(), key=lambda unit: abs(median / unit - 1))


def _fill_manual_distances(manual: list[dict[str, str]], unit_m: float) -> None:
    """Manual rows without a metre distance take the display distance times ``unit_m``."""
    for row in manual:
        display = _float_or_none(row.pop(_DISPLAY_KEY, ""))
        if "distance_m" not in row and display is not None:
            row["distance_m"] = repr(round(display * unit_m, 1))


def _add_row(
    index: StravaIndex, row: list[str], cell: Callable[..., str], ratios: list[float] | None
) -> None:
    """File rows → ``index.files``; rows without a file (manual entries) → ``index.manual``.

    ``ratios`` (None: no display column) collects metre/display distance of rows with
    both (display ≥ 1, so the display value's two-decimal rounding moves it under 1 %)."""
    meta = {key: cell(row, col) for col, key in _META_COLUMNS.items() if cell(row, col)}
    display = cell(row, "Distance") if ratios is not None else ""
    shown, metres = _float_or_none(display), _float_or_none(cell(row, "Distance", 1))
    if ratios is not None and shown is not None and metres is not None and shown >= 1:
        ratios.append(metres / shown)
    filename = cell(row, "Filename")
    if filename:
        index.files[posixpath.normpath(posixpath.join(index.base, filename))] = meta
        return
    if not meta.get("strava_activity_id"):
        return
    manual = dict(meta, **{MANUAL_KEY: MANUAL_VALUE})
    for key, value in (
        ("elapsed_s", cell(row, "Elapsed Time") or cell(row, "Elapsed Time", 1)),
        ("moving_s", cell(row, "Moving Time")),
        ("distance_m", cell(row, "Distance", 1)),
        (_DISPLAY_KEY, display),
    ):
        if value:
            manual[key] = value
    index.manual.append(manual)


def is_manual(meta: Mapping[str, str] | None) -> bool:
    return meta is not None and meta.get(MANUAL_KEY) == MANUAL_VALUE


def manual_hash(activity_id: str) -> str:
    """Dedup key of a manual entry: SHA-256 of ``strava-manual:<Activity ID>``."""
    return hashlib.sha256(f"strava-manual:{activity_id}".encode()).hexdigest()


def _number(meta: Mapping[str, str], key: str) -> float | None:
    raw = meta.get(key)
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise FormatProblem(f"bad number {raw!r} in column {key} (a decimal is required)") from None


def manual_activity(meta: Mapping[str, str]) -> Activity:
    """A summary-only activity from a Strava manual-entry row (no streams, laps or sets)."""
    raw_date = meta.get("strava_activity_date", "")
    try:
        start = dt.datetime.strptime(raw_date, _DATE_FORMAT).replace(tzinfo=dt.UTC)
    except ValueError:
        raise FormatProblem(
            f"manual activity has an unreadable date {raw_date!r} "
            "(expected like 'May 29, 2022, 3:53:35 PM')"
        ) from None
    elapsed = _number(meta, "elapsed_s")
    if elapsed is None:
        raise FormatProblem("manual activity has no elapsed time")
    activity_id = meta.get("strava_activity_id", "")
    return Activity(
        sport=sport_from_text(meta.get("type")) or Sport.OTHER,
        sub_sport=None,
        start=start,
        duration_s=elapsed,
        moving_time_s=_number(meta, "moving_s"),
        distance_m=_number(meta, "distance_m"),
        name=meta.get("name"),
        description=meta.get("description"),
        source_format=MANUAL_FORMAT,
        source_hash=manual_hash(activity_id),
    )
