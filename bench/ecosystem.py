"""The ecosystem check: tflint on real code nobody here wrote, against a reviewed ledger.

Lints the real corpora in ``../shared/corpora/`` (all but the labelled
leak catalogue, which ``leakcheck.py`` measures) with the default rule
set, and compares every finding with ``bench/ecosystem_ledger.jsonl``: one
reviewed finding a line (path, cell, line, code, verdict, reason). It prints,
per rule, what is reported, how many of those were reviewed right / false
alarm / debatable, the precision over reviewed findings, the findings nobody
reviewed yet, and the reviewed true findings that vanished. Every change that
moves a finding shows up here.

    .venv/bin/python bench/ecosystem.py                 # the table
    .venv/bin/python bench/ecosystem.py --list new      # new, unreviewed findings, one a line
    .venv/bin/python bench/ecosystem.py --list vanished # reviewed findings no longer reported
    .venv/bin/python bench/ecosystem.py --list false    # reported findings reviewed as false alarms
    .venv/bin/python bench/ecosystem.py --write-pending out.jsonl  # unreviewed findings, to review
    .venv/bin/python bench/ecosystem.py --extend-select TFL201,TFL202,TFL204  # the opt-in advice rules too

Other options go to tflint. Rules this run does not lint (the opt-in ones,
unless selected) show as ``opt-in``: their ledger entries are not counted as
vanished.

A finding's key is (path under the corpora, cell, line, code): a change that
moves a finding to another line shows as one vanished and one new finding.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
LEDGER = Path(__file__).resolve().parent / "ecosystem_ledger.jsonl"
#: Measured by leakcheck.py instead: labelled leak/fix pairs, not ordinary code.
EXCLUDED = ("leakcheck-dev",)
VERDICTS = ("right", "false", "debatable")


def corpus_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and p.name not in EXCLUDED)


def lint(folders: list[Path], extra: list[str]) -> list[dict]:
    """Every finding of the default rule set, as the JSON output gives it."""
    cmd = [sys.executable, "-m", "tflint", "--format", "json", "--no-cache", "--exit-zero", *extra, *map(str, folders)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"tflint failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)["diagnostics"]


def key_of(entry: dict, root: Path) -> tuple[str, int, int, str]:
    path = entry["path"]
    try:
        path = Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        pass
    return (path, entry.get("cell") or 0, entry["line"], entry["code"])


def read_ledger(path: Path) -> dict[tuple, dict]:
    ledger: dict[tuple, dict] = {}
    if not path.exists():
        return ledger
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        entry = json.loads(line)
        if entry.get("verdict") not in VERDICTS:
            sys.exit(f"{path}:{number}: verdict must be one of {VERDICTS}, not {entry.get('verdict')!r}")
        ledger[(entry["path"], entry.get("cell") or 0, entry["line"], entry["code"])] = entry
    return ledger


def linted_codes(extra: list[str]) -> set[str]:
    """The codes this run lints: the default set, plus what ``--select`` / ``--extend-select`` name."""
    sys.path.insert(0, str(ROOT))
    from tflint import rulebook

    rules = rulebook.all_rules()
    chosen = {code for code, info in rules.items() if info.default_enabled}
    for i, arg in enumerate(extra):
        value = arg.split("=", 1)[1] if "=" in arg else (extra[i + 1] if i + 1 < len(extra) else "")
        if arg.startswith(("--select", "--extend-select")):
            prefixes = [v.strip().upper() for v in value.split(",") if v.strip()]
            picked = {code for code in rules if any(p == "ALL" or code.startswith(p) for p in prefixes)}
            chosen = picked if arg.startswith("--select") else chosen | picked
    return chosen


def table(findings: list[dict], ledger: dict[tuple, dict], root: Path, linted: set[str] | None = None) -> tuple[str, dict]:
    reported: dict[tuple, dict] = {key_of(f, root): f for f in findings}
    rows = []
    per_rule: dict[str, Counter] = defaultdict(Counter)
    severity: dict[str, str] = {}
    for key, finding in reported.items():
        code = key[3]
        severity[code] = finding["severity"]
        entry = ledger.get(key)
        per_rule[code]["reported"] += 1
        per_rule[code][entry["verdict"] if entry else "new"] += 1
    for key, entry in ledger.items():
        if linted is not None and key[3] not in linted:
            severity[key[3]] = "opt-in"  # not linted in this run: its ledger entries are not vanished findings
            per_rule[key[3]]
            continue
        if key not in reported and entry["verdict"] == "right":
            per_rule[key[3]]["vanished"] += 1
            severity.setdefault(key[3], "")
    totals: Counter = Counter()
    header = f"{'rule':<8}{'severity':<9}{'reported':>9}{'right':>7}{'false':>7}{'debat.':>7}{'new':>6}{'precision':>11}{'vanished':>10}"
    rows.append(header)
    rows.append("-" * len(header))
    for code in sorted(per_rule):
        c = per_rule[code]
        totals.update(c)
        if severity.get(code) in ("warning", "error"):
            totals.update({f"{k}@warn+": v for k, v in c.items()})
        rows.append(
            f"{code:<8}{severity.get(code, ''):<9}{c['reported']:>9}{c['right']:>7}{c['false']:>7}{c['debatable']:>7}"
            f"{c['new']:>6}{_precision(c):>11}{c['vanished']:>10}"
        )
    rows.append("-" * len(header))
    rows.append(
        f"{'all':<17}{totals['reported']:>9}{totals['right']:>7}{totals['false']:>7}{totals['debatable']:>7}"
        f"{totals['new']:>6}{_precision(totals):>11}{totals['vanished']:>10}"
    )
    warn = Counter({k[:-6]: v for k, v in totals.items() if k.endswith("@warn+")})
    rows.append(
        f"{'warn+err':<17}{warn['reported']:>9}{warn['right']:>7}{warn['false']:>7}{warn['debatable']:>7}"
        f"{warn['new']:>6}{_precision(warn):>11}{warn['vanished']:>10}"
    )
    rows.append("precision = right / (right + false) over reviewed findings (debatable counted apart)")
    return "\n".join(rows), {"per_rule": {k: dict(v) for k, v in per_rule.items()}, "totals": dict(totals)}


def _precision(c: Counter) -> str:
    judged = c["right"] + c["false"]
    return f"{c['right'] / judged:.3f}" if judged else "-"


def listing(kind: str, findings: list[dict], ledger: dict[tuple, dict], root: Path, extra: list[str] = ()) -> list[str]:
    reported = {key_of(f, root): f for f in findings}
    out = []
    if kind == "vanished":
        linted = linted_codes(extra)
        for key, entry in sorted(ledger.items()):
            if key not in reported and entry["verdict"] == "right" and key[3] in linted:
                out.append(f"{_where(key)}: {key[3]} (was right: {entry.get('reason', '')})")
        return out
    for key, finding in sorted(reported.items()):
        entry = ledger.get(key)
        if (kind == "new" and entry is None) or (entry is not None and entry["verdict"] == kind):
            note = f"  [{entry['reason']}]" if entry else ""
            out.append(f"{_where(key)}: {key[3]} {finding['message']}{note}")
    return out


def _where(key: tuple) -> str:
    path, cell, line, _ = key
    return f"{path}:cell {cell}:{line}" if cell else f"{path}:{line}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--ledger", type=Path, default=LEDGER)
    parser.add_argument("--list", choices=("new", "vanished", "false", "debatable", "right"))
    parser.add_argument("--write-pending", type=Path, help="write unreviewed findings as ledger lines without a verdict")
    parser.add_argument("--json", type=Path, help="also write the per-rule figures here")
    args, extra = parser.parse_known_args(argv)
    if not args.corpora.is_dir():
        sys.exit(f"no corpora at {args.corpora} (expected ../shared/corpora beside the repository)")
    findings = lint(corpus_folders(args.corpora), extra)
    ledger = read_ledger(args.ledger)
    if args.write_pending:
        with args.write_pending.open("w", encoding="utf-8") as out:
            for f in sorted(findings, key=lambda f: key_of(f, args.corpora)):
                key = key_of(f, args.corpora)
                if key not in ledger:
                    out.write(json.dumps({"path": key[0], "cell": key[1], "line": key[2], "code": key[3],
                                          "severity": f["severity"], "message": f["message"]}) + "\n")
    if args.list:
        print("\n".join(listing(args.list, findings, ledger, args.corpora, extra)))
        return 0
    text, figures = table(findings, ledger, args.corpora, linted_codes(extra))
    print(f"{len(findings)} findings on {', '.join(p.name for p in corpus_folders(args.corpora))}")
    print(text)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
