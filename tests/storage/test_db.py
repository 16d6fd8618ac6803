"""The engine set-up: SQLite transactions that write take the lock when they begin."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event, text

from runstrong.storage.db import make_engine, make_session_factory, transaction


def test_sqlite_transaction_takes_the_write_lock_up_front(tmp_path: Path) -> None:
    """A read-then-write use case must not fail with "database is locked" when another
    writer commits in between: ``transaction`` begins IMMEDIATE on SQLite."""
    engine = make_engine(f"sqlite:///{tmp_path / 'lock.sqlite3'}")
    begins: list[str] = []
    event.listen(
        engine,
        "before_cursor_execute",
        lambda _c, _cur, statement, *_a: begins.append(statement) if "BEGIN" in statement else None,
    )
    factory = make_session_factory(engine)
    with transaction(factory) as s:
        s.execute(text("select 1"))
    with factory() as s, s.begin():
        s.execute(text("select 1"))
    engine.dispose()
    assert begins == ["BEGIN IMMEDIATE", "BEGIN"]
