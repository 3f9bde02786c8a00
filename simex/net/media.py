"""Attachments of injects, carried to remote players over the session.

The journal records each attachment's fingerprint (sha256, size, type;
simex.scenario.attachments); a remote console that receives an inject with
attachments asks the server for the files, a piece at a time:

  client -> server  {"type": "attachment", "sha256": "...", "offset": 0}
  server -> client  {"type": "attachment", "sha256": "...", "offset": 0, "size": N, "data": "<base64>"}
                    {"type": "attachment", "sha256": "...", "error": "...", "reason": {...}}  (refused, why)
                    {"type": "attachment", "sha256": "...", "wait": 2.5}               (ask again later)

The server hands a file only to a role that has been sent an inject
carrying it (a player cannot fish for another agency's documents by
guessing hashes), a piece of at most CHUNK bytes per request, within a byte
budget per role so that no one can tie up the venue's network by asking
for the same file again and again. The client writes the pieces to a
`.part` file, checks the fingerprint when the last piece is in, and only
then shows the file as received: a file changed or cut on the way is never
opened.
"""
from __future__ import annotations

import base64
import binascii
import re
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable

from simex.languages import N_
from simex.reasons import Reason, shown
from simex.scenario.attachments import MEDIA_TYPES, file_sha256
from simex.words import Number

# Raw bytes per piece: as base64 in JSON about 350 KB, well inside a server
# frame, and small enough that events for the other players are not held up
# behind a photo.
CHUNK = 256 * 1024
# Per role: this much at once, then this much per second. A role's screens
# fetching every attachment of an exercise (a few photos and a recording)
# never meets it; asking for the same file in a loop does.
BUDGET_BYTES = 64 * 1024 * 1024
BUDGET_PER_SECOND = 4 * 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def attachments_of(event) -> Iterable[dict]:
    """The fingerprinted attachments an event carries (an inject delivered)."""
    for attachment in getattr(event, "attachments", ()) or ():
        if isinstance(attachment, dict) and _SHA256.match(str(attachment.get("sha256", ""))):
            yield attachment


# --- the server's side ----------------------------------------------------------------


class ByteBudget:
    """BUDGET_BYTES at once, refilled at BUDGET_PER_SECOND."""

    def __init__(self, burst: int = BUDGET_BYTES, per_second: float = BUDGET_PER_SECOND, clock=time.monotonic):
        self.burst, self.per_second, self.clock = burst, per_second, clock
        self.left, self.last = float(burst), clock()

    def take(self, n: int) -> float:
        """0 if n bytes may go now (and counts them), else seconds until they may."""
        now = self.clock()
        self.left = min(self.burst, self.left + (now - self.last) * self.per_second)
        self.last = now
        if self.left >= n:
            self.left -= n
            return 0.0
        return (n - self.left) / self.per_second


class MediaShelf:
    """The attachment files the server may hand out, and to whom."""

    def __init__(self, scenario, budget: Callable[[], ByteBudget] = ByteBudget):
        files = getattr(scenario, "_attachment_files", {}) or {}
        self.files = {f.sha256: f for f in files.values()}
        self.budget = budget
        self._budgets: dict[str, ByteBudget] = {}
        self._granted: dict[str, set[str]] = {}     # role label -> hashes it has been sent
        self._scanned: dict[str, int] = {}          # role label -> events looked at

    def answer(self, label: str, sha256: Any, offset: Any, events: list, see: Callable) -> dict:
        """The reply to one request from role `label`: a piece, a refusal or a wait.
        `events` are the events published so far and `see(e)` what the role sees of one."""
        if not isinstance(sha256, str) or not _SHA256.match(sha256):
            return _refused(str(sha256)[:80], Reason(N_("sha256 must be 64 hex digits")))
        if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
            return _refused(sha256, Reason(N_("offset must be a whole number of bytes, 0 or more")))
        if sha256 not in self._grants(label, events, see):
            return _refused(sha256, Reason(N_("no inject sent to your role carries this attachment")))
        file = self.files.get(sha256)
        if file is None or file.path is None:
            return _refused(sha256, Reason(N_("the exercise server does not have this file any more (it was moved "
                                              "or changed since the exercise began): ask the facilitator for it")))
        if offset > file.size:
            return _refused(sha256, Reason(N_("offset past the end ({size} bytes)"), size=Number(file.size)))
        n = min(CHUNK, file.size - offset)
        budget = self._budgets.get(label)
        if budget is None:
            budget = self._budgets[label] = self.budget()
        wait = budget.take(n)
        if wait:
            return {"type": "attachment", "sha256": sha256, "wait": round(wait, 2)}
        try:
            with file.path.open("rb") as stream:
                stream.seek(offset)
                data = stream.read(n)
        except OSError as exc:
            return _refused(sha256, Reason(N_("the server cannot read the file: {problem}"), problem=exc.strerror))
        return {"type": "attachment", "sha256": sha256, "offset": offset, "size": file.size,
                "data": base64.b64encode(data).decode("ascii")}

    def _grants(self, label: str, events: list, see: Callable) -> set[str]:
        granted = self._granted.setdefault(label, set())
        start = self._scanned.get(label, 0)
        for event in events[start:]:
            if getattr(event, "attachments", None) and (shown := see(event)) is not None:
                granted.update(a["sha256"] for a in attachments_of(shown))
        self._scanned[label] = len(events)
        return granted


