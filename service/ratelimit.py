"""Per-token rate limit: a token bucket per token, refilled continuously.

A bucket holds a minute's allowance, so a client may burst up to its per-minute rate and then runs at it; the
number of buckets is bounded by the number of tokens, not by requests.
"""
from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable


class RateLimiter:
    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens left, when counted)

    def take(self, key: str) -> int:
        """Take one request from `key`'s bucket: 0 when allowed, else the seconds to wait (for Retry-After)."""
        rate = self.per_minute / 60.0
        with self._lock:
            now = self._clock()
            tokens, then = self._buckets.get(key, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - then) * rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0
            self._buckets[key] = (tokens, now)
            return max(1, math.ceil((1.0 - tokens) / rate))
