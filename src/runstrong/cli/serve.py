"""``runstrong serve``: run the web app with uvicorn, in one or several processes.

With ``--workers N`` > 1 uvicorn starts N processes that each build the app from
the environment (``runstrong.web.app:create_app`` as a factory). Before that this
process does, once, what must not race: it creates the secret key file if there is
none, migrates the database and seeds the demo athlete; the workers then find them.
SQLite is safe with several processes: WAL lets readers run beside the one writer,
every writing transaction takes the write lock up front (``BEGIN IMMEDIATE``) and a
second writer waits up to the busy timeout (``storage.db``).
"""

from __future__ import annotations

import os

import typer

from runstrong.cli.console import out

MAX_DEFAULT_WORKERS = 4


def default_workers() -> int:
    """min(CPU cores, 4): one process per core (Python runs one request's code at a
    time per process), at most four for a self-hosted app."""
    return max(1, min(os.cpu_count() or 1, MAX_DEFAULT_WORKERS))


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""

    @app.command("serve")
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
        demo: bool = typer.Option(
            False, "--demo", help="Seed a clearly labelled demo athlete (and log in as it)."
        ),
        workers: int | None = typer.Option(
            None,
            "--workers",
            min=1,
            max=64,
            help="Server processes (default: min(CPU cores, 4)).",
        ),
    ) -> None:
        """Serve the web app (pages and the JSON API under /api/v1) on HOST:PORT."""
        import uvicorn

        from runstrong.web.settings import WebSettings

        settings = WebSettings.from_env().model_copy(update={"demo": demo})
        count = workers or default_workers()
        if count == 1:
            from runstrong.web.app import create_app

            target: object = create_app(settings)
        else:
            _prepare_shared_state(settings, count)
            target = "runstrong.web.app:create_app"
        out().print(
            f"runstrong web app on http://{host}:{port}/  ({count} process"
            f"{'es' if count > 1 else ''}; Ctrl+C to stop)"
        )
        if demo:
            out().print("Demo athlete ready: open the page and choose 'Explore the demo athlete'.")
        uvicorn.run(
            target,  # type: ignore[arg-type]
            host=host,
            port=port,
            workers=count,
            factory=count > 1,
            log_level="info",
        )


def _prepare_shared_state(settings: object, count: int) -> None:
    """Key file, schema and demo athlete, once, before ``count`` workers start; the
    workers read their settings from the environment, so ``--demo`` is passed there."""
    import datetime as dt

    from runstrong.core.errors import InputError
    from runstrong.storage.db import make_engine, make_session_factory
    from runstrong.web.settings import WebSettings, resolve_secret_key

    assert isinstance(settings, WebSettings)
    url = settings.database_url or ""
    if ":memory:" in url or url.rstrip("/") in ("sqlite:", "sqlite:/"):
        raise InputError(
            f"--workers {count} needs a database file or PostgreSQL; "
            f"{url!r} is private to one process (use --workers 1)"
        )
    resolve_secret_key(settings)
    engine = make_engine(settings.database_url, sqlite_busy_timeout_ms=settings.db_busy_timeout_ms)
    try:
        if settings.auto_migrate:
            from runstrong.storage.migrate import upgrade

            upgrade(engine)
        if settings.demo:
            from runstrong.services.demo import seed_demo

            seed_demo(make_session_factory(engine), dt.datetime.now(dt.UTC))
            os.environ["RUNSTRONG_DEMO"] = "1"
    finally:
        engine.dispose()
