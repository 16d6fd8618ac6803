"""Walk user-given paths → ``Source`` items (files, folders, zip archives).

Folders are walked recursively in sorted order; inside folders only files
named like activity files (``.fit``, ``.gpx``, ``.tcx``, optionally ``.gz``) and
``.zip`` archives are taken. A file named explicitly is always taken (its
content decides the format). Zip archives are recognised by content.

One ``Budget`` covers every path of the call: the bytes read from disk are
counted here, the bytes inflated from archives in ``archive.py``, and gzip
files (inflated later, in a worker) carry what is left in
``Source.inflate_allowance``; the caller charges what they really produced.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from runstrong.importers.archive import is_activity_name, iter_archive
from runstrong.importers.detect import ZIP_MAGIC
from runstrong.importers.results import (
    DEFAULT_LIMITS,
    ArchiveLimits,
    Budget,
    Source,
    SourceError,
)


def iter_sources(
    paths: Sequence[Path], limits: ArchiveLimits = DEFAULT_LIMITS, budget: Budget | None = None
) -> Iterator[Source | SourceError]:
    """Every activity source under ``paths``, in a stable order, plus what was refused.

    ``budget`` is the decompression budget of the whole import (a new one if None).
    """
    budget = Budget(limits) if budget is None else budget
    for path in paths:
        if path.is_dir():
            for sub in sorted(p for p in path.rglob("*") if p.is_file()):
                lower = sub.name.lower()
                if is_activity_name(lower) or lower.endswith(".zip"):
                    yield from _file(sub, limits, budget)
        elif path.exists():
            yield from _file(path, limits, budget)
        else:
            yield SourceError(str(path), "no such file or folder")


def _file(path: Path, limits: ArchiveLimits, budget: Budget) -> Iterator[Source | SourceError]:
    name = str(path)
    try:
        with path.open("rb") as fh:
            is_zip = fh.read(4) == ZIP_MAGIC
        size = path.stat().st_size
        if is_zip:
            budget.read_bytes += size
            yield from iter_archive(path, name, limits, budget=budget)
            return
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
    budget.read_bytes += len(data)
    yield Source(name, data, inflate_allowance=budget.allowance())
