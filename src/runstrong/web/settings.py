"""Settings of the web app: database, secret key, cookie and upload limits.

Values come from the caller (tests, ``runstrong serve``) or from the
environment (``RUNSTRONG_*``). The secret key that signs session cookies is
generated on first run and kept in a file beside the user's data, so that a
restart does not log everyone out; the file location is a seam passed in.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

import platformdirs
from pydantic import BaseModel, ConfigDict, Field

from runstrong.core.errors import InputError

#: Environment variables read by :meth:`WebSettings.from_env`.
ENV_PREFIX = "RUNSTRONG_"
_MIB = 1024 * 1024


class WebSettings(BaseModel):
    """Everything the web app needs to know at start-up.

    ``database_url`` None means the storage layer's default (a SQLite file in
    the user data dir). ``secret_key`` None means "read or create the key file"
    (see :func:`resolve_secret_key`). ``cookie_secure`` None means "Secure when
    the request came over https"; True forces the flag (behind a TLS proxy).
    """

    model_config = ConfigDict(frozen=True)

    database_url: str | None = None
    secret_key: str | None = Field(default=None, min_length=32)
    secret_key_file: Path | None = None
    cookie_secure: bool | None = None
    session_max_age_s: int = Field(default=14 * 24 * 3600, ge=60)
    max_upload_bytes: int = Field(default=64 * _MIB, ge=1024)
    login_max_attempts: int = Field(default=5, ge=1)
    login_window_s: int = Field(default=15 * 60, ge=1)
    demo: bool = False
    auto_migrate: bool = True
    open_registration: bool = True
    spool_dir: Path | None = None
    job_threads: int = Field(default=2, ge=1, le=16)
    job_runner: str = Field(default="auto", pattern="^(auto|thread|queue|external|inline)$")
    db_busy_timeout_ms: int = Field(default=10_000, ge=100, le=600_000)
    warm_up: bool = True
    """Compile templates, open the pool and load coach data at start-up (``web.warmup``)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> WebSettings:
        """Build settings from ``RUNSTRONG_*`` variables (``os.environ`` by default)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        names = {
            "DATABASE_URL": "database_url",
            "SECRET_KEY": "secret_key",
            "SECRET_KEY_FILE": "secret_key_file",
            "COOKIE_SECURE": "cookie_secure",
            "MAX_UPLOAD_BYTES": "max_upload_bytes",
            "LOGIN_MAX_ATTEMPTS": "login_max_attempts",
            "LOGIN_WINDOW_S": "login_window_s",
            "JOB_RUNNER": "job_runner",
            "JOB_THREADS": "job_threads",
            "OPEN_REGISTRATION": "open_registration",
            "SPOOL_DIR": "spool_dir",
            "DB_BUSY_TIMEOUT_MS": "db_busy_timeout_ms",
            "DEMO": "demo",
            "WARM_UP": "warm_up",
        }
        for suffix, field_name in names.items():
            raw = env.get(ENV_PREFIX + suffix)
            if raw is not None and raw != "":
                values[field_name] = raw
        return cls.model_validate(values)


def default_secret_key_file() -> Path:
    """Where the generated secret key lives: ``<user data dir>/web_secret_key``."""
    return Path(platformdirs.user_data_dir("runstrong", appauthor=False)) / "web_secret_key"


def resolve_secret_key(settings: WebSettings, key_file: Path | None = None) -> str:
    """Return the configured secret key, or read/create the key file.

    A new key is 32 random bytes (URL-safe base64) written with mode 0600.
    """
    if settings.secret_key is not None:
        return settings.secret_key
    path = key_file or settings.secret_key_file or default_secret_key_file()
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if len(key) < 32:
            raise InputError(
                f"secret key file {path} holds {len(key)} characters; at least 32 are needed"
            )
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key


def default_spool_dir() -> Path:
    """Where uploads wait for their import job: ``<user data dir>/uploads``."""
    return Path(platformdirs.user_data_dir("runstrong", appauthor=False)) / "uploads"
