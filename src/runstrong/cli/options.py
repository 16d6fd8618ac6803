"""Typer options that several commands share, each defined once (same flag, same help).

Only Typer is imported here, so every command may use it without slowing start-up.
"""

from __future__ import annotations

from typing import Annotated

import typer

AthleteOpt = Annotated[
    str | None,
    typer.Option(help="Athlete name (default: the default athlete, see runstrong athlete use)."),
]

# `runstrong e1rm` and `runstrong exercises show`: text by default.
PrintJsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]

# The morning check-in items that `runstrong today` and `runstrong log wellness` both take.
SleepOpt = Annotated[float | None, typer.Option(help="Sleep hours (0-24).")]
SleepQualityOpt = Annotated[int | None, typer.Option(help="1 poor … 5 excellent.")]
StressOpt = Annotated[int | None, typer.Option(help="1 none … 5 very high.")]
SorenessOpt = Annotated[int | None, typer.Option(help="1 none … 5 very sore.")]
