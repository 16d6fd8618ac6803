"""Golden files: plans, plan checks and statistics of fixed inputs, as the CLI prints
them, must equal the stored text (tests/golden/expected). A difference is either a
regression or an intended change; for the latter run ``scripts/bless_golden.py`` and
review the diff of the expected files like code (CONTRIBUTING.md)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from golden_cases import CASES, expected_path


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_equals_the_golden_file(name: str, tmp_path: Path) -> None:
    expected = expected_path(name).read_text(encoding="utf-8")
    actual = CASES[name](tmp_path)
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                f"expected/{name}.txt",
                "actual",
                n=1,
            )
        )
        pytest.fail(
            f"{name} differs from its golden file; if intended, run "
            f".venv/bin/python scripts/bless_golden.py {name}\n{diff[:6000]}"
        )


def test_every_golden_file_has_a_case() -> None:
    """A stale file (its case renamed or removed) would never be compared again."""
    stored = {p.stem for p in expected_path("x").parent.glob("*.txt")}
    assert stored == set(CASES)
