"""What a re-plan of a week moved and dropped, in plain words with the rule that made it
(R22): the lines ``plan skip`` prints, and the sessions a saved re-plan took out that
the week list shows as "dropped" (``coach_events.Skipped.dropped``/``Missed.dropped``).

Sessions are told apart by id (a re-placed session keeps it). A session dropped by the
planner's re-plan is named by the break that dropped it (``core.planning.replan``: a
drop's ``RuleBreak`` message ends with ``dropped_label``); one that gave way to a
session moved onto its day says which. Pure: reads sessions and breaks, never the
database.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from runstrong.core.model import PlannedSession, RuleBreak, SessionKind
from runstrong.core.planning.replan import dropped_label
from runstrong.core.rules.predicates import category_is_easy

NOT_CRAMMED = "R22: easy volume is not crammed into other days"
KEY_MOVES = "R22: a key session moves to a day that holds it"
NO_ROOM = "R22: the re-planned week has no room for it"


def _training(sessions: Sequence[PlannedSession]) -> list[PlannedSession]:
    return [s for s in sessions if s.kind in (SessionKind.RUN, SessionKind.STRENGTH)]


def _title(s: PlannedSession) -> str:
    return s.title or s.category


def _break_why(s: PlannedSession, breaks: Sequence[RuleBreak]) -> str | None:
    """ "R1: no room for …" from the break that names ``s`` (the re-plan's week prefix
    left out), or None."""
    label = f" ({dropped_label(s)})"
    b = next((b for b in breaks if s.id in b.session_ids or b.message.endswith(label)), None)
    if b is None:
        return None
    message = b.message.split("(re-planned): ", 1)[-1].removesuffix(label)
    return f"{b.rule_id}: {message}"


def _why(s: PlannedSession, breaks: Sequence[RuleBreak]) -> str:
    named = _break_why(s, breaks)
    if named is not None:
        return named
    easy = s.kind is SessionKind.RUN and category_is_easy(s.category)
    return NOT_CRAMMED if easy else NO_ROOM


def drop_reason(
    s: PlannedSession,
    before: Sequence[PlannedSession],
    after: Sequence[PlannedSession],
    breaks: Sequence[RuleBreak],
) -> str:
    """Why the re-plan took ``s`` (not skipped or missed) out of its week: the session
    moved onto its day that it gave way to, and the rule."""
    was = {o.id: o for o in before}
    came = [
        o for o in _training(after) if o.date == s.date and o.id in was and was[o.id].date != s.date
    ]
    arrival = next((o for o in came if o.kind is s.kind), came[0] if came else None)
    why = _why(s, breaks)
    if arrival is None:
        return why
    return f"gave way to {_title(arrival)} of {was[arrival.id].date:%a %d %b}, moved there; {why}"


def dropped_by(
    before: Sequence[PlannedSession],
    after: Sequence[PlannedSession],
    taken: Collection[str],
    breaks: Sequence[RuleBreak],
) -> tuple[tuple[str, str], ...]:
    """(id, why) of each run or lift of ``before`` (a week as it was) that ``after`` no
    longer holds, other than the ``taken`` ones (skipped or missed: listed as such)."""
    now = {s.id for s in after}
    return tuple(
        (s.id, drop_reason(s, before, after, breaks))
        for s in _training(before)
        if s.id not in now and s.id not in taken
    )


def change_lines(
    before: Sequence[PlannedSession],
    after: Sequence[PlannedSession],
    skipped: Collection[str],
    breaks: Sequence[RuleBreak],
) -> list[str]:
    """One plain line per run or lift that a skip of ``skipped`` moved or dropped, each
    with why (R22 and the rule a drop names): the skipped sessions first, then what
    gave way to them or moved with the week, each in the week's order."""
    now = {s.id: s for s in after}
    lines = []
    for s in sorted(_training(before), key=lambda s: s.id not in skipped):
        new = now.get(s.id)
        if new is not None and new.date == s.date:
            continue
        if new is not None:
            why = f"skipped; {KEY_MOVES}" if s.id in skipped else "re-placed with the week; R22"
            lines.append(f"moved: {_title(s)} {s.date:%a %d %b} → {new.date:%a %d %b} ({why})")
            continue
        why = (
            f"skipped; {_why(s, breaks)}"
            if s.id in skipped
            else drop_reason(s, before, after, breaks)
        )
        lines.append(f"dropped: {_title(s)} of {s.date:%a %d %b} ({why})")
    return lines
