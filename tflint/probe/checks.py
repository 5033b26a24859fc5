"""Turn the child's measurements into diagnostics (TFL600-TFL613).

Pure Python on plain data: the child measures, this module judges, so every
threshold can be tested without TensorFlow. Each finding is placed at a line
of the user's script: the layer's definition for per-layer findings, the
optimizer (learning rate) for TFL606/TFL612, the training call otherwise.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import Any

from tflint import rulebook
from tflint.diagnostics import Diagnostic, Range, Severity
from tflint.probe import fitcurve
from tflint.probe.config import ProbeConfig
from tflint.probe.sandbox import ChildOutcome

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

#: the probe's rules: code -> (name, default severity), read from their pages in rules/
RULES: dict[str, tuple[str, Severity]] = {
    code: (info.name, info.severity) for code, info in rulebook.all_rules().items() if code.startswith("TFL6")
}

#: Gradient, saturation and dead-unit findings are errors when the one-batch fit fails.
ESCALATE = ("TFL602", "TFL603", "TFL604", "TFL605")

NORMALISING_LAYERS = {
    "Rescaling", "Normalization", "BatchNormalization", "LayerNormalization", "GroupNormalization",
    "UnitNormalization", "Embedding", "TextVectorization", "StringLookup", "IntegerLookup", "Hashing",
    "Discretization", "CategoryEncoding", "HashedCrossing",
}
LEARNING_LAYERS_PREFIX = ("Dense", "Conv", "SeparableConv", "DepthwiseConv", "LSTM", "GRU", "SimpleRNN", "EinsumDense")


@dataclass
class ProbeReport:
    """Everything the terminal table and the HTML report show."""

    script: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    result: dict | None = None  # the child's measurements, when training was reached
    outcome: str = ""  # one line: what happened
    device: str | None = None
    import_seconds: float | None = None
    seconds: float = 0.0  # wall clock of the whole probe
    peak_rss: int = 0
    stdout: str = ""  # the script's own output (tails)
    stderr: str = ""
    leftover: list[int] = field(default_factory=list)  # pids that survived the kill (should be none)
    config: ProbeConfig | None = None  # the thresholds it was judged with, for the report's plots

    @property
    def layers(self) -> list[dict]:
        return (self.result or {}).get("layers") or []

    @property
    def losses(self) -> list[float]:
        overfit = (self.result or {}).get("overfit") or {}
        return [_float(v) for v in overfit.get("losses", [])]


def _float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")


def fmt(value: float) -> str:
    value = _float(value)
    if not math.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e4:
        return f"{value:.3g}"
    return f"{value:.2e}"


def mib(n: float) -> str:
    n = float(n)
    if n >= 1 << 30:
        return f"{n / (1 << 30):.1f} GiB"
    return f"{n / (1 << 20):.0f} MiB"


#: A message names the problem in one clause of about this many characters; the remedy goes in ``help``.
MESSAGE_CHARS = 118
#: Room for text the script produced (an exception message, its last words on stderr) in a message.
QUOTE_CHARS = 60


def clip(text: str, limit: int = QUOTE_CHARS, keep_end: bool = False) -> str:
    """``text`` on one line, at most ``limit`` characters: the start (or the end, where the last words matter)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return "…" + text[-(limit - 1):].lstrip() if keep_end else text[: limit - 1].rstrip() + "…"


def quoted(prefix: str, text, keep_end: bool = False, suffix: str = "") -> str:
    """``prefix`` + text the script produced + ``suffix``, the text clipped so that the message stays short."""
    room = max(MESSAGE_CHARS - len(prefix) - len(suffix), 30)
    return prefix + clip(text if text is not None else "", room, keep_end) + suffix


class _Builder:
    def __init__(self, script: str, cfg: ProbeConfig):
        self.script = script
        self.script_abs = os.path.abspath(script)
        self.cfg = cfg
        self.out: list[Diagnostic] = []

    def add(self, code: str, message: str, site, severity: Severity | None = None, *, help: str) -> Diagnostic:
        """A finding: ``message`` names the problem in one clause, ``help`` says what to do next."""
        name, default = RULES[code]
        path, rng = self.place(site)
        diag = Diagnostic(code, name, severity or default, message, path, rng, help=help)
        self.out.append(diag)
        return diag

    def place(self, site) -> tuple[str, Range]:
        if not site:
            return self.script, Range.of(1, 0, 1, 0)
        path, line, col, end_line, end_col = site
        shown = self.script if os.path.abspath(path) == self.script_abs else os.path.relpath(path)
        return shown, Range.of(int(line), int(col), int(end_line), int(end_col))


# ---------------------------------------------------------------- outcomes


