"""The kpi-audit command line (click): thin commands over the engine."""
