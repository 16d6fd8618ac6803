"""Fuzzing the import service at scale: the CI fuzz harness with thousands of inputs.

Runs ``tests/importers/import_fuzz.py`` (hostile mutations of the real sample
files, each imported before a good file into a fresh athlete) on a fresh
SQLite database and, when ``RUNSTRONG_TEST_DATABASE_URL`` (or ``--pg URL``)
names a PostgreSQL database, on a fresh schema there too.

Prints, per database: inputs, activities imported, files failed, not
activities, files stored with notes, and the defects found (crashes, runs over
10 s, good files missing, half-written activities) — the floor is 0 of each.
Usage: python benchmarks/bench_fuzz_import.py [N_INPUTS] [--seed S] [--pg URL] [--no-sqlite]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from runstrong.storage.db import make_engine, make_session_factory
from runstrong.storage.migrate import upgrade

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "importers"))
from import_fuzz import FuzzOutcome, fuzz_inputs, run_fuzz


def _run(label: str, url: str, count: int, seed: int) -> FuzzOutcome:
    engine = make_engine(url)
    upgrade(engine)
    with tempfile.TemporaryDirectory(prefix="rs-fuzz-") as work:
        started = time.perf_counter()
        outcome = run_fuzz(make_session_factory(engine), fuzz_inputs(count, seed), Path(work))
        seconds = time.perf_counter() - started
    engine.dispose()
    defects = outcome.defects()
    print(
        f"{label:<10} inputs {outcome.inputs:>5}  imported {outcome.imported:>5}  "
        f"failed files {outcome.failed:>5}  not activities {outcome.not_activities:>4}  "
        f"stored with notes {outcome.noted:>4}  slowest {outcome.slowest_s:5.2f} s  "
        f"total {seconds:6.1f} s",
        flush=True,
    )
    print(
        f"{'':<10} crashes {len(outcome.crashes)}  hangs {len(outcome.hangs)}  "
        f"good files missing {len(outcome.good_missing)}  "
        f"half-written {len(outcome.half_written)}   (floor: 0 each)"
    )
    print(f"{'':<10} slowest: {outcome.slowest}", flush=True)
    for defect in defects[:20]:
        print(f"  DEFECT {defect[:400]}")
    return outcome


def _pg_schema(admin_url: str) -> tuple[str, str]:
    schema = f"fuzz_{uuid.uuid4().hex[:10]}"
    with create_engine(admin_url).begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(admin_url).update_query_dict({"options": f"-csearch_path={schema}"})
    return schema, url.render_as_string(hide_password=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--pg", default=os.environ.get("RUNSTRONG_TEST_DATABASE_URL"))
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    args = parser.parse_args()
    print(f"fuzzing the import service: {args.count} inputs per database, seed {args.seed}")
    defects = 0
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory(prefix="rs-fuzz-db-") as folder:
            outcome = _run("sqlite", f"sqlite:///{folder}/fuzz.sqlite3", args.count, args.seed)
            defects += len(outcome.defects())
    if args.pg:
        schema, url = _pg_schema(args.pg)
        try:
            defects += len(_run("postgresql", url, args.count, args.seed).defects())
        finally:
            with create_engine(args.pg).begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    else:
        print("postgresql skipped: set RUNSTRONG_TEST_DATABASE_URL or pass --pg URL")
    return 1 if defects else 0


if __name__ == "__main__":
    sys.exit(main())
