"""TFL1xx: data leakage (test rows reaching what is fitted, chosen or reported).

Every check reads the one data-flow analysis of the file
(``tflint.analysis.provenance.dataflow``); none of them follows names on its own.
"""

from __future__ import annotations

import re

import libcst as cst

from tflint.analysis.facts import FileFacts, dotted_name as dotted_name_of, names_in
from tflint.analysis.keras_calls import keras_facts
from tflint.knowledge import leakage as L
from tflint.knowledge import sklearn as SK
from tflint.analysis.provenance import Data, DataFlow, Event, Seq, Split, dataflow
from tflint.registry import FixSpec, Report, Rule, check

#: Objects whose fit learns from the rows (fit-before-split matters).
_LEARNING = ("transformer", "adapt", "tokenizer", "statistic")
#: ... and those where fitting on the test split is still wrong.
_FITTED_ON_TEST = ("transformer", "adapt", "tokenizer", "encoder", "statistic")
_TARGET_NAME = re.compile(r"^(y|Y)(_|\d|$)|label|target", re.I)
_TEST_TOKENS = frozenset({"te", "xte", "yte", "tst", "holdout", "heldout"})
_VALIDATION_TOKENS = frozenset({"va", "xva", "yva", "cv"})
_WHAT = {"adapt": "statistics or vocabulary", "tokenizer": "vocabulary", "encoder": "categories"}


def _heldout_name(split: Split) -> str:
    names = [n for n in split.heldout_names if "train" not in n.lower()]
    names = [n for n in names if not _TARGET_NAME.search(n)] or names
    if names:
        return f"`{names[0]}`"
    return "the held-out folds" if split.kind.endswith(".split") else "the held-out rows"


def _tokens(text: str) -> set[str]:
    return set(re.split(r"[^a-z0-9]+|(?<=[a-z])(?=[0-9])", text.lower()))


def _test_named(text: str) -> bool:
    return "test" in text.lower() or bool(_tokens(text) & _TEST_TOKENS)


def _validation_named(text: str) -> bool:
    low = text.lower()
    return "val" in low or "dev" in low or "train" in low or bool(_tokens(text) & _VALIDATION_TOKENS)


def _split_label(split: Split) -> str:
    if split.kind == "slice":
        return "slicing"
    if split.kind == "take/skip":
        return "take()/skip()"
    if split.kind == "mask":
        return "a row mask and its complement"
    return split.kind + ("()" if not split.kind.endswith(")") else "")


def _fitter(event: Event) -> str:
    return event.obj.short if event.obj.callee else "the object"


def _fit_phrase(flow: DataFlow, event: Event) -> str:
    data = flow.text(event.data_node)
    if event.obj.category == "statistic":
        stat = event.obj.callee or "statistic"
        if " of " in stat:  # feature_importances_ of RandomForestClassifier
            attr, _, model = stat.partition(" of ")
            return f"the columns are picked by the `{attr}` of `{model}` fitted on `{data}`"
        if event.call.callee is not None:  # np.mean(X, axis=0)
            return f"`{event.call.func_text or stat[:-2]}({data})` is computed on `{data}`"
        return f"`{data}.{stat}` is computed on `{data}`"
    return f"`{_fitter(event)}` is fitted on `{data}`"


def _via(flow: DataFlow, event: Event, related: list) -> list:
    """Related information: the helper call that brought the data in, when the fit is in a helper."""
    if event.via is not None:
        related = [*related, (f"called with this data here: `{flow.text(event.via.node, 60)}`", event.via.node)]
    return related


def _is_target(flow: DataFlow, event: Event) -> bool:
    name = flow.text(event.data_node)
    return bool(_TARGET_NAME.search(name.split(".")[0].split("[")[0]))


def _learns(event: Event) -> bool:
    obj = event.obj
    if event.role == "transformer":
        return obj.category in _LEARNING or obj.category == "pipeline" and obj.has_transformer
    return event.role == "model" and obj.category == "pipeline" and obj.has_transformer


