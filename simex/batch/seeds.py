"""The seed of each replication.

Derived from (base seed, grid point index, replication index) with SHA-256,
not Python's `hash()` (salted per process for strings), so a replication gets
the same seed on any machine, in any worker, in any order, and a resumed
sweep continues with exactly the seeds the interrupted one would have used.
"""
from __future__ import annotations

import hashlib

SEED_BITS = 63   # fits a signed 64-bit integer: safe in CSV, Parquet and spreadsheets


def derive(base: int, point: int, replication: int) -> int:
    digest = hashlib.sha256(f"simex-sweep/{base}/{point}/{replication}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> (64 - SEED_BITS)
