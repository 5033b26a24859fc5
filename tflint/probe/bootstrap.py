"""The code that runs inside the probe's child process.

It runs the user's script as ``__main__`` with hooks on Keras: the first
training call (``Model.fit``, ``train_on_batch``, or ``apply_gradients`` in a
custom GradientTape loop) takes the model, loss, optimizer and real batches,
measures everything the checks need, sends the numbers to the parent as one
JSON line and ends the process. Thresholds are applied by the parent
(``checks.py``); this side only measures.

TensorFlow, Keras and numpy are imported lazily: this module is imported by
the child before the user's script, and the static linter never imports it.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import json
import linecache
import math
import os
import random
import runpy
import sys
import time
import traceback

from tflint.probe import fitcurve

_T0 = time.time()
_CHAN = None
_CONFIG: dict = {}
_DEADLINE = float("inf")
_SCRIPT_DIR = ""
_EXCLUDE_DIRS: tuple[str, ...] = ()
_USER_CACHE: dict[str, bool] = {}


class _State:
    fired = False
    in_probe = False
    import_seconds = 0.0
    import_depth = 0
    import_started = 0.0
    keras_patched = False
    layer_sites: dict[int, list] = {}
    layer_refs: list = []
    optimizer_sites: dict[int, list] = {}
    optimizer_refs: list = []
    compile_info: dict[int, dict] = {}
    last_model_call = None  # (model, args, kwargs)
    model_call_depth = 0
    last_loss_call = None  # (loss object, y_true, sample_weight)
    graph_pending = None  # a custom step traced inside tf.function, waiting for its real inputs
    fn_depth = 0


S = _State


# ---------------------------------------------------------------- channel


def emit(event: str, **data) -> None:
    if _CHAN is None:
        return
    data["event"] = event
    data["t"] = round(time.time() - _T0, 3)
    try:
        _CHAN.write(json.dumps(data, default=_json_default) + "\n")
        _CHAN.flush()
    except (OSError, ValueError):
        pass


def _json_default(obj):
    try:
        return float(obj)
    except Exception:
        return str(obj)


def _num(value) -> float | str:
    """JSON has no NaN/Inf: send them as strings."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


# ---------------------------------------------------------------- source sites


def _is_user(filename: str) -> bool:
    cached = _USER_CACHE.get(filename)
    if cached is None:
        path = os.path.abspath(filename)
        cached = (
            path.startswith(_SCRIPT_DIR)
            and "site-packages" not in path
            and "dist-packages" not in path
            and not any(path.startswith(d) for d in _EXCLUDE_DIRS)
        )
        _USER_CACHE[filename] = cached
    return cached


def _site(code, lasti: int, lineno: int | None) -> list:
    """[path, line, col, end_line, end_col]: lines 1-based, columns code points."""
    line, end_line, col, end_col = lineno or 1, lineno or 1, 0, None
    try:
        for i, pos in enumerate(code.co_positions()):
            if i == lasti // 2:
                if pos[0] is not None:
                    line, end_line, col, end_col = pos
                break
    except Exception:
        pass
    path = os.path.abspath(code.co_filename)
    text = linecache.getline(path, line)
    col = len(text.encode("utf-8")[: col or 0].decode("utf-8", "ignore"))
    if end_col is None:
        end_line, end_col = line, len(text.rstrip("\n"))
    else:
        end_text = linecache.getline(path, end_line or line)
        end_col = len(end_text.encode("utf-8")[:end_col].decode("utf-8", "ignore"))
    return [path, line, col, end_line or line, end_col]


def user_site(start=None) -> list | None:
    frame = start or sys._getframe(1)
    while frame is not None:
        if _is_user(frame.f_code.co_filename):
            return _site(frame.f_code, frame.f_lasti, frame.f_lineno)
        frame = frame.f_back
    return None


def _exception_site(exc: BaseException) -> list | None:
    if isinstance(exc, SyntaxError) and exc.filename and _is_user(exc.filename):
        path = os.path.abspath(exc.filename)
        line = exc.lineno or 1
        col = max((exc.offset or 1) - 1, 0)
        return [path, line, col, exc.end_lineno or line, max((exc.end_offset or col + 2) - 1, col + 1)]
    best = None
    tb = exc.__traceback__
    while tb is not None:
        if _is_user(tb.tb_frame.f_code.co_filename):
            best = _site(tb.tb_frame.f_code, tb.tb_lasti, tb.tb_lineno)
        tb = tb.tb_next
    return best


# ---------------------------------------------------------------- hooks


class _PostImport(importlib.abc.MetaPathFinder):
    """Times the TensorFlow/Keras import and patches Keras once it is loaded."""

    WATCH = ("tensorflow", "keras", "tf_keras")

    def find_spec(self, name, path=None, target=None):
        if name not in self.WATCH:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return None
        loader = spec.loader
        exec_module = loader.exec_module

        def timed_exec(module, _exec=exec_module, _name=name):
            if S.import_depth == 0:
                S.import_started = time.time()
                emit("phase", name=f"importing {_name}")
            S.import_depth += 1
            try:
                _exec(module)
            finally:
                S.import_depth -= 1
                if S.import_depth == 0:
                    S.import_seconds += time.time() - S.import_started
            if _name == "tensorflow":
                _configure_tensorflow(module)
            if _name in ("keras", "tf_keras"):
                _patch_keras(module)
            if S.import_depth == 0:
                emit("phase", name=f"running the script after importing {_name}", site=user_site())

        loader.exec_module = timed_exec
        return spec


def _seed_everything() -> None:
    """The same script gives the same findings on every run: seed what an unseeded script draws from.

    Python's and NumPy's global generators are seeded before the script runs;
    the framework's (``keras.utils.set_random_seed``) as soon as Keras is
    imported. A script that seeds itself still wins: it runs after this.
    """
    seed = int(_CONFIG.get("seed", 0))
    random.seed(seed)
    np = sys.modules.get("numpy")
    if np is not None:
        np.random.seed(seed)
    keras = sys.modules.get("keras")
    if keras is not None and hasattr(getattr(keras, "utils", None), "set_random_seed"):
        try:
            keras.utils.set_random_seed(seed)
        except Exception:  # a partial import; the next one seeds
            pass


