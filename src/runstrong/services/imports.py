"""Bulk import of activity files, folders and export archives into the training log.

Pipeline: ``iter_sources`` reads files and archive members (in this process,
never extracting to disk) → chunks of sources go to a process pool where
``parse_source`` decodes them and the streams are packed for storage → this
process writes the activities in batches, one transaction per batch, each
activity inside a SAVEPOINT so it is stored whole or not at all.

Memory stays bounded: at most ``max_in_flight`` chunks are queued or being
parsed, and a batch is committed every ``batch_size`` activities.

Idempotence: an activity is a duplicate when the athlete already has the same
``(source_hash, leg_index)`` (same file content), or an activity of the same
sport starting within ``DEDUP_TOLERANCE_S`` seconds (the same workout from two
sources, e.g. a Strava export and the watch's own FIT file). The first stored
copy wins; the unique constraint backs the check against concurrent imports.
An interrupted import keeps every committed batch; running it again skips what
is stored and finishes the rest.

One bad file never stops the others (issue 14): each source is parsed,
cleaned (``import_clean``: text shortened to its column, control characters
removed, unstorable numbers dropped, each change noted) and packed on its
own, and each activity is written in its own SAVEPOINT, so a file the
database still refuses is reported as failed and the import goes on. Only a
failure of the import itself (the database unreachable, a bug) stops it.
The decompression ``Budget`` covers the whole import: archives and gzip files.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError, StatementError
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.model import Activity, Sport, Streams
from runstrong.importers import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    Budget,
    ParseResult,
    Source,
    SourceError,
    content_hash,
    inflate_cap,
    iter_sources,
    parse_source,
)
from runstrong.importers.archive import is_activity_name
from runstrong.importers.detect import sniff
from runstrong.services.import_clean import UnstorableActivity, pack, printable
from runstrong.storage import repository as repo

DEDUP_TOLERANCE_S = 5.0
"""Same sport, start within this many seconds: the same activity from another source."""

_SPORT_FAMILY = {
    Sport.TRAIL_RUNNING.value: Sport.RUNNING.value,
    Sport.TREADMILL.value: Sport.RUNNING.value,
}
"""Sports one source may name differently from another (a watch's "running" is a
Strava "Trail Run"): compared as one sport by the cross-source check."""


def _family(sport: str) -> str:
    return _SPORT_FAMILY.get(sport, sport)


CHUNK_SOURCES = 8
CHUNK_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A file (or archive member) that was not imported, and why.

    Both texts are printable: control characters of a hostile file or member
    name are shown as ``\\xNN`` escapes, never sent to a terminal or a database.
    """

    name: str
    reason: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", printable(self.name))
        object.__setattr__(self, "reason", printable(self.reason))


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Counters after each file; ``files_total`` is an estimate made up front (or None)."""

    files_done: int
    files_total: int | None
    imported: int
    duplicates: int


@dataclass
class ImportReport:
    """What an import did. Every file ends up in exactly one of the outcomes."""

    athlete_id: int
    files: int = 0
    imported: int = 0
    duplicates: int = 0
    imported_ids: list[int] = field(default_factory=list)
    not_activities: list[ImportProblem] = field(default_factory=list)
    failed: list[ImportProblem] = field(default_factory=list)
    notes: list[ImportProblem] = field(default_factory=list)
    """What was changed to store an imported file (text shortened, bad samples dropped)."""
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A parse result whose activities carry no streams, plus their packed streams."""

    result: ParseResult
    blobs: tuple[tuple[int, bytes], ...]
    known_hash: str | None = None
    notes: tuple[str, ...] = ()


_KNOWN_HASHES: frozenset[str] = frozenset()


def _set_known_hashes(hashes: frozenset[str]) -> None:
    """Worker initializer: content hashes the athlete already has (skip parsing those)."""
    global _KNOWN_HASHES
    _KNOWN_HASHES = hashes


def _known_hash(source: Source, limits: ArchiveLimits) -> tuple[str, int] | None:
    """The source's content hash and gunzipped size if it is already stored."""
    if not _KNOWN_HASHES:
        return None
    try:
        detected = sniff(source.data, inflate_cap(source, limits))
    except Exception:  # unreadable: let parse_source report it with its reason
        return None
    digest = content_hash(detected.content)
    inflated = len(detected.content) if detected.gzipped else 0
    return (digest, inflated) if digest in _KNOWN_HASHES else None


