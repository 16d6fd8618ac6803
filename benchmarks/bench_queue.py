"""Benchmark of the PostgreSQL job queue (procrastinate, ``runstrong.web.job_queue``).

Measures on a fresh schema of a PostgreSQL database:

1. deferring: ``--jobs`` committed ``jobs`` rows handed to procrastinate one
   by one, as the web does after each upload: jobs per second;
2. throughput: those jobs drained by one burst worker with ``--concurrency``
   (procrastinate fetch, our ``run_job`` in a thread, finish): jobs per second;
3. wake-up latency: jobs deferred one at a time to an idle worker that polls
   only every 2 s: time from commit to handler start (p50/max), which shows
   that ``LISTEN/NOTIFY`` and not polling wakes it.

Usage::

    .venv/bin/python benchmarks/bench_queue.py \\
        [--url postgresql+psycopg://postgres@127.0.0.1:5432/rs_bench] [--jobs 500] [--concurrency 4]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import threading
import time
import uuid
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from runstrong.services.jobs import JobContext, create_job, handler
from runstrong.storage.db import make_engine, make_session_factory
from runstrong.storage.migrate import upgrade
from runstrong.web.job_queue import QueueJobRunner, QueueOptions, serve

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
            ids = [
                create_job(db, "bench.noop", athlete_id=None, user_id=None, payload={}).id
                for _ in range(args.jobs)
            ]
        deferring = QueueJobRunner(factory, threads=0)
        t0 = time.perf_counter()
        for job_id in ids:
            deferring.submit(job_id)
        elapsed = time.perf_counter() - t0
        deferring.shutdown()
        print(
            f"defer: {len(ids)} jobs one by one: {elapsed:.2f} s, {len(ids) / elapsed:.0f} jobs/s"
        )

        options = QueueOptions(poll_s=2.0)
        t0 = time.perf_counter()
        asyncio.run(
            serve(factory, name="bench", concurrency=args.concurrency, options=options, wait=False)
        )
        elapsed = time.perf_counter() - t0
        done = len(STARTED)
        print(
            f"throughput: {done} no-op jobs, concurrency {args.concurrency}: "
            f"{elapsed:.2f} s, {done / elapsed:.0f} jobs/s"
        )

        idle = QueueJobRunner(factory, threads=1, options=options)
        waits: list[float] = []
        for i in range(args.latency_jobs + 1):
            with factory() as db, db.begin():
                job_id = create_job(db, "bench.noop", athlete_id=None, user_id=None, payload={}).id
            committed = time.perf_counter()
            idle.submit(job_id)
            deadline = committed + 10
            while job_id not in STARTED and time.perf_counter() < deadline:
                time.sleep(0.001)
            if i == 0:  # the first submit starts the worker: not a wake-up
                time.sleep(1.0)
                continue
            waits.append((STARTED.get(job_id, deadline) - committed) * 1000)
            time.sleep(0.05)
        idle.shutdown()
        print(
            f"wake-up latency (idle worker polling every 2 s, NOTIFY on defer): "
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
