"""``runstrong serve --workers N``: several server processes on one database (issue 15)."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _descendants(pid: int) -> set[int]:
    found: set[int] = set()
    pending = [pid]
    while pending:
        current = pending.pop()
        for task in Path(f"/proc/{current}/task").iterdir():
            for child in (task / "children").read_text().split():
                found.add(int(child))
                pending.append(int(child))
    return found


def _env(tmp_path: Path, url: str) -> dict[str, str]:
    return {
        **os.environ,
        "RUNSTRONG_DATABASE_URL": url,
        "RUNSTRONG_SECRET_KEY_FILE": str(tmp_path / "key"),
        "RUNSTRONG_SPOOL_DIR": str(tmp_path / "spool"),
        "RUNSTRONG_SECRET_KEY": "",
    }


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="counts processes in /proc")
def test_serve_with_two_workers_answers_from_two_processes(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    port = _free_port()
    proc = subprocess.Popen(
        [str(BIN / "runstrong"), "serve", "--port", str(port), "--workers", "2", "--demo"],
        env=_env(tmp_path, f"sqlite:///{database}"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        answers = 0
        while answers < 10:
            assert proc.poll() is None, "serve --workers 2 stopped"
            assert time.monotonic() < deadline, "serve --workers 2 did not answer /healthz"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    assert r.status == 200
                    answers += 1
            except OSError:
                time.sleep(0.3)
        # uvicorn's supervisor spawns the workers with multiprocessing (beside its
        # resource tracker, which is no worker).
        while True:
            workers = [p for p in _descendants(proc.pid) if "spawn_main" in _cmdline(p)]
            if len(workers) >= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        assert len(workers) == 2, workers
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    with sqlite3.connect(database) as db:
        (demos,) = db.execute(
            "SELECT count(*) FROM athletes WHERE name = 'Demo athlete'"
        ).fetchone()
    assert demos == 1  # seeded once, before the workers started
    assert len((tmp_path / "key").read_text().strip()) >= 32


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def test_serve_workers_refuses_an_in_memory_database(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "runstrong"), "serve", "--workers", "2"],
        env=_env(tmp_path, "sqlite:///:memory:"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: --workers 2 needs a database file or PostgreSQL; "
        "'sqlite:///:memory:' is private to one process (use --workers 1)"
    )