def evaluate(outcome: ChildOutcome, script: str, cfg: ProbeConfig, time_limit: float, memory_limit: int) -> ProbeReport:
    """All findings of one probe run."""
    b = _Builder(script, cfg)
    report = ProbeReport(
        script=script, seconds=outcome.wall, peak_rss=outcome.peak_rss,
        stdout=outcome.stdout, stderr=outcome.stderr, leftover=list(outcome.leftover), config=cfg,
    )
    result = outcome.last("result")
    training = outcome.last("training")
    start = outcome.last("start")
    for kind in ("result", "script_error", "finished"):
        event = outcome.last(kind)
        if event and event.get("import_seconds") is not None:
            report.import_seconds = event["import_seconds"]
    if result is not None:
        report.result = result
        report.device = result.get("device")
        report.outcome = f"training call intercepted ({result.get('kind')})"
        _judge(b, result)
        if outcome.memory_exceeded:
            b.add(
                "TFL613", f"the probe passed the {mib(memory_limit)} memory limit after the training call",
                result.get("fit_site"),
                help="try a smaller batch size or stream the data with tf.data; raise the limit with --memory-limit",
            )
    elif outcome.memory_exceeded:
        site = training.get("site") if training else None
        if training:
            report.outcome = "memory limit reached during the probe"
            b.add(
                "TFL613",
                f"the first training step passed the {mib(memory_limit)} memory limit (peak {mib(outcome.peak_rss)})",
                site,
                help="try a smaller batch size or stream the data with tf.data; raise the limit with --memory-limit",
            )
        else:
            report.outcome = "memory limit reached before training"
            b.add(
                "TFL600",
                f"the script passed the {mib(memory_limit)} memory limit before training started "
                f"(peak {mib(outcome.peak_rss)})",
                None,
                help="the probe killed it: load less data up front, or raise the limit with --memory-limit",
            )
    elif outcome.timed_out:
        phase, phase_line = _last_phase(outcome)
        stage_end = f" (line {phase_line}))" if phase_line else ")"  # the line survives clipping a long stage name
        where = (outcome.last("where") or {}).get("site")
        stopped = f"it was running line {where[1]} when stopped; " if where else ""
        if training:
            report.outcome = "time limit reached during the probe"
            b.add(
                "TFL600",
                quoted(f"the probe did not finish within the {time_limit:g} s time limit (last stage: ", phase, suffix=stage_end),
                training.get("site"),
                help=stopped + "raise the limit with --time-limit",
            )
        else:
            report.outcome = "training never started"
            b.add(
                "TFL600",
                quoted(f"training never started within the {time_limit:g} s time limit (last stage: ", phase, suffix=stage_end),
                where if where and os.path.abspath(where[0]) == b.script_abs else None,
                help=stopped + "the probe killed the script's process tree; raise the limit with --time-limit",
            )
    elif (err := outcome.last("script_error")) is not None:
        missing = err.get("missing_module") or ""
        if missing.split(".")[0] in ("tensorflow", "keras"):
            report.outcome = "TensorFlow not installed"
            b.add(
                "TFL600",
                f"TensorFlow is not installed for this Python ({clip(missing, 40)!r} not found)",
                err.get("site"),
                help="install the probe extra with `pip install 'tflint[probe]'`, or name an interpreter that has "
                "TensorFlow with --python",
            )
        else:
            report.outcome = "the script raised before training"
            b.add(
                "TFL600",
                quoted(f"the script raised {err.get('exc_type')} before training started: ", err.get("message")),
                err.get("site"),
                help="fix the error so that the script reaches its training call (--show-output prints the "
                "script's own output)",
            )
    elif (err := outcome.last("probe_error")) is not None:
        report.outcome = "the probe could not measure training"
        site = (training or {}).get("site") or err.get("site")
        b.add(
            "TFL600",
            quoted(f"the probe could not run the training call: {err.get('exc_type')}: ", err.get("message")),
            site,
            help="check that the training call runs without the probe; if it does, report this to tflint",
        )
    elif (ex := outcome.last("exit")) is not None:
        code = ex.get("code")
        if ex.get("during") == "probe":
            report.outcome = "the script exited while the probe read its data"
            b.add(
                "TFL600",
                f"the script exited (sys.exit({clip(repr(code), 40)})) while the probe read its training data",
                (training or {}).get("site") or ex.get("site"),
                help="let the data pipeline end without sys.exit (a generator that returns, a finite dataset)",
            )
        else:
            report.outcome = "the script exited before training"
            said = _own_error(outcome.stderr) if code not in (0, None) else ""
            head = f"the script exited (sys.exit({clip(repr(code), 40)})) before training started"
            b.add(
                "TFL600",
                quoted(f"{head}: ", said, keep_end=True) if said else head,
                ex.get("site"),
                help="pass the script's own arguments after `--` (tflint probe train.py -- ARGS); "
                "--show-output prints its output",
            )
    elif (fin := outcome.last("finished")) is not None:
        report.outcome = "no training call"
        what = "" if fin.get("keras_loaded") else " (it never imported Keras)"
        b.add(
            "TFL600",
            f"the script finished without a training call{what}",
            None,
            help="the probe looks for Model.fit, train_on_batch and optimizer.apply_gradients: probe the script "
            "that trains the model",
        )
    else:
        rc = outcome.returncode
        how = f"was killed by signal {-rc}" if rc is not None and rc < 0 else f"exited with code {rc}"
        stage = "during the probe" if training else "before training started"
        if start is None:
            stage = "before the probe's bootstrap started"
        tail = " ".join(outcome.stderr.strip().splitlines()[-2:])
        report.outcome = f"the process {how}"
        hint = "--show-output prints the script's own output"
        if rc == -9:
            hint = "signal 9 often comes from the system's out-of-memory killer: try a smaller batch or less data; " + hint
        elif start is None:
            hint = "check that --python names a working interpreter; " + hint
        b.add(
            "TFL600",
            quoted(f"the script's process {how} {stage}: ", tail, keep_end=True) if tail.strip() else f"the script's process {how} {stage}",
            (training or {}).get("site"),
            help=hint,
        )
    report.diagnostics = sorted(b.out, key=lambda d: (d.range.start, d.code))
    return report


