"""Run the packaged Alembic migrations programmatically (no ``alembic.ini`` needed).

``runstrong db upgrade`` and the test fixtures call :func:`upgrade`; the
migration scripts live in ``runstrong/storage/migrations`` inside the package.

Every CLI command that opens the database first asks whether it is at the newest
revision. That question is answered without Alembic (about a fifth of a saved
``plan new``'s start-up): :func:`current_revision` reads ``alembic_version`` with
one query and :func:`head_revision` reads the ``revision``/``down_revision`` lines
of the shipped scripts (``tests/storage/test_migrations.py`` checks it against
Alembic's own answer). Alembic is imported only to migrate, SQLAlchemy only by the
functions that take an engine: ``storage.sqlite_file`` asks for the head revision
without it.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
QUEUE_TABLE_PREFIX = "procrastinate_"
"""Tables of the job queue library (revision 0004_job_queue, PostgreSQL only), not ours."""


def is_own_object(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic ``include_name`` hook: compare our tables only, not the job queue's."""
    return not (type_ == "table" and name is not None and name.startswith(QUEUE_TABLE_PREFIX))


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config pointing at the packaged scripts; ``engine`` is handed to env.py."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind ``engine`` to ``revision`` (default: the newest)."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the database behind ``engine`` to ``revision``."""
    from alembic import command

    command.downgrade(alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty (never migrated) database."""
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


_REVISION_LINE = re.compile(
    r"^(down_revision|revision)\b[^=]*=\s*(?:\"([^\"]*)\"|'([^']*)'|None)", re.M
)


def revision_lines(script: str) -> list[tuple[str, str]]:
    """The ``(revision|down_revision, id)`` pairs a migration script sets, in either quote
    style (Alembic's template writes ``repr()``, single quotes; ruff makes them double)."""
    return [
        (key, double or single)
        for key, double, single in _REVISION_LINE.findall(script)
        if double or single
    ]


@functools.cache
def head_revision() -> str:
    """The newest revision shipped with this version of runstrong: the one no other
    script names as its ``down_revision`` (one chain; read from the files, no Alembic)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for key, value in revision_lines(script.read_text(encoding="utf-8")):
            (revisions if key == "revision" else parents).add(value)
    heads = revisions - parents
    if len(heads) != 1:  # pragma: no cover - a packaging error, caught by the tests
        raise RuntimeError(f"the shipped migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def revisions_oldest_first() -> list[str]:
    """Every shipped revision id, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]