def _feeds_no_model(flow: DataFlow, event: Event) -> bool:
    """The script trains or scores models, and none of them sees what this fit learned.

    A statistic for a plot, a metric averaged over validation losses, a
    scaler whose output is re-bound before the split: the fitted state never
    reaches training or evaluation, so it cannot leak. Where no model is
    trained or scored in the same unit (a snippet, a data-prep script), the
    fit is judged on its own.
    """
    obj = event.obj
    if obj.has_estimator or obj.category == "adapt":  # a pipeline ending in a model; a layer inside the model
        return False
    ids = {o.id for o in obj.all_steps()}
    models = [
        e for e in flow.events
        if e.unit == event.unit and e.obj is not obj and e.obj.has_estimator and (e.kind == "fit" or e.role == "eval")
    ]
    if not models or not _result_is_read_later(flow.facts, event):
        return False  # nothing consumes it yet (an unfinished script): judged on its own
    for model in models:
        if ids & {o.id for o in model.obj.all_steps()}:
            return False
        for value in (model.data, model.target, model.validation):
            if any(ids & d.transformed for d in _data_in(value)):
                return False
    return True


def _result_is_read_later(facts: FileFacts, event: Event) -> bool:
    """Whether a later statement reads what the fit's statement bound (or the fitted object's name)."""
    call = event.call
    bound: set[str] = set()
    for assign in facts.assignments:
        if assign.order == call.order:
            bound.update(name.split(".")[0] for name in assign.names)
    if not bound and call.receiver is not None:
        bound.update(names_in(call.receiver))
    if not bound:
        return True  # a nested expression: its value goes on to something
    for stmt in facts.statements[call.order + 1 :]:
        if isinstance(stmt, (cst.SimpleStatementLine, cst.BaseSmallStatement)) or not hasattr(stmt, "body"):
            if bound & names_in(stmt):
                return True
        elif bound & names_in(getattr(stmt, "test", None) or getattr(stmt, "iter", None)):
            return True
    return False


def _data_in(value, depth: int = 0) -> list[Data]:
    if isinstance(value, Data):
        return [value]
    if depth < 4 and isinstance(value, Seq):
        return [d for item in value.items for d in _data_in(item, depth + 1)]
    return []


def _later_uses_on(flow: DataFlow, event: Event, split: Split) -> Event | None:
    """A use of the fitted object, after the fit, on rows of either side of ``split``.

    Fitted on rows that include the held-out ones and applied after the split, to the
    test side or to the training side alike (``X_train = (X_train - X.mean()) / X.std()``),
    the held-out rows shaped what it applies.
    """
    ids = {event.obj.id}
    for use in flow.uses:
        if use.step <= event.step or use.data is None or use.unit != event.unit:
            continue
        steps = {o.id for o in use.obj.all_steps()}
        if ids & steps and any(sid == split.id for _, path in use.data.atoms for sid, _ in path):
            return use
    return None


def _resampling_harm(callee: str | None) -> str:
    """What resampling before the split does: oversamplers copy held-out rows, undersamplers rebalance them."""
    if callee is not None and callee.startswith("imblearn.under_sampling."):
        return (
            "the held-out rows are rebalanced too, so the score is measured on a class mix the model will never "
            "meet (and which rows are kept depends on the held-out ones)"
        )
    return "synthetic or duplicated copies of held-out rows end up in training"


def _put_back_unscored(flow: DataFlow, split: Split) -> bool:
    """Separate data sets stacked, preprocessed together and sliced back, the held-out part never scored.

    Kaggle's ``pd.concat([train, test])`` with an unlabelled ``test.csv``: the test
    features shape the scaling, but no label crosses and no score of the test rows
    is computed here; the predictions go to a submission. Transductive
    preprocessing, not a leak (rule page TFL101). When the held-out part is scored
    (``score``/``evaluate``, or its predictions reach a metric) it is one.
    """
    if split.kind not in ("slice", "take/skip"):
        return False
    if not any(len({base for base, _ in value.atoms}) >= 2 for value in split.input_values):
        return False  # not rows of several data sets stacked together
    facts = flow.facts
    for use in flow.uses:
        if use.role != "eval" or split not in flow.heldout_splits(use.data):
            continue
        if use.call.method in ("score", "evaluate"):
            return False
        bound = {n for a in facts.assignments if a.order == use.call.order for n in a.names}
        for call in facts.calls_to(*L.METRIC_PREFIXES):
            if call.order == use.call.order or call.order > use.call.order and bound & names_in(call.node):
                return False
    return True


