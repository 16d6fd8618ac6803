"""R11's one definition (``rules.ramp``): which week a rise is measured from."""

from __future__ import annotations

import pytest

from runstrong.core.rules.ramp import ramp_ceiling_km


def test_return_to_the_level_before_a_deload_is_not_a_rise() -> None:
    # 40, 44, then a deload at 33: the next week may go back to 44 and 10 % over it
    assert ramp_ceiling_km([40.0, 40.0, 40.0, 40.0, 40.0, 44.0, 33.0]) == pytest.approx(48.4)


def test_a_level_older_than_four_weeks_is_no_reference() -> None:
    # 50 km five weeks ago, 30 km since: 10 % over 30 km (the ACWR allows more)
    assert ramp_ceiling_km([50.0, 30.0, 30.0, 30.0, 30.0]) == pytest.approx(33.0)


def test_acwr_bounds_a_return_after_two_light_weeks() -> None:
    # highest of the four weeks 40 (44 allowed), but their mean 32.5 allows 42.25
    assert ramp_ceiling_km([40.0, 40.0, 25.0, 25.0]) == pytest.approx(1.3 * 32.5)
