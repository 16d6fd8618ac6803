"""The two interpolators of ``core.science.numeric`` check their points the same way:
at least two of equal count, x strictly increasing. PCHIP used to skip the last check
and divided by zero on a repeated x (a ZeroDivisionError, not a ValueError)."""

from __future__ import annotations

import pytest

from runstrong.core.science.numeric import NaturalCubicSpline, Pchip


@pytest.mark.parametrize("kind", [NaturalCubicSpline, Pchip])
@pytest.mark.parametrize(
    ("xs", "ys", "message"),
    [
        ([1.0], [2.0], "at least two"),
        ([1.0, 2.0], [2.0], "at least two"),
        ([1.0, 1.0, 2.0], [0.0, 1.0, 2.0], "strictly increasing"),
        ([3.0, 2.0, 1.0], [0.0, 1.0, 2.0], "strictly increasing"),
    ],
)
def test_bad_points_are_a_value_error(
    kind: type[NaturalCubicSpline | Pchip], xs: list[float], ys: list[float], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        kind(xs, ys)


@pytest.mark.parametrize("kind", [NaturalCubicSpline, Pchip])
def test_good_points_interpolate_through_the_knots(
    kind: type[NaturalCubicSpline | Pchip],
) -> None:
    xs, ys = [0.0, 1.0, 3.0, 4.0], [1.0, 2.0, 2.5, 4.0]
    f = kind(xs, ys)
    assert [f(x) for x in xs] == pytest.approx(ys)
