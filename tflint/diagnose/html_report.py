"""``tflint diagnose --report run.html``: the curves with the marked epochs, one self-contained file.

Inline SVG and CSS only: no script, no CDN, no font download, so the file
opens offline and can be attached to a bug report. NaN epochs break the line
and get a red × on the axis; when a few epochs are over 100x the typical
value (a diverging loss) the chart uses a log scale, which would otherwise
flatten everything else.
"""

from __future__ import annotations

import datetime as _dt
import math
from html import escape

from tflint.diagnose.analysis import Finding
from tflint.diagnose.run import LR_KEYS, RunLog

W, H = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 30, 36
COLORS = {"train": "#1f77b4", "val": "#ff7f0e"}
_SEVERITY_COLOR = {"error": "#c62828", "warning": "#ef6c00", "info": "#1565c0"}


def charts(run: RunLog) -> list[tuple[str, dict[str, list[float]]]]:
    """Group curves: (title, {label: values}) with each metric next to its ``val_`` twin."""
    out = []
    for name in run.series:
        if name.startswith("val_") and name[4:] in run.series:
            continue
        group = {}
        if not name.startswith("val_"):
            group[name] = run.series[name]
        twin = "val_" + name
        if twin in run.series:
            group[twin] = run.series[twin]
        if name.startswith("val_"):
            group[name] = run.series[name]
        out.append((name, group))
    return out


def _scale(values: list[float]) -> tuple[float, float, bool]:
    good = [v for v in values if math.isfinite(v)]
    if not good:
        return 0.0, 1.0, False
    lo, hi = min(good), max(good)
    typical = sorted(good)[len(good) // 2]
    log = lo > 0 and hi / typical > 100
    if log:
        lo, hi = math.log10(lo), math.log10(hi)
    if hi == lo:
        hi, lo = hi + (abs(hi) or 1) * 0.05, lo - (abs(lo) or 1) * 0.05
    return lo, hi, log


def _svg(title: str, curves: dict[str, list[float]], marks: list[tuple[int, str, str]], epochs: int) -> str:
    every = [v for vs in curves.values() for v in vs]
    lo, hi, log = _scale(every)
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (pw * i / (epochs - 1) if epochs > 1 else pw / 2)

    def y(v: float) -> float:
        value = math.log10(v) if log else v
        return TOP + ph * (1 - (value - lo) / (hi - lo))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
        f'aria-label="{escape(title)}">',
        f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="#fff" stroke="#bbb"/>',
    ]
    for k in range(5):  # y ticks
        value = lo + (hi - lo) * k / 4
        shown = 10**value if log else value
        yy = TOP + ph * (1 - k / 4)
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + pw}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#eee"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" class="tick">{shown:.3g}</text>')
    step = max(1, math.ceil(epochs / 12))
    for i in range(0, epochs, step):  # x ticks, 1-based epochs
        parts.append(f'<text x="{x(i):.1f}" y="{H - BOTTOM + 16}" text-anchor="middle" class="tick">{i + 1}</text>')
    parts.append(f'<text x="{LEFT + pw / 2}" y="{H - 4}" text-anchor="middle" class="tick">epoch</text>')
    for k, (epoch, label, color) in enumerate(sorted(marks)):
        xx = x(epoch - 1)
        anchor = "end" if xx > LEFT + pw * 0.75 else "start"  # labels near the right edge grow leftwards
        parts.append(f'<line x1="{xx:.1f}" x2="{xx:.1f}" y1="{TOP}" y2="{TOP + ph}" stroke="{color}" stroke-dasharray="4 3"/>')
        parts.append(
            f'<text x="{xx + (3 if anchor == "start" else -3):.1f}" y="{TOP + 12 + 13 * (k % 4)}" text-anchor="{anchor}" '
            f'class="mark" fill="{color}">{escape(label)}</text>'
        )
    for label, values in curves.items():
        color = COLORS["val" if label.startswith("val_") else "train"]
        segment: list[str] = []
        segments = []
        for i, v in enumerate(values):
            if math.isfinite(v) and not (log and v <= 0):
                segment.append(f"{x(i):.1f},{y(v):.1f}")
            else:
                parts.append(f'<text x="{x(i):.1f}" y="{TOP + ph - 4}" text-anchor="middle" fill="#c62828" class="nan">×</text>')
                segments.append(segment)
                segment = []
        segments.append(segment)
        for seg in segments:
            if len(seg) > 1:
                parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{" ".join(seg)}"/>')
            elif seg:
                cx, cy = seg[0].split(",")
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{color}"/>')
    legend = " ".join(
        f'<tspan fill="{COLORS["val" if n.startswith("val_") else "train"]}">■ {escape(n)}</tspan>' for n in curves
    )
    parts.append(f'<text x="{LEFT}" y="{TOP - 10}" class="legend">{legend}{" (log scale)" if log else ""}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render(run: RunLog, findings: list[Finding], severities: dict[str, str], title: str = "") -> str:
    """The whole HTML page. ``severities`` maps a code to error/warning/info (from the rule pages)."""
    epochs = run.epochs
    sections = []
    for name, curves in charts(run):
        names = set(curves)
        marks = []
        for f in findings:
            if f.series in names or (name == "loss" and f.series not in run.series) or (
                name == "loss" and f.series in LR_KEYS
            ):
                color = _SEVERITY_COLOR.get(severities.get(f.code, "warning"), "#555")
                marks.extend((e, f"{f.code} {label}", color) for e, label in f.marks if 1 <= e <= epochs)
        sections.append(f"<h2>{escape(name)}</h2>\n{_svg(name, curves, marks, epochs)}")
    rows = "".join(
        f'<tr><td class="sev {escape(severities.get(f.code, ""))}">{escape(severities.get(f.code, ""))}</td>'
        f"<td>{escape(f.code)}</td><td>{f.epoch}</td><td>{escape(f.message)}"
        + (f'<br><span class="help">help: {escape(f.help)}</span>' if f.help else "") + "</td></tr>"
        for f in findings
    ) or '<tr><td colspan="4">No problems found in this run.</td></tr>'
    when = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    heading = escape(title or run.source or "training run")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tflint diagnose: {heading}</title>
<style>
body {{ font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 780px; color: #222; }}
h1 {{ font-size: 20px; }} h2 {{ font-size: 15px; margin: 22px 0 4px; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ border-bottom: 1px solid #ddd; padding: 6px; vertical-align: top; text-align: left; }}
.tick {{ font-size: 11px; fill: #555; }} .mark {{ font-size: 11px; }} .legend {{ font-size: 12px; }}
.help {{ color: #555; }}
.sev.error {{ color: #c62828; font-weight: bold; }} .sev.warning {{ color: #ef6c00; font-weight: bold; }} .sev.info {{ color: #1565c0; }}
</style></head><body>
<h1>tflint diagnose: {heading}</h1>
<p>{epochs} epoch{'s' if epochs != 1 else ''}; {len(findings)} finding{'s' if len(findings) != 1 else ''}. Report made {when}.</p>
<table><tr><th>severity</th><th>rule</th><th>epoch</th><th>evidence and remedy</th></tr>{rows}</table>
{chr(10).join(sections)}
</body></html>
"""