def _prepare(source: Source, limits: ArchiveLimits) -> _Parsed:
    """Parse, clean and pack one source; whatever goes wrong is that file's error."""
    known = _known_hash(source, limits)
    if known is not None:
        return _Parsed(ParseResult(source.name, inflated_bytes=known[1]), (), known[0])
    result = parse_source(source, limits)
    notes: list[str] = []
    try:
        packed = [pack(a, notes) for a in result.activities]
    except (UnstorableActivity, ValueError, TypeError, OverflowError) as exc:
        error = str(exc) if isinstance(exc, UnstorableActivity) else f"{type(exc).__name__}: {exc}"
        return _Parsed(replace(result, activities=(), error=f"cannot be stored: {error}"), ())
    light = replace(result, activities=tuple(replace(a, streams=Streams()) for a, _ in packed))
    return _Parsed(light, tuple(blob for _, blob in packed), notes=tuple(notes))


def parse_chunk(sources: Sequence[Source], limits: ArchiveLimits = DEFAULT_LIMITS) -> list[_Parsed]:
    """Worker: parse sources, clean and pack them (so the writer only writes).

    A file whose content is already stored is not parsed again (fast re-imports).
    """
    out: list[_Parsed] = []
    for source in sources:
        try:
            out.append(_prepare(source, limits))
        except Exception as exc:  # last line of defence: one file never stops the others
            reason = f"unexpected error ({type(exc).__name__}: {exc})"
            out.append(_Parsed(ParseResult(source.name, error=reason), ()))
    return out


def estimate_file_count(paths: Sequence[Path]) -> int | None:
    """A quick count of candidate files (folders walked, zip members listed) for the ETA."""
    total = 0
    try:
        for path in paths:
            candidates = (
                sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
            )
            for file in candidates:
                lower = file.name.lower()
                if lower.endswith(".zip") and zipfile.is_zipfile(file):
                    with zipfile.ZipFile(file) as archive:
                        total += sum(1 for n in archive.namelist() if is_activity_name(n))
                elif is_activity_name(lower) or not path.is_dir():
                    total += 1
    except Exception:  # only an estimate: a hostile archive is reported by the import itself
        return None
    return total


def _chunks(items: Iterable[Source | SourceError]) -> Iterator[list[Source] | SourceError]:
    chunk: list[Source] = []
    size = 0
    for item in items:
        if isinstance(item, SourceError):
            yield item
            continue
        chunk.append(item)
        size += len(item.data)
        if len(chunk) >= CHUNK_SOURCES or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def parse_sources(
    paths: Sequence[Path],
    limits: ArchiveLimits,
    workers: int,
    max_in_flight: int,
    known_hashes: frozenset[str] = frozenset(),
) -> Iterator[_Parsed | SourceError]:
    """Parsed sources as they complete (in-process when ``workers`` is 0).

    Every byte gunzipped by a worker is charged to the import's one ``Budget``.
    """
    budget = Budget(limits)
    for item in _parse_pieces(
        _chunks(iter_sources(paths, limits, budget)), limits, workers, max_in_flight, known_hashes
    ):
        if not isinstance(item, SourceError):
            budget.charge(item.result.inflated_bytes)
        yield item


def _parse_pieces(
    pieces: Iterator[list[Source] | SourceError],
    limits: ArchiveLimits,
    workers: int,
    max_in_flight: int,
    known_hashes: frozenset[str],
) -> Iterator[_Parsed | SourceError]:
    if workers == 0:
        _set_known_hashes(known_hashes)
        try:
            for piece in pieces:
                yield from (
                    [piece] if isinstance(piece, SourceError) else parse_chunk(piece, limits)
                )
        finally:
            _set_known_hashes(frozenset())
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_set_known_hashes, initargs=(known_hashes,)
    ) as pool:
        pending: set[Future[list[_Parsed]]] = set()
        try:
            for piece in pieces:
                if isinstance(piece, SourceError):
                    yield piece
                    continue
                pending.add(pool.submit(parse_chunk, piece, limits))
                while len(pending) >= max_in_flight:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in done:
                        yield from future.result()
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield from future.result()
        finally:
            for future in pending:
                future.cancel()


class _Deduper:
    """The stored keys of one athlete, kept up to date as the import writes."""

    def __init__(self, session: Session, athlete_id: int) -> None:
        self.hashes, by_sport = repo.import_keys(session, athlete_id)
        self.starts: dict[str, list[tuple[float, int]]] = {}
        for sport, starts in by_sport.items():
            self.starts.setdefault(_family(sport), []).extend(starts)
        for starts in self.starts.values():
            starts.sort()
        self.legs_per_hash: dict[str, int] = {}
        for digest, _leg in self.hashes:
            self.legs_per_hash[digest] = self.legs_per_hash.get(digest, 0) + 1

    def same_file(self, activity: Activity) -> bool:
        """Already stored from the same file content (hash and leg)."""
        return activity.source_hash is not None and (
            (activity.source_hash, activity.leg_index) in self.hashes
        )

    def same_workout(self, activity: Activity) -> int | None:
        """Id of a stored activity of the same sport starting within the tolerance, if any."""
        starts = self.starts.get(_family(activity.sport.value), [])
        t = activity.start.timestamp()
        i = bisect.bisect_left(starts, (t - DEDUP_TOLERANCE_S, -1))
        if i < len(starts) and starts[i][0] <= t + DEDUP_TOLERANCE_S:
            return starts[i][1]
        return None

    def add(self, activity: Activity, activity_id: int) -> None:
        if activity.source_hash is not None:
            self.hashes.add((activity.source_hash, activity.leg_index))
        bisect.insort(
            self.starts.setdefault(_family(activity.sport.value), []),
            (activity.start.timestamp(), activity_id),
        )


