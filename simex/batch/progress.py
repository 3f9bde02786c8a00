"""A progress bar on stderr with rate and ETA, without rich or tqdm.

On a terminal it redraws one line at most ten times a second; when stderr is
a file or a pipe (CI logs) it stays silent and prints only the final line.
"""
from __future__ import annotations

import sys
import time

from simex.durations import format_duration


class Progress:
    def __init__(self, total: int, label: str = "replications", stream=None, done: int = 0):
        self.total, self.label = total, label
        self.stream = stream if stream is not None else sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.start = time.perf_counter()
        self.initial = self.done = done     # resumed rows count as done, not toward the rate
        self._drawn = 0.0

    def advance(self, n: int) -> None:
        self.done += n
        now = time.perf_counter()
        if self.live and (now - self._drawn > 0.1 or self.done >= self.total):
            self._drawn = now
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        elapsed = (now or time.perf_counter()) - self.start
        ran = self.done - self.initial
        rate = ran / elapsed if elapsed > 0 else 0.0
        width = 24
        filled = int(width * self.done / self.total) if self.total else width
        bar = "#" * filled + "-" * (width - filled)
        eta = format_duration((self.total - self.done) / rate) if rate > 0 else "?"
        return (f"[{bar}] {self.done}/{self.total} {self.label}  {rate:,.0f}/s  "
                f"elapsed {format_duration(round(elapsed, 1))}  ETA {eta}")

    def close(self, note: str = "") -> None:
        elapsed = time.perf_counter() - self.start
        ran = self.done - self.initial
        rate = ran / elapsed if elapsed > 0 else 0.0
        text = f"{ran} {self.label} in {elapsed:.1f} s ({rate:,.0f}/s)"
        if self.initial:
            text += f", {self.initial} already done"
        prefix = "\r\x1b[K" if self.live else ""
        self.stream.write(prefix + text + (f"; {note}" if note else "") + "\n")
        self.stream.flush()
