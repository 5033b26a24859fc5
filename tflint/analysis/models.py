"""Keras models rebuilt statically: layers, output layers, compile settings.

For every ``compile`` whose model can be followed to its construction (a
``Sequential`` list and ``add`` calls, the functional API, a subclass's
``__init__``/``call``, or a local factory function returning one of these),
this records the layers along the path from input to output, each output's
units and activation, the loss for each output and the metrics. Anything
that cannot be followed is left unknown (``None``/``UNKNOWN``) so checks stay
silent. Computed once per file and cached on the facts (``model_facts``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import libcst as cst

from tflint.analysis.facts import UNKNOWN, AssignFact, CallFact, FileFacts, Scope, dotted_name, string_value
from tflint.analysis.keras_calls import KerasFit, keras_facts
from tflint.knowledge import models as M

_MAX_DEPTH = 400
_NOT_VALUES = (cst.For, cst.WithItem, cst.FunctionDef, cst.ClassDef, cst.Import, cst.ImportFrom)


@dataclass(eq=False)
class Layer:
    """One layer (or activation function) on a model's path."""

    kind: str  # sized, activation, transparent, normalization, scaling, input, merge, other, unknown
    call: CallFact | None = None  # the constructor (or the applied activation function)
    callee: str | None = None
    units: Any = UNKNOWN
    activation: str | None = None  # canonical activation name; None when unknown
    activation_node: cst.BaseExpression | None = None  # the value that sets it (None: the default)
    repeated: bool = False  # created or applied inside a loop: how many times is unknown

    @property
    def node(self) -> cst.CSTNode | None:
        return self.call.node if self.call is not None else None

    @property
    def short(self) -> str:
        return (self.callee or "layer").rsplit(".", 1)[-1]


@dataclass(eq=False)
class Output:
    layer: Layer  # the sized layer that sets the number of outputs
    activation: str | None  # the effective activation of the output
    activation_layer: Layer  # where that activation is set (``layer`` or a later Activation layer)
    name: str | None = None

    @property
    def units(self) -> Any:
        return self.layer.units

    @property
    def activation_node(self) -> cst.CSTNode | None:
        """The node to report about the activation at (its value, else the layer call)."""
        return self.activation_layer.activation_node or self.activation_layer.node


@dataclass(eq=False)
class Loss:
    family: str | None  # categorical, sparse, binary, regression, other; None: unknown
    from_logits: bool | None  # None: cannot tell
    node: cst.BaseExpression  # the loss as written in compile (or its dict/list element)
    spelling: str  # string, class, function
    name: str | None = None  # the string or canonical name
    call: CallFact | None = None  # the loss object's constructor
    from_logits_arg: cst.Arg | None = None
    where: cst.CSTNode | None = None  # compile's ``loss=`` value: where diagnostics point


@dataclass(eq=False)
class Metric:
    node: cst.BaseExpression
    name: str | None  # the string, or the canonical class name


@dataclass(eq=False)
class Model:
    compile: CallFact
    kind: str  # sequential, functional, subclassed
    paths: list[list[Layer]]  # input -> output, one per output
    complete: list[bool]  # does each path reach the model's input?
    outputs: list[Output | None]
    losses: list[Loss | None]  # one per output
    metrics: list[Metric] | None  # None: not a literal list
    metrics_node: cst.BaseExpression | None  # compile's ``metrics=`` value
    metrics_per_output: bool = False
    fits: list[KerasFit] = field(default_factory=list)

    @property
    def single_output(self) -> Output | None:
        return self.outputs[0] if len(self.outputs) == 1 else None

    @property
    def single_loss(self) -> Loss | None:
        return self.losses[0] if len(self.losses) == 1 else None


