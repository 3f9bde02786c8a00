"""Join codes: one per role, random, typeable, revocable.

12 characters from a 31-letter alphabet without look-alikes (0/O, 1/I/L):
about 59 bits, far beyond guessing when wrong codes are also slowed down.
Codes are kept in a file beside the journal (mode 0600) so a restarted
server (`simex serve --resume`) accepts the same codes and the facilitator can
reprint the handout.
"""
from __future__ import annotations

import hmac
import json
import os
import secrets
from pathlib import Path

from simex.net.roles import EVALUATOR, OBSERVER, PARTICIPANT, Role

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 12


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, LENGTH, 4))


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


class CodeBook:
    def __init__(self, path: Path | None = None):
        self.path = path
        self.codes: dict[str, Role] = {}     # normalised code -> role

    @classmethod
    def for_scenario(cls, scenario, path: Path | None, evaluators: int = 2, observers: int = 1) -> "CodeBook":
        """Codes for every agency played by a person, plus evaluators and observers.
        Reuses the file at `path` if it exists (a resumed exercise keeps its codes)."""
        book = cls(path)
        if path is not None and path.exists():
            book.load()
            return book
        for agency in scenario.agencies:
            if agency.played_by == "person":
                book.issue(Role(PARTICIPANT, agency=agency.id))
        for n in range(1, evaluators + 1):
            book.issue(Role(EVALUATOR, name=f"evaluator-{n}"))
        for n in range(1, observers + 1):
            book.issue(Role(OBSERVER, name=f"observer-{n}"))
        book.save()
        return book

    def issue(self, role: Role) -> str:
        code = new_code()
        self.codes[normalise(code)] = role
        return code

    def lookup(self, code: str) -> Role | None:
        """Constant-time comparison against every code, so timing reveals nothing."""
        wanted = normalise(code).encode()
        found = None
        for known, role in self.codes.items():
            if hmac.compare_digest(known.encode(), wanted):
                found = role
        return found

    def reissue(self, label: str) -> str:
        """Revoke a role's code and give it a new one."""
        role = next((r for r in self.codes.values() if r.label == label), None)
        if role is None:
            raise KeyError(f"no role {label!r}; roles: {', '.join(sorted(r.label for r in self.codes.values()))}")
        self.codes = {k: r for k, r in self.codes.items() if r.label != label}
        code = self.issue(role)
        self.save()
        return code

    def pretty(self) -> list[tuple[str, str]]:
        """(role label, code as printed) sorted by role."""
        return sorted(((r.label, "-".join(k[i:i + 4] for i in range(0, LENGTH, 4))) for k, r in self.codes.items()))

    def save(self) -> None:
        if self.path is None:
            return
        data = [{"code": k, "kind": r.kind, "agency": r.agency, "name": r.name} for k, r in self.codes.items()]
        write_private(self.path, json.dumps(data, indent=1))

    def load(self) -> None:
        data = json.loads(self.path.read_text())
        self.codes = {d["code"]: Role(d["kind"], agency=d.get("agency", ""), name=d.get("name", "")) for d in data}


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner may read (codes let anyone in). It is made
    0600 from the start, never readable by others even for a moment, then
    moved over any older file, whatever that one's permissions. Raises OSError."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)          # left by a crash, perhaps with other permissions
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)


def pin_of(fingerprint: str) -> str:
    """What a participant types: the first 8 pairs (64 bits) of the fingerprint."""
    return ":".join(fingerprint.split(":")[:8])


def handout(book: CodeBook, address: str, title: str, fingerprint: str | None = None) -> str:
    """A printable sheet: one block per role, to cut and hand out. With a
    self-signed certificate, each block carries its fingerprint to pin."""
    blocks = [f"{title}\n"]
    if fingerprint:
        blocks.append(f"Server certificate (SHA-256): {fingerprint}\n")
    pin = f" --fingerprint {pin_of(fingerprint)}" if fingerprint else ""
    for label, code in book.pretty():
        blocks.append("-" * 60)
        blocks.append(f"Role:    {label}\nCode:    {code}\nJoin:    simex join {address} --code {code}{pin}\n")
    return "\n".join(blocks)
