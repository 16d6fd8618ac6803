"""A week's runs after the athlete's injury history (DOMAIN G): ``runs.week_runs`` with
avoided run types replaced, phased-in ones reduced and strides dropped, each change
named in the run's ``why`` (``injury_runs`` holds the rules). Pure."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.core.athlete import Injury
from runstrong.core.model import RunCategory
from runstrong.core.planning.injury_runs import REDUCED_SHARE, adjust_quality, avoided, change_note
from runstrong.core.planning.runs import RunContext, RunDraft, RunWeek, prescribed_run, week_runs


@dataclass(frozen=True, slots=True)
class InjuryWeek:
    """The injury history as one week sees it (DOMAIN G)."""

    injuries: Sequence[Injury]
    week_start: dt.date
    plan_start: dt.date


def injury_week_runs(week: RunWeek, ctx: RunContext, history: InjuryWeek) -> list[RunDraft]:
    """``week_runs`` after the injury history (``core.planning.injury_runs``): avoided run types
    are replaced by the nearest safe one, a phased-in type runs once at a reduced
    size, strides drop out; each changed run's ``why`` names the complaint."""
    avoid, reduce = avoided(history.injuries, history.week_start, history.plan_start)
    safe, changes = adjust_quality(week.quality, avoid, reduce)
    no_strides = week.strides and RunCategory.STRIDES in avoid
    kept = dataclasses.replace(week, quality=safe, strides=week.strides and not no_strides)
    drafts = week_runs(kept, ctx)
    first_q = len(week.races_km)
    for i, change in enumerate(changes):
        if change is None:
            continue
        d = drafts[first_q + i]
        if change.replacement is None:  # phased back in: one session at a reduced size
            d = prescribed_run(d.category, round(d.km * REDUCED_SHARE, 1), ctx)
        drafts[first_q + i] = dataclasses.replace(d, why=(*d.why, change_note(change)))
    easy = next((i for i, d in enumerate(drafts) if d.category is RunCategory.EASY), None)
    if no_strides and easy is not None:
        d = drafts[easy]
        note = f"Injury history: no strides this week ({avoid[RunCategory.STRIDES]})."
        drafts[easy] = dataclasses.replace(d, why=(*d.why, note))
    return drafts
