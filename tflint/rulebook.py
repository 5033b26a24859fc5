"""The rule pages in ``rules/``: metadata, docs and examples of every rule.

The pages ship inside the wheel (as ``tflint/_rules``); in a source checkout
they are read from the repository's ``rules/`` folder.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from tflint.diagnostics import RuleInfo, Severity

DOCS_URL = "https://github.com/tflint-ml/tflint/blob/main/rules/{code}.md"
_CODE = re.compile(r"^TFL\d{3}$")
_FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```", re.M | re.S)


def rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("tflint's rule pages are missing (expected tflint/_rules or rules/)")


def parse_page(text: str, filename: str = "") -> RuleInfo:
    if not text.startswith("---\n"):
        raise ValueError(f"{filename}: rule page must start with a '---' front matter block")
    head, _, body = text[4:].partition("\n---\n")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip()] = value.split("#", 1)[0].strip()
    code = meta.get("code", "")
    if not _CODE.match(code):
        raise ValueError(f"{filename}: bad or missing code {code!r}")
    fix = meta.get("fix", "none")
    if fix not in ("none", "safe", "unsafe"):
        raise ValueError(f"{filename}: fix must be none, safe or unsafe")
    return RuleInfo(
        code=code,
        name=meta.get("name", ""),
        severity=Severity.parse(meta.get("severity", "warning")),
        fix=fix,
        default_enabled=meta.get("default", "true").lower() == "true",
        summary=_summary(body),
        page=body.strip() + "\n",
    )


def _summary(body: str) -> str:
    section = section_text(body, "What it does")
    para = section.strip().split("\n\n", 1)[0]
    return " ".join(para.split())


def section_text(page: str, heading: str) -> str:
    m = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", page, re.M | re.S)
    return m.group(1) if m else ""


def code_blocks(page: str, heading: str, language: str = "python") -> list[str]:
    """Code blocks fenced with exactly ``language`` under a ``## heading``."""
    return [code for lang, code in _FENCE.findall(section_text(page, heading)) if lang.strip() == language]


_MARK = re.compile(r"<- (TFL\d{3})\s*$")


def marked_lines(block: str) -> dict[int, str]:
    """The lines an example marks as reported (``...  # <- TFL301`` at the end of the line)."""
    out = {}
    for number, line in enumerate(block.splitlines(), start=1):
        found = _MARK.search(line)
        if found:
            out[number] = found.group(1)
    return out


def without_marks(block: str) -> str:
    """An example as a user would write it: the ``<- TFLnnn`` marks (and a comment left empty) removed."""
    lines = []
    for line in block.split("\n"):
        found = _MARK.search(line)
        if found:
            line = line[: found.start()].rstrip()
            if line.endswith("#"):
                line = line[:-1].rstrip()
        lines.append(line)
    return "\n".join(lines)


@lru_cache(maxsize=1)
def all_rules() -> dict[str, RuleInfo]:
    rules: dict[str, RuleInfo] = {}
    names: dict[str, str] = {}
    for path in sorted(rules_dir().glob("TFL*.md")):
        info = parse_page(path.read_text(encoding="utf-8"), path.name)
        if info.name in names:
            raise ValueError(f"{path.name}: rule name '{info.name}' is already the name of {names[info.name]}")
        names[info.name] = info.code
        rules[info.code] = info
    return rules


def get(code: str) -> RuleInfo | None:
    return all_rules().get(code.upper())


def docs_url(code: str) -> str:
    return DOCS_URL.format(code=code)