def _configure_tensorflow(tf) -> None:
    gpus = []
    try:
        gpus = tf.config.list_physical_devices("GPU")
        for gpu in gpus:
            tf.config.experimental.set_memory_growth(gpu, True)
    except Exception:
        pass
    if not gpus or os.environ.get("TFLINT_PROBE_DEVICE") == "cpu":
        # multi-threaded CPU reductions may sum in any order; the verdict must not
        try:
            tf.config.experimental.enable_op_determinism()
        except Exception:
            pass
    try:
        tf.random.set_seed(int(_CONFIG.get("seed", 0)))
    except Exception:
        pass
    try:
        from tensorflow.python.eager.polymorphic_function import polymorphic_function as pf
    except ImportError:
        return
    original = pf.Function.__call__

    def function_call(self, *args, **kwargs):
        if S.fired or S.in_probe:
            return original(self, *args, **kwargs)
        if S.fn_depth == 0:
            # trace first, run later: a training step found while tracing is replayed
            # before its first update, so the initial loss and gradients are the untrained model's
            S.fn_depth += 1
            try:
                self.get_concrete_function(*args, **kwargs)
            except Exception:  # not traceable on its own: found, as before, after the call
                pass
            finally:
                S.fn_depth -= 1
            if S.graph_pending is not None and not S.fired:
                pending, S.graph_pending = S.graph_pending, None
                _fire_traced_loop(pending, self, args, kwargs)
        S.fn_depth += 1
        try:
            out = original(self, *args, **kwargs)
        finally:
            S.fn_depth -= 1
        if S.graph_pending is not None and S.fn_depth == 0 and not S.fired:
            pending, S.graph_pending = S.graph_pending, None
            _fire_traced_loop(pending, self, args, kwargs)
        return out

    pf.Function.__call__ = function_call


def _patch_keras(keras) -> None:
    try:
        Model = keras.Model
        Layer = keras.layers.Layer
        Optimizer = keras.optimizers.Optimizer
        Loss = keras.losses.Loss
    except AttributeError:  # a partial import; tf.keras triggers keras again
        return
    if getattr(Model, "_tflint_patched", False):
        return
    Model._tflint_patched = True

    original_new = Layer.__new__

    def layer_new(cls, *args, **kwargs):
        obj = original_new(cls, *args, **kwargs)
        if not S.in_probe:
            site = user_site(sys._getframe(1))
            if site is not None:
                S.layer_sites[id(obj)] = site
                S.layer_refs.append(obj)
        return obj

    Layer.__new__ = layer_new

    original_opt_init = Optimizer.__init__

    def optimizer_init(self, *args, **kwargs):
        if id(self) not in S.optimizer_sites:
            site = user_site(sys._getframe(1))
            if site is not None:
                S.optimizer_sites[id(self)] = site
                S.optimizer_refs.append(self)
        original_opt_init(self, *args, **kwargs)

    Optimizer.__init__ = optimizer_init

    original_compile = Model.compile

    def compile(self, *args, **kwargs):
        import inspect

        try:
            bound = inspect.signature(original_compile).bind(self, *args, **kwargs).arguments
            bound.pop("self", None)
            bound.update(bound.pop("kwargs", {}) or {})
        except TypeError:
            bound = dict(kwargs)
        bound["site"] = user_site(sys._getframe(1))
        S.compile_info[id(self)] = bound
        emit("phase", name="running the script after compiling the model", site=bound["site"])
        return original_compile(self, *args, **kwargs)

    Model.compile = compile

    original_fit = Model.fit

    def fit(self, *args, **kwargs):
        if S.fired or S.in_probe:
            return original_fit(self, *args, **kwargs)
        import inspect

        bound = inspect.signature(original_fit).bind(self, *args, **kwargs).arguments
        bound.pop("self", None)
        bound.update(bound.pop("kwargs", {}) or {})
        _fire("fit", self, bound, user_site(sys._getframe(1)))

    Model.fit = fit

    original_tob = Model.train_on_batch

    def train_on_batch(self, x, y=None, sample_weight=None, class_weight=None, *args, **kwargs):
        if S.fired or S.in_probe:
            return original_tob(self, x, y, sample_weight, class_weight, *args, **kwargs)
        bound = {"x": x, "y": y, "sample_weight": sample_weight, "class_weight": class_weight, "single_batch": True}
        _fire("train_on_batch", self, bound, user_site(sys._getframe(1)))

    Model.train_on_batch = train_on_batch

    original_call = Model.__call__

    def model_call(self, *args, **kwargs):
        if S.in_probe:
            return original_call(self, *args, **kwargs)
        if S.model_call_depth == 0:
            S.last_model_call = (self, args, kwargs)
        S.model_call_depth += 1
        try:
            return original_call(self, *args, **kwargs)
        finally:
            S.model_call_depth -= 1

    Model.__call__ = model_call

    original_loss_call = Loss.__call__

    def loss_call(self, y_true, y_pred, sample_weight=None):
        if not S.in_probe:
            S.last_loss_call = (self, y_true, sample_weight)
        return original_loss_call(self, y_true, y_pred, sample_weight)

    Loss.__call__ = loss_call

    original_apply_gradients = Optimizer.apply_gradients

    def apply_gradients(self, grads_and_vars, *args, **kwargs):
        if S.fired or S.in_probe:
            return original_apply_gradients(self, grads_and_vars, *args, **kwargs)
        grads_and_vars = list(grads_and_vars)
        tf = sys.modules.get("tensorflow")
        if tf is not None and not tf.executing_eagerly():
            # traced inside tf.function: the tensors are symbolic; fire when the function returns
            if S.graph_pending is None:
                S.graph_pending = (self, S.last_model_call, S.last_loss_call, user_site(sys._getframe(1)))
            return original_apply_gradients(self, grads_and_vars, *args, **kwargs)
        _fire_custom_loop(self, S.last_model_call, S.last_loss_call, user_site(sys._getframe(1)))
        return original_apply_gradients(self, grads_and_vars, *args, **kwargs)

    Optimizer.apply_gradients = apply_gradients
    S.keras_patched = True
    _seed_everything()


# ---------------------------------------------------------------- firing


def _fire(kind: str, model, args: dict, site) -> None:
    S.fired = True
    S.in_probe = True
    emit("training", kind=kind, site=site)
    try:
        result = Probe(model, kind, args, site).run()
        emit("result", **result)
    except BaseException as exc:  # SystemExit from a user generator included
        _report_probe_failure(exc)
    _finish()


