"""What people look at: progress while it runs, a per-layer table, an HTML report."""

from __future__ import annotations

import base64
import html
import io
import math
from dataclasses import dataclass, field
from typing import Iterable, TextIO

from tflint.probe.checks import (
    ProbeReport, clip, fmt, gradient_bounds, gradient_layers, summary_line, update_bounds,
)
from tflint.probe.config import ProbeConfig

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


def layer_type(layer: dict) -> str:
    """"Dense (relu)": the terminal table and the HTML report name a layer's type the same way."""
    return layer.get("type", "") + (f" ({layer['activation']})" if layer.get("activation") else "")


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
                layer_type(layer),
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


# ---------------------------------------------------------------- plots, as numbers first

#: Layer names on a plot's axis are cut to this many characters (with an ellipsis) so the plot keeps its width.
NAME_CHARS = 28
#: Room left on a log axis beyond the outermost value or threshold, in decades.
LOG_MARGIN = 0.3
#: A loss curve gets a log axis only when its finite values span more than this many decades.
LOSS_LOG_DECADES = 2.0

OK, LOW, HIGH, ZERO, NONFINITE = "ok", "low", "high", "zero", "nonfinite"


def log_limits(values: Iterable[float], margin: float = LOG_MARGIN) -> tuple[float, float]:
    """Fixed limits of a log axis: every positive finite value inside, with ``margin`` decades to spare.

    Matplotlib's automatic limits can cut a threshold off or crowd a point onto
    the frame; a reader compares positions, so the axis must show them all.
    """
    logs = [math.log10(v) for v in values if v is not None and math.isfinite(v) and v > 0]
    if not logs:
        return 1e-3, 1e1
    return 10.0 ** math.floor(min(logs) - margin), 10.0 ** math.ceil(max(logs) + margin)  # floats: 10 ** 40 is an int


@dataclass
class LayerPlot:
    """One per-layer plot as numbers: what is drawn, how each point is judged, where the axis ends."""

    key: str  # the layer field shown: grad_norm or update_ratio
    title: str
    xlabel: str
    layers: list[dict]  # in model order, drawn top to bottom
    values: list[float]
    marks: list[str]  # per layer: ok, low, high, zero (not on a log axis), nonfinite
    low: float | None  # the healthy range, when the probe has one for this run
    high: float | None
    low_label: str = ""
    high_label: str = ""
    band_label: str = ""
    caption: str = ""
    limits: tuple[float, float] = (1e-3, 1e1)

    @property
    def names(self) -> list[str]:
        return [clip(l.get("name", "?"), NAME_CHARS) for l in self.layers]


@dataclass
class LossPlot:
    """The one-batch fit as numbers: log axis or not, its limits, the steps with NaN/Inf."""

    values: list[float]
    log: bool
    limits: tuple[float, float]
    nonfinite_steps: list[int] = field(default_factory=list)
    caption: str = ""


def _mark(value: float, low: float | None, high: float | None, finite: bool = True) -> str:
    if not finite or not math.isfinite(value):
        return NONFINITE
    if value <= 0:
        return ZERO
    if low is not None and value < low:
        return LOW
    if high is not None and value > high:
        return HIGH
    return OK


def _with_limits(plot: LayerPlot) -> LayerPlot:
    plot.limits = log_limits([*plot.values, *(t for t in (plot.low, plot.high) if t is not None)])
    return plot


def gradient_plot(report: ProbeReport, cfg: ProbeConfig) -> LayerPlot | None:
    """Gradient norms; the healthy range is TFL602/TFL603's, relative to the last layer's norm."""
    rows = [l for l in report.layers if "grad_norm" in l]
    if not rows:
        return None
    judged = gradient_layers(report.layers)
    low = high = None
    caption = "Each dot is a layer's gradient norm on the first batch (log scale)."
    if len(judged) >= 2 and math.isfinite(judged[-1]["grad_norm"]) and judged[-1]["grad_norm"] > 0:
        first, last = judged[0], judged[-1]
        low, high = gradient_bounds(cfg, last["grad_norm"])
        caption += (
            f" The probe judges the first layer '{clip(first['name'], NAME_CHARS)}' against the last "
            f"'{clip(last['name'], NAME_CHARS)}' (norm {fmt(last['grad_norm'])}): healthy range {fmt(low)} to "
            f"{fmt(high)}; below, the gradients vanish (TFL603: under {fmt(cfg.vanishing_ratio)}× the last layer's "
            f"and under {fmt(cfg.vanishing_first_norm)}); above, they explode (TFL602: over "
            f"{fmt(cfg.exploding_ratio)}× the last layer's)."
        )
    else:
        caption += " No healthy range: fewer than two layers with gradients to compare."
    values = [float(l["grad_norm"]) for l in rows]
    marks = [
        ZERO if l.get("grad_missing") else _mark(v, low, high, l.get("grad_finite") is not False)
        for l, v in zip(rows, values)
    ]
    plot = LayerPlot(
        "grad_norm", "Gradient norm per layer", "gradient norm (log scale)", rows, values, marks, low, high,
        low_label=f"vanishing below {fmt(low)} (TFL603)" if low is not None else "",
        high_label=f"exploding above {fmt(high)} (TFL602)" if high is not None else "",
        band_label="healthy range" if low is not None else "",
        caption=caption,
    )
    return _with_limits(plot)


