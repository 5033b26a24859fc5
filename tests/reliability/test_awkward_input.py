"""Awkward input through the real CLI: every file gets a clear message, the run goes on.

One directory holds every kind of awkward file; ``python -m tflint`` lints it
once (as a user would in CI) and each file's outcome is checked: encodings,
BOM, CRLF and lone CR, tabs, NUL bytes, an empty file, a 50,000-line file, a
deeply nested expression, symlink loops, a FIFO, a file that cannot be read
even by root, broken notebooks, nbformat 3, magics and shell escapes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tflint.api import lint_file
from tflint.config import Config

H = b"import tensorflow as tf\n"
BAD = b"opt = tf.keras.optimizers.Adam(lr=0.1)\n"  # TFL303 at column 32 (1-based)


def _nb(cells, nbformat=4, **meta) -> str:
    if nbformat == 3:
        return json.dumps({"nbformat": 3, "nbformat_minor": 0, "metadata": meta, "worksheets": [{"cells": cells}]})
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": meta, "cells": cells})


def _code(source, key="source"):
    return {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, key: source}


#: file name -> (bytes, expected (code, cell, line) findings or a TFL004/TFL001 message part)
FILES: dict[str, tuple[bytes, list]] = {
    "ok.py": (H + BAD, [("TFL303", None, 2)]),
    "latin1.py": (b"# -*- coding: latin-1 -*-\n" + H + b"name = 'caf\xe9'\n" + BAD, [("TFL303", None, 4)]),
    "cp1252_cookie.py": (b"#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n" + H + b"s = '\x80'\n" + BAD, [("TFL303", None, 5)]),
    "bad_utf8.py": (H + b"name = 'caf\xe9'\n", [("TFL004", "cannot decode")]),
    "bad_cookie.py": (b"# coding: klingon\n" + H, [("TFL004", "encoding")]),
    "bom.py": (b"\xef\xbb\xbf" + H + BAD, [("TFL303", None, 2)]),
    "bom_and_cookie.py": (b"\xef\xbb\xbf# coding: utf-8\n" + H + BAD, [("TFL303", None, 3)]),
    "crlf.py": ((H + BAD).replace(b"\n", b"\r\n"), [("TFL303", None, 2)]),
    "cr.py": ((H + b"x = 1\n" + BAD).replace(b"\n", b"\r"), [("TFL303", None, 3)]),
    "mixed_newlines.py": (H + b"x = 1\r\ny = 2\r" + BAD, [("TFL303", None, 4)]),
    "tabs.py": (H + b"if True:\n\tx = 1\n" + b"\t" + BAD, [("TFL303", None, 4)]),
    "tab_space_mix.py": (H + b"if True:\n\tx = 1\n        y = 2\n", [("TFL001", "tabs")]),
    "nul.py": (H + b"x = 1\x00\n", [("TFL004", "NUL")]),
    "nul_late.py": (H + b"#" * 10000 + b"\nx = '\x00'\n", [("TFL004", "NUL")]),
    "empty.py": (b"", []),
    "only_comments.py": (b"# nothing here\n# import tensorflow as tf\n", []),
    "no_newline_at_end.py": (H + BAD.rstrip(b"\n"), [("TFL303", None, 2)]),
    "big.py": (
        H + b"".join(b"x%d = tf.constant(%d)\n" % (i, i) for i in range(49_998)) + BAD,
        [("TFL303", None, 50_000)],
    ),
    "deep.py": (H + b"x = " + b"+".join([b"1"] * 5000) + b"\n" + BAD, [("TFL001", "nested")]),
    "deep_parens.py": (H + b"x = " + b"(" * 300 + b"1" + b")" * 300 + b"\n", [("TFL001", "nested")]),
    "unicode_separators.py": (
        H + "# \u2028 line separator, \x0c form feed, \x1c file separator\ns = '\u2029'\n".encode() + BAD,
        [("TFL303", None, 4)],
    ),
    "long_line.py": (H + b"x = [" + b"1, " * 20_000 + b"]\n" + BAD, [("TFL303", None, 3)]),
    "syntax_error.py": (H + b"def f(:\n" + BAD, [("TFL001", "SyntaxError")]),
    "nb_magics.ipynb": (
        _nb(
            [
                _code(["%%time\n", "import tensorflow as tf\n"]),
                _code(["!pip install tensorflow\n", "files = !ls\n", "%env X=1\n", "tf.keras.optimizers.Adam?\n",
                       "opt = tf.keras.optimizers.Adam(lr=0.1)\n"]),
                _code("%%bash\nfor i in 1 2; do echo $i; done\n"),
                {"cell_type": "markdown", "metadata": {}, "source": ["# text"]},
                _code(["%%writefile x.py\n", "def (:\n"]),
                _code(["%load_ext autoreload\n", "%autoreload 2\n", "!ls \\\n", "  -la\n"]),
            ],
            language_info={"name": "python"},
        ).encode(),
        [("TFL303", 2, 5)],
    ),
    "nb3.ipynb": (
        _nb(
            [
                _code(["import tensorflow as tf\n", "x = 1\n"], key="input"),
                {"cell_type": "markdown", "source": ["# hi"]},
                _code("%matplotlib inline\n!ls\nopt = tf.keras.optimizers.SGD(lr=0.1)", key="input"),
            ],
            nbformat=3,
        ).encode(),
        [("TFL303", 3, 3)],
    ),
    "invalid.ipynb": (b'{"cells": [', [("TFL004", "not valid JSON")]),
    "not_utf8.ipynb": (b'{"cells": ["\xff"]}', [("TFL004", "UTF-8")]),
    "list.ipynb": (b"[1, 2]", [("TFL004", "not a JSON object")]),
    "cells_not_list.ipynb": (b'{"cells": "nope"}', [("TFL004", "not a list")]),
    "source_not_text.ipynb": (b'{"cells": [{"cell_type": "code", "source": 5}]}', [("TFL004", "not text")]),
    "r_kernel.ipynb": (_nb([_code("x <- 1")], language_info={"name": "R"}).encode(), [("TFL004", "'R'")]),
    "empty.ipynb": (b"", [("TFL004", "JSON")]),
    "nb_syntax_error.ipynb": (_nb([_code("import tensorflow as tf\n"), _code("def f(:\n")]).encode(), [("TFL001", 2, 1)]),
}
SKIPPED = ("fifo.py", "loop1.py", "loop2.py", "self_loop.py")  # discovery reports them on stderr


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("awkward")
    for name, (data, _) in FILES.items():
        (root / name).write_bytes(data)
    os.mkfifo(root / "fifo.py")  # reading it would block forever
    os.symlink("loop2.py", root / "loop1.py")
    os.symlink("loop1.py", root / "loop2.py")
    os.symlink("self_loop.py", root / "self_loop.py")
    os.symlink(".", root / "dir_loop")  # a directory link to itself
    # Unreadable even for root (chmod 000 does not stop root): reading
    # /proc/self/mem from offset 0 fails with EIO.
    os.symlink("/proc/self/mem", root / "unreadable.py")
    (root / "folder.py").mkdir()  # a directory with a .py name
    (root / "folder.py" / "inner.py").write_bytes(H + BAD)
    return root


def _run(args, cwd) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run(
        [sys.executable, "-m", "tflint", "--no-cache", *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env
    )


@pytest.fixture(scope="module")
def run(project):
    proc = _run(["--format", "json", "--jobs", "2", "."], project)
    return proc, json.loads(proc.stdout)


def test_exit_code_and_count(run):
    proc, report = run
    assert proc.returncode == 1, proc.stderr
    # every regular file, the unreadable one and the one inside folder.py/
    assert report["summary"]["files_checked"] == len(FILES) + 2


def test_skipped_paths_are_named_on_stderr(run):
    proc, _ = run
    for name in SKIPPED:
        assert name in proc.stderr, proc.stderr
    assert "not a regular file" in proc.stderr and "link loop" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_file_gets_its_outcome(run, name):
    _, report = run
    mine = [d for d in report["diagnostics"] if Path(d["path"]).name == name and "folder.py" not in d["path"]]
    assert not [d for d in mine if d["code"] == "TFL002"], mine
    expected = FILES[name][1]
    if not expected:
        assert mine == []
    for item in expected:
        code = item[0]
        if isinstance(item[1], str):  # (code, message part)
            assert any(d["code"] == code and item[1] in d["message"] for d in mine), mine
        else:  # (code, cell, line)
            assert any(d["code"] == code and d["cell"] == item[1] and d["line"] == item[2] for d in mine), mine


def test_unreadable_file_and_directory_named_py(run):
    _, report = run
    unreadable = [d for d in report["diagnostics"] if d["path"].endswith("unreadable.py")]
    assert [d["code"] for d in unreadable] == ["TFL004"] and "cannot read" in unreadable[0]["message"]
    inner = [d for d in report["diagnostics"] if d["path"].endswith(os.path.join("folder.py", "inner.py"))]
    assert "TFL303" in [d["code"] for d in inner]


def test_explicit_paths_report_and_continue(project):
    proc = _run(["--format", "json", "fifo.py", "missing.py", "loop1.py", "ok.py"], project)
    assert proc.returncode == 2, proc.stderr  # named paths that cannot be linted: a usage error (issue 18)
    assert "fifo.py: not a regular file" in proc.stderr
    assert "missing.py: no such file" in proc.stderr
    assert "loop1.py: broken symbolic link" in proc.stderr
    assert [d["code"] for d in json.loads(proc.stdout)["diagnostics"]] == ["TFL303", "TFL301"]


def test_only_bad_paths_exit_2(project):
    proc = _run(["fifo.py", "missing.py"], project)
    assert proc.returncode == 2 and "no such file" in proc.stderr


def test_clean_awkward_files_exit_0(project):
    proc = _run(["empty.py", "only_comments.py"], project)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_stdin_with_nul_bytes_and_bom(project):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    for data, code in ((H + b"\x00\n", "TFL004"), (b"\xef\xbb\xbf" + H + BAD, "TFL303")):
        proc = subprocess.run(
            [sys.executable, "-m", "tflint", "--format", "json", "-"], input=data, capture_output=True, timeout=120, env=env, cwd=project
        )
        assert proc.returncode == 1, proc.stderr
        assert code in [d["code"] for d in json.loads(proc.stdout)["diagnostics"]]


def test_fifo_through_the_api_does_not_block(project):
    result = lint_file(project / "fifo.py", Config())
    assert [d.code for d in result.diagnostics] == ["TFL004"]


def test_cache_path_survives_awkward_files(project, run):
    """With the cache on, files are read in the parent process first: same outcomes, no hang."""
    _, uncached = run
    names = [n for n in FILES if n != "big.py"] + ["fifo.py", "unreadable.py", "loop1.py"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    cached = subprocess.run(
        [sys.executable, "-m", "tflint", "--format", "json", "--jobs", "1", *names],
        cwd=project, capture_output=True, text=True, timeout=300, env=env,
    )
    assert cached.returncode == 2, cached.stderr  # fifo.py and loop1.py are named and cannot be linted
    key = lambda d: (Path(d["path"]).name, d["code"], d["line"], d["cell"])  # noqa: E731
    expected = [key(d) for d in uncached["diagnostics"] if Path(d["path"]).name in names and "folder.py" not in d["path"]]
    assert sorted(map(key, json.loads(cached.stdout)["diagnostics"])) == sorted(expected)