class ModelFacts:
    def __init__(self, facts: FileFacts):
        self.facts = facts
        self.kf = keras_facts(facts)
        self._layers: dict[int, Layer] = {}
        self._adds: dict[tuple[int, str | None], list[CallFact]] = {}
        for add in facts.method_calls("add", "pop"):
            self._adds.setdefault((id(add.scope), dotted_name(add.receiver)), []).append(add)
        self._passed: dict[tuple[int, str], list[CallFact]] = {}  # calls taking a variable as argument
        for c in facts.calls:
            for a in (*c.positional, *c.keywords.values()):
                if type(a.value) is cst.Name:
                    self._passed.setdefault((id(c.scope), a.value.value), []).append(c)
        self._branches: dict[int, dict[int, tuple]] = {}  # scope -> statement -> if/try/match arms
        self._fits: dict[int, list[KerasFit]] = {}
        self._fit_compile: dict[int, CallFact] = {}
        self._constructed: list[list[Layer]] | None = None
        for fit in self.kf.fits:
            compile_call = fit.compile if fit.compile is not None and self._same_model(fit) else None
            if fit.compile is None:
                compile_call = self._factory_compile(fit)
            if compile_call is not None:
                self._fits.setdefault(id(compile_call), []).append(fit)
                self._fit_compile[id(fit.call)] = compile_call
        self.models: list[Model] = []
        self.by_compile: dict[int, Model] = {}
        for compile_call in facts.method_calls("compile"):
            model = self._model_for_compile(compile_call)
            if model is not None:
                self.models.append(model)
                self.by_compile[id(compile_call)] = model
        self._loop_models: list[Model] | None = None

    @property
    def loop_models(self) -> list[Model]:
        """Models trained in a custom loop: a Keras loss object applied to the model's output, ``loss_fn(y, model(x))``.

        Their ``compile`` is that loss call (there is no compile): only the
        output/loss checks read them, never compile's other arguments.
        """
        if self._loop_models is None:
            self._loop_models = self._custom_loop_models()
        return self._loop_models

    def output_of_model(self, expr, scope: Scope, before: int) -> Output | None:
        """The single output of the model ``expr`` holds, compiled or not."""
        built = self._build(expr, scope, before, 0)
        if built is None or len(built[1]) != 1 or not built[1][0]:
            return None
        return output_of(built[1][0], built[3][0])

    def _custom_loop_models(self) -> list[Model]:
        found: list[Model] = []
        seen: set[tuple[int, int]] = set()
        for call in self.facts.calls:
            func = call.func_text
            if call.callee is not None or call.has_star_args or len(call.positional) < 2 or not func or "." in func:
                continue
            loss = self.loss_of(call.node.func, call.scope, call.order)
            if loss is None or loss.spelling != "class" or loss.call is None:
                continue  # only a loss object is called like this: a plain function call names no loss
            if any(l is not None and l.call is loss.call for m in self.models for l in m.losses):
                continue  # also given to compile: its model is checked there
            pred, scope, before, _ = self.follow(call.positional[1].value, call.scope, call.order)
            applied = self.facts.call_of(pred) if isinstance(pred, cst.Call) else None
            if applied is None or applied.has_star_args or applied.func_text is None:
                continue
            built = self._build(applied.node.func, applied.scope, applied.order, 0)
            if built is None:
                continue
            kind, paths, complete, names = built
            if len(paths) != 1 or not paths[0]:
                continue
            key = (id(loss.call.node), id(paths[0][-1].node))
            if key in seen:
                continue  # the same loss on the same model in a train step and a test step
            seen.add(key)
            loss.where = loss.node
            found.append(Model(call, kind, paths, complete, [output_of(paths[0], names[0])], [loss], None, None))
        return found

    def constructed_paths(self) -> list[list[Layer]]:
        """Paths of every Sequential/functional model built here, compiled or not."""
        if self._constructed is not None:
            return self._constructed
        paths: list[list[Layer]] = [p for m in self.models for p in m.paths]
        compiled = {id(layer.node) for path in paths for layer in path if layer.node is not None}
        bindings = {id(a.value): a for a in self.facts.assignments if isinstance(a.value, cst.Call)}
        for call in self.facts.calls_to("keras.Sequential", "keras.Model"):
            if call.has_star_args:
                continue
            built = (
                self._sequential(call, bindings.get(id(call.node)))
                if call.callee == "keras.Sequential"
                else self._functional(call)
            )
            if built is None:
                continue
            for path in built[1]:
                if not any(id(layer.node) in compiled for layer in path if layer.node is not None):
                    paths.append(path)
        self._constructed = paths
        return paths

    def model_of_fit(self, fit: KerasFit) -> Model | None:
        compile_call = self._fit_compile.get(id(fit.call))
        return self.by_compile.get(id(compile_call)) if compile_call is not None else None

    def _factory_compile(self, fit: KerasFit) -> CallFact | None:
        """``model = build(); model.fit(...)`` where ``build`` compiles the model it returns."""
        value, _, _, _ = self.follow(fit.call.receiver, fit.call.scope, fit.call.order)
        call = self.facts.call_of(value) if isinstance(value, cst.Call) else None
        fn = self.facts.functions.get(call.func_text or "") if call is not None and call.callee is None else None
        if fn is None or len(fn.returns) != 1:
            return None
        returned = dotted_name(fn.returns[0])
        found = [c for c in self.facts.method_calls("compile") if c.scope is fn.scope and dotted_name(c.receiver) == returned]
        return found[-1] if len(found) == 1 else None

    def _same_model(self, fit: KerasFit) -> bool:
        """Does this fit train the model of its compile (same scope, or the factory that compiles it)?"""
        compile_call = fit.compile
        assert compile_call is not None
        if compile_call.scope is fit.call.scope:
            return True
        fn = self.facts.enclosing_function(compile_call.scope)
        value, _, _, _ = self.follow(fit.call.receiver, fit.call.scope, fit.call.order)
        call = self.facts.call_of(value) if isinstance(value, cst.Call) else None
        return fn is not None and call is not None and call.func_text == fn.qualname

    # -- following names -------------------------------------------------------
    def binding(self, name: str, scope: Scope, before: int) -> AssignFact | None:
        """The one assignment a read of ``name`` sees (values.py's policy); None when several may."""
        reaching = self.facts.values.reaching(name, scope, before)
        if isinstance(reaching, list) and len(reaching) == 1:
            return reaching[0]
        if reaching == [] and name.startswith("self.") and scope.class_name:
            owner = scope.class_name
            candidates = [a for a in self.facts.assignments_by_name.get(name, ()) if a.scope.class_name == owner]
            if len(candidates) == 1:
                return candidates[0]
        return None

    def follow(self, node: cst.CSTNode | None, scope: Scope, before: int) -> tuple[Any, Scope, int, AssignFact | None]:
        """Follow a name to the one expression it holds (values.py), with the assignment that bound it."""
        sites = self.facts.values.sites(node, scope, before) if node is not None else None
        if not sites or len(sites) != 1:
            return node, scope, before, None
        site = sites[0]
        return site.node, site.scope, site.before, site.via

    # -- layers ----------------------------------------------------------------
    def layer_of_call(self, call: CallFact) -> Layer:
        cached = self._layers.get(id(call.node))
        if cached is not None:
            return cached
        callee = call.callee
        facts = self.facts
        if callee in M.SIZED_LAYERS:
            param, position, act_position, default = M.SIZED_LAYERS[callee]
            units = facts.const_of_call_arg(call, param, position)
            if not call.has_arg(param) and len(call.positional) <= position:
                keras1 = next((call.keywords[k] for k in M.KERAS1_SIZE_KEYWORDS if k in call.keywords), None)
                units = facts.const(keras1.value, call.scope, call.order) if keras1 is not None else units
            if not isinstance(units, int) or isinstance(units, bool):
                units = UNKNOWN
            activation, node = self._activation_arg(call, act_position, default)
            layer = Layer("sized", call, callee, units, activation, node)
        elif callee in M.ACTIVATION_LAYERS:
            fixed = M.ACTIVATION_LAYERS[callee]
            if fixed is None:
                activation, node = self._activation_arg(call, 0, None)
            else:
                activation, node = fixed, None
                if not self._last_axis(call, 0 if callee == "keras.layers.Softmax" else None):
                    activation = None  # softmax over another axis (e.g. attention over time steps)
            layer = Layer("activation", call, callee, activation=activation, activation_node=node)
        elif callee in M.TRANSPARENT_LAYERS:
            layer = Layer("transparent", call, callee)
        elif callee in M.NORMALIZATION_LAYERS:
            layer = Layer("normalization", call, callee)
        elif callee in M.SCALING_LAYERS:
            layer = Layer("scaling", call, callee)
        elif callee in M.INPUT_CONSTRUCTORS:
            layer = Layer("input", call, callee)
        elif callee in M.MERGE_LAYERS:
            layer = Layer("merge", call, callee)
        elif callee and callee.startswith("keras.layers.") and callee != "keras.layers.Lambda":
            layer = Layer("other", call, callee)
        else:
            layer = Layer("unknown", call, callee)
        self._layers[id(call.node)] = layer
        return layer

    def _last_axis(self, call: CallFact, position: int | None) -> bool:
        """Does this softmax-like call work on the last axis (the default)?"""
        arg = call.arg("axis", position) or call.keywords.get("dim")
        if arg is None:
            return True
        return self.facts.const(arg.value, call.scope, call.order) in (-1, None)

    def _activation_arg(self, call: CallFact, position: int | None, default: str | None) -> tuple[str | None, Any]:
        arg = call.arg("activation", position)
        if arg is None:
            return default, None
        return self.activation_of(arg.value, call.scope, call.order), arg.value

    def activation_of(self, value: cst.BaseExpression, scope: Scope, before: int) -> str | None:
        """Canonical activation name of an ``activation=`` value; None when unknown."""
        const = self.facts.const(value, scope, before)
        if const is None:
            return "linear"
        if isinstance(const, str):
            name = const.lower()
            return name if name in M.ACTIVATION_NAMES else None
        resolved = self.facts.resolve(value)
        if resolved in M.ACTIVATION_FUNCTIONS:
            return M.ACTIVATION_FUNCTIONS[resolved]
        if isinstance(value, cst.Call):
            call = self.facts.call_of(value)
            if call is not None and call.callee in M.ACTIVATION_LAYERS:
                fixed = M.ACTIVATION_LAYERS[call.callee]
                return fixed
        return None

    def _layer_from_expr(self, expr: cst.CSTNode, scope: Scope, before: int) -> Layer:
        node, _, _, _ = self.follow(expr, scope, before)
        call = self.facts.call_of(node) if isinstance(node, cst.Call) else None
        if call is None:
            return Layer("unknown")
        return self.layer_of_call(call)

    # -- models ----------------------------------------------------------------
    def _model_for_compile(self, compile_call: CallFact) -> Model | None:
        if compile_call.receiver is None or compile_call.has_star_args:
            return None
        built = self._build(compile_call.receiver, compile_call.scope, compile_call.order, 0)
        if built is None:
            return None
        kind, paths, complete, names = built
        outputs = [output_of(path, name) for path, name in zip(paths, names)]
        losses = self._losses(compile_call, outputs)
        metrics, metrics_node, per_output = self._metrics(compile_call)
        model = Model(compile_call, kind, paths, complete, outputs, losses, metrics, metrics_node, per_output)
        model.fits = self._fits.get(id(compile_call), [])
        return model

    def _build(self, expr, scope: Scope, before: int, depth: int):
        if depth > 5:
            return None
        node, scope, before, binding = self.follow(expr, scope, before)
        if not isinstance(node, cst.Call):
            return None
        call = self.facts.call_of(node)
        if call is None or call.has_star_args:
            return None
        if call.callee == "keras.Sequential":
            return self._sequential(call, binding)
        if call.callee == "keras.Model":
            return self._functional(call)
        name = call.func_text
        if name and name in self.facts.functions and call.callee is None:
            fn = self.facts.functions[name]
            if len(fn.returns) == 1:
                return self._build(fn.returns[0], fn.scope, 10**9, depth + 1)
            return None
        if name and call.callee is None and self.kf.is_model_class(name):
            return self._subclassed(name)
        return None

    def _grown(self, binding: AssignFact) -> bool:
        """Is the list bound here appended to, extended or ``+=``-ed later?"""
        name = binding.names[0]
        for call in self.facts.method_calls("append", "extend", "insert"):
            if dotted_name(call.receiver) == name and call.scope is binding.scope:
                return True
        return any(a.augmented and a.scope is binding.scope for a in self.facts.assignments_by_name.get(name, ()))

    def _handed_over(self, binding: AssignFact, end: int) -> bool:
        """Is the model variable passed to a local helper (which may add layers) before ``end``?"""
        for call in self._passed.get((id(binding.scope), binding.names[0]), ()):
            if not binding.order < call.order < end or call.func_text in _HARMLESS_BUILTINS:
                continue
            if call.callee is None and self._leaves_layers_alone(call):
                continue
            if call.callee is None or not call.callee.startswith(_LIBRARY_PREFIXES):
                return True
        return False

    def _leaves_layers_alone(self, call: CallFact) -> bool:
        """A helper of this file that adds or removes no layer and calls no other helper (``compile_model(model)``)."""
        fn = self.facts.functions.get(call.func_text or "")
        if fn is None:
            return False
        for inner in self.facts.calls:
            if any(sc is fn.scope for sc in inner.scope.chain()) and (
                inner.method in ("add", "pop") or (inner.callee is None and inner.func_text in self.facts.functions)
            ):
                return False
        return True

    def _arm_path(self, scope: Scope, order: int) -> tuple | None:
        """The if/try/match arms (outermost first) the statement at ``order`` sits in, within ``scope``.

        ``with`` blocks, loop bodies and ``finally`` are no arms: their statements run whenever the
        block does (loops are judged apart, as repeated layers). None: not a statement of ``scope``.
        """
        paths = self._branches.get(id(scope))
        if paths is None:
            paths = {}
            node = scope.node
            body = node.body if isinstance(node, cst.Module) else getattr(getattr(node, "body", None), "body", ())
            stack: list[tuple[Any, tuple]] = [(stmt, ()) for stmt in body]
            while stack:
                stmt, path = stack.pop()
                if isinstance(stmt, cst.SimpleStatementLine):
                    for small in stmt.body:
                        paths[id(small)] = path
                    continue
                paths[id(stmt)] = path
                for arm, block in _arms_of(stmt):
                    inner = path + ((id(stmt), arm),) if arm is not None else path
                    stack.extend((child, inner) for child in _statements_in(block))
            self._branches[id(scope)] = paths
        statements = self.facts.statements
        return paths.get(id(statements[order])) if 0 <= order < len(statements) else None

    def _sequential(self, call: CallFact, binding: AssignFact | None, depth: int = 0):
        facts = self.facts
        path: list[Layer] = []
        arg = call.arg("layers", 0)
        if arg is not None:
            elements = self._elements(arg.value, call.scope, call.order)
            if elements is None:
                return None
            path.extend(self._layer_from_expr(el, call.scope, call.order) for el in elements)
        if binding is not None and len(binding.names) == 1:
            var = binding.names[0]
            later = [
                a.order for a in facts.assignments_by_name.get(var, ())
                if a.scope is binding.scope and a.order > binding.order
            ]
            end = min(later) if later else 10**9
            if self._handed_over(binding, end):
                return None
            for add in self._adds.get((id(binding.scope), var), ()):
                if not binding.order < add.order < end:
                    continue
                if add.method == "pop" or len(add.positional) != 1:
                    return None
                arms = self._arm_path(binding.scope, add.order)
                if arms is None or arms != self._arm_path(binding.scope, binding.order):
                    return None  # added in an if/try arm the model was not created in: its layers depend
                layer = self._layer_from_expr(add.positional[0].value, add.scope, add.order)
                if add.loop_depth > binding.loop_depth:
                    layer = _repeated(layer)
                path.append(layer)
        path = [layer for layer in path if layer.kind != "input"]
        path = [inner for layer in path for inner in self._nested_layers(layer, depth)]
        name = _const_name(facts, call)
        return "sequential", [path], [True], [name]

    def _nested_layers(self, layer: Layer, depth: int) -> list[Layer]:
        """A Sequential used as a layer (``augment = Sequential([RandomFlip(), ...])``) is its own layers in order."""
        if layer.kind != "unknown" or layer.callee != "keras.Sequential" or layer.call is None or depth >= 3:
            return [layer]
        binding = next((a for a in self.facts.assignments if a.value is layer.call.node), None)
        built = self._sequential(layer.call, binding, depth + 1)
        return built[1][0] if built is not None else [layer]

    def _elements(self, expr, scope: Scope, before: int) -> list[cst.BaseExpression] | None:
        node, _, _, binding = self.follow(expr, scope, before)
        if not isinstance(node, (cst.List, cst.Tuple)):
            return None
        if binding is not None and self._grown(binding):
            return None
        if any(isinstance(el, cst.StarredElement) for el in node.elements):
            return None
        return [el.value for el in node.elements]

    def _functional(self, call: CallFact):
        arg = call.arg("outputs", 1)
        if arg is None:
            return None
        node, scope, before, _ = self.follow(arg.value, call.scope, call.order)
        if isinstance(node, cst.Dict):
            exprs = []
            for el in node.elements:
                if not isinstance(el, cst.DictElement):
                    return None
                exprs.append(el.value)
        elif isinstance(node, (cst.List, cst.Tuple)):
            if any(isinstance(el, cst.StarredElement) for el in node.elements):
                return None
            exprs = [el.value for el in node.elements]
        else:
            exprs = [arg.value]
            scope, before = call.scope, call.order
        paths, complete, names = [], [], []
        for expr in exprs:
            path, done = self.trace(expr, scope, before, call.loop_depth, ())
            paths.append(path)
            complete.append(done)
            names.append(_const_name(self.facts, path[-1].call) if path and path[-1].call else None)
        return "functional", paths, complete, names

    def _subclassed(self, class_name: str):
        fn = self.facts.functions.get(f"{class_name}.call")
        if fn is None or len(fn.returns) != 1:
            return None
        inputs = tuple(p for p in fn.params if p != "self")[:1]
        ret = fn.returns[0]
        exprs = [el.value for el in ret.elements] if isinstance(ret, (cst.Tuple, cst.List)) else [ret]
        paths, complete = [], []
        for expr in exprs:
            path, done = self.trace(expr, fn.scope, 10**9, 0, inputs)
            paths.append(path)
            complete.append(done)
        return "subclassed", paths, complete, [None] * len(paths)

    def trace(self, expr, scope: Scope, before: int, base_loop: int, inputs: tuple[str, ...]) -> tuple[list[Layer], bool]:
        """Layers from a tensor back to the model input (returned input -> output)."""
        facts = self.facts
        steps: list[Layer] = []
        for _ in range(_MAX_DEPTH):
            node, scope, before, _ = self.follow(expr, scope, before)
            if isinstance(node, cst.Name) and node.value in inputs:
                return steps[::-1], True
            if not isinstance(node, cst.Call):
                break
            call = facts.call_of(node)
            if call is None or call.has_star_args:
                break
            if call.callee in M.INPUT_CONSTRUCTORS:
                return steps[::-1], True
            if call.callee in M.ACTIVATION_FUNCTIONS:
                activation = M.ACTIVATION_FUNCTIONS[call.callee]
                if not self._last_axis(call, 1):
                    activation = None  # e.g. tf.nn.softmax(scores, axis=1)
                layer = Layer("activation", call, call.callee, activation=activation)
            elif isinstance(node.func, cst.Call):
                inner = facts.call_of(node.func)
                if inner is None:
                    break
                layer = self.layer_of_call(inner)
            elif call.callee is None and call.func_text:
                layer = self._layer_from_expr(node.func, call.scope, call.order)
            else:
                break
            if call.loop_depth > base_loop:
                layer = _repeated(layer)
            steps.append(layer)
            if layer.kind in ("merge", "input"):
                break
            x = call.arg("inputs", 0)
            if x is None or len(call.positional) > 1 and layer.kind != "activation":
                break
            expr, scope, before = x.value, call.scope, call.order
            if isinstance(expr, (cst.List, cst.Tuple)):
                break
        return steps[::-1], False

    # -- compile -----------------------------------------------------------------
    def _losses(self, compile_call: CallFact, outputs: list[Output | None]) -> list[Loss | None]:
        arg = compile_call.arg("loss", 1)
        if arg is None:
            return [None] * len(outputs)
        losses = self._losses_of(arg, compile_call, outputs)
        for loss in losses:
            if loss is not None:
                loss.where = arg.value
        return losses

    def _losses_of(self, arg: cst.Arg, compile_call: CallFact, outputs: list[Output | None]) -> list[Loss | None]:
        node, scope, before, _ = self.follow(arg.value, compile_call.scope, compile_call.order)
        if isinstance(node, cst.Dict):
            by_name: dict[str, Loss | None] = {}
            for el in node.elements:
                if not isinstance(el, cst.DictElement):
                    return [None] * len(outputs)
                key = self.facts.const(el.key, scope, before)
                if isinstance(key, str):
                    by_name[key] = self.loss_of(el.value, scope, before)
            return [by_name.get(o.name) if o is not None and o.name else None for o in outputs]
        if isinstance(node, (cst.List, cst.Tuple)):
            losses = [self.loss_of(el.value, scope, before) for el in node.elements if isinstance(el, cst.Element)]
            return losses if len(losses) == len(outputs) else [None] * len(outputs)
        loss = self.loss_of(arg.value, compile_call.scope, compile_call.order)
        return [loss] * len(outputs)

    def loss_of(self, expr: cst.BaseExpression, scope: Scope, before: int) -> Loss | None:
        facts = self.facts
        const = facts.const(expr, scope, before)
        if isinstance(const, str):
            return Loss(M.LOSS_STRINGS.get(const), False, expr, "string", const)
        node, scope, before, _ = self.follow(expr, scope, before)
        if isinstance(node, cst.Call):
            call = facts.call_of(node)
            if call is None or call.callee not in M.LOSS_CLASSES or call.has_star_args:
                return None
            family, position = M.LOSS_CLASSES[call.callee]
            arg = call.arg("from_logits", position) if position is not None else None
            if arg is None:
                from_logits: bool | None = False
            else:
                value = facts.const(arg.value, call.scope, call.order)
                from_logits = value if isinstance(value, bool) else None
            return Loss(family, from_logits, expr, "class", call.callee, call, arg)
        resolved = facts.resolve(node) if isinstance(node, (cst.Name, cst.Attribute)) else None
        if resolved in M.LOSS_FUNCTIONS:
            return Loss(M.LOSS_FUNCTIONS[resolved], False, expr, "function", resolved)
        return None

    def _metrics(self, compile_call: CallFact) -> tuple[list[Metric] | None, Any, bool]:
        arg = compile_call.arg("metrics")
        if arg is None:
            return [], None, False
        node, scope, before, _ = self.follow(arg.value, compile_call.scope, compile_call.order)
        if isinstance(node, cst.Dict):
            return None, arg.value, True
        if not isinstance(node, (cst.List, cst.Tuple)):
            return None, arg.value, False
        metrics = []
        for el in node.elements:
            if not isinstance(el, cst.Element):
                return None, arg.value, False
            const = self.facts.const(el.value, scope, before)
            if isinstance(const, str):
                metrics.append(Metric(el.value, const))
                continue
            if isinstance(el.value, (cst.List, cst.Tuple, cst.Dict)):
                return None, arg.value, True
            call = self.facts.call_of(el.value) if isinstance(el.value, cst.Call) else None
            metrics.append(Metric(el.value, call.callee if call else self.facts.resolve(el.value)))
        return metrics, arg.value, False


