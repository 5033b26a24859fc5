"""Benchmark corpora: generated training scripts and real library code.

``generate(n, seed)`` writes ``n`` realistic files under
``bench/.corpus/gen-<n>-s<seed>/`` from templates, deterministically for a
seed: Keras scripts (Sequential, functional, subclassed; tf.keras, keras and
``from tensorflow import keras`` imports), pandas + scikit-learn
preprocessing, imbalanced-learn resampling, scikit-learn-only pipelines,
notebooks with magics, shell escapes and outputs, and plain helper modules
that import no ML library (the cheap path). Roughly 60% Keras, 10% notebooks,
10% scikit-learn only, 20% helpers, 60-450 lines each.

``real_corpus()`` copies the ``.py`` files of the installed keras and
scikit-learn packages to ``bench/.corpus/real/`` (a large body of real code;
the copy keeps it out of ``site-packages``, which tflint excludes).

    .venv/bin/python bench/corpus.py 1000        # writes and prints the folder
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import textwrap
from pathlib import Path

CORPUS_ROOT = Path(__file__).resolve().parent / ".corpus"
GENERATOR_VERSION = "5"  # bump when the templates change: folders are rebuilt


# --------------------------------------------------------------------------
# building blocks (each returns a block of source text)


def _imports(r: random.Random, style: str, extras: list[str]) -> str:
    lines = []
    if r.random() < 0.6:
        lines += ["import os", "import sys"] if r.random() < 0.5 else ["import os"]
    if r.random() < 0.5:
        lines.append("import argparse")
    if r.random() < 0.3:
        lines.append("import json")
    if r.random() < 0.3:
        lines.append("from pathlib import Path")
    lines.append("")
    lines.append("import numpy as np")
    if "pandas" in extras:
        lines.append("import pandas as pd")
    if "plt" in extras:
        lines.append("import matplotlib.pyplot as plt")
    if style == "tf":
        lines.append("import tensorflow as tf")
        lines.append("from tensorflow.keras import layers")
        if r.random() < 0.5:
            lines.append("from tensorflow.keras.callbacks import EarlyStopping, ModelCheckpoint")
    elif style == "keras":
        lines.append("import keras")
        lines.append("from keras import layers")
        if r.random() < 0.5:
            lines.append("from keras.callbacks import EarlyStopping, ModelCheckpoint")
    else:
        lines.append("import tensorflow as tf")
        lines.append("from tensorflow import keras")
        lines.append("from tensorflow.keras import layers as L")
    if "sklearn" in extras:
        lines.append("from sklearn.model_selection import train_test_split")
        lines.append(r.choice([
            "from sklearn.preprocessing import StandardScaler",
            "from sklearn.preprocessing import MinMaxScaler as StandardScaler",
            "from sklearn.preprocessing import StandardScaler, LabelEncoder",
        ]))
        if r.random() < 0.4:
            lines.append("from sklearn.metrics import classification_report, confusion_matrix")
    if "imblearn" in extras:
        lines.append("from imblearn.over_sampling import SMOTE")
    return "\n".join(lines) + "\n"


def _keras_ns(style: str) -> tuple[str, str]:
    """(namespace for Sequential/Model/optimizers, layers alias)"""
    return {"tf": ("tf.keras", "layers"), "keras": ("keras", "layers"), "from_tf": ("keras", "L")}[style]


def _constants(r: random.Random) -> dict:
    c = {
        "EPOCHS": r.choice([5, 10, 20, 30, 50, 100, 200]),
        "BATCH_SIZE": r.choice([16, 32, 64, 128, 256]),
        "LR": r.choice([1e-4, 3e-4, 1e-3, 0.01, 0.05, 0.1, 1e-7]),
        "SEED": r.randint(0, 9999),
        "NUM_CLASSES": r.choice([2, 3, 5, 10, 100]),
        "INPUT_DIM": r.choice([8, 16, 32, 64, 784]),
    }
    return c


def _constants_block(c: dict) -> str:
    return "\n".join(f"{k} = {v!r}" for k, v in c.items()) + "\n"


def _argparse_block(r: random.Random, c: dict) -> str:
    return textwrap.dedent(
        f"""\
        def parse_args(argv=None):
            parser = argparse.ArgumentParser(description="Train a model")
            parser.add_argument("--epochs", type=int, default={c['EPOCHS']})
            parser.add_argument("--batch-size", type=int, default={c['BATCH_SIZE']})
            parser.add_argument("--lr", type=float, default={c['LR']!r})
            parser.add_argument("--data", default="data/{r.choice(['train', 'dataset', 'records'])}.csv")
            parser.add_argument("--out", default="runs/{r.randint(1, 99)}")
            return parser.parse_args(argv)
        """
    )


def _helper_functions(r: random.Random, count: int) -> str:
    """Plain Python that real scripts carry along: logging, io, text, metrics."""
    out = []
    pool = [
        lambda i: f'''\
def load_config_{i}(path):
    """Read a JSON config, falling back to defaults."""
    defaults = {{"name": "run_{i}", "verbose": {r.randint(0, 2)}, "tags": ["a", "b"]}}
    if not os.path.exists(path):
        return defaults
    with open(path, encoding="utf-8") as handle:
        loaded = json.load(handle) if path.endswith(".json") else {{}}
    defaults.update(loaded)
    return defaults
''',
        lambda i: f'''\
def moving_average_{i}(values, window={r.randint(2, 9)}):
    out = []
    total = 0.0
    for index, value in enumerate(values):
        total += value
        if index >= window:
            total -= values[index - window]
        out.append(total / min(index + 1, window))
    return out
''',
        lambda i: f'''\
def format_metrics_{i}(metrics, precision={r.randint(2, 5)}):
    parts = []
    for key in sorted(metrics):
        value = metrics[key]
        if isinstance(value, float):
            parts.append(f"{{key}}={{value:.{{precision}}f}}")
        else:
            parts.append(f"{{key}}={{value}}")
    return ", ".join(parts)
''',
        lambda i: f'''\
class Timer{i}:
    """Context manager measuring wall time of a block."""

    def __init__(self, label="block {i}"):
        self.label = label
        self.elapsed = None

    def __enter__(self):
        import time
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        import time
        self.elapsed = time.perf_counter() - self._start
        print(f"{{self.label}}: {{self.elapsed:.3f}}s")
        return False
''',
        lambda i: f'''\
def chunked_{i}(items, size={r.choice([8, 16, 32])}):
    """Yield successive chunks of ``items``."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