@check(Rule("TFL101", "preprocessing-fit-before-split"))
def preprocessing_fit_before_split(facts: FileFacts, report: Report) -> None:
    flow = dataflow(facts)
    _model_as_transformer(flow, report)
    for event in flow.fits:
        if not _learns(event) or event.data is None or _is_target(flow, event):
            continue
        if flow.heldout_splits(event.data):
            continue  # fitted on the test split itself: TFL103
        reached = flow.reached_splits(event.data, event.unit)
        if not reached and not flow.touches_heldout(event.data) or _feeds_no_model(flow, event):
            continue  # no held-out rows in it (the common case, checked first), or it reaches no model
        what = _WHAT.get(event.obj.category, "statistics")
        if event.obj.callee in SK.TARGET_ENCODERS:
            what = "per-category target statistics"
        reported = False
        reached = [s for s in reached if not _put_back_unscored(flow, s)]
        for split in reached:
            top_level = any(not _on_split_side(flow, path) for _, path in event.data.atoms)  # row filters are no split
            held = _heldout_name(split)
            if not top_level and ("test" not in held.lower() or split.in_helper):
                continue  # a validation fold split off an already-training subset (a helper's "test" is its own)
            if split.internal:
                if split.step > event.step and any(
                    event.obj.id in v.transformed for v in split.input_values
                ):
                    report(
                        "TFL101",
                        event.where,
                        f"{_fit_phrase(flow, event)}, then cross-validated by {split.kind}(): every fold shaped "
                        f"the {what} it is scaled with",
                        help="put the transformer in a Pipeline and cross-validate the pipeline",
                        related=_via(flow, event, [(f"cross-validated here by {split.kind}()", split.node)]),
                    )
                    reported = True
                    break
                continue
            after = (split.heldout_step or split.step) > event.step
            use = None if after else _later_uses_on(flow, event, split)
            if after or use is not None:
                related = [(f"{held} is split off here by {_split_label(split)}", split.node)]
                if use is not None:
                    related.append((f"`{_fitter(event)}` is then applied to split rows here", use.call.node))
                report(
                    "TFL101",
                    event.where,
                    f"{_fit_phrase(flow, event)}, whose rows reach {held} via {_split_label(split)}"
                    + (": it encodes the held-out labels themselves" if event.obj.callee in SK.TARGET_ENCODERS else ""),
                    help=f"split first and fit on the training split only, so the held-out rows do not shape the {what} "
                    "(or use a Pipeline)",
                    related=_via(flow, event, related),
                )
                reported = True
                break
        if reported:
            continue
        mixed = [s for s in flow.touches_heldout(event.data) if not _put_back_unscored(flow, s)]
        if mixed:
            split = mixed[0]
            report(
                "TFL101",
                event.where,
                f"{_fit_phrase(flow, event)}, which includes the held-out rows of {_heldout_name(split)}",
                help="fit on the training split only",
                related=_via(flow, event, [(f"{_heldout_name(split)} is split off here", split.node)]),
            )