_HARMLESS_BUILTINS = frozenset({"print", "len", "id", "type", "isinstance", "str", "repr", "hasattr", "getattr"})
_LIBRARY_PREFIXES = ("keras.", "tensorflow.", "numpy.", "sklearn.", "pandas.", "matplotlib.")


def _statements_in(block) -> tuple:
    """The statements of an indented block or a one-line suite (``if x: model.add(...)``)."""
    if block is None:
        return ()
    if isinstance(block, (cst.If, cst.SimpleStatementLine)):
        return (block,)  # an elif, or a statement standing for itself
    return tuple(getattr(block, "body", ()))  # IndentedBlock: statements; SimpleStatementSuite: small ones


def _arms_of(stmt) -> list[tuple[Any, Any]]:
    """(arm, block) pairs of a compound statement; arm None: the block always runs with the statement."""
    if isinstance(stmt, cst.If):
        arms = [(0, stmt.body)]
        if isinstance(stmt.orelse, cst.If):
            arms.append((1, stmt.orelse))
        elif stmt.orelse is not None:
            arms.append((1, stmt.orelse.body))
        return arms
    if isinstance(stmt, (cst.Try, cst.TryStar)):
        arms = [(0, stmt.body)] + [(i + 1, h.body) for i, h in enumerate(stmt.handlers)]
        if stmt.orelse is not None:
            arms.append(("else", stmt.orelse.body))
        if stmt.finalbody is not None:
            arms.append((None, stmt.finalbody.body))
        return arms
    if isinstance(stmt, cst.Match):
        return [(i, case.body) for i, case in enumerate(stmt.cases)]
    if isinstance(stmt, (cst.With, cst.For, cst.While)):
        arms = [(None, stmt.body)]
        if getattr(stmt, "orelse", None) is not None:
            arms.append(("else", stmt.orelse.body))
        return arms
    return []  # function and class bodies are other scopes