#: Lines of TensorFlow's own logging, not the script's words.
_FRAMEWORK_NOISE = ("WARNING: All log messages", "I0000", "W0000", "E0000", "oneDNN", "tensorflow/", "cuda", "absl::")


def _own_error(stderr: str, lines: int = 2) -> str:
    """The script's last words on stderr (an argparse usage error, say), shown without --show-output."""
    kept = [
        ln.strip() for ln in stderr.splitlines()
        if ln.strip() and not any(noise in ln for noise in _FRAMEWORK_NOISE)
    ]
    return " ".join(kept[-lines:])[-400:]


def _last_phase(outcome: ChildOutcome) -> tuple[str, int | None]:
    """(what the child was doing when it was stopped, the script line where that stage began)."""
    event = outcome.last("phase")
    step = outcome.last("step")
    if step and event and step.get("t", 0) >= event.get("t", 0):
        return f"one-batch fit step {step.get('i')}/{step.get('of')}", None
    if not event:
        return "starting Python", None
    site = event.get("site")
    return event.get("name", "starting Python"), (site[1] if site else None)


# ---------------------------------------------------------------- measurements


def _judge(b: _Builder, r: dict) -> None:
    cfg = b.cfg
    fit_site = r.get("fit_site")
    opt_site = r.get("optimizer_site") or fit_site
    layers = r.get("layers") or []
    # -- data
    labels_flagged = _data_findings(b, r, fit_site)
    if any(d.code == "TFL601" for d in b.out):
        # NaN in the data poisons every number measured after it: report the cause only
        [d for d in b.out if d.code == "TFL601"][-1].help += "; the forward/backward pass was not judged because of it"
        return
    # -- forward errors
    fe = r.get("forward_error")
    if fe:
        text = f"{fe['exc_type']}: {fe['message']}"
        if labels_flagged is not None:
            labels_flagged.help += f" (the first training step fails with {clip(text, 2 * QUOTE_CHARS)})"
        elif any(k in fe["message"].lower() for k in ("label", "target", "logits and labels", "incompatible shapes")):
            b.add(
                "TFL611", quoted("the labels do not fit the output and loss: the first step fails with ", text), fit_site,
                help="make the labels match the output layer and the loss (integer class ids for sparse_categorical_"
                "crossentropy, one-hot rows for categorical_crossentropy, 0/1 for binary_crossentropy)",
            )
        else:
            b.add(
                "TFL600", quoted("the first training step raised ", text), fit_site,
                help="fix the model or its data so that one training step runs (--show-output prints the script's "
                "own output)",
            )
        return
    # -- initial loss
    l0 = _float(r.get("initial_loss"))
    unscaled = next((d for d in b.out if d.code == "TFL609" and d.severity > I), None)
    if not math.isfinite(l0):
        b.add(
            "TFL601", f"the initial loss is {l0} on the first batch", fit_site,
            help="look for log(0) or a division by zero in the loss, and for NaN/Inf in the inputs and labels",
        )
    elif unscaled is not None:  # the scale explains a wrong initial loss: one finding, one cause
        expected = _expected_loss(r)
        if expected and abs(l0 - expected) > _loss_slack(b.cfg, expected):
            unscaled.help += f"; it also explains the initial loss of {fmt(l0)} instead of about {expected:.3g}"
    else:
        _initial_loss(b, r, l0, fit_site)
    # -- one-batch fit
    fit_failed = _overfit_findings(b, r, opt_site, fit_site)
    sev = E if fit_failed else W
    # -- gradients, activations
    dead_layers = [l for l in layers if (l.get("dead_fraction") or 0) > cfg.dead_fraction]
    _gradient_findings(b, layers, fit_site, sev, vanishing_explained=bool(dead_layers))
    for layer in layers:
        dead = layer.get("dead_fraction")
        if dead is not None and dead > cfg.dead_fraction:
            b.add(
                "TFL604",
                f"{dead:.0%} of the {layer.get('units', '?')} ReLU units of layer '{clip(layer['name'], 30)}' are dead: zero "
                "for every sample of the batch",
                layer.get("site") or fit_site,
                sev,
                help="dead units get no gradient and never recover: check the bias initialiser and the input scale, "
                "lower the learning rate, or use LeakyReLU",
            )
        sat = layer.get("saturated_fraction")
        if sat is not None and sat > cfg.saturated_fraction:
            b.add(
                "TFL605",
                f"{sat:.0%} of the pre-activations of {layer.get('activation')} layer '{clip(layer['name'], 30)}' are saturated "
                f"(|z| > {fmt(cfg.saturation_z)})",
                layer.get("site") or fit_site,
                sev,
                help="a saturated unit's gradient is near zero: scale the inputs, use smaller initial weights "
                "(Glorot) or a normalisation layer before the activation, or a ReLU-family activation",
            )
    _update_findings(b, r, layers, opt_site)
    _memory_findings(b, r, fit_site)


