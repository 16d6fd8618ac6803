"""Generate ``src/runstrong/core/data/vdot_corrections.json`` from Daniels' table.

``core.science.vdot_table`` corrects the raw Daniels–Gilbert equations to the
published table through a spline per quantity, fitted to smoothed log ratios on a
grid (``vdot_table.computed_corrections``: ~250 root searches and 15 smoothings).
Those values depend only on ``data/vdot_table.json``, the equations and
``SMOOTHING_LAMBDA``, so they ship precomputed; the program builds the splines from
this file. Run this script after changing any of them.

    python scripts/gen_vdot_corrections.py           # rewrite the JSON file
    python scripts/gen_vdot_corrections.py --check   # exit 1 if the file is out of date

A test (tests/core/test_vdot_corrections.py) fails when the file differs from what
this script would write.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generated import write_or_check

from runstrong.core.science.vdot_table import computed_corrections

OUTPUT = (
    Path(__file__).resolve().parents[1] / "src" / "runstrong" / "core" / "data"
    / "vdot_corrections.json"
)  # fmt: skip


def render() -> str:
    """The file's exact text (every float as ``repr`` writes it: read back unchanged)."""
    return json.dumps(computed_corrections(), indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    description = __doc__.splitlines()[0]
    return write_or_check(description, OUTPUT, render, argv, script=Path(__file__).name)


if __name__ == "__main__":
    sys.exit(main())
