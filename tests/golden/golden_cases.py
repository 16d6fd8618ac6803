"""The golden cases: fixed inputs run through the CLI, their text output compared to
files under ``tests/golden/expected`` (``test_golden.py``) and regenerated on purpose
with ``scripts/bless_golden.py`` (see CONTRIBUTING.md).

Each case runs ``runstrong`` in-process with a fixed-width, colourless console, a
fresh SQLite file, its own CLI settings folder and a fixed "today", so the text
depends on the code alone. Temporary paths are shown as ``<tmp>``, the
repository's relative to it.

Cases:

* ``plan-<athlete>``: ``plan new`` (the season overview), then ``plan show --week N``
  for every week, for ``examples/athlete.toml`` and ``tests/golden/data/masters-marathon.toml``;
* ``check-<athlete>``: ``check PLAN --profile PROFILE`` of the same plans;
* ``stats-log``: ``stats load|progress|habits|compliance`` of a fixed four-week log
  (hand-logged runs and lifts) against the saved plan of ``examples/athlete.toml``.

The planner is still changing: when a change to plans is intended, re-bless the
plan and check files and review their diff like code.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console

from runstrong.cli import run

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = Path(__file__).resolve().parent / "expected"
WIDTH = 160

PROFILES: dict[str, tuple[Path, str]] = {
    "example": (ROOT / "examples" / "athlete.toml", "2026-11-09"),
    "masters-marathon": (Path(__file__).resolve().parent / "data" / "masters-marathon.toml",
                         "2027-05-03"),
}  # fmt: skip
"""Athlete → (profile file, plan start)."""

STATS_TODAY = dt.date(2026, 12, 6)
"""The day the stats case is run on (a Sunday, four weeks into the example's plan)."""


class GoldenError(RuntimeError):
    """A golden case's command failed (its output says why)."""


@contextmanager
def _sandbox(workdir: Path) -> Iterator[None]:
    """A fresh database and CLI settings folder in ``workdir``; environment restored after."""
    saved = {k: os.environ.get(k) for k in ("RUNSTRONG_DATABASE_URL", "XDG_CONFIG_HOME")}
    os.environ["RUNSTRONG_DATABASE_URL"] = f"sqlite:///{workdir / 'golden.db'}"
    os.environ["XDG_CONFIG_HOME"] = str(workdir / "config")
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _cli(workdir: Path, *argv: str) -> str:
    """The text ``runstrong ARGV`` prints (stdout and stderr); GoldenError if it fails."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=WIDTH, color_system=None, force_terminal=False)
    code = run(list(argv), stdout=console, stderr=console)
    text = _portable(f"$ runstrong {' '.join(argv)}\n{buffer.getvalue()}", workdir)
    if code != 0:
        raise GoldenError(f"exit status {code}:\n{text}")
    return text


def _portable(text: str, workdir: Path) -> str:
    """Paths shown as ``<tmp>/…`` and relative to the repository, whatever the checkout."""
    return text.replace(str(workdir), "<tmp>").replace(f"{ROOT}/", "")


def _new_plan(workdir: Path, athlete: str) -> tuple[str, Path]:
    """``plan new`` of the athlete: its text and the plan's JSON file."""
    profile, start = PROFILES[athlete]
    plan_file = workdir / f"{athlete}.json"
    text = _cli(workdir, "plan", "new", "--profile", str(profile), "--start", start,
                "--no-save", "--json", str(plan_file))  # fmt: skip
    return text, plan_file


def plan_case(athlete: str) -> Callable[[Path], str]:
    def case(workdir: Path) -> str:
        with _sandbox(workdir):
            text, plan_file = _new_plan(workdir, athlete)
            texts = [text]
            weeks = len(json.loads(plan_file.read_text(encoding="utf-8"))["weeks"])
            for week in range(1, weeks + 1):
                texts.append(
                    _cli(workdir, "plan", "show", "--plan", str(plan_file), "--week", str(week))
                )
            return "\n".join(texts)

    return case


def check_case(athlete: str) -> Callable[[Path], str]:
    def case(workdir: Path) -> str:
        # The same plan file as plan_case's; its week-by-week views are not needed here.
        with _sandbox(workdir):
            _, plan_file = _new_plan(workdir, athlete)
            profile = PROFILES[athlete][0]
            return _cli(workdir, "check", str(plan_file), "--profile", str(profile))

    return case


LONG_RUNS = ("1:25:00", "1:30:00", "1:36:00", "1:41:00")


def _log_four_weeks(workdir: Path) -> None:
    """Four weeks of hand-logged training from the example plan's first day."""
    start = dt.date.fromisoformat(PROFILES["example"][1])
    for week in range(4):
        monday = start + dt.timedelta(weeks=week)
        day = {n: (monday + dt.timedelta(days=n)).isoformat() for n in range(7)}
        squat = f"3x5@{70 + 2.5 * week:g}kg"
        _cli(workdir, "log", "lift", "--date", day[0], "--time", "18:00", "-e", "back squat",
             "-s", squat, "--session-rpe", "7", "--minutes", "50")  # fmt: skip
        easy = f"{44 + 5 * week}:00"
        _cli(workdir, "log", "run", "--date", day[1], "--time", "18:00",
             "--distance", str(8 + week), "--duration", easy, "--rpe", "4")  # fmt: skip
        if week != 2:  # one missed quality day
            _cli(workdir, "log", "run", "--date", day[3], "--time", "18:00",
                 "--distance", "10", "--duration", "50:30", "--rpe", "7")  # fmt: skip
        _cli(workdir, "log", "run", "--date", day[6], "--time", "08:30",
             "--distance", str(14 + week), "--duration", LONG_RUNS[week], "--rpe", "5")  # fmt: skip


def stats_case(workdir: Path) -> str:
    from runstrong.cli import stats as stats_cli

    profile, start = PROFILES["example"]
    with _sandbox(workdir):
        _cli(workdir, "plan", "new", "--profile", str(profile), "--start", start)
        _log_four_weeks(workdir)
        saved = stats_cli.today_local
        stats_cli.today_local = lambda: STATS_TODAY
        try:
            return "\n".join(
                _cli(workdir, "stats", *argv)
                for argv in (("load", "--since", start), ("progress",), ("habits",),
                             ("compliance",))
            )  # fmt: skip
        finally:
            stats_cli.today_local = saved


CASES: dict[str, Callable[[Path], str]] = {
    **{f"plan-{a}": plan_case(a) for a in PROFILES},
    **{f"check-{a}": check_case(a) for a in PROFILES},
    "stats-log": stats_case,
}
"""Case name → a function of a fresh work folder returning the case's text."""


def expected_path(name: str) -> Path:
    return EXPECTED / f"{name}.txt"
