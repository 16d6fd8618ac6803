"""The background jobs themselves: import uploaded files, re-plan a squad.

Each handler is registered by kind in :data:`runstrong.services.jobs.HANDLERS`
when this module is imported; the runners (:mod:`runstrong.web.job_queue`)
import it. Handlers run *at least once*: a job whose worker died is run again
from the start, so each must be safe to repeat (imports deduplicate by
content hash; a re-plan stores the same plan again).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from runstrong.core.athlete import Athlete
from runstrong.core.errors import ProfileError, RunstrongError
from runstrong.services.imports import (
    ImportCancelled,
    ImportProblem,
    ImportReport,
    estimate_file_count,
    import_paths,
)
from runstrong.services.jobs import (
    JobCancelled,
    JobContext,
    access_lost_reason,
    handler,
    may_act_for,
)
from runstrong.services.plan_store import BuildFailure, attempt_plan, store_plan
from runstrong.services.profile import load_stored_profile
from runstrong.storage.db import transaction
from runstrong.storage.tables import AthleteRow

IMPORT_BATCH_SIZE = 200
"""Activities an import job commits at a time (each commit re-checks access)."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _remove_upload(payload: dict[str, Any]) -> None:
    """A cancelled import's uploaded files are not kept."""
    shutil.rmtree(Path(str(payload["dir"])), ignore_errors=True)


@handler("import", on_cancel=_remove_upload)
def import_job(ctx: JobContext) -> dict[str, Any]:
    """Import the uploaded files of ``payload["dir"]`` into the athlete's log."""
    folder = Path(str(ctx.payload["dir"]))
    if ctx.athlete_id is None:
        raise RunstrongError("an import job needs an athlete")
    if not folder.is_dir():
        raise RunstrongError(
            f"the uploaded files of this job are gone ({folder} does not exist on this "
            "machine); RUNSTRONG_SPOOL_DIR must be a folder every worker can read"
        )
    paths = sorted(p for p in folder.iterdir() if p.is_file())
    total = estimate_file_count(paths)
    ctx.progress(0, total)
    athlete_id, user_id = ctx.athlete_id, ctx.user_id

    def still_allowed(db: Session) -> str | None:
        """Issue 14: at each commit, the user who queued the import must still have access."""
        if user_id is None or may_act_for(db, user_id, athlete_id, lock=True):
            return None
        return "access ended"

    try:
        report = import_paths(
            ctx.factory,
            paths,
            athlete_id=athlete_id,
            now=_now(),
            workers=0,
            batch_size=IMPORT_BATCH_SIZE,
            files_total=total,
            on_progress=lambda p: ctx.progress(p.files_done, p.files_total or p.files_done),
            commit_guard=still_allowed,
        )
    except ImportCancelled as stop:
        assert user_id is not None  # only the guard raises it
        kept = (
            f"{stop.stored} activit{'y' if stop.stored == 1 else 'ies'} imported by earlier "
            "batches, while the access lasted, stay in the log"
            if stop.stored
            else "no activity of this import was stored"
        )
        raise JobCancelled(
            access_lost_reason(user_id, athlete_id, kept), {"stored": stop.stored}
        ) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    ctx.progress(report.files, report.files)
    return import_result(report, folder)


MAX_NOTES = 1000
"""Notes kept in a job's result (a big archive can have one per activity)."""


def import_result(report: ImportReport, folder: Path) -> dict[str, Any]:
    """The job's result: the counts and the per-file lists the CLI prints, notes included.

    File names are shown as uploaded (``run.fit``): without the spool folders of this
    server and without the upload's index that the spool puts before each name
    (``0000-run.fit``, so that two uploads of one name do not overwrite each other).
    """
    spool = re.compile(
        re.escape(str(folder.parent) + os.sep) + r"[0-9a-f]{32}" + re.escape(os.sep) + r"(?:\d+-)?"
    )

    def listed(problems: list[ImportProblem]) -> list[list[str]]:
        return [[spool.sub("", p.name), spool.sub("", p.reason)] for p in problems]

    return {
        "files": report.files,
        "imported": report.imported,
        "duplicates": report.duplicates,
        "replaced": report.replaced,
        "imported_ids": report.imported_ids[:500],
        "not_activities": listed(report.not_activities),
        "failed": listed(report.failed),
        "notes": listed(report.notes[:MAX_NOTES]),
        "notes_left_off": max(0, len(report.notes) - MAX_NOTES),
    }


NO_ACCESS = "not re-planned: you no longer have access to this athlete"
ACCESS_ENDED = (
    "not re-planned: your access to this athlete ended while the plan was being built; "
    "the new plan was not stored (the athlete keeps the current one)"
)


@handler("replan")
def replan_job(ctx: JobContext) -> dict[str, Any]:
    """Rebuild, from ``payload["start"]``, the plan of every athlete in ``payload["athlete_ids"]``
    (each in its own transaction, so one athlete's failure does not undo the others).

    The plan is built outside any transaction; storing it re-checks, inside the
    write transaction, that the user still has access (issue 14), else stores nothing.
    """
    ids = [int(i) for i in ctx.payload.get("athlete_ids", [])]
    start = dt.date.fromisoformat(str(ctx.payload["start"]))
    results: list[dict[str, Any]] = []
    ctx.progress(0, len(ids))
    for done, athlete_id in enumerate(ids, start=1):
        with ctx.factory() as db:
            row = db.get(AthleteRow, athlete_id)
            if row is None:
                continue
            name = row.name
            allowed = ctx.user_id is None or may_act_for(db, ctx.user_id, athlete_id)
            broken: str | None = None
            try:
                loaded = load_stored_profile(row.profile_toml)
            except ProfileError as exc:  # the message names the field to fix
                loaded, broken = None, str(exc)
        if not allowed:
            message = NO_ACCESS  # access ended after the job was queued
        elif broken is not None:
            message = broken
        elif loaded is None:
            message = "no valid profile: complete it in Settings first"
        else:
            message = _replan_one(ctx, athlete_id, loaded[1], start)
        results.append({"athlete_id": athlete_id, "athlete": name, "message": message})
        ctx.progress(done, len(ids))
    return {"athletes": results}


def _replan_one(ctx: JobContext, athlete_id: int, athlete: Athlete, start: dt.date) -> str:
    """Build one athlete's plan, then store it if the user still has access at the commit."""
    outcome = attempt_plan(athlete, start)
    if isinstance(outcome, BuildFailure):
        return f"Profile saved, but no plan could be built: {outcome.reason}"
    with transaction(ctx.factory) as db:
        if ctx.user_id is not None and not may_act_for(db, ctx.user_id, athlete_id, lock=True):
            return ACCESS_ENDED
        return store_plan(db, athlete_id, outcome, now=_now())
