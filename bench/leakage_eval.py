"""Precision and recall of TFL101-TFL107 on the labelled leakage corpus, and what the analysis costs.

    .venv/bin/python bench/leakage_eval.py [--repeat N] [CORPUS_DIR]

Every case in ``tests/leakage_corpus`` names its expected codes in a header
comment (``# expect: TFL101`` or ``# expect: clean``; in a notebook, in its
first cell). A case counts as a true positive for a code when it expects the
code and gets it, a false positive when it gets a code it does not expect.

The cost is measured per file as the engine runs it: source -> parse -> facts
-> checks, once with every rule but TFL1xx (the core engine and the other
checks) and once with every rule, best of N runs; the difference is what the
data-flow analysis and the leakage checks add.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tflint import source as source_mod  # noqa: E402
from tflint.config import Config  # noqa: E402
from tflint.engine import enabled_checks, lint_source  # noqa: E402

CODES = ("TFL101", "TFL102", "TFL103", "TFL104", "TFL105", "TFL106", "TFL107")
_EXPECT = re.compile(r"# expect: ([A-Za-z0-9, ]+)")


def expected(path: Path, text: str) -> set[str]:
    if path.suffix == ".ipynb":
        text = "".join(json.loads(text)["cells"][0]["source"])
    match = _EXPECT.match(text)
    if not match:
        raise SystemExit(f"{path}: no '# expect:' header")
    label = match.group(1).strip()
    return set() if label == "clean" else {c.strip() for c in label.split(",")}


def load(corpus: Path, labelled: bool = True):
    cases = []
    paths = sorted(corpus.iterdir()) if labelled else sorted(corpus.rglob("*"))
    for path in paths:
        if path.suffix not in (".py", ".ipynb") or not path.is_file():
            continue
        data = path.read_bytes()
        want = expected(path, data.decode()) if labelled else set()
        cases.append((path, want, source_mod.load(str(path), data)))
    return cases


def accuracy(cases) -> bool:
    config = Config(select=("TFL1",))
    checks = enabled_checks(config)
    tp = dict.fromkeys(CODES, 0)
    fp = dict.fromkeys(CODES, 0)
    fn = dict.fromkeys(CODES, 0)
    clean_hits = 0
    crashes = 0
    for path, want, src in cases:
        diagnostics = lint_source(src, config, checks).diagnostics
        got = {d.code for d in diagnostics if d.code in CODES}
        crashes += sum(1 for d in diagnostics if d.code == "TFL002")
        if not want and got:
            clean_hits += 1
            print(f"  clean twin reported: {path.name}: {sorted(got)}")
        for code in CODES:
            if code in got and code in want:
                tp[code] += 1
            elif code in got:
                fp[code] += 1
                print(f"  false positive {code}: {path.name}")
            elif code in want:
                fn[code] += 1
                print(f"  missed {code}: {path.name}")
    n_clean = sum(1 for _, want, _ in cases if not want)
    print(f"\n{len(cases)} cases ({len(cases) - n_clean} leaky, {n_clean} clean)\n")
    print(f"{'code':8} {'cases':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}")
    ok = True
    for code in CODES:
        precision = tp[code] / (tp[code] + fp[code]) if tp[code] + fp[code] else 1.0
        recall = tp[code] / (tp[code] + fn[code]) if tp[code] + fn[code] else 1.0
        n = tp[code] + fn[code]
        flag = "" if precision >= 0.95 and recall >= 0.90 else "  <- below target"
        ok = ok and not flag
        print(f"{code:8} {n:5} {tp[code]:4} {fp[code]:4} {fn[code]:4} {precision:10.3f} {recall:8.3f}{flag}")
    print(f"\nTFL1xx reports on clean cases: {clean_hits}; internal errors (TFL002): {crashes}")
    return ok and clean_hits == 0 and crashes == 0


class _NullReport:
    """Swallows diagnostics: the analysis is timed without building ranges for them."""

    def __init__(self, config: Config):
        self.config = config

    def __call__(self, *args, **kwargs) -> None:
        pass


def timing(cases, repeat: int) -> None:
    everything = Config(select=("ALL",))
    core = Config(select=("ALL",), ignore=("TFL1",))
    with_leakage = enabled_checks(everything)
    without = enabled_checks(core)
    leakage = [chk for chk, codes in with_leakage if any(c.startswith("TFL1") for c in codes)]
    assert leakage and not any(c.startswith("TFL1") for _, codes in without for c in codes)
    null = _NullReport(everything)

    def once(src, config, checks) -> float:
        start = time.perf_counter()
        lint_source(src, config, checks)
        return time.perf_counter() - start

    def analysis(facts) -> float:
        from tflint.analysis.provenance import DataFlow

        facts._derived.pop(DataFlow, None)  # time the analysis, not its cached result
        start = time.perf_counter()
        for chk in leakage:
            chk.run(facts, null)
        return time.perf_counter() - start

    base, full, extra = [], [], []
    for _, _, src in cases:
        facts = lint_source(src, core, without).facts  # warm; keeps the facts (and keras facts) of the core run
        b = f = a = float("inf")
        for _ in range(repeat):  # interleaved, best of N: the machine's noise hits both sides alike
            b = min(b, once(src, core, without))
            f = min(f, once(src, everything, with_leakage))
            if facts is not None:
                a = min(a, analysis(facts))
        base.append(b)
        full.append(f)
        extra.append(a if facts is not None else 0.0)
    n = len(cases)
    total_base, total_full, total_extra = sum(base), sum(full), sum(extra)
    ratios = sorted((a / b, path.name) for (path, _, _), b, a in zip(cases, base, extra))
    median = ratios[len(ratios) // 2][0]
    worst, worst_name = ratios[-1]
    print(f"\nper-file time, best of {repeat}:")
    print(f"  core engine (source -> parse -> facts -> every check but TFL1xx): {1000 * total_base / n:6.2f} ms/file")
    print(f"  data-flow analysis + TFL1xx checks on those facts:              {1000 * total_extra / n:6.2f} ms/file")
    print(
        f"  analysis overhead: {100 * total_extra / total_base:.1f}% of the core engine in total "
        f"(median file {100 * median:.1f}%, worst file {100 * worst:.1f}% [{worst_name}]; target: at most 30%)"
    )
    print(
        f"  end to end with TFL1xx selected: {1000 * total_full / n:6.2f} ms/file "
        f"(+{100 * (total_full - total_base) / total_base:.1f}%, including the source ranges of the extra "
        "diagnostics the leaky cases produce)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT / "tests" / "leakage_corpus"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--timing-only", action="store_true", help="time any tree of unlabelled .py/.ipynb files")
    args = parser.parse_args()
    cases = load(Path(args.corpus), labelled=not args.timing_only)
    ok = True if args.timing_only else accuracy(cases)
    if not args.no_timing:
        timing(cases, args.repeat)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