def update_plot(report: ProbeReport, cfg: ProbeConfig) -> LayerPlot | None:
    """Median |update|/|weight| of one step; the healthy range is TFL612's."""
    rows = [l for l in report.layers if l.get("params") and "update_ratio" in l]
    if not rows:
        return None
    low, high = update_bounds(cfg)
    values = [float(l["update_ratio"]) for l in rows]
    plot = LayerPlot(
        "update_ratio", "Update/weight ratio per layer", "median |update| / |weight| per step (log scale)",
        rows, values, [_mark(v, low, high) for v in values], low, high,
        low_label=f"barely moving below {fmt(low)} (TFL612)",
        high_label=f"too fast above {fmt(high)} (TFL612)",
        band_label="healthy range",
        caption=(
            f"Each dot is a layer's median |update|/|weight| in one step of the optimizer (log scale). Healthy range "
            f"{fmt(low)} to {fmt(high)}: below, the weights barely move; above, each step changes them too much (TFL612)."
        ),
    )
    return _with_limits(plot)


def loss_plot(report: ProbeReport) -> LossPlot | None:
    """The one-batch fit: a linear axis from 0 unless the loss spans more than LOSS_LOG_DECADES decades."""
    losses = report.losses
    if not losses:
        return None
    finite = [v for v in losses if math.isfinite(v)]
    bad = [i for i, v in enumerate(losses) if not math.isfinite(v)]
    log = bool(finite) and min(finite) > 0 and math.log10(max(finite) / min(finite)) > LOSS_LOG_DECADES
    if log:
        limits = log_limits(finite, margin=0.1)
    elif finite:
        lo, hi = min(min(finite), 0.0), max(max(finite), 0.0)
        span = (hi - lo) or 1.0
        limits = (lo - (0.05 * span if lo < 0 else 0.0), hi + 0.08 * span)
    else:
        limits = (0.0, 1.0)
    caption = f"The loss on one fixed batch over {len(losses) - 1} steps ({'log' if log else 'linear'} scale"
    caption += ", the values span more than 2 decades)." if log else ", from 0)." if limits[0] == 0 else ")."
    if bad:
        caption += f" NaN/Inf at step{'s' if len(bad) > 1 else ''} " + ", ".join(map(str, bad[:5]))
        caption += f" and {len(bad) - 5} more" if len(bad) > 5 else ""
        caption += ", marked × at the top."
    return LossPlot(losses, log, limits, bad, caption)


# ---------------------------------------------------------------- drawing

GOOD, BAD, BAND, THRESHOLD = "#1b7a3a", "#c0392b", "#dff2e3", "#7a1f1f"
#: inches: a row per layer keeps the names apart (9 pt text on 0.3 in rows)
ROW_INCHES, FIG_WIDTH = 0.3, 7.5


