"""The background jobs themselves: import uploaded files, re-plan a squad.

Each handler is registered by kind in :data:`runstrong.web.jobs.HANDLERS`
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

from runstrong.core.errors import ProfileError, RunstrongError
from runstrong.services.imports import (
    ImportProblem,
    ImportReport,
    estimate_file_count,
    import_paths,
)
from runstrong.services.plan_store import build_and_store_plan
from runstrong.storage.tables import AthleteRow
from runstrong.web.jobs import JobContext, handler, may_act_for
from runstrong.web.profile_form import load_profile


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
    try:
        report = import_paths(
            ctx.factory,
            paths,
            athlete_id=ctx.athlete_id,
            now=_now(),
            workers=0,
            files_total=total,
            on_progress=lambda p: ctx.progress(p.files_done, p.files_total or p.files_done),
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    ctx.progress(report.files, report.files)
    return import_result(report, folder)


MAX_NOTES = 1000
"""Notes kept in a job's result (a big archive can have one per activity)."""


def import_result(report: ImportReport, folder: Path) -> dict[str, Any]:
    """The job's result: the counts and the per-file lists the CLI prints, notes included.

    File names are shown as uploaded (``0000-run.fit``), without the spool
    folders of this server.
    """
    spool = re.compile(re.escape(str(folder.parent) + os.sep) + r"[0-9a-f]{32}" + re.escape(os.sep))

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


def _rebuild_one(db: Session, athlete_id: int, profile_toml: str | None, start: dt.date) -> str:
    """Rebuild one athlete's plan; the message says why not when the profile is missing
    or broken (naming the field)."""
    try:
        loaded = load_profile(profile_toml)
    except ProfileError as exc:
        return str(exc)
    if loaded is None:
        return "no valid profile: complete it in Settings first"
    return build_and_store_plan(db, athlete_id, loaded[1], start, now=_now())


@handler("replan")
def replan_job(ctx: JobContext) -> dict[str, Any]:
    """Rebuild, from ``payload["start"]``, the plan of every athlete in ``payload["athlete_ids"]``
    (each in its own transaction, so one athlete's failure does not undo the others)."""
    ids = [int(i) for i in ctx.payload.get("athlete_ids", [])]
    start = dt.date.fromisoformat(str(ctx.payload["start"]))
    results: list[dict[str, Any]] = []
    ctx.progress(0, len(ids))
    for done, athlete_id in enumerate(ids, start=1):
        with ctx.factory() as db, db.begin():
            row = db.get(AthleteRow, athlete_id)
            if row is None:
                continue
            if ctx.user_id is not None and not may_act_for(db, ctx.user_id, athlete_id):
                message = NO_ACCESS  # access ended after the job was queued
            else:
                message = _rebuild_one(db, athlete_id, row.profile_toml, start)
            results.append({"athlete_id": athlete_id, "athlete": row.name, "message": message})
        ctx.progress(done, len(ids))
    return {"athletes": results}
