"""The season's time trial (DOMAIN G: a fitness test that re-estimates training paces):
carried to a later build week when its week made it easy, and noted as the weeks hold it.

Periodization puts the time trial in the first full build week. The windows can then
make it easy (Q4: no 36 h between that many quality runs; Q2: the long run needs its
window). A week's note must describe what the week holds, so the build carries the
time trial to the next build or peak week that has quality runs to trade, and
``time_trial_notes`` rewrites the notes once the season is placed: a week that lost it
says so and where it went; the week that holds it says where it came from. A session's
reasons must be true of that session: only the time trial itself gives its week's
time-trial note as a reason (the week's other sessions, and every session of a week
without one, give none).

Pure: no I/O, no clock.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from runstrong.core.model import Phase, PlanWeek, RunCategory
from runstrong.core.planning.periodization import WeekOutline
from runstrong.core.planning.phases import TT_NOTE

TT_MOVED = "Time trial moved here: it re-estimates your training paces"
"""The build's note on a week that takes a carried time trial (restated by
``time_trial_notes`` with the weeks it came from)."""
NO_TT = "No time trial this week"

__all__ = ["TT_NOTE", "carry_time_trial", "has_time_trial", "time_trial_notes", "tt_pending"]


def has_time_trial(week: PlanWeek) -> bool:
    """True when the placed week holds a time trial."""
    return any(s.category == RunCategory.TIME_TRIAL.value for s in week.sessions)


def carry_time_trial(outline: WeekOutline, pending: bool) -> WeekOutline:
    """DOMAIN G: a time trial an earlier week made easy takes this week's last quality
    run, when this is a full build or peak loading week with more than one quality run
    (as periodization chooses the first: the test never takes a week's only quality
    run, and a week that small may not hold its warm-up, 3–5 km and cool-down)."""
    hard = outline.hard_runs
    if (
        not pending
        or outline.phase not in (Phase.BUILD, Phase.PEAK)
        or outline.deload
        or len(hard) < 2
        or RunCategory.TIME_TRIAL in hard
        or outline.first_day not in (None, outline.start_date)
    ):
        return outline
    return dataclasses.replace(
        outline, hard_runs=(*hard[:-1], RunCategory.TIME_TRIAL), why=(*outline.why, TT_MOVED)
    )


def tt_pending(outline: WeekOutline, week: PlanWeek, pending: bool) -> bool:
    """Is a time trial still owed after ``week``? Yes when its outline asked for one and
    the placed week holds none; no once a week holds one."""
    if has_time_trial(week):
        return False
    return pending or RunCategory.TIME_TRIAL in outline.hard_runs


def _claims(note: str) -> bool:
    return note in (TT_NOTE, TT_MOVED)


def _why_lost(week: PlanWeek) -> str:
    """The rule that made the week's time trial easy, as its own note names it."""
    for note in week.notes:
        if note.startswith(("Q4: time_trial made easy", "Q2: time_trial made easy")):
            return f"made easy, see the {note[:2]} note"
    return "the week keeps one quality run, not the time trial as well"


def time_trial_notes(weeks: Sequence[PlanWeek]) -> list[PlanWeek]:
    """DOMAIN G: each week's time-trial note as the week holds it. A week that claims a
    time trial and holds none says so, why, and which week holds it (or, when none
    does, how to re-estimate paces without one); the week that holds a carried time
    trial names the weeks it came from. The sessions' reasons follow
    (:func:`_session_reasons`)."""
    return [_session_reasons(w) for w in _week_notes(weeks)]


def _session_reasons(week: PlanWeek) -> PlanWeek:
    """DOMAIN G: ``week`` whose time trial (if any) gives the week's time-trial note as a
    reason, in the place its stale claim had, and whose other sessions give none (the
    build copied the week's claim into every session of the week)."""
    note = next((n for n in week.notes if n.startswith("Time trial ")), None)
    sessions = []
    for s in week.sessions:
        kept = tuple(y for y in s.why if not (_claims(y) or y.startswith("Time trial moved")))
        if s.category == RunCategory.TIME_TRIAL.value and note is not None and note not in kept:
            at = next((k for k, y in enumerate(s.why) if _claims(y)), len(kept))
            kept = (*kept[:at], note, *kept[at:])
        sessions.append(s if kept == s.why else dataclasses.replace(s, why=kept))
    return dataclasses.replace(week, sessions=tuple(sessions))


def _week_notes(weeks: Sequence[PlanWeek]) -> list[PlanWeek]:
    """The weeks' notes of :func:`time_trial_notes`."""
    out = list(weeks)
    came_from: dict[int, list[int]] = {}
    for i, week in enumerate(out):
        if has_time_trial(week) or not any(_claims(n) for n in week.notes):
            continue
        to = next((j for j in range(i + 1, len(out)) if has_time_trial(out[j])), None)
        if to is None:
            note = (
                f"{NO_TT} ({_why_lost(week)}), and no later build week had room for one: a "
                "race or a hard 3–5 km effort logged with `runstrong paces` updates your paces"
            )
        else:
            came_from.setdefault(to, []).append(week.index + 1)
            note = f"{NO_TT} ({_why_lost(week)}): it moved to week {out[to].index + 1}"
        out[i] = _restate(week, note)
    for j, sources in came_from.items():
        listed = " and ".join(f"week {n}" for n in sources)
        out[j] = _restate(
            out[j], f"Time trial moved here from {listed}: it re-estimates your training paces"
        )
    return out


def _restate(week: PlanWeek, note: str) -> PlanWeek:
    """``week`` with its time-trial claim replaced by ``note`` (added when it has none)."""
    kept = tuple(n for n in week.notes if not _claims(n))
    at = next((k for k, n in enumerate(week.notes) if _claims(n)), len(kept))
    return dataclasses.replace(week, notes=(*kept[:at], note, *kept[at:]))
