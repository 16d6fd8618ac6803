"""CSV export layout: one file per record type, rows linked by reference numbers.

Sub-records (laps, sets, stream samples) are written in the same order as
``activities.csv``, so reading them back is a single forward pass.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from runstrong.core.model import Activity, Lap, SetEntry, Streams, Wellness
from runstrong.services.export_codec import (
    ACTIVITY_FIELDS,
    ATHLETE_FIELDS,
    LAP_FIELDS,
    OPTIONAL_FIELDS,
    PLAN_EVENT_FIELDS,
    PLAN_FIELDS,
    SET_FIELDS,
    STREAM_FIELDS,
    WELLNESS_FIELDS,
    ExportWriter,
    from_cell,
    record_values,
    to_cell,
)
from runstrong.storage.records import AthleteRecord, StoredPlan, StoredPlanEvent

_ACTIVITY_HEAD = (("athlete", "int"), ("ref", "int"), ("created_at", "datetime"))
_CHILD_HEAD = (("activity", "int"),)
FILES: dict[str, tuple[tuple[str, str], ...]] = {
    "athletes": ATHLETE_FIELDS,
    "activities": (*_ACTIVITY_HEAD, *ACTIVITY_FIELDS, ("channels", "str")),
    "laps": (*_CHILD_HEAD, *LAP_FIELDS),
    "sets": (*_CHILD_HEAD, *SET_FIELDS),
    "streams": (*_CHILD_HEAD, *STREAM_FIELDS),
    "wellness": (("athlete", "int"), *WELLNESS_FIELDS),
    "plans": PLAN_FIELDS,
    "plan_events": PLAN_EVENT_FIELDS,
}


class CsvWriter(ExportWriter):
    """Writes the CSV layout."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files: list[IO[str]] = []
        self._writers: dict[str, Any] = {}

    def open(self) -> None:
        for name, columns in FILES.items():
            fh = (self.folder / f"{name}.csv").open("w", encoding="utf-8", newline="")
            self._files.append(fh)
            writer = csv.writer(fh)
            writer.writerow([c for c, _ in columns])
            self._writers[name] = writer

    def close(self, *, complete: bool) -> None:
        for fh in self._files:
            fh.close()

    def _row(self, name: str, values: dict[str, Any]) -> None:
        self._writers[name].writerow([to_cell(values.get(c), k) for c, k in FILES[name]])

    def athlete(self, a: AthleteRecord) -> None:
        self._row("athletes", record_values(a, ATHLETE_FIELDS))

    def activity(self, athlete: int, ref: int, activity: Activity, created_at: dt.datetime) -> None:
        channels = [n for n, _ in STREAM_FIELDS if getattr(activity.streams, n)]
        values = record_values(activity, ACTIVITY_FIELDS)
        values.update(athlete=athlete, ref=ref, created_at=created_at, channels=" ".join(channels))
        self._row("activities", values)
        for lap in activity.laps:
            self._row("laps", {"activity": ref, **record_values(lap, LAP_FIELDS)})
        for s in activity.sets:
            self._row("sets", {"activity": ref, **record_values(s, SET_FIELDS)})
        columns = [getattr(activity.streams, n) for n in channels]
        for i in range(len(activity.streams.t_s)):
            sample = {n: col[i] for n, col in zip(channels, columns, strict=True)}
            self._row("streams", {"activity": ref, **sample})

    def wellness(self, athlete: int, w: Wellness) -> None:
        self._row("wellness", {"athlete": athlete, **record_values(w, WELLNESS_FIELDS)})

    def plan(self, p: StoredPlan) -> None:
        self._row("plans", record_values(p, PLAN_FIELDS))

    def plan_event(self, e: StoredPlanEvent) -> None:
        self._row("plan_events", record_values(e, PLAN_EVENT_FIELDS))


FIELD_LIMIT = 2**31 - 1  # largest csv field limit every platform accepts (a C long)
_open_readers = 0  # readers open now; the raised limit lasts while any is open
_saved_limit = csv.field_size_limit()


def _raise_limit() -> None:
    global _open_readers, _saved_limit
    if _open_readers == 0:
        _saved_limit = csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    _open_readers += 1


