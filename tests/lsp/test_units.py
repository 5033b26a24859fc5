"""The server's pure parts, without a server: positions, edits, noqa, settings."""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from tests.lsp.conftest import apply_edits
from tflint.config import Config
from tflint.diagnostics import Diagnostic, Position, Range, Severity
from tflint.lsp import actions, settings
from tflint.lsp.convert import Lines

UTF16 = PositionCodec(types.PositionEncodingKind.Utf16)
UTF8 = PositionCodec(types.PositionEncodingKind.Utf8)


def test_columns_round_trip_through_utf16_and_utf8():
    text = 'x = "é中😀"; fit()\n'
    col = text.index("fit")  # code points
    lines = Lines(text, UTF16)
    assert lines.to_lsp(Position(1, col)) == types.Position(line=0, character=col + 1)  # 😀 is two UTF-16 units
    assert lines.from_lsp(types.Position(line=0, character=col + 1)) == Position(1, col)
    utf8 = Lines(text, UTF8)
    assert utf8.to_lsp(Position(1, col)).character == len(text[:col].encode("utf-8"))
    assert utf8.from_lsp(utf8.to_lsp(Position(1, col))) == Position(1, col)


def test_lines_split_like_the_lsp_spec_not_like_splitlines():
    text = "a = 1\x0c  # form feed\r\nb = 2\rc = 3\u2028\n"
    lines = Lines(text, UTF16)
    assert len(lines.lines) == 4  # \r\n, \r and \n only; not \x0c or U+2028
    assert lines.to_lsp(Position(3, 1)) == types.Position(line=2, character=1)


def test_a_bom_shifts_columns_on_the_first_line_only():
    lines = Lines("\ufeffimport x\nfit()\n", UTF16)
    assert lines.to_lsp(Position(1, 0)) == types.Position(line=0, character=1)
    assert lines.to_lsp(Position(2, 0)) == types.Position(line=1, character=0)
    assert lines.from_lsp(types.Position(line=0, character=1)) == Position(1, 0)


def test_positions_past_the_end_are_clamped():
    lines = Lines("ab\n", UTF16)
    assert lines.to_lsp(Position(9, 0)) == types.Position(line=1, character=0)
    assert lines.from_lsp(types.Position(line=0, character=99)) == Position(1, 2)
    assert lines.from_lsp(types.Position(line=7, character=0)) == Position(2, 0)


def replaced(old: str, new: str) -> str:
    edit = actions.replacement_edit(Lines(old, UTF16), new)
    return old if edit is None else apply_edits(old, [edit])


def test_replacement_edit_touches_only_the_changed_lines():
    old = "a\nb(lr=1)\nc\n"
    edit = actions.replacement_edit(Lines(old, UTF16), "a\nb(learning_rate=1)\nc\n")
    assert edit.range == types.Range(start=types.Position(line=1, character=0), end=types.Position(line=2, character=0))
    assert edit.new_text == "b(learning_rate=1)\n"


def test_replacement_edit_cases():
    assert replaced("a\nb(lr=1)", "a\nb(learning_rate=1)") == "a\nb(learning_rate=1)"  # no final newline
    assert replaced("a\nb\n", "a\nb\nc\n") == "a\nb\nc\n"
    assert replaced("a\nb", "a\nb\nc") == "a\nb\nc"
    assert replaced("a\r\nb(lr=1)\r\n", "a\nb(learning_rate=1)\n") == "a\r\nb(learning_rate=1)\r\n"
    assert replaced("\ufeffx(lr=1)\n", "x(learning_rate=1)\n") == "\ufeffx(learning_rate=1)\n"
    assert actions.replacement_edit(Lines("same\n", UTF16), "same\n") is None


def diag(line: int, end_line: int | None = None, code: str = "TFL201") -> Diagnostic:
    rng = Range(Position(line, 0), Position(end_line or line, 3))
    return Diagnostic(code, "name", Severity.WARNING, "message", "t.py", rng)


