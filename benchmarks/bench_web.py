"""Load benchmark of the web app: every page and every list endpoint on a 10-year log.

Builds a temporary SQLite database with the demo generator of
``runstrong.services.demo`` (an athlete, an active plan that started eight
weeks ago and its log), extended backwards to ``--activities`` activities
(default 3,000: the plan's weekly pattern replayed over ten years, each
session "done" by the demo's own deviation model) and ten years of daily
wellness check-ins. Then it starts ``uvicorn`` on 127.0.0.1 (loopback only)
in a separate process, logs in through the JSON API and requests each page
``--requests`` times with ``--concurrency`` requests in flight, stopping
early at ``--time-cap`` seconds per page. It prints p50/p95/p99 latency,
requests per second and the error count (non-200 answers and transport
errors). The client runs on the same machine, so its own CPU use is
included in the figures.

Usage::

    .venv/bin/python benchmarks/bench_web.py [--requests 500] [--concurrency 8]
        [--activities 3000] [--years 10] [--time-cap 60] [--profile]
        [--pages today,coach,calendar,health]

``--pages`` measures only the pages named (default: all); ``--profile`` also renders
each of them 20 times in process under pyinstrument (if installed; after one
warm-up request, so caches are warm) and prints where the time goes.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from runstrong.core.model import SessionKind
from runstrong.exporters.plan_json import load_plan
from runstrong.services import demo
from runstrong.storage import repository
from runstrong.storage.db import make_engine, make_session_factory, transaction
from runstrong.storage.migrate import upgrade
from runstrong.web.security import hash_password

PASSWORD = "bench password 1"
SECRET = "bench-secret-key-" + "b" * 40


def build_database(url: str, n_activities: int, years: int) -> tuple[int, int, int]:
    """Seed the demo athlete, then add history; returns (athlete id, activities, wellness)."""
    engine = make_engine(url)
    upgrade(engine)
    factory = make_session_factory(engine)
    now = dt.datetime.now(dt.UTC)
    athlete_id = demo.seed_demo(factory, now, password_hash=hash_password(PASSWORD))
    rng = random.Random(demo.SEED + 1)
    with transaction(factory) as db:
        stored = repository.active_plan(db, athlete_id)
        assert stored is not None
        plan = load_plan(stored.plan_json)
        pattern = [
            s
            for s in plan.sessions()
            if s.kind in (SessionKind.RUN, SessionKind.STRENGTH) and s.date < now.date()
        ]
        existing = repository.count_activities(db, athlete_id)
        first_day = min(s.date for s in pattern)
        span_days = (max(s.date for s in pattern) - first_day).days + 7
        shift = 0
        added = 0
        while existing + added < n_activities:
            shift += span_days
            for s in pattern:
                if existing + added >= n_activities:
                    break
                moved = dataclasses.replace(s, date=s.date - dt.timedelta(days=shift))
                activity = demo._done_version(moved, rng)
                repository.add_activity(db, athlete_id, activity, now=now)
                added += 1
        day = now.date() - dt.timedelta(days=365 * years)
        wellness = 0
        while day < now.date():
            if repository.get_wellness(db, athlete_id, day) is None:
                repository.put_wellness(db, athlete_id, demo._wellness(day, rng))
            wellness += 1
            day += dt.timedelta(days=1)
        total = repository.count_activities(db, athlete_id)
    engine.dispose()
    return athlete_id, total, wellness


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, port: int, workdir: Path, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "RUNSTRONG_DATABASE_URL": url,
        "RUNSTRONG_SECRET_KEY": SECRET,
        "RUNSTRONG_SPOOL_DIR": str(workdir / "spool"),
    }
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "runstrong.web.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    proc = subprocess.Popen(cmd, env=env, cwd=workdir)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not answer /healthz within 60 s")


def server_cpu_s(pid: int) -> float:
    """User + system CPU seconds of the server process and its children (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                pending.extend(int(c) for c in children)
        except (OSError, IndexError, ValueError):
            continue
    return total


@dataclasses.dataclass
class PageResult:
    name: str
    latencies_ms: list[float]
    errors: int
    wall_s: float
    server_cpu_s: float = 0.0

    def line(self) -> str:
        lat = sorted(self.latencies_ms)
        q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else lat * 99
        return (
            f"{self.name:<18} n={len(lat):4d}  p50 {q[49]:6.1f} ms  p95 {q[94]:6.1f} ms  "
            f"p99 {q[98]:6.1f} ms  max {lat[-1]:6.1f} ms  "
            f"{len(lat) / self.wall_s:6.1f} req/s  errors {self.errors}  "
            f"server CPU {1000 * self.server_cpu_s / len(lat):5.1f} ms/req"
        )


async def hammer(
    client: httpx.AsyncClient, name: str, path: str, n: int, concurrency: int, cap_s: float
) -> PageResult:
    latencies: list[float] = []
    errors = 0
    issued = 0
    start = time.perf_counter()

    async def one_worker() -> None:
        nonlocal issued, errors
        while issued < n and time.perf_counter() - start < cap_s:
            issued += 1
            t0 = time.perf_counter()
            try:
                response = await client.get(path)
                ok = response.status_code == 200 and len(response.content) > 0
            except httpx.HTTPError:
                ok = False
            latencies.append((time.perf_counter() - t0) * 1000)
            if not ok:
                errors += 1

    await asyncio.gather(*(one_worker() for _ in range(concurrency)))
    return PageResult(name, latencies, errors, time.perf_counter() - start)


def page_paths(athlete_id: int, newest: int, fifth: str) -> dict[str, str]:
    """Every page and list endpoint by name (``newest``: an activity id; ``fifth``: the
    URL of the activities API's fifth page)."""
    api = f"/api/v1/athletes/{athlete_id}"
    return {
        "today": f"/a/{athlete_id}/today",
        "plan": f"/a/{athlete_id}/plan",
        "calendar": f"/a/{athlete_id}/calendar",
        "log": f"/a/{athlete_id}/log?since=2000-01-01",
        "activity": f"/a/{athlete_id}/log/{newest}",
        "progress": f"/a/{athlete_id}/progress",
        "settings": f"/a/{athlete_id}/settings",
        "upload": f"/a/{athlete_id}/upload",
        "coach": "/coach",
        "api activities": f"{api}/activities?since=2000-01-01",
        "api activities p5": fifth,
        "api wellness": f"{api}/wellness",
        "api athletes": "/api/v1/athletes",
        "api access": f"{api}/access",
        "api plan": f"{api}/plan",
        "api today": f"{api}/today",
        "api progress": f"{api}/progress",
        "health": "/healthz",  # the floor: middleware, routing, HTTP, no page work
    }


PAGE_NAMES = tuple(page_paths(0, 0, ""))


async def all_paths(client: httpx.AsyncClient, athlete_id: int) -> dict[str, str]:
    """``page_paths`` with the newest activity and the activities API's fifth page looked
    up through the API (the client is logged in)."""
    api = f"/api/v1/athletes/{athlete_id}"
    newest = (await client.get(f"{api}/activities?limit=1")).json()[0]["id"]
    fifth = f"{api}/activities"
    for _ in range(4):  # follow rel="next" to the fifth page: keyset paging costs the same
        fifth = (await client.get(fifth)).links["next"]["url"]
    return page_paths(athlete_id, newest, fifth)


async def run_load(
    port: int,
    server_pid: int,
    athlete_id: int,
    n: int,
    concurrency: int,
    cap_s: float,
    only: tuple[str, ...] = PAGE_NAMES,
) -> list[PageResult]:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=30
    ) as client:
        login = await client.post(
            "/api/v1/session", json={"email": demo.DEMO_EMAIL, "password": PASSWORD}
        )
        login.raise_for_status()
        paths = await all_paths(client, athlete_id)
        pages = {k: v for k, v in paths.items() if k in only}
        for path in pages.values():  # warm up (templates, caches, connections)
            # Every connection at once, three times over: with several server processes,
            # each keep-alive connection is served by one of them, so every process that
            # serves the measured requests has built its per-process caches first.
            for _ in range(3):
                answers = await asyncio.gather(*(client.get(path) for _ in range(concurrency)))
                for answer in answers:
                    answer.raise_for_status()
        results = []
        for name, path in pages.items():
            cpu_before = server_cpu_s(server_pid)
            result = await hammer(client, name, path, n, concurrency, cap_s)
            result.server_cpu_s = server_cpu_s(server_pid) - cpu_before
            results.append(result)
        return results


