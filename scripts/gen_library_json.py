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

import argparse
import json
import sys
import tomllib
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[1] / "src" / "runstrong" / "core" / "exercises"
SOURCE = FOLDER / "library.toml"
OUTPUT = FOLDER / "library.json"


def render(toml_text: str | None = None) -> str:
    """The JSON file's exact text for ``toml_text`` (default: the packaged TOML)."""
    text = SOURCE.read_text(encoding="utf-8") if toml_text is None else toml_text
    return json.dumps(tomllib.loads(text), indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is out of date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is out of date: run python scripts/gen_library_json.py",
                  file=sys.stderr)  # fmt: skip
            return 1
        print(f"{OUTPUT.name} is current")
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
