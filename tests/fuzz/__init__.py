"""Fuzzing the intake (issue 10, item 7): every form, mutated, through `validate` and `audit`.

Two profiles, chosen by the environment variable HYPOTHESIS_PROFILE: `ci` (the default: few examples,
derandomised, so a run is fast and gives the same verdict every time) and `nightly` (many random examples).
No profile times anything: the 10 s bound is measured by benchmarks/hostile_*.py, not asserted in tests. Only the fuzz tests use them (`FUZZ`), so the rest of
the suite keeps its own settings.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE_VARIABLE = "HYPOTHESIS_PROFILE"
_SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]
settings.register_profile("ci", max_examples=20, derandomize=True, database=None, deadline=None,
                          suppress_health_check=_SLOW_IS_FINE, print_blob=True)
settings.register_profile("nightly", max_examples=1500, derandomize=False, deadline=None,
                          suppress_health_check=_SLOW_IS_FINE, print_blob=True)


def fuzz_settings(scale: float = 1.0) -> settings:
    """The selected profile (`ci` unless HYPOTHESIS_PROFILE says otherwise), with `scale` times its examples:
    a test whose examples cost more takes fewer."""
    profile = settings.get_profile(os.environ.get(PROFILE_VARIABLE, "ci"))
    return settings(profile, max_examples=max(1, round(profile.max_examples * scale)))
