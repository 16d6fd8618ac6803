"""CLI tests render at one fixed width, whatever the terminal or xdist worker, and keep
the CLI's settings file (the default athlete, ``cli.toml``) in a temporary folder, never
in the user's own ``~/.config/runstrong``."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from saved_plan import MON, PROFILE

from runstrong.cli import plan as plan_cli
from runstrong.cli import plan_changes as plan_changes_cli
from runstrong.cli import run
from runstrong.cli import today as today_cli
from runstrong.services import planning as planning_service


@pytest.fixture(autouse=True)
def _cli_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture(autouse=True)
def _fixed_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """200 columns: table cells never wrap, so asserts do not depend on the terminal.

    The consoles are made per ``run()`` (``runstrong.cli.console``), so they see this.
    """
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def saved_plan_today(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI on the test's database, with ``saved_plan.MON`` as today and no prompts
    (modules that walk the saved plan use it: ``pytestmark``)."""
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)
    monkeypatch.setattr(today_cli, "interactive", lambda: False)
    monkeypatch.setattr(plan_changes_cli, "today_local", lambda: MON)
    monkeypatch.setattr(plan_cli, "today_local", lambda: MON)


_build_once = functools.cache(planning_service.build_plan)
"""``build_plan`` is deterministic and its ``Plan`` frozen: the fixture's ``plan new`` of the
same profile builds the season once per process (the CLI still writes and stores it)."""


@pytest.fixture
def plan(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """``plan new`` of ``examples/athlete.toml`` from ``saved_plan.MON``, saved in the test's
    database."""
    monkeypatch.setattr(planning_service, "build_plan", _build_once)
    assert run(["plan", "new", "--profile", str(PROFILE), "--start", MON.isoformat()]) == 0
    capsys.readouterr()
