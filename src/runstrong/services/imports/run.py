"""``import_paths``: the import use case (parse in workers, write in batches here)."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.errors import RunstrongError
from runstrong.importers import DEFAULT_LIMITS, ArchiveLimits, SourceError
from runstrong.services.imports.dedup import Deduper
from runstrong.services.imports.parse import parse_sources
from runstrong.services.imports.report import ImportProblem, ImportProgress, ImportReport
from runstrong.services.imports.store import store
from runstrong.storage import repository as repo

CommitGuard = Callable[[Session], str | None]
"""Asked inside each batch's transaction just before it commits: None lets the batch
commit; a reason stops the import (the batch is rolled back, see :class:`ImportCancelled`)."""


class ImportCancelled(RunstrongError):
    """The commit guard stopped the import: the open batch was rolled back, so nothing of
    it is stored; the batches committed before it stay (``stored`` activities)."""

    def __init__(self, reason: str, stored: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.stored = stored


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
    commit_guard: CommitGuard | None = None,
) -> ImportReport:
    """Import every activity under ``paths`` for the athlete; see the module docstring.

    ``workers`` defaults to the number of CPUs (0 parses in this process).
    ``commit_guard`` is asked before each batch commits (a job re-checks that its
    user still has access to the athlete); a reason raises :class:`ImportCancelled`.
    """
    started = time.perf_counter()
    n_workers = (os.cpu_count() or 1) if workers is None else workers
    report = ImportReport(athlete_id=athlete_id)
    stored = 0  # activities written by the batches committed so far

    def commit(session: Session) -> None:
        nonlocal stored
        if commit_guard is not None and session.in_transaction():
            reason = commit_guard(session)
            if reason is not None:
                raise ImportCancelled(reason, stored)  # rolled back below
        session.commit()
        stored = report.imported + report.replaced

    with factory() as session:
        dedup = Deduper(session, athlete_id)
        session.commit()  # end the read transaction: each batch below starts afresh
        in_batch = 0
        try:
            known = frozenset(dedup.legs_per_hash)
            for item in parse_sources(paths, limits, n_workers, max(2, n_workers * 3), known):
                report.files += 1
                if isinstance(item, SourceError):
                    report.failed.append(ImportProblem(item.name, item.reason))
                else:
                    if item.result.activities and not session.in_transaction():
                        # Each batch decides duplicates on committed data: see .dedup.
                        repo.lock_for_import(session, athlete_id)
                    in_batch += store(session, item, dedup, athlete_id, now, report)
                if in_batch >= batch_size:
                    commit(session)
                    in_batch = 0
                if on_progress is not None:
                    on_progress(
                        ImportProgress(
                            report.files, files_total, report.imported, report.duplicates
                        )
                    )
            commit(session)
        except BaseException:
            session.rollback()
            raise
    report.seconds = time.perf_counter() - started
    return report
