"""Run the packaged Alembic migrations programmatically (no ``alembic.ini`` needed).

``runstrong db upgrade`` and the test fixtures call :func:`upgrade`; the
migration scripts live in ``runstrong/storage/migrations`` inside the package.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
QUEUE_TABLE_PREFIX = "procrastinate_"
"""Tables of the job queue library (revision 0004_job_queue, PostgreSQL only), not ours."""


def is_own_object(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic ``include_name`` hook: compare our tables only, not the job queue's."""
    return not (type_ == "table" and name is not None and name.startswith(QUEUE_TABLE_PREFIX))


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config pointing at the packaged scripts; ``engine`` is handed to env.py."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind ``engine`` to ``revision`` (default: the newest)."""
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the database behind ``engine`` to ``revision``."""
    command.downgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty (never migrated) database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The newest revision shipped with this version of runstrong."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise RuntimeError("no migrations packaged")
    return head


def revisions_oldest_first() -> list[str]:
    """Every shipped revision id, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]
