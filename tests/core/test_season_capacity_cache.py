"""The memoised season capacity cannot be changed by a caller (issue 11: a cached mutable
dict would carry one plan's change into the next plan built for the same athlete)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from runstrong.core.planning.season_capacity import default_capacity
from runstrong.services.profile import parse_profile_text

PROFILE = Path(__file__).parents[1] / "data" / "coachqa" / "qa9_rw.toml"


def test_the_cached_blocks_are_read_only() -> None:
    athlete = parse_profile_text(PROFILE.read_text())
    start = dt.date(2026, 12, 7)
    _, _, blocks = default_capacity(athlete, start)
    first = dict(blocks)
    with pytest.raises(TypeError):
        blocks[99] = 1  # type: ignore[index]
    assert dict(default_capacity(athlete, start)[2]) == first
