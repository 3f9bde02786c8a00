"""Chain-of-custody integrity per evidence item.

The chain starts with the scenario's first custodian when the item is found
and follows every `evidence_transferred` event. A transfer is a break when it
is unsigned, unsealed, carries a seal number different from the previous one
(or from the label) without a note explaining it, comes from someone who was
not the custodian of record, or happens before the item was found. Time
unaccounted is the time the item spent after a break until a clean (sealed and
signed) transfer restored the chain, or until the end of the record.
"""
from __future__ import annotations

import math

from dataclasses import dataclass

from simex.durations import format_clock
from simex.evidence import found_times
from simex.events import Event, EvidenceTransferred, ExerciseEnded
from simex.languages import translator
from simex.scenario.model import Scenario
from simex.scenario.text import tr


@dataclass(frozen=True)
class Transfer:
    t: float
    sender: str
    recipient: str
    sealed: bool
    signed: bool
    seal_number: str
    note: str
    problems: tuple[str, ...]


@dataclass(frozen=True)
class CustodyChain:
    item: str
    description: str
    found: float | None       # None: found on a trigger that never fired
    custodians: tuple[str, ...]
    transfers: tuple[Transfer, ...]
    breaks: tuple[str, ...]
    unaccounted_s: float
    holder: str

    @property
    def intact(self) -> bool:
        return not self.breaks


def _problems(e: EvidenceTransferred, holder: str, seal: str, found: float, lang: str = "en") -> list[str]:
    _ = translator(lang).gettext
    out = []
    if not e.signed:
        out.append(_("unsigned"))
    if not e.sealed:
        out.append(_("unsealed"))
    if e.sealed and seal and e.seal_number and e.seal_number != seal and not e.note.strip():
        out.append(_("seal number {number} differs from {seal} with no note").format(number=e.seal_number, seal=seal))
    if e.sender != holder:
        out.append(_("sent by {sender}, but {holder} was the custodian of record").format(sender=e.sender,
                                                                                          holder=holder))
    if e.t < found:
        out.append(_("transferred before it was found"))
    return out


def custody(scenario: Scenario, events: list[Event], lang: str = "en") -> tuple[CustodyChain, ...]:
    end = next((e.t for e in events if isinstance(e, ExerciseEnded)), None)
    last_t = end if end is not None else (events[-1].t if events else 0.0)
    chains = []
    found_at = found_times(scenario, events)
    for item in scenario.evidence:
        found = found_at.get(item.id)     # None: the trigger that finds it never fired
        holder = item.custodian
        seal = item.label.seal_number or ""
        custodians = [holder]
        transfers, breaks = [], []
        unaccounted, broken_since = 0.0, None
        for e in events:
            if not isinstance(e, EvidenceTransferred) or e.item != item.id:
                continue
            problems = _problems(e, holder, seal, math.inf if found is None else found, lang)
            transfers.append(Transfer(e.t, e.sender, e.recipient, e.sealed, e.signed, e.seal_number,
                                      e.note, tuple(problems)))
            if problems:
                breaks.append(f"{e.sender} -> {e.recipient} at {format_clock(e.t)}: {', '.join(problems)}")
                if broken_since is None:
                    broken_since = e.t
            elif broken_since is not None:
                unaccounted += e.t - broken_since
                broken_since = None
            holder = e.recipient
            custodians.append(holder)
            if e.seal_number:
                seal = e.seal_number
        if broken_since is not None:
            unaccounted += max(0.0, last_t - broken_since)
        chains.append(CustodyChain(item.id, tr(item.description, lang), found, tuple(custodians),
                                   tuple(transfers), tuple(breaks), unaccounted, holder))
    return tuple(chains)
