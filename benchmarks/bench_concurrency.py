"""Concurrent writers on SQLite: errors and lost writes (issue 14, part 2).

Starts ``uvicorn`` on 127.0.0.1 (loopback only) over a fresh SQLite file and
runs four writers at once for ``--seconds`` (default 60):

1. API: ``POST /api/v1/athletes/{id}/activities`` (a run per request),
2. API: ``PUT /api/v1/athletes/{id}/wellness`` (a check-in per day),
3. page: the Today page's "Log" form ``POST /a/{id}/log/new`` (303 expected),
4. CLI: ``runstrong log run`` one after another on the same file, through
   ``runstrong.cli.run`` in this process (``--cli in-process``, the default: the
   CLI's own code without a 2–10 s interpreter start per write, so it writes as
   often as the others) or as separate processes (``--cli process``). Exit 0 is
   counted as status 200, exit status N as 500 + N.

Every write carries its own key (a start time or a day in a range owned by
its writer). At the end the database is read back: a *lost write* is one the
server (or the CLI) acknowledged that is not in the database. It prints, per
writer, the acknowledged writes, the errors by status (5xx separately; 503
is the documented "busy, retry" answer), transport errors (dropped
connections) and lost writes, then the totals. The floor is 0 errors and 0
lost writes.

Usage::

    .venv/bin/python benchmarks/bench_concurrency.py [--seconds 60] [--busy-timeout-ms 10000]
        [--cli in-process|process]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import dataclasses
import datetime as dt
import io
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from runstrong.cli import run as cli_run
from runstrong.storage import repository
from runstrong.storage.db import make_engine, make_session_factory, transaction
from runstrong.storage.migrate import upgrade
from runstrong.storage.tables import ActivityRow, WellnessRow
from runstrong.web.security import hash_password

PASSWORD = "bench password 1"
SECRET = "bench-secret-key-" + "c" * 40
ATHLETE = "Concurrency Athlete"
API_BASE = dt.datetime(2001, 1, 1, tzinfo=dt.UTC)  # API runs: 10 min apart from here
WELLNESS_BASE = dt.date(1995, 1, 1)  # check-ins: one day each from here
PAGE_BASE = dt.date(2011, 1, 1)  # page logs: one hour each from here
CLI_BASE = dt.date(2021, 1, 1)  # CLI runs: one day each from here, at 12:00

#: A writer's i-th request: (its key, method, URL, httpx keyword arguments, success status).
Request = tuple[object, str, str, dict[str, Any], int]
MakeRequest = Callable[[int, str], Request]


@dataclasses.dataclass
class Writer:
    name: str
    acknowledged: set[object] = dataclasses.field(default_factory=set)
    statuses: collections.Counter[int] = dataclasses.field(default_factory=collections.Counter)
    transport_errors: int = 0
    lost: int = 0

    @property
    def errors(self) -> int:
        return sum(n for code, n in self.statuses.items() if code >= 400) + self.transport_errors

    def line(self) -> str:
        codes = ", ".join(f"{c}×{n}" for c, n in sorted(self.statuses.items())) or "-"
        return (
            f"{self.name:<16} acknowledged {len(self.acknowledged):>5}  statuses {codes:<28} "
            f"transport errors {self.transport_errors:>3}  lost {self.lost:>3}"
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def seed(url: str) -> int:
    engine = make_engine(url)
    upgrade(engine)
    factory = make_session_factory(engine)
    now = dt.datetime.now(dt.UTC)
    with transaction(factory) as db:
        user = repository.add_user(
            db, "bench@example.org", hash_password(PASSWORD), now=now, display_name="Bench"
        )
        athlete = repository.add_athlete(db, ATHLETE, now=now, owner_user_id=user.id)
    engine.dispose()
    return athlete.id


def start_server(url: str, port: int, workdir: Path, busy_ms: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "RUNSTRONG_DATABASE_URL": url,
        "RUNSTRONG_SECRET_KEY": SECRET,
        "RUNSTRONG_SPOOL_DIR": str(workdir / "spool"),
        "RUNSTRONG_DB_BUSY_TIMEOUT_MS": str(busy_ms),
    }
    cmd = [sys.executable, "-m", "uvicorn", "runstrong.web.app:create_app", "--factory"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen([*cmd, "--no-access-log"], env=env, cwd=workdir)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not answer /healthz within 60 s")


async def login(base: str) -> tuple[httpx.Cookies, str]:
    async with httpx.AsyncClient(base_url=base) as client:
        response = await client.post(
            "/api/v1/session", json={"email": "bench@example.org", "password": PASSWORD}
        )
        response.raise_for_status()
        return client.cookies, str(response.json()["csrf_token"])


async def http_writer(
    base: str,
    cookies: httpx.Cookies,
    csrf: str,
    writer: Writer,
    deadline: float,
    request: MakeRequest,
) -> None:
    async with httpx.AsyncClient(base_url=base, cookies=cookies, timeout=60) as client:
        i = 0
        while time.monotonic() < deadline:
            key, method, url, kwargs, ok_status = request(i, csrf)
            try:
                response = await client.request(method, url, **kwargs)
            except httpx.TransportError:
                writer.transport_errors += 1
            else:
                writer.statuses[response.status_code] += 1
                if response.status_code == ok_status:
                    writer.acknowledged.add(key)
            i += 1


def api_run(athlete_id: int) -> MakeRequest:
    def make(i: int, csrf: str) -> Request:
        start = API_BASE + dt.timedelta(minutes=10 * i)
        body = {"sport": "running", "start": start.isoformat(), "duration_s": 1800}
        url = f"/api/v1/athletes/{athlete_id}/activities"
        return start, "POST", url, {"json": body, "headers": {"X-CSRF-Token": csrf}}, 201

    return make


def api_wellness(athlete_id: int) -> MakeRequest:
    def make(i: int, csrf: str) -> Request:
        day = WELLNESS_BASE + dt.timedelta(days=i)
        body = {"day": day.isoformat(), "sleep_h": 7.5, "stress": 2}
        url = f"/api/v1/athletes/{athlete_id}/wellness"
        return day, "PUT", url, {"json": body, "headers": {"X-CSRF-Token": csrf}}, 200

    return make


def page_log(athlete_id: int) -> MakeRequest:
    def make(i: int, csrf: str) -> Request:
        start = dt.datetime.combine(PAGE_BASE, dt.time(0), dt.UTC) + dt.timedelta(hours=i)
        form = {
            "csrf_token": csrf,
            "day": start.date().isoformat(),
            "start_time": start.strftime("%H:%M"),
            "sport": "running",
            "duration_min": "30",
            "distance_km": "5",
        }
        url = f"/a/{athlete_id}/log/new"
        return start, "POST", url, {"data": form, "follow_redirects": False}, 303

    return make


def cli_writer(url: str, writer: Writer, deadline: float, mode: str) -> None:
    exe = Path(sys.executable).with_name("runstrong")
    env = {**os.environ, "RUNSTRONG_DATABASE_URL": url}
    os.environ["RUNSTRONG_DATABASE_URL"] = url  # for the in-process CLI
    i = 0
    while time.monotonic() < deadline:
        day = CLI_BASE + dt.timedelta(days=i)
        args = ["log", "run", "--distance", "5", "--duration", "30:00"]
        args += ["--date", day.isoformat(), "--time", "12:00", "--athlete", ATHLETE]
        if mode == "process":
            done = subprocess.run([str(exe), *args], env=env, capture_output=True, check=False)
            status, err = done.returncode, done.stderr.decode(errors="replace")
        else:
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                status = cli_run(args)
            err = out.getvalue()
        writer.statuses[200 if status == 0 else 500 + status] += 1
        if status == 0:
            writer.acknowledged.add(day)
        else:
            print(err[-400:], file=sys.stderr)
        i += 1


def count_lost(url: str, athlete_id: int, writers: dict[str, Writer]) -> None:
    engine = make_engine(url)
    factory = make_session_factory(engine)
    with factory() as db:
        starts = {
            s.astimezone(dt.UTC)
            for s in db.scalars(
                select(ActivityRow.start_utc).where(ActivityRow.athlete_id == athlete_id)
            )
        }
        days = set(db.scalars(select(WellnessRow.day).where(WellnessRow.athlete_id == athlete_id)))
    engine.dispose()
    start_days = {s.date() for s in starts}
    writers["api activities"].lost = len(writers["api activities"].acknowledged - starts)
    writers["page log form"].lost = len(writers["page log form"].acknowledged - starts)
    writers["api wellness"].lost = len(writers["api wellness"].acknowledged - days)
    # The CLI logs in the athlete's zone (UTC without a profile): its runs sit at noon.
    writers["cli log run"].lost = len(writers["cli log run"].acknowledged - start_days)


async def run(
    url: str, base: str, athlete_id: int, seconds: float, cli_mode: str
) -> dict[str, Writer]:
    cookies, csrf = await login(base)
    writers = {
        name: Writer(name)
        for name in ("api activities", "api wellness", "page log form", "cli log run")
    }
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        http_writer(base, cookies, csrf, writers["api activities"], deadline, api_run(athlete_id)),
        http_writer(
            base, cookies, csrf, writers["api wellness"], deadline, api_wellness(athlete_id)
        ),
        http_writer(base, cookies, csrf, writers["page log form"], deadline, page_log(athlete_id)),
        asyncio.to_thread(cli_writer, url, writers["cli log run"], deadline, cli_mode),
    )
    return writers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--busy-timeout-ms", type=int, default=10_000)
    parser.add_argument("--cli", choices=("in-process", "process"), default="in-process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rs-bench-conc-") as tmp:
        workdir = Path(tmp)
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        athlete_id = seed(url)
        port = free_port()
        server = start_server(url, port, workdir, args.busy_timeout_ms)
        try:
            started = time.monotonic()
            base = f"http://127.0.0.1:{port}"
            writers = asyncio.run(run(url, base, athlete_id, args.seconds, args.cli))
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
        count_lost(url, athlete_id, writers)
    print(
        f"4 concurrent writers for {elapsed:.0f} s on SQLite (uvicorn, 1 process, 127.0.0.1; "
        f"CLI {args.cli}; busy timeout {args.busy_timeout_ms} ms)"
    )
    for writer in writers.values():
        print(writer.line())
    total = sum(len(w.acknowledged) for w in writers.values())
    errors = sum(w.errors for w in writers.values())
    server_errors = sum(n for w in writers.values() for c, n in w.statuses.items() if c >= 500)
    lost = sum(w.lost for w in writers.values())
    print(
        f"total: {total} acknowledged writes ({total / elapsed:.1f}/s), errors {errors} "
        f"(5xx {server_errors}), lost writes {lost}   [floor: 0 errors, 0 lost]"
    )


if __name__ == "__main__":
    main()