def import_paths(
    factory: sessionmaker[Session],
    paths: Sequence[Path],
    *,
    athlete_id: int,
    now: dt.datetime,
    workers: int | None = None,
    batch_size: int = 200,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    on_progress: Callable[[ImportProgress], None] | None = None,
    files_total: int | None = None,
) -> ImportReport:
    """Import every activity under ``paths`` for the athlete; see the module docstring.

    ``workers`` defaults to the number of CPUs (0 parses in this process).
    """
    started = time.perf_counter()
    n_workers = (os.cpu_count() or 1) if workers is None else workers
    report = ImportReport(athlete_id=athlete_id)
    with factory() as session:
        dedup = _Deduper(session, athlete_id)
        session.commit()  # end the read transaction: each batch below starts afresh
        in_batch = 0
        try:
            known = frozenset(dedup.legs_per_hash)
            for item in parse_sources(paths, limits, n_workers, max(2, n_workers * 3), known):
                report.files += 1
                if isinstance(item, SourceError):
                    report.failed.append(ImportProblem(item.name, item.reason))
                else:
                    in_batch += _store(session, item, dedup, athlete_id, now, report)
                if in_batch >= batch_size:
                    session.commit()
                    in_batch = 0
                if on_progress is not None:
                    on_progress(
                        ImportProgress(
                            report.files, files_total, report.imported, report.duplicates
                        )
                    )
            session.commit()
        except BaseException:
            session.rollback()
            raise
    report.seconds = time.perf_counter() - started
    return report


def _store(
    session: Session,
    parsed: _Parsed,
    dedup: _Deduper,
    athlete_id: int,
    now: dt.datetime,
    report: ImportReport,
) -> int:
    """Write one parsed file's activities; returns how many were written."""
    result = parsed.result
    if parsed.known_hash is not None:
        report.duplicates += dedup.legs_per_hash.get(parsed.known_hash, 1)
        return 0
    if result.error is not None:
        report.failed.append(ImportProblem(result.name, result.error))
        return 0
    if result.skipped_reason is not None:
        report.not_activities.append(ImportProblem(result.name, result.skipped_reason))
        return 0
    written = 0
    refused: list[str] = []
    for activity, blob in zip(result.activities, parsed.blobs, strict=True):
        if dedup.same_file(activity):
            report.duplicates += 1
            continue
        twin = dedup.same_workout(activity)
        if twin is not None:
            # The same workout from another source: keep the stored one, but take the
            # name and description it lacks (e.g. from a Strava export's activities.csv).
            _fill_text(session, twin, activity)
            report.duplicates += 1
            continue
        try:
            activity_id = repo.add_activity(
                session, athlete_id, activity, now=now, stream_blob=blob
            )
        except IntegrityError:  # stored meanwhile by a concurrent import
            report.duplicates += 1
            continue
        except StatementError as exc:
            if isinstance(exc, OperationalError | InterfaceError):
                raise  # the database itself failed: the import cannot go on
            # Refused by the database (a value it cannot hold): nothing of it was
            # written (SAVEPOINT), the other activities and files go on.
            refused.append(_refusal(activity, exc))
            continue
        dedup.add(activity, activity_id)
        report.imported += 1
        report.imported_ids.append(activity_id)
        written += 1
    if refused:
        report.failed.append(ImportProblem(result.name, "; ".join(refused)))
    report.notes.extend(ImportProblem(result.name, note) for note in parsed.notes)
    return written


def _fill_text(session: Session, twin: int, activity: Activity) -> None:
    """Give the stored twin the name/description it lacks (never fails the import)."""
    try:
        with session.begin_nested():
            repo.fill_activity_text(
                session, twin, name=activity.name, description=activity.description
            )
    except StatementError as exc:
        if isinstance(exc, OperationalError | InterfaceError):
            raise


def _refusal(activity: Activity, exc: StatementError) -> str:
    detail = str(exc.orig if exc.orig is not None else exc).strip().splitlines()[0][:300]
    leg = f"leg {activity.leg_index + 1} " if activity.event_id else ""
    return f"{leg}refused by the database ({detail})"
