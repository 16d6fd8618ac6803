"""One source → activities: sniff, decode, stamp provenance, apply export metadata.

``parse_bytes`` raises the public errors; ``parse_source`` never raises for
bad input and returns a picklable ``ParseResult`` (for process pools).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping

from runstrong.core.errors import ImportFileError, NotAnActivity
from runstrong.core.model import Activity, Sport
from runstrong.importers._problems import FormatProblem, NotActivityProblem
from runstrong.importers.detect import InflateCap, sniff
from runstrong.importers.fit import parse_fit
from runstrong.importers.gpx import parse_gpx
from runstrong.importers.names import STEP_CADENCE_SPORTS, sport_from_text
from runstrong.importers.results import DEFAULT_LIMITS, ArchiveLimits, ParseResult, Source
from runstrong.importers.strava import is_manual, manual_activity
from runstrong.importers.tcx import parse_tcx

# Sports of one family: a file's specific variant wins over a generic export type.
_FAMILY = {
    Sport.TRAIL_RUNNING: Sport.RUNNING,
    Sport.TREADMILL: Sport.RUNNING,
}


def content_hash(content: bytes) -> str:
    """Dedup key: SHA-256 (hex) of the *decompressed* file content, so ``x.fit``
    and ``x.fit.gz`` are the same file."""
    return hashlib.sha256(content).hexdigest()


def inflate_cap(source: Source, limits: ArchiveLimits = DEFAULT_LIMITS) -> InflateCap:
    """The tightest of the per-file limit, the ratio limit and the import's budget left."""
    options = [
        (limits.max_member_bytes, "per-file limit"),
        (
            int(limits.max_ratio * len(source.data)),
            f"{limits.max_ratio:.0f} times its compressed size",
        ),
    ]
    if source.inflate_allowance is not None:
        options.append(
            (source.inflate_allowance, "what is left of the decompression budget of this import")
        )
    size, label = min(options, key=lambda o: o[0])
    return InflateCap(size, label)


def _parse(
    data: bytes,
    name: str,
    meta: Mapping[str, str] | None,
    cap: InflateCap,
    inflated: list[int],
    warnings: list[str] | None = None,
) -> list[Activity]:
    """Activities of one source; appends the gunzipped size (if any) to ``inflated``
    and what was wrong with a damaged but readable file, or dropped from it as no
    human's reading, to ``warnings``."""
    if not data and is_manual(meta):
        assert meta is not None
        return [dataclasses.replace(manual_activity(meta), source_name=name)]
    detected = sniff(data, cap)
    if detected.gzipped:
        inflated.append(len(detected.content))
    digest = content_hash(detected.content)
    if detected.fmt == "fit":
        acts = parse_fit(detected.content, digest, warnings)
    elif detected.fmt == "gpx":
        acts = parse_gpx(detected.content, warnings)
    else:
        acts = parse_tcx(detected.content, warnings)
    multi = len(acts) > 1
    stamped = [
        dataclasses.replace(
            a,
            source_format=detected.source_format,
            source_name=name,
            source_hash=digest,
            event_id=digest if multi else None,
            leg_index=i,
        )
        for i, a in enumerate(acts)
    ]
    return apply_meta(stamped, meta) if meta else stamped


def apply_meta(acts: list[Activity], meta: Mapping[str, str]) -> list[Activity]:
    """Apply export metadata (``name``, ``description``, ``type``) to parsed activities.

    Name and description replace the file's own. ``type`` changes the sport of a
    single-activity file unless it only names the family of the file's more
    specific sport (file: treadmill, export: Run → stays treadmill).
    """
    sport = sport_from_text(meta.get("type"))
    out = []
    for a in acts:
        changes: dict[str, object] = {}
        if meta.get("name"):
            changes["name"] = meta["name"]
        if meta.get("description"):
            changes["description"] = meta["description"]
        if sport is not None and len(acts) == 1 and _FAMILY.get(a.sport, a.sport) != sport:
            changes["sport"] = sport
            changes["sub_sport"] = a.sub_sport if a.sport is not Sport.OTHER else None
            changes.update(_rescale_cadence(a, sport))
        out.append(dataclasses.replace(a, **changes) if changes else a)  # type: ignore[arg-type]
    return out


def _rescale_cadence(a: Activity, new: Sport) -> dict[str, object]:
    """Keep cadence units consistent when the sport changes between step and rpm sports."""
    was, now = a.sport in STEP_CADENCE_SPORTS, new in STEP_CADENCE_SPORTS
    if was == now:
        return {}
    f = 2.0 if now else 0.5
    cad = a.streams.cadence_spm
    streams = dataclasses.replace(
        a.streams, cadence_spm=tuple(None if c is None else round(c * f) for c in cad)
    )
    laps = tuple(
        dataclasses.replace(
            lap, avg_cadence_spm=None if lap.avg_cadence_spm is None else lap.avg_cadence_spm * f
        )
        for lap in a.laps
    )
    avg = None if a.avg_cadence_spm is None else a.avg_cadence_spm * f
    return {"streams": streams, "laps": laps, "avg_cadence_spm": avg}


def parse_bytes(data: bytes, name: str, meta: Mapping[str, str] | None = None) -> list[Activity]:
    """Parse one activity file (FIT, GPX, TCX, each optionally gzip-compressed).

    Raises ``NotAnActivity`` for readable non-activity files (course, monitoring,
    settings) and ``ImportFileError`` (``"<name>: <reason>"``) for anything else.
    """
    try:
        return _parse(data, name, meta, inflate_cap(Source(name, data)), [])
    except NotActivityProblem as exc:
        raise NotAnActivity(f"{name}: {exc}") from None
    except FormatProblem as exc:
        raise ImportFileError(f"{name}: {exc}") from None
    except (ValueError, TypeError, OverflowError, LookupError, MemoryError, RecursionError) as exc:
        # Last line of defence against hostile input: report, never a traceback.
        raise ImportFileError(f"{name}: unreadable ({type(exc).__name__}: {exc})") from None


def parse_source(source: Source, limits: ArchiveLimits = DEFAULT_LIMITS) -> ParseResult:
    """Parse a ``Source``; bad input becomes ``skipped_reason`` or ``error``, not an exception.

    ``inflated_bytes`` of the result is what gunzipping produced (also when the
    content then failed to parse), for the import's decompression budget.
    """
    inflated: list[int] = []
    warnings: list[str] = []
    name = source.name
    try:
        acts = _parse(
            source.data, name, source.hint_meta, inflate_cap(source, limits), inflated, warnings
        )
    except NotActivityProblem as exc:
        return ParseResult(name, skipped_reason=str(exc), inflated_bytes=sum(inflated))
    except FormatProblem as exc:
        return ParseResult(name, error=str(exc), inflated_bytes=sum(inflated))
    except (ValueError, TypeError, OverflowError, LookupError, MemoryError, RecursionError) as exc:
        return ParseResult(
            name, error=f"unreadable ({type(exc).__name__}: {exc})", inflated_bytes=sum(inflated)
        )
    return ParseResult(
        name, activities=tuple(acts), inflated_bytes=sum(inflated), warnings=tuple(warnings)
    )
