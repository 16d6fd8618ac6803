"""Activity files → ``core.model.Activity``: FIT, GPX, TCX (each optionally
gzip-compressed), and zip archives such as Strava and Garmin Connect exports.

Public API (see docs/file-formats.md):

* ``iter_sources(paths, limits, budget)`` — walk files, folders and zip archives
  (read in memory, never extracted) → ``Source`` or ``SourceError``;
* ``parse_source(source)`` → picklable ``ParseResult`` (never raises for bad input);
* ``parse_bytes(data, name, meta)`` → ``list[Activity]``, raising
  ``ImportFileError`` / ``NotAnActivity``.

This package must never write files, touch the database or read the clock.
"""

from __future__ import annotations

from runstrong.core.errors import ImportFileError, NotAnActivity
from runstrong.importers.parse import content_hash, inflate_cap, parse_bytes, parse_source
from runstrong.importers.results import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    Budget,
    ParseResult,
    Source,
    SourceError,
)
from runstrong.importers.sources import iter_sources

__all__ = [
    "DEFAULT_LIMITS",
    "ArchiveLimits",
    "Budget",
    "ImportFileError",
    "NotAnActivity",
    "ParseResult",
    "Source",
    "SourceError",
    "content_hash",
    "inflate_cap",
    "iter_sources",
    "parse_bytes",
    "parse_source",
]
