"""Turning bytes on disk into the program text tflint analyses.

A ``SourceFile`` is the program as the engine sees it: plain Python text.
For notebooks that text is every code cell in order, with IPython magics and
shell escapes masked so that libcst can parse it, and a line map back to
(cell, line) so diagnostics land where the user wrote them.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

from tflint.diagnostics import Position, Range

#: Cell magics whose body is still Python (the first line is masked only).
PYTHON_BODY_CELL_MAGICS = frozenset(
    {"time", "timeit", "capture", "prun", "debug", "tensorflow_version", "autoreload", "skip", "memit"}
)
_LINE_MAGIC = re.compile(r"^(\s*)(?:[!%]|\?\?|\?)")
_ASSIGN_MAGIC = re.compile(r"^(\s*[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*)[!%]")
_HELP_SUFFIX = re.compile(r"^\s*[A-Za-z_][\w.]*\?{1,2}\s*$")
LINE_SPLIT = re.compile(r"\r\n|\r|\n")


class SourceError(Exception):
    """The file cannot be turned into program text (decode error, bad notebook...)."""


@dataclass
class Cell:
    """One code cell of a notebook, as it sits in the program text."""

    number: int  # 1-based index among all cells of the notebook
    first_line: int  # 1-based program line where the cell starts
    line_count: int
    original_lines: list[str]  # the cell's own lines, magics unmasked
    masked: set[int] = field(default_factory=set)  # 0-based lines that were masked
    indent: str = ""  # the first line's indent, which IPython strips from every line that starts with it
    dedented: frozenset = frozenset()  # 0-based lines it was stripped from


    def shift(self, line: int) -> int:
        """Columns IPython's dedent removed from the cell's 1-based ``line``."""
        return len(self.indent) if line - 1 in self.dedented else 0


@dataclass
class SourceFile:
    path: str
    text: str  # what is parsed
    is_notebook: bool = False
    cells: list[Cell] = field(default_factory=list)
    encoding: str = "utf-8"
    had_bom: bool = False
    newline: str = "\n"
    raw: bytes | None = None  # the bytes as read (to refuse stale writes)
    # every line's own ending, kept only when a file mixes them (fixes must not rewrite them all)
    line_endings: tuple[str, ...] | None = None
    notebook_json: dict | None = None

    # -- notebooks -----------------------------------------------------------
    def cell_of_line(self, line: int) -> Cell | None:
        for cell in self.cells:
            if cell.first_line <= line < cell.first_line + cell.line_count:
                return cell
        return None

    def to_cell_range(self, rng: Range) -> tuple[int | None, Range]:
        """Map a program range to (cell number, range inside that cell)."""
        if not self.is_notebook:
            return None, rng
        cell = self.cell_of_line(rng.start.line)
        if cell is None:
            return None, rng
        offset = cell.first_line - 1
        last = cell.line_count
        end_line = min(rng.end.line - offset, last)
        start_line = rng.start.line - offset
        end_col = rng.end.column + cell.shift(end_line) if rng.end.line - offset <= last else 0
        return cell.number, Range(
            Position(start_line, rng.start.column + cell.shift(start_line)), Position(end_line, end_col)
        )

    def to_program_position(self, cell: int | None, pos: Position) -> Position:
        """Inverse of ``to_cell_range`` for one position."""
        if not self.is_notebook or cell is None:
            return pos
        for c in self.cells:
            if c.number == cell:
                return Position(pos.line + c.first_line - 1, max(pos.column - c.shift(pos.line), 0))
        raise KeyError(f"no code cell {cell}")

    def cell_sources(self, program_text: str) -> dict[int, str]:
        """Each code cell's source in ``program_text`` (same layout), magics restored, no final newline."""
        lines = program_text.split("\n")
        out = {}
        for cell in self.cells:
            new = lines[cell.first_line - 1 : cell.first_line - 1 + cell.line_count]
            out[cell.number] = "\n".join(
                cell.original_lines[i] if i in cell.masked and i < len(cell.original_lines)
                else (cell.indent + line if i in cell.dedented else line)
                for i, line in enumerate(new)
            )
        return out

    def render(self, program_text: str) -> bytes:
        """Bytes to write back after ``program_text`` (same cell layout) was edited."""
        if not self.is_notebook:
            text = program_text
            parts = text.split("\n") if self.line_endings is not None else ()
            if parts and len(parts) - 1 == len(self.line_endings):
                text = "".join(p + e for p, e in zip(parts, self.line_endings)) + parts[-1]
            elif self.newline != "\n":
                text = text.replace("\n", self.newline)
            data = text.encode(self.encoding)
            if self.had_bom:
                data = b"\xef\xbb\xbf" + data
            return data
        nb = self.notebook_json
        assert nb is not None
        code_cells = _code_cells(nb)
        for number, source in self.cell_sources(program_text).items():
            raw_cell = code_cells[number]
            key = "source" if "source" in raw_cell else "input"
            old = raw_cell[key]
            old_text = "".join(old) if isinstance(old, list) else old
            if _ends_with_newline(old):  # the program dropped exactly one trailing newline per cell
                source += "\n"
            if source.replace("\r\n", "\n").replace("\r", "\n") != old_text.replace("\r\n", "\n").replace("\r", "\n"):
                raw_cell[key] = _split_keepends(source) if isinstance(old, list) else source  # untouched cells stay as they were
        return (json.dumps(nb, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _ends_with_newline(src) -> bool:
    text = "".join(src) if isinstance(src, list) else src
    return text.endswith("\n")


def _split_keepends(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _code_cells(nb: dict) -> dict[int, dict]:
    """Code cells by their 1-based number among all cells (nbformat 3 and 4)."""
    if "worksheets" in nb:  # nbformat 3
        all_cells = [c for ws in nb.get("worksheets") or [] for c in ws.get("cells") or []]
    else:
        all_cells = nb.get("cells") or []
    if not isinstance(all_cells, list):
        raise SourceError("notebook 'cells' is not a list")
    return {
        i: c
        for i, c in enumerate(all_cells, start=1)
        if isinstance(c, dict) and c.get("cell_type") == "code"
    }


def decode_python(data: bytes) -> tuple[str, str, bool]:
    """Decode Python source bytes honouring a BOM and a PEP 263 cookie."""
    if b"\x00" in data:  # Python rejects NUL anywhere; libcst would accept it in a string
        raise SourceError("binary file (contains NUL bytes), not Python source")
    had_bom = data.startswith(b"\xef\xbb\xbf")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        raise SourceError(f"bad encoding declaration: {exc}") from None
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        detail = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
        where = f" at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
        raise SourceError(f"cannot decode file as {encoding}{where}: {detail}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, ("utf-8" if encoding == "utf-8-sig" else encoding), had_bom


def _dominant_newline(text: str) -> str:
    if "\r\n" in text:
        return "\r\n"
    if "\r" in text and "\n" not in text:
        return "\r"
    return "\n"


def python_source(path: str, data: bytes) -> SourceFile:
    text, encoding, had_bom = decode_python(data)
    newline = _dominant_newline(text)
    endings = None
    if "\r" in text:
        found = tuple(LINE_SPLIT.findall(text))
        endings = found if len(set(found)) > 1 else None
        text = LINE_SPLIT.sub("\n", text)
    return SourceFile(path, text, encoding=encoding, had_bom=had_bom, newline=newline, raw=data, line_endings=endings)


def mask_cell(lines: list[str]) -> tuple[list[str], set[int]]:
    """Replace IPython-only syntax with Python of the same line count."""
    masked: set[int] = set()
    out = list(lines)
    if out and out[0].lstrip().startswith("%%"):
        magic = out[0].lstrip()[2:].split(None, 1)[0] if out[0].strip() != "%%" else ""
        if magic in PYTHON_BODY_CELL_MAGICS:
            out[0] = "pass"
            masked.add(0)
        else:  # %%bash, %%writefile, %%html ...: the body is not Python
            for i in range(len(out)):
                out[i] = "pass"
                masked.add(i)
            return out, masked
    continuation = False
    inside = _lines_inside_brackets(out)
    for i, line in enumerate(out):
        if i in masked or i in inside:
            continue  # ``    % (a, b))`` inside an open bracket is the modulo operator, not a magic
        if continuation:  # a masked magic continued with a backslash
            out[i] = "pass" if line.strip() else line
            masked.add(i)
            continuation = line.rstrip().endswith("\\")
            continue
        m = _LINE_MAGIC.match(line)
        assign = _ASSIGN_MAGIC.match(line)
        if assign:
            out[i] = assign.group(1) + "None"
        elif m or _HELP_SUFFIX.match(line):
            indent = re.match(r"\s*", line).group(0)
            out[i] = indent + "pass"
        else:
            continue
        masked.add(i)
        continuation = line.rstrip().endswith("\\")
    return out, masked


def _lines_inside_brackets(lines: list[str]) -> set[int]:
    """Indexes of lines that start inside an open bracket (Python's own tokenizer; best effort)."""
    import io
    import tokenize

    inside: set[int] = set()
    depth = 0
    row = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO("\n".join(lines) + "\n").readline):
            if tok.start[0] != row:
                row = tok.start[0]
                if depth > 0:
                    inside.add(row - 1)
            if tok.type == tokenize.OP:
                if tok.string in "([{":
                    depth += 1
                elif tok.string in ")]}":
                    depth = max(depth - 1, 0)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return inside


def _leading_indent(lines: list[str]) -> str:
    """The indent of a cell's first non-blank line (IPython's ``leading_indent`` strips it before running)."""
    first = next((line for line in lines if line.strip()), "")
    return first[: len(first) - len(first.lstrip(" \t"))]


def notebook_from_cells(path: str, cells: list[tuple[int, str]], notebook_json: dict | None = None) -> SourceFile:
    """Build the program from (cell number, cell source) pairs, in order."""
    program: list[str] = []
    layout: list[Cell] = []
    for number, source in cells:
        if "\r" in source:
            source = LINE_SPLIT.sub("\n", source)
        lines = source.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        masked_lines, masked = mask_cell(lines)
        indent = _leading_indent(masked_lines)
        dedented = frozenset(i for i, line in enumerate(masked_lines) if indent and line.startswith(indent))
        masked_lines = [line[len(indent):] if i in dedented else line for i, line in enumerate(masked_lines)]
        layout.append(Cell(number, len(program) + 1, len(masked_lines), lines, masked, indent, dedented))
        program.extend(masked_lines)
    text = "\n".join(program) + ("\n" if program else "")
    return SourceFile(path, text, is_notebook=True, cells=layout, notebook_json=notebook_json)


def _notebook_json(data: bytes, parse) -> tuple[str, dict]:
    """A notebook's text and its top-level JSON object read with ``parse``; raises SourceError saying what is wrong."""
    try:
        text = data.decode("utf-8-sig")
        nb = parse(text)
    except UnicodeDecodeError as exc:
        raise SourceError(f"notebook is not UTF-8 (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise SourceError(f"notebook is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    if not isinstance(nb, dict):
        raise SourceError("notebook is not a JSON object")
    return text, nb


def notebook_source(path: str, data: bytes) -> SourceFile:
    _, nb = _notebook_json(data, json.loads)
    language = (nb.get("metadata") or {}).get("language_info", {}) if isinstance(nb.get("metadata"), dict) else {}
    if isinstance(language, dict) and language.get("name") not in (None, "python"):
        raise SourceError(f"notebook language is {language.get('name')!r}, not Python")
    cells = []
    for number, cell in _code_cells(nb).items():
        src = cell.get("source", cell.get("input", ""))
        if isinstance(src, list):
            src = "".join(s for s in src if isinstance(s, str))
        if not isinstance(src, str):
            raise SourceError(f"cell {number} has a source that is not text")
        cells.append((number, src))
    sf = notebook_from_cells(path, cells, nb)
    sf.raw = data
    return sf


#: Bigger files are not linted (libcst needs minutes for them). Notebooks carry
#: their outputs (images) in the same file, so they may be much bigger.
MAX_PYTHON_BYTES = 10 * 1024 * 1024
MAX_NOTEBOOK_BYTES = 256 * 1024 * 1024


def read_bytes(path: str | Path) -> bytes:
    """The file's bytes; SourceError for FIFOs, devices, oversized or unreadable files.

    Opened non-blocking and checked on the open descriptor, so a FIFO named
    ``x.py`` (or a file swapped for one after discovery) cannot hang the run.
    """
    path = str(path)
    limit = MAX_NOTEBOOK_BYTES if path.endswith(".ipynb") else MAX_PYTHON_BYTES
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError("not a regular file (a FIFO, socket or device); skipped")
        if info.st_size > limit:
            raise SourceError(f"file is {info.st_size / 2**20:.0f} MiB, over tflint's {limit // 2**20} MiB limit; skipped")
        chunks = []
        size = 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > limit:  # grew while we read, or st_size lied (/proc)
                raise SourceError(f"file is over tflint's {limit // 2**20} MiB limit; skipped")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def load(path: str | Path, data: bytes | None = None) -> SourceFile:
    """Read ``path`` (or the given bytes) into a SourceFile; raises SourceError."""
    path = str(path)
    if data is None:
        data = read_bytes(path)
    if path.endswith(".ipynb"):
        return notebook_source(path, data)
    return python_source(path, data)


def from_text(path: str, text: str, *, notebook: bool = False) -> SourceFile:
    """A SourceFile for text that is already decoded (stdin, editor buffers)."""
    if notebook:
        return notebook_source(path, text.encode("utf-8"))
    newline = _dominant_newline(text)
    if "\r" in text:
        text = LINE_SPLIT.sub("\n", text)
    if text.startswith("\ufeff"):
        text = text[1:]
    return SourceFile(path, text, newline=newline)


# -- where a notebook cell's code sits in the .ipynb file ------------------------------


class _PositionedList(list):
    """A JSON array with the text offset of each element."""

    offsets: list[int]


class _PositionedDict(dict):
    """A JSON object with the text offset of each member's value."""

    offsets: dict[str, int]


def _positioned_json(text: str):
    """``json.loads`` that also records where each array element and object value starts.

    Python's own scanner with two hooks, so the JSON grammar is the standard
    library's; only the pure-Python scanner offers the hooks (slower, and only
    needed for notebooks that have findings in SARIF or GitHub output).
    """
    from json import decoder as json_decoder
    from json import scanner as json_scanner

    def recording(scan_once, seen: list[int]):
        def scan(string: str, idx: int):
            seen.append(idx)
            return scan_once(string, idx)

        return scan

    def parse_array(s_and_end, scan_once):
        seen: list[int] = []
        values, end = json_decoder.JSONArray(s_and_end, recording(scan_once, seen))
        out = _PositionedList(values)
        out.offsets = seen
        return out, end

    def parse_object(s_and_end, strict, scan_once, object_hook, object_pairs_hook, memo=None):
        seen: list[int] = []
        pairs, end = json_decoder.JSONObject(s_and_end, strict, recording(scan_once, seen), None, list, memo)
        out = _PositionedDict(pairs)
        out.offsets = {key: offset for (key, _), offset in zip(pairs, seen)}
        return out, end

    decoder = json.JSONDecoder()
    decoder.parse_array = parse_array
    decoder.parse_object = parse_object
    decoder.scan_once = json_scanner.py_make_scanner(decoder)
    return decoder.decode(text)


def _raw_index(text: str, start: int, decoded: int) -> int:
    """Index in ``text`` of the ``decoded``-th character of the JSON string whose quote is at ``start``."""
    j = start + 1
    for _ in range(decoded):
        if text[j] != "\\":
            j += 1
        elif text[j + 1] != "u":
            j += 2
        elif 0xD800 <= int(text[j + 2 : j + 6], 16) < 0xDC00 and text[j + 6 : j + 8] == "\\u":
            j += 12  # a surrogate pair is one character
        else:
            j += 6
    return j


@dataclass
class NotebookLayout:
    """Where the code of each cell sits in the ``.ipynb`` file itself.

    Diagnostics in notebooks carry (cell, line inside the cell); readers of
    SARIF and GitHub annotations open the ``.ipynb`` file, where the code is
    a JSON string many lines further down. Lines are 1-based, columns 0-based.
    """

    text: str
    cells: dict[int, list[tuple[int, str]]]  # cell number -> the source's JSON strings (offset, value)
    _newlines: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._newlines = [m.start() for m in re.finditer("\n", self.text)]

    def file_position(self, cell: int, pos: Position) -> Position | None:
        """The file position of ``pos`` (a line and column inside ``cell``), None when the cell has no code."""
        import bisect

        pieces = self.cells.get(cell)
        if not pieces:
            return None
        source = "".join(value for _, value in pieces)
        starts = [0] + [m.end() for m in LINE_SPLIT.finditer(source)]
        line = min(max(pos.line, 1), len(starts))
        target = min(starts[line - 1] + max(pos.column, 0), len(source))
        bounds = []
        total = 0
        for _, value in pieces:
            bounds.append(total)
            total += len(value)
        index = max(bisect.bisect_right(bounds, target) - 1, 0)
        offset, value = pieces[index]
        raw = _raw_index(self.text, offset, min(target - bounds[index], len(value)))
        file_line = bisect.bisect_left(self._newlines, raw)  # newlines before raw
        line_start = self._newlines[file_line - 1] + 1 if file_line else 0
        return Position(file_line + 1, raw - line_start)

    def file_range(self, cell: int, rng: Range) -> Range | None:
        start = self.file_position(cell, rng.start)
        end = self.file_position(cell, rng.end)
        if start is None or end is None:
            return None
        return Range(start, end if (end.line, end.column) >= (start.line, start.column) else start)


def notebook_layout(data: bytes) -> NotebookLayout:
    """Read where each code cell's source sits in a notebook's bytes; raises SourceError."""
    text, nb = _notebook_json(data, _positioned_json)
    cells: dict[int, list[tuple[int, str]]] = {}
    for number, cell in _code_cells(nb).items():
        key = "source" if "source" in cell else "input"
        src = cell.get(key)
        if isinstance(src, _PositionedList):
            cells[number] = [(o, v) for o, v in zip(src.offsets, src) if isinstance(v, str)]
        elif isinstance(src, str) and isinstance(cell, _PositionedDict):
            cells[number] = [(cell.offsets[key], src)]
    return NotebookLayout(text, cells)
