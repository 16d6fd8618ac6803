"""Value types of the import API: sources, parse results, archive limits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from runstrong.core.model import Activity

MiB = 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One candidate activity file: display ``name`` (``"export.zip:activities/1.fit.gz"``),
    its raw ``data`` (possibly gzip-compressed) and metadata hints from an export index
    (``name``, ``type``, ``description`` …)."""

    name: str
    data: bytes = field(repr=False)
    hint_meta: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceError:
    """A path or archive member that was refused or could not be read, and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class ParseResult:
    """Outcome of parsing one ``Source`` (picklable, for process pools).

    Exactly one of: ``activities`` non-empty; ``skipped_reason`` (readable but
    not an activity); ``error`` (corrupt or unreadable, the decoder's reason).
    """

    name: str
    activities: tuple[Activity, ...] = ()
    skipped_reason: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class ArchiveLimits:
    """Safety caps for reading archives and compressed files (docs/file-formats.md)."""

    max_entries: int = 100_000
    """Members per archive (a 3,000-activity Strava export has about 3,050)."""
    max_total_bytes: int = 8 * 1024 * MiB
    """Uncompressed bytes read from one top-level archive, nested archives included."""
    max_member_bytes: int = 256 * MiB
    """Uncompressed bytes of one member or one gunzipped file."""
    max_ratio: float = 200.0
    """Uncompressed/compressed size of a member (zip bombs reach 1,000:1 and more)."""
    ratio_min_bytes: int = 1 * MiB
    """Members smaller than this are exempt from the ratio check."""
    max_depth: int = 3
    """Archive nesting: 1 = a zip, 2 = a zip inside it (Garmin exports), …"""


DEFAULT_LIMITS = ArchiveLimits()
