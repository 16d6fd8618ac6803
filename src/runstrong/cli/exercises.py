"""``runstrong exercises``: browse the exercise library and its substitutions (R17)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from runstrong.cli.console import out
from runstrong.cli.options import PrintJsonOpt
from runstrong.core.errors import InputError
from runstrong.core.exercises import (
    Complaint,
    Equipment,
    Exercise,
    ExerciseLibrary,
    Muscle,
    Pattern,
    load_library,
)

exercises_app = typer.Typer(
    name="exercises",
    help="Browse the exercise library: list with filters, show one with its substitutions.",
    no_args_is_help=True,
)


def _choice(kind: type[Pattern] | type[Muscle] | type[Complaint], value: str, what: str) -> str:
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    allowed = [m.value for m in kind]
    if key not in allowed:
        raise InputError(f"unknown {what} {value!r}; allowed: {', '.join(allowed)}")
    return key


def _flags(ex: Exercise) -> str:
    flags = [
        name
        for name, on in (
            ("heavy", ex.heavy_ok),
            ("one-side", ex.unilateral),
            ("plyo", ex.plyometric),
            ("trunk-flexion", ex.trunk_flexion),
        )
        if on
    ]
    return ", ".join(flags)


def _as_dict(ex: Exercise) -> dict[str, Any]:
    return {
        "id": ex.id,
        "name": ex.name,
        "aliases": list(ex.aliases),
        "pattern": ex.pattern.value,
        "muscles": [m.value for m in ex.muscles],
        "equipment": ex.equipment_text(),
        "level": ex.level.value,
        "unilateral": ex.unilateral,
        "heavy_ok": ex.heavy_ok,
        "plyometric": ex.plyometric,
        "trunk_flexion": ex.trunk_flexion,
        "contraindications": sorted(c.value for c in ex.contraindications),
        "mobility": [t.value for t in ex.mobility],
        "substitutions": list(ex.substitutions),
        "cues": list(ex.cues),
        "intent": ex.intent,
    }


def _reasons(lib: ExerciseLibrary, ex: Exercise, sub: Exercise) -> str:
    tags = []
    if sub in lib.substitutes(ex.id, reason="lighter"):
        tags.append("lighter")
    if sub.bodyweight:
        tags.append("no equipment")
    avoided = sorted(c.value for c in ex.contraindications - sub.contraindications)
    if avoided:
        tags.append("avoids " + ", ".join(avoided))
    return "; ".join(tags)


@exercises_app.command("list")
def list_exercises(
    pattern: str | None = typer.Option(
        None, "--pattern", "-p", help="Movement pattern, e.g. hinge, single_leg, calf_ankle."
    ),
    equipment: list[str] = typer.Option(
        [],
        "--equipment",
        "-e",
        help="Equipment you have (repeat it); 'gym' = everything, 'none' = body weight only.",
    ),
    muscle: str | None = typer.Option(
        None, "--muscle", "-m", help="Muscle group, e.g. hamstrings, calves, core."
    ),
    avoid: list[str] = typer.Option(
        [], "--avoid", "-a", help="Hide exercises that aggravate this complaint (repeat it)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List library exercises, optionally filtered by pattern, equipment, muscle, complaint."""
    lib = load_library()
    known_eq = [e.value for e in Equipment]
    if "gym" in equipment:  # as in the profile: a gym has everything
        equipment = known_eq
    for item in equipment:
        if item not in known_eq:
            raise InputError(f"unknown equipment {item!r}; allowed: {', '.join(known_eq)}")
    found = lib.filter(
        pattern=None if pattern is None else Pattern(_choice(Pattern, pattern, "pattern")),
        equipment=(set(equipment) | {"none"}) if equipment else None,
        avoid={_choice(Complaint, a, "complaint") for a in avoid},
        muscle=None if muscle is None else Muscle(_choice(Muscle, muscle, "muscle group")),
    )
    if as_json:
        out().print_json(json.dumps([_as_dict(ex) for ex in found]))
        return
    table = Table(title=f"{len(found)} exercises", title_justify="left")
    for column in ("Name", "Pattern", "Muscles", "Equipment", "Level", "Notes"):
        table.add_column(column)
    for ex in found:
        table.add_row(
            ex.name,
            ex.pattern.value,
            ", ".join(m.value for m in ex.muscles),
            ex.equipment_text(),
            ex.level.value,
            _flags(ex),
        )
    out().print(table)


@exercises_app.command("show")
def show_exercise(
    name: Annotated[str, typer.Argument(help="Exercise name, id or alias (e.g. 'RDL').")],
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            "-r",
            help="Only substitutions for: lighter, bodyweight/travel, or a complaint (e.g. knee).",
        ),
    ] = None,
    as_json: PrintJsonOpt = False,
) -> None:
    """Show one exercise: what it trains, cues, and substitutions (lighter, travel, injury)."""
    lib = load_library()
    ex = lib.get(name)
    subs = lib.substitutes(ex.id, reason=reason)
    if as_json:
        payload = _as_dict(ex)
        payload["substitutions"] = [
            {"id": s.id, "name": s.name, "why": _reasons(lib, ex, s)} for s in subs
        ]
        out().print_json(json.dumps(payload))
        return
    out().print(f"[bold]{ex.name}[/bold]  ({ex.id})", highlight=False)
    if ex.aliases:
        out().print(f"Also called: {', '.join(ex.aliases)}", highlight=False)
    rows = [
        ("Pattern", ex.pattern.value),
        ("Muscles", ", ".join(m.value for m in ex.muscles)),
        ("Equipment", ex.equipment_text()),
        ("Level", ex.level.value),
        ("Flags", _flags(ex) or "-"),
        ("Avoid with", ", ".join(sorted(c.value for c in ex.contraindications)) or "-"),
        ("Intent", ex.intent),
        ("Cues", " / ".join(ex.cues)),
    ]
    if ex.mobility:
        rows.insert(2, ("Opens", ", ".join(t.value for t in ex.mobility)))
    for label, value in rows:
        out().print(f"{label + ':':<12}{value}", markup=False, highlight=False)
    table = Table(title="Substitutions (R17)", title_justify="left")
    for column in ("Name", "Equipment", "Level", "Why"):
        table.add_column(column)
    for sub in subs:
        table.add_row(sub.name, sub.equipment_text(), sub.level.value, _reasons(lib, ex, sub))
    out().print(table)


def register(app: typer.Typer) -> None:
    """Add the ``exercises`` command group."""
    app.add_typer(exercises_app, name="exercises")
