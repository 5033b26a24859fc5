"""Time to verdict of `tflint probe` on the test fixtures (median of N runs each).

    python bench/probe_bench.py [--device cpu|gpu|auto] [--repeat 3] [--only NAME ...] [--json OUT]

Prints, per fixture: the median wall time from starting the child to the
verdict, the part of it spent importing TensorFlow/Keras inside the child,
the rest (the script's own set-up plus the probe), and what was found. A bare
`python -c "import tensorflow"` is timed separately as the floor any probe
pays. Runs are sequential, so the numbers are not inflated by each other.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tflint.probe.command import run_probe  # noqa: E402
from tflint.probe.config import ProbeConfig  # noqa: E402

FIXTURES = ROOT / "tests" / "probe" / "fixtures"
SKIP = {"sleep_forever", "spawn_children", "allocate_forever"}  # sandbox tests, they wait for limits


BACKEND = os.environ.get("KERAS_BACKEND", "tensorflow")
FRAMEWORK = "jax" if BACKEND == "jax" else "tensorflow"


def fixtures(only: list[str] | None) -> list[Path]:
    out = []
    for path in sorted(FIXTURES.glob("*.py")):
        if path.stem in SKIP or (only and path.stem not in only):
            continue
        text = path.read_text()
        if BACKEND != "tensorflow" and "import tensorflow" in text:
            continue  # tf.data and tf.GradientTape need the TensorFlow backend
        if "# expect:" in text:
            out.append(path)
    return out


def bare_import(python: str, device: str) -> float:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    if device == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = "-1"
        env["JAX_PLATFORMS"] = "cpu"
    start = time.perf_counter()
    subprocess.run([python, "-c", f"import {FRAMEWORK}, keras"], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--device", default="cpu", choices=("auto", "cpu", "gpu"))
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--only", nargs="*")
    p.add_argument("--json", metavar="OUT")
    args = p.parse_args()
    env_note = f"backend={BACKEND} device={args.device} cpus={os.cpu_count()} load={os.getloadavg()[0]:.1f}"
    print(f"tflint probe benchmark ({env_note}), median of {args.repeat}")
    imports = [bare_import(sys.executable, args.device) for _ in range(args.repeat)]
    print(f"bare `import {FRAMEWORK}, keras`: median {statistics.median(imports):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in imports)})")
    print()
    header = f"{'fixture':<26} {'verdict s':>9} {'import s':>11} {'rest s':>7}  device  findings"
    print(header)
    print("-" * len(header))
    rows = []
    for path in fixtures(args.only):
        walls, imps, last = [], [], None
        for _ in range(args.repeat):
            start = time.perf_counter()
            last = run_probe(str(path), probe=ProbeConfig(time_limit=120), device=args.device)
            walls.append(time.perf_counter() - start)
            imps.append(last.import_seconds or 0.0)
        wall, imp = statistics.median(walls), statistics.median(imps)
        found = " ".join(sorted({d.code for d in last.diagnostics})) or "-"
        rows.append({"fixture": path.stem, "verdict_s": wall, "import_s": imp, "runs": walls,
                     "device": last.device, "findings": found})
        print(f"{path.stem:<26} {wall:>9.2f} {imp:>11.2f} {wall - imp:>7.2f}  {str(last.device or '-'):<6}  {found}", flush=True)
    verdicts = [r["verdict_s"] for r in rows]
    print("-" * len(header))
    print(f"median time to verdict: {statistics.median(verdicts):.2f} s over {len(rows)} fixtures "
          f"(max {max(verdicts):.2f} s); median {FRAMEWORK} import inside the probe: "
          f"{statistics.median(r['import_s'] for r in rows):.2f} s; target <= 6 s (issue 17)")
    if args.json:
        Path(args.json).write_text(json.dumps({"env": env_note, "bare_import": imports, "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
