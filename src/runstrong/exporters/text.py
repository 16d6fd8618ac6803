"""Plain-text wording of a planned session, shared by the iCalendar, Markdown and
FIT exporters, so a workout reads the same wherever the athlete meets it. Distances
and paces are in the athlete's display ``units`` ("km" or "mi", through
``core.units``); the planner's own words (titles, reasons) are localised there too."""

from __future__ import annotations

from collections.abc import Callable

from runstrong.core.model import (
    ExercisePrescription,
    PlannedSession,
    RunStep,
    SessionKind,
    StepKind,
)
from runstrong.core.units import (
    format_distance_bare,
    format_load,
    format_minutes,
    format_pace_range,
    format_race_distance,
    format_step_distance,
    format_step_duration,
    localise,
    race_name,
    round_km_text,
)

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


_REP_KINDS = (StepKind.WORK, StepKind.RECOVERY, StepKind.STRIDES)


def step_amount(step: RunStep, units: str = "km") -> str:
    """How much of a step, as a runner writes it (``core.units``): a rep under 2 km in
    metres (``400 m``, ``1600 m`` in either units), other distances with one decimal in
    ``units`` (``3 km``, ``1.9 mi``), times in seconds, ``m:ss`` or whole minutes
    (``90 s``, ``3:00``, ``20 min``)."""
    if step.distance_m is not None:
        return format_step_distance(step.distance_m, units, rep=step.kind in _REP_KINDS)
    if step.duration_s is not None:
        return format_step_duration(step.duration_s)
    return "open"


def step_text(step: RunStep, units: str = "km") -> str:
    """``Work 1000 m @ 3:55–4:05/km, HR 160–172`` (no repeat count), ``Steady 7.5 mi @
    9:15–10:22/mi``: the amount through ``step_amount``."""
    parts = [f"{_STEP_NAMES[step.kind]} {step_amount(step, units)}"]
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


def _sets(ex: ExercisePrescription, times: str, hold: Callable[[float], str]) -> str:
    """``4×5``, ``3 × 30 s`` (a hold written by ``hold``) or ``2 sets``."""
    if ex.reps is not None:
        return f"{ex.sets}{times}{ex.reps}"
    if ex.duration_s is not None:
        return f"{ex.sets}{times}{hold(ex.duration_s)}"
    return f"{ex.sets} set{'s' if ex.sets != 1 else ''}"


def exercise_dose(ex: ExercisePrescription) -> str:
    """One exercise of today's session as ``runstrong today`` and the Today page both
    show it: ``3 × 8 @ 60 kg (RPE 7)``, ``3 × 8 @ 70% e1RM``, ``3 × 30 s (RPE 6)``
    (numbers as a runner writes them, no ``.0``)."""
    dose = _sets(ex, " × ", format_step_duration)
    if ex.load_kg:
        dose += f" @ {ex.load_kg:g} kg"
    elif ex.pct_e1rm is not None:
        dose += f" @ {ex.pct_e1rm * 100:.0f}% e1RM"
    return dose + (f" (RPE {ex.rpe:g})" if ex.rpe else "")


def exercise_text(ex: ExercisePrescription) -> str:
    """``Back squat 4×5 @ 75% e1RM (62.5 kg), rest 2:00 — fast up``."""
    text = f"{ex.name} {_sets(ex, '×', lambda s: f'{s:g} s')}"
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
    """A short title in ``units``, amounts rounded as a runner writes them: a titled
    workout shows its first work step (``Threshold: 4.3 km``, not the planner's
    ``Threshold: 4.29 km``; ``Intervals: 5 × 1000 m``; a race by its name,
    ``Race: half marathon (13.1 mi)``), other titles have their km
    rounded and converted (``Long run 16.0 km`` → ``Long run 16 km`` / ``9.9 mi``);
    untitled sessions read ``Easy run 8 km`` / ``Heavy strength``."""
    if s.title:
        work = [st for st in s.steps if st.kind is StepKind.WORK] or [
            st for st in s.steps if st.kind is StepKind.STRIDES
        ]
        if ":" in s.title and work:
            head, amount = s.title.split(":", 1)[0], step_amount(work[0], units)
            if s.category == "race" and work[0].distance_m and race_name(work[0].distance_m):
                amount = format_race_distance(work[0].distance_m, units)
            times = f"{work[0].repeat} × " if work[0].repeat > 1 else ""
            return f"{head}: {times}{amount}"
        return round_km_text(s.title, units)
    label = s.category.replace("_", " ").capitalize() if s.category else ""
    kind = s.kind.value
    if s.kind is SessionKind.RUN:
        head = f"{label} run" if label else "Run"
        if s.distance_km:
            return f"{head} {format_distance_bare(s.distance_km * 1000, units)}"
        return head
    return f"{label} {kind}".strip().capitalize() if label else kind.capitalize()


def session_lines(s: PlannedSession, units: str = "km") -> list[str]:
    """The full prescription as lines, distances and paces in ``units``: summary
    (whole minutes, one decimal of distance, a whole-number load), steps or exercises,
    mobility, why."""
    head = f"{s.kind.value} · {s.category}" if s.category else s.kind.value
    facts = [head, format_minutes(s.duration_min * 60)]
    if s.distance_km is not None:
        facts.append(format_distance_bare(s.distance_km * 1000, units))
    facts.append(f"load {format_load(s.load)}")
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