def _model_as_transformer(flow: DataFlow, report: Report) -> None:
    """A model fitted on rows of a frame whose predictions are written into it before it is split.

    ``reg.fit(df[known][cols], df[known]["age"])`` then ``df.loc[missing, "age"] = reg.predict(...)``:
    the model is an imputer (or a feature maker) fitted on rows that reach the test split.
    """
    for event in flow.fits:
        if event.role != "model" or event.data is None or event.obj.category not in ("model", "pipeline"):
            continue
        if any(_on_split_side(flow, path) for _, path in event.data.atoms):
            continue  # already fitted on a side of a split: a model of its own, not an imputer
        bases = {base for base, _ in event.data.atoms}
        for split in flow.splits:
            if split.internal or not split.valid or split.step <= event.step or split.unit != event.unit:
                continue
            if not any(event.obj.id in value.transformed for value in split.input_values):
                continue
            if not bases <= {base for base, _ in split.inputs}:
                continue  # fitted on other data (a pretrained or separately loaded set)
            held = _heldout_name(split)
            report(
                "TFL101",
                event.where,
                f"`{_fitter(event)}` is fitted on `{flow.text(event.data_node)}` and its predictions are written "
                f"into the data split into {held} by {_split_label(split)}",
                help="split first and fit it on the training split only: a model that imputes or makes features is "
                "a fitted transformer, and the held-out rows shaped it",
                related=_via(flow, event, [(f"{held} is split off here", split.node)]),
            )
            break


def _on_split_side(flow: DataFlow, path) -> bool:
    splits = [flow.split_of(sid) for sid, _ in path]
    return any(s is not None and s.valid and not s.internal for s in splits)


@check(Rule("TFL102", "resampling-before-split"))
def resampling_before_split(facts: FileFacts, report: Report) -> None:
    flow = dataflow(facts)
    reported: set[int] = set()
    # rows copied by hand last: beside a sampler or augmenter feeding the same split they are its labels' copies
    samplers = sorted((e for e in flow.fits if e.role == "sampler"), key=lambda e: e.obj.callee in L.ROW_STACKERS)
    for event in samplers:
        if event.data is None:
            continue
        name = event.obj.short
        tag = event.step
        found = False
        for split in flow.splits:
            if not split.valid or split.step <= tag or split.unit != event.unit:
                continue
            if any(tag in v.resampled for v in split.input_values):
                if split.id in reported and event.obj.callee in L.ROW_STACKERS:
                    found = True
                    break
                reported.add(split.id)
                what = (
                    f"cross-validated by {split.kind}()"
                    if split.internal
                    else f"split into {_heldout_name(split)} ({_split_label(split)})"
                )
                if event.obj.category == "augmenter":
                    message = (
                        f"`{name}` makes augmented copies of `{flow.text(event.data_node)}` that are put next to "
                        f"their originals before the rows are {what}"
                    )
                    remedy = "split first and augment the training split only: a copy of a held-out image ends up in training"
                elif event.obj.callee in L.ROW_STACKERS:
                    message = f"`{name}` copies the rows of `{flow.text(event.data_node)}` before they are {what}"
                    remedy = "copies of held-out rows end up in training: split first and oversample the training split only"
                else:
                    message = f"`{name}` resamples `{flow.text(event.data_node)}` before it is {what}"
                    remedy = (
                        _resampling_harm(event.obj.callee)
                        + ": split first and resample the training split only (or use an imblearn Pipeline)"
                    )
                report(
                    "TFL102",
                    event.where,
                    message,
                    help=remedy,
                    related=_via(flow, event, [("the resampled rows are split here", split.node)]),
                )
                found = True
                break
        if found:
            continue
        # resampled after the split, but from rows that include the held-out side, then trained on
        reached = [s for s in flow.reached_splits(event.data, event.unit) if not s.internal and any(not p for _, p in event.data.atoms)]
        if not reached:
            continue
        for fit in flow.fits:
            if fit.role == "model" and fit.unit == event.unit and fit.step > tag and fit.data is not None and tag in fit.data.resampled:
                split = reached[0]
                report(
                    "TFL102",
                    event.where,
                    f"`{name}` resamples all of `{flow.text(event.data_node)}`, including the rows of "
                    f"{_heldout_name(split)}, and the model trains on it",
                    help="resample the training split only",
                    related=[("trained on the resampled rows here", fit.call.node),
                             (f"{_heldout_name(split)} is split off here", split.node)],
                )
                break


def _fitted_on_train_before(flow: DataFlow, event: Event, splits: list[Split]) -> bool:
    held = {s.id: s.held_side for s in splits}
    for other in flow.fits:
        if other is event or other.obj is not event.obj or other.step >= event.step or other.data is None:
            continue
        if other.data.atoms and all(
            any(sid in held and side != held[sid] for sid, side in path) for _, path in other.data.atoms
        ):
            return True
    return False


