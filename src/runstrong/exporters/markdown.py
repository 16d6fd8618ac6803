"""Markdown for printing a plan: season overview table, then each week as a
table followed by every session's full prescription, distances and paces in the
athlete's display units ("km" or "mi")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from runstrong.core.model import Plan, PlannedSession, PlanWeek, SessionKind
from runstrong.core.units import (
    format_distance_value,
    format_load,
    format_race_distance,
    localise,
    round_half_up,
    unit_name,
)
from runstrong.exporters.text import clock, session_lines, session_title


def cell(text: str) -> str:
    """Make text safe inside a table cell (pipes escaped, one line)."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def _line(text: str) -> str:
    return " ".join(text.split())


def _km(value: float | None, units: str) -> str:
    return "" if value is None else format_distance_value(value * 1000, units)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(columns: Sequence[tuple[str, str]], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table: ``columns`` are (heading, alignment rule such as ``---:``)."""
    rule = "|" + "|".join(align for _, align in columns) + "|"
    return [_row(heading for heading, _ in columns), rule, *(_row(r) for r in rows)]


def _overview(plan: Plan, units: str) -> list[str]:
    columns = [
        ("Week", "---:"),
        ("Starts", "---"),
        ("Phase", "---"),
        ("Deload", ":---:"),
        (f"Run {unit_name(units)}", "---:"),
        ("Runs", "---:"),
        ("Strength", "---:"),
        ("Load", "---:"),
    ]
    rows = []
    for i, w in enumerate(plan.weeks, start=1):
        runs = sum(1 for s in w.sessions if s.kind is SessionKind.RUN)
        lifts = sum(1 for s in w.sessions if s.kind is SessionKind.STRENGTH)
        load = sum(s.load for s in w.sessions)
        rows.append(
            (
                str(i),
                w.start_date.isoformat(),
                w.phase.value,
                "yes" if w.deload else "",
                _km(w.run_km, units),
                str(runs),
                str(lifts),
                format_load(load),
            )
        )
    return _table(columns, rows)


def _week_table(w: PlanWeek, units: str) -> list[str]:
    columns = [
        ("Day", "---"),
        ("Date", "---"),
        ("Start", "---"),
        ("Session", "---"),
        ("Kind", "---"),
        ("Min", "---:"),
        (unit_name(units), "---:"),
        ("Load", "---:"),
    ]
    rows = []
    for s in w.sessions:
        kind = f"{s.kind.value} · {s.category}" if s.category else s.kind.value
        if s.hard:
            kind += " (hard)"
        rows.append(
            (
                f"{s.date:%a}",
                s.date.isoformat(),
                f"{s.start:%H:%M}",
                cell(session_title(s, units)),
                cell(kind),
                str(round_half_up(s.duration_min)),
                _km(s.distance_km, units),
                format_load(s.load),
            )
        )
    return _table(columns, rows)


def _session_block(s: PlannedSession, units: str) -> list[str]:
    title = _line(session_title(s, units))
    out = [f"#### {s.date:%a} {s.date.isoformat()} {s.start:%H:%M} — {title}", ""]
    out += [f"- {_line(text)}" for text in session_lines(s, units)]
    out.append(f"- Session id: `{_line(s.id)}`")
    return [*out, ""]


def plan_to_markdown(plan: Plan, units: str = "km") -> str:
    """The whole plan as Markdown text (ends with a newline), in ``units``."""
    distance = format_race_distance(plan.race_distance_m, units)
    race = f"{distance} on {plan.race_date:%a} {plan.race_date.isoformat()}"
    facts = [f"Race: {race}"]
    if plan.target_time_s:
        facts.append(f"target {clock(plan.target_time_s)}")
    if plan.vdot:
        facts.append(f"VDOT {plan.vdot:.1f}")
    facts.append(f"{len(plan.weeks)} weeks from {plan.start_date.isoformat()}")
    out = [f"# Season plan — {_line(plan.athlete)}", "", " · ".join(facts), ""]
    out += [f"> {_line(localise(n, units))}" for n in plan.notes]
    if plan.notes:
        out.append("")
    out += ["## Season overview", "", *_overview(plan, units), ""]
    out += ["## Rules the plan had to break", ""]
    if plan.broken_rules:
        for b in plan.broken_rules:
            where = ", ".join(f"`{sid}`" for sid in b.session_ids) or "whole plan"
            day = f" on {b.date.isoformat()}" if b.date else ""
            message = _line(localise(b.message, units))
            out.append(f"- **{b.rule_id}** ({b.severity.value}){day}, {where}: {message}")
    else:
        out.append("None.")
    out.append("")
    for i, w in enumerate(plan.weeks, start=1):
        title = f"## Week {i} — {w.phase.value}{' (deload)' if w.deload else ''}"
        volume = f"{_km(w.run_km, units)} {unit_name(units)}"
        out += [f"{title}, from {w.start_date.isoformat()} · {volume}", ""]
        out += [f"> {_line(localise(n, units))}" for n in w.notes]
        if w.notes:
            out.append("")
        if not w.sessions:
            out += ["No sessions.", ""]
            continue
        out += [*_week_table(w, units), ""]
        for s in w.sessions:
            out += _session_block(s, units)
    return "\n".join(out).rstrip("\n") + "\n"
