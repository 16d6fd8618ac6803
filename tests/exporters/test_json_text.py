"""``dumps_indented`` writes the text ``json.dumps(value, indent=2, ensure_ascii=False)``
writes, for plans as the planner builds them and for any JSON data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.core.planning.build import build_plan
from runstrong.exporters.json_text import dumps_indented
from runstrong.exporters.plan_json import dump_plan, plan_to_dict
from runstrong.services.profile import read_profile

ROOT = Path(__file__).resolve().parents[2]
PROFILES = [ROOT / "examples" / "athlete.toml", ROOT / "tests/golden/data/masters-marathon.toml"]


def _reference(value: object) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_a_built_plan_is_written_as_json_writes_it(profile: Path) -> None:
    plan = build_plan(read_profile(profile), dt.date(2026, 11, 9))
    assert dump_plan(plan) == _reference(plan_to_dict(plan)) + "\n"


@pytest.mark.parametrize("path", sorted((ROOT / "tests/data/plans").glob("*.json")), ids=str)
def test_every_sample_plan_file_is_written_as_json_writes_it(path: Path) -> None:
    value = json.loads(path.read_text(encoding="utf-8"))
    assert dumps_indented(value) == _reference(value)


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()  # any code point: quotes, backslashes, controls, surrogates, emoji
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(_JSON)
def test_any_json_data_is_written_as_json_writes_it(value: object) -> None:
    assert dumps_indented(value) == _reference(value)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (float("nan"), ValueError),
        ([float("inf")], ValueError),
        ((1, 2), TypeError),
        ({1: "a"}, TypeError),
        ({"when": dt.date(2026, 11, 9)}, TypeError),
    ],
    ids=["nan", "infinity", "tuple", "int-key", "date"],
)
def test_what_is_not_json_data_is_refused(value: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        dumps_indented(value)
