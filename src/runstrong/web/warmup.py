"""Start-up warm-up: pay the one-off costs of a fresh process before the first user
does (issue 15: the first request of a new server took ~475 ms against ~20 ms after).

``warm_up``, ``self_request`` and ``warm_coach`` run in that order from the app's
lifespan (``app.py``) before the server accepts connections, so ``uvicorn`` (and each
``serve --workers`` process) is ready when it says so. It does only what is cheap
and has no effect on what a request sees:

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
  all of them (~100 ms of the Plan page's first request in the benchmark);
* last (``warm_coach``), makes the daily coach's preview of today for the athletes
  whose plan was stored last (``services.day.warm_previews``: at most
  ``COACH_ATHLETES`` of them, none started after ``COACH_BUDGET_S``), the very call
  their first Today page or ``GET …/today`` makes, kept in ``services.day.PREVIEWS``
  under the same version key, and freezes what it left. On the demo log that preview
  rebuilds the weeks ahead for a time trial a preview never stores (R26): ~100 ms of
  CPU that each new process's first Today page paid. The plan it parsed also serves
  the first Plan page.

It writes nothing (the previews are read-only; an R1 unlock one finds is recorded by
the athlete's first real look, as without the warm-up). A failure is logged and ignored:
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
from runstrong.web.deps import utcnow

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


COACH_ATHLETES = 4
"""Most athletes whose preview is made at start-up (most recently stored plans first)."""
COACH_BUDGET_S = 1.0
"""No new preview is started after this many seconds of warming the coach."""


def warm_coach(app: FastAPI) -> int:
    """The daily coach's previews of today (see the module docstring), then what they
    left alive is frozen too; returns how many athletes were previewed (0 on a
    failure, which is logged and ignored).

    It runs after ``self_request`` has collected and frozen the rest of start-up: run
    before that, the previews' allocations set off a full collection over every
    module and template (~100 ms of CPU) on top of the one ``self_request`` makes."""
    from runstrong.services.day import warm_previews

    start = time.perf_counter()
    try:
        with app.state.db() as db:
            count = warm_previews(db, now=utcnow(), limit=COACH_ATHLETES, budget_s=COACH_BUDGET_S)
    except Exception:  # never keep a server from starting
        log.exception("start-up coach previews failed; the first Today page will be slower")
        count = 0
    gc.collect()
    gc.freeze()
    took_ms = (time.perf_counter() - start) * 1000
    log.info("coach previews of %d athletes in %.0f ms", count, took_ms)
    return count


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