def _data_findings(b: _Builder, r: dict, site) -> Diagnostic | None:
    cfg = b.cfg
    inputs = r.get("inputs") or []
    labels = r.get("labels")
    for info in inputs:
        if info.get("non_finite"):
            where = info.get("first_non_finite")
            nan = info.get("nan", 0)
            b.add(
                "TFL601",
                f"the inputs {clip(info['name'], 30)} contain {info['non_finite']} non-finite values ({nan} NaN)"
                + (f", the first at index {tuple(where)}" if where else ""),
                site,
                help="one NaN turns every weight into NaN at the first step: drop or impute those values before "
                "training",
            )
    if labels and labels.get("non_finite"):
        b.add(
            "TFL601", f"the labels contain {labels['non_finite']} non-finite values ({labels.get('nan', 0)} NaN)", site,
            help="drop the samples whose labels are NaN/Inf, or fix where the labels are computed",
        )
    _scale_findings(b, r, inputs, site)
    return _label_findings(b, r, labels, site)


def _scale_findings(b: _Builder, r: dict, inputs: list[dict], site) -> None:
    cfg = b.cfg
    order = r.get("call_order") or []
    for t in order:
        if t in NORMALISING_LAYERS:
            return  # the model scales its own inputs
        if t.startswith(LEARNING_LAYERS_PREFIX):
            break
    for info in inputs:
        if "max_abs" not in info:
            continue
        problems = []
        pixels = (
            info.get("integer_valued")
            and info.get("min", -1) >= 0
            and 10 < info.get("max", 0) <= 255
            and (len(info.get("shape", [])) >= 3 or info.get("dtype") == "uint8")
        )
        if pixels:
            problems.append(f"raw integer pixel values (0..{fmt(info['max'])}, {info['dtype']})")
        elif info["max_abs"] > cfg.max_abs_feature:
            problems.append(f"max |x| {fmt(info['max_abs'])} (> {fmt(cfg.max_abs_feature)})")
        spread = info.get("std_spread")
        if spread is not None and spread > cfg.max_std_spread:
            cols = info.get("columns")
            hi, lo = info.get("std_max_feature"), info.get("std_min_feature")
            name = (lambda i: f"'{clip(cols[i], 24)}'" if cols and i is not None and i < len(cols) else f"feature {i}")
            problems.append(f"feature std devs differ {fmt(spread)}x ({name(hi)} vs {name(lo)})")
        skewed = [(i, s) for i, s in info.get("skewness") or [] if abs(s) > cfg.max_skewness]
        skew_text = ""
        if skewed:
            cols = info.get("columns")
            names = ", ".join(
                (f"'{clip(cols[i], 24)}'" if cols and i < len(cols) else f"feature {i}") + f" (skew {s:.1f})" for i, s in skewed[:3]
            )
            skew_text = f"heavily skewed: {names}"
        name = clip(info["name"], 30)
        if problems:
            if pixels:
                remedy = "divide them by 255 or add a Rescaling(1/255) layer"
            else:
                remedy = "standardise them (e.g. a keras.layers.Normalization layer adapted on the training data)"
            msg, more = f"the inputs {name} are not scaled: {problems[0]}", []
            for problem in problems[1:]:  # what does not fit the message goes with the remedy
                if len(msg) + 2 + len(problem) <= MESSAGE_CHARS:
                    msg += f"; {problem}"
                else:
                    more.append(problem)
            if more:
                remedy = "also " + "; ".join(more) + ": " + remedy
            if skew_text:
                remedy += f"; also {skew_text}: a log or Box-Cox transform helps"
            b.add("TFL609", msg, site, help=remedy)
        elif skew_text:
            b.add("TFL609", quoted(f"the inputs {name} are ", skew_text), site, I, help="a log or Box-Cox transform helps")


