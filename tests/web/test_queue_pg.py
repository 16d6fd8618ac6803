"""The PostgreSQL job queue: claiming, leases, take-over after a killed worker.

The PostgreSQL tests skip unless ``RUNSTRONG_TEST_DATABASE_URL`` is set; each
run gets its own schema. Worker subprocesses run ``runstrong worker`` with the
``test.steps`` handler of ``queue_handlers.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import queue_handlers  # noqa: F401  (registers the test.steps handler in this process)
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from runstrong import cli
from runstrong.core.errors import InputError
from runstrong.storage import repository
from runstrong.storage.db import make_engine, make_session_factory
from runstrong.storage.migrate import upgrade
from runstrong.storage.tables import JobRow
from runstrong.web.jobs import DONE, FAILED, QUEUED, RUNNING, ThreadJobRunner, create_job
from runstrong.web.queue import (
    ATTEMPTS_KEY,
    QueuePolicy,
    claim_next,
    execute,
    finish,
)
from runstrong.web.queue_worker import QueueJobRunner, QueueWorker, make_job_runner
from runstrong.web.settings import WebSettings

PG_ENV = "RUNSTRONG_TEST_DATABASE_URL"
HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
NO_PG = f"no PostgreSQL: set {PG_ENV} to run it"
needs_pg = pytest.mark.skipif(not os.environ.get(PG_ENV), reason=NO_PG)


# ---------------------------------------------------------------------------
# Without PostgreSQL: runner selection and the worker's refusal on SQLite
# ---------------------------------------------------------------------------


def test_sqlite_keeps_the_in_process_runner(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    factory = make_session_factory(engine)
    runner = make_job_runner(factory, "auto", 2)
    assert isinstance(runner, ThreadJobRunner)
    runner.shutdown()
    with pytest.raises(InputError) as info:
        make_job_runner(factory, "queue", 2)
    assert str(info.value) == (
        "job runner 'queue' needs PostgreSQL; this database is sqlite (use 'auto' or 'thread')"
    )
    engine.dispose()


def test_worker_refuses_sqlite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", f"sqlite:///{tmp_path / 'w.sqlite3'}")
    assert cli.run(["worker", "--burst"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: runstrong worker needs a PostgreSQL database; RUNSTRONG_DATABASE_URL points "
        "to sqlite (with SQLite the web app runs jobs itself)"
    )


def test_job_runner_settings_come_from_the_environment() -> None:
    env = {"RUNSTRONG_JOB_RUNNER": "external", "RUNSTRONG_JOB_THREADS": "4"}
    settings = WebSettings.from_env(env)
    assert (settings.job_runner, settings.job_threads) == ("external", 4)


def test_policy_rejects_nonsense() -> None:
    with pytest.raises(InputError) as info:
        QueuePolicy(max_attempts=0)
    assert str(info.value) == "max attempts 0 must be at least 1"


# ---------------------------------------------------------------------------
# PostgreSQL fixtures
# ---------------------------------------------------------------------------


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A freshly migrated schema of the test PostgreSQL database, dropped afterwards."""
    if not os.environ.get(PG_ENV):
        pytest.skip(NO_PG)
    schema = f"q_{uuid.uuid4().hex[:12]}"
    admin = create_engine(os.environ[PG_ENV])
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = (
        make_url(os.environ[PG_ENV])
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def factory(pg_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(pg_url)
    yield make_session_factory(engine)
    engine.dispose()


def enqueue(factory: sessionmaker[Session], payloads: list[dict[str, Any]]) -> list[int]:
    with factory() as db, db.begin():
        rows = [
            create_job(db, "test.steps", athlete_id=None, user_id=None, payload=p) for p in payloads
        ]
        return [r.id for r in rows]


def job(factory: sessionmaker[Session], job_id: int) -> JobRow:
    with factory() as db:
        row = db.get(JobRow, job_id)
        assert row is not None
        return row


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
        time.sleep(0.05)


def log_lines(path: Path) -> list[tuple[str, int, int]]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text().splitlines():
        event, job_id, pid = line.split()
        out.append((event, int(job_id), int(pid)))
    return out


class Worker:
    """A ``runstrong worker`` subprocess with the test handler loaded."""

    def __init__(self, url: str, name: str, tmp: Path, *extra: str) -> None:
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]); import queue_handlers; "
            "from runstrong.cli import run; sys.exit(run(sys.argv[2:]))"
        )
        args = ["worker", "--name", name, "--lease-seconds", "1.5", "--poll-seconds", "0.1"]
        env = {**os.environ, "RUNSTRONG_DATABASE_URL": url, "COLUMNS": "200"}
        self.name = name
        self.out = tmp / f"{name}.out"
        self._out_file = self.out.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, str(HERE), *args, *extra],
            env=env,
            stdout=self._out_file,
            stderr=subprocess.STDOUT,
        )

    def ready(self) -> bool:
        return f"runstrong worker {self.name}" in self.out.read_text()

    def stop(self, sig: int = signal.SIGTERM, timeout_s: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        code = self.proc.wait(timeout_s)
        self._out_file.close()
        return code


@pytest.fixture
def workers(pg_url: str, tmp_path: Path) -> Iterator[Callable[..., Worker]]:
    started: list[Worker] = []

    def start(name: str, *extra: str) -> Worker:
        worker = Worker(pg_url, name, tmp_path, *extra)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.proc.poll() is None:
            worker.proc.kill()
            worker.proc.wait(10)
        if not worker._out_file.closed:
            worker._out_file.close()


# ---------------------------------------------------------------------------
# In-process: claiming and leases
# ---------------------------------------------------------------------------


@needs_pg
def test_concurrent_claims_never_share_a_job(factory: sessionmaker[Session]) -> None:
    ids = enqueue(factory, [{"n": i} for i in range(40)])
    policy = QueuePolicy(lease_s=60)
    claimed: list[int] = []
    lock = threading.Lock()

    def claimer(name: str) -> None:
        while (claim := claim_next(factory, name, policy)) is not None:
            with lock:
                claimed.append(claim.job_id)

    threads = [threading.Thread(target=claimer, args=(f"w{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(claimed) == sorted(ids)  # every job once, none twice
    with factory() as db:
        rows = db.scalars(select(JobRow)).all()
    assert {r.status for r in rows} == {RUNNING}
    assert all(r.payload[ATTEMPTS_KEY] == 1 for r in rows)


@needs_pg
def test_expired_lease_is_taken_over_and_attempts_are_bounded(
    factory: sessionmaker[Session],
) -> None:
    (job_id,) = enqueue(factory, [{"n": 1}])
    policy = QueuePolicy(lease_s=10, max_attempts=2)
    start = dt.datetime.now(dt.UTC)
    first = claim_next(factory, "a", policy, now=lambda: start)
    assert first is not None and first.attempt == 1
    assert first.payload == {"n": 1}  # the attempt counter is not the handler's business
    # Within the lease nobody else may take it.
    assert claim_next(factory, "b", policy, now=lambda: start + dt.timedelta(seconds=9)) is None
    # After it, b takes over; a's late outcome is discarded, b's is kept.
    later = start + dt.timedelta(seconds=11)
    second = claim_next(factory, "b", policy, now=lambda: later)
    assert second is not None and (second.job_id, second.attempt) == (job_id, 2)
    assert not finish(factory, job_id, "a", status=DONE, result={"by": "a"}, error=None)
    assert job(factory, job_id).worker == "b"
    # b dies too: a third claim gives up, since max_attempts is 2.
    much_later = later + dt.timedelta(seconds=11)
    assert claim_next(factory, "c", policy, now=lambda: much_later) is None
    row = job(factory, job_id)
    assert (row.status, row.result) == (FAILED, None)
    assert row.error == (
        "the job was interrupted 2 times (its worker stopped answering); it was not started again"
    )


@needs_pg
def test_execute_records_result_and_handler_errors(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    log = tmp_path / "log.txt"
    ok, bad = enqueue(
        factory,
        [
            {"steps": 3, "step_s": 0.0, "log": str(log)},
            {"steps": "three", "step_s": 0.0, "log": str(log)},
        ],
    )
    policy = QueuePolicy(lease_s=5)
    for _ in range(2):
        claim = claim_next(factory, "me", policy)
        assert claim is not None
        assert execute(factory, claim, "me", policy)
    good = job(factory, ok)
    assert (good.status, good.result, good.progress, good.total) == (
        DONE,
        {"steps": 3, "sum": 6},
        3,
        3,
    )
    failed = job(factory, bad)
    assert failed.status == FAILED
    assert failed.error == "The job failed unexpectedly; the error was logged."


@needs_pg
def test_web_runner_helps_run_jobs(factory: sessionmaker[Session], tmp_path: Path) -> None:
    runner = make_job_runner(factory, "auto", 2)
    assert isinstance(runner, QueueJobRunner)
    (job_id,) = enqueue(factory, [{"steps": 2, "step_s": 0.01, "log": str(tmp_path / "l")}])
    runner.submit(job_id)
    wait_until(lambda: job(factory, job_id).status == DONE, 20, "the web threads to run the job")
    runner.shutdown()
    assert job(factory, job_id).result == {"steps": 2, "sum": 3}
    external = make_job_runner(factory, "external", 2)
    (other,) = enqueue(factory, [{"steps": 1, "step_s": 0.0, "log": str(tmp_path / "l")}])
    external.submit(other)
    time.sleep(0.5)
    assert job(factory, other).status == QUEUED  # external: only workers run jobs
    external.shutdown()


# ---------------------------------------------------------------------------
# Worker processes
# ---------------------------------------------------------------------------


@needs_pg
def test_killed_worker_job_finishes_once_elsewhere(
    factory: sessionmaker[Session], workers: Callable[..., Worker], tmp_path: Path
) -> None:
    log = tmp_path / "events.txt"
    (job_id,) = enqueue(factory, [{"steps": 15, "step_s": 0.2, "log": str(log)}])
    first = workers("first")
    wait_until(lambda: job(factory, job_id).progress >= 2, 60, "the first worker to get going")
    first.proc.send_signal(signal.SIGKILL)
    assert first.proc.wait(10) == -signal.SIGKILL
    row = job(factory, job_id)
    assert (row.status, row.worker) == (RUNNING, "first")
    assert row.progress < 15  # killed mid-job

    second = workers("second")
    wait_until(lambda: job(factory, job_id).status == DONE, 60, "the second worker to finish")
    assert second.stop() == 0
    row = job(factory, job_id)
    assert row.worker == "second"
    assert row.result == {"steps": 15, "sum": 120}
    assert row.payload[ATTEMPTS_KEY] == 2
    events = log_lines(log)
    starts = [pid for event, _, pid in events if event == "start"]
    ends = [pid for event, _, pid in events if event == "end"]
    assert starts == [first.proc.pid, second.proc.pid]
    assert ends == [second.proc.pid]  # finished exactly once, by the second worker


@needs_pg
def test_two_workers_never_run_the_same_job(
    factory: sessionmaker[Session], workers: Callable[..., Worker], tmp_path: Path
) -> None:
    log = tmp_path / "events.txt"
    pool = [workers("left", "--concurrency", "2"), workers("right", "--concurrency", "2")]
    for w in pool:
        wait_until(w.ready, 60, f"worker {w.name} to start")
    ids = enqueue(factory, [{"steps": 3, "step_s": 0.05, "log": str(log)} for _ in range(24)])
    with factory() as db, db.begin():
        db.execute(text("SELECT pg_notify('runstrong_jobs', '')"))

    def all_done() -> bool:
        with factory() as db:
            statuses = db.scalars(select(JobRow.status).where(JobRow.id.in_(ids))).all()
        return set(statuses) == {DONE}

    wait_until(all_done, 60, "all 24 jobs to finish")
    assert [w.stop() for w in pool] == [0, 0]
    events = log_lines(log)
    started = Counter(job_id for event, job_id, _ in events if event == "start")
    assert started == Counter(dict.fromkeys(ids, 1))  # each job ran exactly once
    by_worker = Counter(pid for event, _, pid in events if event == "start")
    assert set(by_worker) == {w.proc.pid for w in pool}  # and both shared the load
    with factory() as db:
        rows = db.scalars(select(JobRow).where(JobRow.id.in_(ids))).all()
    assert all(r.result == {"steps": 3, "sum": 6} for r in rows)
    assert {r.worker for r in rows} == {"left", "right"}


@needs_pg
def test_worker_runs_real_imports_idempotently(
    factory: sessionmaker[Session], workers: Callable[..., Worker], tmp_path: Path
) -> None:
    """The import handler through ``runstrong worker``: the same files twice import once."""
    now = dt.datetime.now(dt.UTC)
    with factory() as db, db.begin():
        athlete_id = repository.add_athlete(db, "Queue Runner", now=now).id
    fit_files = sorted((DATA / "activities" / "FITfileR").glob("*.fit"))[:2]
    ids = []
    for copy in ("first", "second"):
        spool = tmp_path / "spool" / copy
        spool.mkdir(parents=True)
        for f in fit_files:
            shutil.copyfile(f, spool / f.name)
        with factory() as db, db.begin():
            ids.append(
                create_job(
                    db, "import", athlete_id=athlete_id, user_id=None, payload={"dir": str(spool)}
                ).id
            )
    worker = workers("importer", "--burst", "--concurrency", "1")
    assert worker.proc.wait(120) == 0, worker.out.read_text()
    first, second = job(factory, ids[0]), job(factory, ids[1])
    assert (first.status, second.status) == (DONE, DONE)
    assert first.result is not None and second.result is not None
    assert first.result["files"] == second.result["files"] == 2
    assert first.result["imported"] >= 2 and first.result["failed"] == []
    assert (second.result["imported"], second.result["duplicates"]) == (
        0,
        first.result["imported"],
    )
    with factory() as db:
        assert repository.count_activities(db, athlete_id) == first.result["imported"]
    assert not (tmp_path / "spool" / "first").exists()  # the handler cleans its spool


@needs_pg
def test_heartbeat_keeps_a_long_job_from_being_taken_over(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    """A job running three times longer than the lease stays with its worker."""
    log = tmp_path / "events.txt"
    payload = {"steps": 15, "step_s": 0.3, "log": str(log), "quiet": True}
    (job_id,) = enqueue(factory, [payload])
    policy = QueuePolicy(lease_s=1.5, poll_s=0.1)
    first = QueueWorker(factory, concurrency=1, policy=policy, name="first", listen=False)
    first.start()
    wait_until(lambda: job(factory, job_id).status == RUNNING, 20, "the first worker to claim")
    rival = QueueWorker(factory, concurrency=2, policy=policy, name="rival", listen=False)
    rival.start()
    wait_until(lambda: job(factory, job_id).status in (DONE, FAILED), 30, "the job to end")
    for w in (first, rival):
        w.stop()
        w.join()
    row = job(factory, job_id)
    assert (row.status, row.worker, row.payload[ATTEMPTS_KEY]) == (DONE, "first", 1)
    assert [event for event, _, _ in log_lines(log)] == ["start", "end"]
    assert (first.jobs_run, rival.jobs_run) == (1, 0)
