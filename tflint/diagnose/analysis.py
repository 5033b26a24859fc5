"""What went wrong in a training run, read from its per-epoch logs.

Pure Python on purpose (no TensorFlow, no numpy): the Keras callback runs it
after every epoch on the history so far, and ``tflint diagnose`` runs it on a
log file. Each detector returns at most one :class:`Finding`; when a detector
cannot tell (too few epochs, no validation data) it stays silent, because a
false alarm on a healthy run costs more than a miss.

Codes (pages in ``rules/TFL7nn.md``): TFL701 overfitting, TFL702 underfitting,
TFL703 divergence, TFL704 oscillation, TFL705 NaN loss, TFL706 plateau,
TFL707 minority-class metric collapse, TFL708 validation metric never
improved, TFL709 epochs that early stopping would have saved, TFL710 a loss
that crawls down at a steady, tiny pace (learning rate too low).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from tflint.diagnose.run import RunLog, finite, lower_is_better
from tflint.diagnose.settings import DiagnoseConfig

_ACCURACY_KEYS = ("accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy")
_CLASS_METRIC = re.compile(r"(recall|precision|f1|fbeta|sensitivity)", re.I)
_MAX_CHANCE_CLASSES = 10  # ln(C) for more classes are too close together to name a C


@dataclass(frozen=True)
class Finding:
    """One problem in a run. ``epoch`` (1-based) is where it starts or became clear.

    ``message`` names the problem in one short clause with its key numbers;
    ``help`` says what to do next (shown apart, as the linter's findings do).
    """

    code: str
    epoch: int
    message: str
    series: str  # the curve that shows it
    marks: tuple[tuple[int, str], ...] = ()  # epochs to mark on a plot: (epoch, label)
    evidence: dict = field(default_factory=dict, compare=False)  # numbers behind the message, for JSON
    help: str = ""  # the remedy

    @property
    def key(self) -> tuple[str, str]:
        """Identity across epochs of a live run (the message grows, the key does not)."""
        return (self.code, self.series)


def diagnose(run: RunLog, config: DiagnoseConfig | None = None) -> list[Finding]:
    """Every finding in ``run``, ordered by epoch."""
    config = config or DiagnoseConfig()
    found: list[Finding] = []

    def add(finding: Finding | None) -> bool:
        if finding is not None:
            found.append(finding)
        return finding is not None

    loss = _head(run.get("loss"))
    val_loss = _head(run.get("val_loss"))
    add(nan_onset(run))
    diverged = add(divergence(loss, run, config) or blow_up_collapse(loss, run, config))
    if not diverged:
        add(oscillation(loss, run, config))
    overfit = add(overfitting(loss, val_loss, run, config))
    if not overfit and not diverged:  # a diverged run's wasted epochs are the divergence's
        add(wasted_epochs(val_loss, run, config))
    underfit = not diverged and add(underfitting(loss, val_loss, run, config))
    if not underfit and not diverged:
        if not add(slow_progress(loss, run, config)):  # a steady crawl is not a plateau
            add(plateau(loss, run, config))
    collapse = class_collapse(run, config)
    add(collapse)
    if not underfit and not diverged:
        skip = (("val_loss",) if overfit else ()) + tuple(collapse.evidence["metrics"] if collapse else ())
        add(never_improved(run, config, skip=skip))
    return sorted(found, key=lambda f: (f.epoch, f.code))


# -- helpers -----------------------------------------------------------------


def _head(values: list[float] | None) -> list[float]:
    """The values before the first non-finite one (trends are read there; NaN is TFL705's)."""
    out: list[float] = []
    for v in values or ():
        if not math.isfinite(v):
            break
        out.append(v)
    return out


def _fmt(value: float) -> str:
    if value == 0 or 1e-3 <= abs(value) < 1e4:
        return f"{value:.4g}"
    return f"{value:.3g}"


def _pct(fraction: float) -> str:
    percent = fraction * 100
    return f"{percent:.1f}%" if 0 < abs(percent) < 1 else f"{percent:.0f}%"


def _rel(a: float, b: float) -> float:
    """(a - b) relative to |b| (0 when b is 0 and a equals it)."""
    scale = abs(b) if b else (abs(a) or 1.0)
    return (a - b) / scale


def _argbest(values: list[float], lower: bool = True) -> int:
    best = 0
    for i, v in enumerate(values):
        if (v < values[best]) if lower else (v > values[best]):
            best = i
    return best


def _lr_note(run: RunLog, start: int, end: int) -> str:
    """What the logged learning rate did over epochs ``start..end`` (0-based, inclusive)."""
    lr = run.learning_rate()
    if not lr:
        return ""
    window = [v for v in lr[start : end + 1] if math.isfinite(v)]
    if not window:
        return ""
    if max(window) == min(window):
        return f"the learning rate stayed at {_fmt(window[0])}"
    return f"the learning rate went from {_fmt(window[0])} to {_fmt(window[-1])}"


def simulate_early_stopping(values: list[float], patience: int, lower: bool = True) -> tuple[int | None, int]:
    """Keras ``EarlyStopping(patience=patience)`` replayed on ``values``.

    Returns (0-based epoch where it stops or None, 0-based best epoch), with
    Keras' rules: a value counts as better only if strictly better (NaN never
    is), and training stops once ``patience`` epochs passed without one.
    """
    best_value = math.inf if lower else -math.inf
    best, wait = 0, 0
    for epoch, value in enumerate(values):
        wait += 1
        better = math.isfinite(value) and (value < best_value if lower else value > best_value)
        if better:
            best_value, best, wait = value, epoch, 0
            continue
        if wait >= patience and epoch > 0:
            return epoch, best
    return None, best


def early_stopping_text(patience: int, stop: int, best: int, total: int) -> str:
    saved = total - 1 - stop
    return (
        f"EarlyStopping(monitor='val_loss', patience={patience}, restore_best_weights=True) would have stopped "
        f"at epoch {stop + 1} ({saved} epoch{'s' if saved != 1 else ''} sooner) and restored epoch {best + 1}'s weights"
    )


def _epoch_list(epochs: list[int], shown: int = 5) -> str:
    """``2, 4, 5`` or ``2, 4, 5, 6, 7 and 3 more`` (1-based epochs)."""
    text = ", ".join(str(e) for e in epochs[:shown])
    return text + (f" and {len(epochs) - shown} more" if len(epochs) > shown else "")


def _with_lr(lr: str, remedy: str) -> str:
    """A remedy led by what the logged learning rate did (``lr`` may be empty)."""
    return f"{lr}: {remedy}" if lr else remedy


# -- detectors ---------------------------------------------------------------


#: What to do about a NaN loss (the epoch check and the Monitor's batch check say the same).
NAN_REMEDY = (
    "lower the learning rate, clip gradients (clipnorm=1.0), look for log(0) or a division by zero in the loss "
    "or NaN in the inputs"
)


def nan_onset(run: RunLog) -> Finding | None:
    """TFL705: the loss (or the validation loss) became NaN or infinite."""
    for name in ("loss", "val_loss"):
        values = run.get(name)
        if not values:
            continue
        bad = [i for i, v in enumerate(values) if not math.isfinite(v)]
        if not bad:
            continue
        first = bad[0]
        kind = "NaN" if math.isnan(values[first]) else "infinite"
        stays = all(not math.isfinite(v) for v in values[first:])
        if stays:
            span = "from the first epoch on" if first == 0 else f"from epoch {first + 1} on"
        else:
            span = f"at epoch{'s' if len(bad) > 1 else ''} " + _epoch_list([i + 1 for i in bad])
        before = finite(values[:first])
        last = f" (last finite value {_fmt(before[-1][1])} at epoch {before[-1][0] + 1})" if before else ""
        return Finding(
            "TFL705",
            first + 1,
            f"{name} is {kind} {span}{last}: the weights are likely NaN too",
            name,
            marks=((first + 1, f"{name} {kind}"),),
            evidence={"first_epoch": first + 1, "last_finite": before[-1][1] if before else None},
            help=_with_lr(_lr_note(run, first, first), NAN_REMEDY) + "; keras.callbacks.TerminateOnNaN() stops such "
            "a run at once",
        )
    return None


def divergence(loss: list[float], run: RunLog, config: DiagnoseConfig) -> Finding | None:
    """TFL703: the training loss climbed far above its minimum and did not come back."""
    n = len(loss)
    if n < 3:
        return None
    best = _argbest(loss[:-1])
    low, last = loss[best], loss[-1]
    if best > n - 3 or low <= 0 or last < config.divergence_factor * low:
        return None
    if last <= loss[best + 1] or last - low < 0.1 * abs(loss[0]):
        return None  # not still climbing, or a rise too small against the loss's own scale
    word = "exploded" if last >= 1000 * low else "diverged"
    return Finding(
        "TFL703",
        best + 2,
        f"training loss {word}: from its minimum {_fmt(low)} at epoch {best + 1} it rose to {_fmt(last)} at epoch {n} "
        f"({last / low:.3g}x)",
        "loss",
        marks=((best + 1, "lowest loss"), (n, f"{last / low:.3g}x")),
        evidence={"min_epoch": best + 1, "min": low, "last": last, "ratio": last / low},
        help=_with_lr(
            _lr_note(run, best, n - 1),
            "the learning rate is too high for this model and data: lower it 3-10x, or add gradient clipping "
            "(clipnorm=1.0) or a warm-up",
        ),
    )


def blow_up_collapse(loss: list[float], run: RunLog, config: DiagnoseConfig) -> Finding | None:
    """TFL703: a classifier whose loss blew up in its first epoch and that then fell back to guessing.

    A freshly initialised classifier starts near the guessing loss ln(C). An
    epoch-1 loss many times that means the weights blew up; a model that then
    ends at the guessing loss with a lower accuracy than after epoch 1 has
    been wrecked by its learning rate (it did not simply fail to learn).
    """
    n = len(loss)
    acc_key = _accuracy_key(run, "")
    if n < config.min_epochs or acc_key is None:
        return None
    classes = _chance_classes(loss[-1], config.chance_tolerance)
    acc = finite(run.series[acc_key][:n])
    if classes is None or len(acc) < 2 or loss[0] < config.blow_up_factor * math.log(classes):
        return None
    if acc[-1][1] >= acc[0][1]:
        return None  # it learnt something after the first epoch: regularisation, not a wrecked model
    lr = _lr_note(run, 0, n - 1)
    return Finding(
        "TFL703",
        1,
        f"training loss blew up in the first epoch: {_fmt(loss[0])}, {loss[0] / math.log(classes):.0f}x the loss of "
        f"guessing among {classes} classes",
        "loss",
        marks=((1, f"{loss[0] / math.log(classes):.0f}x ln({classes})"),),
        evidence={"first": loss[0], "chance_classes": classes, "accuracy_first": acc[0][1], "accuracy_last": acc[-1][1]},
        help=f"then the model fell back to guessing (the loss ends at {_fmt(loss[-1])}, ln({classes}) = "
        f"{_fmt(math.log(classes))}, and {acc_key} fell from {_fmt(acc[0][1])} to {_fmt(acc[-1][1])})"
        + (f" and {lr}" if lr else "")
        + ": the learning rate is far too high; lower it 10-100x, or add gradient clipping (clipnorm=1.0)",
    )


def oscillation(loss: list[float], run: RunLog, config: DiagnoseConfig) -> Finding | None:
    """TFL704: the training loss keeps jumping up from one epoch to the next."""
    n = len(loss)
    if n < config.min_epochs:
        return None
    rises = [i for i in range(1, n) if _rel(loss[i], loss[i - 1]) >= config.oscillation_amplitude]
    if len(rises) < config.oscillation_min_rises or len(rises) < config.oscillation_fraction * (n - 1):
        return None
    worst = max(rises, key=lambda i: _rel(loss[i], loss[i - 1]))
    clear = rises[config.oscillation_min_rises - 1]
    return Finding(
        "TFL704",
        clear + 1,
        f"training loss oscillates: it rose {_pct(config.oscillation_amplitude)}+ in {len(rises)} of {n} epochs "
        f"(the largest jump {_pct(_rel(loss[worst], loss[worst - 1]))} at epoch {worst + 1})",
        "loss",
        marks=tuple((i + 1, "rise") for i in rises[:20]),
        evidence={"rises": [i + 1 for i in rises], "largest_rise": _rel(loss[worst], loss[worst - 1])},
        help=_with_lr(
            _lr_note(run, 0, n - 1),
            f"steps overshoot (rises at epochs {_epoch_list([i + 1 for i in rises])}): lower the learning rate 3-10x, "
            "use a larger batch, or decay the learning rate (ReduceLROnPlateau, a schedule)",
        ),
    )


def overfitting(loss: list[float], val_loss: list[float], run: RunLog, config: DiagnoseConfig) -> Finding | None:
    """TFL701: validation loss rose from its best while training loss kept falling."""
    n = min(len(loss), len(val_loss))
    if n < config.min_epochs:
        return None
    val, train = val_loss[:n], loss[:n]
    best = _argbest(val)
    k = config.overfit_epochs_after_best
    if n - 1 - best < k:
        return None
    best_val = val[best]
    tail_low = min(val[n - k :])
    rise = _rel(tail_low, best_val)
    train_drop = -_rel(train[-1], train[best])
    if rise < config.overfit_rise or train_drop < config.overfit_train_drop:
        return None
    gained = val[0] - best_val
    if gained > 0 and (tail_low - best_val) < config.overfit_giveback * gained:
        return None  # gave back a sliver of what training gained: TFL709's (info) to say, not a warning
    final_rise = _rel(val[-1], best_val)
    stop, _ = simulate_early_stopping(val, config.early_stopping_patience)
    es = f"{early_stopping_text(config.early_stopping_patience, stop, best, n)}: add it to fit's callbacks; " if stop is not None else ""
    marks = [(best + 1, "best val_loss")]
    if stop is not None:
        marks.append((stop + 1, "EarlyStopping"))
    return Finding(
        "TFL701",
        best + 2,
        f"overfitting: val_loss rose {_pct(final_rise)} from its best {_fmt(best_val)} at epoch "
        f"{best + 1} to {_fmt(val[-1])} at epoch {n}; training loss fell {_pct(train_drop)}",
        "val_loss",
        help=f"{es}more data or augmentation, dropout or weight decay, or a smaller model would help",
        marks=tuple(marks),
        evidence={
            "best_epoch": best + 1, "best_val_loss": best_val, "last_val_loss": val[-1], "rise": final_rise,
            "train_drop": train_drop, "early_stopping_epoch": stop + 1 if stop is not None else None,
        },
    )


def wasted_epochs(val_loss: list[float], run: RunLog, config: DiagnoseConfig) -> Finding | None:
    """TFL709: val_loss stopped improving long before the end (no overfitting, just wasted time)."""
    n = len(val_loss)
    if n < config.min_epochs:
        return None
    stop, best = simulate_early_stopping(val_loss, config.early_stopping_patience)
    if stop is None or n - 1 - stop < config.early_stopping_min_saved:
        return None
    if _rel(val_loss[-1], val_loss[best]) < config.early_stopping_min_gain:
        return None  # the best epoch is not meaningfully better than the last one
    return Finding(
        "TFL709",
        stop + 1,
        f"val_loss was best at epoch {best + 1} ({_fmt(val_loss[best])}); the {n - 1 - best} epochs after it did not "
        f"improve it (final {_fmt(val_loss[-1])}, {_pct(_rel(val_loss[-1], val_loss[best]))} higher)",
        "val_loss",
        help=f"{early_stopping_text(config.early_stopping_patience, stop, best, n)}: add it to fit's callbacks",
        marks=((best + 1, "best val_loss"), (stop + 1, "EarlyStopping")),
        evidence={"best_epoch": best + 1, "early_stopping_epoch": stop + 1, "epochs_saved": n - 1 - stop},
    )


def _chance_classes(value: float, tolerance: float) -> int | None:
    """C when ``value`` is the cross-entropy of guessing uniformly among C classes (ln C)."""
    if value <= 0:
        return None
    c = round(math.exp(value))
    if 2 <= c <= _MAX_CHANCE_CLASSES and abs(value - math.log(c)) <= tolerance * math.log(c):
        return c
    return None


def _accuracy_key(run: RunLog, prefix: str) -> str | None:
    return next((prefix + k for k in _ACCURACY_KEYS if prefix + k in run.series), None)


def underfitting(loss: list[float], val_loss: list[float], run: RunLog, config: DiagnoseConfig) -> Finding | None:
    """TFL702: a classifier whose loss stalled at a level that shows nothing was learnt.

    Stalled: the second half of the run improved the loss by less than
    ``underfit-max-improvement`` (train and validation). Nothing learnt: the
    loss is the cross-entropy of guessing (ln C), or the accuracy never
    changed (one prediction for every input). Only classification runs (an
    accuracy metric is logged) can be judged: for any other loss a flat
    curve may simply be a converged easy problem.
    """
    n = len(loss)
    acc_key = _accuracy_key(run, "")
    if n < config.min_epochs or acc_key is None:
        return None

    def stalled(values: list[float]) -> bool:
        half = values[len(values) // 2 :]
        return len(half) >= 2 and -_rel(min(half), half[0]) < config.underfit_max_improvement

    if not stalled(loss) or (len(val_loss) >= config.min_epochs and not stalled(val_loss)):
        return None
    evidence: list[str] = []
    classes = _chance_classes(loss[-1], config.chance_tolerance)
    if classes is not None:
        evidence.append(f"about ln({classes}), chance level for {classes} classes")
    acc = [v for _, v in finite(run.series[acc_key][:n])]
    if len(acc) >= config.min_epochs and max(acc) - min(acc) < 1e-3 and acc[-1] < 0.999:
        evidence.append(f"{acc_key} stayed at {_fmt(acc[-1])} in every epoch")
    if not evidence:
        return None
    since = n // 2 + 1
    also = f"{evidence[1]} (the same prediction for every input); " if len(evidence) > 1 else ""
    return Finding(
        "TFL702",
        since,
        f"underfitting: training loss stalled at {_fmt(loss[-1])} since epoch {since}, {evidence[0]}",
        "loss",
        marks=((since, "stalled"), (n, _fmt(loss[-1]))),
        evidence={"last": loss[-1], "chance_classes": classes},
        help=f"{also}the model is not learning: check that labels match the loss and inputs are scaled, then use a "
        "larger model, less regularisation (dropout, L2) or a higher learning rate",
    )


def plateau(loss: list[float], run: RunLog, config: DiagnoseConfig) -> Finding | None:
    """TFL706: the training loss stopped improving high up and stayed there to the end."""
    n = len(loss)
    if n <= config.plateau_epochs or loss[0] <= 0:
        return None
    # the plateau starts at the first epoch s after which nothing beat the best before s by min_delta
    prefix_min, suffix_min = loss[:], loss[:]  # O(n): the callback runs this after every epoch
    for i in range(1, n):
        prefix_min[i] = min(prefix_min[i - 1], loss[i])
    for i in range(n - 2, -1, -1):
        suffix_min[i] = min(suffix_min[i + 1], loss[i])
    start = next(
        (s for s in range(1, n - config.plateau_epochs + 1)
         if suffix_min[s] >= prefix_min[s - 1] * (1 - config.plateau_min_delta)),
        None,
    )
    if start is None:
        return None
    level = min(loss)
    if level < config.plateau_max_progress * loss[0]:
        return None
    stalled = n - start
    lr = _lr_note(run, start, n - 1)
    if lr.startswith("the learning rate went"):
        remedy = f"{lr} and it still did not move: the schedule never got it off the plateau; try a larger model, " \
                 "a different optimizer or a learning-rate warm restart"
    else:
        remedy = _with_lr(lr, "ReduceLROnPlateau(monitor='loss', factor=0.5, patience=5) lowers the learning rate "
                              "when progress stops; a larger model may also be needed")
    return Finding(
        "TFL706",
        start + 1,
        f"training loss on a plateau since epoch {start + 1}: {stalled} epochs without a "
        f"{_pct(config.plateau_min_delta)} gain on {_fmt(prefix_min[start - 1])} (still {_pct(level / loss[0])} of "
        "epoch 1's)",
        "loss",
        marks=((start + 1, "plateau starts"),),
        evidence={"since_epoch": start + 1, "epochs": stalled, "level": level},
        help=remedy,
    )


def slow_progress(loss: list[float], run: RunLog, config: DiagnoseConfig) -> Finding | None:
    """TFL710: the loss falls nearly every epoch, by a tiny and steady amount: the learning rate is too low.

    A converged run slows down (its late epochs gain much less than its early
    ones); a run whose learning rate is too low keeps the same small pace
    from start to end, far from where it could be.
    """
    n = len(loss)
    if n < 2 * config.min_epochs or loss[0] <= 0:
        return None
    drops = sum(1 for i in range(1, n) if loss[i] < loss[i - 1])
    total = -_rel(loss[-1], loss[0])
    half = n // 2
    early, late = loss[0] - loss[half], loss[half] - loss[-1]
    if drops < 0.8 * (n - 1) or not 0 < total < config.slow_max_improvement or late < 0.5 * early:
        return None
    lr = _lr_note(run, 0, n - 1)
    return Finding(
        "TFL710",
        n,
        f"training crawls: the loss fell in {drops} of {n - 1} epochs but only {_pct(total)} in all "
        f"({_fmt(loss[0])} -> {_fmt(loss[-1])}) at a steady pace",
        "loss",
        marks=((1, "start"), (n, f"-{_pct(total)}")),
        evidence={"improvement": total, "falling_epochs": drops, "late_to_early": late / early if early else None},
        help=(f"{lr}, likely too low" if lr else "the learning rate is likely too low")
        + ": try it 10x higher (or a learning-rate range test)",
    )


def class_collapse(run: RunLog, config: DiagnoseConfig) -> Finding | None:
    """TFL707: accuracy looks fine while a recall/precision/F1 metric is near zero."""
    for prefix in ("val_", ""):
        acc_key = _accuracy_key(run, prefix)
        if acc_key is None:
            continue
        acc = finite(run.series[acc_key])
        if not acc or acc[-1][1] < config.collapse_min_accuracy:
            continue
        collapsed: list[tuple[str, list[tuple[int, float]]]] = []
        for name, values in run.series.items():
            bare = name[len(prefix):] if name.startswith(prefix) else None
            if bare is None or bare.startswith("val_") or not _CLASS_METRIC.search(bare):
                continue
            points = finite(values)
            if points and points[-1][1] <= config.collapse_max_metric:
                collapsed.append((name, points))
        if not collapsed:
            continue
        parts = []
        onset = len(acc)
        for name, points in collapsed:
            peak_i, peak = max(points, key=lambda p: p[1])
            since = next((i for i, v in reversed(points) if v > config.collapse_max_metric), None)
            start = since + 1 if since is not None else points[0][0]
            onset = min(onset, start)
            history = f" (it was {_fmt(peak)} at epoch {peak_i + 1})" if peak > config.collapse_max_metric else ""
            parts.append(f"{name} is {_fmt(points[-1][1])} at epoch {points[-1][0] + 1}{history}")
        also = f"also {'; '.join(parts[1:])}; " if len(parts) > 1 else ""
        return Finding(
            "TFL707",
            onset + 1,
            f"minority class collapsed: {parts[0]} while {acc_key} is {_fmt(acc[-1][1])}",
            collapsed[0][0],
            marks=((onset + 1, "collapse"),),
            evidence={"accuracy": acc[-1][1], "metrics": {name: points[-1][1] for name, points in collapsed}},
            help=f"{also}the model predicts the majority class and accuracy hides it: weight the classes "
            "(class_weight=), resample the training split, and monitor recall or AUC-PR instead of accuracy",
        )
    return None


def never_improved(run: RunLog, config: DiagnoseConfig, skip: tuple[str, ...] = ()) -> Finding | None:
    """TFL708: validation loss whose first epoch was its best one.

    ``val_loss`` decides when it is logged (other validation metrics that
    never improved either are named as support); without it, validation
    metrics are read, except ones that never changed (a saturated metric,
    e.g. an accuracy of 1.0 from the first epoch, cannot improve).
    """

    def stuck(name: str) -> list[float] | None:
        head = _head(run.series.get(name))
        if len(head) < config.min_epochs or max(head) == min(head):
            return None
        later = min(head[1:]) if lower_is_better(name) else max(head[1:])
        return head if ((later >= head[0]) if lower_is_better(name) else (later <= head[0])) else None

    others = [n for n in run.series if n.startswith("val_") and n != "val_loss" and n not in skip]
    if "val_loss" in run.series:
        if "val_loss" in skip or stuck("val_loss") is None:
            return None
        names = ["val_loss"] + [n for n in others if stuck(n) is not None]
    else:
        names = [n for n in others if stuck(n) is not None]
    if not names:
        return None
    epochs = max(len(_head(run.series[n])) for n in names)
    listed = ", ".join(f"{n} ({_fmt(run.series[n][0])})" for n in names[:2])
    if len(names) > 2:
        listed += f" and {len(names) - 2} more"
    return Finding(
        "TFL708",
        2,
        f"{listed} never improved on epoch 1 in {epochs} epochs",
        names[0],
        marks=((1, "best"),),
        evidence={"series": names, "epochs": epochs},
        help="everything after epoch 1 was wasted or made the model worse on validation data: check that the "
        "validation data comes from the same distribution and preprocessing as the training data, and lower the "
        "learning rate",
    )