def _classification(r: dict) -> str | None:
    loss = (r.get("loss_name") or "").lower()
    for name in ("sparse_categorical", "categorical", "binary"):
        if loss.startswith(name) and ("crossentropy" in loss or "focal" in loss):
            return name
    return None


def _label_findings(b: _Builder, r: dict, labels: dict | None, site) -> Diagnostic | None:
    cfg = b.cfg
    if not labels or "min" not in labels:
        return None
    kind = _classification(r)
    units = None
    layers = r.get("layers") or []
    out_act = r.get("output_activation")
    found = None
    # the output units come from the forward pass; before it, from the labels' partner
    units = r.get("output_units")
    if kind == "sparse_categorical":
        if labels.get("one_hot"):
            found = b.add(
                "TFL611",
                f"the labels are one-hot (last dimension {labels['last_dim']}) but {r['loss_name']} expects integer "
                "class ids",
                site,
                help="use categorical_crossentropy, or argmax the labels",
            )
        elif not labels.get("integer_valued"):
            found = b.add(
                "TFL611",
                f"{r['loss_name']} expects integer class ids, but the labels hold fractional values "
                f"({fmt(labels['min'])}..{fmt(labels['max'])})",
                site,
                help="map the labels to class ids 0..C-1, or use a regression loss if they are continuous targets",
            )
        elif labels["min"] < 0:
            found = b.add(
                "TFL611", f"the labels contain negative class ids (min {fmt(labels['min'])})", site,
                help="map the labels to class ids 0..C-1 (C: the output layer's units)",
            )
        elif units and units > 1 and labels["max"] >= units:
            found = b.add(
                "TFL611",
                f"the labels go up to class id {int(labels['max'])} but the output layer has {units} units "
                f"(ids must be < {units})",
                site,
                help=f"give the output layer {int(labels['max']) + 1} units, or map the labels to 0..{units - 1}",
            )
    elif kind == "categorical":
        if units and units > 1 and labels.get("last_dim", 1) == 1:
            found = b.add(
                "TFL611",
                f"the labels are integer class ids but {r['loss_name']} expects one-hot rows of {units}",
                site,
                help="use sparse_categorical_crossentropy, or one-hot the labels (keras.utils.to_categorical)",
            )
        elif units and labels.get("last_dim") not in (None, units) and labels.get("last_dim", 1) > 1:
            found = b.add(
                "TFL611", f"the one-hot labels have {labels['last_dim']} columns but the output has {units} units", site,
                help=f"give the output layer {labels['last_dim']} units, one per class",
            )
    if found is None and (kind == "binary" or out_act == "sigmoid") and (labels["min"] < 0 or labels["max"] > 1):
        found = b.add(
            "TFL611",
            f"the labels range over {fmt(labels['min'])}..{fmt(labels['max'])} but a sigmoid/binary cross-entropy "
            "output is in [0, 1]",
            site,
            help="map the labels to 0/1 (or to [0, 1]), or use a loss that fits their range",
        )
    # class balance
    counts = labels.get("class_counts")
    if kind and counts and not labels.get("multi_label"):
        present = [(i, c) for i, c in enumerate(counts) if c > 0]
        if len(present) >= 2:
            total = sum(c for _, c in present)
            big = max(present, key=lambda ic: ic[1])
            small = min(present, key=lambda ic: ic[1])
            ratio = big[1] / small[1]
            entropy = -sum((c / total) * math.log(c / total) for _, c in present)
            perplexity = math.exp(entropy) / len(present)
            metrics = [m for m in r.get("metrics") or [] if m not in ("loss",)]
            accuracy_only = bool(metrics) and all("acc" in m for m in metrics)
            handled = r.get("class_weight") or r.get("sample_weight")
            if (ratio > cfg.max_class_ratio or perplexity < cfg.min_class_perplexity) and (accuracy_only or not handled):
                msg = (
                    f"the classes are imbalanced: largest/smallest count {fmt(ratio)} (class {big[0]}: {big[1]}, "
                    f"class {small[0]}: {small[1]}), normalised perplexity {perplexity:.2f}"
                )
                remedies = []
                if accuracy_only:
                    remedies.append(
                        f"accuracy is the only metric and predicting class {big[0]} alone scores {big[1] / total:.1%}: "
                        "add precision/recall or AUC"
                    )
                if handled:
                    remedies.append("class_weight/sample_weight is already set")
                else:
                    remedies.append("pass class_weight= to fit or resample the data")
                b.add("TFL610", msg, site, help="; ".join(remedies))
    return found