def profile_pages(url: str, athlete_id: int, only: tuple[str, ...]) -> None:
    """Render each page of ``only`` 20 times in process under pyinstrument (after one
    warm-up request) and print the profile.

    FastAPI runs sync endpoints and dependencies on a thread pool, which a
    sampling profiler of one thread cannot see; here they are run inline on
    the event loop's thread instead (for profiling only).
    """
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("pyinstrument is not installed; skipping --profile")
        return
    import fastapi.dependencies.utils as dep_utils
    import fastapi.routing as fastapi_routing

    from runstrong.web.app import create_app
    from runstrong.web.settings import WebSettings

    async def inline(func: Any, *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    fastapi_routing.run_in_threadpool = inline  # type: ignore[assignment]
    dep_utils.run_in_threadpool = inline  # type: ignore[assignment]

    app = create_app(WebSettings(database_url=url, secret_key=SECRET, auto_migrate=False))

    async def go() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            await client.post(
                "/api/v1/session", json={"email": demo.DEMO_EMAIL, "password": PASSWORD}
            )
            paths = await all_paths(client, athlete_id)
            for path in (paths[name] for name in only):
                (await client.get(path)).raise_for_status()
                profiler = Profiler(interval=0.0005, async_mode="disabled")
                profiler.start()
                for _ in range(20):
                    await client.get(path)
                profiler.stop()
                print(f"--- profile of 20 x GET {path}")
                print(profiler.output_text(unicode=False, color=False, show_all=False))

    asyncio.run(go())
    app.state.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=500, help="requests per page")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--activities", type=int, default=3000)
    parser.add_argument("--years", type=int, default=10, help="years of daily wellness rows")
    parser.add_argument("--time-cap", type=float, default=60.0, help="seconds per page at most")
    parser.add_argument("--profile", action="store_true", help="profile the pages in process")
    parser.add_argument("--server-workers", type=int, default=1, help="uvicorn processes")
    parser.add_argument(
        "--pages",
        default=",".join(PAGE_NAMES),
        help=f"comma-separated pages to measure (default all: {', '.join(PAGE_NAMES)})",
    )
    args = parser.parse_args()
    only = tuple(p.strip() for p in args.pages.split(",") if p.strip())
    unknown = [p for p in only if p not in PAGE_NAMES]
    if unknown:
        parser.error(f"unknown page(s) {', '.join(unknown)}: use {', '.join(PAGE_NAMES)}")
    with tempfile.TemporaryDirectory(prefix="rs-bench-web-") as tmp:
        workdir = Path(tmp)
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        t0 = time.perf_counter()
        athlete_id, n_act, n_well = build_database(url, args.activities, args.years)
        print(
            f"database: {n_act} activities, {n_well} wellness days, active plan "
            f"(built in {time.perf_counter() - t0:.1f} s)"
        )
        if args.profile:
            profile_pages(url, athlete_id, only)
        port = free_port()
        server = start_server(url, port, workdir, args.server_workers)
        try:
            results = asyncio.run(
                run_load(
                    port,
                    server.pid,
                    athlete_id,
                    args.requests,
                    args.concurrency,
                    args.time_cap,
                    only,
                )
            )
        finally:
            server.terminate()
            server.wait(30)
        print(
            f"uvicorn {args.server_workers} process(es) on 127.0.0.1, "
            f"{args.concurrency} requests in flight, "
            f"{args.requests} per page (cap {args.time_cap:g} s)"
        )
        for result in results:
            print(result.line())


if __name__ == "__main__":
    main()
