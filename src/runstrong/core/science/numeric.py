"""Small numerical tools for the pace model, in pure Python.

Natural cubic splines, monotone (PCHIP) interpolation, a Whittaker–Henderson
smoother and a bracketed root finder. They exist so that ``core`` needs no
numpy/scipy; each works on a few dozen points, where pure Python is fast enough.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Sequence


def _knots(
    xs: Sequence[float], ys: Sequence[float], what: str
) -> tuple[list[float], list[float], list[float]]:
    """The interpolation points as floats and the steps between the x values; at least
    two points of equal count with strictly increasing x (``ValueError`` naming ``what``
    otherwise: an equal x would divide by zero, a falling one interpolate nonsense)."""
    if len(xs) != len(ys) or len(xs) < 2:
        raise ValueError(f"{what} needs at least two (x, y) points of equal count")
    x = [float(v) for v in xs]
    h = [x[i + 1] - x[i] for i in range(len(x) - 1)]
    if any(step <= 0 for step in h):
        raise ValueError(f"{what}: the x values must be strictly increasing")
    return x, [float(v) for v in ys], h


class NaturalCubicSpline:
    """Interpolating cubic spline with zero second derivative at both ends.

    Outside ``[x[0], x[-1]]`` it continues linearly with the end slope, which
    keeps it C² (the natural end condition makes the curvature zero there).
    """

    def __init__(self, xs: Sequence[float], ys: Sequence[float]) -> None:
        self._x, self._y, h = _knots(xs, ys, "a spline")
        n = len(xs)
        # Tridiagonal system for the second-derivative coefficients c_i (c_0 = c_{n-1} = 0).
        c = [0.0] * n
        if n > 2:
            diag = [2.0 * (h[i - 1] + h[i]) for i in range(1, n - 1)]
            rhs = [
                3.0
                * ((self._y[i + 1] - self._y[i]) / h[i] - (self._y[i] - self._y[i - 1]) / h[i - 1])
                for i in range(1, n - 1)
            ]
            off = [h[i] for i in range(1, n - 2)]
            c[1 : n - 1] = _solve_tridiagonal(off, diag, off, rhs)
        self._c = c
        self._b = [
            (self._y[i + 1] - self._y[i]) / h[i] - h[i] * (2.0 * c[i] + c[i + 1]) / 3.0
            for i in range(n - 1)
        ]
        self._d = [(c[i + 1] - c[i]) / (3.0 * h[i]) for i in range(n - 1)]
        last = n - 2
        self._end_slope = self._b[last] + 2 * c[last] * h[last] + 3 * self._d[last] * h[last] ** 2

    def __call__(self, x: float) -> float:
        xs = self._x
        if x <= xs[0]:
            return self._y[0] + self._b[0] * (x - xs[0])
        if x >= xs[-1]:
            return self._y[-1] + self._end_slope * (x - xs[-1])
        i = min(bisect_right(xs, x) - 1, len(xs) - 2)
        dx = x - xs[i]
        return self._y[i] + dx * (self._b[i] + dx * (self._c[i] + dx * self._d[i]))


def _solve_tridiagonal(
    lower: Sequence[float], diag: Sequence[float], upper: Sequence[float], rhs: Sequence[float]
) -> list[float]:
    """Thomas algorithm for a diagonally dominant tridiagonal system."""
    n = len(diag)
    cp = [0.0] * n
    dp = [0.0] * n
    cp[0] = upper[0] / diag[0] if n > 1 else 0.0
    dp[0] = rhs[0] / diag[0]
    for i in range(1, n):
        denom = diag[i] - lower[i - 1] * cp[i - 1]
        cp[i] = upper[i] / denom if i < n - 1 else 0.0
        dp[i] = (rhs[i] - lower[i - 1] * dp[i - 1]) / denom
    out = [0.0] * n
    out[-1] = dp[-1]
    for i in range(n - 2, -1, -1):
        out[i] = dp[i] - cp[i] * out[i + 1]
    return out


class Pchip:
    """Monotone piecewise cubic Hermite interpolation (Fritsch & Carlson 1980).

    Never overshoots the data; outside the data range it holds the end values.
    """

    def __init__(self, xs: Sequence[float], ys: Sequence[float]) -> None:
        self._x, self._y, h = _knots(xs, ys, "PCHIP")
        n = len(xs)
        delta = [(self._y[i + 1] - self._y[i]) / h[i] for i in range(n - 1)]
        m = [0.0] * n
        for i in range(1, n - 1):
            if delta[i - 1] * delta[i] > 0:
                w1 = 2 * h[i] + h[i - 1]
                w2 = h[i] + 2 * h[i - 1]
                m[i] = (w1 + w2) / (w1 / delta[i - 1] + w2 / delta[i])
        m[0] = _pchip_end(h[0], h[1] if n > 2 else h[0], delta[0], delta[1] if n > 2 else delta[0])
        m[-1] = _pchip_end(
            h[-1], h[-2] if n > 2 else h[-1], delta[-1], delta[-2] if n > 2 else delta[-1]
        )
        self._m = m

    def __call__(self, x: float) -> float:
        xs = self._x
        if x <= xs[0]:
            return self._y[0]
        if x >= xs[-1]:
            return self._y[-1]
        i = min(bisect_right(xs, x) - 1, len(xs) - 2)
        h = xs[i + 1] - xs[i]
        t = (x - xs[i]) / h
        h00 = (1 + 2 * t) * (1 - t) ** 2
        h10 = t * (1 - t) ** 2
        h01 = t * t * (3 - 2 * t)
        h11 = t * t * (t - 1)
        return (
            h00 * self._y[i]
            + h10 * h * self._m[i]
            + h01 * self._y[i + 1]
            + h11 * h * self._m[i + 1]
        )


def _pchip_end(h0: float, h1: float, d0: float, d1: float) -> float:
    """One-sided three-point end slope, limited so the end stays monotone."""
    slope = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1)
    if slope * d0 <= 0:
        return 0.0
    if d0 * d1 <= 0 and abs(slope) > abs(3 * d0):
        return 3 * d0
    return slope


def whittaker_smooth(
    ys: Sequence[float], weights: Sequence[float], lam: float, order: int = 3
) -> list[float]:
    """Whittaker–Henderson smoothing on an evenly spaced grid.

    Minimises ``Σ wᵢ(yᵢ − zᵢ)² + λ Σ (Δᵒʳᵈᵉʳ z)²`` (Whittaker 1923; Eilers 2003,
    "A perfect smoother", Anal Chem 75:3631). A zero weight leaves that point
    free, so the smoother fills it from its neighbours (used for leave-one-out
    and to extend the grid past the data). Solved as a banded system.
    """
    n = len(ys)
    if len(weights) != n or n <= order:
        raise ValueError("need equal-length values/weights and more points than the order")
    coeffs = [math.comb(order, k) * (-1) ** (order - k) for k in range(order + 1)]
    band = order
    # Dense band storage: a[i][j] for |i-j| <= band, kept as full rows of width 2*band+1.
    width = 2 * band + 1
    a = [[0.0] * width for _ in range(n)]
    for i in range(n):
        a[i][band] += weights[i]
    for r in range(n - order):
        for p in range(order + 1):
            for q in range(order + 1):
                a[r + p][band + q - p] += lam * coeffs[p] * coeffs[q]
    b = [w * y for w, y in zip(weights, ys, strict=True)]
    return _solve_banded(a, b, band)


def _solve_banded(a: list[list[float]], b: list[float], band: int) -> list[float]:
    """Gaussian elimination without pivoting for a symmetric positive definite band matrix."""
    n = len(b)
    a = [row[:] for row in a]
    b = b[:]
    for k in range(n):
        pivot = a[k][band]
        for i in range(k + 1, min(n, k + band + 1)):
            factor = a[i][band + k - i] / pivot
            if factor == 0.0:
                continue
            for j in range(k, min(n, k + band + 1)):
                a[i][band + j - i] -= factor * a[k][band + j - k]
            b[i] -= factor * b[k]
    x = [0.0] * n
    for i in range(n - 1, -1, -1):
        total = b[i]
        for j in range(i + 1, min(n, i + band + 1)):
            total -= a[i][band + j - i] * x[j]
        x[i] = total / a[i][band]
    return x


def solve_bracketed(
    f: Callable[[float], float], lo: float, hi: float, tol: float = 1e-10, max_iter: int = 200
) -> float:
    """Root of ``f`` in ``[lo, hi]`` where ``f(lo)`` and ``f(hi)`` have opposite signs.

    Illinois variant of regula falsi (Dowell & Jarratt 1971) with a bisection
    step whenever the bracket fails to halve; superlinear on the smooth
    monotone functions used here, and never leaves the bracket.
    """
    a, b = (lo, hi) if lo < hi else (hi, lo)
    fa, fb = f(a), f(b)
    if fa == 0:
        return a
    if fb == 0:
        return b
    if (fa > 0) == (fb > 0):
        raise ValueError("root is not bracketed")
    side = 0  # the end the last step moved: 1 = b, -1 = a, 0 = a bisection
    for _ in range(max_iter):
        width = b - a
        x = b - fb * (b - a) / (fb - fa)
        if not a < x < b:
            x = 0.5 * (a + b)
        fx = f(x)
        if fx == 0:
            return x
        moved = 1 if (fx > 0) == (fb > 0) else -1
        a, fa, b, fb = _keep_bracket(a, fa, b, fb, x, fx)
        if moved == side:  # Illinois: the same end moved twice, halve the other end's value
            if side == 1:
                fa *= 0.5
            else:
                fb *= 0.5
        side = moved
        if b - a < tol * max(1.0, abs(x)):
            return 0.5 * (a + b)
        if b - a > 0.5 * width:
            mid = 0.5 * (a + b)
            fm = f(mid)
            if fm == 0:
                return mid
            a, fa, b, fb = _keep_bracket(a, fa, b, fb, mid, fm)
            side = 0
    return 0.5 * (a + b)


def _keep_bracket(
    a: float, fa: float, b: float, fb: float, x: float, fx: float
) -> tuple[float, float, float, float]:
    """The half of ``[a, b]`` cut at ``x`` whose ends' values still differ in sign."""
    return (a, fa, x, fx) if (fx > 0) == (fb > 0) else (x, fx, b, fb)
