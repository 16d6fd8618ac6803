"""Plain JSON-ready values from the coach's and the statistics' dataclasses.

``jsonable`` turns dataclasses, enums, dates, tuples, sets and non-finite floats
into dicts, strings, lists and ``None``; the CLI's ``--json`` and the web API
print what it returns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
from collections.abc import Mapping
from typing import Any

from runstrong.core.model import PlannedSession
from runstrong.services.coach import TodayReport


def jsonable(value: Any) -> Any:
    """A JSON-serialisable copy of ``value`` (NaN and infinities become None)."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, bool | int | str):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(jsonable(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(jsonable(v) for v in value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return str(value)


def session_dict(s: PlannedSession) -> dict[str, Any]:
    """A session as plain values (the plan format's field names)."""
    out: dict[str, Any] = jsonable(s)
    return out


def today_dict(report: TodayReport) -> dict[str, Any]:
    """``runstrong today --json``: the report with readiness and changes up front."""
    body: dict[str, Any] = jsonable(report)
    body["changes"] = [jsonable(c) for c in report.changes]
    return body
