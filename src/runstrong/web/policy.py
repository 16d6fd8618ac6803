"""The one access policy of the web app: who may do what with an athlete.

Pages and the JSON API enforce it in one place, :func:`runstrong.web.deps.athlete_scope`,
the dependency every athlete route takes; docs/web.md "Who may do what" is the
matrix, and tests/web/test_access_policy.py checks every route of the app
against it for each role.

- **Roles** (per athlete): the **owner**; a **coach**, whose access the owner
  granted and has not revoked; anyone else (another user, a revoked coach),
  to whom the athlete does not exist (404, the same answer as for an unknown
  id); and the anonymous visitor, who is sent to log in (401 on the API, a
  redirect to the login page on pages).
- **Actions**: ``read`` (every GET), ``train`` (every other change to the
  training data: check-ins, the log, uploads, the plan, calendar feeds) and
  ``own`` (the routes of :data:`OWNER_ONLY`: profile, coach access, export).
  A coach may read and train; a coach who tries an owner-only route gets 403.

This module must not import from storage or routes: it is data and two lookups.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """A user's relation to an athlete they can see."""

    OWNER = "owner"
    COACH = "coach"


class Action(StrEnum):
    """What a route does to an athlete."""

    READ = "read"
    TRAIN = "train"
    OWN = "own"


#: Which roles may do what. Users with neither role never see the athlete (404).
ALLOWED: dict[Action, frozenset[Role]] = {
    Action.READ: frozenset({Role.OWNER, Role.COACH}),
    Action.TRAIN: frozenset({Role.OWNER, Role.COACH}),
    Action.OWN: frozenset({Role.OWNER}),
}

#: Athlete routes only the owner may use: the profile (the athlete's personal data;
#: a coach reads it through GET …/profile), who coaches the athlete, and the export.
OWNER_ONLY: frozenset[tuple[str, str]] = frozenset(
    {
        ("GET", "/a/{athlete_id}/settings"),
        ("POST", "/a/{athlete_id}/settings/profile"),
        ("POST", "/a/{athlete_id}/access"),
        ("POST", "/a/{athlete_id}/access/{access_id}/revoke"),
        ("GET", "/a/{athlete_id}/export.zip"),
        ("PUT", "/api/v1/athletes/{athlete_id}/profile"),
        ("GET", "/api/v1/athletes/{athlete_id}/access"),
        ("POST", "/api/v1/athletes/{athlete_id}/access"),
        ("DELETE", "/api/v1/athletes/{athlete_id}/access/{access_id}"),
    }
)

_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def action_for(method: str, path: str) -> Action:
    """The action of the route ``method path`` (``path`` as declared, with ``{athlete_id}``)."""
    if (method, path) in OWNER_ONLY or (method == "HEAD" and ("GET", path) in OWNER_ONLY):
        return Action.OWN
    return Action.READ if method in _READ_METHODS else Action.TRAIN


def allows(role: Role, action: Action) -> bool:
    return role in ALLOWED[action]