def _restore_limit() -> None:
    global _open_readers
    _open_readers -= 1
    if _open_readers == 0:
        csv.field_size_limit(_saved_limit)


class _Rows:
    """Forward reader of one CSV file with one row of look-ahead."""

    def __init__(self, path: Path, columns: tuple[tuple[str, str], ...]) -> None:
        # A plan's JSON cell is far larger than the csv module's default 131072 characters.
        # The limit is process-wide (it also caps untrusted Strava CSVs), so it is raised
        # only while this file is open and put back when it closes.
        self._fh = path.open(encoding="utf-8", newline="")
        _raise_limit()
        self._reader = csv.reader(self._fh)
        header = next(self._reader, None)
        expected = [c for c, _ in columns]
        if header != expected:
            # An export written before an optional field was added lacks its column.
            columns = tuple(c for c in columns if c[0] not in OPTIONAL_FIELDS)
            if header != [c for c, _ in columns]:
                self.close()
                raise ValueError(f"{path.name} has columns {header}, expected {expected}")
        self.columns = columns
        self._next: dict[str, Any] | None = self._read()

    def _read(self) -> dict[str, Any] | None:
        cells = next(self._reader, None)
        if cells is None:
            self.close()
            return None
        if len(cells) != len(self.columns):
            raise ValueError(f"{self._fh.name}: row with {len(cells)} cells")
        return {c: from_cell(v, k) for (c, k), v in zip(self.columns, cells, strict=True)}

    def __iter__(self) -> Iterator[dict[str, Any]]:
        try:
            while self._next is not None:
                row, self._next = self._next, self._read()
                yield row
        finally:
            self.close()

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()
            _restore_limit()

    def take(self, activity: int) -> list[dict[str, Any]]:
        """The consecutive rows that belong to ``activity``."""
        out: list[dict[str, Any]] = []
        while self._next is not None and self._next["activity"] == activity:
            out.append(self._next)
            self._next = self._read()
        return out


class CsvReader:
    """Reads the CSV layout."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _rows(self, name: str) -> _Rows:
        return _Rows(self.folder / f"{name}.csv", FILES[name])

    def athletes(self) -> Iterator[tuple[int, str, str | None, dt.datetime]]:
        for r in self._rows("athletes"):
            yield r["ref"], r["name"], r["profile_toml"], r["created_at"]

    def activities(self) -> Iterator[tuple[int, Activity, dt.datetime]]:
        laps, sets, samples = self._rows("laps"), self._rows("sets"), self._rows("streams")
        try:
            yield from self._activities(laps, sets, samples)
        finally:
            for rows in (laps, sets, samples):
                rows.close()

    def _activities(
        self, laps: _Rows, sets: _Rows, samples: _Rows
    ) -> Iterator[tuple[int, Activity, dt.datetime]]:
        for r in self._rows("activities"):
            ref = r["ref"]
            channels = (r["channels"] or "").split()
            rows = samples.take(ref)
            streams = Streams(**{n: tuple(s[n] for s in rows) for n in channels})
            fields: dict[str, Any] = {n: r.get(n) for n, _ in ACTIVITY_FIELDS}  # see _Rows
            activity = Activity(
                **fields,
                laps=tuple(Lap(**{n: x[n] for n, _ in LAP_FIELDS}) for x in laps.take(ref)),
                sets=tuple(SetEntry(**{n: x[n] for n, _ in SET_FIELDS}) for x in sets.take(ref)),
                streams=streams,
            )
            yield r["athlete"], activity, r["created_at"]

    def wellness(self) -> Iterator[tuple[int, Wellness]]:
        for r in self._rows("wellness"):
            yield r["athlete"], Wellness(**{n: r[n] for n, _ in WELLNESS_FIELDS})

    def plans(self) -> Iterator[tuple[int, dt.datetime, bool, str, str]]:
        for r in self._rows("plans"):
            yield r["athlete"], r["created_at"], r["active"], r["format_version"], r["plan_json"]

    def plan_events(self) -> Iterator[tuple[int, dt.date, str, dict[str, Any], dt.datetime]]:
        for r in self._rows("plan_events"):
            yield r["athlete"], r["day"], r["kind"], r["payload"], r["created_at"]
