"""Many generated programs through the whole engine, for the reliability report.

    .venv/bin/python bench/fuzz.py                    # defaults below
    .venv/bin/python bench/fuzz.py --hypothesmith 2000 --mutations all --notebooks 500

Sources: hypothesmith (random valid Python from the grammar, with an ML
header so that every check runs), every single-step mutation of every rule
page's Example / Use instead block (``--mutations all``) or a random sample
of multi-step mutations, and notebooks built from both. Each program is
judged by ``tests/reliability/fuzzlib.check_program``: no exception, no
TFL002, TFL001 when nothing parses, ranges inside the file, fixes that parse.
Prints counts, failures (with the program) and the slowest inputs; exit 1
when anything failed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))

from fuzzlib import ML_HEADER, all_mutations, check_program, random_mutation, rule_blocks  # noqa: E402


class Tally:
    def __init__(self) -> None:
        self.runs: dict[str, int] = {}
        self.failures: list[tuple[str, str, list[str]]] = []
        self.slowest: list[tuple[float, str]] = []

    def judge(self, kind: str, label: str, program: str, **kwargs) -> None:
        start = time.process_time()
        problems = check_program(program, **kwargs)
        spent = time.process_time() - start
        self.runs[kind] = self.runs.get(kind, 0) + 1
        self.slowest = sorted([*self.slowest, (spent, f"{kind}: {label}")], reverse=True)[:10]
        if problems:
            self.failures.append((f"{kind}: {label}", program, problems))


def hypothesmith_programs(count: int, seed: int):
    """``count`` programs from hypothesmith's grammar strategy (seeded)."""
    import hypothesmith
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as hseed

    out: list[str] = []

    @hseed(seed)
    @settings(max_examples=count, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(hypothesmith.from_grammar())
    def collect(source):
        out.append(source)

    collect()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--hypothesmith", type=int, default=300, help="hypothesmith programs (default 300)")
    p.add_argument("--mutations", default="all", help="'all' single-step mutations of every block, or a number of random multi-step ones")
    p.add_argument("--notebooks", type=int, default=200, help="notebooks built from mutated blocks (default 200)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    rng = random.Random(args.seed)
    tally = Tally()
    started = time.perf_counter()
    blocks = rule_blocks()

    if args.mutations == "all":
        for block_id, block in blocks:
            for what, mutant in all_mutations(block):
                tally.judge("mutation", f"{block_id} {what}", mutant)
    else:
        for _ in range(int(args.mutations)):
            block_id, block = rng.choice(blocks)
            what, mutant = random_mutation(block, rng, steps=rng.randint(1, 4))
            tally.judge("mutation", f"{block_id} {what}", mutant)
    print(f"mutations: {tally.runs.get('mutation', 0)} ({time.perf_counter() - started:.0f} s)", file=sys.stderr, flush=True)

    for _ in range(args.notebooks):
        block_id, block = rng.choice(blocks)
        what, mutant = random_mutation(block, rng, steps=rng.randint(0, 3))
        tally.judge("notebook", f"{block_id} {what}", mutant, notebook=True)
    print(f"notebooks: {tally.runs.get('notebook', 0)}", file=sys.stderr, flush=True)

    if args.hypothesmith:
        generated_at = time.perf_counter()
        programs = hypothesmith_programs(args.hypothesmith, args.seed)
        print(f"hypothesmith: generated {len(programs)} in {time.perf_counter() - generated_at:.0f} s", file=sys.stderr, flush=True)
        for i, source in enumerate(programs):
            tally.judge("hypothesmith", f"#{i}", ML_HEADER + source, fixes=False)
            if i % 4 == 0:
                tally.judge("hypothesmith-notebook", f"#{i}", ML_HEADER + source, notebook=True)

    total = sum(tally.runs.values())
    print(f"programs run: {total}  " + ", ".join(f"{k}={v}" for k, v in sorted(tally.runs.items())))
    print(f"failures: {len(tally.failures)}")
    print(f"wall time: {time.perf_counter() - started:.0f} s")
    print("slowest inputs (CPU s, including the oracle's own parses):")
    for spent, label in tally.slowest:
        print(f"  {spent:6.2f}  {label}")
    for label, program, problems in tally.failures[:40]:
        print(f"\nFAILURE {label}")
        for problem in problems:
            print(f"  {problem}")
        print("  --- program ---\n  " + program[:2000].replace("\n", "\n  "))
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