def _loss_slack(cfg: ProbeConfig, expected: float) -> float:
    """tolerance * ln C, but at least half a nat: random logits alone put a binary
    classifier's initial loss near 1.0 rather than ln 2 = 0.69."""
    return max(cfg.initial_loss_tolerance * expected, cfg.initial_loss_min_slack)


def _expected_loss(r: dict) -> float | None:
    kind = _classification(r)
    units = r.get("output_units")
    if not kind or not units:
        return None
    classes = 2 if kind == "binary" else units
    return math.log(classes) if classes >= 2 else None


def _initial_loss(b: _Builder, r: dict, l0: float, site) -> None:
    expected = _expected_loss(r)
    if expected is None:
        return
    kind = _classification(r)
    classes = round(math.exp(expected))
    if abs(l0 - expected) > _loss_slack(b.cfg, expected):
        what = "binary" if kind == "binary" else f"{classes}-class"
        b.add(
            "TFL608",
            f"the initial loss is {fmt(l0)}, but an untrained {what} classifier should start near ln {classes} = "
            f"{expected:.3g}",
            site,
            help="check the output activation, from_logits, the label encoding and the initial weights",
        )


def _overfit_findings(b: _Builder, r: dict, opt_site, fit_site) -> bool:
    cfg = b.cfg
    over = r.get("overfit")
    if not over:
        return False
    losses = [_float(v) for v in over.get("losses", [])]
    if len(losses) < 2:
        return False
    l0 = losses[0]
    opt = r.get("optimizer") or "the optimizer"
    lr = r.get("learning_rate")
    with_lr = f"{opt}(learning_rate={fmt(lr)})" if lr is not None else opt
    bad = next((i for i, v in enumerate(losses) if not math.isfinite(v)), None)
    if bad is not None:
        b.add(
            "TFL606", f"the loss became {losses[bad]} at step {bad} of the one-batch fit with {with_lr}", opt_site,
            help="lower the learning rate (3-10x), or clip the gradients (clipnorm=1.0)",
        )
        return True
    if not math.isfinite(l0) or l0 <= 0:
        return False
    after = losses[cfg.divergence_after_step + 1 :]
    if after and max(after) > cfg.divergence_factor * l0:
        peak = max(after)
        b.add(
            "TFL606",
            f"the loss diverged on one batch with {with_lr}: it rose from {fmt(l0)} to {fmt(peak)} "
            f"({fmt(peak / l0)}x) in {len(losses) - 1} steps",
            opt_site,
            help="lower the learning rate (3-10x)",
        )
        return True
    deltas = [b_ - a for a, b_ in zip(losses, losses[1:])]
    amp = cfg.oscillation_amplitude * l0
    flips = sum(
        1 for d1, d2 in zip(deltas, deltas[1:]) if d1 * d2 < 0 and abs(d1) > amp and abs(d2) > amp
    )
    if len(deltas) >= 6 and flips > cfg.oscillation_fraction * (len(deltas) - 1):
        b.add(
            "TFL606",
            f"the loss oscillates on one batch with {with_lr}: {flips} of {len(deltas) - 1} steps reversed "
            f"by > {cfg.oscillation_amplitude:.0%} of its start",
            opt_site,
            help="lower the learning rate (3-10x)",
        )
        return True
    return _cannot_fit(b, r, losses[: over.get("steps", len(losses) - 1)], fit_site)


def _capacity(r: dict) -> tuple[int, int]:
    """(trainable parameters, label values in the batch): can the model memorise the batch at all?"""
    params = sum(int(l.get("params") or 0) for l in r.get("layers") or [])
    targets = int(r.get("batch_size") or 0) * int(r.get("output_units") or 1)
    return params, targets


