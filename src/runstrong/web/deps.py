"""Request dependencies: the database session, the current user, athlete scoping, CSRF.

Every athlete-scoped route takes ``athlete: AthleteRow = Depends(athlete_scope)``
(path parameter ``athlete_id``); it answers 404 when the user may not see
that athlete, so ids of other people's athletes are indistinguishable from
ids that do not exist.
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session

from runstrong.services import accounts
from runstrong.storage.tables import AthleteRow, UserRow
from runstrong.web.context import session_factory, write_engine_of
from runstrong.web.errors import CsrfError, LoginRequiredError, OwnerOnlyError
from runstrong.web.policy import Role, action_for, allows
from runstrong.web.security import CSRF_FIELD, CSRF_HEADER, SessionData, auth_tag

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_db(request: Request) -> Iterator[Session]:
    """The request's unit of work: one session, committed when the route returns.

    ``DB`` declares it with ``scope="function"``, so FastAPI closes it right after
    the route function returns and *before* the response is sent: a redirect's
    target always sees the saved rows, and a commit that fails becomes an error
    response (500, or 503 when the database stays locked) instead of a success
    the user was already shown. Any exception rolls everything back.

    State-changing methods get a session whose transactions take SQLite's write
    lock when they begin (``BEGIN IMMEDIATE``, as the CLI does), so two writers
    queue on the busy timeout instead of failing with "database is locked" half
    way. Reads keep deferred transactions (WAL readers never wait). A route that
    hands work to another thread commits with ``db.commit()`` before handing it
    over; the session then starts a new transaction of the same kind if used again.
    """
    factory = session_factory(request.app)
    if request.method in SAFE_METHODS:
        session = factory()
    else:
        session = factory(bind=write_engine_of(request.app))
    with session as db:
        yield db
        db.commit()


DB = Annotated[Session, Depends(get_db, scope="function")]


def get_session(request: Request) -> SessionData:
    session: SessionData = request.state.session
    return session


def utcnow() -> dt.datetime:
    """The clock of the web layer (aware UTC)."""
    return dt.datetime.now(dt.UTC)


def optional_user(request: Request, db: DB) -> UserRow | None:
    session = get_session(request)
    if session.user_id is None:
        return None
    user = accounts.user_by_id(db, session.user_id)
    if user is None or not hmac.compare_digest(session.auth_tag, auth_tag(user.password_hash)):
        session.logout()
        return None
    request.state.user = user
    return user


def current_user(user: Annotated[UserRow | None, Depends(optional_user)]) -> UserRow:
    if user is None:
        raise LoginRequiredError
    return user


CurrentUser = Annotated[UserRow, Depends(current_user)]
OptionalUser = Annotated[UserRow | None, Depends(optional_user)]


def athlete_scope(
    request: Request,
    athlete_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    user: CurrentUser,
    db: DB,
) -> AthleteRow:
    """The athlete of the path under the access policy (:mod:`runstrong.web.policy`).

    404 when the user neither owns nor coaches the athlete (revoked coaches
    included); 403 when a coach tries an owner-only route.
    """
    athlete = accounts.visible_athlete(db, user.id, athlete_id)
    role = Role.OWNER if athlete.owner_user_id == user.id else Role.COACH
    route = request.scope.get("route")
    path = str(getattr(route, "path_format", None) or getattr(route, "path", ""))
    action = action_for(request.method, path)
    if not allows(role, action):
        raise OwnerOnlyError(athlete.id)
    request.state.athlete = athlete
    return athlete


ScopedAthlete = Annotated[AthleteRow, Depends(athlete_scope)]


async def csrf_protect(request: Request) -> None:
    """Refuse state-changing requests without the session's CSRF token.

    Forms send it as the ``csrf_token`` field, scripts as ``X-CSRF-Token``.
    """
    if request.method in SAFE_METHODS:
        return
    session = get_session(request)
    token = request.headers.get(CSRF_HEADER)
    if token is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            token = value if isinstance(value, str) else None
    if not session.csrf_ok(token):
        raise CsrfError


def is_owner_of(user: UserRow, athlete: AthleteRow) -> bool:
    return athlete.owner_user_id == user.id
