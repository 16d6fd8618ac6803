"""Which recovery habits go with better sessions (R25), without finding patterns in noise.

For each wellness item: Pearson's r with the performance score, a 95 % confidence
interval and a p-value, Hedges' g between the top and bottom halves, and n.
Two corrections keep a log of noise from producing claims:

* **Autocorrelation.** Day-to-day habits and fitness persist (a bad week of sleep
  is several bad nights), so consecutive pairs are not independent. The test uses
  an effective sample size from the lag-1 autocorrelations of both series,
  n_eff = n (1 − ρx ρy) / (1 + ρx ρy) (Bartlett 1946, J R Stat Soc Suppl 8:27;
  Bretherton et al. 1999, J Climate 12:1990; Pyper & Peterman 1998, Can J Fish
  Aquat Sci 55:2127), never above n. The CI and p-value use n_eff.
* **Many items.** Nine items tested at 5 % each would give at least one false
  "finding" in about a third of pure-noise logs. The p-values are adjusted across
  items by Benjamini & Hochberg (1995, J R Stat Soc B 57:289) at a false discovery
  rate of ``FDR_Q``; only items passing it are claimed.

The inference is Fisher's z with n_eff − 3 degrees of freedom (a large-sample normal
approximation); the text the athlete reads states the interval, so a weak link
reads as "no clear link yet". Hand-written rather than scipy/statsmodels: both
procedures are a few lines, and the runtime has neither dependency.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Z95 = 1.959963984540054
MIN_N = 10
"""Fewest paired observations before anything is computed (R25)."""
FDR_Q = 0.05
"""Benjamini–Hochberg false discovery rate across the items of one report."""


@dataclass(frozen=True, slots=True)
class Finding:
    """How one recovery item goes with performance in the athlete's own data.

    ``p`` is the two-sided p-value with the effective n, ``q`` its
    Benjamini–Hochberg adjustment across the report's items; ``claimed`` says
    whether the link passed it.
    """

    item: str
    n: int
    r: float | None
    r_ci: tuple[float, float] | None
    g: float | None
    g_ci: tuple[float, float] | None
    enough_data: bool
    summary: str
    n_eff: float | None = None
    p: float | None = None
    q: float | None = None
    claimed: bool = False


def pearson_r(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson correlation; None with fewer than 3 points or when either has no spread."""
    n = len(xs)
    if n < 3 or n != len(ys):
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    # Square roots taken apart: sxx·syy can underflow to 0 for tiny spreads.
    denom = math.sqrt(sxx) * math.sqrt(syy)
    if sxx == 0 or denom == 0:
        return None
    return max(-1.0, min(1.0, sxy / denom))


def lag1_autocorrelation(values: Sequence[float]) -> float:
    """Lag-1 autocorrelation of a series in time order (0 with fewer than 3 values)."""
    n = len(values)
    if n < 3:
        return 0.0
    m = sum(values) / n
    den = sum((v - m) ** 2 for v in values)
    if den == 0:
        return 0.0
    num = sum((values[i] - m) * (values[i + 1] - m) for i in range(n - 1))
    return max(-1.0, min(1.0, num / den))


def effective_n(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Effective sample size of a correlation between two autocorrelated series
    (Bretherton et al. 1999, eq. 31), at most n."""
    n = len(xs)
    rho = lag1_autocorrelation(xs) * lag1_autocorrelation(ys)
    if rho <= 0:
        return float(n)
    return min(float(n), n * (1.0 - rho) / (1.0 + rho))


def fisher_ci(r: float, n: float) -> tuple[float, float]:
    """95 % CI of a correlation by Fisher's z transform (needs n > 3)."""
    r = max(min(r, 0.999999), -0.999999)
    z = math.atanh(r)
    se = 1.0 / math.sqrt(n - 3)
    return (math.tanh(z - Z95 * se), math.tanh(z + Z95 * se))


def fisher_p(r: float, n: float) -> float:
    """Two-sided p-value of r = 0 by Fisher's z with ``n`` (effective) pairs."""
    r = max(min(r, 0.999999), -0.999999)
    z = abs(math.atanh(r)) * math.sqrt(max(n - 3, 1e-9))
    return math.erfc(z / math.sqrt(2.0))


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (q-values), in the input order."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [1.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        adjusted[i] = min(running, 1.0)
    return adjusted


def hedges_g(a: Sequence[float], b: Sequence[float]) -> tuple[float, tuple[float, float]] | None:
    """Standardised mean difference (a − b) with small-sample correction and 95 % CI.

    Hedges LV, Olkin I. Statistical Methods for Meta-Analysis (1985): pooled SD,
    J = 1 − 3/(4(n1+n2) − 9), var(g) ≈ (n1+n2)/(n1·n2) + g²/(2(n1+n2)).
    """
    n1, n2 = len(a), len(b)
    if n1 < 2 or n2 < 2:
        return None
    m1, m2 = sum(a) / n1, sum(b) / n2
    v1 = sum((x - m1) ** 2 for x in a) / (n1 - 1)
    v2 = sum((x - m2) ** 2 for x in b) / (n2 - 1)
    pooled = math.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2))
    if pooled == 0:
        return None
    d = (m1 - m2) / pooled
    g = d * (1.0 - 3.0 / (4.0 * (n1 + n2) - 9.0))
    se = math.sqrt((n1 + n2) / (n1 * n2) + g * g / (2.0 * (n1 + n2)))
    return g, (g - Z95 * se, g + Z95 * se)


