"""First request of a fresh server process, with and without the start-up warm-up.

Seeds the demo athlete (``services.demo``) in a temporary SQLite file, then starts
``uvicorn`` serving ``create_app()`` on 127.0.0.1 in a fresh Python process, once
with ``RUNSTRONG_WARM_UP=0`` (the old behaviour: modules, templates, ORM mappers
and the connection pool are set up by whichever request needs them first) and once
with the warm-up on (``runstrong.web.warmup``, run by the app's lifespan before the
server accepts connections). ``--rounds`` fresh processes of each.

For each process it measures the server's own CPU time (``/proc/<pid>/stat``, user +
system, 10 ms ticks) and the client's wall time of:

* the very first request (``GET /login``, the page a new visitor sees, here the
  first-run set-up page it redirects to) and the same
  request again (its floor: what any later request costs);
* after logging in, the first ``GET /a/<id>/plan`` and the second (its floor), then
  the first ``GET /a/<id>/today`` and the second (its floor; the daily coach's
  preview is then cached per process, ``services.day.PREVIEWS``).

The warm-up's own cost is reported as the server's CPU time from process start
until it accepts connections. Linux only (``/proc``).

Usage::

    .venv/bin/python benchmarks/bench_first_request.py [--rounds 3] [--activities 3000]

With the warm-up, start-up also makes the daily coach's preview of today for the
athletes whose plan was stored last (``web.warmup.warm_coach``), so the first Today
page finds it made; its cost is in the start-up figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from runstrong.services import demo
from runstrong.storage.db import make_engine, make_session_factory
from runstrong.storage.migrate import upgrade
from runstrong.web.security import hash_password

PASSWORD = "bench password 1"
SECRET = "bench-secret-key-" + "b" * 40
TICK_S = 1 / os.sysconf("SC_CLK_TCK")
SERVER = (
    "import uvicorn; from runstrong.web.app import create_app; "
    "uvicorn.run(create_app(), host='127.0.0.1', port=int(__import__('sys').argv[1]), "
    "log_level='warning')"
)


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * TICK_S


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def timed(proc: subprocess.Popen[bytes], call: object) -> tuple[float, float]:
    """(server CPU ms, client wall ms) of one request."""
    before_cpu, before = cpu_s(proc.pid), time.perf_counter()
    response = call()  # type: ignore[operator]
    wall = time.perf_counter() - before
    response.raise_for_status()
    return (cpu_s(proc.pid) - before_cpu) * 1000, wall * 1000


Figures = dict[str, tuple[float, float]]


def one_process(url: str, athlete_id: int, warm: bool, spool: Path) -> Figures:
    port = free_port()
    env = dict(os.environ)
    env.update(
        RUNSTRONG_DATABASE_URL=url,
        RUNSTRONG_SECRET_KEY=SECRET,
        RUNSTRONG_WARM_UP="1" if warm else "0",
        RUNSTRONG_SPOOL_DIR=str(spool),
    )
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(port)], env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        start = time.perf_counter()
        while True:  # a bare TCP connect: no HTTP request before the measured one
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.perf_counter() - start > 60:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.02)
        with httpx.Client(base_url=base, timeout=60, follow_redirects=True) as client:
            out = {"start-up (CPU to first answer)": (cpu_s(proc.pid) * 1000, 0.0)}
            out["first GET /login"] = timed(proc, lambda: client.get("/login"))
            out["second GET /login (floor)"] = timed(proc, lambda: client.get("/login"))
            client.post(
                "/api/v1/session", json={"email": demo.DEMO_EMAIL, "password": PASSWORD}
            ).raise_for_status()
            plan = f"/a/{athlete_id}/plan"
            out["first GET plan"] = timed(proc, lambda: client.get(plan))
            out["second GET plan (floor)"] = timed(proc, lambda: client.get(plan))
            today = f"/a/{athlete_id}/today"
            out["first GET today"] = timed(proc, lambda: client.get(today))
            out["second GET today (floor)"] = timed(proc, lambda: client.get(today))
        return out
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--activities",
        type=int,
        default=0,
        help="0 (default): the demo log alone; N: the demo log extended back to N "
        "activities and --years of check-ins (bench_web.py's ten-year log)",
    )
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        if args.activities:
            from bench_web import build_database  # this folder is on sys.path

            athlete_id, count, days = build_database(url, args.activities, args.years)
            print(f"log: {count} activities, {days} days of check-ins")
        else:
            engine = make_engine(url)
            upgrade(engine)
            athlete_id = demo.seed_demo(
                make_session_factory(engine), dt.datetime.now(dt.UTC), hash_password(PASSWORD)
            )
            engine.dispose()
        results: dict[bool, list[Figures]] = {False: [], True: []}
        for _ in range(args.rounds):
            for warm in (False, True):  # interleaved, so load drifts hit both alike
                results[warm].append(one_process(url, athlete_id, warm, Path(tmp) / "spool"))
    print(f"median of {args.rounds} fresh server processes each; server CPU ms / client wall ms")
    print(f"{'':36} {'no warm-up':>18} {'warm-up':>18}")
    for key in results[False][0]:
        cells = []
        for warm in (False, True):
            cpu = statistics.median(r[key][0] for r in results[warm])
            wall = statistics.median(r[key][1] for r in results[warm])
            cells.append(f"{cpu:7.0f} / {wall:6.0f}" if wall else f"{cpu:7.0f} /      –")
        print(f"{key:36} {cells[0]:>18} {cells[1]:>18}")


if __name__ == "__main__":
    main()
