"""A job handler for the queue tests: slow, observable, deterministic.

``test.steps`` appends ``start <job> <pid>`` and ``end <job> <pid>`` lines to
the file ``payload["log"]`` (one ``write`` each, so lines from several
processes never interleave), reports progress after every step, and returns
the sum of the step numbers. Imported by the worker subprocesses of
``test_queue_pg.py`` before they start ``runstrong worker``.
"""

from __future__ import annotations

import os
import time
from typing import Any

from runstrong.services.jobs import JobContext, handler


def _append(path: str, line: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode())
    finally:
        os.close(fd)


@handler("test.steps")
def steps_job(ctx: JobContext) -> dict[str, Any]:
    steps = int(ctx.payload["steps"])
    step_s = float(ctx.payload["step_s"])
    log_path = str(ctx.payload["log"])
    _append(log_path, f"start {ctx.job_id} {os.getpid()}")
    total = 0
    for i in range(1, steps + 1):
        time.sleep(step_s)
        total += i
        if not ctx.payload.get("quiet"):  # progress also renews the lease; quiet jobs rely
            ctx.progress(i, steps)  # on the heartbeat thread alone
    _append(log_path, f"end {ctx.job_id} {os.getpid()}")
    return {"steps": steps, "sum": total}