@check(
    Rule("TFL103", "fit-on-test-data", fix="Use transform() with the preprocessing fitted on the training split"),
)
def fit_on_test_data(facts: FileFacts, report: Report) -> None:
    flow = dataflow(facts)
    for event in flow.fits:
        obj = event.obj
        if event.role != "transformer" or not (
            obj.category in _FITTED_ON_TEST or obj.category == "pipeline" and obj.has_transformer
        ):
            continue
        splits = flow.heldout_splits(event.data)
        if not splits or _feeds_no_model(flow, event):
            continue
        split = splits[0]
        fix = None
        method = event.call.method
        node = event.call.node
        trained = _fitted_on_train_before(flow, event, splits)
        if method == "fit_transform" and event.via is None and trained and isinstance(node.func, cst.Attribute):
            new = node.with_changes(func=node.func.with_changes(attr=cst.Name("transform")))
            fix = FixSpec("Use transform() with the scaler fitted on the training split", ((node, new),))
        advice = (
            "it was already fitted on the training split: call transform()"
            if trained
            else "fit it on the training split and only transform the held-out data"
        )
        report(
            "TFL103",
            event.where,
            f"{_fit_phrase(flow, event)}, held-out data from {_split_label(split)}: its own statistics leak "
            "into its preprocessing",
            help=advice,
            related=_via(flow, event, [("held out here", split.node)]),
            fix=fix,
        )


@check(Rule("TFL104", "train-on-test-data"))
def train_on_test_data(facts: FileFacts, report: Report) -> None:
    flow = dataflow(facts)
    _reshuffled_splits(flow, report)
    for event in flow.fits:
        if event.role != "model" or event.call.method == "search" or event.data is None:
            continue
        splits = flow.heldout_splits(event.data)
        if splits and _looks_like_test(flow, event.data, event.data_node):
            split = splits[0]
            report(
                "TFL104",
                event.where,
                f"the model is trained on `{flow.text(event.data_node)}`, held-out data from {_split_label(split)}",
                help="train on the training split: a score on data the model trained on measures memory",
                related=_via(flow, event, [("held out here", split.node)]),
            )
            continue
        if splits or event.obj.has_transformer or event.data.resampled:
            continue  # a pipeline fitted before the split (TFL101), resampled rows (TFL102)
        reached = [
            s for s in flow.reached_splits(event.data, event.unit)
            if not s.internal and any(not p for _, p in event.data.atoms)
        ]
        for split in reached + [s for s in flow.touches_heldout(event.data) if s not in reached]:
            use = _later_eval_on(flow, event, split)
            if use is not None:
                report(
                    "TFL104",
                    event.where,
                    f"the model is trained on `{flow.text(event.data_node)}`, which holds the rows of "
                    f"{_heldout_name(split)}, and is then evaluated on them",
                    help="train on the training split",
                    related=_via(flow, event, [("evaluated on held-out rows here", use.call.node),
                                               (f"{_heldout_name(split)} is split off here", split.node)]),
                )
                break


def _reshuffled_splits(flow: DataFlow, report: Report) -> None:
    """``ds.shuffle(n)`` (reshuffled every epoch) then ``take``/``skip``: each epoch draws other training rows."""
    for split in flow.splits:
        if split.kind != "take/skip" or split.reshuffled is None or not split.valid:
            continue
        train_side = 1 - split.held_side
        fit = next(
            (f for f in flow.fits if f.role == "model" and f.data is not None and any(
                (split.id, train_side) in path for _, path in f.data.atoms)),
            None,
        )
        if fit is None:
            continue
        report(
            "TFL104",
            split.reshuffled,
            f"`{flow.text(split.reshuffled, 60)}` reshuffles every epoch before take()/skip() split off "
            f"{_heldout_name(split)}, so training sees the held-out rows",
            help="pass reshuffle_each_iteration=False, or shuffle after the split",
            related=[("split here by take()/skip()", split.node), ("trained on the moving side here", fit.call.node)],
        )


