"""The web's bridge to the planner: build a season plan for an athlete and store it.

The plan is the plan format's JSON (``exporters.plan_json``) stored through the
repository as the athlete's active plan; pages read it back with
:func:`current_plan`.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from typing import cast

from sqlalchemy.orm import Session

from runstrong.core.athlete import Athlete
from runstrong.core.errors import RunstrongError
from runstrong.core.model import Plan
from runstrong.exporters.plan_json import dump_plan, load_plan
from runstrong.storage import repository
from runstrong.web.deps import utcnow

Planner = Callable[[Athlete, dt.date], Plan]


def planner() -> Planner | None:
    """The planner's ``build_plan(athlete, start)``, or None while it is not installed."""
    try:
        module = importlib.import_module("runstrong.core.planner")
    except ImportError:
        return None
    return cast(Planner, module.build_plan)


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7)


def build_and_store_plan(db: Session, athlete_id: int, athlete: Athlete, today: dt.date) -> str:
    """Build a plan starting today and store it as active; returns a message for the user."""
    build = planner()
    if build is None:
        return "Profile saved. Plan building is not available on this server yet."
    try:
        plan = build(athlete, today)
    except RunstrongError as exc:
        return f"Profile saved, but no plan could be built: {exc}"
    repository.add_plan(
        db, athlete_id, dump_plan(plan), format_version=plan.format_version, now=utcnow()
    )
    weeks = len(plan.weeks)
    broken = len(plan.broken_rules)
    note = f" It had to bend {broken} rule(s); see the list on this page." if broken else ""
    return f"Your {weeks}-week plan to {plan.race_date:%d %b %Y} is ready.{note}"


def current_plan(db: Session, athlete_id: int) -> Plan | None:
    """The athlete's active plan, parsed; None when there is none."""
    stored = repository.active_plan(db, athlete_id)
    if stored is None:
        return None
    return load_plan(stored.plan_json, source=f"plan {stored.id}")
