"""Which config governs a path, and which paths ``exclude`` drops: the compiled matchers
give the answers of the plain definitions (``find_config_file``, ``_glob_match``)."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from tflint import config as config_mod
from tflint.config import DEFAULT_EXCLUDE, ConfigResolver, find_config_file

PATTERNS = [
    *DEFAULT_EXCLUDE, "experiments/old/", "tests/*", "*.ipynb", "data/**/x.py", "a?c", "[ab]*/z", "build/",
    "notes[!0-9].py", "deep/*/keep",
]
RELATIVE_PATHS = [
    "a/b/c.py", "experiments/old/x.py", "experiments/older/x.py", "tests/x.py", "tests/a/b.py", "x/tests/y.py",
    "nb.ipynb", "d/nb.ipynb", "data/q/r/x.py", "abc", "x/abc/y", "aXc/q", "b1/z", "build", "src/build/x.py",
    ".venv/lib/x.py", "node_modules", "q/.git", "gitx", "notesA.py", "notes1.py", "deep/a/keep", "deep/a/b/keep",
]


@pytest.mark.parametrize("size", [0, 1, 3, len(PATTERNS)])
def test_compiled_excludes_answer_like_each_glob(size):
    for patterns in itertools.islice(itertools.combinations(PATTERNS, size), 40):
        matcher = config_mod._GlobSet(tuple(patterns), Path("/"))
        for rel in RELATIVE_PATHS:
            expected = any(config_mod._glob_match(rel, p) for p in patterns)
            assert matcher.matches(rel) is expected, (patterns, rel)


def test_is_excluded_follows_a_changed_exclude_list(tmp_path):
    config = config_mod.Config(root=tmp_path, exclude=("old/",))
    assert config.is_excluded(str(tmp_path / "old" / "x.py"))
    assert not config.is_excluded(str(tmp_path / "new" / "x.py"))
    config.exclude = ("new/",)  # the resolver applies overrides after a config is built
    assert config.is_excluded(str(tmp_path / "new" / "x.py"))
    assert not config.is_excluded(str(tmp_path / "old" / "x.py"))
    assert config.fingerprint() == config_mod.Config(root=tmp_path, exclude=("new/",)).fingerprint()


def test_paths_outside_the_root_are_matched_as_given(tmp_path):
    config = config_mod.Config(root=tmp_path / "project", exclude=("*.py",))
    assert config.is_excluded("elsewhere/x.py")
    assert not config.is_excluded(str(tmp_path / "elsewhere" / "x.txt"))


def test_resolver_finds_the_closest_config_of_every_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.tflint]\nignore = ["TFL204"]\n')
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "a" / "b" / "tflint.toml").write_text('ignore = ["TFL202"]\n')
    (tmp_path / "a" / "other").mkdir(parents=True)
    (tmp_path / "a" / "other" / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no [tool.tflint]
    resolver = ConfigResolver()
    # deepest first, so the later lookups go through folders the resolver has already seen
    for folder in ("a/b/c", "a/b", "a/other", "a", "."):
        path = tmp_path / folder / "train.py"
        expected = find_config_file(path.parent)
        got = resolver.for_path(str(path))
        assert got.source == str(expected), folder
    assert resolver.for_path(str(tmp_path / "a" / "b" / "c")).ignore == ("TFL202",)  # a folder is its own folder
    assert resolver.for_path(str(tmp_path / "a" / "other" / "x.py")).ignore == ("TFL204",)
    assert resolver.for_path(os.path.relpath(tmp_path / "a" / "x.py")).ignore == ("TFL204",)
