"""A saved plan written with the standard library (``storage.sqlite_file``) stores the
same rows as the Core repositories, and is used only where it is safe.

Each case prepares one migrated SQLite file, copies it, stores the same plan into one
copy through SQLAlchemy Core (``planning.new_plan`` with an engine) and into the other
through ``sqlite3`` (with the ``SQLiteFile`` the CLI opens), then compares every row of
every table, byte for byte as SQLite holds them.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Connection
from sqlalchemy.engine import make_url

from runstrong.core.errors import StorageError
from runstrong.exporters.plan_json import load_plan
from runstrong.services import planning
from runstrong.storage import repo_accounts, repo_plans
from runstrong.storage.db import begin, make_engine
from runstrong.storage.migrate import head_revision, revisions_oldest_first, upgrade
from runstrong.storage.sqlite_file import SQLiteFile, open_current, plain_sqlite_path

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "examples" / "athlete.toml"
START = dt.date(2027, 2, 22)  # a short season: seven weeks to the race and a transition
NOW = dt.datetime(2027, 2, 21, 18, 30, 5, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2)))
EARLIER = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC)


def _nothing(_db: Connection) -> None:
    """An empty database: the athlete is added."""


def _me_without_profile(db: Connection) -> None:
    """The "me" a first ``runstrong log`` made is adopted and renamed."""
    repo_accounts.add_athlete(db, "me", now=EARLIER)


def _same_athlete_with_plans(db: Connection) -> None:
    """The athlete exists with a profile, an old inactive and an active plan, beside
    another local athlete with an active plan of its own (left alone)."""
    alex = repo_accounts.add_athlete(db, "Alex Example", now=EARLIER, profile_toml="old")
    sam = repo_accounts.add_athlete(db, "Sam", now=EARLIER)
    repo_plans.add_plan(db, alex.id, "{}", format_version="1.0", now=EARLIER)
    repo_plans.add_plan(db, alex.id, '{"b": 1}', format_version="1.0", now=EARLIER)
    repo_plans.add_plan(db, sam.id, '{"s": 1}', format_version="1.0", now=EARLIER)


def _me_and_another(db: Connection) -> None:
    """Two local athletes: "me" is not adopted, a third athlete is added."""
    repo_accounts.add_athlete(db, "me", now=EARLIER)
    repo_accounts.add_athlete(db, "Sam", now=EARLIER)


def _me_with_a_profile(db: Connection) -> None:
    """A "me" that has a profile already is someone's: not adopted, a new athlete."""
    repo_accounts.add_athlete(db, "me", now=EARLIER, profile_toml="name = 'me'")


def _web_athlete_of_that_name(db: Connection) -> None:
    """A web user's athlete of the same name is not the CLI's: a local one is added."""
    user = repo_accounts.add_user(db, "alex@example.org", "hash", now=EARLIER)
    repo_accounts.add_athlete(db, "Alex Example", now=EARLIER, owner_user_id=user.id)


CASES: dict[str, Callable[[Connection], None]] = {
    "empty": _nothing,
    "adopt-me": _me_without_profile,
    "existing-athlete": _same_athlete_with_plans,
    "me-and-another": _me_and_another,
    "me-with-profile": _me_with_a_profile,
    "web-athlete": _web_athlete_of_that_name,
}


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (with SQLite's own ``sqlite_sequence``), as stored."""
    connection = sqlite3.connect(path)
    try:
        names = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            name: connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
            for name in sorted(names)
        }
    finally:
        connection.close()


def _copy(source: Path, target: Path) -> None:
    """A consistent copy of a WAL database (SQLite's backup API)."""
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _prepared(template: Path, tmp_path: Path, setup: Callable[[Connection], None]) -> Path:
    path = tmp_path / "prepared.sqlite3"
    shutil.copyfile(template, path)
    engine = make_engine(f"sqlite:///{path}")
    with begin(engine) as connection:
        setup(connection)
    engine.dispose()
    return path


def _lite(path: Path) -> SQLiteFile:
    found = open_current(f"sqlite:///{path}", head_revision())
    assert found is not None
    return found


@pytest.mark.parametrize("case", list(CASES))
def test_the_sqlite_writer_stores_what_the_core_repositories_store(
    case: str, _sqlite_template: Path, tmp_path: Path
) -> None:
    prepared = _prepared(_sqlite_template, tmp_path, CASES[case])
    core_path, lite_path = tmp_path / "core.sqlite3", tmp_path / "lite.sqlite3"
    _copy(prepared, core_path)
    _copy(prepared, lite_path)
    before = _dump(lite_path)

    engine = make_engine(f"sqlite:///{core_path}")
    by_core = planning.new_plan(PROFILE, START, database=engine, now=NOW)
    engine.dispose()
    lite = _lite(lite_path)
    by_lite = planning.new_plan(PROFILE, START, database=lite, now=NOW)
    lite.close()

    assert (by_lite.athlete_id, by_lite.plan_id) == (by_core.athlete_id, by_core.plan_id)
    after = _dump(lite_path)
    assert after != before  # it did store
    assert after == _dump(core_path)


