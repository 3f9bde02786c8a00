"""Is a journal whole? Its -wal file, its digest chain and its seal.

Each check returns what it finds, or None, and never raises: replay reports
the first finding, resume refuses a journal with any, and a report lists
them above what it could still read.
"""
from __future__ import annotations

from typing import NamedTuple

from simex.journal import (SEALED_ENTRIES, SEALED_HEAD, WRITER, JournalReader, chain_digest, chained, wal_file,
                           whole)
from simex.words import N_, NN_, Say


class Finding(NamedTuple):
    """Something wrong in a journal: the position of the first entry it
    affects (entries before it are fine), and one line saying what."""
    at: int
    message: Say           # English by str(), the reader's language by message(t) (simex.words)
    removed: bool = False    # a row is gone (which names the cause better than what then differs)


def missing_wal(reader: JournalReader) -> Say | None:
    """Why entries are probably missing because the -wal file was left behind, or None."""
    if reader.meta.get(WRITER) != "open" or reader.wal_present:
        return None
    return Say(N_("the journal was not closed cleanly and its {name} file is not beside it, so its last "
                  "entries are probably missing: copy {name} into the same folder, or run `simex journal "
                  "export` on the machine that ran the exercise (`--accept-loss` keeps only what is here)"),
               name=wal_file(reader.path).name)


def chain_break(reader: JournalReader) -> Finding | None:
    """The first row whose digest does not follow from the previous one:
    a row was edited, inserted or removed."""
    entries = reader.entries()
    start = chained(entries)       # the rows before it are fine: look from there
    if start == len(entries):
        return None
    previous, expected_row = (entries[start - 1].digest, entries[start - 1].row + 1) if start else ("", 0)
    for index, entry in enumerate(entries[start:], start):
        if entry.row != expected_row:
            return Finding(index, Say(N_("row {row}: the row before it was removed (digest chain broken)"),
                                      row=entry.row), removed=True)
        if entry.flaw:     # a text it refers to is gone or changed: the digest cannot be checked
            return Finding(index, Say(N_("row {row}: {problem}"), row=entry.row, problem=entry.damage()))
        if entry.damage() or entry.digest != chain_digest(previous, entry.type, entry.kind, entry.t,
                                                          entry.payload):
            return Finding(index, Say(N_("row {row}: the row was changed after it was written "
                                         "(digest chain broken)"), row=entry.row))
        previous, expected_row = entry.digest, entry.row + 1
    return None


def sealed(reader: JournalReader) -> int | None:
    """How many entries the seal says the journal holds (None: an older, unsealed journal)."""
    count = reader.meta.get(SEALED_ENTRIES)
    return int(count) if whole(count) else None


def seal_break(reader: JournalReader) -> Finding | None:
    """What is wrong if the entries do not end where the journal was sealed."""
    count, head = reader.meta.get(SEALED_ENTRIES), reader.meta.get(SEALED_HEAD)
    if count is None and head is None:
        return None
    entries = reader.entries()
    n, expected = len(entries), sealed(reader)
    if expected is None or head is None:
        return Finding(n, Say(N_("the seal in meta is damaged ('{entries_key}' is {count}, '{head_key}' is {head})"),
                              entries_key=SEALED_ENTRIES, count=repr(count), head_key=SEALED_HEAD, head=repr(head)))
    if n < expected:
        gone = expected - n
        if entries and entries[-1].row != n - 1:   # a gap: rows went missing before the end
            return Finding(n, Say(NN_("the seal says {expected} entries, the file holds {held}: {n} missing",
                                      "the seal says {expected} entries, the file holds {held}: {n} missing"),
                                  expected=expected, held=n, n=gone))
        return Finding(n, Say(NN_("truncated: the seal says {expected} entries, the file holds {held}: "
                                  "the last entry is missing",
                                  "truncated: the seal says {expected} entries, the file holds {held}: "
                                  "the last {n} are missing"), expected=expected, held=n, n=gone))
    if n > expected:
        return Finding(expected, Say(N_("row {row}: the journal was sealed at {expected} entries; rows were added "
                                        "after"), row=entries[expected].row, expected=expected))
    if n and entries[-1].digest != head:
        return Finding(n - 1, Say(N_("row {row}: the last entry is not the one the journal was sealed with"),
                                  row=entries[-1].row))
    return None
