"""``runstrong today``'s week list after a re-plan (issue 12, daily coach): one list of the
plan week in time order, each session labelled done / missed / moved / not logged yet /
planned / dropped.

Before the fix the list stopped at today and took the coach's preview dates: Monday's
missed lift, which the preview re-placed on Thursday, read "Thu 10 Dec … missed" above
Wednesday, and Thursday's own lift, which the preview took out, read "not logged yet".
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from runstrong.cli import plan as plan_cli
from runstrong.cli import plan_changes as plan_changes_cli
from runstrong.cli import run
from runstrong.cli import today as today_cli

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py

PROFILE = Path(__file__).resolve().parents[1] / "data" / "replan" / "marathon_evenings.toml"
MON = dt.date(2026, 12, 7)
THU = dt.date(2026, 12, 10)


@pytest.fixture(autouse=True)
def _database(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)
    monkeypatch.setattr(today_cli, "interactive", lambda: False)
    monkeypatch.setattr(plan_changes_cli, "today_local", lambda: THU)
    monkeypatch.setattr(plan_cli, "today_local", lambda: MON)


def test_the_week_list_is_chronological_with_a_label_for_every_session(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["plan", "new", "--profile", str(PROFILE), "--start", MON.isoformat()]) == 0
    assert run(["plan", "skip", "2026-12-08"]) == 0  # Tuesday's hills, missed
    capsys.readouterr()
    assert run(["today", "--date", THU.isoformat(), "--no-save"]) == 0
    out = capsys.readouterr().out
    week = out.split("This week:\n")[1].split("\n\n")[0]
    expected = [
        "Mon 07 Dec strength Strength moderate (base): missed: re-planned to Thu 10 Dec (R22)",
        "Tue 08 Dec run Hill repeats: 6 × 300 m: skipped: re-planned to Fri 11 Dec (R22)",
        "Wed 09 Dec run Easy run: missed",
        "Thu 10 Dec strength Strength moderate (base): dropped: re-planned (R22)",
        "Fri 11 Dec run Hill repeats: 6 × 300 m: planned",
        "Fri 11 Dec run Easy run: dropped: gave way to Hill repeats: 6 × 300 m of Tue 08 Dec, "
        "moved there; R22: easy volume is not crammed into other days",
        "Sat 12 Dec run Easy run with strides: 4 × 100 m: planned",
        "Sun 13 Dec run Long run: planned",
    ]
    assert " ".join(week.split()) == " ".join(expected)  # the terminal wraps long lines


def test_a_saved_re_plan_keeps_the_missed_and_skipped_sessions_in_the_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The saved re-plan takes Monday's missed lift to Thursday and drops Wednesday's
    # missed easy run; before the fix both vanished from the list, and so did Tuesday's
    # skipped hills (now on Friday): the week read as if nothing had been missed. The
    # sessions the re-plans took out without a miss (Friday's easy run, which gave way to
    # the hills, and Thursday's own lift) still vanished until they were listed "dropped".
    assert run(["plan", "new", "--profile", str(PROFILE), "--start", MON.isoformat()]) == 0
    assert run(["plan", "skip", "2026-12-08"]) == 0
    assert run(["today", "--date", THU.isoformat()]) == 0  # saves the re-plan (R22)
    capsys.readouterr()
    assert run(["today", "--date", THU.isoformat(), "--no-save"]) == 0
    week = capsys.readouterr().out.split("This week:\n")[1].split("\n\n")[0]
    expected = [
        "Mon 07 Dec strength Strength moderate (base): missed: re-planned to Thu 10 Dec (R22)",
        "Tue 08 Dec run Hill repeats: 6 × 300 m: skipped: re-planned to Fri 11 Dec (R22)",
        "Wed 09 Dec run Easy run: missed",
        "Thu 10 Dec strength Strength moderate (base): not logged yet",
        # Thursday's own lift, which the saved re-plan took out: it vanished before the fix
        "Thu 10 Dec strength Strength moderate (base): dropped: gave way to Strength "
        "moderate (base) of Mon 07 Dec, moved there; R1: no room for the moderate strength "
        "(48 min) this week",
        "Fri 11 Dec run Hill repeats: 6 × 300 m: planned",
        "Fri 11 Dec run Easy run: dropped: gave way to Hill repeats: 6 × 300 m of Tue 08 Dec, "
        "moved there; R22: easy volume is not crammed into other days",
        "Sat 12 Dec run Easy run with strides: 4 × 100 m: planned",
        "Sun 13 Dec run Long run: planned",
    ]
    assert " ".join(week.split()) == " ".join(expected)


def test_a_session_a_skip_drops_is_listed_dropped_with_the_reason(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Monday skipped on Monday: the re-plan puts Monday's lift on Thursday and drops
    # Thursday's own (R1: no day holds a second lift). Before the fix Thursday's lift
    # vanished from the list, which read as if the week had held one lift all along.
    monkeypatch.setattr(plan_changes_cli, "today_local", lambda: MON)
    assert run(["plan", "new", "--profile", str(PROFILE), "--start", MON.isoformat()]) == 0
    assert run(["plan", "skip", MON.isoformat()]) == 0
    capsys.readouterr()
    assert run(["today", "--date", "2026-12-08", "--no-save"]) == 0
    week = capsys.readouterr().out.split("This week:\n")[1].split("\n\n")[0]
    lines = [" ".join(line.split()) for line in week.splitlines()]
    assert lines[:5] == [
        "Mon 07 Dec strength Strength moderate (base): skipped: re-planned to Thu 10 Dec (R22)",
        "Tue 08 Dec run Hill repeats: 6 × 300 m: not logged yet",
        "Wed 09 Dec run Easy run: planned",
        "Thu 10 Dec strength Strength moderate (base): planned",
        "Thu 10 Dec strength Strength moderate (base): dropped: gave way to Strength "
        "moderate (base) of Mon 07 Dec, moved there; R1: no room for the moderate strength "
        "(48 min) this week",
    ]
