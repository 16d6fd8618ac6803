"""Issue 15 item 6: distances, times and loads as a runner writes them, in the
profile's units (``core.units``): one decimal with a whole number bare, reps under
2 km in metres in either units (no yards), whole minutes (seconds and m:ss for short
reps), whole-number loads, halves rounded up."""

from __future__ import annotations

import pytest

from runstrong.core.units import (
    format_distance_bare,
    format_load,
    format_minutes,
    format_step_distance,
    format_step_duration,
    round_half_up,
    round_km_text,
)


@pytest.mark.parametrize(
    ("metres", "units", "rep", "shown"),
    [
        (4290, "km", True, "4.3 km"),
        (4290, "mi", True, "2.7 mi"),  # 2.666 mi
        (400, "mi", True, "400 m"),  # US runners run "400s" too; never yards
        (1600, "km", True, "1600 m"),
        (1470, "km", False, "1.5 km"),  # a cool-down is not a rep
        (1470, "mi", False, "0.9 mi"),  # 0.913 mi
        (3000, "km", False, "3 km"),
        (10900, "km", True, "10.9 km"),
        (16093.44, "mi", True, "10 mi"),
    ],
)  # fmt: skip
def test_step_distances(metres: float, units: str, rep: bool, shown: str) -> None:
    assert format_step_distance(metres, units, rep=rep) == shown


def test_halves_round_up() -> None:
    assert round_half_up(58.5) == 59  # Python's round gives 58
    assert format_distance_bare(8050, "km") == "8.1 km"  # 8.05 (binary 8.0499…)
    assert format_minutes(58.5 * 60) == "59 min"
    assert format_load(409.5) == "410"
    assert format_load(408.5) == "409"


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(20, "20 s"), (90, "90 s"), (120, "2:00"), (150, "2:30"), (180, "3:00"),
     (300, "5 min"), (2820, "47 min"), (3474, "58 min")],
)  # fmt: skip
def test_step_durations(seconds: float, shown: str) -> None:
    assert format_step_duration(seconds) == shown


def test_a_load_is_a_whole_number() -> None:
    assert format_load(405.3) == "405"


@pytest.mark.parametrize(
    ("title", "units", "shown"),
    [
        ("Long run 16.0 km", "km", "Long run 16 km"),
        ("Long run 16.0 km", "mi", "Long run 9.9 mi"),
        ("Race pace 5.63 km", "km", "Race pace 5.6 km"),
        ("Race pace 5.63 km", "mi", "Race pace 3.5 mi"),  # 3.498 mi
        ("Easy 7.3 km + 6 strides", "mi", "Easy 4.5 mi + 6 strides"),  # 4.536 mi
        ("Strength heavy (base)", "mi", "Strength heavy (base)"),
    ],
)  # fmt: skip
def test_titles_round_their_distances(title: str, units: str, shown: str) -> None:
    assert round_km_text(title, units) == shown
