"""Recall and false alarms of the leakage rules (TFL1xx) on a labelled catalogue of real leak/fix pairs.

    .venv/bin/python bench/leakcheck.py [--corpus DIR] [--list missed|flagged-fix] [--by cluster|method]

The catalogue (``../shared/corpora/leakcheck-dev``, see its README) holds
snippets written by people who are not us, each leaky (``*_leak.py``) next to
its corrected twin (``*_fix.py``), labelled in ``meta.json``. A leaky snippet
counts as found when any TFL1xx rule reports on it; a fixed twin that gets a
TFL1xx finding is a false alarm. Printed per kind (preproc / overlap) and per
cluster, so a change that moves one pattern shows where.

Some labels disagree with the rule pages: ``NOT_LEAKS`` lists the catalogue's
"leaks" that are not leaks by a page's reasoning, ``FIXES_THAT_LEAK`` the
"fixes" that still hold the leak, each with the reason. They are counted
apart (``judged``), never dropped silently.
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

_VOCABULARY = (
    "not a leak by TFL101's page: the encoder learns only the set of categories; a category seen only in "
    "the test rows gets a column (or index) the model never saw active, so nothing of the test "
    "distribution or labels reaches training"
)
_NEIGHBOURS = (
    "not a leak by TFL101's page: nothing is fitted; forward/backward fill copies a neighbouring row's value, "
    "which matters only for rows ordered in time (TFL107's domain), and these are not"
)
_ONE_COPY = (
    "not a leak by TFL102's page: each image is augmented once (or on the fly) and then split, so no copy "
    "of a test image reaches training; the test images are augmented too, which makes the score noisy, "
    "not optimistic"
)
#: Catalogue "leaks" that are not leaks by a rule page's reasoning: file -> why.
NOT_LEAKS = {
    **{f"preproc_{n:03d}_leak.py": _VOCABULARY for n in (148, 150, 152, 154, 156, 158, 196, 198, 200, 202, 204, 206)},
    "preproc_096_leak.py": "not a leak by TFL101's page: HashingVectorizer learns nothing from the rows (a fixed hash)",
    "preproc_098_leak.py": "not a leak by TFL101's page: HashingVectorizer learns nothing from the rows (a fixed hash)",
    "preproc_064_leak.py": "not a leak by TFL101's page: pd.cut with explicit bin edges learns nothing from the rows",
    **{f"preproc_{n:03d}_leak.py": _NEIGHBOURS for n in (24, 26, 28, 30)},
    **{f"overlap_{n:03d}_leak.py": _ONE_COPY for n in range(6, 31, 2)},
    "overlap_036_leak.py": (
        "not a leak by TFL106's page: inputs and labels are drawn at random apart (an API demo), so there "
        "is no signal to memorise or to generalise"
    ),
}
#: Catalogue "fixes" that still hold the leak: file -> why (they count as leaks found, not false alarms).
FIXES_THAT_LEAK = {
    "preproc_004_fix.py": "identical to its leak twin: df.replace(np.nan, df.mean()) before train_test_split",
    "preproc_068_fix.py": "identical to its leak twin (plus imports): pd.qcut on all rows before train_test_split",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--list", choices=("missed", "flagged-fix", "judged"))
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
        judged = NOT_LEAKS.get(name) if info["leaky"] else FIXES_THAT_LEAK.get(name)
        rows.append({
            "file": name, "leaky": info["leaky"], "kind": info["kind"], "group": info.get(args.by, "?"),
            "codes": codes, "judged": judged,
        })
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        groups[(row["kind"], row["group"])].append(row)
    print(f"{'kind':8} {args.by:34} {'leaks':>5} {'judged':>6} {'found':>5} {'fixes':>5} {'judged':>6} {'flagged':>7}")
    totals = defaultdict(int)
    for (kind, group), members in sorted(groups.items()):
        leaks = [r for r in members if r["leaky"] and not r["judged"]]
        fixes = [r for r in members if not r["leaky"] and not r["judged"]]
        not_leaks = sum(1 for r in members if r["leaky"] and r["judged"])
        leaky_fixes = sum(1 for r in members if not r["leaky"] and r["judged"])
        found = sum(1 for r in leaks if r["codes"])
        flagged = sum(1 for r in fixes if r["codes"])
        for key, value in (("leaks", len(leaks)), ("found", found), ("fixes", len(fixes)), ("flagged", flagged),
                           ("not_leaks", not_leaks), ("leaky_fixes", leaky_fixes)):
            totals[key] += value
        print(f"{kind:8} {group[:34]:34} {len(leaks):5} {not_leaks:6} {found:5} {len(fixes):5} {leaky_fixes:6} {flagged:7}")
    recall = totals["found"] / totals["leaks"] if totals["leaks"] else 0.0
    raw_leaks = totals["leaks"] + totals["not_leaks"]
    raw_found = sum(1 for r in rows if r["leaky"] and r["codes"])
    print(
        f"\nleaks found: {totals['found']} of {totals['leaks']} (recall {recall:.3f}); "
        f"fixed twins flagged: {totals['flagged']} of {totals['fixes']}\n"
        f"judged apart (see --list judged): {totals['not_leaks']} labelled leaks that are not leaks by a rule "
        f"page, {totals['leaky_fixes']} labelled fixes that still leak; over all labels: {raw_found} of "
        f"{raw_leaks} leaks found"
    )
    if args.list:
        wants = {
            "missed": lambda r: r["leaky"] and not r["codes"] and not r["judged"],
            "flagged-fix": lambda r: not r["leaky"] and r["codes"] and not r["judged"],
            "judged": lambda r: bool(r["judged"]),
        }
        for row in rows:
            if wants[args.list](row):
                why = f"  ({row['judged']})" if row["judged"] else ""
                print(f"  {row['file']}  {row['group']}  {' '.join(row['codes'])}{why}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
