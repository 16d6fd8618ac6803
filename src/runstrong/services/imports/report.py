"""What an import reports: per-file problems and notes, progress, and the totals."""

from __future__ import annotations

from dataclasses import dataclass, field

from runstrong.services.imports.clean import printable


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
    """Copies not stored: the same file, or a poorer copy of a stored workout."""
    replaced: int = 0
    """Copies stored in place of a poorer stored copy of the same workout (same row id)."""
    imported_ids: list[int] = field(default_factory=list)
    not_activities: list[ImportProblem] = field(default_factory=list)
    failed: list[ImportProblem] = field(default_factory=list)
    notes: list[ImportProblem] = field(default_factory=list)
    """What was changed to store an imported file (text shortened, bad samples dropped),
    what was wrong with a damaged file whose readable part was imported (a FIT file
    with a wrong CRC or cut short), and for each copy of a workout stored twice,
    which copy was kept and why."""
    seconds: float = 0.0
