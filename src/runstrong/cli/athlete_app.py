"""The shared ``runstrong athlete`` sub-app.

Several command modules register commands on it (``athlete add``/``list`` from
``cli.athletes``, ``athlete init`` from the profile commands); whichever module
registers first also mounts it on the root app via :func:`mount`.
"""

from __future__ import annotations

import typer

athlete_app = typer.Typer(
    name="athlete",
    help="Manage athletes: add them, list them, write their profiles.",
    no_args_is_help=True,
)


def mount(app: typer.Typer) -> None:
    """Add the ``athlete`` sub-app to ``app`` once, however many modules call this."""
    if any(group.typer_instance is athlete_app for group in app.registered_groups):
        return
    app.add_typer(athlete_app, name="athlete")
