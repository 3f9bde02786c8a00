"""The time axis of the report's timeline: where play happened gets the width.

An exercise of three and a half days whose play is in its first hours, with
a late message on day three, would otherwise put everything in the first few
per cent of the axis. So the axis is broken: a quiet span (no event) that
would take more than a seventh of the axis as drawn is cut out and shown as a
narrow hatched band carrying its length ("18 h quiet"), as a printed chart
marks a broken axis. Cutting repeats on what is left, so the busiest period
ends up with most of the width; at most MAX_BREAKS cuts keep it readable.

Arithmetic only (numpy, no matplotlib): `windows()` chooses the spans shown,
`Axis` maps scenario seconds to a position 0..1 across the plot and back.
"""
from __future__ import annotations

from dataclasses import dataclass

QUIET_SHARE = 1 / 7      # a quiet span longer than this share of the axis is cut
QUIET_MIN_S = 7200.0     # never cut less than two hours: short lulls are part of the story
MAX_BREAKS = 4
BAND = 0.04              # axis share of each cut (hatched band)
MIN_SHARE = 0.07         # a window with one event still gets room for its marks


def windows(times: list[float]) -> list[tuple[float, float]]:
    """(start, end) spans in seconds, in order, from STARTEX (0) to the last
    event, with the long quiet spans between them cut out."""
    ts = sorted({0.0, *(t for t in times if t >= 0)})
    spans = [(ts[0], ts[-1])]
    gaps = sorted(((b - a, a, b) for a, b in zip(ts, ts[1:])), reverse=True)
    for length, a, b in gaps:
        if len(spans) > MAX_BREAKS:
            break
        shown = sum(hi - lo for lo, hi in spans)
        if length <= max(QUIET_MIN_S, QUIET_SHARE * shown):
            break   # gaps are tried longest first: no later one qualifies
        i = next(k for k, (lo, hi) in enumerate(spans) if lo <= a and b <= hi)
        lo, hi = spans[i]
        spans[i:i + 1] = [(lo, a), (b, hi)]
    return spans


@dataclass(frozen=True)
class Axis:
    """Seconds to axis position (0..1) and back, piecewise linear: each
    window keeps its own scale, each cut gets BAND of the width."""
    spans: tuple[tuple[float, float], ...]     # padded windows, in seconds
    places: tuple[tuple[float, float], ...]    # where each is drawn, 0..1
    quiet: tuple[tuple[float, float], ...] = ()  # each cut's last event before, first after

    @classmethod
    def of(cls, times: list[float]) -> "Axis":
        raw = windows(times)
        # Each window is padded by a little of its own length, so that marks
        # at its edges stay whole; a cut keeps at least half its length.
        most = min([float("inf"), *(0.25 * (b[0] - a[1]) for a, b in zip(raw, raw[1:]))])
        spans = []
        for lo, hi in raw:
            pad = min(max(300.0, 0.04 * (hi - lo)), most)
            spans.append((lo - pad, hi + pad))
        room = 1.0 - BAND * (len(spans) - 1)
        lengths = [hi - lo for lo, hi in spans]
        shares = [max(MIN_SHARE, room * n / sum(lengths)) for n in lengths]
        big = [s for s in shares if s > MIN_SHARE]
        fixed = sum(s for s in shares if s <= MIN_SHARE)
        if big:     # the windows at the floor take their room from the others
            scale = (room - fixed) / sum(big)
            shares = [s * scale if s > MIN_SHARE else s for s in shares]
        places, at = [], 0.0
        for share in shares:
            places.append((at, at + share))
            at += share + BAND
        return cls(tuple(spans), tuple(places), tuple((a[1], b[0]) for a, b in zip(raw, raw[1:])))

    @property
    def cuts(self) -> list[tuple[float, float]]:
        """The quiet spans cut out, in seconds (between two windows' padding)."""
        return [(a[1], b[0]) for a, b in zip(self.spans, self.spans[1:])]

    def _points(self):
        """Breakpoints (seconds, positions), extended far beyond both ends at
        the end windows' scale, so that numpy.interp extrapolates."""
        import numpy as np

        xs = [x for span in self.spans for x in span]
        us = [u for place in self.places for u in place]
        far = 1e9
        first = (us[1] - us[0]) / (xs[1] - xs[0])
        last = (us[-1] - us[-2]) / (xs[-1] - xs[-2])
        return (np.array([xs[0] - far, *xs, xs[-1] + far]),
                np.array([us[0] - far * first, *us, us[-1] + far * last]))

    def position(self, t):
        """Axis position (0..1) of a time in seconds (a number or an array)."""
        import numpy as np

        xs, us = self._points()
        return np.interp(t, xs, us)

    def time(self, u):
        """The inverse of `position`."""
        import numpy as np

        xs, us = self._points()
        return np.interp(u, us, xs)
