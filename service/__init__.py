"""The audit service: kpi-audit over HTTP (`kpi-audit serve`, the `[server]` extra).

Another front door to the same engine, like cli/: it authenticates a tenant, bounds what a request may cost and
hands the work to the engine's own functions; it decides nothing about KPIs itself.
"""
