"""Alembic environment: migrates the engine handed in by ``runstrong.storage.migrate``.

Run from the command line (developers generating a revision) it falls back to
``runstrong.storage.db.make_engine()``, i.e. ``RUNSTRONG_DATABASE_URL``.
"""

from __future__ import annotations

from alembic import context

from runstrong.storage.db import make_engine
from runstrong.storage.migrate import is_own_object
from runstrong.storage.schema import metadata

config = context.config
engine = config.attributes.get("engine") or make_engine()

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=is_own_object,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
