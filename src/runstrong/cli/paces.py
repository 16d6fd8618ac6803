"""``runstrong paces``: VDOT, equivalent race times and training paces from one result."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the ``paces`` command to ``app``."""

    @app.command("paces")
    def paces(
        distance: str = typer.Option(
            ..., "--distance", "-d", help="Race distance: 5k, half, 8000m…"
        ),
        time: str = typer.Option(
            ..., "--time", "-t", help="Finish time: h:mm:ss, mm:ss or seconds."
        ),
    ) -> None:
        """Show VDOT, equivalent race times and training paces for a race result."""
        raise NotImplementedError
