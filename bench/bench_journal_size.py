"""What a message costs on disk: journal size for 400 messages of 8,000 characters.

A message body is in three rows (the send_message command, message_sent,
message_delivered). Journal schema 1 stored it in each; schema 2 keeps it
once in the `texts` table (simex/journal_texts.py). Both runs do the same
work in the same process: a border exercise, customs and police exchanging
400 distinct bodies of 8,000 characters (the most a field may hold,
simex/net/limits.py) over their radio, every one delivered. The size is the
journal file plus its -wal after a clean close.

Goal (issue 11, defect 3): the body is stored once, so the journal holds at
most 1.2x the bytes of the message text itself.

    python bench/bench_journal_size.py [--messages 400] [--chars 8000]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simex.engine import commands as c  # noqa: E402
from simex.engine.exercise import Exercise  # noqa: E402
from simex.journal import Journal, run_meta, wal_file  # noqa: E402
from simex.scenario.loader import load_scenario  # noqa: E402

GOAL = 1.2
BORDER = ROOT / "scenarios" / "border-detection.yaml"
WORDS = "portal alarm lane truck held inspection dose rate source shielding cordon regulator police".split()


def body(n: int, chars: int) -> str:
    """A distinct body of exactly `chars` characters (no two share a stored text)."""
    words = " ".join(WORDS[(n * 7 + i) % len(WORDS)] for i in range(chars // 4))
    return f"Message {n}: {words}"[:chars]


def journal_bytes(scenario, text: str, folder: Path, schema: int, messages: int, chars: int) -> tuple[int, int]:
    """(journal + -wal bytes after close, message_delivered events)."""
    path = folder / f"schema-{schema}.simex"
    journal = Journal(path, meta=run_meta(text, str(BORDER), 7, "doctrine", ()), schema=schema)
    ex = Exercise(scenario, seed=7, bots="doctrine", bot_agencies=(), sink=journal)
    ex.start()
    pair = ("customs", "police")
    for n in range(messages):
        sender, recipient = pair[n % 2], pair[1 - n % 2]
        ex.apply(c.SendMessage(t=20.0 * n, sender=sender, recipient=recipient, channel="customs-police-radio",
                               subject=f"Update {n}", body=body(n, chars)))
    ex.advance_to(20.0 * messages + 3600)   # every message delivered
    journal.close()
    wal = wal_file(path)
    delivered = sum(1 for e in ex.events if e.kind == "message_delivered")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0), delivered


def measure(messages: int, chars: int) -> tuple[dict, int]:
    """Journal bytes per schema, and the bytes of message text."""
    scenario, text = load_scenario(BORDER), BORDER.read_text()
    message_bytes = sum(len(body(n, chars).encode()) for n in range(messages))
    sizes = {}
    with tempfile.TemporaryDirectory() as tmp:
        for schema in (1, 2):
            sizes[schema], delivered = journal_bytes(scenario, text, Path(tmp), schema, messages, chars)
            assert delivered == messages, f"only {delivered} of {messages} messages delivered"
    return sizes, message_bytes


def results(quick: bool = False) -> list[dict]:
    from bench.harness import load, row

    before = load()
    sizes, message_bytes = measure(400, 8000)   # fewer would let the fixed part (scenario text) dominate
    ratio = sizes[2] / message_bytes
    return [row("journal_size", "journal bytes per byte of message text (8,000-character bodies)",
                f"{ratio:.2f}x (schema 1, body in every row: {sizes[1] / message_bytes:.2f}x)",
                f"<= {GOAL}x", ratio <= GOAL, max(before, load()))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--chars", type=int, default=8000)
    args = parser.parse_args()
    sizes, message_bytes = measure(args.messages, args.chars)
    mb = 1e6
    print(f"{args.messages} messages of {args.chars:,} characters: {message_bytes / mb:.2f} MB of message text")
    for schema, label in ((1, "before (schema 1, body in every row)"), (2, "after (schema 2, body stored once)")):
        print(f"  {label:<38} journal {sizes[schema] / mb:6.2f} MB = {sizes[schema] / message_bytes:.2f}x the text")
    print(f"  after / before: {sizes[2] / sizes[1]:.2f}")
    ratio = sizes[2] / message_bytes
    print(f"goal: journal <= {GOAL}x the message text: {ratio:.2f}x  {'PASS' if ratio <= GOAL else 'MISS'}")


if __name__ == "__main__":
    main()
