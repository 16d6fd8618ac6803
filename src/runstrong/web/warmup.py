"""Start-up warm-up: pay the one-off costs of a fresh process before the first user
does (issue 15: the first request of a new server took ~475 ms against ~20 ms after).

``warm_up`` runs from the app's lifespan (``app.py``) before the server accepts
connections, so ``uvicorn`` (and each ``serve --workers`` process) is ready when it
says so. It does only what is cheap and has no effect on what a request sees:

* compiles every Jinja template of the app's environment (kept in its cache);
* configures the SQLAlchemy mappers and opens one pooled connection (SQLite's
  per-connection PRAGMAs run on connect), then runs one small query of each kind the
  pages run first (users, athletes, plans), so their compiled SQL is cached
  (``web.context.warm_database``: the engine's wiring lives there);
* loads the packaged data every coach call needs (exercise library, Daniels' VDOT
  table and its splines), which are cached per process;
* sends one anonymous ``GET /login`` through the app in process (no socket), so the
  middleware, routing, dependency and rendering paths have run once
  (``self_request``);
* then collects garbage once and freezes what start-up left alive (``gc.freeze``):
  the modules, templates and tables above live as long as the process, and without
  this the first request that allocates a lot paid for a full collection that walked
  all of them (~100 ms of the Plan page's first request in the benchmark).

It reads nothing an athlete owns and writes nothing. A failure is logged and ignored:
a warm-up must never stop a server from starting. ``WebSettings.warm_up`` (env
``RUNSTRONG_WARM_UP=0``) turns it off; ``benchmarks/bench_first_request.py`` measures
both.
"""

from __future__ import annotations

import gc
import logging
import time

import httpx
from fastapi import FastAPI

from runstrong.web.context import warm_database

log = logging.getLogger("runstrong.web")


def _templates(app: FastAPI) -> int:
    env = app.state.templates.env
    names = [n for n in env.list_templates() if n.endswith(".html")]
    for name in names:
        env.get_template(name)
    return len(names)


def _coach_data() -> None:
    from runstrong.core.exercises.library import load_library
    from runstrong.core.science import vdot_table

    load_library()
    vdot_table.published_rows()
    vdot_table._splines()


def warm_up(app: FastAPI) -> float:
    """Warm ``app`` (see the module docstring); returns the seconds it took."""
    start = time.perf_counter()
    try:
        count = _templates(app)
        warm_database(app)
        _coach_data()
    except Exception:  # never keep a server from starting
        log.exception("start-up warm-up failed; the first requests will be slower")
        return time.perf_counter() - start
    took = time.perf_counter() - start
    log.info("warmed up in %.0f ms (%d templates)", took * 1000, count)
    return took


async def self_request(app: FastAPI) -> None:
    """One anonymous ``GET /login`` through ``app`` in process (it reads, never writes;
    a failure is logged and ignored)."""
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://warm-up") as client:
            await client.get("/login")
    except Exception:  # never keep a server from starting
        log.exception("start-up self-request failed; the first request will be slower")
    gc.collect()
    gc.freeze()
