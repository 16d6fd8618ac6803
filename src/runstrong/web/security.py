"""Passwords, signed session cookies, CSRF tokens, login rate limiting, upload caps.

- Passwords: Argon2id via argon2-cffi (its RFC 9106 low-memory defaults).
- Sessions: a small JSON payload signed with itsdangerous (HMAC-SHA1 over a
  timestamped value); the cookie is HttpOnly, SameSite=Lax, and Secure over
  https. Nothing secret is stored in it, only the user id and the CSRF token.
- CSRF: a random token bound to the session; every form carries it as a
  hidden field and cookie-authenticated API calls send it as ``X-CSRF-Token``.
- Login rate limiting: a sliding window per (client IP, e-mail), kept in
  memory; see docs/web.md for what that means with several processes.
- Upload caps: an ASGI wrapper that refuses bodies over the limit, whether or
  not the client announced ``Content-Length``.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.exceptions import HTTPException

SESSION_COOKIE = "runstrong_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
MIN_PASSWORD_LENGTH = 10

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """Hash ``password`` with Argon2id; the result embeds salt and parameters."""
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches ``stored_hash``; False for a mismatch or a bad hash."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(24))


def verify_login(stored_hash: str | None, password: str) -> bool:
    """Check a log-in in the same time whether or not the e-mail has an account.

    With no account (``stored_hash`` None) the password is verified against a
    dummy Argon2 hash of the same parameters and refused, so the answer time
    does not tell which e-mails are registered."""
    if stored_hash is None:
        verify_password(_dummy_hash(), password)
        return False
    return verify_password(stored_hash, password)


def password_problem(password: str) -> str | None:
    """Why ``password`` is not acceptable, or None when it is."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters (this one has {len(password)})."
    if len(password) > 1024:
        return "Use at most 1024 characters."
    return None


@dataclass
class SessionData:
    """What the session cookie carries: who is logged in and the CSRF token."""

    user_id: int | None = None
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    auth_tag: str = ""
    flash: list[tuple[str, str]] = field(default_factory=list)
    """(page path, message): a message is for the page its redirect names."""
    modified: bool = False

    def login(self, user_id: int, password_hash: str = "") -> None:
        """Bind the session to ``user_id`` with a fresh CSRF token (no fixation).

        ``auth_tag`` ties the session to the current password: changing the
        password ends every other session of the account."""
        self.user_id = user_id
        self.auth_tag = auth_tag(password_hash)
        self.csrf = secrets.token_urlsafe(32)
        self.modified = True

    def logout(self) -> None:
        self.user_id = None
        self.auth_tag = ""
        self.csrf = secrets.token_urlsafe(32)
        self.flash = []
        self.modified = True

    def add_flash(self, message: str, path: str) -> None:
        """Show ``message`` on the page at ``path`` (the redirect's target)."""
        self.flash.append((path, message))
        self.modified = True

    def pop_flash(self, path: str) -> list[str]:
        """The messages for the page at ``path``; every other one is dropped, not kept
        for a later page: a message left by a POST whose page the user never saw would
        be stale on the next page of another kind (QA: a failed form's message showed
        on the next page visited)."""
        messages = [m for target, m in self.flash if target == path]
        if self.flash:
            self.flash = []
            self.modified = True
        return messages

    def csrf_ok(self, token: str | None) -> bool:
        """Constant-time comparison of a submitted token with the session's."""
        return token is not None and hmac.compare_digest(token, self.csrf)


