"""The web's plan use cases: build a season plan for a stored athlete, store it as the
athlete's active plan, and read the active plan back (parsed once per stored text).

The CLI's ``plan new`` has its own path (``services.planning``), which reads a profile
file and keeps SQLAlchemy out of ``--no-save``; both build with
``core.planning.build.build_plan`` and store with ``repository.add_plan``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from runstrong.core.athlete import Athlete
from runstrong.core.errors import ImplausibleResultError, RunstrongError
from runstrong.core.model import Plan
from runstrong.core.planning.build import build_plan
from runstrong.exporters.plan_json import dump_plan
from runstrong.services.coach_cache import parsed_plan
from runstrong.storage import repository

log = logging.getLogger("runstrong.services.plan_store")
Planner = Callable[[Athlete, dt.date], Plan]


def planner() -> Planner:
    """The planner: ``core.planning.build.build_plan(athlete, start)``."""
    return build_plan


@dataclass(frozen=True, slots=True)
class BuildFailure:
    """Why no plan could be built. ``path`` is the profile field to fix when the error
    is about one the message does not quote (a race time too fast for any plan); the
    web finds the field in ``reason`` otherwise. ``unexpected``: a planner defect, logged."""

    reason: str
    path: str | None = None
    unexpected: bool = False


def attempt_plan(athlete: Athlete, today: dt.date) -> Plan | BuildFailure:
    """Run the planner; a failure is returned (with what to fix), never raised."""
    try:
        return planner()(athlete, today)
    except ImplausibleResultError as exc:  # the race time sets the paces
        return BuildFailure(str(exc), "running.recent_race.time")
    except RunstrongError as exc:
        return BuildFailure(str(exc))
    except Exception:  # the profile must not be lost when the planner fails
        log.exception("planner failed for athlete %s", athlete.name)
        return BuildFailure("the planner failed unexpectedly (the error was logged)", None, True)


def store_plan(db: Session, athlete_id: int, plan: Plan, *, now: dt.datetime) -> str:
    """Store ``plan`` as the athlete's active plan; returns the message for the user."""
    repository.add_plan(
        db, athlete_id, dump_plan(plan), format_version=plan.format_version, now=now
    )
    weeks = len(plan.weeks)
    broken = len(plan.broken_rules)
    note = f" It had to bend {broken} rule(s); see the list on this page." if broken else ""
    return f"Your {weeks}-week plan to {plan.race_date:%d %b %Y} is ready.{note}"


def current_plan(db: Session, athlete_id: int) -> Plan | None:
    """The athlete's active plan, parsed once while its stored text is unchanged (the
    coach's cache, ``coach_cache.parsed_plan``); None when there is none."""
    stored = repository.active_plan(db, athlete_id)
    return None if stored is None else parsed_plan(db, stored)
