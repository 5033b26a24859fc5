"""One-line terminal pictures of a curve: ``▇▅▄▃▂▂▁▁▂▃`` (× marks NaN/inf epochs)."""

from __future__ import annotations

import math

from tflint.diagnose.run import LR_KEYS, lower_is_better

BLOCKS = "▁▂▃▄▅▆▇█"
NOT_FINITE = "×"


def _buckets(values: list[float], width: int) -> list[float]:
    """At most ``width`` points: the mean of each run of epochs (NaN if any epoch in it is not finite)."""
    if len(values) <= width:
        return list(values)
    out = []
    for b in range(width):
        chunk = values[b * len(values) // width : (b + 1) * len(values) // width]
        out.append(math.nan if any(not math.isfinite(v) for v in chunk) else sum(chunk) / len(chunk))
    return out


def sparkline(values: list[float], width: int = 60) -> str:
    points = _buckets(values, width)
    good = [v for v in points if math.isfinite(v)]
    if not good:
        return NOT_FINITE * len(points)
    lo, hi = min(good), max(good)
    span = hi - lo
    chars = []
    for v in points:
        if not math.isfinite(v):
            chars.append(NOT_FINITE)
        elif span == 0:
            chars.append(BLOCKS[len(BLOCKS) // 2])
        else:
            chars.append(BLOCKS[min(int((v - lo) / span * len(BLOCKS)), len(BLOCKS) - 1)])
    return "".join(chars)


def curve_lines(series: dict[str, list[float]], width: int = 60) -> list[str]:
    """``name  sparkline  first -> last (best b at epoch e)`` for each curve."""
    if not series:
        return []
    pad = max(len(name) for name in series)
    lines = []
    for name, values in series.items():
        good = [(i, v) for i, v in enumerate(values) if math.isfinite(v)]
        if good:
            pick = min if lower_is_better(name) else max
            bi, bv = pick(good, key=lambda p: p[1])
            summary = f"{values[0]:.4g} -> {values[-1]:.4g}"
            if name not in LR_KEYS:
                summary += f" (best {bv:.4g} at epoch {bi + 1})"
        else:
            summary = "no finite value"
        lines.append(f"  {name:<{pad}}  {sparkline(values, width)}  {summary}")
    return lines
