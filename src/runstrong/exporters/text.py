"""Plain-text wording of a planned session, shared by the iCalendar, Markdown and
FIT exporters, so a workout reads the same wherever the athlete meets it."""

from __future__ import annotations

from runstrong.core.model import (
    ExercisePrescription,
    PlannedSession,
    RunStep,
    SessionKind,
    StepKind,
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


def _amount(step: RunStep) -> str:
    if step.distance_m is not None:
        if step.distance_m >= 1000:
            return f"{step.distance_m / 1000:.2f} km"
        return f"{step.distance_m:g} m"
    if step.duration_s is not None:
        return clock(step.duration_s)
    return "open"


def step_text(step: RunStep) -> str:
    """``Work 1.00 km @ 3:55–4:05/km, HR 160–172`` (no repeat count)."""
    parts = [f"{_STEP_NAMES[step.kind]} {_amount(step)}"]
    if step.pace_s_per_km:
        fast, slow = step.pace_s_per_km
        parts.append(f"@ {clock(fast)}–{clock(slow)}/km")
    text = " ".join(parts)
    if step.hr_bpm:
        text += f", HR {step.hr_bpm[0]}–{step.hr_bpm[1]}"
    if step.note:
        text += f" ({step.note})"
    return text


def steps_text(steps: tuple[RunStep, ...]) -> list[str]:
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
            inner = " / ".join(step_text(s) for s in steps[i:j])
            lines.append(f"{step.repeat} × ({inner})")
            i = j
        else:
            lines.append(step_text(step))
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


def session_title(s: PlannedSession) -> str:
    """A short title: the session's own, else ``Easy run 8.0 km`` / ``Heavy strength``."""
    if s.title:
        return s.title
    label = s.category.replace("_", " ").capitalize() if s.category else ""
    kind = s.kind.value
    if s.kind is SessionKind.RUN:
        head = f"{label} run" if label else "Run"
        return f"{head} {s.distance_km:.1f} km" if s.distance_km else head
    return f"{label} {kind}".strip().capitalize() if label else kind.capitalize()


def session_lines(s: PlannedSession) -> list[str]:
    """The full prescription as lines: summary, steps or exercises, mobility, why."""
    head = f"{s.kind.value} · {s.category}" if s.category else s.kind.value
    facts = [head, f"{s.duration_min:g} min"]
    if s.distance_km is not None:
        facts.append(f"{s.distance_km:g} km")
    facts.append(f"load {s.load:g}")
    if s.hard:
        facts.append("hard")
    lines = [", ".join(facts)]
    lines += steps_text(s.steps)
    lines += [exercise_text(ex) for ex in s.exercises]
    if s.mobility:
        lines.append("Mobility: " + "; ".join(exercise_text(ex) for ex in s.mobility))
    if s.why:
        lines.append("Why: " + " ".join(s.why))
    if s.rules:
        lines.append("Rules: " + ", ".join(s.rules))
    return lines