def _later_eval_on(flow: DataFlow, event: Event, split: Split) -> Event | None:
    for use in flow.uses:
        if use.obj is event.obj and use.role == "eval" and use.unit == event.unit and use.step > event.step and use.data is not None:
            if split in flow.heldout_splits(use.data):
                return use
    return None


def _first_rows(value) -> Data | None:
    if isinstance(value, Seq):
        return next((v for v in value.items if isinstance(v, Data)), None)
    return value if isinstance(value, Data) else None


def _looks_like_test(flow: DataFlow, data: Data, node, exclude: Event | None = None) -> bool:
    text = flow.text(node)
    if _test_named(text):
        return True
    if _validation_named(text):
        return False
    return any(
        use.role == "eval" and use is not exclude and use.data is not None and use.data.atoms == data.atoms
        for use in flow.uses
    )


@check(Rule("TFL105", "test-set-used-for-selection"))
def test_set_used_for_selection(facts: FileFacts, report: Report) -> None:
    flow = dataflow(facts)
    _searched_before_split(flow, facts, report)
    kf = None
    for event in flow.fits:
        if event.role != "model" or event.validation_node is None:
            continue
        data = _first_rows(event.validation)
        test_path = flow.test_path(data)
        if data is None or not (test_path or flow.heldout_splits(data)):
            continue
        if test_path is None and not _looks_like_test(flow, data, event.validation_node):
            continue
        subject = (
            f"`{flow.text(event.validation_node)}` is read from `{test_path}`, the test data,"
            if test_path else f"`{flow.text(event.validation_node)}` is the test split,"
        )
        where = event.call.arg("validation_data") or event.call.node
        if event.call.method == "search" or event.obj.category == "tuner":
            report(
                "TFL105",
                where,
                f"the tuner selects hyper-parameters on `{flow.text(event.validation_node)}`, the test split",
                help="search on a validation split and keep the test split for the end (its score is optimistic now)",
            )
            continue
        kf = kf or keras_facts(facts)
        callbacks = kf.callbacks(event.call)
        selecting = []
        for cb in callbacks.items:
            if cb.callee not in L.SELECTING_CALLBACKS:
                continue
            if cb.callee.endswith("ModelCheckpoint") and cb.call is not None:
                best = facts.const_of_call_arg(cb.call, "save_best_only")
                if best is not True:
                    continue
            if cb.call is not None and not _monitors_validation(facts, cb.call):
                continue  # monitor="loss": it selects on the training loss, the test split is only logged
            selecting.append(cb)
        if not selecting:
            continue
        cb = selecting[0]
        short = cb.callee.rsplit(".", 1)[-1]
        report(
            "TFL105",
            where,
            f"{subject} and {short} picks the epoch on it",
            help="validate on a split carved from the training data; the test score is a selection score now",
            related=[(f"{short} selects on the validation data", cb.call.node)] if cb.call else [],
        )
    # the test split scored inside a hyper-parameter loop
    done: set[int] = set()
    for use in flow.uses:
        if use.role != "eval" or use.loop is None or use.data is None or id(use.loop) in done:
            continue
        splits = flow.heldout_splits(use.data)
        if not splits or any(s.kind.endswith(".split") for s in splits):
            continue  # cross-validation folds are validation data by construction
        # the names the split gave its held-out side say what it is; a helper's parameter name (X_eval) does not
        named = [n for s in splits for n in s.heldout_names] if use.via is not None else []
        text = " ".join(named) or flow.text(use.data_node)
        if _validation_named(text) and not _test_named(text):
            continue
        obj = use.obj
        varies = obj.loop is use.loop or any(
            f.obj is obj and f.loop is use.loop and names_in(f.call.node) & use.loop.targets
            for f in flow.fits
        ) or _built_from_loop_variable(facts, use)
        trained_in_loop = any(f.obj is obj and f.loop is use.loop and f.role == "model" for f in flow.fits)
        if not trained_in_loop:
            continue
        if varies:
            done.add(id(use.loop))
            report(
                "TFL105",
                use.call.node,
                f"the model is scored on `{flow.text(use.data_node)}` inside a loop over hyper-parameters",
                help="select on a validation split or with cross-validation, and score the test split once at the end",
                related=_via(flow, use, [("the hyper-parameter loop", use.loop.node)]),
            )
            continue
        snapshot = _snapshot_in_loop(facts, use)
        if snapshot is not None and _test_named(text):
            done.add(id(use.loop))
            report(
                "TFL105",
                use.call.node,
                f"the loop keeps the weights that score best on `{flow.text(use.data_node)}`, the test data: "
                "early stopping on the test set",
                help="pick the epoch on a validation split (EarlyStopping(restore_best_weights=True) on validation_data) "
                "and score the test split once at the end",
                related=_via(flow, use, [("the best weights are kept here", snapshot.node)]),
            )


