"""The VDOT table correction ships precomputed (``data/vdot_corrections.json``).

The smoothed log ratios the correction's splines pass through depend only on the
published table, the raw equations and the smoothing strengths; computing them took
~10 ms of the first plan or pace table of every process (issue 11 item 8). These
tests fail when the copy is stale, when a spline built from it differs from one built
from the table, or when the splines are computed from the table again at run time.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest

from runstrong.core.science import vdot_table
from runstrong.core.science.numeric import NaturalCubicSpline
from scripts_support import load_script

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = ROOT / "src" / "runstrong" / "core" / "data" / "vdot_corrections.json"


def _script() -> ModuleType:
    return load_script("gen_vdot_corrections")


def test_packaged_file_is_what_the_script_writes() -> None:
    assert PACKAGED.read_text(encoding="utf-8") == _script().render(), (
        "core/data/vdot_corrections.json is stale: run python scripts/gen_vdot_corrections.py"
    )


def test_the_splines_read_no_table_and_equal_those_fitted_to_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_table() -> object:
        raise AssertionError("the splines were fitted to the table at run time")

    monkeypatch.setattr(vdot_table, "published_rows", no_table)
    packaged = vdot_table._splines.__wrapped__()
    monkeypatch.undo()
    rows = vdot_table.published_rows()
    vdots = [28.5 + 0.37 * i for i in range(160)]  # 28.5-87.4: inside, fading, beyond
    for name in vdot_table.SERIES_NAMES:
        grid, smoothed = vdot_table.smoothed_log_ratios(
            name, rows, vdot_table.SMOOTHING_LAMBDA[name]
        )
        fitted = NaturalCubicSpline(grid, smoothed)
        assert [packaged[name](v) for v in vdots] == [fitted(v) for v in vdots], name
