"""Generate ``src/runstrong/core/exercises/library.json`` from ``library.toml``.

``library.toml`` is the exercise library's source: edit it, then run this script.
``load_library`` reads the JSON copy, which the standard library's C parser reads in
about half a millisecond where ``tomllib`` takes ~13 ms (a tenth of ``runstrong
plan new``'s own work, docs/benchmarks.md). The copy holds exactly the data
``tomllib`` reads from the TOML.

    python scripts/gen_library_json.py           # rewrite the JSON file
    python scripts/gen_library_json.py --check   # exit 1 if the file is out of date

A test (tests/core/test_library_json.py) fails when the file differs from what this
script would write.
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

from generated import write_or_check

FOLDER = Path(__file__).resolve().parents[1] / "src" / "runstrong" / "core" / "exercises"
SOURCE = FOLDER / "library.toml"
OUTPUT = FOLDER / "library.json"


def render(toml_text: str | None = None) -> str:
    """The JSON file's exact text for ``toml_text`` (default: the packaged TOML)."""
    text = SOURCE.read_text(encoding="utf-8") if toml_text is None else toml_text
    return json.dumps(tomllib.loads(text), indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    description = __doc__.splitlines()[0]
    return write_or_check(description, OUTPUT, render, argv, script=Path(__file__).name)


if __name__ == "__main__":
    sys.exit(main())