def _cannot_fit(b: _Builder, r: dict, curve: list[float], fit_site) -> bool:
    """TFL607: the loss stopped falling (a plateau) while still near its start.

    A curve cut short by the step or time budget while it was still falling
    is no verdict: the model learns, only slowly, and that is not an error.
    """
    rules = fitcurve.CurveRules.of(b.cfg)
    if fitcurve.state(curve, rules) != fitcurve.PLATEAU or fitcurve.moved(curve, rules) >= rules.fit_drop:
        return False
    l0, now = curve[0], fitcurve.recent_loss(curve, rules)
    params, targets = _capacity(r)
    small = 0 < params < targets
    tips = []
    lr = r.get("learning_rate")
    opt = r.get("optimizer") or "the optimizer"
    ratios = [l["update_ratio"] for l in r.get("layers") or [] if l.get("params") and l.get("update_ratio")]
    if (ratios and max(ratios) < 10 * b.cfg.min_update_ratio) or (lr is not None and lr < 1e-5):
        tips.append(f"raise the learning rate ({opt} has {fmt(lr) if lr is not None else 'a tiny one'}; try 1e-3 for Adam)")
    if any((l.get("dead_fraction") or 0) > b.cfg.dead_fraction for l in r.get("layers") or []):
        tips.append("revive the dead ReLU units (TFL604: bias/initialiser, or LeakyReLU)")
    if small:
        tips.append(
            f"give the model more capacity: {params} trainable parameters cannot memorise "
            f"{targets} label values"
        )
    tips.append("check that each label belongs to its input (x and y shuffled or filtered apart)")
    tips.append("check that the output activation matches the loss (softmax with from_logits=False, none with from_logits=True)")
    tips.append("rerun the probe with Dropout and weight decay off")
    b.add(
        "TFL607",
        f"the model cannot fit one batch of {r.get('batch_size')}: after {len(curve)} steps the loss stopped "
        f"falling at {fmt(now)}, {now / l0:.0%} of the initial {fmt(l0)}",
        fit_site,
        W if small else None,
        help=f"a model that can learn gets below {1 - rules.fit_drop:.0%} of the initial loss; try next: " + "; ".join(tips),
    )
    return not small


def gradient_layers(layers: list[dict]) -> list[dict]:
    """The layers whose gradient norms are compared: trainable, called, with a gradient."""
    return [l for l in layers if l.get("params") and l.get("called", True) and not l.get("grad_missing")]


def gradient_bounds(cfg: ProbeConfig, last_norm: float) -> tuple[float, float]:
    """(vanishing, exploding) bounds of the first layer's gradient norm, given the last layer's.

    TFL603 needs both a small ratio to the last layer and a small absolute norm, so
    the lower bound is the smaller of the two; the report draws these same bounds.
    """
    return min(cfg.vanishing_ratio * last_norm, cfg.vanishing_first_norm), cfg.exploding_ratio * last_norm


def update_bounds(cfg: ProbeConfig) -> tuple[float, float]:
    """(too slow, too fast) median |update|/|weight| per step (TFL612)."""
    return cfg.min_update_ratio, cfg.max_update_ratio


def _gradient_findings(b: _Builder, layers: list[dict], fit_site, sev: Severity, vanishing_explained: bool = False) -> None:
    cfg = b.cfg
    weighted = gradient_layers(layers)
    for layer in weighted:
        if layer.get("grad_finite") is False:
            b.add(
                "TFL601", f"the gradients of layer '{clip(layer['name'], 30)}' are NaN/Inf on the first batch",
                layer.get("site") or fit_site,
                help="look for log(0), sqrt(0) or a division by zero in the model or the loss, and for NaN/Inf in the data",
            )
    if len(weighted) < 2:
        return
    first, last = weighted[0], weighted[-1]
    g1, gl = first["grad_norm"], last["grad_norm"]
    ratio = g1 / gl if gl > 0 else (float("inf") if g1 > 0 else 1.0)
    if ratio > cfg.exploding_ratio:
        b.add(
            "TFL602",
            f"gradients grow towards the input: layer '{clip(first['name'], 30)}' has norm {fmt(g1)}, "
            f"{fmt(ratio)}x the last layer's",
            first.get("site") or fit_site,
            sev,
            help=f"clip the gradients (clipnorm=1.0), use a smaller initialisation, or add normalisation layers "
            f"(last layer '{clip(last['name'], 30)}': norm {fmt(gl)})",
        )
    vanishing = []
    if ratio < cfg.vanishing_ratio and g1 < cfg.vanishing_first_norm:
        vanishing.append(first)
    for layer in weighted:
        if layer.get("grad_mean_abs", 1.0) < cfg.vanishing_mean_abs and layer not in vanishing:
            vanishing.append(layer)
    if vanishing and not vanishing_explained:  # dead ReLUs (TFL604) already explain zero gradients
        head = vanishing[0]
        others = [l["name"] for l in vanishing[1:]]
        msg = (
            f"the gradients vanish before layer '{clip(head['name'], 30)}': norm {fmt(head['grad_norm'])}, "
            f"mean |g| {fmt(head['grad_mean_abs'])}, {fmt(head['grad_norm'] / gl if gl else 0)}x the last layer's"
        )
        notes = [f"last layer '{clip(last['name'], 30)}': norm {fmt(gl)}"]
        if others:
            notes.append(
                f"the gradients of {', '.join(others[:4])}" + (f" and {len(others) - 4} more" if len(others) > 4 else "")
                + " vanish too"
            )
        remedy = "use ReLU-family activations, He initialisation, normalisation or residual connections"
        b.add("TFL603", msg, head.get("site") or fit_site, sev, help=f"{remedy} ({'; '.join(notes)})")