def draw_layers(plot: LayerPlot):
    """A dot per layer on a log axis with fixed limits; no bars (on a log axis their length means nothing)."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    n = len(plot.layers)
    fig = Figure(figsize=(FIG_WIDTH, ROW_INCHES * n + 2.2), layout="constrained")
    ax = fig.add_subplot()
    lo, hi = plot.limits
    ax.set_xscale("log")
    ax.set_xlim(lo, hi)
    ax.set_ylim(n - 0.5, -0.5)  # first layer on top
    ax.set_yticks(range(n), plot.names, fontsize=9)
    ax.tick_params(axis="x", labelsize=9)
    ax.set_xlabel(plot.xlabel, fontsize=9)
    ax.set_title(plot.title, fontsize=11)
    for y in range(n):
        ax.axhline(y, color="#e6e6e6", linewidth=0.8, zorder=0)
    handles = []
    if plot.low is not None and plot.high is not None:
        ax.axvspan(plot.low, plot.high, color=BAND, zorder=0.5)
        handles.append(Patch(color=BAND, label=f"{plot.band_label}: {fmt(plot.low)} to {fmt(plot.high)}"))
    if plot.low is not None:
        ax.axvline(plot.low, color=THRESHOLD, linestyle=":", linewidth=1.4, zorder=1)
        handles.append(Line2D([], [], color=THRESHOLD, linestyle=":", linewidth=1.4, label=plot.low_label))
    if plot.high is not None:
        ax.axvline(plot.high, color=THRESHOLD, linestyle="--", linewidth=1.2, zorder=1)
        handles.append(Line2D([], [], color=THRESHOLD, linestyle="--", linewidth=1.2, label=plot.high_label))
    log_lo, log_hi = math.log10(lo), math.log10(hi)
    for y, (value, mark) in enumerate(zip(plot.values, plot.marks)):
        if mark == ZERO:  # not on a log axis: a hollow arrow at the left edge
            x, style, text = lo, dict(marker="<", facecolor="white", edgecolor=BAD), "0"
        elif mark == NONFINITE:
            x, style, text = hi, dict(marker=">", color=BAD), "NaN/Inf"
        else:
            x, style, text = value, dict(marker="o", color=GOOD if mark == OK else BAD), fmt(value)
        ax.scatter([x], [y], s=42, zorder=3, clip_on=False, linewidths=1.2, **style)
        right = (math.log10(x) - log_lo) / (log_hi - log_lo) < 0.82
        ax.annotate(text, (x, y), xytext=(7 if right else -7, 0), textcoords="offset points", fontsize=8,
                    va="center", ha="left" if right else "right", color="#222" if mark == OK else BAD, zorder=4,
                    bbox=dict(boxstyle="square,pad=0.1", facecolor="white", edgecolor="none", alpha=0.85))
    if plot.low is None and plot.high is None:
        handles.append(Line2D([], [], marker="o", linestyle="", color=GOOD, label="layer (0 at the left edge)"))
    else:
        handles.append(Line2D([], [], marker="o", linestyle="", color=GOOD, label="layer in the healthy range"))
        handles.append(Line2D([], [], marker="o", linestyle="", color=BAD, label="outside it (0 at the left edge)"))
    fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    return fig


def draw_loss(plot: LossPlot):
    """The one-batch fit on the axis chosen by ``loss_plot``, NaN/Inf steps marked at the top."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(FIG_WIDTH, 3.4), layout="constrained")
    ax = fig.add_subplot()
    steps = range(len(plot.values))
    ax.plot(steps, [v if math.isfinite(v) else float("nan") for v in plot.values], marker=".", color="#1f5fa8")
    if plot.log:
        ax.set_yscale("log")
    ax.set_ylim(*plot.limits)
    last = max(len(plot.values) - 1, 1)
    ax.set_xlim(-0.02 * last, last * 1.02)
    if plot.nonfinite_steps:
        ax.scatter(plot.nonfinite_steps, [plot.limits[1]] * len(plot.nonfinite_steps), marker="x", color=BAD,
                   s=40, zorder=3, clip_on=False, label="NaN/Inf loss (drawn at the top)")
        fig.legend(loc="outside lower center", fontsize=8, frameon=False)  # never over the curve or the marks
    ax.tick_params(labelsize=9)
    ax.set_xlabel("step (one fixed batch)", fontsize=9)
    ax.set_ylabel("loss (log scale)" if plot.log else "loss", fontsize=9)
    ax.set_title("One-batch fit", fontsize=11)
    ax.grid(True, color="#eeeeee")
    return fig


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=96)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def plots(report: ProbeReport) -> list[LossPlot | LayerPlot]:
    """What the report draws for one script, with the thresholds it was judged with."""
    cfg = report.config or ProbeConfig()
    return [p for p in (loss_plot(report), gradient_plot(report, cfg), update_plot(report, cfg)) if p is not None]


def _figures(report: ProbeReport, drawn: list[LossPlot | LayerPlot] | None = None) -> list[tuple[str, str, str]]:
    """(title, caption, base64 PNG) per plot."""
    out = []
    for plot in plots(report) if drawn is None else drawn:
        if isinstance(plot, LossPlot):
            out.append(("Loss curve", plot.caption, _png(draw_loss(plot))))
        else:
            out.append((plot.title, plot.caption, _png(draw_layers(plot))))
    return out


# ---------------------------------------------------------------- the page

CSS = """body{font-family:system-ui,sans-serif;max-width:62em;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;max-width:100%}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;
vertical-align:top;overflow-wrap:anywhere}td.num,.nw{white-space:nowrap}.num{text-align:right}
th{overflow-wrap:normal}.help{color:#555}
.bad{color:#b00;font-weight:bold}img{max-width:100%;height:auto;display:block}.caption,.note{color:#444;
font-size:.9em;max-width:48em}nav ol{padding-left:1.5em}section{margin-top:2.5em}h1,h2,h3{overflow-wrap:anywhere}"""


