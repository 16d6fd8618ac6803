"""The CLI's default athlete: explicit, kept per database, chosen with ``athlete use``.

Commands without ``--athlete`` act on the default athlete of the database they
open. It is the athlete the CLI first acted on there (the "me" a first
``runstrong log`` creates, or the athlete ``plan new`` stored), until
``runstrong athlete use NAME`` picks another; adding athletes never changes it.
The choice is kept by athlete id (so it survives ``plan new`` renaming "me" to
the profile's name) in the CLI's settings file ``cli.toml`` in the user
configuration folder (``$XDG_CONFIG_HOME/runstrong``, usually
``~/.config/runstrong``), one entry per database URL (passwords hidden).
The rules themselves are ``services.athletes.resolve_athlete``.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

from runstrong.cli.db import shown_url
from runstrong.core.errors import InputError

if TYPE_CHECKING:
    from runstrong.storage.records import AthleteRecord
    from runstrong.storage.rows import Executor

SETTINGS_FILE = "cli.toml"
TABLE = "default_athlete"


def settings_path() -> Path:
    """``cli.toml`` in the user configuration folder (read at each call, so tests can
    point ``XDG_CONFIG_HOME`` elsewhere)."""
    import platformdirs

    return Path(platformdirs.user_config_dir("runstrong", appauthor=False)) / SETTINGS_FILE


def _read() -> dict[str, object]:
    path = settings_path()
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(
            f"cannot read the CLI settings file '{path}': {exc}; fix or delete it"
        ) from None


def chosen_id(url: str | None = None) -> int | None:
    """The default athlete's id recorded for the database ``url`` (the configured one)."""
    table = _read().get(TABLE)
    value = table.get(shown_url(url)) if isinstance(table, dict) else None
    return value if isinstance(value, int) else None


def choose(athlete_id: int, url: str | None = None) -> None:
    """Record ``athlete_id`` as the default athlete of the database ``url``."""
    import tomli_w

    data = _read()
    table = data.get(TABLE)
    table = dict(table) if isinstance(table, dict) else {}
    table[shown_url(url)] = athlete_id
    data[TABLE] = table
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the CLI settings file '{path}': {exc.strerror}") from None


def resolve_athlete(
    session: Executor, name: str | None, *, now: dt.datetime, create_default: bool = True
) -> AthleteRecord:
    """The athlete a command acts on: ``name`` if given, else the database's default
    athlete (recorded here the first time one is found or created)."""
    from runstrong.services import athletes as service

    recorded = chosen_id()
    athlete = service.resolve_athlete(
        session, name, now=now, create_default=create_default, default_id=recorded
    )
    if name is None and athlete.id != recorded:
        choose(athlete.id)
    return athlete
