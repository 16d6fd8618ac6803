"""procrastinate's schema comes with ``runstrong db upgrade`` on PostgreSQL, never on SQLite."""

from __future__ import annotations

import importlib.util
from importlib import resources
from pathlib import Path

from sqlalchemy import inspect

from runstrong.storage.db import make_engine
from runstrong.storage.migrate import MIGRATIONS_DIR, downgrade, upgrade

QUEUE_TABLES = {
    "procrastinate_events",
    "procrastinate_jobs",
    "procrastinate_periodic_defers",
    "procrastinate_workers",
}


def _job_queue_revision_constant() -> str:
    path = MIGRATIONS_DIR / "versions" / "0004_job_queue.py"
    spec = importlib.util.spec_from_file_location("rev0004", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    value: str = module.PROCRASTINATE_SCHEMA_VERSION
    return value


def test_queue_schema_only_on_postgresql_and_downgrade_removes_it(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    upgrade(engine)
    tables = set(inspect(engine).get_table_names())
    if engine.dialect.name == "postgresql":
        assert tables >= QUEUE_TABLES
        downgrade(engine, "0003_session_matches")
        inspector = inspect(engine)
        assert not set(inspector.get_table_names()) & QUEUE_TABLES
        with engine.connect() as connection:
            left = connection.exec_driver_sql(
                "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                "WHERE p.proname LIKE 'procrastinate%%' AND n.nspname = current_schema()"
            ).scalar_one()
        assert left == 0
        upgrade(engine)  # and back again
        assert set(inspect(engine).get_table_names()) >= QUEUE_TABLES
    else:
        assert not tables & QUEUE_TABLES
    engine.dispose()


def test_installed_procrastinate_needs_no_schema_migration_we_lack() -> None:
    """Upgrading procrastinate to a release with new schema migrations must come with a
    revision that applies them; this fails until one is written."""
    folder = Path(str(resources.files("procrastinate.sql") / "migrations"))
    newest = max(p.stem for p in folder.glob("*.sql"))
    assert newest == _job_queue_revision_constant()
