"""``runstrong today``: the morning check-in, today's sessions as adapted and why, fuelling.

Check-in values come from flags; with none given, no check-in stored for the day
and an interactive terminal, the questions are asked. Every change is printed
with its rule id (R19–R23 for today, R1/R14/R21/R22/R26 for the plan).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Annotated, Any

import typer
from rich.markup import escape

from runstrong.cli.console import out
from runstrong.cli.db import now_utc, open_database, today_local
from runstrong.cli.default_athlete import resolve_athlete
from runstrong.cli.options import (
    AthleteOpt,
    SleepOpt,
    SleepQualityOpt,
    SorenessOpt,
    StressOpt,
)
from runstrong.core.errors import InputError
from runstrong.core.model import PlannedSession, SessionKind
from runstrong.core.units import format_distance_bare, format_minutes, localise
from runstrong.exporters.text import exercise_dose, session_title
from runstrong.services import coach, plan_status
from runstrong.services.coach_json import today_dict
from runstrong.services.day import as_adapted
from runstrong.services.logging import WELLNESS_CHECKS
from runstrong.services.planning import profile_units
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

QUESTIONS: tuple[tuple[str, str], ...] = (
    ("sleep_h", "Sleep last night (hours)"),
    ("sleep_quality", "Sleep quality (1 poor … 5 excellent)"),
    ("stress", "Stress (1 none … 5 very high)"),
    ("soreness", "Soreness (1 none … 5 very sore)"),
    ("leg_feel", "Legs (1 dead … 5 fresh)"),
    ("hip_stiffness", "Hip stiffness (1 none … 5 very stiff)"),
    ("low_back_fatigue", "Lower back fatigue (1 none … 5 very tired)"),
)
"""The check-in questions asked in the morning; the allowed range of each answer is the
one ``services.logging.WELLNESS_CHECKS`` holds for every check-in."""
STATUS_STYLE = {
    "green": "green",
    "amber": "yellow",
    "red": "red",
    "partial": "dim",
    "unknown": "dim",
}


def interactive() -> bool:
    """Whether questions may be asked (stdin is a terminal)."""
    return sys.stdin.isatty()


def parse_date(text: str | None, today: dt.date) -> dt.date:
    """``YYYY-MM-DD``, ``today``, ``yesterday`` or ``tomorrow`` (default today)."""
    if text is None:
        return today
    words = {"today": 0, "yesterday": -1, "tomorrow": 1}
    key = text.strip().lower()
    if key in words:
        return today + dt.timedelta(days=words[key])
    try:
        return dt.date.fromisoformat(key)
    except ValueError:
        raise InputError(
            f"invalid date {text!r}: use YYYY-MM-DD, today, yesterday or tomorrow"
        ) from None


def _ask() -> dict[str, Any]:
    answers: dict[str, Any] = {}
    out().print("Morning check-in (blank to skip a question):", markup=False)
    for key, question in QUESTIONS:
        _what, _kind, low, high, _unit = WELLNESS_CHECKS[key]
        text = str(typer.prompt(question, default="", show_default=False)).strip()
        if not text:
            continue
        try:
            value = float(text)
        except ValueError:
            raise InputError(f"invalid answer {text!r} to {question!r}: use a number") from None
        if not low <= value <= high:
            raise InputError(f"invalid answer {text!r} to {question!r}: use {low:g} to {high:g}")
        answers[key] = value
    return answers


def _session_lines(s: PlannedSession, units: str) -> list[str]:
    head = f"{s.start:%H:%M}  {s.kind.value:<8} {session_title(s, units) or s.category}"
    if s.duration_min:
        head += f"  {format_minutes(s.duration_min * 60)}"
    if s.distance_km:
        head += f", {format_distance_bare(s.distance_km * 1000, units)}"
    lines = [head]
    lines += [f"      {ex.name}: {exercise_dose(ex)}" for ex in s.exercises]
    return lines


def render(
    report: coach.TodayReport,
    units: str = "km",
    week: tuple[tuple[PlannedSession, plan_status.SessionStatus], ...] = (),
) -> None:
    """Print the report for a terminal, distances in ``units`` ("km" or "mi"); ``week``
    is this week's sessions up to today with whether the log shows them done
    (``services.plan_status``)."""
    r = report.readiness
    style = STATUS_STYLE.get(r.status.value, "")
    score = f" {r.score:.0f}/100" if r.score is not None else ""
    out().print(
        f"[bold]{escape(report.athlete)}[/] — {report.day:%A %d %B %Y}\n"
        f"Readiness: [{style}]{r.status.value}{score}[/] ({escape('; '.join(r.reasons))})"
    )
    if report.has_plan:
        out().print("\nToday:")
        shown = [s for s in report.sessions if s.kind is not SessionKind.REST or s.why]
        if not shown:
            out().print("  rest day", markup=False)
        for s in shown:
            label = "dropped" if s.kind is SessionKind.REST else None
            for i, line in enumerate(_session_lines(s, units)):
                prefix = f"  {label}: " if label and i == 0 else "  "
                out().print(prefix + line, markup=False, highlight=False)
    if week:
        out().print("\nThis week:")
        for s, status in week:
            out().print(
                f"  {s.date:%a %d %b}  {s.kind.value:<8} "
                f"{session_title(s, units) or s.category}: {status.text}",
                markup=False,
                highlight=False,
            )
    if report.changes:
        out().print("\nAdapted:")
        for c in report.changes:
            out().print(
                f"  {c.rule_id}: {localise(c.message, units)}", markup=False, highlight=False
            )
    if report.plan_changes:
        out().print("\nPlan:")
        for c in report.plan_changes:
            out().print(
                f"  {c.rule_id}: {localise(c.message, units)}", markup=False, highlight=False
            )
    food = report.nutrition
    if food is not None:
        carb, prot = food.carbohydrate_g, food.protein_g
        out().print(
            f"\nFuel (R24, {food.band.value.replace('_', ' ')} day): carbohydrate "
            f"{carb[0]:.0f}–{carb[1]:.0f} g, protein {prot[0]:.0f}–{prot[1]:.0f} g, "
            f"session fluid {food.fluid.text}"
            + (" on top of normal drinking" if food.fluid.needed else ""),
            markup=False,
            highlight=False,
        )
        for w in food.warnings:
            out().print(f"  Warning: {w}", markup=False, highlight=False)
    if not report.has_plan:
        out().print(
            "Note: no plan yet: build one with runstrong plan new --profile FILE",
            markup=False,
            highlight=False,
        )
    for note in report.notes:
        out().print(f"Note: {localise(note, units)}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add the ``today`` command to ``app``."""

    @app.command("today")
    def today_command(
        date: Annotated[
            str | None, typer.Option("--date", help="Day (YYYY-MM-DD, today, tomorrow…).")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
        minutes: Annotated[
            float | None,
            typer.Option("--minutes", min=0, max=1440, help="Minutes you have today (R22)."),
        ] = None,
        athlete: AthleteOpt = None,
        sleep: SleepOpt = None,
        sleep_quality: SleepQualityOpt = None,
        stress: StressOpt = None,
        soreness: SorenessOpt = None,
        # The long names are the ones `runstrong log wellness` uses for the same items.
        legs: Annotated[
            int | None,
            typer.Option("--legs", "--leg-feel", help="How the legs feel, 1 dead … 5 fresh."),
        ] = None,
        hips: Annotated[
            int | None,
            typer.Option("--hips", "--hip-stiffness", help="Hip stiffness, 1 none … 5 very stiff."),
        ] = None,
        back: Annotated[
            int | None,
            typer.Option("--back", "--low-back", help="Lower back fatigue, 1 none … 5."),
        ] = None,
        save: Annotated[
            bool, typer.Option("--save/--no-save", help="Store the check-in and adapted plan.")
        ] = True,
    ) -> None:
        """Check in, then show today's sessions as adapted (with rule ids) and fuel targets."""
        now = now_utc()
        day = parse_date(date, today_local())
        checkin: dict[str, Any] = {
            "sleep_h": sleep,
            "sleep_quality": sleep_quality,
            "stress": stress,
            "soreness": soreness,
            "leg_feel": legs,
            "hip_stiffness": hips,
            "low_back_fatigue": back,
        }
        with transaction(open_database()) as session:
            target = resolve_athlete(session, athlete, now=now)
            units = profile_units(target.profile_toml)
            given = any(v is not None for v in checkin.values())
            if (
                not given
                and not as_json
                and interactive()
                and repo.get_wellness(session, target.id, day) is None
            ):
                checkin = _ask()
            report = coach.today(
                session,
                target.id,
                day,
                now=now,
                checkin=checkin,
                minutes_available=minutes,
                save=save,
            )
            week = as_adapted(plan_status.week_so_far(session, target.id, day, units), report)
        if as_json:
            body = today_dict(report)
            body["week"] = plan_status.week_entries(week, units)
            out().print_json(json.dumps(body))
            return
        render(report, units, week)
