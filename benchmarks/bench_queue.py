"""Benchmark of the PostgreSQL job queue (``runstrong.web.queue``).

Measures on a fresh schema of a PostgreSQL database:

1. throughput: ``--jobs`` no-op jobs enqueued at once, drained by one worker
   process with ``--concurrency`` threads (claim with ``SKIP LOCKED``,
   heartbeat thread, conditional finish): jobs per second;
2. wake-up latency: jobs enqueued one at a time (with ``NOTIFY``) to an idle
   worker that polls only every 2 s: time from commit to handler start
   (p50/max), which shows that ``LISTEN/NOTIFY`` and not polling wakes it.

Usage::

    .venv/bin/python benchmarks/bench_queue.py \\
        [--url postgresql+psycopg://postgres@127.0.0.1:5432/rs_bench] [--jobs 500] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading
import time
import uuid
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from runstrong.storage.db import make_engine, make_session_factory
from runstrong.storage.migrate import upgrade
from runstrong.web.jobs import JobContext, create_job, handler
from runstrong.web.queue import QueuePolicy, notify
from runstrong.web.queue_worker import QueueWorker

STARTED: dict[int, float] = {}


@handler("bench.noop")
def noop_job(ctx: JobContext) -> dict[str, Any]:
    STARTED[ctx.job_id] = time.perf_counter()
    return {"ok": True}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url",
        default=os.environ.get("RUNSTRONG_TEST_DATABASE_URL"),
        help="PostgreSQL URL of a scratch database (default: RUNSTRONG_TEST_DATABASE_URL)",
    )
    parser.add_argument("--jobs", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--latency-jobs", type=int, default=30)
    args = parser.parse_args()
    if not args.url or not args.url.startswith("postgresql"):
        print("skipped: the job queue needs PostgreSQL (--url or RUNSTRONG_TEST_DATABASE_URL)")
        return
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = (
        make_url(args.url)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )
    engine = make_engine(url)
    try:
        upgrade(engine)
        factory = make_session_factory(engine)
        with factory() as db, db.begin():
            for _ in range(args.jobs):
                create_job(db, "bench.noop", athlete_id=None, user_id=None, payload={})
        worker = QueueWorker(
            factory, concurrency=args.concurrency, policy=QueuePolicy(lease_s=30, poll_s=2.0)
        )
        t0 = time.perf_counter()
        done = worker.run(burst=True)
        elapsed = time.perf_counter() - t0
        print(
            f"throughput: {done} no-op jobs, {args.concurrency} threads: "
            f"{elapsed:.2f} s, {done / elapsed:.0f} jobs/s"
        )

        idle = QueueWorker(factory, concurrency=1, policy=QueuePolicy(lease_s=30, poll_s=2.0))
        idle.start()
        time.sleep(1.0)  # let the LISTEN connection open
        waits: list[float] = []
        for _ in range(args.latency_jobs):
            with factory() as db, db.begin():
                job_id = create_job(db, "bench.noop", athlete_id=None, user_id=None, payload={}).id
            committed = time.perf_counter()
            notify(factory)
            deadline = committed + 10
            while job_id not in STARTED and time.perf_counter() < deadline:
                time.sleep(0.001)
            waits.append((STARTED.get(job_id, deadline) - committed) * 1000)
            time.sleep(0.05)
        idle.stop()
        idle.join()
        print(
            f"wake-up latency (idle worker polling every 2 s, NOTIFY on enqueue): "
            f"p50 {statistics.median(waits):.1f} ms, max {max(waits):.1f} ms "
            f"over {len(waits)} jobs"
        )
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    threading.current_thread().name = "bench"
    main()
