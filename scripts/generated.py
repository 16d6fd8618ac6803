"""The write-or-check step the ``scripts/gen_*.py`` generators share.

Each generator renders its file's exact text; ``write_or_check`` writes it, or with
``--check`` exits 1 (naming the script to run) when the committed file differs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def write_or_check(
    description: str,
    output: Path,
    render: Callable[[], str],
    argv: list[str] | None,
    *,
    script: str,
) -> int:
    """Write ``render()`` to ``output``, or with ``--check`` compare it; the exit status.
    ``script``: the generator's file name, which the out-of-date message says to run."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = output.read_text(encoding="utf-8") if output.exists() else ""
        if current != text:
            print(f"{output} is out of date: run python scripts/{script}", file=sys.stderr)
            return 1
        print(f"{output.name} is current")
        return 0
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output}")
    return 0
