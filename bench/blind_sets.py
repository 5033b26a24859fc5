"""Recall and false alarms on blind sets: bug/fixed pairs written by other hands, in styles we did not choose.

    .venv/bin/python bench/blind_sets.py                 # every set under bench/blind/
    .venv/bin/python bench/blind_sets.py --show          # also every finding, pair by pair
    .venv/bin/python bench/blind_sets.py bench/blind/round2/leak

Each set is a folder of ``NN_bug`` / ``NN_fixed`` scripts or notebooks and a
``labels.json`` naming the kind of mistake and its line. The writers never saw
tflint's code, tests or rule pages (see bench/README.md, "Blind sets"). A bug
counts as found when tflint (default rules) reports one of the codes that
name its kind; a fixed twin is flagged when it gets one of those codes.
Findings of other kinds are listed with ``--show``: read them, they may be
right (the writers left other mistakes in by accident).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tflint.api import lint_file  # noqa: E402
from tflint.config import Config  # noqa: E402

#: the rule codes that find each kind of mistake
CODES = {
    "preprocessing-before-split": {"TFL101"},
    "oversampling-before-split": {"TFL102", "TFL101"},
    "test-used-for-selection": {"TFL105", "TFL103", "TFL104"},
    "no-heldout-evaluation": {"TFL106", "TFL104", "TFL103"},
    "shuffled-time-series": {"TFL107"},
    "loss-output-mismatch": {"TFL402", "TFL403", "TFL404", "TFL401"},
    "extreme-learning-rate": {"TFL301", "TFL302"},
    "unscaled-inputs": {"TFL501", "TFL502"},
    "wrong-metric-or-task": {"TFL406", "TFL402", "TFL404"},
    "output-size-or-activation": {"TFL405", "TFL401", "TFL402"},
    "removed-argument": {"TFL303"},
    "unsafe-log-or-division": {"TFL408"},
}


def score(folder: Path, show: bool) -> tuple[int, int, int]:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    found = flagged = 0
    for label in labels:
        wanted = CODES[label["kind"]]
        bug = lint_file(folder / label["file"], Config()).diagnostics
        fixed = lint_file(folder / label["twin"], Config()).diagnostics
        hit = any(d.code in wanted for d in bug)
        bad = any(d.code in wanted for d in fixed)
        found += hit
        flagged += bad
        if show or not hit or bad:
            state = ("found" if hit else "MISSED") + (", FIXED TWIN FLAGGED" if bad else "")
            print(f"  {label['file']:14} {label['kind']:27} {state}")
        if show:
            for twin, found_in in (("bug", bug), ("fix", fixed)):
                for d in found_in:
                    where = f"cell {d.cell}:{d.line}" if d.cell is not None else str(d.line)
                    print(f"      {twin} {d.code} {where} {d.message[:110]}")
    return found, flagged, len(labels)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*", help="set folders (default: every folder with a labels.json under bench/blind)")
    ap.add_argument("--show", action="store_true", help="print every finding of every pair")
    args = ap.parse_args(argv)
    folders = [Path(s) for s in args.sets] or sorted(p.parent for p in (ROOT / "bench" / "blind").rglob("labels.json"))
    if not folders:
        print("no blind sets found (bench/blind/*/labels.json)", file=sys.stderr)
        return 2
    for folder in folders:
        print(folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder)
        found, flagged, total = score(folder, args.show)
        print(f"  found {found}/{total} ({found / total:.0%}); fixed twins flagged {flagged}/{total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
