"""kpi-audit engine: intake model, loaders, graph, rule runtime, scoring.

Data flows one way: intake -> model -> graph -> facts -> rules -> findings ->
score/plan -> report. Each stage is a plain function of the previous output.
"""

__version__ = "0.1.0"
