"""``tflint lsp``: the language server (pygls 2.x) over the same engine as the CLI.

    server.py     the LanguageServer, its handlers and ``main(argv)``
    documents.py  open documents and notebooks -> snapshots the engine lints
    settings.py   client settings (``tflint.*``) applied on top of the project config
    convert.py    tflint Diagnostics/Edits <-> LSP types (UTF-16 or the negotiated encoding)
    actions.py    code actions: quick fix, disable for this line, fix all
    hover.py      rule docs for a flagged range
    debounce.py   per-document timers
"""