''',
        lambda i: f'''\
def clean_text_{i}(text: str) -> str:
    text = text.lower().strip()
    for old, new in (("\\n", " "), ("\\t", " "), ("  ", " ")):
        while old in text:
            text = text.replace(old, new)
    return "".join(ch for ch in text if ch.isalnum() or ch in " -_'")
''',
        lambda i: f'''\
def ensure_dir_{i}(path):
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as exc:
        print("cannot create", path, exc)
        raise
    return path
''',
    ]
    for i in range(count):
        out.append(r.choice(pool)(i))
    return "\n\n".join(out)


def _data_block(r: random.Random, c: dict, uses_pandas: bool) -> str:
    if uses_pandas:
        target = r.choice(["label", "target", "y", "class"])
        return textwrap.dedent(
            f"""\
            def load_data(path):
                df = pd.read_csv(path)
                df = df.dropna(subset=["{target}"])
                df = df.drop_duplicates()
                df["{target}"] = df["{target}"].astype("category").cat.codes
                numeric = df.select_dtypes(include=[np.number]).columns.tolist()
                numeric.remove("{target}")
                df[numeric] = df[numeric].fillna(df[numeric].median())
                features = pd.get_dummies(df.drop(columns=["{target}"]), drop_first=True)
                return features.values.astype("float32"), df["{target}"].values
            """
        )
    kind = r.choice(["mnist", "random", "cifar"])
    if kind == "random":
        return textwrap.dedent(
            f"""\
            def load_data(path=None):
                rng = np.random.default_rng(SEED)
                x = rng.normal(size=({r.randint(500, 5000)}, INPUT_DIM)).astype("float32")
                y = rng.integers(0, NUM_CLASSES, size=len(x))
                return x, y
            """
        )
    ds = "mnist" if kind == "mnist" else "cifar10"
    return textwrap.dedent(
        f"""\
        def load_data(path=None):
            (x_train, y_train), (x_test, y_test) = tf.keras.datasets.{ds}.load_data()
            x_train = x_train.reshape(len(x_train), -1).astype("float32") / 255.0
            x_test = x_test.reshape(len(x_test), -1).astype("float32") / 255.0
            return np.concatenate([x_train, x_test]), np.concatenate([y_train, y_test])
        """
    )


def _preprocess_block(r: random.Random, uses_sklearn: bool, uses_imblearn: bool) -> str:
    if not uses_sklearn:
        return textwrap.dedent(
            """\
            def preprocess(x, y):
                mean = x.mean(axis=0)
                std = x.std(axis=0) + 1e-7
                x = (x - mean) / std
                split = int(0.8 * len(x))
                return x[:split], x[split:], y[:split], y[split:]
            """
        )
    leaky = r.random() < 0.4
    smote = "    x_train, y_train = SMOTE(random_state=SEED).fit_resample(x_train, y_train)\n" if uses_imblearn else ""
    if leaky:
        return (
            "def preprocess(x, y):\n"
            "    scaler = StandardScaler()\n"
            "    x = scaler.fit_transform(x)\n"
            f"    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size={r.choice([0.1, 0.2, 0.25])}, random_state=SEED)\n"
            + smote
            + "    return x_train, x_test, y_train, y_test\n"
        )
    return (
        "def preprocess(x, y):\n"
        f"    x_train, x_test, y_train, y_test = train_test_split(\n"
        f"        x, y, test_size={r.choice([0.1, 0.2, 0.25])}, random_state=SEED, stratify=y\n"
        "    )\n"
        "    scaler = StandardScaler()\n"
        "    x_train = scaler.fit_transform(x_train)\n"
        "    x_test = scaler.transform(x_test)\n"
        + smote
        + "    return x_train, x_test, y_train, y_test\n"
    )


def _optimizer(r: random.Random, ns: str) -> str:
    return r.choice([
        '"adam"',
        f"{ns}.optimizers.Adam(learning_rate=LR)",
        f"{ns}.optimizers.Adam(LR)",
        f"{ns}.optimizers.SGD(learning_rate=LR * 10, momentum=0.9)",
        f"{ns}.optimizers.RMSprop(lr=LR)",
        f"{ns}.optimizers.Adam({ns}.optimizers.schedules.ExponentialDecay(LR, decay_steps=1000, decay_rate=0.96))",
        f"{ns}.optimizers.AdamW(learning_rate=LR, weight_decay=1e-4)",
    ])


def _hidden_units(r: random.Random) -> list[int]:
    return [r.choice([16, 32, 64, 128, 256, 512]) for _ in range(r.randint(1, 5))]


def _model_block(r: random.Random, style: str, shape: str) -> str:
    ns, L = _keras_ns(style)
    units = _hidden_units(r)
    act = r.choice(["relu", "gelu", "tanh", "elu"])
    out_act = r.choice(["softmax", "softmax", "sigmoid"])
    dropout = r.choice([0.0, 0.1, 0.2, 0.5])
    if shape == "sequential":
        body = [f"    model = {ns}.Sequential(["]
        body.append(f"        {L}.Input(shape=(input_dim,)),")
        for u in units:
            body.append(f"        {L}.Dense({u}, activation=\"{act}\"),")
            if dropout:
                body.append(f"        {L}.Dropout({dropout}),")
            if r.random() < 0.3:
                body.append(f"        {L}.BatchNormalization(),")
        body.append(f"        {L}.Dense(num_classes, activation=\"{out_act}\"),")
        body.append("    ])")
        return "def build_model(input_dim, num_classes):\n" + "\n".join(body) + "\n    return model\n"
    if shape == "functional":
        body = [f"    inputs = {L}.Input(shape=(input_dim,), name=\"features\")", "    x = inputs"]
        for i, u in enumerate(units):
            body.append(f"    x = {L}.Dense({u}, activation=\"{act}\", name=\"dense_{i}\")(x)")
            if dropout:
                body.append(f"    x = {L}.Dropout({dropout})(x)")
        if r.random() < 0.3:
            body.append(f"    skip = {L}.Dense({units[-1]})(inputs)")
            body.append(f"    x = {L}.Add()([x, skip])")
        body.append(f"    outputs = {L}.Dense(num_classes, activation=\"{out_act}\")(x)")
        body.append(f"    return {ns}.Model(inputs=inputs, outputs=outputs, name=\"net\")")
        return "def build_model(input_dim, num_classes):\n" + "\n".join(body) + "\n"
    # subclassed
    lines = [f"class Net({ns}.Model):", "    def __init__(self, num_classes, **kwargs):", "        super().__init__(**kwargs)"]
    for i, u in enumerate(units):
        lines.append(f"        self.dense_{i} = {L}.Dense({u}, activation=\"{act}\")")
    lines.append(f"        self.dropout = {L}.Dropout({dropout or 0.1})")
    lines.append(f"        self.head = {L}.Dense(num_classes, activation=\"{out_act}\")")
    lines.append("")
    lines.append("    def call(self, inputs, training=False):")
    lines.append("        x = inputs")
    for i in range(len(units)):
        lines.append(f"        x = self.dense_{i}(x)")
    lines.append("        x = self.dropout(x, training=training)")
    lines.append("        return self.head(x)")
    lines.append("")
    lines.append("")
    lines.append("def build_model(input_dim, num_classes):")
    lines.append("    model = Net(num_classes)")
    lines.append("    model.build((None, input_dim))")
    lines.append("    return model")
    return "\n".join(lines) + "\n"


def _train_block(r: random.Random, style: str, use_args: bool) -> str:
    ns, _ = _keras_ns(style)
    loss = r.choice(['"sparse_categorical_crossentropy"', f"{ns}.losses.SparseCategoricalCrossentropy()", '"categorical_crossentropy"'])
    metric = r.choice(['["accuracy"]', '["acc"]', f'[{ns}.metrics.SparseCategoricalAccuracy(name="accuracy")]'])
    epochs = "args.epochs" if use_args else "EPOCHS"
    batch = "args.batch_size" if use_args else "BATCH_SIZE"
    callbacks = []
    es = "EarlyStopping" if style != "from_tf" and r.random() < 0.5 else f"{ns}.callbacks.EarlyStopping"
    mc = "ModelCheckpoint" if es == "EarlyStopping" else f"{ns}.callbacks.ModelCheckpoint"
    if r.random() < 0.6:
        callbacks.append(f'{es}(monitor="{r.choice(["val_loss", "val_accuracy", "val_acc", "loss"])}", patience={r.randint(2, 15)}{", restore_best_weights=True" if r.random() < 0.5 else ""})')
    if r.random() < 0.4:
        callbacks.append(f'{mc}("best.keras", monitor="val_loss", save_best_only=True)')
    if r.random() < 0.3:
        callbacks.append(f'{ns}.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=3)')
    validation = r.choice(["validation_split=0.2", "validation_data=(x_val, y_val)", "", "validation_split=0.1"])
    fit_args = ["x_train", "y_train", f"epochs={epochs}", f"batch_size={batch}"]
    if validation:
        fit_args.append(validation)
    if callbacks:
        fit_args.append("callbacks=callbacks")
    if r.random() < 0.5:
        fit_args.append(f"verbose={r.choice([0, 1, 2])}")
    lines = ["def train(model, x_train, y_train, x_val, y_val" + (", args" if use_args else "") + "):"]
    lines.append(f"    callbacks = [{', '.join(callbacks)}]" if callbacks else "    callbacks = []")
    if r.random() < 0.15:
        lines.append("    model.trainable = True")
    lines.append(f"    model.compile(optimizer={_optimizer(r, ns)}, loss={loss}, metrics={metric})")
    if r.random() < 0.1:
        lines.append("    model.layers[0].trainable = False")
    lines.append("    history = model.fit(")
    lines.append("        " + ",\n        ".join(fit_args) + ",")
    lines.append("    )")
    lines.append("    return history")
    return "\n".join(lines) + "\n"


def _evaluate_block(r: random.Random, uses_sklearn: bool, uses_plt: bool) -> str:
    lines = [
        "def evaluate(model, x_test, y_test):",
        "    loss, accuracy = model.evaluate(x_test, y_test, verbose=0)",
        '    print(f"test loss {loss:.4f} accuracy {accuracy:.4f}")',
        "    predictions = np.argmax(model.predict(x_test), axis=-1)",
    ]
    if uses_sklearn and r.random() < 0.7:
        lines.append("    print(classification_report(y_test, predictions))")
    lines.append("    return {\"loss\": float(loss), \"accuracy\": float(accuracy)}")
    out = "\n".join(lines) + "\n"
    if uses_plt:
        out += textwrap.dedent(
            """\


            def plot_history(history, path="history.png"):
                fig, axes = plt.subplots(1, 2, figsize=(10, 4))
                for ax, key in zip(axes, ("loss", "accuracy")):
                    ax.plot(history.history.get(key, []), label="train")
                    ax.plot(history.history.get("val_" + key, []), label="validation")
                    ax.set_title(key)
                    ax.legend()
                fig.tight_layout()
                fig.savefig(path)
                plt.close(fig)
            """
        )
    return out


def _main_block(use_args: bool, uses_plt: bool) -> str:
    args = "args" if use_args else ""
    lines = ["def main(argv=None):"]
    if use_args:
        lines.append("    args = parse_args(argv)")
        lines.append("    x, y = load_data(args.data)")
    else:
        lines.append('    x, y = load_data("data/train.csv")')
    lines += [
        "    x_train, x_test, y_train, y_test = preprocess(x, y)",
        "    model = build_model(x_train.shape[1], NUM_CLASSES)",
        "    model.summary()",
        f"    history = train(model, x_train, y_train, x_test, y_test{', ' + args if args else ''})",
    ]
    if uses_plt:
        lines.append("    plot_history(history)")
    lines += ["    metrics = evaluate(model, x_test, y_test)", '    model.save("model.keras")', "    return metrics", "", "",
              'if __name__ == "__main__":', "    main()"]
    return "\n".join(lines) + "\n"


def keras_script(r: random.Random) -> str:
    style = r.choice(["tf", "tf", "keras", "from_tf"])
    shape = r.choice(["sequential", "sequential", "functional", "subclassed"])
    extras = []
    uses_pandas = r.random() < 0.45
    uses_sklearn = r.random() < 0.55
    uses_imblearn = uses_sklearn and r.random() < 0.15
    uses_plt = r.random() < 0.5
    if uses_pandas:
        extras.append("pandas")
    if uses_sklearn:
        extras.append("sklearn")
    if uses_imblearn:
        extras.append("imblearn")
    if uses_plt:
        extras.append("plt")
    use_args = r.random() < 0.4
    c = _constants(r)
    parts = [f'"""{r.choice(["Train", "Fit", "Experiment:"])} a {shape} {r.choice(["classifier", "model", "network"])} ({r.randint(1, 999)})."""\n']
    imports = _imports(r, style, extras)
    if use_args and "import argparse" not in imports:
        imports = "import argparse\n" + imports
    for needed in ("import json", "import os"):  # the helper functions use them
        if needed not in imports:
            imports = needed + "\n" + imports
    parts.append(imports)
    parts.append(_constants_block(c))
    parts.append(_helper_functions(r, r.randint(2, 14)))
    if use_args:
        parts.append(_argparse_block(r, c))
    parts.append(_data_block(r, c, uses_pandas))
    parts.append(_preprocess_block(r, uses_sklearn, uses_imblearn))
    parts.append(_model_block(r, style, shape))
    parts.append(_train_block(r, style, use_args))
    parts.append(_evaluate_block(r, uses_sklearn, uses_plt))
    parts.append(_main_block(use_args, uses_plt))
    return "\n\n".join(p.rstrip("\n") + "\n" for p in parts if p.strip())


def sklearn_script(r: random.Random) -> str:
    model = r.choice([
        ("from sklearn.ensemble import RandomForestClassifier", f"RandomForestClassifier(n_estimators={r.choice([100, 200, 500])}, random_state=SEED)"),
        ("from sklearn.linear_model import LogisticRegression", f"LogisticRegression(C={r.choice([0.1, 1.0, 10.0])}, max_iter=1000)"),
        ("from sklearn.svm import SVC", f"SVC(kernel=\"{r.choice(['rbf', 'linear'])}\", probability=True)"),
        ("from sklearn.ensemble import GradientBoostingClassifier", "GradientBoostingClassifier()"),
    ])
    grid = r.random() < 0.5
    text = textwrap.dedent(
        f'''\
        """Classical baseline with scikit-learn ({r.randint(1, 999)})."""

        import numpy as np
        import pandas as pd
        from sklearn.model_selection import train_test_split, GridSearchCV, cross_val_score
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import StandardScaler, OneHotEncoder
        from sklearn.compose import ColumnTransformer
        from sklearn.impute import SimpleImputer
        from sklearn.metrics import accuracy_score, f1_score
        {model[0]}

        SEED = {r.randint(0, 9999)}
        TARGET = "{r.choice(['label', 'churn', 'default', 'survived'])}"


        def build_pipeline(numeric, categorical):
            preprocess = ColumnTransformer([
                ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
                ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
            ])
            return Pipeline([("prep", preprocess), ("model", {model[1]})])


        def main(path="data.csv"):
            df = pd.read_csv(path)
            y = df.pop(TARGET)
            numeric = df.select_dtypes("number").columns.tolist()
            categorical = [c for c in df.columns if c not in numeric]
            x_train, x_test, y_train, y_test = train_test_split(df, y, test_size=0.2, random_state=SEED)
            pipeline = build_pipeline(numeric, categorical)
        '''
    )
    if grid:
        text += (
            '    search = GridSearchCV(pipeline, {"model__random_state": [SEED]}, cv=5, n_jobs=-1)\n'
            "    search.fit(x_train, y_train)\n"
            "    pipeline = search.best_estimator_\n"
        )
    else:
        text += (
            "    scores = cross_val_score(pipeline, x_train, y_train, cv=5)\n"
            '    print("cv", np.mean(scores), np.std(scores))\n'
            "    pipeline.fit(x_train, y_train)\n"
        )
    text += (
        "    predictions = pipeline.predict(x_test)\n"
        '    print("accuracy", accuracy_score(y_test, predictions))\n'
        '    print("f1", f1_score(y_test, predictions, average="macro"))\n'
        "    return pipeline\n\n\n"
        'if __name__ == "__main__":\n'
        "    main()\n"
    )
    return text + "\n\n" + _helper_functions(r, r.randint(0, 4))


def helper_module(r: random.Random) -> str:
    """A module that imports no ML library: tflint should skip it cheaply."""
    head = textwrap.dedent(
        f'''\
        """Utilities for the {r.choice(["data", "training", "experiment", "io"])} pipeline."""

        from __future__ import annotations

        import json
        import logging
        import os
        import re
        import time
        from dataclasses import dataclass, field
        from pathlib import Path

        log = logging.getLogger(__name__)
        PATTERN = re.compile(r"^(?P<name>[a-z_]+)-(?P<version>\\d+)\\.(?P<ext>\\w+)$")


        @dataclass
        class RunConfig:
            name: str = "run"
            seed: int = {r.randint(0, 9999)}
            tags: list = field(default_factory=list)
            params: dict = field(default_factory=dict)

            def to_json(self) -> str:
                return json.dumps({{"name": self.name, "seed": self.seed, "tags": self.tags, "params": self.params}})

            @classmethod
            def from_json(cls, text: str) -> "RunConfig":
                data = json.loads(text)
                return cls(**data)


        def find_files(root, suffix=".csv"):
            out = []
            for dirpath, _dirs, files in os.walk(root):
                for name in sorted(files):
                    if name.endswith(suffix) and PATTERN.match(name):
                        out.append(Path(dirpath) / name)
            log.info("found %d files under %s", len(out), root)
            return out
        '''
    )
    return head + "\n\n" + _helper_functions(r, r.randint(3, 14))


def notebook(r: random.Random) -> str:
    """An .ipynb (JSON) with magics, shell escapes, markdown and outputs."""
    script = keras_script(r)
    chunks = [c for c in script.split("\n\n\n") if c.strip()]
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": [f"# Experiment {r.randint(1, 99)}\n", "Training notebook."]},
        {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
         "source": ["!pip install -q tensorflow scikit-learn\n", "%matplotlib inline\n", "%load_ext autoreload\n", "%autoreload 2"]},
    ]
    count = 2
    for chunk in chunks:
        if chunk.startswith('if __name__'):
            chunk = "main()"
        source_lines = chunk.strip("\n").split("\n")
        if r.random() < 0.15:
            source_lines = ["%%time"] + source_lines
        outputs = []
        if r.random() < 0.3:
            outputs.append({"name": "stdout", "output_type": "stream",
                            "text": [f"Epoch {i + 1}/10\n" for i in range(r.randint(2, 10))]})
        cells.append({
            "cell_type": "code", "execution_count": count, "metadata": {}, "outputs": outputs,
            "source": [line + "\n" for line in source_lines[:-1]] + [source_lines[-1]],
        })
        count += 1
        if r.random() < 0.3:
            cells.append({"cell_type": "markdown", "metadata": {}, "source": ["Notes on the step above."]})
    nb = {
        "cells": cells,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python", "version": "3.11.0"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    return json.dumps(nb, indent=1) + "\n"


KINDS = (
    # (kind, weight, extension, template)
    ("keras", 60, ".py", keras_script),
    ("notebook", 10, ".ipynb", notebook),
    ("sklearn", 10, ".py", sklearn_script),
    ("helper", 20, ".py", helper_module),
)


def generate(n: int, seed: int = 0, root: Path = CORPUS_ROOT) -> Path:
    """Write ``n`` files (deterministic for ``seed``); reuse an up-to-date folder."""
    out = root / f"gen-{n}-s{seed}"
    stamp = out / ".manifest.json"
    manifest = {"n": n, "seed": seed, "version": GENERATOR_VERSION}
    try:
        if json.loads(stamp.read_text()) == manifest:
            return out
    except (OSError, ValueError):
        pass
    if out.exists():
        shutil.rmtree(out)
    r = random.Random(seed)
    weights = [k[1] for k in KINDS]
    for i in range(n):
        kind, _, ext, template = r.choices(KINDS, weights)[0]
        folder = out / f"project_{i // 25:03d}" / ("notebooks" if kind == "notebook" else "src" if kind == "helper" else "")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{kind}_{i:04d}{ext}").write_text(template(random.Random(r.getrandbits(64))), encoding="utf-8")
    stamp.write_text(json.dumps(manifest))
    return out


def script_of_lines(lines: int = 200, seed: int = 7) -> str:
    """One Keras training script of about ``lines`` lines (for the cold-start figure)."""
    r = random.Random(seed)
    text = keras_script(r)
    extra = 0
    while text.count("\n") < lines - 10:
        text += "\n\n" + _helper_functions(random.Random(seed + extra), 1).replace("_0(", f"_x{extra}(").replace("Timer0", f"TimerX{extra}")
        extra += 1
    return text


def real_corpus(root: Path = CORPUS_ROOT, packages: tuple[str, ...] = ("keras", "sklearn")) -> Path | None:
    """Copy the installed packages' .py files to ``root/real`` (once); None when not installed."""
    import importlib.util

    out = root / "real"
    stamp = out / ".manifest.json"
    found = {}
    for name in packages:
        spec = importlib.util.find_spec(name)  # finds the package without importing it
        if spec is None or not spec.submodule_search_locations:
            continue
        found[name] = list(spec.submodule_search_locations)[0]
    if not found:
        return None
    manifest = {"packages": found}
    try:
        if json.loads(stamp.read_text()) == manifest:
            return out
    except (OSError, ValueError):
        pass
    if out.exists():
        shutil.rmtree(out)
    for name, location in found.items():
        base = Path(location)
        for path in sorted(base.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            target = out / name / path.relative_to(base)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    stamp.write_text(json.dumps(manifest))
    return out


def files_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".ipynb") and p.is_file())


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    if n == 0:
        print(real_corpus())
    else:
        print(generate(n, int(sys.argv[2]) if len(sys.argv) > 2 else 0))
