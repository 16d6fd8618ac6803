"""Use cases of the planner: build a plan from a profile file, write its outputs,
store it for the athlete, and load the latest plan back.

Only what every use case needs is imported at the top. SQLAlchemy, the storage
layer and each exporter are imported inside the function that uses them, so
``runstrong plan new --no-save`` (no database, no files) pays for neither. A saved
plan is stored through a :class:`PlanWriter`: on a SQLite file already at the newest
schema, the standard library's ``sqlite3`` (``storage.sqlite_file``: no SQLAlchemy at
all), else Core statements (``storage.db.begin``, the athlete and plan repositories),
so ``plan new`` never imports the ORM (``tests/cli/test_startup.py`` checks both;
docs/benchmarks.md has the figures).
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from runstrong.core.athlete import Athlete
from runstrong.core.errors import InputError, NotFoundError, PlanFormatError, StorageError
from runstrong.core.model import Plan
from runstrong.core.planning.build import build_plan
from runstrong.core.planning.periodization import PlanOptions
from runstrong.services.profile import parse_profile_text, read_profile_text

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from runstrong.storage.records import AthleteRecord
    from runstrong.storage.rows import Executor
    from runstrong.storage.sqlite_file import SQLiteFile


@dataclass(frozen=True, slots=True)
class Outputs:
    """Files to write besides the database copy."""

    json: Path | None = None
    ics: Path | None = None
    fit_dir: Path | None = None
    md: Path | None = None


@dataclass(frozen=True, slots=True)
class NewPlan:
    plan: Plan
    athlete: Athlete
    written: tuple[Path, ...]
    plan_id: int | None
    athlete_id: int | None = None
    """The stored athlete (the profile's name), when the plan was saved."""
    replaced: str | None = None
    """With ``replace``: the profile file of the athlete whose profile and plan this one
    replaced (another file than this profile's), else None."""


@dataclass(frozen=True, slots=True)
class Stored:
    """What :func:`_save` stored: the athlete, the new plan, the profile file replaced."""

    athlete_id: int
    plan_id: int
    replaced: str | None = None


def new_plan(
    profile_path: Path,
    start: dt.date,
    *,
    options: PlanOptions | None = None,
    outputs: Outputs = Outputs(),
    database: Engine | SQLiteFile | None = None,
    now: dt.datetime,
    replace: bool = False,
) -> NewPlan:
    """Read the profile, build the season, store it (if a database is given: an engine
    migrated to the newest schema, or a SQLite file found at it), write the outputs.

    The files are rendered and their folders checked first, and written only once the
    plan is stored, so a refused profile (another athlete of the same name, see
    :func:`_save`; ``replace`` says it is the same athlete) leaves neither rows nor files."""
    text = read_profile_text(profile_path)
    athlete = parse_profile_text(text, profile_path.name)
    plan = build_plan(athlete, start, options=options)
    # The plan's JSON is rendered once, for both the --json file and the database copy.
    plan_text = _dump(plan) if database is not None or outputs.json is not None else None
    texts = prepare_outputs(plan, athlete, outputs, now=now, plan_text=plan_text)
    stored = None
    if database is not None:
        profile = Profile(athlete.name, text, str(profile_path.resolve()))
        with _plan_writer(database) as writer:
            stored = _save(
                writer, profile, plan, plan_text or _dump(plan), now=now, replace=replace
            )
    written = _write_all(plan, athlete, outputs, texts)
    if stored is None:
        return NewPlan(plan, athlete, tuple(written), None)
    return NewPlan(
        plan, athlete, tuple(written), stored.plan_id, stored.athlete_id, stored.replaced
    )


@dataclass(frozen=True, slots=True)
class Profile:
    """The profile a plan is stored with: the athlete's name, the text, its file's path."""

    name: str
    text: str
    source: str


def _dump(plan: Plan) -> str:
    from runstrong.exporters import plan_json

    return plan_json.dump_plan(plan)


@contextmanager
def _plan_writer(database: Engine | SQLiteFile) -> Iterator[PlanWriter]:
    """A :class:`PlanWriter` whose writes make one transaction, committed when the block
    ends and rolled back when it raises (as :func:`_save` does when it refuses). On a
    SQLite file at the newest schema (``storage.sqlite_file``) the standard library
    writes the rows; otherwise Core statements (the athlete and plan repositories): no
    ORM either way."""
    from runstrong.storage.sqlite_file import SQLiteFile

    if isinstance(database, SQLiteFile):
        import sqlite3

        from runstrong.storage import sqlite_file

        try:
            with sqlite_file.begin(database) as writer:
                yield writer
        except sqlite3.Error as exc:
            raise StorageError(f"cannot store the plan in {database.url!r}: {exc}") from None
    else:
        from runstrong.storage.db import begin

        with begin(database) as connection:
            yield CoreWriter(connection)


class PlanWriter(Protocol):
    """The athlete and plan writes of a saved plan (``storage.sqlite_file.SQLiteWriter``,
    or :class:`CoreWriter` over the Core repositories), for local athletes."""

    def find_athlete(self, name: str) -> AthleteRecord | None: ...
    def list_athletes(self) -> list[AthleteRecord]: ...
    def add_athlete(self, name: str, *, now: dt.datetime) -> AthleteRecord: ...
    def rename_athlete(self, athlete_id: int, name: str) -> AthleteRecord: ...
    def set_athlete_profile(
        self, athlete_id: int, profile_toml: str | None, *, source: str | None = None
    ) -> None: ...
    def add_plan(
        self, athlete_id: int, plan_json: str, *, format_version: str, now: dt.datetime
    ) -> int: ...


class CoreWriter:
    """:class:`PlanWriter` through the Core repository functions on one connection."""

    def __init__(self, db: Executor) -> None:
        self._db = db

    def find_athlete(self, name: str) -> AthleteRecord | None:
        from runstrong.storage import repo_accounts

        return repo_accounts.find_athlete(self._db, name)

    def list_athletes(self) -> list[AthleteRecord]:
        from runstrong.storage import repo_accounts

        return repo_accounts.list_athletes(self._db)

    def add_athlete(self, name: str, *, now: dt.datetime) -> AthleteRecord:
        from runstrong.storage import repo_accounts

        return repo_accounts.add_athlete(self._db, name, now=now)

    def rename_athlete(self, athlete_id: int, name: str) -> AthleteRecord:
        from runstrong.storage import repo_accounts

        return repo_accounts.rename_athlete(self._db, athlete_id, name)

    def set_athlete_profile(
        self, athlete_id: int, profile_toml: str | None, *, source: str | None = None
    ) -> None:
        from runstrong.storage import repo_accounts

        repo_accounts.set_athlete_profile(self._db, athlete_id, profile_toml, source=source)

    def add_plan(
        self, athlete_id: int, plan_json: str, *, format_version: str, now: dt.datetime
    ) -> int:
        from runstrong.storage import repo_plans

        return repo_plans.add_plan(
            self._db, athlete_id, plan_json, format_version=format_version, now=now
        ).id


def _save(
    writer: PlanWriter,
    profile: Profile,
    plan: Plan,
    plan_text: str,
    *,
    now: dt.datetime,
    replace: bool = False,
) -> Stored:
    """Store the profile and the plan for the local athlete of the profile's name.

    An athlete is the one planned from one profile file: planning again from that file
    (edited or not) updates it. An athlete of that name with a profile from another file
    is someone else who only shares the name: refused (``InputError``, before any
    write) unless ``replace`` says it is the same athlete, or the texts are the same.
    An athlete without a profile yet (``athlete add NAME``, or stored before the file
    was recorded) takes this one."""
    record = writer.find_athlete(profile.name)
    replaced = None
    if record is None:
        record = _adopt_default(writer, profile.name) or writer.add_athlete(profile.name, now=now)
    elif _another_athlete(record, profile):
        if not replace:
            raise InputError(
                f"an athlete named {record.name!r} already exists (id {record.id}, planned "
                f"from {record.profile_source}); to plan that athlete from "
                f"{profile.source} pass --replace, or rename this one (name = … in that file)"
            )
        replaced = record.profile_source
    writer.set_athlete_profile(record.id, profile.text, source=profile.source)
    plan_id = writer.add_plan(record.id, plan_text, format_version=plan.format_version, now=now)
    return Stored(record.id, plan_id, replaced)


def _another_athlete(record: AthleteRecord, profile: Profile) -> bool:
    """Whether ``record`` was planned from another profile file with other contents."""
    return (
        bool(record.profile_toml)
        and record.profile_source is not None
        and record.profile_source != profile.source
        and record.profile_toml != profile.text
    )


def write_outputs(
    plan: Plan,
    athlete: Athlete,
    outputs: Outputs,
    *,
    now: dt.datetime,
    plan_text: str | None = None,
) -> list[Path]:
    """Write the requested files; everything is rendered and every destination checked
    first, so a bad time zone or a missing folder leaves no file half of a set.
    ``now`` stamps the calendar file (its DTSTAMP is when it was made); ``plan_text``
    is the plan's JSON when the caller already has it."""
    texts = prepare_outputs(plan, athlete, outputs, now=now, plan_text=plan_text)
    return _write_all(plan, athlete, outputs, texts)


def prepare_outputs(
    plan: Plan,
    athlete: Athlete,
    outputs: Outputs,
    *,
    now: dt.datetime,
    plan_text: str | None = None,
) -> list[tuple[Path, str]]:
    """Each requested text file with its contents, every destination checked (a missing
    folder, a FIT folder that is a file: ``PlanFormatError``); nothing is written."""
    texts = _render(plan, athlete, outputs, now=now, plan_text=plan_text)
    for path, _ in texts:
        if not path.parent.is_dir():
            raise PlanFormatError(f"cannot write '{path}': folder '{path.parent}' does not exist")
    if outputs.fit_dir is not None and outputs.fit_dir.exists() and not outputs.fit_dir.is_dir():
        raise PlanFormatError(f"cannot create '{outputs.fit_dir}': it is a file, not a folder")
    return texts


def _write_all(
    plan: Plan, athlete: Athlete, outputs: Outputs, texts: list[tuple[Path, str]]
) -> list[Path]:
    """Write the files :func:`prepare_outputs` rendered, then the FIT workouts."""
    written: list[Path] = []
    for path, text in texts:
        _write(path, text)
        written.append(path)
    if outputs.fit_dir is not None:
        try:
            outputs.fit_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PlanFormatError(f"cannot create '{outputs.fit_dir}': {exc.strerror}") from None
        from runstrong.exporters import fitworkout

        written.extend(fitworkout.write_workouts(plan, outputs.fit_dir, athlete.units))
    return written


def _render(
    plan: Plan, athlete: Athlete, outputs: Outputs, *, now: dt.datetime, plan_text: str | None
) -> list[tuple[Path, str]]:
    """Each requested text file with its contents (an exporter is imported only when asked)."""
    texts: list[tuple[Path, str]] = []
    if outputs.json is not None:
        texts.append((outputs.json, plan_text if plan_text is not None else _dump(plan)))
    if outputs.ics is not None:
        from runstrong.exporters import ics

        texts.append(
            (outputs.ics, ics.plan_to_ics(plan, athlete.timezone, dtstamp=now, units=athlete.units))
        )
    if outputs.md is not None:
        from runstrong.exporters import markdown

        texts.append((outputs.md, markdown.plan_to_markdown(plan, athlete.units)))
    return texts


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise PlanFormatError(f"cannot write '{path}': {exc.strerror}") from None


def read_plan_file(path: Path) -> Plan:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanFormatError(f"plan file '{path}' does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanFormatError(f"plan file '{path}' cannot be read: {exc}") from None
    from runstrong.exporters import plan_json

    return plan_json.load_plan(text, source=path.name)


def has_athletes(session: Session) -> bool:
    """Whether the database holds any athlete yet."""
    from runstrong.storage import repository as repo

    return bool(repo.list_athletes(session))


def latest_plan(database: sessionmaker[Session], athlete: AthleteRecord) -> Plan:
    """The active plan of ``athlete`` (``NotFoundError`` naming the athlete if none)."""
    from runstrong.exporters import plan_json
    from runstrong.storage import repository as repo
    from runstrong.storage.db import transaction

    with transaction(database) as session:
        stored = repo.active_plan(session, athlete.id)
    if stored is None:
        raise NotFoundError(
            f"no saved plan yet for {athlete.name!r}: run runstrong plan new --profile FILE, "
            "pass --plan FILE, or name another athlete with --athlete NAME"
        )
    return plan_json.load_plan(stored.plan_json, source="saved plan")


def _adopt_default(writer: PlanWriter, name: str) -> AthleteRecord | None:
    """The athlete a first command created as "me" (no profile yet, the only local one)
    takes the profile's name, so the log it already holds and the new plan belong to one
    athlete and ``runstrong today`` finds the plan."""
    from runstrong.storage.records import DEFAULT_ATHLETE_NAME

    local = [a for a in writer.list_athletes() if a.owner_user_id is None]
    if len(local) == 1 and local[0].name == DEFAULT_ATHLETE_NAME and not local[0].profile_toml:
        return writer.rename_athlete(local[0].id, name)
    return None


@functools.lru_cache(maxsize=64)
def profile_units(profile_toml: str | None) -> str:
    """Display units ("km" or "mi") written in a stored profile; "km" when there is
    none or it does not parse (the parser reports that elsewhere). Kept by text: every
    page asks, and parsing the TOML cost ~1 ms of a Today view."""
    if not profile_toml:
        return "km"
    try:
        units = tomllib.loads(profile_toml).get("units", "km")
    except tomllib.TOMLDecodeError:
        return "km"
    return "mi" if units == "mi" else "km"