# --- the client's side ----------------------------------------------------------------


@dataclass
class Received:
    """Where one attachment stands on this laptop."""
    name: str
    size: int
    got: int = 0
    path: Path | None = None       # set once the whole file is in and its fingerprint checked
    error: str = ""                # why it was not kept, in English ("" while all is well)
    reason: Any = None             # the same as a reason's wire form, told in the reader's language

    @property
    def ready(self) -> bool:
        return self.path is not None

    def refuse(self, reason: Reason) -> None:
        self.error, self.reason = reason.english(), reason.to_wire()

    def why(self, lang: str) -> str:
        """Why it was not kept, as a reader of `lang` reads it (a server's reason is untrusted: simex.reasons.shown)."""
        return shown(self.error, self.reason, lang)


def safe_name(attachment: dict) -> str:
    """A file name for an attachment that cannot leave its folder or pass for
    a program: the base name of its path (or its name), plain characters, and
    the extension of its declared type."""
    written = str(attachment.get("path") or attachment.get("name") or "attachment")
    stem = PurePosixPath(written.replace("\\", "/")).name
    stem = re.sub(r"[^\w.\- ]+", "_", stem).strip(". ") or "attachment"
    suffix = PurePosixPath(stem).suffix.lower()
    wanted = next((ext for ext, kind in MEDIA_TYPES.items() if kind == attachment.get("type")), ".bin")
    if MEDIA_TYPES.get(suffix) != attachment.get("type"):
        stem = PurePosixPath(stem).stem + wanted
    return stem[-120:]


class MediaFetcher:
    """Fetches, one piece at a time, every attachment of the events received.
    `send(frame)` sends a request; `changed()` tells the console."""

    def __init__(self, folder: Path, send: Callable[[dict], None], changed: Callable[[], None] = lambda: None):
        self.folder = Path(folder)
        self.send, self.changed = send, changed
        self.items: dict[str, Received] = {}
        self._queue: list[str] = []
        self._busy: str | None = None
        self._meta: dict[str, dict] = {}

    def want(self, event) -> None:
        """Queue the attachments of a newly received event."""
        for attachment in attachments_of(event):
            sha = attachment["sha256"]
            if sha in self.items:
                continue
            self._meta[sha] = attachment
            item = self.items[sha] = Received(str(attachment.get("name", "")), int(attachment.get("size") or 0))
            final = self._final(sha)
            if final.is_file() and file_sha256(final) == sha:   # fetched in an earlier session
                item.got, item.path = item.size, final
                continue
            self._queue.append(sha)

    def resume(self) -> None:
        """(Re)connected: ask for the next piece of what is still missing."""
        self._busy = None
        self.fetch()

    def fetch(self) -> None:
        """Ask for the next piece, unless a request is already out."""
        if self._busy is not None:
            return
        while self._queue:
            sha = self._queue[0]
            item = self.items[sha]
            if item.ready or item.error:
                self._queue.pop(0)
                continue
            self._busy = sha
            part = self._part(sha)
            item.got = part.stat().st_size if part.is_file() else 0
            self.send({"type": "attachment", "sha256": sha, "offset": item.got})
            return

    def received(self, message: dict) -> float:
        """A server's answer; returns seconds to wait before asking again (0: asked already)."""
        sha = message.get("sha256")
        item = self.items.get(sha) if isinstance(sha, str) else None
        if item is None or sha != self._busy:
            return 0.0
        self._busy = None
        if "error" in message:
            item.error, item.reason = str(message["error"]), message.get("reason")
        elif "wait" in message:
            self._busy = sha          # still this one, once the wait is over
            return float(message["wait"]) if isinstance(message["wait"], (int, float)) else 1.0
        else:
            self._take(sha, item, message)
        self.changed()
        self.fetch()
        return 0.0

    def retry(self) -> None:
        """The wait a server asked for is over."""
        self._busy = None
        self.fetch()

    def _take(self, sha: str, item: Received, message: dict) -> None:
        try:
            data = base64.b64decode(str(message.get("data", "")), validate=True)
        except (binascii.Error, ValueError):
            item.refuse(Reason(N_("the server sent a piece that is not base64")))
            return
        if message.get("offset") != item.got or item.got + len(data) > item.size or (not data and item.got < item.size):
            item.refuse(Reason(N_("the server sent a piece out of order")))
            return
        part = self._part(sha)
        part.parent.mkdir(parents=True, exist_ok=True)
        with part.open("ab") as stream:
            stream.write(data)
        item.got += len(data)
        if item.got < item.size:
            return
        if file_sha256(part) != sha:
            part.unlink(missing_ok=True)
            item.refuse(Reason(N_("the file arrived changed (its fingerprint does not match the exercise's): "
                                  "not kept")))
            return
        final = self._final(sha)
        part.replace(final)
        final.chmod(0o600)    # a document to read, never a program to run
        item.path = final

    def _final(self, sha: str) -> Path:
        return self.folder / sha[:16] / safe_name(self._meta[sha])

    def _part(self, sha: str) -> Path:
        return self.folder / sha[:16] / ".part"


def _refused(sha256: str, reason: Reason) -> dict:
    """A refusal frame: the English (all an older console reads) and the reason each console tells in its language."""
    return {"type": "attachment", "sha256": sha256, "error": reason.english(), "reason": reason.to_wire()}
