"""Reading and parsing sources for an import, in worker processes or in this one.

Workers parse, clean (:mod:`.clean`) and pack each source so the writer only
writes; a file whose content is already stored is not parsed again. Nothing
here touches the database.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from runstrong.core.model import Streams
from runstrong.importers import (
    DEFAULT_LIMITS,
    Budget,
    ParseResult,
    SourceError,
    content_hash,
    inflate_cap,
    iter_sources,
    parse_source,
)
from runstrong.importers.archive import is_activity_name
from runstrong.importers.detect import sniff
from runstrong.services.imports.clean import UnstorableActivity, pack
from runstrong.services.imports.dedup import Richness, richness

if TYPE_CHECKING:
    from runstrong.importers import ArchiveLimits, Source

CHUNK_SOURCES = 8
CHUNK_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Parsed:
    """A parse result whose activities carry no streams, plus their packed streams."""

    result: ParseResult
    blobs: tuple[tuple[int, bytes], ...]
    known_hash: str | None = None
    notes: tuple[str, ...] = ()
    richness: tuple[Richness, ...] = ()
    """How much data each activity carried before its streams were packed."""


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


def _prepare(source: Source, limits: ArchiveLimits) -> Parsed:
    """Parse, clean and pack one source; whatever goes wrong is that file's error."""
    known = _known_hash(source, limits)
    if known is not None:
        return Parsed(ParseResult(source.name, inflated_bytes=known[1]), (), known[0])
    result = parse_source(source, limits)
    notes: list[str] = list(result.warnings)
    try:
        packed = [pack(a, notes) for a in result.activities]
    except (UnstorableActivity, ValueError, TypeError, OverflowError) as exc:
        error = str(exc) if isinstance(exc, UnstorableActivity) else f"{type(exc).__name__}: {exc}"
        return Parsed(replace(result, activities=(), error=f"cannot be stored: {error}"), ())
    light = replace(result, activities=tuple(replace(a, streams=Streams()) for a, _ in packed))
    return Parsed(
        light,
        tuple(blob for _, blob in packed),
        notes=tuple(notes),
        richness=tuple(richness(a) for a, _ in packed),
    )


def parse_chunk(sources: Sequence[Source], limits: ArchiveLimits = DEFAULT_LIMITS) -> list[Parsed]:
    """Worker: parse sources, clean and pack them (so the writer only writes).

    A file whose content is already stored is not parsed again (fast re-imports).
    """
    out: list[Parsed] = []
    for source in sources:
        try:
            out.append(_prepare(source, limits))
        except Exception as exc:  # last line of defence: one file never stops the others
            reason = f"unexpected error ({type(exc).__name__}: {exc})"
            out.append(Parsed(ParseResult(source.name, error=reason), ()))
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
) -> Iterator[Parsed | SourceError]:
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
) -> Iterator[Parsed | SourceError]:
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
        pending: set[Future[list[Parsed]]] = set()
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
