"""``runstrong stats load|progress|habits|compliance``: what the log says (R25, R26).

Every figure is printed as a table, as JSON with ``--json``, and as a chart file
with ``--png FILE`` or ``--svg FILE``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.table import Table

from runstrong.cli.console import out
from runstrong.cli.db import now_utc, open_database, today_local
from runstrong.cli.default_athlete import resolve_athlete
from runstrong.cli.options import AthleteOpt
from runstrong.cli.tables import date_column
from runstrong.core.errors import InputError, RunstrongError
from runstrong.core.units import format_decimal, format_distance_value, format_pace_in, unit_name
from runstrong.services import stats, stats_progress
from runstrong.services.coach_json import jsonable
from runstrong.storage.db import transaction

stats_app = typer.Typer(
    name="stats", help="Training load, progress, habits and compliance from your log.",
    no_args_is_help=True,
)  # fmt: skip


CHARTS_MISSING = (
    "--png and --svg charts need matplotlib, which is not installed: "
    "pip install 'runstrong[charts]' (make dev installs it)"
)


def _chart(name: str) -> Callable[[Any, Path], Path]:
    """A chart drawer that imports matplotlib only when a chart is drawn (it is slow to load,
    and optional: the ``charts`` extra)."""

    def draw(report: Any, path: Path) -> Path:
        try:
            from runstrong.services import charts
        except ModuleNotFoundError as exc:
            if (exc.name or "").split(".")[0] in {"matplotlib", "numpy"}:
                raise RunstrongError(CHARTS_MISSING) from None
            raise

        drawer: Callable[[Any, Path], Path] = getattr(charts, name)
        return drawer(report, path)

    return draw


T = TypeVar("T")
JsonOpt = Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")]
PngOpt = Annotated[Path | None, typer.Option("--png", help="Also draw the chart into this PNG.")]
SvgOpt = Annotated[Path | None, typer.Option("--svg", help="Also draw the chart into this SVG.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="First day shown, YYYY-MM-DD.")]


def _since(text: str | None) -> dt.date | None:
    if text is None:
        return None
    from runstrong.core.science.plausibility import check_query_day

    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"invalid --since {text!r}: use YYYY-MM-DD") from None
    return check_query_day(day, "--since")  # 0001-01-01 minus a day would overflow


def _fetch(
    athlete: str | None,
    since: str | None,
    compute: Callable[..., T],
) -> tuple[T, str]:
    """The report of ``compute`` for the athlete, and the athlete's display units."""
    from runstrong.services.planning import profile_units

    day = today_local()
    with transaction(open_database()) as session:
        target = resolve_athlete(session, athlete, now=now_utc(), create_default=False)
        report = compute(session, target.id, day, since=_since(since))
        return report, profile_units(target.profile_toml)


def _out(
    report: Any,
    as_json: bool,
    png: Path | None,
    svg: Path | None,
    draw: Callable[[Any, Path], Path],
) -> bool:
    """Draw charts and print JSON; True when the table should still be printed."""
    for path in (png, svg):
        if path is not None:
            if path.suffix.lower() != (".png" if path is png else ".svg"):
                flag = "--png" if path is png else "--svg"
                raise InputError(f"{flag} file '{path}' must end in .{flag[2:]}")
            draw(report, path)
            if not as_json:
                out().print(f"Chart written to {path}", markup=False, highlight=False)
    if as_json:
        out().print_json(json.dumps(jsonable(report)))
        return False
    return True


def _figures(
    name: str, compute: Callable[..., T], chart: str
) -> Callable[[Callable[[T, str], None]], Callable[[T, str], None]]:
    """Add ``stats NAME``: the report of ``compute`` as JSON (``--json``), drawn as
    ``chart`` (``--png``, ``--svg``) and, without ``--json``, printed by the decorated
    function (given the report and the display units; its docstring is the help)."""

    def add(show: Callable[[T, str], None]) -> Callable[[T, str], None]:
        def command(
            as_json: JsonOpt = False, png: PngOpt = None, svg: SvgOpt = None,
            since: SinceOpt = None, athlete: AthleteOpt = None,
        ) -> None:  # fmt: skip
            report, units = _fetch(athlete, since, compute)
            if _out(report, as_json, png, svg, _chart(chart)):
                show(report, units)

        stats_app.command(name, help=show.__doc__)(command)
        return show

    return add


def _pace(s_per_km: float | None, units: str) -> str:
    return "-" if s_per_km is None else format_pace_in(s_per_km, units)


def _signed(value: float) -> str:
    """``+10.7``, ``-3.2``, ``+0``: a change with its sign, a whole number bare."""
    text = format_decimal(abs(value))
    return f"{'-' if value < 0 and text != '0' else '+'}{text}"


