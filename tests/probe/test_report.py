"""The HTML report and its plots, on plain measurements (no TensorFlow): honest axes, the checks' thresholds,
names that never overlap, one page for several scripts."""

from __future__ import annotations

import io
import math
import re

import pytest

pytest.importorskip("matplotlib")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from tests.probe import sample_reports as samples  # noqa: E402
from tflint.probe.checks import gradient_bounds, gradient_layers, update_bounds  # noqa: E402
from tflint.probe.config import ProbeConfig  # noqa: E402
from tflint.probe.report import (  # noqa: E402
    LOG_MARGIN, NAME_CHARS, LayerPlot, LossPlot, draw_layers, draw_loss, plots, print_table, write_html,
)


def layer_plots(report) -> dict[str, LayerPlot]:
    return {p.key: p for p in plots(report) if isinstance(p, LayerPlot)}


def drawn(fig):
    FigureCanvasAgg(fig).draw()  # runs the constrained layout: the extents are the final ones
    return fig


def overlapping(texts) -> list[tuple[str, str]]:
    boxes = [(t.get_text(), t.get_window_extent()) for t in texts if t.get_text() and t.get_visible()]
    return [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1:] if ba.overlaps(bb)]


def positive(values):
    return [v for v in values if math.isfinite(v) and v > 0]


@pytest.mark.parametrize("make", [samples.healthy, samples.troubled])
def test_log_axes_hold_every_value_and_both_thresholds_with_margin(make):
    report = make()
    found = layer_plots(report)
    assert set(found) == {"grad_norm", "update_ratio"}
    for plot in found.values():
        lo, hi = plot.limits
        inside = positive(plot.values) + [plot.low, plot.high]
        assert all(lo < v < hi for v in inside), (plot.key, plot.limits, inside)
        assert math.log10(min(inside)) - math.log10(lo) >= LOG_MARGIN - 1e-9
        assert math.log10(hi) - math.log10(max(inside)) >= LOG_MARGIN - 1e-9
        ax = drawn(draw_layers(plot)).axes[0]
        assert ax.get_xscale() == "log" and ax.get_xlim() == pytest.approx(plot.limits)  # not autoscaled away
        assert not ax.containers  # dots, no bars: a bar on a log axis starts at an arbitrary limit


def test_the_drawn_healthy_ranges_are_the_checks_thresholds():
    cfg = ProbeConfig.from_table({"exploding-ratio": 500, "max-update-ratio": 0.5})
    report = samples.judged(samples.TROUBLED, samples.troubled().result, cfg)
    found = layer_plots(report)
    last = gradient_layers(report.layers)[-1]["grad_norm"]
    assert (found["grad_norm"].low, found["grad_norm"].high) == gradient_bounds(cfg, last)
    assert found["grad_norm"].high == 500 * last  # the configured ratio, not the default 70
    assert (found["update_ratio"].low, found["update_ratio"].high) == update_bounds(cfg) == (1e-5, 0.5)
    assert "exploding above 200 (TFL602)" == found["grad_norm"].high_label


@pytest.mark.parametrize("factor, codes", [(1.01, {"TFL602"}), (0.99, set())])
def test_a_first_layer_past_the_drawn_exploding_line_is_what_the_probe_reports(factor, codes):
    s = samples.HEALTHY
    base = samples.healthy().result
    plot = layer_plots(samples.healthy())["grad_norm"]
    layers = [dict(base["layers"][0], grad_norm=plot.high * factor), *base["layers"][1:]]
    report = samples.judged(s, dict(base, layers=layers))
    assert {d.code for d in report.diagnostics} == codes
    assert layer_plots(report)["grad_norm"].marks[0] == ("high" if codes else "ok")


@pytest.mark.parametrize("factor, codes", [(0.99, {"TFL603"}), (1.01, set())])
def test_a_first_layer_below_the_drawn_vanishing_line_is_what_the_probe_reports(factor, codes):
    s = samples.HEALTHY
    base = samples.healthy().result
    plot = layer_plots(samples.healthy())["grad_norm"]
    first = dict(base["layers"][0], grad_norm=plot.low * factor, grad_mean_abs=1e-6)
    report = samples.judged(s, dict(base, layers=[first, *base["layers"][1:]]))
    assert {d.code for d in report.diagnostics} == codes
    assert layer_plots(report)["grad_norm"].marks[0] == ("low" if codes else "ok")


def test_layer_names_never_overlap_and_long_ones_are_clipped():
    s = samples.HEALTHY
    base = samples.healthy().result
    many = [samples.layer(s, f"residual_stage_{i}_bottleneck_convolution_{i}", 10 + i, 10.0 ** (-(i % 30)), 1e-3)
            for i in range(60)]
    report = samples.judged(s, dict(base, layers=many))
    small = layer_plots(samples.healthy())["grad_norm"]
    for plot in layer_plots(report).values():
        assert len(plot.names) == 60
        assert all(len(n) <= NAME_CHARS for n in plot.names) and plot.names[0].endswith("…")
        fig = drawn(draw_layers(plot))
        ax = fig.axes[0]
        assert overlapping(ax.get_yticklabels()) == []
        assert overlapping(ax.get_xticklabels()) == []  # 30 decades on the gradient axis
        assert fig.get_size_inches()[1] > 4 * draw_layers(small).get_size_inches()[1]  # grows with the layers


