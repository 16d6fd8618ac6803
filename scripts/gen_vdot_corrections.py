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

import argparse
import json
import sys
from pathlib import Path

from runstrong.core.science.vdot_table import computed_corrections

OUTPUT = (
    Path(__file__).resolve().parents[1] / "src" / "runstrong" / "core" / "data"
    / "vdot_corrections.json"
)  # fmt: skip


def render() -> str:
    """The file's exact text (every float as ``repr`` writes it: read back unchanged)."""
    return json.dumps(computed_corrections(), indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date: run python scripts/gen_vdot_corrections.py",
                  file=sys.stderr)  # fmt: skip
            return 1
        print(f"{OUTPUT.name} is current")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
