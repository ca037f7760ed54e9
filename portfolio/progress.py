"""What a person sees while a batch runs: a progress bar on a terminal, one log line per client otherwise.

The bar (clients done and failed, rate, time left) is redrawn in place on standard error when it is a
terminal; a failed client's message is printed above it. Piped or redirected (CI, a log file), each client is
one plain line instead. --quiet prints nothing (errors that stop the batch still show).
"""
from __future__ import annotations

import sys
import time
from typing import TextIO

from portfolio.messages import text
from portfolio.results import ClientResult

BAR_WIDTH = 24
PREFIX = "kpi-audit: "


class Progress:
    """Counts the clients of one run and shows them on `stream`."""

    def __init__(self, total: int, lang: str, quiet: bool = False, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.total, self.lang, self.quiet = total, lang, quiet
        self.tty = self.stream.isatty()
        self.done = self.failed = self.timed = 0
        self.started = time.monotonic()

    def skipped(self, count: int) -> None:
        """Clients kept from the last run count as done at once (and not in the rate)."""
        self.done += count
        if count:
            self._line(text(self.lang, "skipped", count=count))
        self._draw()

    def update(self, result: ClientResult) -> None:
        self.done += 1
        self.timed += 1
        if result.status == "failed":
            self.failed += 1
            first, *_ = (result.error or "").splitlines() or [""]
            self._line(text(self.lang, "line_failed", done=self.done, total=self.total, client=result.client,
                            error=first))
        elif not self.tty:
            self._line(text(self.lang, "line_audited", done=self.done, total=self.total, client=result.client,
                            score=result.report["score"]["overall"], seconds=result.seconds))
        self._draw()

    def finish(self) -> None:
        if self.tty and not self.quiet:
            self.stream.write("\n")
            self.stream.flush()

    def _line(self, message: str) -> None:
        """A line of its own: on a terminal the bar is cleared first and redrawn below it."""
        if self.quiet:
            return
        if self.tty:
            self.stream.write("\r\x1b[2K")
        self.stream.write(PREFIX + message + "\n")
        self.stream.flush()

    def _draw(self) -> None:
        if self.quiet or not self.tty:
            return
        elapsed = max(time.monotonic() - self.started, 1e-9)
        rate = self.timed / elapsed
        left = self.total - self.done
        eta = _clock(left / rate) if rate > 0 else "?"
        filled = BAR_WIDTH * self.done // max(self.total, 1)
        bar = "█" * filled + "░" * (BAR_WIDTH - filled)
        status = text(self.lang, "bar", done=self.done, total=self.total, failed=self.failed, rate=rate, eta=eta)
        self.stream.write(f"\r\x1b[2K{bar} {status}")
        self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