def auth_tag(password_hash: str) -> str:
    """A short digest of the stored password hash (the hash itself never goes in a cookie)."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


class SessionCodec:
    """Signs and reads the session cookie value."""

    def __init__(self, secret_key: str, max_age_s: int) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="runstrong.session")
        self.max_age_s = max_age_s

    def dumps(self, data: SessionData) -> str:
        flash = [[path, message] for path, message in data.flash]
        payload = {"u": data.user_id, "c": data.csrf, "f": flash, "a": data.auth_tag}
        return str(self._serializer.dumps(json.dumps(payload, separators=(",", ":"))))

    def loads(self, cookie: str | None) -> SessionData:
        """Read a cookie; a missing, forged, expired or malformed one gives a new session."""
        if not cookie:
            return SessionData(modified=True)
        try:
            raw = self._serializer.loads(cookie, max_age=self.max_age_s)
            payload = json.loads(raw)
            user_id = payload.get("u")
            csrf = payload["c"]
            flash = payload.get("f") or []
            tag = str(payload.get("a") or "")
        except (BadSignature, ValueError, KeyError, TypeError, AttributeError):
            return SessionData(modified=True)
        if not isinstance(csrf, str) or (user_id is not None and not isinstance(user_id, int)):
            return SessionData(modified=True)
        return SessionData(
            user_id=user_id,
            csrf=csrf,
            flash=[
                (f[0], f[1])
                for f in flash
                if isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f)
            ],
            auth_tag=tag,
        )


class LoginRateLimiter:
    """Sliding-window limit on failed logins per (client IP, e-mail).

    ``max_attempts`` failures within ``window_s`` seconds block further tries
    for that pair until the oldest failure leaves the window. In-memory and
    per process; the clock is a seam for tests. Pairs whose failures all left
    the window are dropped (at most once per ``window_s``, a sweep over every
    pair), so the table holds only pairs that failed within the last window or two.
    """

    def __init__(
        self,
        max_attempts: int,
        window_s: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_attempts = max_attempts
        self.window_s = window_s
        self._clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()
        self._last_sweep = clock()

    def __len__(self) -> int:
        """How many (IP, e-mail) pairs the table holds."""
        with self._lock:
            return len(self._failures)

    def _prune(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.get(key) or deque()
        while times and now - times[0] >= self.window_s:
            times.popleft()
        if not times:
            self._failures.pop(key, None)
        return times

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < self.window_s:
            return
        self._last_sweep = now
        stale = [k for k, t in self._failures.items() if not t or now - t[-1] >= self.window_s]
        for key in stale:
            del self._failures[key]

    def _recent(self, ip: str, email: str) -> tuple[tuple[str, str], float, deque[float]]:
        """The pair's key, the time now and its failures still in the window (the
        caller holds the lock)."""
        key = _pair(ip, email)
        now = self._clock()
        self._sweep(now)
        return key, now, self._prune(key, now)

    def retry_after_s(self, ip: str, email: str) -> float:
        """Seconds until the pair may try again; 0 when it may try now."""
        with self._lock:
            _key, now, times = self._recent(ip, email)
            if len(times) < self.max_attempts:
                return 0.0
            return max(0.0, self.window_s - (now - times[0]))

    def record_failure(self, ip: str, email: str) -> None:
        with self._lock:
            key, now, times = self._recent(ip, email)
            times.append(now)
            self._failures[key] = times

    def reset(self, ip: str, email: str) -> None:
        with self._lock:
            self._failures.pop(_pair(ip, email), None)


def _pair(ip: str, email: str) -> tuple[str, str]:
    """The limiter's key: the client IP and the e-mail as typed, case and spaces aside."""
    return (ip, email.strip().lower())


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyTooLargeError(HTTPException):
    """Raised inside the app when a request body passes the upload cap.

    An ``HTTPException`` (413) so that FastAPI's body parsing lets it through
    instead of turning it into a generic 400 "error parsing the body"."""

    def __init__(self) -> None:
        super().__init__(status_code=413, detail="Content Too Large")


class BodySizeLimit:
    """ASGI middleware: refuse request bodies larger than ``max_bytes``.

    A declared ``Content-Length`` over the cap is answered with 413 at once;
    a streamed body is counted and cut off when it passes the cap.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await _send_413(send, self.max_bytes)
                    return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLargeError
            return message

        await self.app(scope, counting_receive, send)


async def _send_413(send: Send, max_bytes: int) -> None:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": "Upload too large",
            "status": 413,
            "detail": f"The request body is larger than the limit of {max_bytes} bytes.",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
