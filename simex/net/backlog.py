"""Is a client stuck, or only behind? Judged by its own reading, never by
how long the server took.

The server writes every frame straight into each connection's buffer
(`websockets.broadcast`), so a client's backlog is what it has not yet taken
off the wire: the bytes still waiting in the server once the kernel's
buffers are full. A client that reads keeps that near zero; a burst (a tick
that brings a thousand events, a catch-up) raises it for a moment, and a
server whose CPU is contended writes late, but the client still drains
what it is given. So a client is shed only when

- more than `limit` bytes wait for it AND it took nothing at all over
  `stalled` checks in a row (a laptop asleep, a frozen script); the checks
  run on the server's event loop, after the loop has written whatever the
  client made room for, so a server that runs late never counts against a
  client; or
- more than `ceiling` bytes wait for it, however slowly it reads: one that
  falls ever further behind would hold the server's memory without bound,
  and is better served by rejoining, which sends what it missed in pages.

Either way it may rejoin at once and resumes from the last event it has.
"""
from __future__ import annotations

from simex.languages import N_
from simex.reasons import Reason
from simex.words import Number

# Bytes waiting beyond the kernel's buffers before a client that takes
# nothing is shed: about ten seconds of 200 injects a second to one agency.
LIMIT = 1024 * 1024
# Checks in a row (one a second, see server.WATCH_INTERVAL) in which a client
# over LIMIT took nothing: a person's laptop that stops reading for this long
# is asleep or frozen.
STALLED = 10
# Bytes waiting before a client is shed even though it still reads.
CEILING = 32 * 1024 * 1024


def frame_bytes(payload: int) -> int:
    """Bytes a server frame of `payload` bytes takes on the wire (RFC 6455
    §5.2: server frames are not masked)."""
    return payload + (2 if payload < 126 else 4 if payload < 65536 else 10)


class Backlog:
    """One client's progress: bytes written for it, and how many of them it
    has taken, as of each check."""

    def __init__(self, limit: int = LIMIT, stalled: int = STALLED, ceiling: int = CEILING):
        self.limit, self.stalled, self.ceiling = limit, stalled, ceiling
        self.written = 0           # bytes handed to the connection, headers included
        self.taken = 0             # of those, bytes the kernel has accepted, at the last check
        self.idle_checks = 0       # checks in a row over `limit` with nothing taken

    def wrote(self, payload: int) -> None:
        self.written += frame_bytes(payload)

    def over_ceiling(self, waiting: int) -> bool:
        return waiting > self.ceiling

    def check(self, waiting: int) -> Reason | None:
        """Given the bytes still waiting for the client now, why it is to be
        shed (told at its rejoin, in its reader's language), or None."""
        taken = self.written - waiting
        progressed = taken > self.taken
        self.taken = max(self.taken, taken)
        if waiting <= self.limit or progressed:
            self.idle_checks = 0
        else:
            self.idle_checks += 1
        if self.over_ceiling(waiting):
            return Reason(N_("too far behind ({size} MB waiting): rejoin to catch up"),
                          size=Number(waiting // 1024 // 1024))
        if self.idle_checks >= self.stalled:
            return Reason(N_("not reading ({size} KB waiting): rejoin to catch up"), size=Number(waiting // 1024))
        return None