def _fire_traced_loop(pending, function, args, kwargs) -> None:
    """Replay a custom step that was traced by tf.function, with the real arguments of its call."""
    import inspect

    optimizer, call, loss_call, site = pending
    try:
        bound = inspect.signature(function.python_function).bind(*args, **kwargs).arguments
    except (TypeError, ValueError, AttributeError):
        bound = {}

    def real(value):
        if value is None:
            return None
        tf = sys.modules["tensorflow"]

        def resolve(t):
            op = getattr(t, "op", None)
            if op is not None and op.type == "Placeholder":
                name = t.name.split(":")[0]
                if name in bound:
                    return bound[name]
            if op is None:
                return t
            raise ProbeUnsupported(
                "the tf.function training step computes its model inputs or labels inside the function; "
                "pass them to it as arguments so the probe can replay the step"
            )

        return tf.nest.map_structure(resolve, value)

    try:
        call = (call[0], tuple(real(a) for a in call[1][:1]), {}) if call is not None else None
        if loss_call is not None:
            loss_call = (loss_call[0], real(loss_call[1]), real(loss_call[2]))
    except ProbeUnsupported as exc:
        S.fired = True
        emit("training", kind="custom_loop", site=site)
        _report_probe_failure(exc)
        _finish()
    _fire_custom_loop(optimizer, call, loss_call, site)


def _fire_custom_loop(optimizer, call, loss_call, site) -> None:
    S.fired = True
    S.in_probe = True
    emit("training", kind="custom_loop", site=site)
    try:
        if call is None:
            raise ProbeUnsupported("apply_gradients was called, but no Keras model was called before it")
        model, margs, mkwargs = call
        x = margs[0] if margs else mkwargs.get("inputs", mkwargs.get("x"))
        args = {"x": x, "y": None, "single_batch": True, "optimizer": optimizer}
        if loss_call is not None:
            args["loss_object"] = loss_call[0]
            args["y"] = loss_call[1]
            args["sample_weight"] = loss_call[2]
        else:
            raise ProbeUnsupported(
                "the custom training loop computes its loss without a keras.losses.Loss object; "
                "the probe needs one (e.g. keras.losses.SparseCategoricalCrossentropy()) to replay the step"
            )
        result = Probe(model, "custom_loop", args, site).run()
        emit("result", **result)
    except BaseException as exc:
        _report_probe_failure(exc)
    _finish()


class ProbeUnsupported(Exception):
    pass


def _report_probe_failure(exc: BaseException) -> None:
    if isinstance(exc, SystemExit):
        emit("exit", code=_exit_code(exc), during="probe", site=_exception_site(exc))
        return
    emit(
        "probe_error",
        exc_type=type(exc).__name__,
        message=_short(exc),
        unsupported=isinstance(exc, ProbeUnsupported),
        site=_exception_site(exc),
        traceback="".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-4000:],
    )


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    lines = [ln for ln in text.splitlines() if ln.strip()]
    text = " ".join(lines[:3])
    return text[:600]


def _exit_code(exc: SystemExit):
    code = exc.code
    if code is None:
        return 0
    return code if isinstance(code, int) else str(code)


def _notebook_program(path: str) -> str:
    """A notebook's code cells in order, magics and ! lines masked as the static linter masks them.

    Lines keep their numbers in the program, so the parent maps every finding
    back to its cell (``SourceFile.to_cell_range``).
    """
    from tflint import source

    text = source.load(path).text
    # tracebacks and source sites read the program's lines, not the notebook's JSON
    linecache.cache[path] = (len(text), None, text.splitlines(True), path)
    return text


def _run_program(text: str, path: str) -> None:
    """Run notebook code as ``__main__``, as Jupyter's kernel would (display() included)."""
    import builtins
    import types

    module = types.ModuleType("__main__")
    module.__file__ = path
    module.__builtins__ = builtins
    module.display = lambda *objs, **_kw: print(*objs)  # IPython's display, outside IPython
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = module
    try:
        exec(compile(text, path, "exec"), module.__dict__)
    finally:
        if saved is not None:
            sys.modules["__main__"] = saved


def _answer_where() -> None:
    """On SIGUSR1 (the parent's time limit), say which line of the script is running."""
    import signal

    def where(_signum, frame):
        emit("where", site=user_site(frame))

    try:
        signal.signal(signal.SIGUSR1, where)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGUSR1 here
        pass


def _finish() -> None:
    try:
        if _CHAN is not None:
            _CHAN.flush()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(0)


# ---------------------------------------------------------------- measuring


def _activation_name(fn) -> str | None:
    if fn is None:
        return None
    name = getattr(fn, "__name__", None) or type(fn).__name__
    return str(name).lower()


RELU_LIKE = ("relu", "relu6")
SATURATING = ("sigmoid", "tanh", "hard_sigmoid")
CE_LOSSES = ("sparse_categorical_crossentropy", "categorical_crossentropy", "binary_crossentropy")


def _snake(name: str) -> str:
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and not name[i - 1].isupper():
            out.append("_")
        out.append(ch.lower())
    return "".join(out)


def _loss_identity(loss) -> tuple[str | None, bool]:
    """(canonical name, from_logits) of a single loss."""
    if loss is None:
        return None, False
    if isinstance(loss, str):
        name = loss.lower()
        aliases = {"bce": "binary_crossentropy", "cce": "categorical_crossentropy", "scce": "sparse_categorical_crossentropy"}
        return aliases.get(name, name), False
    if isinstance(loss, (list, tuple, dict)):
        return None, False
    from_logits = bool(getattr(loss, "from_logits", False))
    fn = getattr(loss, "fn", None)
    if fn is not None and getattr(fn, "__name__", None):
        name = fn.__name__
        kwargs = getattr(loss, "_fn_kwargs", {}) or {}
        from_logits = bool(kwargs.get("from_logits", from_logits))
    else:
        name = getattr(loss, "__name__", None) or _snake(type(loss).__name__)
    name = _snake(name) if any(c.isupper() for c in name) else name
    return name.lower(), from_logits


def _flat_arrays(data, prefix="x") -> list[tuple[str, object]]:
    """Named numpy arrays in a (possibly nested) input structure."""
    import numpy as np

    out = []
    if data is None:
        return out
    if hasattr(data, "columns") and hasattr(data, "to_numpy"):  # pandas
        try:
            arr = data.to_numpy()
            if arr.dtype != object:
                out.append((prefix, arr, [str(c) for c in data.columns]))
            return out
        except Exception:
            return out
    if isinstance(data, dict):
        for key, value in data.items():
            out.extend(_flat_arrays(value, f"{prefix}[{key!r}]"))
        return out
    if isinstance(data, (list, tuple)):
        for i, value in enumerate(data):
            out.extend(_flat_arrays(value, f"{prefix}[{i}]"))
        return out
    try:
        arr = np.asarray(data)
    except Exception:
        return out
    if arr.dtype == object or arr.dtype.kind in "USO":
        return out
    out.append((prefix, arr, None))
    return out


def _is_in_memory(data) -> bool:
    import numpy as np

    if data is None:
        return False
    if isinstance(data, np.ndarray) or (hasattr(data, "columns") and hasattr(data, "to_numpy")):
        return True
    if isinstance(data, (list, tuple, dict)):
        values = data.values() if isinstance(data, dict) else data
        return all(_is_in_memory(v) for v in values) and len(data) > 0
    return type(data).__name__ in ("EagerTensor", "Tensor") and hasattr(data, "numpy")


