"""The app under uvicorn on 127.0.0.1 in a thread, for the tests that drive a real headless
Chromium (Debian's chromium, through Playwright), and the steps their journeys share."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from web_support import CLOCK

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BROWSER_ONLY = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]
"""The ``pytestmark`` of a module that drives Chromium."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """``app`` served on a free port until the block ends (its base URL); then the server
    stops and the app's job queue and engine are closed."""
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        app.state.jobs.shutdown()
        app.state.engine.dispose()


def fill_owner(page: Any, name: str = "Alex Example", email: str = "alex@example.org") -> None:
    """The first-run setup form: the owner's name, e-mail and password (twice)."""
    page.fill("#f-name", name)
    page.fill("#f-email", email)
    page.fill("#f-password", "a long password")
    page.fill("#f-password2", "a long password")


def fill_runner(page: Any) -> None:
    """The onboarding wizard's fields only the runner knows (the rest are pre-filled): born
    1990, 62 kg, 35 km a week, longest run 14 km, a 10 km in 48:30, the goal race 14 weeks
    from today."""
    page.fill("#f-birth_year", "1990")
    page.fill("#f-body_mass_kg", "62")
    page.fill("[id='f-running.weekly_km']", "35")
    page.fill("[id='f-running.longest_run_km']", "14")
    page.fill("[id='f-running.recent_race.time']", "48:30")
    race = (CLOCK.date() + dt.timedelta(weeks=14)).isoformat()
    page.fill("[id='f-goal.date']", race)
