"""Zip archives (Strava and Garmin Connect bulk exports, or any zip of files).

Members are read into memory with ``zipfile`` — nothing is ever extracted to
disk — under the caps of ``ArchiveLimits`` and the import's ``Budget``. Unsafe
members (absolute paths, ``..``, encrypted, over a cap) are reported as
``SourceError`` and skipped. An archive whose entries overlap (several entries
sharing compressed data: the "better zip bomb" construction, which Python 3.11's
``zipfile`` does not detect) is refused whole before any member is inflated.

* Strava export: ``activities.csv`` (see ``strava.py``) links ``Filename`` →
  name, type, description; rows without a file (manual entries) become
  sources with empty data whose ``hint_meta`` carries the whole summary.
* Garmin Connect export: nested ``UploadedFiles_*.zip`` archives are walked;
  ``*_summarizedActivities.json`` entries are linked to FIT uploads whose
  ``file_id.time_created`` lies within ``GARMIN_LINK_TOLERANCE_S`` of the
  summary's ``startTimeGmt`` (layout not yet checked against a real export).
* Any other zip: every activity file inside, nested zips included.
"""

from __future__ import annotations

import bisect
import io
import json
import math
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from runstrong.importers import _fitdecoder as fd
from runstrong.importers.results import ArchiveLimits, Budget, Source, SourceError
from runstrong.importers.strava import StravaIndex, parse_activities_csv

ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx", ".fit.gz", ".gpx.gz", ".tcx.gz")
GARMIN_LINK_TOLERANCE_S = 60
_GARMIN_MAX_START_MS = 4_102_444_800_000
"""2100-01-01 in ms since 1970: later (or negative, NaN, infinite) summary starts are refused."""
_LOCAL_HEADER_BYTES = 30


def is_activity_name(member: str) -> bool:
    return member.lower().endswith(ACTIVITY_SUFFIXES)


def unsafe_reason(member: str) -> str | None:
    """Why a member path is refused, or None when it is a plain relative path."""
    if member.startswith(("/", "\\")) or (len(member) > 1 and member[1] == ":"):
        return "absolute member path refused"
    parts = member.replace("\\", "/").split("/")
    if ".." in parts:
        return "member path with '..' refused (path traversal)"
    if "\0" in member:
        return "member path with a NUL byte refused"
    return None


