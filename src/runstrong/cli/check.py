"""``runstrong check PLAN.json``: audit a plan file against the coaching rules.

Reads any plan in the documented JSON format (docs/plan-format.md); bookkeeping
fields a hand-written plan leaves out are derived, each with a NOTE line
(``exporters.plan_lenient``). Runs ``core.rules.audit.engine.audit_plan`` and
prints every finding with its rule id, severity and the sessions involved.
Exit status 1 when a HARD rule is broken (or the file is malformed); with
``--strict`` also when a QUALITY finding (Q1–Q7) is made; 0 otherwise.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from runstrong.cli.console import out
from runstrong.core.athlete import Athlete, parse_profile_text
from runstrong.core.errors import PlanFormatError, ProfileError, RunstrongError
from runstrong.core.model import Plan, RuleBreak, Severity
from runstrong.core.rules.audit.engine import (
    AuditLimits,
    audit_plan,
    hard_breaks,
    is_declared,
    quality_findings,
)
from runstrong.core.units import localise
from runstrong.exporters.plan_lenient import load_plan_for_audit
from runstrong.text_file import read_text


def read_plan(path: Path) -> tuple[Plan, list[str]]:
    """Load a plan file for auditing (``-`` reads standard input) and the notes on
    what was derived; every problem is a ``PlanFormatError`` naming the file."""
    if str(path) == "-":
        return load_plan_for_audit(sys.stdin.read(), source="<stdin>")
    text = read_text(path, "plan file", PlanFormatError)
    return load_plan_for_audit(text, source=path.name)


def read_profile(path: Path) -> Athlete:
    """Load an athlete profile TOML file; problems are ``ProfileError``."""
    return parse_profile_text(read_text(path, "profile", ProfileError), path.name)


def _finding_dict(b: RuleBreak, declared: bool) -> dict[str, Any]:
    return {
        "rule": b.rule_id,
        "severity": b.severity.value,
        "sessions": list(b.session_ids),
        "date": b.date.isoformat() if b.date else None,
        "message": b.message,
        "declared": declared,
    }


def _limits(athlete: Athlete | None, plan: Plan) -> AuditLimits:
    """The audit's limits, with what the profile's windows hold (R6/Q1/Q2) so that a note
    stating that limit is checked against it (``rules.audit.stated``); a profile the
    planner cannot plan from its start date gives none, and such notes excuse nothing."""
    if athlete is None:
        return AuditLimits()
    # the planner is imported only with a profile: a plain check stays a light command
    from runstrong.core.planning.build import window_holds

    try:
        return AuditLimits(windows=window_holds(athlete, plan.start_date))
    except RunstrongError:
        return AuditLimits()


def format_finding(b: RuleBreak, declared: bool, units: str = "km") -> str:
    """One line: ``HARD R3  2027-03-02  w1-tue-run, w1-tue-strength: message``, its
    distances in ``units`` (the profile's, when one is given)."""
    when = b.date.isoformat() if b.date else "-"
    sessions = ", ".join(b.session_ids) if b.session_ids else "-"
    tail = " (declared by the plan)" if declared else ""
    message = localise(b.message, units)
    return f"{b.severity.value.upper():<4} {b.rule_id:<4} {when}  {sessions}: {message}{tail}"


def _print(text: str) -> None:
    out().print(text, markup=False, highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add the ``check`` command to ``app``."""

    @app.command("check")
    def check(
        plan_file: Path = typer.Argument(
            ...,
            metavar="PLAN.json",
            help="Plan file in the runstrong JSON plan format (- for stdin).",
        ),
        profile: Path | None = typer.Option(
            None,
            "--profile",
            "-p",
            help="Athlete profile (TOML); enables the checks of the athlete's real week (R6).",
        ),
        as_json: bool = typer.Option(False, "--json", help="Print the findings as JSON."),
        strict: bool = typer.Option(
            False,
            "--strict",
            help="Also exit 1 when a plan-quality finding (Q1–Q7) is made.",
        ),
    ) -> int:
        """Audit a plan file against the plan rules R1–R17 and the consistency checks C1–C3.

        Plan-quality checks Q1–Q7 are reported too. The other rules of R0–R26 act while
        planning (R0) and coaching from the log (R18–R26), not on a plan file. Exit 1 if a
        hard rule is broken (with --strict: or a quality finding).
        """
        plan, notes = read_plan(plan_file)
        label = "<stdin>" if str(plan_file) == "-" else plan_file.name
        athlete = read_profile(profile) if profile is not None else None
        found = audit_plan(plan, athlete=athlete, limits=_limits(athlete, plan))
        flags = [is_declared(b, plan.broken_rules) for b in found]
        counts = {sev: sum(1 for b in found if b.severity is sev) for sev in Severity}
        failed = bool(hard_breaks(found)) or (strict and bool(quality_findings(found)))
        status = 1 if failed else 0
        if as_json:
            body = {
                "plan": label,
                "ok": status == 0,
                "strict": strict,
                "notes": notes,
                "counts": {sev.value: n for sev, n in counts.items()},
                "findings": [_finding_dict(b, d) for b, d in zip(found, flags, strict=True)],
            }
            out().print_json(json.dumps(body))
            return status
        for note in notes:
            _print(f"NOTE {note}")
        for b, d in zip(found, flags, strict=True):
            _print(format_finding(b, d, athlete.units if athlete is not None else "km"))
        verdict = "hard rules broken" if hard_breaks(found) else "no hard rule broken"
        if strict and quality_findings(found):
            verdict += "; quality findings (--strict)"
        _print(
            f"{label}: {verdict} "
            f"({counts[Severity.HARD]} hard, {counts[Severity.SOFT]} soft, "
            f"{counts[Severity.QUALITY]} quality, {counts[Severity.INFO]} info)"
        )
        return status
