"""Shared helpers for tflint's tests."""

from __future__ import annotations

import textwrap

import pytest

from tflint.api import lint_text
from tflint.config import Config


def lint(code: str, *, path: str = "train.py", config: Config | None = None, select=("ALL",)):
    """Lint dedented source with every rule enabled (unless ``select`` says otherwise)."""
    config = config or Config(select=tuple(select) if select else None)
    return lint_text(textwrap.dedent(code), path, config).diagnostics


def codes(code: str, **kwargs) -> list[str]:
    return [d.code for d in lint(code, **kwargs)]


@pytest.fixture
def lint_codes():
    return codes
