"""What people look at: progress while it runs, a per-layer table, an HTML report."""

from __future__ import annotations

import base64
import html
import io
import math
from typing import TextIO

from tflint.probe.checks import ProbeReport, fmt, summary_line

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], width: int = 40) -> str:
    values = [v for v in values]
    if not values:
        return ""
    if len(values) > width:  # keep the first and last, sample the rest
        step = (len(values) - 1) / (width - 1)
        values = [values[round(i * step)] for i in range(width)]
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        return "×" * len(values)
    lo, hi = min(finite), max(finite)
    span = hi - lo or 1.0
    return "".join(BARS[min(int((v - lo) / span * (len(BARS) - 1) + 0.5), len(BARS) - 1)] if math.isfinite(v) else "×" for v in values)


class Progress:
    """A spinner on stderr that follows the child's stages."""

    def __init__(self, enabled: bool, steps: int = 50):
        self.enabled = enabled
        self.steps = steps
        self._status = None

    def __enter__(self):
        if self.enabled:
            from rich.console import Console

            self._status = Console(stderr=True).status("starting Python")
            self._status.__enter__()
        return self

    def __exit__(self, *exc):
        if self._status is not None:
            self._status.__exit__(*exc)
        return False

    def update(self, event: dict) -> None:
        if self._status is None:
            return
        kind = event.get("event")
        if kind == "phase":
            text = event.get("name", "")
        elif kind == "training":
            site = event.get("site") or [None, "?"]
            text = f"training call ({event.get('kind')}) at line {site[1]}: measuring"
        elif kind == "step":
            text = f"overfitting one batch: step {event.get('i')} (at most {event.get('of')}), loss {fmt(event.get('loss'))}"
        else:
            return
        self._status.update(f"[bold]tflint probe[/bold] {text} [dim]({event.get('t', 0):.1f} s)[/dim]")


def _pct(value) -> str:
    return "" if value is None else f"{value:.0%}"


def print_table(report: ProbeReport, stream: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, highlight=False, soft_wrap=True)
    console.print(f"[bold]tflint probe[/bold] {report.script}: {summary_line(report)}")
    if report.layers:
        table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
        for col, justify in (("layer", "left"), ("type", "left"), ("line", "right"), ("grad norm", "right"),
                             ("update ratio", "right"), ("dead", "right"), ("saturated", "right")):
            table.add_column(col, justify=justify)
        for layer in report.layers:
            site = layer.get("site")
            table.add_row(
                layer.get("name", "?"),
                layer.get("type", "") + (f" ({layer['activation']})" if layer.get("activation") else ""),
                str(site[1]) if site else "",
                fmt(layer["grad_norm"]) if "grad_norm" in layer else "",
                fmt(layer["update_ratio"]) if "update_ratio" in layer else "",
                _pct(layer.get("dead_fraction")),
                _pct(layer.get("saturated_fraction")),
            )
        console.print(table)
    losses = report.losses
    if losses:
        console.print(
            f"loss {sparkline(losses)}  {fmt(losses[0])} → {fmt(losses[-1])} in {len(losses) - 1} steps on one batch"
        )
    console.print()


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=96, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _figures(report: ProbeReport) -> list[tuple[str, str]]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = []
    losses = report.losses
    if losses:
        fig, ax = plt.subplots(figsize=(6, 3))
        ax.plot(range(len(losses)), [v if math.isfinite(v) else float("nan") for v in losses], marker=".")
        ax.set_xlabel("step (one fixed batch)")
        ax.set_ylabel("loss")
        ax.set_title("One-batch fit")
        if losses and math.isfinite(losses[0]) and losses[0] > 0 and all(v > 0 for v in losses if math.isfinite(v)):
            ax.set_yscale("log")
        out.append(("Loss curve", _png(fig)))
        plt.close(fig)
    weighted = [l for l in report.layers if "grad_norm" in l]
    for key, title in (("grad_norm", "Gradient norm per layer"), ("update_ratio", "Update/weight ratio per layer")):
        rows = [(l["name"], l[key]) for l in weighted if key in l]
        if not rows:
            continue
        fig, ax = plt.subplots(figsize=(6, 0.35 * len(rows) + 1.2))
        names = [n for n, _ in rows][::-1]
        vals = [max(v, 1e-30) for _, v in rows][::-1]
        ax.barh(names, vals)
        ax.set_xscale("log")
        ax.set_title(title)
        out.append((title, _png(fig)))
        plt.close(fig)
    return out


def write_html(report: ProbeReport, path: str) -> None:
    """A self-contained page: findings, per-layer numbers, plots as base64 PNGs."""
    figures = _figures(report)
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(d.code)}</td><td>{e(str(d.severity))}</td><td>{e(d.path)}:{d.line}</td><td>{e(d.message)}"
        + (f"<br><span class=help>help: {e(d.help)}</span>" if d.help else "") + "</td></tr>"
        for d in report.diagnostics
    ) or "<tr><td colspan=4>no findings</td></tr>"
    layer_rows = "".join(
        "<tr>" + "".join(
            f"<td>{e(str(v))}</td>"
            for v in (
                l.get("name"), l.get("type"), (l.get("site") or [None, ""])[1],
                fmt(l["grad_norm"]) if "grad_norm" in l else "",
                fmt(l["update_ratio"]) if "update_ratio" in l else "",
                _pct(l.get("dead_fraction")), _pct(l.get("saturated_fraction")),
            )
        ) + "</tr>"
        for l in report.layers
    )
    imgs = "".join(f"<h2>{e(t)}</h2><img alt='{e(t)}' src='data:image/png;base64,{b64}'>" for t, b64 in figures)
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>tflint probe: {e(report.script)}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:.2em .5em;text-align:left}}.help{{color:#555}}</style></head><body>
<h1>tflint probe: {e(report.script)}</h1><p>{e(summary_line(report))}</p>
<h2>Findings</h2><table><tr><th>code</th><th>severity</th><th>where</th><th>message</th></tr>{rows}</table>
<h2>Layers</h2><table><tr><th>layer</th><th>type</th><th>line</th><th>grad norm</th><th>update ratio</th><th>dead</th><th>saturated</th></tr>{layer_rows}</table>
{imgs}</body></html>
"""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(page)