def test_noqa_edit_adds_extends_or_declines():
    assert actions.noqa_edit(["fit(x)   "], diag(1)) == (0, 6, 9, "  # noqa: TFL201")
    assert actions.noqa_edit(["fit(x)  # noqa: TFL303"], diag(1)) == (0, 22, 22, ", TFL201")
    assert actions.noqa_edit(["fit(x)  # noqa"], diag(1)) is None  # already silences everything
    # a backslash continuation cannot take a comment: use the last line of the diagnostic
    assert actions.noqa_edit(["fit(x, \\", "    y)"], diag(1, 2)) == (1, 6, 6, "  # noqa: TFL201")
    assert actions.noqa_edit(["fit(x, \\"], diag(1)) is None


def test_code_action_kind_filter():
    assert actions.wanted(None, "source.fixAll.tflint")
    assert actions.wanted(["source"], "source.fixAll.tflint")
    assert actions.wanted(["source.fixAll"], "source.fixAll.tflint")
    assert not actions.wanted(["source.fixAll.ruff"], "source.fixAll.tflint")
    assert not actions.wanted(["quickfix"], "source.fixAll.tflint")


def test_settings_are_validated_and_layered_on_the_project_config():
    warnings: list[str] = []
    parsed = settings.parse(
        {"enable": "yes", "select": ["tfl2", "bogus"], "ignore": "TFL303, TFL1", "run": "sometimes",
         "severityOverrides": {"TFL201": "error", "TFL202": "fatal"}, "debounceMs": 50},
        warn=warnings.append,
    )
    assert parsed.enable is True and parsed.run == "onType"
    assert parsed.select == ("TFL2",) and parsed.ignore == ("TFL303", "TFL1")
    assert parsed.severity_overrides == (("TFL201", Severity.ERROR),)
    assert parsed.debounce_ms == 50
    assert len(warnings) == 4  # enable, bogus code, run, fatal
    project = Config(ignore=("TFL204",), severity_overrides={"TFL202": Severity.INFO})
    applied = parsed.apply(project)
    assert applied.select == ("TFL2",) and applied.ignore == ("TFL204", "TFL303", "TFL1")
    assert applied.severity_overrides == {"TFL202": Severity.INFO, "TFL201": Severity.ERROR}
    assert project.ignore == ("TFL204",)  # the cached project config is untouched
    assert settings.Settings().apply(project) is project


def test_folder_settings_win_by_longest_prefix():
    store = settings.SettingsStore()
    store.from_initialization_options(
        {"globalSettings": {"ignore": ["TFL1"]}, "workspaceSettings": [
            {"uri": "file:///w/a", "settings": {"run": "onSave"}},
            {"uri": "file:///w/a/deep", "settings": {"enable": False}},
        ]},
        warn=lambda _m: None,
        folder_path=lambda uri: uri[len("file://"):],
    )
    assert store.for_path("/w/a/x.py").run == "onSave"
    assert store.for_path("/w/a/deep/x.py").enable is False
    assert store.for_path("/w/ab/x.py") is store.global_settings  # not a prefix by path component
    assert store.global_settings.ignore == ("TFL1",)


def test_hover_message_keeps_code_spans_verbatim():
    from tflint.lsp.hover import rule_markdown

    text = rule_markdown("TFL201", message="fit on `X_test` with a_b")
    assert "`X_test`" in text and "a\\_b" in text


def test_settings_codes_that_match_no_rule_are_reported_and_ignored():
    warnings: list[str] = []
    parsed = settings.parse({"select": ["TFL2", "TFL8"], "ignore": ["TFL999", "TFL303"]}, warn=warnings.append)
    assert parsed.select == ("TFL2",) and parsed.ignore == ("TFL303",)
    assert len(warnings) == 2
    assert "tflint.select: 'TFL8' matches no rule" in warnings[0]
    assert "tflint.ignore: 'TFL999' matches no rule" in warnings[1] and warnings[1].endswith("; ignored")
