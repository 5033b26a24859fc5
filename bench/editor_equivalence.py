"""The editor's path against a whole lint, on real code with random edits.

    .venv/bin/python bench/editor_equivalence.py [--seed 1] [--edits 6] [--corpora ../shared/corpora] [--no-flow]

For every corpus script or notebook that defines a function, one document is
opened as the language server opens it (incremental parse, chunked facts,
the data flow's reused function units) and edited several times at random:
a digit changed, a line duplicated or deleted, a name swapped for another
name of the file, a leak-shaped statement inserted. After each edit the
findings of the editor's path are compared with a whole lint of the same
text, and (unless ``--no-flow``) the data flow's splits, fits and uses too.
Prints each difference (the edited text is kept under /tmp) and the totals;
exit 1 on any difference or crash.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import libcst as cst  # noqa: E402

from tflint.analysis.facts import collect_facts  # noqa: E402
from tflint.analysis.provenance import DataFlow, dataflow  # noqa: E402
from tflint.api import lint_text  # noqa: E402
from tflint.incremental import IncrementalParser  # noqa: E402
from tflint.incremental_facts import ChunkedFacts  # noqa: E402
from tflint.source import SourceError, notebook_source  # noqa: E402

INSERTS = (
    "scaler.fit(X)", "X = scaler.fit_transform(X)", "X_train, X_test = train_test_split(X)",
    "model.fit(X_test, y_test)", "import numpy as np", "X = None", "df = pd.read_csv('test.csv')", "return X",
)


def findings(text: str, parser: IncrementalParser | None = None) -> list[tuple]:
    return [(d.code, d.range, d.message) for d in lint_text(text, "edited.py", parser=parser).diagnostics]


def flow_summary(flow: DataFlow) -> tuple:
    """What the checks read from a data flow, without the run's own numbering."""
    code = flow.facts.module.code_for_node
    events = [
        (e.kind, e.role, code(e.call.node), e.obj.category, flow.test_path(e.data) if e.data else None,
         [s.kind for s in flow.heldout_splits(e.data)], e.unit)
        for e in flow.events
    ]
    return events, [(s.kind, code(s.node), s.valid, s.unit) for s in flow.splits], sorted(flow._inlined)


def program(path: Path) -> str | None:
    data = path.read_bytes()
    try:
        return notebook_source(str(path), data).text if path.suffix == ".ipynb" else data.decode("utf-8")
    except (SourceError, UnicodeDecodeError):
        return None


def edit(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    kind = rng.random()
    if kind < 0.3:
        digits = [k for k, ch in enumerate(text) if ch.isdigit()]
        if digits:
            at = rng.choice(digits)
            return text[:at] + str(rng.randrange(10)) + text[at + 1 :]
    if kind < 0.5:
        lines.insert(i, lines[i])
    elif kind < 0.65:
        del lines[i]
    elif kind < 0.8 and (names := sorted(set(re.findall(r"\b[A-Za-z_]\w*\b", lines[i])))):
        new = rng.choice(sorted(set(re.findall(r"\b[A-Za-z_]\w*\b", text))))
        lines[i] = re.sub(rf"\b{re.escape(rng.choice(names))}\b", new, lines[i], count=1)
    else:
        lines.insert(i, re.match(r"[ \t]*", lines[i]).group(0) + rng.choice(INSERTS))
    return "\n".join(lines)


class EditorFlow:
    """The data flow of one open document, version after version, as the engine builds it in the editor."""

    def __init__(self) -> None:
        self.parser = IncrementalParser()
        self.parser.facts = ChunkedFacts()
        self.reused = 0

    def summary(self, text: str) -> tuple | None:
        parsed = self.parser.parse(text)
        if parsed is None:
            return None
        flow = dataflow(self.parser.facts.collect(parsed.module, text, parsed.bodies))
        self.reused += flow.reused_units
        return flow_summary(flow)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--edits", type=int, default=6)
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--no-flow", action="store_true", help="compare findings only")
    args = ap.parse_args(argv)
    files = sorted(p for p in Path(args.corpora).rglob("*") if p.suffix in (".py", ".ipynb"))
    if not files:
        print(f"no .py or .ipynb files under {args.corpora}", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    documents = versions = differences = reused = 0
    for path in files:
        text = program(path)
        if not text or "def " not in text:
            continue
        documents += 1
        parser, editor = IncrementalParser(), EditorFlow()
        for k in range(args.edits + 1):
            if k:
                text = edit(text, rng)
            try:
                same = findings(text, parser) == findings(text)
                if same and not args.no_flow:
                    try:
                        module = cst.parse_module(text)
                    except Exception:
                        module = None
                    if module is not None:
                        mine = editor.summary(text)
                        same = mine is None or mine == flow_summary(dataflow(collect_facts(module, text)))
            except Exception as exc:  # a crash is a difference too
                print(f"CRASH {path} edit {k}: {exc!r}")
                differences += 1
                break
            versions += 1
            if not same:
                differences += 1
                kept = Path(f"/tmp/editor_difference_{differences}.py")
                kept.write_text(text)
                print(f"DIFFERENT {path} edit {k} (text kept in {kept})")
        reused += editor.reused
    print(f"{documents} documents, {versions} versions compared, {differences} differences; "
          f"function units reused by the editor's data flow: {reused}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
