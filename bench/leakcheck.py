"""Recall and false alarms of the leakage rules (TFL1xx) on a labelled catalogue of real leak/fix pairs.

    .venv/bin/python bench/leakcheck.py [--corpus DIR] [--list missed|flagged-fix] [--by cluster|method]

The catalogue (``../shared/corpora/leakcheck-dev``, see its README) holds
snippets written by people who are not us, each leaky (``*_leak.py``) next to
its corrected twin (``*_fix.py``), labelled in ``meta.json``. A leaky snippet
counts as found when any TFL1xx rule reports on it; a fixed twin that gets a
TFL1xx finding is a false alarm. Printed per kind (preproc / overlap) and per
cluster, so a change that moves one pattern shows where.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tflint.api import lint_file  # noqa: E402
from tflint.config import Config  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "corpora" / "leakcheck-dev"
LEAKAGE = Config(select=("TFL1",))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--list", choices=("missed", "flagged-fix"))
    parser.add_argument("--by", choices=("cluster", "method", "sub"), default="cluster")
    parser.add_argument("--json", type=Path, help="write per-file results here")
    args = parser.parse_args(argv)
    meta_path = args.corpus / "meta.json"
    if not meta_path.is_file():
        print(f"leakcheck: no catalogue at {args.corpus} (expected meta.json)", file=sys.stderr)
        return 2
    meta = json.loads(meta_path.read_text())
    rows = []
    for name, info in sorted(meta.items()):
        path = args.corpus / name
        if not path.is_file():
            continue
        codes = sorted({d.code for d in lint_file(path, LEAKAGE).diagnostics if d.code.startswith("TFL1")})
        rows.append({"file": name, "leaky": info["leaky"], "kind": info["kind"], "group": info.get(args.by, "?"), "codes": codes})
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        groups[(row["kind"], row["group"])].append(row)
    print(f"{'kind':8} {args.by:34} {'leaks':>5} {'found':>5} {'fixes':>5} {'flagged':>7}")
    totals = defaultdict(int)
    for (kind, group), members in sorted(groups.items()):
        leaks = [r for r in members if r["leaky"]]
        fixes = [r for r in members if not r["leaky"]]
        found = sum(1 for r in leaks if r["codes"])
        flagged = sum(1 for r in fixes if r["codes"])
        totals["leaks"] += len(leaks)
        totals["found"] += found
        totals["fixes"] += len(fixes)
        totals["flagged"] += flagged
        print(f"{kind:8} {group[:34]:34} {len(leaks):5} {found:5} {len(fixes):5} {flagged:7}")
    recall = totals["found"] / totals["leaks"] if totals["leaks"] else 0.0
    print(
        f"\nleaks found: {totals['found']} of {totals['leaks']} (recall {recall:.3f}); "
        f"fixed twins flagged: {totals['flagged']} of {totals['fixes']}"
    )
    if args.list:
        want = (lambda r: r["leaky"] and not r["codes"]) if args.list == "missed" else (lambda r: not r["leaky"] and r["codes"])
        for row in rows:
            if want(row):
                print(f"  {row['file']}  {row['group']}  {' '.join(row['codes'])}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
