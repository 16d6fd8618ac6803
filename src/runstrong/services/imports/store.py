"""Writing one parsed file's activities: dedup, SAVEPOINT per activity, outcomes."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError, StatementError
from sqlalchemy.orm import Session

from runstrong.core.model import Activity
from runstrong.services.imports.dedup import Deduper, keeps_first, richness, why_kept
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
    for index, (activity, blob) in enumerate(zip(result.activities, parsed.blobs, strict=True)):
        if dedup.same_file(activity):
            report.duplicates += 1
            continue
        try:
            twin = dedup.same_workout(session, activity)
            if twin is not None:
                written += _keep_one(session, parsed, index, twin, now, report)
                dedup.add(activity)
                continue
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
        dedup.add(activity)
        report.imported += 1
        report.imported_ids.append(activity_id)
        written += 1
    if refused:
        report.failed.append(ImportProblem(result.name, "; ".join(refused)))
    report.notes.extend(ImportProblem(result.name, note) for note in parsed.notes)
    return written


def _keep_one(
    session: Session,
    parsed: Parsed,
    index: int,
    twin: repo.StoredTwin,
    now: dt.datetime,
    report: ImportReport,
) -> int:
    """Of the stored twin and this file's copy of one workout, keep the richer one
    (the rule of :mod:`.dedup`); returns 1 when this copy was written in its place."""
    activity = parsed.result.activities[index]
    mine = parsed.richness[index]
    theirs = richness(repo.get_activity(session, twin.activity_id, with_streams=True).activity)
    other = f"activity {twin.activity_id} (from {twin.source_name or 'another file'})"
    apart = abs((twin.start_utc - activity.start).total_seconds())
    same = f"the same {activity.sport.value} workout, starting {apart:.0f} s apart"
    kept_stored = keeps_first(theirs, twin.source_hash, mine, activity.source_hash or "")
    if kept_stored:
        # Keep the stored copy, but take the name and description it lacks
        # (e.g. from a Strava export's activities.csv).
        _fill_text(session, twin.activity_id, activity)
        report.duplicates += 1
        note = (
            f"duplicate, not stored: {same} as {other}; kept that copy "
            f"({theirs.describe()}) over this file ({mine.describe()}): "
            f"{why_kept(theirs, mine, 'that copy', 'this file')}"
        )
    else:
        repo.replace_activity(
            session, twin.activity_id, activity, now=now, stream_blob=parsed.blobs[index]
        )
        report.replaced += 1
        note = (
            f"stored in place of {other}, {same}: kept this file ({mine.describe()}) "
            f"over that copy ({theirs.describe()}): "
            f"{why_kept(mine, theirs, 'this file', 'that copy')}; that copy is now the duplicate"
        )
    report.notes.append(ImportProblem(parsed.result.name, note))
    return 0 if kept_stored else 1


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