def _size_word(g: float) -> str:
    a = abs(g)
    if a < 0.2:
        return "no meaningful"
    if a < 0.5:
        return "a small"
    if a < 0.8:
        return "a moderate"
    return "a large"


@dataclass(frozen=True, slots=True)
class _Tested:
    item: str
    name: str
    n: int
    r: float
    n_eff: float
    p: float
    g: tuple[float, tuple[float, float]] | None


def _test(item: str, name: str, xs: list[float], ys: list[float]) -> _Tested | None:
    r = pearson_r(xs, ys)
    if r is None:
        return None
    n = len(xs)
    n_eff = max(effective_n(xs, ys), 4.0)
    median = sorted(xs)[n // 2]
    high = [y for x, y in zip(xs, ys, strict=True) if x >= median]
    low = [y for x, y in zip(xs, ys, strict=True) if x < median]
    return _Tested(item, name, n, r, n_eff, fisher_p(r, n_eff), hedges_g(high, low))


def _summary(t: _Tested, q: float, claimed: bool) -> str:
    lo, hi = fisher_ci(t.r, t.n_eff)
    stats = (
        f"r = {t.r:.2f}, 95 % CI {lo:.2f} to {hi:.2f}, n = {t.n}"
        + (f", effective n = {t.n_eff:.0f}" if t.n_eff < t.n - 0.5 else "")
        + f", q = {q:.2f}"
    )
    if not claimed:
        return f"{t.name}: no clear link with session performance yet ({stats})"
    direction = "better" if t.r > 0 else "worse"
    text = f"higher {t.name} goes with {direction} key sessions ({stats})"
    if t.g is not None:
        text += f"; {_size_word(t.g[0])} difference between the top and bottom halves "
        text += f"(g = {t.g[0]:.2f})"
    return text


def habit_findings(
    rows: Sequence[tuple[Mapping[str, float | None], float]],
    labels: Mapping[str, str] | None = None,
    *,
    higher_performance_is_better: bool = True,
    min_n: int = MIN_N,
    fdr_q: float = FDR_Q,
) -> list[Finding]:
    """R25: for each item, how it goes with the performance score of sessions.

    ``rows`` are in time order and pair the items known before a session (sleep
    that night, stress, soreness, yesterday's leg lifting load …) with that
    session's performance score. An item with fewer than ``min_n`` pairs, or no
    spread, says "not enough data: N of M sessions needed". The others are tested
    with the effective n and claimed only when their Benjamini–Hochberg q-value is
    at most ``fdr_q``. Association, not causation.
    """
    labels = labels or {}
    items = sorted({k for feats, _ in rows for k in feats})
    sign = 1.0 if higher_performance_is_better else -1.0
    tested: list[_Tested] = []
    short: dict[str, Finding] = {}
    for item in items:
        pairs = [(feats[item], perf) for feats, perf in rows if feats.get(item) is not None]
        xs = [float(x) for x, _ in pairs if x is not None]
        ys = [sign * p for x, p in pairs if x is not None]
        name = labels.get(item, item.replace("_", " "))
        t = _test(item, name, xs, ys) if len(xs) >= min_n else None
        if t is None:
            why = f"{len(xs)} of {min_n} sessions needed"
            if len(xs) >= min_n:
                why = f"{len(xs)} sessions, but the item never changed"
            short[item] = Finding(
                item, len(xs), r=None, r_ci=None, g=None, g_ci=None, enough_data=False,
                summary=f"{name}: not enough data: {why}",
            )  # fmt: skip
        else:
            tested.append(t)
    qs = benjamini_hochberg([t.p for t in tested])
    done: dict[str, Finding] = dict(short)
    for t, q in zip(tested, qs, strict=True):
        claimed = q <= fdr_q
        done[t.item] = Finding(
            t.item, t.n, r=t.r, r_ci=fisher_ci(t.r, t.n_eff),
            g=t.g[0] if t.g else None, g_ci=t.g[1] if t.g else None, enough_data=True,
            summary=_summary(t, q, claimed), n_eff=round(t.n_eff, 1), p=t.p, q=q,
            claimed=claimed,
        )  # fmt: skip
    return [done[item] for item in items]


def speed_at_effort_scores(
    runs: Sequence[tuple[dt.date, float, float]],
) -> list[tuple[dt.date, float]]:
    """A performance score for runs logged with a session RPE but no plan and no heart
    rate: how much faster (%) a run was than the athlete's median speed over their
    *other* runs rated at the same whole RPE point. ``runs`` are (day, speed in m/s,
    session RPE); a run with no other run at its RPE has no baseline and no score.

    Same felt effort, more speed is the idea behind RPE-anchored pacing (Foster et
    al. 2001, J Strength Cond Res 15:109): with effort held, speed tracks readiness.
    """
    by_rpe: dict[int, list[float]] = {}
    for _, speed, rpe in runs:
        by_rpe.setdefault(round(rpe), []).append(speed)
    out: list[tuple[dt.date, float]] = []
    for day, speed, rpe in runs:
        others = list(by_rpe[round(rpe)])
        others.remove(speed)
        if others and speed > 0:
            out.append((day, round((speed / statistics.median(others) - 1.0) * 100.0, 3)))
    return out
