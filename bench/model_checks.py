"""Cost of the TFL4xx/TFL5xx analyses against the libcst parse of the same file.

    .venv/bin/python bench/model_checks.py

Builds one large file from every test program of the model and data-prep
tests (each in its own function, three times over), then times, as medians
of five runs of CPU time: the libcst parse, the facts walk, keras_facts,
model_facts + data_facts (tflint/analysis/models.py, tflint/analysis/datasources.py) and the
check functions of tflint/checks/model.py and dataprep.py.
"""

from __future__ import annotations

import statistics
import sys
import textwrap
import time
from pathlib import Path

import libcst as cst

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import test_dataprep_scaling, test_model_labels, test_model_output_loss, test_model_structure  # noqa: E402
from tflint.config import Config  # noqa: E402
from tflint.analysis.datasources import data_facts  # noqa: E402
from tflint.analysis.facts import collect_facts  # noqa: E402
from tflint.analysis.keras_calls import keras_facts  # noqa: E402
from tflint.analysis.models import model_facts  # noqa: E402
from tflint.checks import load_checks  # noqa: E402


class _Count:
    def __init__(self):
        self.config = Config(select=("ALL",))
        self.n = 0

    def __call__(self, *args, **kwargs):
        self.n += 1


def main() -> None:
    programs = []
    for module in (test_model_output_loss, test_model_labels, test_model_structure, test_dataprep_scaling):
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, dict):
                programs += [textwrap.dedent(v) for v in value.values() if isinstance(v, str)]
    body = [
        f"def f_{i}_{j}():\n" + textwrap.indent(p, "    ") + "\n"
        for i in range(3)
        for j, p in enumerate(programs)
    ]
    text = "import tensorflow as tf\nimport keras\nimport numpy as np\n" + "\n".join(body)
    checks = [c for c in load_checks() if c.name.split(".")[0] in ("model", "dataprep")]
    times: dict[str, list[float]] = {k: [] for k in ("parse", "facts", "keras_facts", "models+data", "checks")}
    for _ in range(5):
        t0 = time.process_time()
        module = cst.parse_module(text)
        t1 = time.process_time()
        facts = collect_facts(module, text)
        t2 = time.process_time()
        keras_facts(facts)
        t3 = time.process_time()
        model_facts(facts)
        data_facts(facts)
        t4 = time.process_time()
        report = _Count()
        for chk in checks:
            chk.run(facts, report)
        t5 = time.process_time()
        for key, value in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
            times[key].append(value)
    med = {k: statistics.median(v) for k, v in times.items()}
    ours = med["models+data"] + med["checks"]
    print(f"{text.count(chr(10))} lines, {report.n} findings")
    print("  ".join(f"{k} {v * 1000:.0f} ms" for k, v in med.items()))
    print(f"TFL4xx/5xx analyses + checks: {ours * 1000:.0f} ms = {ours / med['parse']:.0%} of the parse")


if __name__ == "__main__":
    main()
