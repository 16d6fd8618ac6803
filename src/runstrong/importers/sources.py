"""Walk user-given paths → ``Source`` items (files, folders, zip archives).

Folders are walked recursively in sorted order; inside folders only files
named like activity files (``.fit``, ``.gpx``, ``.tcx``, optionally ``.gz``) and
``.zip`` archives are taken. A file named explicitly is always taken (its
content decides the format). Zip archives are recognised by content.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from runstrong.importers.archive import is_activity_name, iter_archive
from runstrong.importers.detect import ZIP_MAGIC
from runstrong.importers.results import DEFAULT_LIMITS, ArchiveLimits, Source, SourceError


def iter_sources(
    paths: Sequence[Path], limits: ArchiveLimits = DEFAULT_LIMITS
) -> Iterator[Source | SourceError]:
    """Every activity source under ``paths``, in a stable order, plus what was refused."""
    for path in paths:
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                lower = sub.name.lower()
                if is_activity_name(lower) or lower.endswith(".zip"):
                    yield from _file(sub, limits)
        elif path.exists():
            yield from _file(path, limits)
        else:
            yield SourceError(str(path), "no such file or folder")


def _file(path: Path, limits: ArchiveLimits) -> Iterator[Source | SourceError]:
    name = str(path)
    try:
        with path.open("rb") as fh:
            is_zip = fh.read(4) == ZIP_MAGIC
        if is_zip:
            yield from iter_archive(path, name, limits)
            return
        size = path.stat().st_size
        if size > limits.max_member_bytes:
            yield SourceError(
                name,
                f"file is {size} bytes, more than the per-file limit of {limits.max_member_bytes}",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield SourceError(name, f"cannot read file ({exc.strerror or exc})")
        return
    yield Source(name, data)
