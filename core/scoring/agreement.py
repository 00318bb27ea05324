"""Agreement statistics between scorer and human grades, in plain Python."""

from __future__ import annotations

import math
from collections.abc import Sequence

#: Score bands for the weighted kappa: 0-30, 31-55, 56-79, 80-100.
BAND_UPPER: tuple[float, ...] = (30, 55, 79)


def average_ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        rank = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[order[k]] = rank
        i = j + 1
    return ranks


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson correlation; None when undefined (fewer than 2 items or a constant series)."""
    n = len(xs)
    if n != len(ys) or n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rho: Pearson on average ranks (handles ties)."""
    if len(xs) != len(ys) or len(xs) < 2:
        return None
    return pearson(average_ranks(xs), average_ranks(ys))


def mean_absolute_error(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    if not xs or len(xs) != len(ys):
        return None
    return sum(abs(x - y) for x, y in zip(xs, ys, strict=True)) / len(xs)


def band(score: float, upper: Sequence[float] = BAND_UPPER) -> int:
    """The band index of a 0-100 score (0-30 -> 0, 31-55 -> 1, 56-79 -> 2, 80-100 -> 3)."""
    for index, bound in enumerate(upper):
        if score <= bound:
            return index
    return len(upper)


def quadratic_weighted_kappa(
    xs: Sequence[float], ys: Sequence[float], upper: Sequence[float] = BAND_UPPER
) -> float | None:
    """Cohen's kappa with quadratic weights over score bands; None when undefined."""
    if not xs or len(xs) != len(ys):
        return None
    k = len(upper) + 1
    observed = [[0.0] * k for _ in range(k)]
    for x, y in zip(xs, ys, strict=True):
        observed[band(x, upper)][band(y, upper)] += 1
    n = float(len(xs))
    rows = [sum(r) for r in observed]
    cols = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            weight = (i - j) ** 2 / (k - 1) ** 2
            num += weight * observed[i][j]
            den += weight * rows[i] * cols[j] / n
    if den == 0:
        return None
    return 1.0 - num / den
