"""The semantic model of one file: what every check reads.

``facts`` walks the libcst tree once; ``values`` answers what an expression can
be; ``models``, ``datasources``, ``keras_calls`` and ``provenance`` derive
models, data and leakage events from them; ``positions`` turns the nodes that
become diagnostics into source ranges. Nothing here imports a check, an
output or a front end.
"""