_SNAPSHOT_METHODS = ("get_weights", "save_weights", "save")


def _snapshot_in_loop(facts: FileFacts, use: Event) -> CallFact | None:
    """A copy of the scored model taken under an ``if`` inside the loop (``get_weights()``, ``save()``,
    ``copy.deepcopy``): the loop keeps the best epoch or model by that score (a copy every epoch selects nothing)."""
    model = dotted_name_of(use.call.receiver)
    start = facts.order_of(use.loop.node)
    if model is None:
        return None

    def kept(call: CallFact) -> bool:
        return start < call.order <= use.loop.end and any(
            start < if_order for if_order, _ in facts.statement_branch(call.order)
        )

    for call in facts.method_calls(*_SNAPSHOT_METHODS):
        if dotted_name_of(call.receiver) == model and kept(call):
            return call
    for call in facts.calls_to("copy.deepcopy", "keras.models.clone_model"):
        if call.positional and dotted_name_of(call.positional[0].value) == model and kept(call):
            return call
    return None


def _searched_before_split(flow: DataFlow, facts: FileFacts, report: Report) -> None:
    """A search fitted on all rows, then a test split carved from those rows scores the tuned model."""
    for search in flow.fits:
        if search.obj.category != "search" or search.role != "model" or search.data is None:
            continue
        names = {n for a in facts.assignments if a.order == search.call.order for n in a.names}
        if search.call.receiver is not None:
            names |= names_in(search.call.receiver)
        for split in flow.splits:
            if split.internal or not split.valid or split.step <= search.step or split.unit != search.unit:
                continue
            if not search.data.atoms & split.inputs:
                continue
            scored = next(
                (u for u in flow.uses
                 if u.role == "eval" and u.step > split.step and split in flow.heldout_splits(u.data)
                 and (u.obj is search.obj or u.obj.call is not None and names & names_in(u.obj.call.node))),
                None,
            )
            if scored is None:
                continue
            report(
                "TFL105",
                search.call.node,
                f"`{search.obj.short}` picks hyper-parameters on all of `{flow.text(search.data_node)}`, and "
                f"{_heldout_name(split)} is carved from those rows afterwards",
                help="split first and search on the training split only: the tuned model is scored on rows that chose "
                "its settings",
                related=[(f"{_heldout_name(split)} is split off here", split.node),
                         ("the tuned model is scored on it here", scored.call.node)],
            )
            break


def _built_from_loop_variable(facts: FileFacts, use: Event) -> bool:
    """A Keras model built or compiled from the loop variable inside the loop (``build(units)``, ``Adam(lr)``)."""
    loop = use.loop
    model = dotted_name_of(use.call.receiver)
    if loop is None or model is None:
        return False
    start = next((i for i, stmt in enumerate(facts.statements) if stmt is loop.node), None)
    if start is None:
        return False
    for a in facts.assignments:
        if start < a.order < use.call.order and model in a.names and names_in(a.value) & loop.targets:
            return True
    return any(
        start < c.order < use.call.order and c.method == "compile" and dotted_name_of(c.receiver) == model
        and names_in(c.node) & loop.targets
        for c in facts.method_calls("compile")
    )


