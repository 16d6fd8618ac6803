"""Injury history → run types to avoid or to phase back in (DOMAIN G).

``AVOID`` is data: for each complaint, the run categories that load the injured
tissue most. A **current** complaint replaces them for the whole plan by the
nearest safe quality type (``REPLACEMENT``); strides become a plain easy run.
A **returning** complaint phases them back in, counted in whole weeks from its
``since`` date (or the plan start when it has none):

* weeks 1–4 (``AVOID_WEEKS``): avoided, as for a current complaint;
* weeks 5–6 (``REDUCED_WEEKS``): one session of the category a week, at
  ``REDUCED_SHARE`` (60 %) of its usual size; a second one that week is replaced;
* from week 7: normal.

The numbers are a coaching choice, in line with graded return-to-running
advice (load increased stepwise while symptoms stay settled; Silbernagel K.G.
et al., Am J Sports Med 2007;35:897-906, pain-monitoring model for Achilles
tendinopathy). Reasons by complaint, with sources where we have them:

* achilles, calf: uphill running, fast running and jumps raise calf-muscle and
  Achilles loading with speed and incline → hills, repetitions (and, in the
  strength sessions, plyometrics via the library's contraindications). Short
  relaxed strides stay: their volume is small and their speed sub-maximal.
* knee (patellofemoral pain): hills (the downhill part) raise patellofemoral
  joint stress (Willy R.W. et al., JOSPT 2019;49(9):CPG1-CPG95) → hills,
  repetitions. High weekly volume is not capped here (see docs).
* plantar_fascia: hills and speed on hard surfaces → hills, repetitions.
* shin (medial tibial stress): downhill and fast running → hills, repetitions.
* ankle: uneven hills and sharp speed changes → hills, repetitions.
* hamstring: high-speed running is the main strain mechanism (Opar D.A.,
  Williams M.D., Shield A.J., Sports Med 2012;42:209-226) → repetitions,
  strides.
* hip: uphill drive and sprinting load the hip flexors → hills, repetitions.
* lower_back, shoulder, wrist: no run type avoided; the strength exercises
  respect them.

Pure: callers pass the week's start date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from runstrong.core.athlete import Injury
from runstrong.core.model import RunCategory

_HILLS, _REPS, _STRIDES = RunCategory.HILLS, RunCategory.REPETITIONS, RunCategory.STRIDES
AVOID: dict[str, frozenset[RunCategory]] = {
    "achilles": frozenset({_HILLS, _REPS}),
    "calf": frozenset({_HILLS, _REPS}),
    "knee": frozenset({_HILLS, _REPS}),
    "plantar_fascia": frozenset({_HILLS, _REPS}),
    "shin": frozenset({_HILLS, _REPS}),
    "ankle": frozenset({_HILLS, _REPS}),
    "hamstring": frozenset({_REPS, _STRIDES}),
    "hip": frozenset({_HILLS, _REPS}),
    "lower_back": frozenset(),
    "shoulder": frozenset(),
    "wrist": frozenset(),
}
"""Run categories each complaint avoids (DOMAIN G injury history)."""

REPLACEMENT: dict[RunCategory, tuple[RunCategory, ...]] = {
    RunCategory.HILLS: (RunCategory.THRESHOLD,),
    RunCategory.REPETITIONS: (RunCategory.INTERVALS, RunCategory.THRESHOLD),
    RunCategory.INTERVALS: (RunCategory.THRESHOLD,),
    RunCategory.STRIDES: (RunCategory.EASY,),
}
"""Nearest safe type, first choice first (threshold is never avoided)."""

AVOID_WEEKS = 4
"""A returning complaint's first weeks (from ``since``): its run categories are avoided."""
REDUCED_WEEKS = 2
"""The weeks after those: a category comes back once a week, reduced."""
REDUCED_SHARE = 0.6
"""The share of its usual size a reduced session keeps."""


@dataclass(frozen=True, slots=True)
class RunChange:
    """What happens to one planned run category this week."""

    category: RunCategory
    replacement: RunCategory | None
    """None: kept, but reduced to ``REDUCED_SHARE`` of its size."""
    reason: str


def weeks_since(injury: Injury, week_start: dt.date, plan_start: dt.date) -> int:
    """Whole weeks from the injury's ``since`` (or the plan start) to ``week_start``."""
    origin = injury.since or plan_start
    return max((week_start - origin).days // 7, 0)


def avoided(
    injuries: Iterable[Injury], week_start: dt.date, plan_start: dt.date
) -> tuple[dict[RunCategory, str], dict[RunCategory, str]]:
    """Categories to replace this week and those allowed once, reduced — each with
    the complaint(s) that cause it (for the session's ``why``)."""
    out: dict[RunCategory, list[str]] = {}
    reduced: dict[RunCategory, list[str]] = {}
    for injury in injuries:
        cats = AVOID.get(injury.area, frozenset())
        if injury.status == "current":
            for c in cats:
                out.setdefault(c, []).append(f"current {injury.area} complaint")
            continue
        week = weeks_since(injury, week_start, plan_start) + 1
        label = f"returning {injury.area} complaint, week {week} back"
        target = (
            out if week <= AVOID_WEEKS else reduced if week <= AVOID_WEEKS + REDUCED_WEEKS else None
        )
        if target is not None:
            for c in cats:
                target.setdefault(c, []).append(label)
    for c in out:
        reduced.pop(c, None)
    return (
        {c: "; ".join(v) for c, v in out.items()},
        {c: "; ".join(v) for c, v in reduced.items()},
    )


def adjust_quality(
    quality: Sequence[RunCategory], avoid: dict[RunCategory, str], reduce: dict[RunCategory, str]
) -> tuple[tuple[RunCategory, ...], list[RunChange | None]]:
    """The week's quality runs with avoided types replaced (and, per returning
    complaint, only the first session of a phased-in type kept, reduced)."""
    new: list[RunCategory] = []
    changes: list[RunChange | None] = []
    seen: set[RunCategory] = set()
    for cat in quality:
        reason = avoid.get(cat)
        if reason is None and cat in reduce and cat in seen:
            reason = f"{reduce[cat]}: one such session a week while phasing back in"
        if reason is not None:
            alt = next(
                (r for r in REPLACEMENT.get(cat, ()) if r not in avoid), RunCategory.THRESHOLD
            )
            new.append(alt)
            changes.append(RunChange(cat, alt, reason))
            continue
        seen.add(cat)
        new.append(cat)
        changes.append(RunChange(cat, None, reduce[cat]) if cat in reduce else None)
    return tuple(new), changes


def change_note(change: RunChange) -> str:
    """The ``why`` line for one changed run."""
    if change.replacement is None:
        return (
            f"Injury history: {change.category.value} phased back in at "
            f"{REDUCED_SHARE:.0%} of its usual size ({change.reason})."
        )
    return (
        f"Injury history: {change.replacement.value} instead of {change.category.value} "
        f"({change.reason})."
    )


def active_complaints(
    injuries: Iterable[Injury], week_start: dt.date, plan_start: dt.date
) -> frozenset[str]:
    """Complaints the strength and mobility exercises respect this week: every current
    one, and a returning one until its phase-in ends (weeks 1–6), after which its
    exercises (e.g. plyometrics for the Achilles) come back."""
    return frozenset(
        i.area
        for i in injuries
        if i.status == "current"
        or weeks_since(i, week_start, plan_start) < AVOID_WEEKS + REDUCED_WEEKS
    )
