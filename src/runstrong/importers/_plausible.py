"""Dropping sensor readings no human can produce, with a count for the import report.

Every format reads heart rate, cadence and power as plain numbers, so a converter's
"no value" pattern (255 bpm, 65,535 W), a strap without contact (0 bpm) or a flipped
bit (0xFF00 = 65,280 W) would be stored as data and averaged into the summary. The
importers pass each channel and summary value through one ``Dropped`` per file
before they compute averages; the limits are ``core.science.plausibility``'s
``SensorRange``s. What was dropped becomes one line per channel in the report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from runstrong.core.model import Lap
from runstrong.core.science.plausibility import (
    HEART_RATE_RANGE,
    POWER_RANGE,
    SensorRange,
    cadence_range,
)

_SHOWN = 3


def _number(value: float) -> str:
    return f"{value:g}"


def _values_text(values: Sequence[float]) -> str:
    distinct = sorted(set(values))
    shown = ", ".join(_number(v) for v in distinct[:_SHOWN])
    return shown + (", …" if len(distinct) > _SHOWN else "")


@dataclass
class Dropped:
    """Readings dropped from one file (all its activities), per sensor range."""

    samples: dict[SensorRange, list[float]] = field(default_factory=dict)
    summaries: list[str] = field(default_factory=list)

    def channel(self, values: Sequence[int | None], limits: SensorRange) -> list[int | None]:
        """``values`` with the samples outside ``limits`` made missing (and counted)."""
        present = [v for v in values if v is not None]  # min/max in C: the common case
        if not present or (limits.low <= min(present) and max(present) <= limits.high):
            return list(values)
        lo, hi = limits.low, limits.high
        self.samples.setdefault(limits, []).extend(v for v in present if not lo <= v <= hi)
        return [v if v is None or lo <= v <= hi else None for v in values]

    def value(self, value: float | None, limits: SensorRange, what: str) -> float | None:
        """A summary value (``what``: "lap 2 average power"), None when outside ``limits``."""
        if value is None or limits.holds(value):
            return value
        self.summaries.append(f"{what} {_number(value)} {limits.unit}")
        return None

    def heart_rate(self, value: float | None, what: str) -> float | None:
        return self.value(value, HEART_RATE_RANGE, f"{what} heart rate")

    def cadence(self, value: float | None, steps: bool, what: str) -> float | None:
        return self.value(value, cadence_range(steps), f"{what} cadence")

    def power(self, value: float | None, what: str) -> float | None:
        return self.value(value, POWER_RANGE, f"{what} power")

    def lap(self, lap: Lap, index: int, steps: bool) -> Lap:
        """``lap`` (the ``index``-th, from 0) without the values no human produces."""
        what = f"lap {index + 1} "
        checked = dataclasses.replace(
            lap,
            avg_hr_bpm=self.heart_rate(lap.avg_hr_bpm, f"{what}average"),
            max_hr_bpm=self.heart_rate(lap.max_hr_bpm, f"{what}maximum"),
            avg_cadence_spm=self.cadence(lap.avg_cadence_spm, steps, f"{what}average"),
            avg_power_w=self.power(lap.avg_power_w, f"{what}average"),
        )
        return lap if checked == lap else checked

    def notes(self) -> list[str]:
        """One line per channel with dropped samples, then one for summary values."""
        out = []
        for limits, bad in self.samples.items():
            n = len(bad)
            out.append(
                f"{n} {limits.label} sample{'s' if n != 1 else ''} out of range dropped "
                f"({_values_text(bad)} {limits.unit}; allowed {_number(limits.low)} to "
                f"{_number(limits.high)} {limits.unit})"
            )
        if self.summaries:
            n = len(self.summaries)
            shown = ", ".join(self.summaries[:_SHOWN]) + (", …" if n > _SHOWN else "")
            out.append(f"{n} summary value{'s' if n != 1 else ''} out of range dropped ({shown})")
        return out

    def report(self, warnings: list[str] | None) -> None:
        """Append :meth:`notes` to ``warnings`` (when the caller collects them)."""
        if warnings is not None:
            warnings.extend(self.notes())
