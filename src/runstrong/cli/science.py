"""``runstrong e1rm``: estimated one-repetition maximum from one set (calculator)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from runstrong.cli.console import out
from runstrong.cli.options import PrintJsonOpt
from runstrong.core.science.strength import DEFAULT_E1RM_FORMULA, E1rmFormula, e1rm, e1rm_from_rpe

_NAMES = {
    E1rmFormula.EPLEY: "Epley (1985)",
    E1rmFormula.BRZYCKI: "Brzycki (1993)",
    E1rmFormula.LOMBARDI: "Lombardi (1989)",
    E1rmFormula.MAYHEW: "Mayhew et al. (1992)",
    E1rmFormula.OCONNER: "O'Conner et al. (1989)",
    E1rmFormula.WATHAN: "Wathan (1994)",
    E1rmFormula.LANDER: "Lander (1985)",
}


def register(app: typer.Typer) -> None:
    """Add the ``e1rm`` command to ``app``."""

    @app.command("e1rm")
    def e1rm_command(
        load: Annotated[float, typer.Option("--load", "-l", help="Load lifted in kg.")],
        reps: Annotated[int, typer.Option("--reps", "-r", help="Repetitions done (1-12).")],
        rpe: Annotated[
            float | None,
            typer.Option(
                "--rpe",
                help="RPE of the set (6.5-10, reps 1-10): uses the RPE chart, so the set "
                "need not be taken to failure.",
            ),
        ] = None,
        formula: Annotated[
            E1rmFormula,
            typer.Option(
                "--formula",
                "-f",
                case_sensitive=False,
                help="Rep-max formula for a set to failure.",
            ),
        ] = DEFAULT_E1RM_FORMULA,
        as_json: PrintJsonOpt = False,
    ) -> None:
        """Estimate a one-repetition maximum (e1RM) from one set.

        Without --rpe the set is taken to be to failure and the chosen formula is
        used (all seven are listed); with --rpe the Tuchscherer RPE chart gives the
        headline figure. See docs/science.md for sources and the default.
        """
        by_formula = {f: e1rm(load, reps, f) for f in E1rmFormula}
        from_rpe = e1rm_from_rpe(load, reps, rpe) if rpe is not None else None
        if as_json:
            payload = {
                "load_kg": load,
                "reps": reps,
                "rpe": rpe,
                "formula": formula.value,
                "e1rm_kg": round(by_formula[formula], 2),
                "e1rm_rpe_chart_kg": None if from_rpe is None else round(from_rpe, 2),
                "formulas_kg": {f.value: round(v, 2) for f, v in by_formula.items()},
            }
            out().print_json(json.dumps(payload))
            return
        if from_rpe is not None:
            out().print(
                f"{load:g} kg × {reps} @ RPE {rpe:g}: e1RM {from_rpe:.1f} kg (RPE chart)",
                highlight=False,
            )
        out().print(
            f"{load:g} kg × {reps}{' if taken to failure' if rpe is not None else ''}: "
            f"e1RM {by_formula[formula]:.1f} kg — {_NAMES[formula]}",
            highlight=False,
        )
        table = Table(title="All formulas (set to failure)")
        table.add_column("Formula")
        table.add_column("e1RM kg", justify="right")
        for f, value in by_formula.items():
            mark = " *" if f is formula else ""
            table.add_row(_NAMES[f] + mark, f"{value:.1f}")
        out().print(table)
