"""Every coaching rule of DOMAIN.md is enforced in code, proved by a test and mapped in docs.

The rule ids are R0–R26 (shared/DOMAIN.md). For each id: the source names it,
a test names it, and docs/rules.md has a row for it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RULE_IDS = [f"R{i}" for i in range(27)]


def _text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.py")))


SRC = _text(ROOT / "src")
TESTS = _text(ROOT / "tests")
RULES_MD = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")


def _mentions(text: str, rule: str) -> bool:
    return re.search(rf"\b{rule}\b", text) is not None


@pytest.mark.parametrize("rule", RULE_IDS)
def test_rule_is_named_in_source(rule: str) -> None:
    assert _mentions(SRC, rule), f"{rule} is not named anywhere under src/"


@pytest.mark.parametrize("rule", RULE_IDS)
def test_rule_is_named_in_a_test(rule: str) -> None:
    tests_without_this_file = TESTS.replace(Path(__file__).read_text(encoding="utf-8"), "")
    assert _mentions(tests_without_this_file, rule), f"no test names {rule}"


@pytest.mark.parametrize("rule", RULE_IDS)
def test_rule_has_a_row_in_the_rules_map(rule: str) -> None:
    rows = [ln for ln in RULES_MD.splitlines() if ln.startswith("|")]
    assert any(re.match(rf"\|\s*{rule}\b", ln) for ln in rows), (
        f"docs/rules.md has no row for {rule}"
    )
