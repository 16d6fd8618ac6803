"""R22: ``plan skip`` moves the skipped key session (and drops what no longer fits, never
crammed) but leaves every other session of the week where it was. Skipping Wednesday's
threshold run of ``examples/athlete.toml``'s first week moved four sessions (Monday's
heavy lift to Thursday, Tuesday's easy run to Monday, Thursday's lift to Monday, the
threshold run to Tuesday); skipping Sunday's long run moved every easy run a day earlier
to hand Saturday to the long run."""

from __future__ import annotations

from typing import Any

import pytest
from saved_plan import week_1

from runstrong.cli import run

pytestmark = [pytest.mark.usefixtures("saved_plan_today"), pytest.mark.sqlite_only]


def _week_1() -> dict[str, dict[str, Any]]:
    return {x["id"]: x for x in week_1() if x["kind"] in ("run", "strength")}


def _skip(capsys: pytest.CaptureFixture[str], day: str) -> list[str]:
    assert run(["plan", "skip", day]) == 0
    return capsys.readouterr().out.split("Week 1 now:")[0].strip().splitlines()


EASY = ("easy", "strides", "recovery")


@pytest.mark.parametrize(
    ("day", "key", "may_go"),
    [
        ("2026-12-02", "w01-wed-run", EASY),  # an easy run gives way, or none
        ("2026-12-06", "w01-sun-run", EASY),
        # Monday and Thursday are the only gym days: the heavy lift takes Thursday's
        # place (one lift a day), which the re-plan did before too
        ("2026-11-30", "w01-mon-strength", ("moderate",)),
    ],
)
def test_a_skip_moves_only_the_skipped_key_session(
    plan: None, capsys: pytest.CaptureFixture[str], day: str, key: str, may_go: tuple[str, ...]
) -> None:
    before = _week_1()
    lines = _skip(capsys, day)
    after = _week_1()
    moved = sorted(sid for sid, s in after.items() if s["date"] != before[sid]["date"])
    assert moved == [key]
    assert after[key]["date"] != day
    assert len([x for x in lines if x.startswith("moved:")]) == 1
    # what left the week: the skipped day's other sessions, and at most one that made room
    gone = set(before) - set(after) - {sid for sid, s in before.items() if s["date"] == day}
    assert len(gone) <= 1
    assert all(before[sid]["category"] in may_go for sid in gone)