def iter_archive(
    data: bytes | Path,
    name: str,
    limits: ArchiveLimits,
    depth: int = 1,
    budget: Budget | None = None,
    summaries: list[tuple[int, dict[str, str]]] | None = None,
) -> Iterator[Source | SourceError]:
    """Sources inside one zip archive (``name`` is its display name).

    ``data`` is the archive's bytes (nested archives) or its path (top level:
    ``zipfile`` then reads members straight from the file, so a large export
    is never held in memory whole).

    ``summaries`` are Garmin activity summaries found in an enclosing archive
    (the uploads sit in nested zips, the summaries next to them). ``budget`` is
    the import's decompression budget (a new one for this archive alone if None).
    """
    try:
        if budget is None:
            size = data.stat().st_size if isinstance(data, Path) else len(data)
            budget = Budget(limits, read_bytes=size)
        zf = zipfile.ZipFile(data if isinstance(data, Path) else io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        yield SourceError(name, f"not a readable zip archive ({exc})")
        return
    refusal = _archive_refusal(zf, infos, limits, budget)
    if refusal is not None:
        zf.close()
        yield SourceError(name, refusal)
        return
    with zf:
        csv_member, strava = _strava_index(zf, infos, limits, budget)
        found, problems = _garmin_summaries(zf, infos, limits, budget)
        for member, problem in problems:
            yield SourceError(f"{name}:{member}", problem)
        garmin = sorted((summaries or []) + found, key=lambda e: e[0])
        for info in infos:
            member = info.filename
            if info.is_dir():
                continue
            shown = f"{name}:{member}"
            reason = unsafe_reason(member)
            if reason is not None:
                yield SourceError(shown, reason)
                continue
            lower = member.lower()
            is_zip = lower.endswith(".zip")
            if not is_zip and not is_activity_name(lower):
                continue
            if is_zip and depth >= limits.max_depth:
                yield SourceError(shown, f"nested archive deeper than {limits.max_depth} levels")
                continue
            content = _read(zf, info, limits, budget)
            if isinstance(content, str):
                yield SourceError(shown, content)
                continue
            if is_zip:
                yield from iter_archive(content, shown, limits, depth + 1, budget, garmin)
                continue
            meta = strava.files.get(posixpath.normpath(member))
            if meta is None and garmin:
                meta = _link_garmin(content, garmin)
            yield Source(shown, content, meta or {}, inflate_allowance=budget.allowance())
        for row in strava.manual:  # manual entries: no file, the row is the activity
            yield Source(f"{name}:{csv_member}#{row['strava_activity_id']}", b"", row)


def _archive_refusal(
    zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: ArchiveLimits, budget: Budget
) -> str | None:
    """Why the whole archive is refused (entry count, overlap, budget), or None."""
    if len(infos) > limits.max_entries:
        return f"archive has {len(infos)} entries, more than the limit of {limits.max_entries}"
    overlap = overlap_reason(infos, zf.start_dir)
    if overlap is not None:
        return overlap
    # Members refused on their own (ratio, size) do not count: they never stop the others.
    declared = sum(
        i.file_size for i in infos if _is_read(i.filename) and _member_refusal(i, limits) is None
    )
    if budget.refusal(declared) is None:
        return None
    return (
        f"archive expands to {declared} bytes, more than the {budget.allowance()} bytes left "
        f"of the limit of {budget.limit_text()}"
    )


def _is_read(member: str) -> bool:
    """Members this module inflates (activity files, nested zips, export indexes)."""
    lower = member.lower()
    return (
        is_activity_name(lower)
        or lower.endswith((".zip", "summarizedactivities.json"))
        or posixpath.basename(member) == "activities.csv"
    )


def overlap_reason(infos: list[zipfile.ZipInfo], central_start: int) -> str | None:
    """Refuse entries whose byte ranges overlap (Python 3.11's ``zipfile`` does not).

    An entry spans from its local header offset over the 30-byte header, its
    name and its compressed data; the next entry (by offset) must start after
    that, and the last one must end before the central directory. The local
    extra field is left out of the span, so the test never refuses a sound zip.
    """
    previous: zipfile.ZipInfo | None = None
    end = 0
    for info in sorted(infos, key=lambda i: i.header_offset):
        if previous is not None and info.header_offset < end:
            return (
                f"entries {previous.filename!r} and {info.filename!r} overlap at byte "
                f"{info.header_offset}: overlapping zip entries are refused (possible zip "
                "bomb; every entry must have its own data)"
            )
        encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
        raw_name = info.orig_filename.encode(encoding, "replace")
        span = info.header_offset + _LOCAL_HEADER_BYTES + len(raw_name) + info.compress_size
        if span > end:
            previous, end = info, span
    if previous is not None and end > central_start:
        return (
            f"entry {previous.filename!r} runs into the central directory at byte "
            f"{central_start}: overlapping zip entries are refused (possible zip bomb)"
        )
    return None


def _member_refusal(info: zipfile.ZipInfo, limits: ArchiveLimits) -> str | None:
    """Why one member is refused on its own (encryption, size, ratio), or None."""
    if info.flag_bits & 0x1:
        return "encrypted member refused"
    if info.file_size > limits.max_member_bytes:
        return (
            f"member is {info.file_size} bytes uncompressed, more than the per-file limit "
            f"of {limits.max_member_bytes}"
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if ratio > limits.max_ratio:
        return (
            f"compression ratio {ratio:.0f}:1 exceeds the limit of {limits.max_ratio:.0f}:1 "
            "(possible zip bomb)"
        )
    return None


def _read(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: ArchiveLimits, budget: Budget
) -> bytes | str:
    """Member bytes, or the reason they are refused (every member, small or large)."""
    refusal = _member_refusal(info, limits) or budget.refusal(info.file_size)
    if refusal is not None:
        return refusal
    try:
        with zf.open(info) as fh:
            content = fh.read(limits.max_member_bytes + 1)
    except (
        zipfile.BadZipFile,
        zlib.error,
        NotImplementedError,
        EOFError,
        OSError,
        ValueError,
    ) as exc:
        return f"unreadable member ({exc})"
    if len(content) > limits.max_member_bytes:  # pragma: no cover - zipfile stops at file_size
        return f"member is larger than the per-file limit of {limits.max_member_bytes}"
    budget.charge(len(content))
    return content


def _strava_index(
    zf: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    limits: ArchiveLimits,
    budget: Budget,
) -> tuple[str, StravaIndex]:
    """The shallowest ``activities.csv`` (member name, parsed index)."""
    csvs = [
        i
        for i in infos
        if posixpath.basename(i.filename) == "activities.csv" and unsafe_reason(i.filename) is None
    ]
    if not csvs:
        return "", StravaIndex()
    info = min(csvs, key=lambda i: i.filename.count("/"))
    raw = _read(zf, info, limits, budget)
    if isinstance(raw, str):
        return info.filename, StravaIndex()
    text = raw.decode("utf-8-sig", "replace")
    return info.filename, parse_activities_csv(text, posixpath.dirname(info.filename))


def _garmin_summaries(
    zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: ArchiveLimits, budget: Budget
) -> tuple[list[tuple[int, dict[str, str]]], list[tuple[str, str]]]:
    """Sorted (start epoch s, meta) from Garmin ``*summarizedActivities.json`` members,
    and (member, problem) for summaries that could not be used."""
    out: list[tuple[int, dict[str, str]]] = []
    problems: list[tuple[str, str]] = []
    for info in infos:
        if not info.filename.endswith("summarizedActivities.json"):
            continue
        if unsafe_reason(info.filename) is not None:
            continue
        raw = _read(zf, info, limits, budget)
        if isinstance(raw, str):
            problems.append((info.filename, raw))
            continue
        try:
            doc = json.loads(raw)
        except (ValueError, RecursionError):
            problems.append((info.filename, "not readable JSON: activity summaries ignored"))
            continue
        bad: list[str] = []
        out.extend(_garmin_entries(doc, bad))
        if bad:
            problems.append((info.filename, _bad_starts(bad)))
    out.sort(key=lambda e: e[0])
    return out, problems


def _bad_starts(bad: list[str]) -> str:
    shown = ", ".join(bad[:3]) + (f" and {len(bad) - 3} more" if len(bad) > 3 else "")
    return (
        f"{len(bad)} activity summaries ignored: startTimeGmt {shown} is not a time "
        "(allowed: milliseconds since 1970, before 2100)"
    )


def _garmin_entries(doc: object, bad: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Usable summaries; the ``startTimeGmt`` of unusable ones is appended to ``bad``."""
    blocks = doc if isinstance(doc, list) else [doc]
    for block in blocks:
        items = block.get("summarizedActivitiesExport") if isinstance(block, dict) else None
        if not isinstance(items, list):
            continue
        for item in items:
            if not isinstance(item, dict) or item.get("parent") is True:
                continue
            start = item.get("startTimeGmt") or item.get("beginTimestamp")
            if not isinstance(start, int | float) or isinstance(start, bool):
                continue
            if not (math.isfinite(start) and 0 <= start < _GARMIN_MAX_START_MS):
                bad.append(repr(start)[:40])
                continue
            meta = {"garmin_activity_id": str(item.get("activityId", ""))[:64]}
            for src, key in (
                ("name", "name"),
                ("activityType", "type"),
                ("description", "description"),
            ):
                value = item.get(src)
                if isinstance(value, str) and value.strip():
                    meta[key] = value.strip()
            out_meta = {k: v for k, v in meta.items() if v}
            yield int(start // 1000), out_meta


def _link_garmin(
    content: bytes, summaries: list[tuple[int, dict[str, str]]]
) -> dict[str, str] | None:
    """Summary whose start is within the tolerance of the FIT ``time_created``."""
    file_id = fd.peek_file_id(content)
    created = file_id.get(4) if file_id else None
    if not isinstance(created, int):
        return None
    ts = created + fd.FIT_EPOCH_S
    starts = [s for s, _ in summaries]
    i = bisect.bisect_left(starts, ts - GARMIN_LINK_TOLERANCE_S)
    best: tuple[int, dict[str, str]] | None = None
    while i < len(summaries) and summaries[i][0] <= ts + GARMIN_LINK_TOLERANCE_S:
        if best is None or abs(summaries[i][0] - ts) < abs(best[0] - ts):
            best = summaries[i]
        i += 1
    return dict(best[1]) if best else None
