"""Limits that a real exercise never meets, so no participant can starve the
others or fill the facilitator's disk (issue 11, defects 3 and 4).

A real player sends a message or decision every minute or two, a burst of a
few when an inject lands, and a message is a paragraph or a page. The limits
below are several times that; docs/running-a-workshop.md states them.
"""
from __future__ import annotations

import time
from collections import Counter
from typing import Any

from simex.languages import N_
from simex.reasons import Reason
from simex.words import Number

# Text in any one field of a command (a message body, a decision, a rationale):
# 8,000 characters is about three printed pages.
TEXT_LIMIT = 8_000
# All text in one command together (subject + body + facts ...).
COMMAND_TEXT_LIMIT = 16_000
# Commands per role: a burst of 30, then one every 3 s (20 a minute).
BURST = 30
PER_SECOND = 1 / 3
# A client that keeps sending while refused is disconnected (it may rejoin).
REFUSALS_BEFORE_DISCONNECT = 20
# Connections: per source address (a venue's laptops each have their own; a
# NAT may put a few behind one), per join code (a team of several, each at
# a laptop), and file descriptors kept free for the journal and the console.
PER_ADDRESS = 32
PER_CODE = 8
RESERVED_FDS = 64
# An unauthenticated connection has this long to finish the websocket
# handshake, and then this long to say hello with a code.
OPEN_TIMEOUT = 5.0
HELLO_TIMEOUT = 5.0


class TokenBucket:
    """`BURST` commands at once, refilled at `PER_SECOND`."""

    def __init__(self, burst: int = BURST, per_second: float = PER_SECOND, clock=time.monotonic):
        self.burst, self.per_second, self.clock = burst, per_second, clock
        self.tokens, self.last = float(burst), clock()

    def take(self) -> float:
        """0 if a command may go now (and counts it), else seconds until one may."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.per_second)
        self.last = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second


def text_size(value: Any) -> tuple[int, int]:
    """(longest single text, all text) in a JSON value, keys included."""
    if isinstance(value, str):
        return len(value), len(value)
    longest = total = 0
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        one, all_ = text_size(item)
        key_len = len(key) if isinstance(key, str) else 0
        longest, total = max(longest, one, key_len), total + all_ + key_len
    return longest, total


def oversized(command: dict[str, Any]) -> Reason | None:
    """Why a command's text is too long to accept, or None."""
    longest, total = text_size(command)
    if longest > TEXT_LIMIT:
        return Reason(N_("a text in this command is {size} characters; the limit is {limit} (about three pages)"),
                      size=Number(longest), limit=Number(TEXT_LIMIT))
    if total > COMMAND_TEXT_LIMIT:
        return Reason(N_("this command holds {size} characters of text; the limit is {limit}"),
                      size=Number(total), limit=Number(COMMAND_TEXT_LIMIT))
    return None


def connection_budget() -> int:
    """How many connections this process can hold and still keep RESERVED_FDS
    free. Raises the soft descriptor limit to the hard one first (macOS
    starts at 256), where the platform allows."""
    try:
        import resource
    except ImportError:  # Windows: no descriptor limit of this kind
        return 4096
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else 65536
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    limit = 65536 if soft == resource.RLIM_INFINITY else soft
    return max(8, min(limit, 65536) - RESERVED_FDS)


class Connections:
    """Open connections by source address, against the caps above."""

    def __init__(self, per_address: int = PER_ADDRESS, total: int | None = None):
        self.per_address = per_address
        self.total = connection_budget() if total is None else total
        self.by_address: Counter[str] = Counter()
        self.open = 0

    def admit(self, address: str) -> bool:
        if self.by_address[address] >= self.per_address or self.open >= self.total:
            return False
        self.by_address[address] += 1
        self.open += 1
        return True

    def release(self, address: str) -> None:
        self.open -= 1
        self.by_address[address] -= 1
        if self.by_address[address] <= 0:
            del self.by_address[address]
