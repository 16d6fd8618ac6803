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
    inflate_allowance: int | None = None
    """What is left of the import's decompression budget when the source was read
    (caps gunzipping it in a worker process); None: only the per-file caps apply."""


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
    inflated_bytes: int = 0
    """Bytes produced by gunzipping the source (charged to the import's ``Budget``)."""
    warnings: tuple[str, ...] = ()
    """What was wrong with a damaged file whose readable part was imported (beside
    ``activities``), e.g. a FIT file with a wrong CRC or cut short, and the readings
    dropped from it because no human produces them (255 bpm, 65,535 W)."""


@dataclass(frozen=True)
class ArchiveLimits:
    """Safety caps for reading archives and compressed files (docs/file-formats.md).

    The byte and ratio budgets cover *one import* (every path, archive, nested
    archive, member and gzip file of it together), not each archive.
    """

    max_entries: int = 100_000
    """Members per archive (a 3,000-activity Strava export has about 3,050)."""
    max_total_bytes: int = 8 * 1024 * MiB
    """Uncompressed bytes inflated by one import: zip members and gzip files together."""
    max_member_bytes: int = 64 * MiB
    """Uncompressed bytes of one member or one gunzipped file. Real activity files
    are far smaller (a 24-hour GPX at one point a second is about 25 MB); the cap
    keeps a worker's memory under ~100 MB whatever the file."""
    max_ratio: float = 200.0
    """Uncompressed/compressed size of every member and gzip file, small or large
    (zip bombs reach 1,000:1 and more; activity files compress 3-20:1)."""
    ratio_min_bytes: int = 1 * MiB
    """Slack of the whole-import ratio: one import may inflate at most
    ``max_ratio`` times the bytes it read from disk plus this much."""
    max_depth: int = 3
    """Archive nesting: 1 = a zip, 2 = a zip inside it (Garmin exports), …"""


DEFAULT_LIMITS = ArchiveLimits()


@dataclass
class Budget:
    """The decompression budget of one import (issue 14: not per archive).

    ``read_bytes`` counts the bytes read from the user's files; ``inflated_bytes``
    every byte produced by inflating a zip member or a gzip file at any depth.
    The import may inflate at most ``max_total_bytes``, and at most ``max_ratio``
    times what it read (plus ``ratio_min_bytes``), so a small upload cannot
    expand into gigabytes through many members, nesting or overlapping data.
    """

    limits: ArchiveLimits = DEFAULT_LIMITS
    read_bytes: int = 0
    inflated_bytes: int = 0

    def allowance(self) -> int:
        """Bytes that may still be inflated."""
        lim = self.limits
        by_ratio = int(lim.max_ratio * self.read_bytes) + lim.ratio_min_bytes
        return max(0, min(lim.max_total_bytes, by_ratio) - self.inflated_bytes)

    def limit_text(self) -> str:
        """The binding limit, in words (for refusal messages)."""
        lim = self.limits
        by_ratio = int(lim.max_ratio * self.read_bytes) + lim.ratio_min_bytes
        if by_ratio < lim.max_total_bytes:
            return (
                f"{by_ratio} uncompressed bytes for the {self.read_bytes} bytes this import "
                f"read ({lim.max_ratio:.0f}:1 over the whole import; possible zip bomb)"
            )
        return f"{lim.max_total_bytes} uncompressed bytes for one import"

    def refusal(self, size: int) -> str | None:
        """Why inflating ``size`` more bytes is refused, or None when it fits."""
        if size <= self.allowance():
            return None
        return (
            f"inflating {size} more bytes would pass the limit of {self.limit_text()} "
            f"(this import has inflated {self.inflated_bytes} bytes so far)"
        )

    def charge(self, size: int) -> None:
        """Record ``size`` inflated bytes."""
        self.inflated_bytes += size
