"""Use cases of the planner: build a plan from a profile file, write its outputs,
store it for the athlete, and load the latest plan back."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.athlete import Athlete
from runstrong.core.errors import NotFoundError, PlanFormatError
from runstrong.core.model import Plan
from runstrong.core.planning.build import build_plan
from runstrong.core.planning.periodization import PlanOptions
from runstrong.exporters import fitworkout, ics, markdown, plan_json
from runstrong.services.athletes import DEFAULT_ATHLETE_NAME
from runstrong.services.profile import parse_profile_text, read_profile_text
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction
from runstrong.storage.records import AthleteRecord


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


def new_plan(
    profile_path: Path,
    start: dt.date,
    *,
    options: PlanOptions | None = None,
    outputs: Outputs = Outputs(),
    database: sessionmaker[Session] | None = None,
    now: dt.datetime,
) -> NewPlan:
    """Read the profile, build the season, write the outputs, store it (if a database is given)."""
    text = read_profile_text(profile_path)
    athlete = parse_profile_text(text, profile_path.name)
    plan = build_plan(athlete, start, options=options)
    written = write_outputs(plan, athlete, outputs, now=now)
    plan_id = None
    if database is not None:
        with transaction(database) as session:
            record = (
                repo.find_athlete(session, athlete.name)
                or _adopt_default(session, athlete.name)
                or repo.add_athlete(session, athlete.name, now=now)
            )
            repo.set_athlete_profile(session, record.id, text)
            stored = repo.add_plan(
                session,
                record.id,
                plan_json.dump_plan(plan),
                format_version=plan.format_version,
                now=now,
            )
            plan_id = stored.id
    return NewPlan(plan, athlete, tuple(written), plan_id)


def write_outputs(
    plan: Plan, athlete: Athlete, outputs: Outputs, *, now: dt.datetime
) -> list[Path]:
    """Write the requested files; everything is rendered and every destination checked
    first, so a bad time zone or a missing folder leaves no file half of a set.
    ``now`` stamps the calendar file (its DTSTAMP is when it was made)."""
    texts: list[tuple[Path, str]] = []
    if outputs.json is not None:
        texts.append((outputs.json, plan_json.dump_plan(plan)))
    if outputs.ics is not None:
        texts.append(
            (outputs.ics, ics.plan_to_ics(plan, athlete.timezone, dtstamp=now, units=athlete.units))
        )
    if outputs.md is not None:
        texts.append((outputs.md, markdown.plan_to_markdown(plan, athlete.units)))
    for path, _ in texts:
        if not path.parent.is_dir():
            raise PlanFormatError(f"cannot write '{path}': folder '{path.parent}' does not exist")
    if outputs.fit_dir is not None and outputs.fit_dir.exists() and not outputs.fit_dir.is_dir():
        raise PlanFormatError(f"cannot create '{outputs.fit_dir}': it is a file, not a folder")
    written: list[Path] = []
    for path, text in texts:
        _write(path, text)
        written.append(path)
    if outputs.fit_dir is not None:
        try:
            outputs.fit_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise PlanFormatError(f"cannot create '{outputs.fit_dir}': {exc.strerror}") from None
        written.extend(fitworkout.write_workouts(plan, outputs.fit_dir, athlete.units))
    return written


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
    return plan_json.load_plan(text, source=path.name)


def latest_plan(database: sessionmaker[Session], athlete_name: str | None = None) -> Plan:
    """The newest active plan in the database (of ``athlete_name``, or of any athlete)."""
    with transaction(database) as session:
        athletes = repo.list_athletes(session)
        if athlete_name is not None:
            athletes = [a for a in athletes if a.name == athlete_name]
        stored = [p for a in athletes if (p := repo.active_plan(session, a.id)) is not None]
    if not stored:
        raise NotFoundError(
            "no saved plan yet: run runstrong plan new --profile FILE, or pass --plan FILE"
        )
    newest = max(stored, key=lambda p: (p.created_at, p.id))
    return plan_json.load_plan(newest.plan_json, source="saved plan")


def _adopt_default(session: Session, name: str) -> AthleteRecord | None:
    """The athlete a first command created as "me" (no profile yet, the only local one)
    takes the profile's name, so the log it already holds and the new plan belong to one
    athlete and ``runstrong today`` finds the plan."""
    local = [a for a in repo.list_athletes(session) if a.owner_user_id is None]
    if len(local) == 1 and local[0].name == DEFAULT_ATHLETE_NAME and not local[0].profile_toml:
        return repo.rename_athlete(session, local[0].id, name)
    return None


def plan_units(database: sessionmaker[Session], plan: Plan) -> str:
    """Display units ("km" or "mi") from the saved profile of the plan's athlete; "km"
    when the athlete or the field is unknown."""
    with transaction(database) as session:
        record = repo.find_athlete(session, plan.athlete)
    return profile_units(None if record is None else record.profile_toml)


def profile_units(profile_toml: str | None) -> str:
    """Display units ("km" or "mi") written in a stored profile; "km" when there is
    none or it does not parse (the parser reports that elsewhere)."""
    if not profile_toml:
        return "km"
    try:
        units = tomllib.loads(profile_toml).get("units", "km")
    except tomllib.TOMLDecodeError:
        return "km"
    return "mi" if units == "mi" else "km"
