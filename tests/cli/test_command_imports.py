"""Commands import only what they use (issue 11 item 8, docs/benchmarks.md).

``plan new`` builds and prints a plan: it never re-plans a week (the daily coach's
``planning.replan``), explains a day (``planning.explain``) or audits
(``rules.audit``); ``paces`` and ``plan new`` read their package data without
``importlib.resources`` (which loads ``tempfile``, ``zipfile``, ``random``). Each
check runs the command in a fresh interpreter and reads ``sys.modules`` afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from runstrong.core.planning import build

ROOT = Path(__file__).resolve().parents[2]
PLAN_NEW = ("plan", "new", "--profile", str(ROOT / "examples" / "athlete.toml"),
            "--start", "2026-11-09", "--no-save")  # fmt: skip
PACES = ("paces", "--distance", "5k", "--time", "20:00")

_PROBE = """
import json, sys
from runstrong.cli import run
code = run(sys.argv[1:])
print("\\n@@" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules(*argv: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], capture_output=True, text=True, check=True
    )
    body = json.loads(done.stdout.rsplit("\n@@", 1)[1])
    assert body["code"] == 0
    return list(body["modules"])


def test_plan_new_imports_no_replanning_explaining_or_audit() -> None:
    modules = _modules(*PLAN_NEW)
    assert "runstrong.core.planning.build" in modules
    unused = ("runstrong.core.planning.replan", "runstrong.core.planning.explain",
              "runstrong.core.rules.audit")  # fmt: skip
    assert [m for m in modules if m.startswith(unused)] == []


@pytest.mark.parametrize("argv", [PACES, PLAN_NEW], ids=["paces", "plan-new"])
def test_package_data_is_read_without_importlib_resources(argv: tuple[str, ...]) -> None:
    modules = _modules(*argv)
    assert "runstrong.core.science.vdot_table" in modules
    assert [m for m in modules if m.startswith("importlib.resources")] == []


def test_build_still_offers_the_coach_its_replanning() -> None:
    """``replan_week`` and ``WeekChanges`` are imported from ``build`` on first use."""
    from runstrong.core.planning import replan

    assert build.replan_week is replan.replan_week
    assert build.WeekChanges is replan.WeekChanges
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        build.nothing  # type: ignore[attr-defined]  # noqa: B018
