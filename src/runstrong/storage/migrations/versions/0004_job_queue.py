"""Job queue schema of procrastinate (PostgreSQL only).

Background jobs on PostgreSQL are claimed, locked and retried by
procrastinate (docs/web.md "Background jobs"); its tables, functions and
triggers are created here, from the SQL file shipped with the installed
procrastinate, so ``runstrong db upgrade`` (and app start-up with
auto-migration) is the one way the schema is applied. SQLite needs none of
it: jobs there run on threads inside the web process.

Upgrading procrastinate to a release with new files in its
``sql/migrations`` folder needs a new revision that runs those files;
``tests/storage/test_migrations.py`` fails until one is added.

Create Date: 2026-12-06 22:30:00
"""

from __future__ import annotations

from importlib import resources

from alembic import op

revision = "0004_job_queue"
down_revision = "0003_session_matches"

PROCRASTINATE_SCHEMA_VERSION = "03.04.00_50_post_add_retry_failed_job_procedure"
"""The newest file of procrastinate's ``sql/migrations`` that this schema includes."""


def _raw_execute(sql: str) -> None:
    """Run a multi-statement script on the migration's own connection and transaction
    (psycopg's ``execute`` without parameters, so ``%`` in the script stays literal)."""
    driver_connection = op.get_bind().connection.driver_connection
    assert driver_connection is not None
    driver_connection.execute(sql)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema_sql = (resources.files("procrastinate.sql") / "schema.sql").read_text(encoding="utf-8")
    _raw_execute(schema_sql)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    _raw_execute(
        """
        DROP TABLE IF EXISTS procrastinate_events, procrastinate_periodic_defers,
            procrastinate_jobs, procrastinate_workers CASCADE;
        DO $$
        DECLARE fn record;
        BEGIN
            FOR fn IN
                SELECT p.oid::regprocedure AS signature
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE p.proname LIKE 'procrastinate\\_%' AND n.nspname = current_schema()
            LOOP
                EXECUTE 'DROP ROUTINE ' || fn.signature || ' CASCADE';
            END LOOP;
        END $$;
        DROP TYPE IF EXISTS procrastinate_job_status, procrastinate_job_event_type,
            procrastinate_job_to_defer_v1 CASCADE;
        """
    )
