"""Charts of the statistics as PNG or SVG files (matplotlib, no display needed).

Figures are built with ``matplotlib.figure.Figure`` and its Agg/SVG canvases,
never pyplot, so nothing global is touched and the web app can call these from
worker threads. The format follows the file suffix (``.png`` or ``.svg``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from runstrong.core.errors import InputError
from runstrong.services.stats import ComplianceReport, LoadReport
from runstrong.services.stats_progress import HabitsReport, ProgressReport

FORMATS = {".png": "png", ".svg": "svg"}


def _format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"chart file '{path}' must end in .png or .svg")
    return fmt


def _x(days: Sequence[dt.date]) -> Any:
    """Dates as a numpy ``datetime64[D]`` array (matplotlib plots these as dates)."""
    return np.array(list(days), dtype="datetime64[D]")


def _save(fig: Figure, path: Path) -> Path:
    fmt = _format(path)
    try:
        fig.savefig(path, format=fmt, dpi=120, bbox_inches="tight")
    except OSError as exc:
        raise InputError(f"cannot write chart '{path}': {exc.strerror}") from None
    return path


def _save_dated(fig: Figure, ax: Any, path: Path, *, legend: bool) -> Path:
    """Finish a chart over dates (the legend top left when asked, slanted date labels)
    and save it."""
    if legend:
        ax.legend(loc="upper left")
    ax.xaxis_date()
    fig.autofmt_xdate()
    return _save(fig, path)


def fitness_chart(report: LoadReport, path: Path) -> Path:
    """Fitness (CTL), fatigue (ATL) and form (TSB) per day, daily load as bars."""
    _format(path)
    fig = Figure(figsize=(10, 5))
    ax = fig.add_subplot()
    days = _x([d.day for d in report.days])
    # A filled step line, not bars: thousands of days draw in milliseconds.
    ax.fill_between(
        days, [d.total for d in report.days], step="mid", color="#cccccc", label="daily load"
    )
    ax.plot(days, [p.fitness for p in report.pmc], color="#1f77b4", label="fitness (42 d)")
    ax.plot(days, [p.fatigue for p in report.pmc], color="#d62728", label="fatigue (7 d)")
    ax.plot(days, [p.form for p in report.pmc], color="#2ca02c", label="form")
    ax.axhline(0, color="black", linewidth=0.5)
    ax.set_ylabel("load (AU)")
    ax.set_title("Fitness, fatigue and form")
    return _save_dated(fig, ax, path, legend=True)


def weekly_volume_chart(report: LoadReport, path: Path) -> Path:
    """Minutes per week by kind (run, lift, other) stacked, km on a second axis."""
    _format(path)
    fig = Figure(figsize=(10, 5))
    ax = fig.add_subplot()
    weeks = _x([w.start for w in report.weeks])
    run = [w.run_min for w in report.weeks]
    lift = [w.lift_min for w in report.weeks]
    other = [w.other_min for w in report.weeks]
    # Stacked areas (one polygon per kind) stay fast over years of weeks.
    ax.stackplot(
        weeks, run, lift, other, step="post", labels=["run (min)", "strength (min)", "other (min)"],
        colors=["#1f77b4", "#ff7f0e", "#7f7f7f"],
    )  # fmt: skip
    ax.set_ylabel("minutes per week")
    km = ax.twinx()
    km.plot(weeks, [w.run_km for w in report.weeks], color="black", label="run km")
    km.set_ylabel("km per week")
    ax.set_title("Weekly volume by kind")
    return _save_dated(fig, ax, path, legend=True)


def e1rm_chart(report: ProgressReport, path: Path, *, top: int = 6) -> Path:
    """Estimated 1RM over time for the most often logged lifts."""
    _format(path)
    fig = Figure(figsize=(10, 5))
    ax = fig.add_subplot()
    shown = [t for t in report.lifts if len(t.points) > 0][:top]
    for t in shown:
        ax.plot(
            _x([d for d, _ in t.points]), [v for _, v in t.points], marker=".", label=t.exercise
        )
    if shown:
        ax.legend(loc="upper left")
    else:
        ax.text(0.5, 0.5, "no loaded sets logged yet", ha="center", transform=ax.transAxes)
    ax.set_ylabel("e1RM (kg)")
    ax.set_title("Estimated 1RM (Brzycki) per lift")
    return _save_dated(fig, ax, path, legend=False)


def habits_chart(report: HabitsReport, path: Path) -> Path:
    """Correlation of each item with performance, with its 95 % interval."""
    _format(path)
    rows = [f for f in report.findings if f.enough_data and f.r is not None and f.r_ci]
    fig = Figure(figsize=(8, 1 + 0.5 * max(len(rows), 1)))
    ax = fig.add_subplot()
    for i, f in enumerate(rows):
        assert f.r is not None and f.r_ci is not None
        ax.plot(f.r_ci, [i, i], color="#1f77b4")
        ax.plot([f.r], [i], "o", color="#1f77b4")
    ax.set_yticks(range(len(rows)), [f"{f.item} (n={f.n})" for f in rows])
    ax.axvline(0, color="black", linewidth=0.5)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("r with performance (95 % CI); association, not causation")
    if not rows:
        ax.text(0, 0, "not enough data yet", ha="center")
    return _save(fig, path)


def compliance_chart(report: ComplianceReport, path: Path) -> Path:
    """Share of planned sessions done per plan week."""
    _format(path)
    fig = Figure(figsize=(10, 4))
    ax = fig.add_subplot()
    labels = [f"w{w.index + 1}" for w in report.weeks]
    ax.bar(labels, [100 * w.done / w.planned if w.planned else 0 for w in report.weeks])
    ax.axhline(90, color="#2ca02c", linewidth=0.8, linestyle="--")
    ax.set_ylim(0, 105)
    ax.set_ylabel("% of planned sessions done")
    ax.set_title("Planned vs done")
    return _save(fig, path)
