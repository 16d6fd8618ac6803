"""``runstrong paces``: VDOT, equivalent race times and training paces from one result."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.table import Table

from runstrong.cli.console import out
from runstrong.core.errors import InputError
from runstrong.core.science.cameron import below_tables
from runstrong.core.science.paces import (
    HrZone,
    PaceReport,
    analyse_race,
    hr_zones_karvonen,
    hr_zones_lthr,
    hrmax_fox,
    hrmax_tanaka,
)
from runstrong.core.units import (
    METRES_PER_MILE,
    STANDARD_DISTANCES_M,
    distance_label,
    format_duration,
    format_pace,
    parse_distance,
    parse_duration,
)

_PACE_ROWS = (
    ("E", "Easy", "aerobic base, recovery, long runs"),
    ("M", "Marathon", "marathon race pace"),
    ("T", "Threshold", "comfortably hard, ~1 h race effort"),
    ("I", "Interval", "VO2max reps of 3-5 min"),
    ("R", "Repetition", "short fast reps, economy and speed"),
)


def register(app: typer.Typer) -> None:
    """Add the ``paces`` command to ``app``."""

    @app.command("paces")
    def paces(
        distance: str = typer.Option(
            ...,
            "--distance",
            "-d",
            help="Race distance: 1500m, mile, 3000m, 2mile, 5k, 10k, 15k, half, marathon, "
            "or a number with m/k/km/mi (8000m, 8.5km, 10mi).",
        ),
        time: str = typer.Option(
            ..., "--time", "-t", help="Finish time: h:mm:ss, mm:ss or seconds."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
        age: int | None = typer.Option(
            None, "--age", help="Age in years: estimates HRmax (Tanaka; Fox shown too)."
        ),
        hr_rest: int | None = typer.Option(
            None, "--hr-rest", help="Resting heart rate (bpm) for heart-rate-reserve zones."
        ),
        hr_max: int | None = typer.Option(
            None, "--hr-max", help="Measured maximum heart rate (bpm); beats the age estimate."
        ),
        lthr: int | None = typer.Option(
            None, "--lthr", help="Lactate-threshold heart rate (bpm) for Friel's zones."
        ),
    ) -> None:
        """Show VDOT, equivalent race times and training paces for a race result.

        The model is Daniels-Gilbert corrected to Daniels' published VDOT tables
        (see docs/paces.md). Outside VDOT 30-85, and below 1500 m, results are flagged
        as extrapolated.
        """
        report = analyse_race(parse_distance(distance), parse_duration(time))
        hr = _heart_rate(age, hr_rest, hr_max, lthr)
        if as_json:
            payload = _report_json(report)
            if hr:
                payload["heart_rate"] = hr
            out().print(
                json.dumps(payload, indent=2), markup=False, highlight=False, soft_wrap=True
            )
            return
        _print_report(report)
        if hr:
            _print_heart_rate(hr)


def _heart_rate(
    age: int | None, hr_rest: int | None, hr_max: int | None, lthr: int | None
) -> dict[str, Any]:
    """HR section: HRmax (measured or estimated) and the zones the options allow."""
    out: dict[str, Any] = {}
    hrmax: float | None = None
    if hr_max is not None:
        hrmax = float(hr_max)
        out["hrmax_bpm"] = hrmax
        out["hrmax_source"] = "measured"
    if age is not None:
        out["hrmax_tanaka_bpm"] = hrmax_tanaka(age)
        out["hrmax_fox_bpm"] = hrmax_fox(age)
        if hrmax is None:
            hrmax = out["hrmax_tanaka_bpm"]
            out["hrmax_bpm"] = hrmax
            out["hrmax_source"] = "tanaka"
    if hr_rest is not None:
        if hrmax is None:
            raise InputError(
                "--hr-rest needs --hr-max or --age to compute heart-rate-reserve zones"
            )
        out["hr_rest_bpm"] = float(hr_rest)
        out["zones_karvonen"] = [_zone_json(z) for z in hr_zones_karvonen(hrmax, hr_rest)]
    if lthr is not None:
        out["lthr_bpm"] = float(lthr)
        out["zones_lthr"] = [_zone_json(z) for z in hr_zones_lthr(lthr)]
    return out


def _zone_json(zone: HrZone) -> dict[str, Any]:
    def r(value: float | None) -> float | None:
        return None if value is None else round(value, 1)

    return {
        "name": zone.name,
        "description": zone.description,
        "low_bpm": r(zone.low_bpm),
        "high_bpm": r(zone.high_bpm),
        "low_pct": zone.low_pct,
        "high_pct": zone.high_pct,
        "basis": zone.basis,
    }


def _report_json(report: PaceReport) -> dict[str, Any]:
    paces = report.paces
    per_mile = paces.per_mile()
    return {
        "distance_m": report.distance_m,
        "time_s": report.time_s,
        "vdot": round(report.vdot, 3),
        "extrapolated": report.extrapolated,
        "equivalent_times_s": {k: round(v, 2) for k, v in report.equivalent_times_s.items()},
        "equivalent_times": {k: format_duration(v) for k, v in report.equivalent_times_s.items()},
        "paces_s_per_km": {
            "easy": [round(paces.easy_s_per_km[0], 2), round(paces.easy_s_per_km[1], 2)],
            "marathon": round(paces.marathon_s_per_km, 2),
            "threshold": round(paces.threshold_s_per_km, 2),
            "interval": round(paces.interval_s_per_km, 2),
            "repetition": round(paces.repetition_s_per_km, 2),
        },
        "paces_s_per_mile": {
            "easy": [round(per_mile.easy_s_per_mile[0], 2), round(per_mile.easy_s_per_mile[1], 2)],
            "marathon": round(per_mile.marathon_s_per_mile, 2),
            "threshold": round(per_mile.threshold_s_per_mile, 2),
            "interval": round(per_mile.interval_s_per_mile, 2),
            "repetition": round(per_mile.repetition_s_per_mile, 2),
        },
    }


def _print_report(report: PaceReport) -> None:
    out().print(
        f"{distance_label(report.distance_m)} in {format_duration(report.time_s)}: "
        f"[bold]VDOT {report.vdot:.1f}[/bold]"
    )
    if report.extrapolated and below_tables(report.distance_m):
        out().print(
            "[yellow]Extrapolated: Daniels' tables start at 1500 m; a shorter result is "
            "carried to its 1500 m equivalent with Cameron's model.[/yellow]"
        )
    elif report.extrapolated:
        out().print(
            "[yellow]Extrapolated: outside VDOT 30-85 the numbers come from the raw "
            "Daniels-Gilbert equations, not the published table.[/yellow]"
        )
    times = Table(title="Equivalent race times")
    for column in ("Distance", "Time", "Pace /km", "Pace /mile"):
        times.add_column(column, justify="left" if column == "Distance" else "right")
    for key, time_s in report.equivalent_times_s.items():
        distance_m = STANDARD_DISTANCES_M[key]
        times.add_row(
            distance_label(distance_m),
            format_duration(time_s),
            format_pace(time_s / distance_m * 1000),
            format_pace(time_s / distance_m * METRES_PER_MILE),
        )
    out().print(times)

    paces = report.paces
    per_mile = paces.per_mile()
    table = Table(title="Training paces")
    for column in ("Pace", "Per km", "Per mile", "Use"):
        table.add_column(column, justify="right" if column.startswith("Per") else "left")
    values: tuple[tuple[float | tuple[float, float], float | tuple[float, float]], ...] = (
        (paces.easy_s_per_km, per_mile.easy_s_per_mile),
        (paces.marathon_s_per_km, per_mile.marathon_s_per_mile),
        (paces.threshold_s_per_km, per_mile.threshold_s_per_mile),
        (paces.interval_s_per_km, per_mile.interval_s_per_mile),
        (paces.repetition_s_per_km, per_mile.repetition_s_per_mile),
    )
    for (code, name, use), (km, mile) in zip(_PACE_ROWS, values, strict=True):
        table.add_row(f"{code} {name}", _pace_cell(km), _pace_cell(mile), use)
    out().print(table)


def _pace_cell(value: float | tuple[float, float]) -> str:
    if isinstance(value, tuple):
        return f"{format_pace(value[0])}-{format_pace(value[1])}"
    return format_pace(value)


def _print_heart_rate(hr: dict[str, Any]) -> None:
    if "hrmax_bpm" in hr:
        line = f"HRmax {hr['hrmax_bpm']:.0f} bpm ({hr['hrmax_source']})"
        if "hrmax_fox_bpm" in hr:
            tanaka, fox = hr["hrmax_tanaka_bpm"], hr["hrmax_fox_bpm"]
            line += f"; age estimates: Tanaka {tanaka:.0f}, Fox {fox:.0f}"
        out().print(line)
    for key, title in (
        ("zones_karvonen", "Heart-rate zones (% of heart-rate reserve, Karvonen)"),
        ("zones_lthr", "Heart-rate zones (% of lactate-threshold HR, Friel)"),
    ):
        if key not in hr:
            continue
        table = Table(title=title)
        for column in ("Zone", "Effort", "bpm", "%"):
            table.add_column(column)
        for zone in hr[key]:
            table.add_row(
                zone["name"],
                zone["description"],
                _range(zone["low_bpm"], zone["high_bpm"], "{:.0f}"),
                _range(zone["low_pct"], zone["high_pct"], "{:g}"),
            )
        out().print(table)


def _range(low: float | None, high: float | None, fmt: str) -> str:
    if low is None and high is not None:
        return "< " + fmt.format(high)
    if high is None and low is not None:
        return "> " + fmt.format(low)
    return f"{fmt.format(low)}-{fmt.format(high)}"
