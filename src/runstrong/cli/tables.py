"""Table columns shared by the CLI's commands."""

from __future__ import annotations

from rich.table import Column

DATE_WIDTH = 10
"""``YYYY-MM-DD`` (and ``Mon 07 Dec``) in full."""


def date_column(header: str) -> Column:
    """A column of dates that a narrow terminal or a pipe (80 columns) never cuts to
    "2026-12…": the other columns wrap instead."""
    return Column(header, no_wrap=True, min_width=DATE_WIDTH)