def _update_findings(b: _Builder, r: dict, layers: list[dict], opt_site) -> None:
    cfg = b.cfg
    rated = [l for l in layers if l.get("params") and "update_ratio" in l]
    if not rated:
        return
    lr = r.get("learning_rate")
    opt = r.get("optimizer") or "the optimizer"
    with_lr = f"{opt}(learning_rate={fmt(lr)})" if lr is not None else opt
    fast = sorted((l for l in rated if l["update_ratio"] > cfg.max_update_ratio), key=lambda l: -l["update_ratio"])
    if fast:
        layers_text = ", ".join(f"'{clip(l['name'], 30)}' {fmt(l['update_ratio'])}" for l in fast[:4])
        if len(fast) > 4:
            layers_text += f" and {len(fast) - 4} more"
        b.add(
            "TFL612",
            f"each step changes the weights too much with {with_lr}: median |update|/|weight| up to "
            f"{fmt(fast[0]['update_ratio'])} (> {fmt(cfg.max_update_ratio)})",
            opt_site,
            help=f"lower the learning rate (median |update|/|weight| by layer: {layers_text})",
        )
    moving = [l for l in rated if l["update_ratio"] > 0]
    if moving and all(l["update_ratio"] < cfg.min_update_ratio for l in moving):
        top = max(l["update_ratio"] for l in moving)
        b.add(
            "TFL612",
            f"the weights barely move with {with_lr}: the largest median |update|/|weight| is {fmt(top)} "
            f"(< {fmt(cfg.min_update_ratio)})",
            opt_site,
            help="raise the learning rate (about 1e-3 of each weight's size per step is healthy)",
        )
    for layer in layers:
        # TensorFlow gives no gradient (None) to an unconnected variable; JAX gives zeros, so a layer
        # the forward pass never called and whose gradient is exactly zero is unconnected too
        unconnected = layer.get("grad_missing") or (
            layer.get("params") and layer.get("called") is False and layer.get("grad_norm") == 0
        )
        if unconnected:
            b.add(
                "TFL612",
                f"trainable layer '{clip(layer['name'], 30)}' gets no gradient at all: it is not connected to the loss",
                layer.get("site") or opt_site,
                help="connect it to the model's output, or freeze it with trainable=False or remove it",
            )
        elif layer.get("update_ratio") == 0 and layer.get("update_ratio_max") == 0 and layer.get("grad_mean_abs", 0) > 0:
            b.add(
                "TFL612",
                f"trainable layer '{clip(layer['name'], 30)}' has gradients but its weights never change: the optimizer skips it",
                layer.get("site") or opt_site,
                help="pass its variables to the optimizer (the list given to apply_gradients), or freeze it with "
                "trainable=False",
            )


def _memory_findings(b: _Builder, r: dict, site) -> None:
    cfg = b.cfg
    mem = r.get("memory") or {}
    override = cfg.device_memory_mb * (1 << 20) if cfg.device_memory_mb else 0
    capacity = override or mem.get("capacity_bytes") or 0
    host = override or mem.get("host_capacity_bytes") or capacity
    step = mem.get("step_peak_bytes") or 0
    kind = mem.get("kind", "memory")
    batch = r.get("batch_size") or 0
    if capacity and step > capacity:
        fit = max(int(batch * 0.5 * capacity / step), 1) if batch else None
        b.add(
            "TFL613",
            f"one training step at batch size {batch} needs about {mib(step)} of {kind}, more than the device's "
            f"{mib(capacity)}",
            site,
            help=f"try batch_size={fit}" if fit else "use a smaller model or smaller inputs",
        )
    data = mem.get("in_memory_bytes") or r.get("in_memory_bytes") or 0
    if host and data > cfg.dataset_memory_fraction * host:
        b.add(
            "TFL613",
            f"the whole data set is materialised in memory ({mib(data)}, more than {cfg.dataset_memory_fraction:.0%} of "
            f"the {mib(host)} available)",
            site,
            help="stream it with tf.data (e.g. tf.data.Dataset.from_generator or TFRecord files)",
        )


def summary_line(report: ProbeReport) -> str:
    parts = [report.outcome or "done"]
    if report.device:
        parts.append(f"device {report.device}")
    if report.import_seconds and report.import_seconds >= 0.05:  # 0: imported once before a warm fork
        parts.append(f"TensorFlow import {report.import_seconds:.1f} s")
    parts.append(f"total {report.seconds:.1f} s")
    return ", ".join(parts)


def as_plain(report: ProbeReport) -> dict[str, Any]:
    """The numbers behind the verdict, for --report and JSON consumers."""
    return {
        "script": report.script,
        "outcome": report.outcome,
        "device": report.device,
        "import_seconds": report.import_seconds,
        "seconds": report.seconds,
        "layers": report.layers,
        "losses": report.losses,
    }