def _nbytes(data) -> int:
    import numpy as np

    total = 0
    for _name, arr, _cols in _flat_arrays(data):
        total += int(np.asarray(arr).nbytes)
    return total


def _feature_stats(name: str, arr, columns, max_rows: int) -> dict:
    """Finite check, scale, spread and skewness of one input array."""
    import numpy as np

    arr = np.asarray(arr)
    n = arr.shape[0] if arr.ndim else 1
    if n > max_rows:
        idx = np.random.default_rng(0).choice(n, size=max_rows, replace=False)
        arr = arr[np.sort(idx)]
    info = {"name": name, "dtype": str(arr.dtype), "shape": list(arr.shape), "columns": columns}
    if arr.dtype.kind == "b":
        return info
    flat = arr.reshape(arr.shape[0], -1) if arr.ndim >= 1 and arr.shape[0] else arr.reshape(1, -1)
    if flat.dtype.kind == "f":
        finite = np.isfinite(flat)
        bad = int(flat.size - finite.sum())
        info["non_finite"] = bad
        if bad:
            info["nan"] = int(np.isnan(flat).sum())
            first = np.argwhere(~finite)[0].tolist()
            info["first_non_finite"] = first
            flat = np.where(finite, flat, 0.0)
    flat = flat.astype(np.float64, copy=False)
    if flat.size == 0:
        return info
    info["max_abs"] = float(np.max(np.abs(flat)))
    info["min"] = float(flat.min())
    info["max"] = float(flat.max())
    info["integer_valued"] = bool(arr.dtype.kind in "iu" or np.all(np.mod(flat[: min(len(flat), 256)], 1) == 0))
    features = flat.shape[1]
    info["features"] = features
    if flat.shape[0] >= 8 and features <= 4096:
        std = flat.std(axis=0)
        nz = std[std > 1e-12]
        if nz.size >= 2:
            info["std_spread"] = float(nz.max() / nz.min())
            info["std_max_feature"] = int(np.argmax(std))
            info["std_min_feature"] = int(np.argmin(np.where(std > 1e-12, std, np.inf)))
        mean = flat.mean(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            skew = ((flat - mean) ** 3).mean(axis=0) / np.where(std > 1e-12, std, np.nan) ** 3
        skew = np.nan_to_num(skew, nan=0.0)
        # two-valued columns (one-hot, flags) are skewed by nature, not badly scaled
        binary = np.all((flat == flat.min(axis=0)) | (flat == flat.max(axis=0)), axis=0)
        skew = np.where(binary, 0.0, skew)
        order = np.argsort(-np.abs(skew))[:5]
        info["skewness"] = [[int(i), float(skew[i])] for i in order]
    return info


def _label_stats(y, max_rows: int) -> dict:
    import numpy as np

    arr = np.asarray(y)
    info = {"shape": list(arr.shape), "dtype": str(arr.dtype)}
    if arr.dtype == object or arr.dtype.kind in "USb" or arr.size == 0:
        if arr.dtype.kind == "b":
            arr = arr.astype(np.int64)
        else:
            return info
    if arr.shape and arr.shape[0] > max_rows * 4:
        arr = arr[: max_rows * 4]
    flat = arr.astype(np.float64, copy=False)
    finite = np.isfinite(flat)
    info["non_finite"] = int(flat.size - finite.sum())
    if info["non_finite"]:
        info["nan"] = int(np.isnan(flat).sum())
        info["first_non_finite"] = np.argwhere(~finite)[0].tolist()
        flat = np.where(finite, flat, 0.0)
    info["min"] = float(flat.min())
    info["max"] = float(flat.max())
    info["integer_valued"] = bool(np.all(np.mod(flat, 1) == 0))
    last = arr.shape[-1] if arr.ndim >= 2 else 1
    info["last_dim"] = int(last)
    if arr.ndim >= 2 and last > 1:
        rows = flat.reshape(-1, last)
        info["one_hot"] = bool(np.all((rows == 0) | (rows == 1)) and np.all(rows.sum(axis=1) == 1))
        if info["one_hot"]:
            info["class_counts"] = [int(c) for c in rows.sum(axis=0)]
        elif np.all((rows == 0) | (rows == 1)):
            info["multi_label"] = True
            info["class_counts"] = [int(c) for c in rows.sum(axis=0)]
    elif info["integer_valued"] and flat.min() >= 0 and flat.max() < 100000:
        counts = np.bincount(flat.reshape(-1).astype(np.int64))
        info["class_counts"] = [int(c) for c in counts]
    return info


def _peak_rss_reset() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def _proc_status(key: str) -> int:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _host_memory() -> int:
    try:
        total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        total = 0
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            text = open(path).read().strip()
        except OSError:
            continue
        if text.isdigit() and 0 < int(text) < total:
            total = int(text)
    return total


def _gpu_total_memory() -> int:
    import subprocess

    try:
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=memory.total", "--format=csv,noheader,nounits", "-i", "0"],
            capture_output=True, text=True, timeout=5,
        ).stdout.strip().splitlines()
        return int(float(out[0])) * (1 << 20)
    except Exception:
        return 0


