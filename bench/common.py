"""Timing helpers and table printing shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable, Sequence


def time_calls(fn: Callable[[], object], repeat: int, warmup: int = 3) -> list[float]:
    """Run ``fn`` ``repeat`` times after a warm-up; return each run's milliseconds."""
    for _ in range(warmup):
        fn()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(values: Sequence[float]) -> tuple[float, float, float]:
    """(p50, p95, mean) of millisecond timings."""
    return percentile(values, 50), percentile(values, 95), statistics.fmean(values)


def print_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    cells = [[f"{c:.2f}" if isinstance(c, float) else str(c) for c in row] for row in rows]
    widths = [max(len(str(h)), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    line = " | ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-+-".join("-" * w for w in widths))
    for row in cells:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
