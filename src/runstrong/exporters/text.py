"""Plain-text wording of a planned session, shared by the iCalendar, Markdown and
FIT exporters, so a workout reads the same wherever the athlete meets it. Distances
and paces are in the athlete's display ``units`` ("km" or "mi", through
``core.units``); the planner's own words (titles, reasons) are localised there too."""

from __future__ import annotations

from runstrong.core.model import (
    ExercisePrescription,
    PlannedSession,
    RunStep,
    SessionKind,
    StepKind,
)
from runstrong.core.units import format_distance, format_pace_range, localise

_STEP_NAMES = {
    StepKind.WARMUP: "Warm-up",
    StepKind.WORK: "Work",
    StepKind.RECOVERY: "Recovery",
    StepKind.COOLDOWN: "Cool-down",
    StepKind.STEADY: "Steady",
    StepKind.STRIDES: "Strides",
}


def clock(seconds: float) -> str:
    """``75`` → ``1:15``; ``3725`` → ``1:02:05``."""
    total = round(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _amount(step: RunStep, units: str) -> str:
    if step.distance_m is not None:
        if step.distance_m >= (1000 if units == "km" else 2000):
            return format_distance(step.distance_m, units, 2)
        return f"{step.distance_m:g} m"
    if step.duration_s is not None:
        return clock(step.duration_s)
    return "open"


def step_text(step: RunStep, units: str = "km") -> str:
    """``Work 1.00 km @ 3:55–4:05/km, HR 160–172`` (no repeat count); in miles a step
    under 2 km stays in metres (``Work 1000 m @ 6:18–6:34/mi``)."""
    parts = [f"{_STEP_NAMES[step.kind]} {_amount(step, units)}"]
    if step.pace_s_per_km:
        parts.append(f"@ {format_pace_range(step.pace_s_per_km, units)}")
    text = " ".join(parts)
    if step.hr_bpm:
        text += f", HR {step.hr_bpm[0]}–{step.hr_bpm[1]}"
    if step.note:
        text += f" ({localise(step.note, units)})"
    return text


def steps_text(steps: tuple[RunStep, ...], units: str = "km") -> list[str]:
    """One line per step; a repeated block (steps sharing ``repeat`` > 1 in a row)
    becomes ``5 × (Work … / Recovery …)``."""
    lines: list[str] = []
    i = 0
    while i < len(steps):
        step = steps[i]
        if step.repeat > 1:
            j = i
            while j < len(steps) and steps[j].repeat == step.repeat:
                j += 1
            inner = " / ".join(step_text(s, units) for s in steps[i:j])
            lines.append(f"{step.repeat} × ({inner})")
            i = j
        else:
            lines.append(step_text(step, units))
            i += 1
    return lines


def exercise_text(ex: ExercisePrescription) -> str:
    """``Back squat 4×5 @ 75% e1RM (62.5 kg), rest 2:00 — fast up``."""
    if ex.reps is not None:
        dose = f"{ex.sets}×{ex.reps}"
    elif ex.duration_s is not None:
        dose = f"{ex.sets}×{ex.duration_s:g} s"
    else:
        dose = f"{ex.sets} set{'s' if ex.sets != 1 else ''}"
    text = f"{ex.name} {dose}"
    if ex.pct_e1rm is not None:
        text += f" @ {ex.pct_e1rm * 100:.0f}% e1RM"
    elif ex.rpe is not None:
        text += f" @ RPE {ex.rpe:g}"
    if ex.load_kg is not None:
        text += f" ({ex.load_kg:g} kg)"
    if ex.rest_s:
        text += f", rest {clock(ex.rest_s)}"
    if ex.superset:
        text += f", superset {ex.superset}"
    if ex.intent:
        text += f" — {ex.intent}"
    return text


def session_title(s: PlannedSession, units: str = "km") -> str:
    """A short title in ``units``: the session's own (``Long run 16.0 km`` shows as
    ``Long run 9.9 mi`` in miles), else ``Easy run 8.0 km`` / ``Heavy strength``."""
    if s.title:
        return localise(s.title, units)
    label = s.category.replace("_", " ").capitalize() if s.category else ""
    kind = s.kind.value
    if s.kind is SessionKind.RUN:
        head = f"{label} run" if label else "Run"
        return f"{head} {format_distance(s.distance_km * 1000, units)}" if s.distance_km else head
    return f"{label} {kind}".strip().capitalize() if label else kind.capitalize()


def session_lines(s: PlannedSession, units: str = "km") -> list[str]:
    """The full prescription as lines, distances and paces in ``units``: summary,
    steps or exercises, mobility, why."""
    head = f"{s.kind.value} · {s.category}" if s.category else s.kind.value
    facts = [head, f"{s.duration_min:g} min"]
    if s.distance_km is not None:
        facts.append(localise(f"{s.distance_km:g} km", units))
    facts.append(f"load {s.load:g}")
    if s.hard:
        facts.append("hard")
    lines = [", ".join(facts)]
    lines += steps_text(s.steps, units)
    lines += [exercise_text(ex) for ex in s.exercises]
    if s.mobility:
        lines.append("Mobility: " + "; ".join(exercise_text(ex) for ex in s.mobility))
    if s.why:
        lines.append("Why: " + localise(" ".join(s.why), units))
    if s.rules:
        lines.append("Rules: " + ", ".join(s.rules))
    return lines