class Probe:
    """Measure one model at its first training call."""

    def __init__(self, model, kind: str, args: dict, site):
        self.model = model
        self.kind = kind
        self.args = args
        self.site = site
        self.cfg = _CONFIG
        self.result: dict = {"kind": kind, "fit_site": site, "notes": []}

    def note(self, text: str) -> None:
        self.result["notes"].append(text)

    def time_left(self) -> float:
        return _DEADLINE - time.time()

    # -- orchestration
    def run(self) -> dict:
        import numpy as np
        import keras

        self.np, self.keras = np, keras
        r = self.result
        r["import_seconds"] = round(S.import_seconds, 3)
        r["backend"] = keras.backend.backend()
        r["keras_version"] = keras.__version__
        if r["backend"] == "tensorflow":
            import tensorflow as tf

            self.tf = tf
            r["tensorflow_version"] = tf.__version__
            place = lambda: tf.device(r["device_tf"])  # noqa: E731
        elif r["backend"] == "jax":
            import contextlib

            self.__class__ = JaxProbe
            place = contextlib.nullcontext
        else:
            raise ProbeUnsupported(f"the probe supports the tensorflow and jax backends of Keras, not {r['backend']!r}")
        r["device"] = self._device()
        timings = r["timings"] = {}
        mark = [time.time()]

        def phase(name: str, done: str | None = None) -> None:
            now = time.time()
            if done:
                timings[done] = round(now - mark[0], 3)
            mark[0] = now
            if name:
                emit("phase", name=name)

        self._describe_compile()
        phase("reading batches")
        self._data()
        phase("data checks", "read_batches")
        self._data_checks()
        phase("forward/backward pass", "data_checks")
        with place():
            # the first pass is the one step measured before the allocator has kept memory
            # from earlier steps: on CPU its peak resident growth is the step's real need
            rss_before = _proc_status("VmRSS")
            _peak_rss_reset()
            ok = self._forward_backward()
            self.first_step_bytes = max(_proc_status("VmHWM") - rss_before, 0)
            if ok:
                phase("overfitting one batch", "forward_backward")
                self._overfit()
                phase("memory", "overfit")
                self._memory()
                phase("", "memory")
        r["seconds_to_verdict"] = round(time.time() - _T0, 3)
        return r

    def _device(self) -> str:
        tf = self.tf
        wanted = os.environ.get("TFLINT_PROBE_DEVICE", "auto")
        gpus = tf.config.list_logical_devices("GPU")
        if wanted == "gpu" and not gpus:
            raise ProbeUnsupported("--device gpu: TensorFlow sees no GPU here")
        if gpus and wanted != "cpu":
            name = "GPU"
            try:
                details = tf.config.experimental.get_device_details(tf.config.list_physical_devices("GPU")[0])
                name = details.get("device_name", name)
            except Exception:
                pass
            self.result["device_tf"] = gpus[0].name
            self.result["device_kind"] = "gpu"
            return f"{gpus[0].name.split('device:')[-1]} ({name})"
        self.result["device_tf"] = "/CPU:0"
        self.result["device_kind"] = "cpu"
        return "CPU"

    def _describe_compile(self) -> None:
        r = self.result
        info = S.compile_info.get(id(self.model), {})
        r["compile_site"] = info.get("site")
        loss = self.args.get("loss_object") if self.kind == "custom_loop" else info.get("loss", getattr(self.model, "loss", None))
        r["loss_name"], r["from_logits"] = _loss_identity(loss)
        metrics = info.get("metrics")
        names = []
        for m in metrics if isinstance(metrics, (list, tuple)) else ([metrics] if metrics else []):
            names.append(m.lower() if isinstance(m, str) else _snake(getattr(m, "name", None) or type(m).__name__))
        r["metrics"] = names
        opt = self.args.get("optimizer") or getattr(self.model, "optimizer", None)
        self.optimizer = opt
        r["optimizer"] = type(opt).__name__ if opt is not None else None
        r["optimizer_site"] = S.optimizer_sites.get(id(opt)) or r["compile_site"]
        lr = getattr(opt, "learning_rate", None)
        try:
            r["learning_rate"] = float(lr.numpy()) if hasattr(lr, "numpy") else float(lr)
        except Exception:
            r["learning_rate"] = None
        r["class_weight"] = bool(self.args.get("class_weight"))
        r["sample_weight"] = self.args.get("sample_weight") is not None

    # -- data
    def _data(self) -> None:
        np = self.np
        a = self.args
        r = self.result
        x, y, sw = a.get("x"), a.get("y"), a.get("sample_weight")
        batch_size = a.get("batch_size") or 32
        self.batches = []
        r["in_memory_bytes"] = 0
        if a.get("single_batch"):
            x = self._to_numpy(x)
            y = self._to_numpy(y)
            sw = self._to_numpy(sw) if sw is not None else None
            self.batches = [(x, y, sw)]
            self.stats_x, self.stats_y = x, y
            r["data_source"] = "batch"
        else:
            from keras.src.trainers.data_adapters import get_data_adapter

            in_memory = _is_in_memory(x)
            if in_memory:
                r["in_memory_bytes"] = _nbytes(x) + (_nbytes(y) if y is not None else 0)
            adapter = get_data_adapter(x, y, sw, batch_size=batch_size, steps_per_epoch=a.get("steps_per_epoch"), shuffle=False)
            r["data_source"] = type(x).__name__
            iterator = adapter.get_numpy_iterator()
            limit = self.cfg.get("stats_samples", 10000)
            seen = 0
            started = time.time()
            for batch in iterator:
                self.batches.append(self._unpack(batch))
                seen += _batch_len(self.batches[-1][0])
                if in_memory and len(self.batches) >= 3:
                    break
                if seen >= limit or len(self.batches) >= 64 or time.time() - started > 3.0:
                    break
            if not self.batches:
                raise ProbeUnsupported("the training data yielded no batches")
            if in_memory:
                self.stats_x, self.stats_y = x, y
            else:
                self.stats_x = _concat([b[0] for b in self.batches])
                self.stats_y = _concat([b[1] for b in self.batches]) if self.batches[0][1] is not None else None
        r["batch_size"] = _batch_len(self.batches[0][0])
        r["batches_read"] = len(self.batches)

    def _to_numpy(self, value):
        if value is None:
            return None
        if isinstance(value, dict):
            return {k: self._to_numpy(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self._to_numpy(v) for v in value)
        if hasattr(value, "numpy"):
            return value.numpy()
        return self.np.asarray(value) if not hasattr(value, "to_numpy") else value.to_numpy()

    @staticmethod
    def _unpack(batch):
        if isinstance(batch, tuple):
            x = batch[0]
            y = batch[1] if len(batch) > 1 else None
            sw = batch[2] if len(batch) > 2 else None
            return x, y, sw
        return batch, None, None

    def _data_checks(self) -> None:
        limit = self.cfg.get("stats_samples", 10000)
        r = self.result
        r["inputs"] = [_feature_stats(name, arr, cols, limit) for name, arr, cols in _flat_arrays(self.stats_x)]
        if self.stats_y is not None and not isinstance(self.stats_y, (dict, list, tuple)):
            r["labels"] = _label_stats(self._to_numpy(self.stats_y), limit)
        else:
            r["labels"] = None

    # -- model
    def _layers(self):
        try:
            return list(self.model._flatten_layers(include_self=False, recursive=True))
        except Exception:
            return list(getattr(self.model, "layers", []))

    def _concrete(self, value) -> bool:
        return self.tf.executing_eagerly()

    def _instrument(self):
        """Record each layer's call order, activation inputs and outputs in eager mode."""
        self.recording = True
        self.call_order: list = []
        self.act_stats: dict[int, dict] = {}
        self.orig_acts: dict[int, object] = {}
        probe = self

        for layer in self._layers():
            original_call = layer.call
            relu_layer = type(layer).__name__ in ("ReLU",)

            def call(*args, _orig=original_call, _layer=layer, _relu=relu_layer, **kwargs):
                out = _orig(*args, **kwargs)
                if probe.recording and probe._concrete(out):
                    if id(_layer) not in {id(l) for l in probe.call_order}:
                        probe.call_order.append(_layer)
                    if _relu and id(_layer) not in probe.act_stats:
                        probe._record_act(_layer, "relu", None, out)
                return out

            try:
                object.__setattr__(layer, "call", call)
            except Exception:
                pass
            act = getattr(layer, "activation", None)
            if act is not None:
                self.orig_acts[id(layer)] = act
            name = _activation_name(act)
            if act is not None and name in RELU_LIKE + SATURATING:

                def activation(z, _act=act, _layer=layer, _name=name):
                    out = _act(z)
                    if probe.recording and probe._concrete(out) and id(_layer) not in probe.act_stats:
                        probe._record_act(_layer, _name, z, out)
                    return out

                try:
                    object.__setattr__(layer, "activation", activation)
                except Exception:
                    pass

    def _record_act(self, layer, name, z, out) -> None:
        np = self.np
        stats = {"activation": name}
        zmax = self.cfg.get("saturation_z", 5.0)
        if name in RELU_LIKE:
            a = np.asarray(out)
            if a.ndim >= 2:
                alive = (a.reshape(-1, a.shape[-1]) > 0).any(axis=0)
                stats["dead_fraction"] = float(1.0 - alive.mean())
                stats["units"] = int(a.shape[-1])
        elif z is not None:
            zz = np.asarray(z)
            stats["saturated_fraction"] = float((np.abs(zz) > zmax).mean())
        self.act_stats[id(layer)] = stats

    def _loss_fn(self):
        loss_object = self.args.get("loss_object")
        model = self.model
        if loss_object is not None:

            def compute(x, y, sw, training=True):
                y_pred = model(x, training=training)
                loss = loss_object(y, y_pred, sample_weight=sw)
                for extra in model.losses:
                    loss = loss + extra
                return loss, y_pred

        else:

            def compute(x, y, sw, training=True):
                y_pred = model(x, training=training)
                return model.compute_loss(x=x, y=y, y_pred=y_pred, sample_weight=sw, training=training), y_pred

        return compute

    def _owners(self, tvars) -> list:
        owner: dict[int, object] = {}
        for layer in self._layers():
            for v in getattr(layer, "_trainable_variables", None) or []:
                owner[id(v)] = layer
        return [owner.get(id(v)) for v in tvars]

    def _forward_backward(self) -> bool:
        np, keras = self.np, self.keras
        r = self.result
        x, y, sw = self.batches[0]
        to_tensor = keras.ops.convert_to_tensor
        self.xt = keras.tree.map_structure(to_tensor, x)
        self.yt = keras.tree.map_structure(to_tensor, y) if y is not None else None
        self.swt = to_tensor(sw) if sw is not None else None
        self._instrument()
        self.compute = self._loss_fn()
        try:
            loss, y_pred, tvars, grads = self._loss_and_grads()
        except Exception as exc:
            r["forward_error"] = {"exc_type": type(exc).__name__, "message": _short(exc)}
            self.recording = False
            try:  # the output width still tells whether the labels fit it
                y_pred = self.model(self.xt, training=False)
                r["output_units"] = int(y_pred.shape[-1]) if len(y_pred.shape) >= 2 else 1
            except Exception:
                pass
            return False
        finally:
            self.recording = False
        self.tvars = tvars
        r["initial_loss"] = _num(loss)
        y_pred_arr = y_pred if not isinstance(y_pred, (list, tuple, dict)) else None
        if y_pred_arr is not None:
            r["output_units"] = int(y_pred_arr.shape[-1]) if len(y_pred_arr.shape) >= 2 else 1
            yp = np.asarray(y_pred_arr)
            r["output_range"] = [float(np.nanmin(yp)), float(np.nanmax(yp))] if yp.size else None
        else:
            r["output_units"] = None
        # output activation: the last layer called that has an activation
        out_act = None
        for layer in reversed(self.call_order):
            if hasattr(layer, "activation"):
                out_act = _activation_name(self.orig_acts.get(id(layer)))
                break
            if getattr(layer, "trainable_weights", None):
                break
        r["output_activation"] = out_act
        owners = self._owners(tvars)
        order = {id(l): i for i, l in enumerate(self.call_order)}
        per_layer: dict[int, dict] = {}
        for v, g, layer in zip(tvars, grads, owners):
            key = id(layer) if layer is not None else id(v)
            entry = per_layer.setdefault(key, {"layer": layer, "sq": 0.0, "abs": 0.0, "n": 0, "none": 0, "finite": True, "params": 0})
            size = int(np.prod(v.shape)) if len(v.shape) else 1
            entry["params"] += size
            if g is None:
                entry["none"] += 1
                continue
            g = self._dense(g)
            ga = np.asarray(g, dtype=np.float64)
            if not np.all(np.isfinite(ga)):
                entry["finite"] = False
                ga = np.nan_to_num(ga, nan=0.0, posinf=0.0, neginf=0.0)
            entry["sq"] += float((ga * ga).sum())
            entry["abs"] += float(np.abs(ga).sum())
            entry["n"] += ga.size
        layers_out = []
        self.info_by_key: dict[int, dict] = {}
        for key, e in sorted(per_layer.items(), key=lambda kv: order.get(kv[0], 10**6)):
            layer = e["layer"]
            info = self._layer_info(layer)
            info.update(
                grad_norm=math.sqrt(e["sq"]),
                grad_mean_abs=e["abs"] / e["n"] if e["n"] else 0.0,
                grad_finite=e["finite"],
                grad_missing=e["none"] > 0 and e["n"] == 0,
                params=e["params"],
                called=key in order,
            )
            layers_out.append(info)
            self.info_by_key[key] = info
        # activation-only layers (ReLU, Activation) carry stats but no weights
        weighted = set(per_layer)
        for layer in self.call_order:
            if id(layer) in self.act_stats and id(layer) not in weighted:
                info = self._layer_info(layer)
                info["params"] = 0
                layers_out.insert(min(order[id(layer)], len(layers_out)), info)
        self.layers_out = layers_out
        r["layers"] = layers_out
        r["call_order"] = [type(l).__name__ for l in self.call_order]
        self.var_owner_keys = [id(l) if l is not None else id(v) for v, l in zip(tvars, owners)]
        return True

    def _layer_info(self, layer) -> dict:
        info = {
            "name": getattr(layer, "name", "?"),
            "type": type(layer).__name__,
            "site": S.layer_sites.get(id(layer)),
        }
        act = self.act_stats.get(id(layer))
        if act:
            info.update(act)
        else:
            name = _activation_name(self.orig_acts.get(id(layer)))
            if name:
                info["activation"] = name
        return info

    # -- one-batch fit
    def _overfit(self) -> None:
        np = self.np
        r = self.result
        opt = self.optimizer
        if opt is None:
            r["overfit"] = None
            self.note("no optimizer: one-batch fit skipped")
            return
        steps = int(self.cfg.get("overfit_steps", 200))
        rules = fitcurve.CurveRules.of(self.cfg)
        curve: list[float] = []
        stop = "steps"
        budget = min(float(self.cfg.get("overfit_seconds", 10.0)), max(self.time_left() - 3.0, 1.0))
        xt, yt, swt = self.xt, self.yt, self.swt
        fn, step, weights, final_loss = self._steppers(opt)
        losses: list = []
        ratios: dict[int, list] = {}
        keys = self.var_owner_keys
        started = began = time.time()
        mode = "graph"
        track = min(steps, 10)
        before = weights()
        for i in range(steps):
            try:
                loss = fn(xt, yt, swt)
            except Exception as exc:
                if i == 0 and mode == "graph":
                    mode = "eager"
                    fn = step
                    loss = fn(xt, yt, swt)
                else:
                    r["overfit_error"] = {"exc_type": type(exc).__name__, "message": _short(exc), "step": i}
                    break
            value = float(loss)
            losses.append(_num(value))
            curve.append(value)
            if i < track:
                after = weights()
                self._update_ratios(before, after, keys, ratios)
                before = after
            if i % 5 == 0:
                emit("step", i=i + 1, of=steps, loss=_num(value))
            if not math.isfinite(value):
                stop = "non-finite"
                break
            if fitcurve.should_stop(curve, rules):
                stop = fitcurve.state(curve, rules)
                break
            if i == 0:  # the budget is for steps, not for tracing the step function
                started = time.time()
            if time.time() - started > budget or self.time_left() < 2.0:
                stop = "time"
                self.note(f"one-batch fit stopped at the {budget:.0f} s budget after {i + 1} steps")
                break
        # loss after the last update
        try:
            losses.append(_num(final_loss()))
        except Exception:
            pass
        r["overfit"] = {
            "losses": losses, "mode": mode, "seconds": round(time.time() - began, 3),
            "steps": len(curve), "stopped": stop,
        }
        for key, info in self.info_by_key.items():
            vals = ratios.get(key)
            if vals:
                info["update_ratio"] = float(np.median(vals))
                info["update_ratio_max"] = float(np.max(vals))

    def _update_ratios(self, before, after, keys, ratios) -> None:
        np = self.np
        num: dict[int, float] = {}
        den: dict[int, float] = {}
        for b, a, key in zip(before, after, keys):
            d = a - b
            num[key] = num.get(key, 0.0) + float((d * d).sum())
            den[key] = den.get(key, 0.0) + float((b * b).sum())
        for key in num:
            if den[key] > 0:
                ratios.setdefault(key, []).append(math.sqrt(num[key]) / math.sqrt(den[key]))
            elif num[key] > 0:
                ratios.setdefault(key, []).append(float("inf"))
            else:
                ratios.setdefault(key, []).append(0.0)

    # -- memory
    def _memory(self) -> None:
        r = self.result
        mem: dict = {"in_memory_bytes": r.get("in_memory_bytes", 0)}
        try:
            if r["device_kind"] == "gpu":
                mem["step_peak_bytes"] = self._gpu_step_peak()
                mem["capacity_bytes"] = _gpu_total_memory()
                mem["host_capacity_bytes"] = _host_memory()
                mem["kind"] = "GPU memory"
            else:
                base = _proc_status("VmRSS")
                _peak_rss_reset()
                self._one_step()
                peak = _proc_status("VmHWM")
                mem["step_peak_bytes"] = max(peak - base, getattr(self, "first_step_bytes", 0))
                mem["process_bytes"] = peak
                mem["capacity_bytes"] = _host_memory()
                mem["host_capacity_bytes"] = mem["capacity_bytes"]
                mem["kind"] = "RAM"
        except Exception as exc:
            mem["error"] = {"exc_type": type(exc).__name__, "message": _short(exc)}
        r["memory"] = mem

    # -- backend: TensorFlow (JaxProbe below replaces these)
    def _loss_and_grads(self):
        """(loss, y_pred, trainable variables, gradients); a subclassed model builds its variables here."""
        with self.tf.GradientTape() as tape:
            loss, y_pred = self.compute(self.xt, self.yt, self.swt)
        tvars = list(self.model.trainable_variables)
        return loss, y_pred, tvars, tape.gradient(loss, tvars)

    def _dense(self, g):
        if isinstance(g, self.tf.IndexedSlices):
            return self.tf.convert_to_tensor(g)
        return g

    def _steppers(self, opt):
        """(compiled step, eager step, current weights as numpy, loss now)."""
        tf, np = self.tf, self.np
        tvars, compute = self.tvars, self.compute

        def step(x, y, sw):
            with tf.GradientTape() as tape:
                loss, _ = compute(x, y, sw)
            grads = tape.gradient(loss, tvars)
            pairs = [(g, v) for g, v in zip(grads, tvars) if g is not None]
            opt.apply([g for g, _ in pairs], [v for _, v in pairs])
            return loss

        def weights():
            return [np.array(v.numpy(), dtype=np.float64) for v in tvars]

        def final_loss():
            return compute(self.xt, self.yt, self.swt)[0]

        return tf.function(step), step, weights, final_loss

    def _gpu_step_peak(self) -> int:
        tf = self.tf
        dev = self.result["device_tf"].split("device:")[-1]
        tf.config.experimental.reset_memory_stats(dev)
        self._one_step()
        return int(tf.config.experimental.get_memory_info(dev).get("peak", 0))

    def _one_step(self) -> None:
        self._loss_and_grads()


class JaxProbe(Probe):
    """The same measurements with Keras on JAX: stateless calls under jax.grad and jax.jit."""

    def _device(self) -> str:
        import jax

        wanted = os.environ.get("TFLINT_PROBE_DEVICE", "auto")
        dev = jax.devices()[0]
        self.result["device_tf"] = None
        self.result["jax_version"] = jax.__version__
        if dev.platform == "cpu":
            if wanted == "gpu":
                raise ProbeUnsupported("--device gpu: JAX sees no GPU here")
            self.result["device_kind"] = "cpu"
            return "CPU"
        self.result["device_kind"] = "gpu"
        return f"GPU:{dev.id} ({getattr(dev, 'device_kind', dev.platform)})"

    def _concrete(self, value) -> bool:
        import jax

        return not isinstance(value, jax.core.Tracer)

    def _dense(self, g):
        return g

    def _stateless(self):
        """A pure loss function of (trainable, non-trainable) values and its variable lists."""
        model = self.model
        loss_object = self.args.get("loss_object")
        opt = self.optimizer
        if opt is not None and not opt.built:
            opt.build(model.trainable_variables)
        mv = [v.value for v in model.metrics_variables]
        ov = [v.value for v in opt.variables] if opt is not None else None

        def fn(tv, ntv, x, y, sw):
            if loss_object is not None:
                y_pred, ntv2 = model.stateless_call(tv, ntv, x, training=True)
                return loss_object(y, y_pred, sample_weight=sw), (y_pred, ntv2)
            loss, (_unscaled, y_pred, ntv2, _mv) = model.compute_loss_and_updates(
                tv, ntv, mv, x, y, sw, training=True, optimizer_variables=ov
            )
            return loss, (y_pred, ntv2)

        return fn

    def _loss_and_grads(self):
        import jax

        # eager first: records activations and builds the model, the compiled loss and metrics
        loss, y_pred = self.compute(self.xt, self.yt, self.swt)
        self.recording = False
        tvars = list(self.model.trainable_variables)
        fn = self._stateless()
        tv = [v.value for v in tvars]
        ntv = [v.value for v in self.model.non_trainable_variables]
        self._grad_fn = jax.jit(jax.grad(lambda *a: fn(*a)[0]))
        grads = self._grad_fn(tv, ntv, self.xt, self.yt, self.swt)
        return loss, y_pred, tvars, grads

    def _steppers(self, opt):
        import jax

        np = self.np
        model = self.model
        fn = self._stateless()
        state = {
            "tv": [v.value for v in self.tvars],
            "ntv": [v.value for v in model.non_trainable_variables],
            "ov": [v.value for v in opt.variables],
        }

        def pure(tv, ntv, ov, x, y, sw):
            (loss, (_yp, ntv2)), grads = jax.value_and_grad(fn, has_aux=True)(tv, ntv, x, y, sw)
            tv2, ov2 = opt.stateless_apply(ov, grads, tv)
            return loss, tv2, ntv2, ov2

        def runner(step_fn):
            def run(x, y, sw):
                loss, state["tv"], state["ntv"], state["ov"] = step_fn(state["tv"], state["ntv"], state["ov"], x, y, sw)
                return loss

            return run

        def weights():
            return [np.array(w, dtype=np.float64) for w in state["tv"]]

        def final_loss():
            return fn(state["tv"], state["ntv"], self.xt, self.yt, self.swt)[0]

        return runner(jax.jit(pure)), runner(pure), weights, final_loss

    def _gpu_step_peak(self) -> int:
        import jax

        self._one_step()
        stats = jax.devices()[0].memory_stats() or {}
        return int(stats.get("peak_bytes_in_use", 0))

    def _one_step(self) -> None:
        import jax

        tv = [v.value for v in self.tvars]
        ntv = [v.value for v in self.model.non_trainable_variables]
        jax.block_until_ready(self._grad_fn(tv, ntv, self.xt, self.yt, self.swt))


def _batch_len(x) -> int:
    import numpy as np

    if isinstance(x, dict):
        x = next(iter(x.values()))
    if isinstance(x, (list, tuple)):
        x = x[0]
    try:
        return int(np.shape(x)[0])
    except Exception:
        return 0


def _concat(parts):
    import numpy as np

    first = parts[0]
    if first is None:
        return None
    if isinstance(first, dict):
        return {k: _concat([p[k] for p in parts]) for k in first}
    if isinstance(first, (list, tuple)):
        return type(first)(_concat([p[i] for p in parts]) for i in range(len(first)))
    return np.concatenate([np.asarray(p) for p in parts], axis=0)


# ---------------------------------------------------------------- entry point


def main(warm: bool = False) -> None:
    """Run the script in ``sys.argv[1]``; ``warm``: forked from a zygote that imported TensorFlow."""
    global _CHAN, _CONFIG, _DEADLINE, _SCRIPT_DIR, _EXCLUDE_DIRS, _T0
    _T0 = time.time()
    fd = int(os.environ["TFLINT_PROBE_FD"])
    _CHAN = os.fdopen(fd, "w", buffering=1, encoding="utf-8")
    _CONFIG = json.loads(os.environ.get("TFLINT_PROBE_CONFIG", "{}"))
    _DEADLINE = float(os.environ.get("TFLINT_PROBE_DEADLINE", "inf"))
    script = os.path.abspath(sys.argv[1])
    _SCRIPT_DIR = os.path.dirname(script) + os.sep
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
    _EXCLUDE_DIRS = tuple(
        {os.path.abspath(p) + os.sep for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)} | {here}
    )
    sys.argv = [script, *sys.argv[2:]]
    notebook = script.endswith(".ipynb")
    if notebook:
        from tflint import source  # noqa: F401 - before the script's folder replaces tflint on sys.path
    # the script's folder first, as `python script.py` would; not ours
    tflint_root = os.environ.get("TFLINT_PROBE_PATH")
    if tflint_root and tflint_root in sys.path:
        sys.path.remove(tflint_root)
    sys.path[0:0] = [os.path.dirname(script)]
    sys.dont_write_bytecode = True
    emit(
        "start",
        python=sys.version.split()[0],
        tensorflow=importlib.util.find_spec("tensorflow") is not None,
        keras=importlib.util.find_spec("keras") is not None,
    )
    try:
        import numpy  # noqa: F401 - seeded below; every Keras script imports it anyway
    except ImportError:
        pass
    _seed_everything()
    _answer_where()
    sys.meta_path.insert(0, _PostImport())
    if warm:  # already imported before the fork: configure and patch them now
        if "tensorflow" in sys.modules:
            _configure_tensorflow(sys.modules["tensorflow"])
        if "keras" in sys.modules:
            _patch_keras(sys.modules["keras"])
            _seed_everything()
    emit("phase", name="running the script")
    try:
        if notebook:
            _run_program(_notebook_program(script), script)
        else:
            runpy.run_path(script, run_name="__main__")
    except SystemExit as exc:
        emit("exit", code=_exit_code(exc), during="script", site=_exception_site(exc))
    except BaseException as exc:
        missing = getattr(exc, "name", None) if isinstance(exc, ModuleNotFoundError) else None
        emit(
            "script_error",
            exc_type=type(exc).__name__,
            message=_short(exc),
            missing_module=missing,
            site=_exception_site(exc),
            traceback="".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-4000:],
            keras_loaded=S.keras_patched,
            import_seconds=round(S.import_seconds, 3),
        )
    else:
        emit("finished", keras_loaded=S.keras_patched, import_seconds=round(S.import_seconds, 3))
    _finish()


if __name__ == "__main__":
    main()