def _time(seconds: float) -> str:
    h, rest = divmod(round(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


@stats_app.command("load")
def load_command(
    as_json: JsonOpt = False, png: PngOpt = None, svg: SvgOpt = None,
    since: SinceOpt = None, athlete: AthleteOpt = None,
    chart: Annotated[
        str, typer.Option("--chart", help="Chart to draw: pmc (fitness/fatigue/form) or volume.")
    ] = "pmc",
) -> None:  # fmt: skip
    """Daily load (runs, leg and upper-body lifting), fitness/fatigue/form, ACWR, monotony."""
    kinds: dict[str, Callable[[Any, Path], Path]] = {
        "pmc": _chart("fitness_chart"), "volume": _chart("weekly_volume_chart"),
    }  # fmt: skip
    if chart not in kinds:
        raise InputError(f"invalid --chart {chart!r}: use pmc or volume")
    report, units = _fetch(athlete, since, stats.load_report)
    draw = kinds[chart]
    if not _out(report, as_json, png, svg, draw):
        return
    table = Table(date_column("week"), f"run {unit_name(units)}", "run min", "lift min",
                  "load", "leg", "upper", "monotony", "strain")  # fmt: skip
    for w in report.weeks if since else report.weeks[-12:]:  # --since: every week shown
        table.add_row(
            w.start.isoformat(), format_distance_value(w.run_km * 1000, units), f"{w.run_min:.0f}",
            f"{w.lift_min:.0f}",
            f"{w.load:.0f}", f"{w.leg_load:.0f}", f"{w.upper_load:.0f}",
            f"{w.monotony:.2f}" if w.monotony is not None else "-",
            f"{w.strain:.0f}" if w.strain is not None else "-",
        )  # fmt: skip
    out().print(table)
    last = report.pmc[-1] if report.pmc else None
    ratio = report.acwr[-1] if report.acwr else None
    if last is not None:
        logged = stats.logged_days(report)
        acwr = (
            f"ACWR {ratio:.2f}"
            if ratio is not None
            else f"ACWR needs 28 days of log; you have {logged}"
        )
        out().print(
            f"Fitness {last.fitness:.0f}, fatigue {last.fatigue:.0f}; "
            f"form {last.form:+.0f} (yesterday's fitness − fatigue); {acwr}",
            markup=False, highlight=False,
        )  # fmt: skip
    counts = stats.load_source_counts(report.sources)
    sources = ", ".join(f"{n} {label}" for label, n in counts.items())
    out().print(
        f"Load is in session-RPE units (RPE × minutes); activities: {sources}. "
        f"{report.caveat}",
        markup=False, highlight=False,
    )  # fmt: skip


@_figures("progress", stats_progress.progress_report, "e1rm_chart")
def show_progress(report: stats_progress.ProgressReport, units: str) -> None:
    """e1RM per lift, personal bests, pace at a fixed HR, sprint speed, race predictions (R26)."""
    table = Table("lift", "sessions", "best e1RM kg", "change")
    for t in report.lifts[:10]:
        change = "-" if t.change_pct is None else f"{_signed(t.change_pct)} %"
        table.add_row(t.exercise, str(len(t.points)), format_decimal(t.best_kg), change)
    out().print(table)
    for p in report.effort_pbs[-8:]:
        out().print(f"PB {p.key}: {_time(p.value)} on {p.day.isoformat()}", markup=False)
    if report.pace_at_hr_bpm is not None:
        out().print(
            f"Pace at {report.pace_at_hr_bpm:.0f} bpm on easy runs: "
            f"{_pace(report.pace_at_hr_before_s_per_km, units)} (8 weeks before) → "
            f"{_pace(report.pace_at_hr_now_s_per_km, units)} (last 8 weeks)",
            markup=False, highlight=False,
        )  # fmt: skip
    if report.sprint:
        best = max(report.sprint, key=lambda p: p[1])
        out().print(f"Fastest 5 s: {best[1]:.2f} m/s on {best[0].isoformat()}", markup=False)
    for pr in report.predictions:
        out().print(
            f"Prediction {pr.race}: {_time(pr.time_s)} (VDOT {pr.vdot:g} from "
            f"{pr.from_effort} on {pr.from_day.isoformat()})",
            markup=False, highlight=False,
        )  # fmt: skip


@_figures("habits", stats_progress.habits_report, "habits_chart")
def show_habits(report: stats_progress.HabitsReport, _units: str) -> None:
    """Which recovery habits go with better key sessions (R25; association, not causation)."""
    out().print(
        f"Performance: {report.performance} ({report.sessions} sessions scored; "
        f"{report.logged} logged).",
        markup=False, highlight=False,
    )  # fmt: skip
    for f in report.findings:
        out().print(f"- {f.summary}", markup=False, highlight=False)
    out().print(report.caveat, markup=False, highlight=False)


@_figures("compliance", stats.compliance_report, "compliance_chart")
def show_compliance(report: stats.ComplianceReport, _units: str) -> None:
    """Planned vs done by plan week and by session kind."""
    if not report.planned:
        first = report.counted_from.isoformat() if report.counted_from else "?"
        out().print(
            f"No planned session to count yet: compliance counts the days from {first} "
            f"before today ({report.until.isoformat()}); a day counts once it is over.",
            markup=False, highlight=False,
        )  # fmt: skip
        return
    table = Table("week", date_column("from"), "planned", "done", "%")
    for w in report.weeks:
        pct = 100 * w.done / w.planned if w.planned else 0
        table.add_row(f"w{w.index + 1}", w.start.isoformat(), str(w.planned), str(w.done),
                      f"{pct:.0f}")  # fmt: skip
    out().print(table)
    kinds = Table("kind", "planned", "done", "%")
    for k in report.by_kind:
        kinds.add_row(k.kind, str(k.planned), str(k.done),
                      f"{100 * k.ratio:.0f}" if k.ratio is not None else "-")  # fmt: skip
    out().print(kinds)
    out().print(f"Done {report.done} of {report.planned} planned sessions.", markup=False)


def register(app: typer.Typer) -> None:
    """Add the ``stats`` command group to ``app``."""
    app.add_typer(stats_app, name="stats")