def _monitors_validation(facts: FileFacts, callback) -> bool:
    """Whether a selecting callback watches the validation data (the default ``val_loss`` does)."""
    # ModelCheckpoint(filepath, monitor=...): the monitor is its second positional argument
    arg = callback.arg("monitor", 1 if (callback.callee or "").endswith("ModelCheckpoint") else 0)
    if arg is None:
        return True
    monitored = facts.possible(arg.value, callback.scope, callback.order)
    if monitored and all(isinstance(m, str) for m in monitored):
        return any(m.startswith("val_") for m in monitored)
    return True


def _random_demo(flow: DataFlow, use: Event, fits: list[Event]) -> bool:
    """Random inputs and labels drawn apart (an API demo): there is no signal to memorise or generalise."""
    if not flow.is_random(use.data):
        return False
    for fit in fits:
        if fit.obj is not use.obj or fit.data is None:
            continue
        target = fit.target if isinstance(fit.target, Data) else None
        if target is not None:
            return flow.is_random(target) and not (target.atoms & fit.data.atoms)
        return len(fit.data.atoms) >= 2 and flow.is_random(fit.data)  # a dataset of (inputs, labels) drawn apart
    return False


_PREDICT_METHODS = frozenset({"predict", "predict_proba", "predict_on_batch"})


def _data_makers(flow: DataFlow) -> set[int]:
    """Models whose predictions were written into data that is split or used afterwards."""
    values = [v for split in flow.splits for v in split.input_values]
    values += [e.data for e in flow.events if e.data is not None]
    return {obj for value in values for obj in value.transformed}


@check(Rule("TFL106", "evaluated-on-training-data"))
def evaluated_on_training_data(facts: FileFacts, report: Report) -> None:
    flow = dataflow(facts)
    # the script itself (module level and the helpers it calls), not functions nobody calls here
    evals = [u for u in flow.uses if u.role == "eval" and u.unit == 0]
    if not evals or flow.cv_calls:
        return
    fits = [f for f in flow.fits if f.role == "model" and f.unit == 0]
    if not fits or any(f.has_validation for f in fits):
        return
    makers = _data_makers(flow)
    matched = []
    for use in evals:
        if use.obj.id in makers and use.call.method in _PREDICT_METHODS:
            continue  # its predictions fill the data (an imputer, a feature maker): not an evaluation
        if use.data is None or not use.data.atoms or _random_demo(flow, use, fits):
            return
        if flow.heldout_splits(use.data) and _looks_like_test(flow, use.data, use.data_node):
            return  # trained and scored on the test split: TFL104
        # fits before the score: scoring a fresh batch and then partial_fit on it is online learning
        trained = [
            f for f in fits
            if f.obj is use.obj and f.step < use.step and f.data is not None and use.data.atoms <= f.data.atoms
        ]
        if not trained:
            return
        matched.append((use, trained[0]))
    seen: set[int] = set()
    for use, fit in matched:
        if use.obj.id in seen:
            continue
        seen.add(use.obj.id)
        report(
            "TFL106",
            use.call.node,
            f"the only evaluation here is on `{flow.text(use.data_node)}`, the data the model was trained on",
            help="hold out a test split (train_test_split) or cross-validate: this score measures memorisation",
            related=[("trained on the same rows here", fit.call.node)],
        )


@check(Rule("TFL107", "shuffled-time-series-split"))
def shuffled_time_series_split(facts: FileFacts, report: Report) -> None:
    flow = dataflow(facts)
    for split in flow.splits:
        if split.shuffled is not True or not split.valid:
            continue
        evidence = next((v.ts for v in split.input_values if v.ts is not None), None)
        if evidence is None:
            continue
        report(
            "TFL107",
            split.node,
            (f"{split.kind}() shuffles" if split.kind != "slice" else "slicing a random permutation splits")
            + " time-ordered rows: the model trains on the future of what it is tested on",
            help="split by time (shuffle=False, TimeSeriesSplit, or a cut-off date)",
            related=[("the rows are time-ordered here", evidence)],
        )