def test_a_plan_saved_by_the_sqlite_writer_reads_back_as_built(
    _sqlite_template: Path, tmp_path: Path
) -> None:
    path = tmp_path / "db.sqlite3"
    shutil.copyfile(_sqlite_template, path)
    lite = _lite(path)
    result = planning.new_plan(PROFILE, START, database=lite, now=NOW)
    lite.close()
    assert result.athlete_id is not None
    engine = make_engine(f"sqlite:///{path}")
    with begin(engine) as connection:
        athlete = repo_accounts.get_athlete(connection, result.athlete_id)
        stored = repo_plans.active_plan(connection, result.athlete_id)
    engine.dispose()
    assert stored is not None and stored.id == result.plan_id
    assert load_plan(stored.plan_json) == result.plan
    assert (athlete.name, athlete.profile_toml) == (
        "Alex Example",
        PROFILE.read_text(encoding="utf-8"),
    )
    assert stored.created_at == athlete.created_at == NOW.astimezone(dt.UTC)


def test_a_failed_write_is_rolled_back_and_named(_sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _copy(_prepared(_sqlite_template, tmp_path, _me_without_profile), path)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "CREATE TRIGGER full BEFORE INSERT ON plans BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    connection.close()
    before = _dump(path)
    lite = _lite(path)
    with pytest.raises(StorageError) as caught:
        planning.new_plan(PROFILE, START, database=lite, now=NOW)
    lite.close()
    assert str(caught.value) == f"cannot store the plan in 'sqlite:///{path}': disk full"
    assert _dump(path) == before  # "me" was not renamed, no profile stored


def test_a_schema_changed_since_opening_is_not_written(
    _sqlite_template: Path, tmp_path: Path
) -> None:
    """Another process migrated the file while the plan was built: nothing is stored."""
    path = tmp_path / "db.sqlite3"
    shutil.copyfile(_sqlite_template, path)
    lite = _lite(path)
    with sqlite3.connect(path) as other:
        other.execute("UPDATE alembic_version SET version_num = '9999_newer'")
    other.close()
    before = _dump(path)
    with pytest.raises(StorageError) as caught:
        planning.new_plan(PROFILE, START, database=lite, now=NOW)
    lite.close()
    assert str(caught.value) == (
        f"the schema of 'sqlite:///{path}' changed to revision '9999_newer' while the plan "
        f"was built (this runstrong writes {head_revision()!r}): run the command again"
    )
    assert _dump(path) == before


@pytest.mark.parametrize(
    "name",
    ["db.sqlite3", "with space/run strong.db", "a+b/x_y-z~.sqlite3", "ü.sqlite3", "%41.db"],
)
def test_a_plain_path_is_the_file_sqlalchemy_opens_and_shows(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``plain_sqlite_path`` accepts a URL only where SQLAlchemy reads the same file and
    shows the URL as written (the CLI's settings file is keyed by the shown URL)."""
    monkeypatch.chdir(tmp_path)
    for url in (f"sqlite:///{tmp_path / name}", f"sqlite:///{name}", f"sqlite+pysqlite:///{name}"):
        parsed = make_url(url)
        same = parsed.render_as_string(hide_password=True) == url
        path = plain_sqlite_path(url)
        assert path == (str(Path(parsed.database or "").absolute()) if same else None), url


@pytest.mark.parametrize(
    "url",
    [
        "sqlite://",
        "sqlite:///:memory:",
        "sqlite:///file:x.db?mode=ro&uri=true",
        "sqlite:///x.db?timeout=3",
        "postgresql+psycopg://user@localhost/runstrong",
    ],
)
def test_other_urls_go_through_the_engine(url: str) -> None:
    assert plain_sqlite_path(url) is None
    assert open_current(url, head_revision()) is None


def test_only_a_file_at_the_newest_schema_is_written_directly(tmp_path: Path) -> None:
    """A missing file is not created, a new or older schema is left to the engine (which
    migrates), a schema of a newer runstrong too (the engine refuses it)."""
    missing = tmp_path / "missing.sqlite3"
    assert open_current(f"sqlite:///{missing}", head_revision()) is None
    assert not missing.exists()
    path = tmp_path / "db.sqlite3"
    sqlite3.connect(path).close()
    url = f"sqlite:///{path}"
    assert open_current(url, head_revision()) is None  # never migrated
    engine = make_engine(url)
    upgrade(engine, revisions_oldest_first()[-2])
    assert open_current(url, head_revision()) is None  # one revision behind
    upgrade(engine)
    engine.dispose()
    assert open_current(url, "9999_from_the_future") is None
    found = open_current(url, head_revision())
    assert found is not None
    found.close()
