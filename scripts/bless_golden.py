"""Regenerate the golden files of tests/golden (the expected CLI text of fixed inputs).

Run it only when a change to that output is intended (e.g. the planner now places a
session differently), then review ``git diff tests/golden/expected`` like code and
commit the files with the change. See CONTRIBUTING.md.

Usage: .venv/bin/python scripts/bless_golden.py [CASE ...]   (default: every case)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "golden"))

from golden_cases import CASES, EXPECTED, expected_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", metavar="CASE", help=", ".join(sorted(CASES)))
    args = parser.parse_args(argv)
    unknown = sorted(set(args.cases) - set(CASES))
    if unknown:
        parser.error(f"unknown case {', '.join(unknown)}; use one of {', '.join(sorted(CASES))}")
    EXPECTED.mkdir(parents=True, exist_ok=True)
    for name in args.cases or sorted(CASES):
        with tempfile.TemporaryDirectory(prefix=f"golden-{name}-") as workdir:
            text = CASES[name](Path(workdir))
        path = expected_path(name)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        path.write_text(text, encoding="utf-8")
        state = "new" if old is None else ("unchanged" if old == text else "changed")
        print(f"{path.relative_to(EXPECTED.parents[2])}: {state}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