def _repeated(layer: Layer) -> Layer:
    if layer.repeated:
        return layer
    return Layer(layer.kind, layer.call, layer.callee, layer.units, layer.activation, layer.activation_node, True)


def _const_name(facts: FileFacts, call: CallFact | None) -> str | None:
    if call is None:
        return None
    arg = call.keywords.get("name")
    value = facts.const(arg.value, call.scope, call.order) if arg is not None else None
    return value if isinstance(value, str) else None


def output_of(path: list[Layer], name: str | None) -> Output | None:
    """The output layer of a path: its last sized layer and the activation after it."""
    activation_layer: Layer | None = None
    for layer in reversed(path):
        if layer.repeated:
            return None
        if layer.kind == "transparent":
            continue
        if layer.kind == "activation":
            if activation_layer is None:
                activation_layer = layer
            continue
        if layer.kind == "sized":
            source = activation_layer or layer
            out_name = name or _name_of(layer)
            return Output(layer, source.activation, source, out_name)
        return None
    return None


def _name_of(layer: Layer) -> str | None:
    if layer.call is None:
        return None
    arg = layer.call.keywords.get("name")
    if arg is not None and isinstance(arg.value, cst.SimpleString):
        value = string_value(arg.value)
        return value if isinstance(value, str) else None
    return None


def model_facts(facts: FileFacts) -> ModelFacts:
    return facts.derived(ModelFacts)
