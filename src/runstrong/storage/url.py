"""Which database a command opens: ``RUNSTRONG_DATABASE_URL``, else a SQLite file
``runstrong.sqlite3`` in ``platformdirs.user_data_dir("runstrong")``.

No SQLAlchemy here: a saved ``runstrong plan new`` on a SQLite file at the newest
schema needs none (``storage.sqlite_file``), and it reads the URL first. platformdirs
is imported only when the default path is needed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "RUNSTRONG_DATABASE_URL"


def default_database_path() -> Path:
    """Where the default SQLite database lives (the platform's user data folder)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("runstrong")) / "runstrong.sqlite3"


def database_url(env: Mapping[str, str] | None = None) -> str:
    """The database URL: ``RUNSTRONG_DATABASE_URL`` if set, else the default SQLite file."""
    environ = os.environ if env is None else env
    url = environ.get(ENV_VAR, "").strip()
    if url:
        return url
    return f"sqlite:///{default_database_path()}"