def _findings_count(report: ProbeReport) -> str:
    if not report.diagnostics:
        return "no findings"
    by: dict = {}
    for d in report.diagnostics:
        by[d.severity] = by.get(d.severity, 0) + 1
    parts = [f"{n} {sev}{'s' if n > 1 and str(sev) != 'info' else ''}" for sev, n in sorted(by.items(), reverse=True)]
    return ", ".join(parts)


def _section(report: ProbeReport, h: str) -> str:
    """A script's summary line, findings, layer table and plots; ``h`` is the heading tag of its parts."""
    e = html.escape
    cfg = report.config or ProbeConfig()
    drawn = plots(report)
    figures = _figures(report, drawn)
    rows = "".join(
        f"<tr><td class=nw>{e(d.code)}</td><td class=nw>{e(str(d.severity))}</td><td>{e(d.path)}:{d.line}</td><td>{e(d.message)}"
        + (f"<br><span class=help>help: {e(d.help)}</span>" if d.help else "") + "</td></tr>"
        for d in report.diagnostics
    ) or "<tr><td colspan=4>no findings</td></tr>"
    flagged = {
        (p.key, id(l)) for p in drawn if isinstance(p, LayerPlot) for l, m in zip(p.layers, p.marks) if m != OK
    }

    def cell(text: str, bad: bool = False) -> str:
        return f"<td class='num{' bad' if bad else ''}'>{e(text)}</td>"

    layer_rows = "".join(
        f"<tr><td>{e(str(l.get('name', '?')))}</td><td>{e(layer_type(l))}</td>"
        + cell(str((l.get("site") or [None, ""])[1]))
        + cell(fmt(l["grad_norm"]) if "grad_norm" in l else "", ("grad_norm", id(l)) in flagged)
        + cell(fmt(l["update_ratio"]) if "update_ratio" in l else "", ("update_ratio", id(l)) in flagged)
        + cell(_pct(l.get("dead_fraction")), (l.get("dead_fraction") or 0) > cfg.dead_fraction)
        + cell(_pct(l.get("saturated_fraction")), (l.get("saturated_fraction") or 0) > cfg.saturated_fraction)
        + "</tr>"
        for l in report.layers
    )
    layers = ""
    if report.layers:
        layers = (
            f"<{h}>Layers</{h}><table><tr><th>layer</th><th>type</th><th class=num>line</th><th class=num>grad norm</th>"
            f"<th class=num>update ratio</th><th class=num>dead</th><th class=num>saturated</th></tr>{layer_rows}</table>"
            f"<p class=note>Bold red: outside the healthy range drawn below, or dead above {cfg.dead_fraction:.0%} of "
            f"the ReLU units (TFL604), saturated above {cfg.saturated_fraction:.0%} of the pre-activations "
            f"(|z| &gt; {e(fmt(cfg.saturation_z))}, TFL605).</p>"
        )
    imgs = "".join(
        f"<{h}>{e(t)}</{h}><img alt='{e(t)}: {e(c)}' src='data:image/png;base64,{b64}'><p class=caption>{e(c)}</p>"
        for t, c, b64 in figures
    )
    return (
        f"<p>{e(summary_line(report))}</p>"
        f"<{h}>Findings</{h}><table><tr><th class=nw>code</th><th class=nw>severity</th><th>where</th><th>message</th></tr>"
        f"{rows}</table>"
        f"{layers}{imgs}"
    )


def write_html(reports: ProbeReport | list[ProbeReport], path: str) -> None:
    """One self-contained page (plots as base64 PNGs): a script's findings, layers and plots; for several
    scripts, an index and a section per script."""
    reports = [reports] if isinstance(reports, ProbeReport) else list(reports)
    e = html.escape
    if len(reports) == 1:
        title = f"tflint probe: {reports[0].script}"
        body = f"<h1>{e(title)}</h1>{_section(reports[0], 'h2')}"
    else:
        title = f"tflint probe: {len(reports)} scripts"
        index = "".join(
            f"<li><a href='#script-{i}'>{e(r.script)}</a>: {e(_findings_count(r))}; {e(r.outcome or 'done')}</li>"
            for i, r in enumerate(reports, 1)
        )
        sections = "".join(
            f"<section id='script-{i}'><h2>{e(r.script)}</h2>{_section(r, 'h3')}</section>"
            for i, r in enumerate(reports, 1)
        )
        body = f"<h1>{e(title)}</h1><nav><ol>{index}</ol></nav>{sections}"
    page = (
        f'<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>\n{body}\n</body></html>\n"
    )
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(page)
