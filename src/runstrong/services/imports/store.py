"""Writing one parsed file's activities: dedup, SAVEPOINT per activity, outcomes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError, StatementError
from sqlalchemy.orm import Session

from runstrong.core.model import Activity
from runstrong.services.imports.dedup import Deduper
from runstrong.services.imports.parse import Parsed
from runstrong.services.imports.report import ImportProblem, ImportReport
from runstrong.storage import repository as repo


def store(
    session: Session,
    parsed: Parsed,
    dedup: Deduper,
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
