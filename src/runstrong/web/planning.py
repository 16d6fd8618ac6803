"""The web's bridge to the planner: build a season plan for an athlete and store it.

The plan is the plan format's JSON (``exporters.plan_json``) stored through the
repository as the athlete's active plan; pages read it back with
:func:`current_plan`.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from runstrong.core.athlete import Athlete
from runstrong.core.errors import ImplausibleResultError, RunstrongError
from runstrong.core.model import Plan
from runstrong.core.planning.build import build_plan
from runstrong.exporters.plan_json import dump_plan, load_plan
from runstrong.storage import repository
from runstrong.web.deps import utcnow
from runstrong.web.profile_form import field_of_error

log = logging.getLogger("runstrong.web.planning")
Planner = Callable[[Athlete, dt.date], Plan]


def planner() -> Planner:
    """The planner: ``core.planner.build_plan(athlete, start)``."""
    return build_plan


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7)


@dataclass(frozen=True, slots=True)
class BuildFailure:
    """Why no plan could be built, and the profile form field to fix ('form' when none)."""

    reason: str
    field: str
    unexpected: bool = False


def attempt_plan(athlete: Athlete, today: dt.date) -> Plan | BuildFailure:
    """Run the planner; a failure is returned (with the field to fix), never raised."""
    try:
        return planner()(athlete, today)
    except ImplausibleResultError as exc:  # the race time sets the paces
        return BuildFailure(str(exc), "running.recent_race.time")
    except RunstrongError as exc:
        return BuildFailure(str(exc), field_of_error(str(exc)))
    except Exception:  # the profile must not be lost when the planner fails
        log.exception("planner failed for athlete %s", athlete.name)
        return BuildFailure("the planner failed unexpectedly (the error was logged)", "form", True)


def store_plan(db: Session, athlete_id: int, plan: Plan) -> str:
    """Store ``plan`` as the athlete's active plan; returns the message for the user."""
    repository.add_plan(
        db, athlete_id, dump_plan(plan), format_version=plan.format_version, now=utcnow()
    )
    weeks = len(plan.weeks)
    broken = len(plan.broken_rules)
    note = f" It had to bend {broken} rule(s); see the list on this page." if broken else ""
    return f"Your {weeks}-week plan to {plan.race_date:%d %b %Y} is ready.{note}"


def build_and_store_plan(db: Session, athlete_id: int, athlete: Athlete, today: dt.date) -> str:
    """Build a plan starting today and store it as active; returns a message for the user."""
    outcome = attempt_plan(athlete, today)
    if isinstance(outcome, BuildFailure):
        return f"Profile saved, but no plan could be built: {outcome.reason}"
    return store_plan(db, athlete_id, outcome)


def current_plan(db: Session, athlete_id: int) -> Plan | None:
    """The athlete's active plan, parsed; None when there is none."""
    stored = repository.active_plan(db, athlete_id)
    if stored is None:
        return None
    cached = _PARSED_PLANS.get(stored.id)
    if cached is not None and cached[0] == stored.plan_json:  # memcmp: far cheaper than parsing
        return cached[1]
    plan = load_plan(stored.plan_json, source=f"plan {stored.id}")
    with _PARSED_LOCK:
        if len(_PARSED_PLANS) >= 32:
            _PARSED_PLANS.pop(next(iter(_PARSED_PLANS)), None)
        _PARSED_PLANS[stored.id] = (stored.plan_json, plan)
    return plan


_PARSED_PLANS: dict[int, tuple[str, Plan]] = {}
_PARSED_LOCK = threading.Lock()
"""Parsed plans by plan id with the text they came from (``Plan`` is frozen, so requests
may share one). Validating and building a season's plan takes ~35 ms and every Today and
Plan request needs it (benchmarks/bench_web.py); comparing the text is ~100 times cheaper."""
