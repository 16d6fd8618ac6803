"""Issue 12 item 8 (coach QA A8, a miles athlete): a session's size is in miles; only a
repetition under 2 km stays in metres ("400s" in either units).

Before: "Easy 1000 m + 6 strides" and "a 1600 m strides session … allow at least
1.9 mi" in a miles plan."""

from __future__ import annotations

import pytest

from runstrong.core.units import localise, round_km_text


@pytest.mark.parametrize(
    ("title", "units", "shown"),
    [
        ("Easy 1.0 km + 6 strides", "mi", "Easy 0.6 mi + 6 strides"),
        ("Easy 1.0 km + 6 strides", "km", "Easy 1 km + 6 strides"),
        ("Threshold: 2 × 1.6 km", "mi", "Threshold: 2 × 1600 m"),  # a rep stays in metres
        ("Race-pace blocks: 1 km", "mi", "Race-pace blocks: 1000 m"),  # the work block
    ],
)  # fmt: skip
def test_a_session_size_under_2_km_is_in_the_display_units(
    title: str, units: str, shown: str
) -> None:
    assert round_km_text(title, units) == shown


def test_a_reason_in_miles_has_no_metres_for_a_session_size() -> None:
    why = (
        "Planner steps: a 1.6 km strides session is too short for a warm-up, the work and "
        "a cool-down: allow at least 3 km"
    )
    assert localise(why, "mi") == (
        "Planner steps: a 1 mi strides session is too short for a warm-up, the work and "
        "a cool-down: allow at least 1.9 mi"
    )


def test_a_volume_note_under_2_km_is_in_miles() -> None:
    assert localise("Q1: 1.5 km, from your current volume", "mi") == (
        "Q1: 0.9 mi, from your current volume"
    )
