"""Typed repository functions: every read and write of runstrong's data goes through here.

Each function takes an open ``Session`` (the caller owns the transaction, see
``storage.db.transaction``) and returns ``core.model`` dataclasses or the
records of ``storage.records`` — never ORM rows. The user, athlete and plan
functions (``repo_accounts``, ``repo_plans``) are Core statements and also take a
Core connection (``storage.db.begin``); importing them directly, not through this
module, keeps the ORM out (a saved ``runstrong plan new`` does). Callers pass ``now``; these
modules never read the clock. Use ``from runstrong.storage import repository
as repo``; the functions live in the ``repo_*`` modules by concept.

Every function here that writes what the daily coach or the Progress view reads
raises the athlete's ``log_revision`` as its transaction commits (``storage.revision``);
a new writer must too (``tests/storage/test_log_revision.py`` finds one that does not).
"""

from __future__ import annotations

from runstrong.storage.repo_accounts import (
    add_athlete,
    add_user,
    find_athlete,
    get_athlete,
    get_user,
    get_user_by_email,
    list_athletes,
    rename_athlete,
    set_athlete_profile,
)
from runstrong.storage.repo_activities import (
    activity_ids,
    add_activity,
    append_sets,
    count_activities,
    exercise_names,
    get_activity,
    list_activities,
    set_session_rpe,
    update_activity_fields,
)
from runstrong.storage.repo_imports import (
    StoredTwin,
    fill_activity_text,
    import_keys,
    lock_for_import,
    replace_activity,
    workout_twins,
)
from runstrong.storage.repo_matches import (
    clear_match_override,
    match_overrides,
    set_match_override,
)
from runstrong.storage.repo_plans import (
    PLAN_EVENT_KINDS,
    active_plan,
    add_plan,
    add_plan_event,
    list_plan_events,
    list_plans,
    lock_coach,
    plan_before,
)
from runstrong.storage.repo_wellness import (
    WELLNESS_FIELDS,
    get_wellness,
    list_wellness,
    put_wellness,
)
from runstrong.storage.revision import revision as log_revision

__all__ = [
    "PLAN_EVENT_KINDS",
    "WELLNESS_FIELDS",
    "StoredTwin",
    "active_plan",
    "activity_ids",
    "add_activity",
    "add_athlete",
    "add_plan",
    "add_plan_event",
    "add_user",
    "append_sets",
    "clear_match_override",
    "count_activities",
    "exercise_names",
    "fill_activity_text",
    "find_athlete",
    "get_activity",
    "get_athlete",
    "get_user",
    "get_user_by_email",
    "get_wellness",
    "import_keys",
    "list_activities",
    "list_athletes",
    "list_plan_events",
    "list_plans",
    "list_wellness",
    "lock_coach",
    "lock_for_import",
    "log_revision",
    "match_overrides",
    "plan_before",
    "put_wellness",
    "rename_athlete",
    "replace_activity",
    "set_athlete_profile",
    "set_match_override",
    "set_session_rpe",
    "update_activity_fields",
    "workout_twins",
]