def test_zero_and_nonfinite_values_are_drawn_at_the_edges_not_dropped():
    plot = layer_plots(samples.troubled())["update_ratio"]
    i = plot.names.index("block_6_dense")
    assert plot.values[i] == 0 and plot.marks[i] == "zero"
    ax = drawn(draw_layers(plot)).axes[0]
    offsets = [tuple(c.get_offsets()[0]) for c in ax.collections if len(c.get_offsets())]
    assert (pytest.approx(plot.limits[0]), i) in [(x, y) for x, y in offsets]
    assert "0" in [t.get_text() for t in ax.texts]


def test_loss_axis_is_linear_from_zero_unless_it_spans_decades_and_marks_nan():
    healthy = next(p for p in plots(samples.healthy()) if isinstance(p, LossPlot))
    assert not healthy.log and healthy.limits[0] == 0 and healthy.limits[1] > max(healthy.values)
    troubled = next(p for p in plots(samples.troubled()) if isinstance(p, LossPlot))
    finite = positive(troubled.values)
    assert troubled.log and troubled.limits[0] < min(finite) and troubled.limits[1] > max(finite)
    assert troubled.nonfinite_steps == [24, 25] and "NaN/Inf at steps 24, 25" in troubled.caption
    ax = drawn(draw_loss(troubled)).axes[0]
    assert ax.get_yscale() == "log" and ax.get_ylim() == pytest.approx(troubled.limits)
    assert overlapping(ax.get_xticklabels()) == [] and overlapping(ax.get_yticklabels()) == []
    # a slow fall of 10% keeps its linear axis from 0: the start is not cut away to make it look steep
    flat = samples.judged(samples.HEALTHY, dict(samples.healthy().result, overfit={"losses": [1.1 - 0.002 * i for i in range(50)]}))
    [plot] = [p for p in plots(flat) if isinstance(p, LossPlot)]
    assert not plot.log and plot.limits[0] == 0 and plot.limits[1] >= 1.1


def test_activation_shown_as_in_the_terminal_table(tmp_path):
    report = samples.troubled()
    out = io.StringIO()
    print_table(report, out)
    assert "Dense (tanh)" in out.getvalue()
    write_html(report, str(tmp_path / "one.html"))
    page = (tmp_path / "one.html").read_text()
    assert "<td>Dense (tanh)</td>" in page and "<td>Dense (softmax)</td>" in page


def test_one_script_page(tmp_path):
    write_html(samples.troubled(), str(tmp_path / "one.html"))
    page = (tmp_path / "one.html").read_text()
    assert "<nav>" not in page and "<h1>tflint probe: models/train_deep_tanh.py</h1>" in page
    assert page.count("data:image/png;base64,") == 3
    assert "Healthy range 1.00e-05 to 0.1" in page and "healthy range 1.00e-04 to 28;" in page  # the captions
    assert "TFL602" in page and "<span class=help>help: clip the gradients" in page
    # the cells outside the healthy ranges are marked like the dots
    assert re.search(r"<td class='num bad'>180</td>", page) and re.search(r"<td class='num bad'>92%</td>", page)


def test_several_scripts_share_one_page_with_an_index(tmp_path):
    reports = [samples.healthy(), samples.troubled()]
    write_html(reports, str(tmp_path / "all.html"))
    page = (tmp_path / "all.html").read_text()
    assert "<h1>tflint probe: 2 scripts</h1>" in page
    index = re.search(r"<nav><ol>(.*?)</ol></nav>", page, re.S).group(1)
    links = re.findall(r"<li><a href='#([^']+)'>([^<]+)</a>: ([^<]+)</li>", index)
    assert [(name, text.split(";")[0]) for _, name, text in links] == [
        (samples.HEALTHY, "no findings"), (samples.TROUBLED, "4 errors, 2 warnings"),
    ]
    sections = re.findall(r"<section id='([^']+)'><h2>([^<]+)</h2>(.*?)</section>", page, re.S)
    assert [(sid, name) for sid, name, _ in sections] == [(target, name) for target, name, _ in links]
    healthy, troubled = (body for _, _, body in sections)
    assert "no findings" in healthy and ">TFL6" not in healthy
    assert "device CPU" in healthy and "TFL602" in troubled and "TFL606" in troubled
    assert healthy.count("data:image/png;base64,") == 3 and troubled.count("data:image/png;base64,") == 3
    assert "<td>Dense (relu)</td>" in healthy and "<td>Dense (tanh)</td>" in troubled
