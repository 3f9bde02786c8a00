"""A participant's, evaluator's or observer's connection to the server.

Keeps what the role may see (events by seq, the role's view of the
scenario, the clock), sends commands and waits for their acknowledgement,
and reconnects by itself after a dropped network or a restarted server,
asking for what it missed. No UI imports: the consoles sit on top.
"""
from __future__ import annotations

import asyncio
import json
import os
import ssl as ssl_module
from pathlib import Path
from typing import Any, Callable

from platformdirs import user_cache_dir
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from simex.events import decode
from simex.net.media import MediaFetcher
from simex.languages import N_
from simex.net.protocol import MAX_SERVER_FRAME, PROTOCOL
from simex.reasons import Reason


_LOST = Reason(N_("connection lost before the server answered; check the timeline before sending again"))


class _Why(Exception):
    """A refusal: str() is the English; `reason` the template and parameters
    as the server sent them (unchecked: simex.reasons.in_language renders
    them in the console's language, or falls back to the English)."""

    def __init__(self, message: "str | Reason", reason: Any = None):
        if isinstance(message, Reason):
            message, reason = message.english(), message.to_wire()
        super().__init__(message)
        self.reason = reason


class JoinError(_Why):
    """The server refused to let us in (wrong code, revoked, protocol)."""


class Refused(_Why):
    """The server refused a command; the message says why."""


class RemoteSession:
    def __init__(self, address: str, code: str, *, ssl: ssl_module.SSLContext | None = None,
                 on_change: Callable[[], None] | None = None, retry_seconds: float = 1.0,
                 pin: str | None = None, media_folder: str | os.PathLike | None = None):
        self.address, self.code, self.ssl = address, code, ssl
        self.pin = pin   # the server certificate's fingerprint (hex), checked before the code is sent
        self.on_change = on_change or (lambda: None)
        self.retry_seconds = retry_seconds
        self.role: dict[str, Any] = {}
        self.view: dict[str, Any] = {}
        self.events: list[tuple[int, Any]] = []    # (seq, event) in order
        self.last_seq = -1
        self.now, self.status, self.speed = 0.0, "not started", 1.0
        self.connected = False
        self._ws = None
        self._next_id = 0
        self._pending: dict[int, asyncio.Future] = {}
        self._runner: asyncio.Task | None = None
        self._joined = asyncio.Event()
        self._closing = False
        self._sending: set[asyncio.Task] = set()
        self.error: str | None = None
        # What the server said at the last join about why it let this screen
        # go (e.g. "not reading ...: rejoin to catch up"), or None: the close
        # frame saying so rarely reaches a laptop that was asleep.
        self.notice: str | None = None
        self.notice_reason = None         # the notice as a reason (simex.reasons), told in the reader's language
        # Inject attachments, fetched from the server into this laptop's cache
        # (one folder per file, kept between sessions: a rejoin fetches nothing twice).
        folder = Path(media_folder) if media_folder is not None else Path(user_cache_dir("simex")) / "attachments"
        self.media = MediaFetcher(folder, self._send_frame, lambda: self.on_change())

    # --- connecting ----------------------------------------------------------------

    async def join(self, timeout: float = 10.0) -> None:
        """Connect, say hello, and keep the connection (reconnecting) in the background."""
        self._runner = asyncio.get_running_loop().create_task(self._run())
        waiter = asyncio.get_running_loop().create_task(self._joined.wait())
        done, _ = await asyncio.wait({waiter, self._runner}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if self._runner in done:
            waiter.cancel()
            self._runner.result()          # raises JoinError
        if waiter not in done:
            waiter.cancel()
            raise JoinError(self.error or Reason(N_("no answer from {address}"), address=self.address))

    async def _run(self) -> None:
        while not self._closing:
            try:
                async with connect(self.address, ssl=self.ssl, max_size=MAX_SERVER_FRAME,
                                   compression=None, open_timeout=5) as ws:
                    self._check_pin(ws)
                    self._ws = ws
                    await ws.send(json.dumps({"type": "hello", "protocol": PROTOCOL, "code": self.code,
                                              "since": self.last_seq}))
                    async for frame in ws:
                        self._handle(json.loads(frame))
            except JoinError:
                raise
            except (OSError, ConnectionClosed, InvalidHandshake, asyncio.TimeoutError) as exc:
                self.error = f"connection lost: {exc}"
            except InvalidURI as exc:
                raise JoinError(Reason(N_("not a server address: {problem}"), problem=str(exc))) from None
            finally:
                self._ws = None
                if self.connected:
                    self.connected = False
                    self.on_change()
                for future in self._pending.values():
                    if not future.done():
                        future.set_exception(Refused(_LOST))
                self._pending.clear()
            if not self._closing:
                await asyncio.sleep(self.retry_seconds)

    def _check_pin(self, ws) -> None:
        """With a pinned fingerprint, refuse a server holding another certificate,
        before the join code leaves this laptop."""
        if self.pin is None:
            return
        from simex.net.tls import fingerprint, matches

        tls = ws.transport.get_extra_info("ssl_object")
        der = tls.getpeercert(binary_form=True) if tls else None
        if der is None or not matches(der, self.pin):
            seen = fingerprint(der) if der else Reason(N_("none (not a wss:// server)"))
            raise JoinError(Reason(N_("the server's certificate fingerprint is {seen}, not the one on your handout: "
                                      "this may not be the exercise server; tell the facilitator before joining"),
                                   seen=seen))

    def _handle(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "welcome":
            self.role, self.view = message["role"], message["view"]
            self.connected, self.error = True, None
            self.notice, self.notice_reason = message.get("notice"), message.get("notice_reason")
            self._joined.set()
            self.media.resume()
        elif kind == "view":
            self.view = message["view"]
        elif kind == "events":
            for item in message["items"]:
                if item["seq"] > self.last_seq:
                    event = decode(item["kind"], item["t"], json.dumps(item["data"]))
                    self.events.append((item["seq"], event))
                    self.last_seq = item["seq"]
                    self.media.want(event)
            self.media.fetch()
        elif kind == "attachment":
            wait = self.media.received(message)
            if wait:
                asyncio.get_running_loop().call_later(min(wait, 60.0), self.media.retry)
        elif kind == "clock":
            self.now, self.status, self.speed = message["now"], message["status"], message["speed"]
        elif kind == "ack":
            future = self._pending.pop(message["id"], None)
            if future and not future.done():
                future.set_result(message["t"])
        elif kind == "error":
            future = self._pending.pop(message.get("id"), None) if message.get("id") is not None else None
            if future and not future.done():
                future.set_exception(Refused(message["message"], message.get("reason")))
            elif not self.connected:
                self._closing = True
                raise JoinError(message["message"], message.get("reason"))
            else:
                self.error = message["message"]
        self.on_change()

    def _send_frame(self, frame: dict) -> None:
        """Send a frame that needs no answer awaited (an attachment request):
        a connection lost meanwhile is taken up by the reconnect, which asks again."""
        ws = self._ws
        if ws is None:
            return

        async def send() -> None:
            try:
                await ws.send(json.dumps(frame))
            except ConnectionClosed:
                pass
        task = asyncio.get_running_loop().create_task(send())
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    @property
    def gave_up(self) -> str:
        """Why the client stopped reconnecting (e.g. its code was revoked), or ''."""
        error = self.stopped_by
        return str(error) if error else ""

    @property
    def stopped_by(self) -> BaseException | None:
        """The error that stopped the reconnecting (a JoinError with its reason), or None."""
        runner = self._runner
        if runner is None or not runner.done() or runner.cancelled():
            return None
        return runner.exception()

    # --- commands ----------------------------------------------------------------------

    async def send(self, kind: str, timeout: float = 10.0, **fields) -> float:
        """Send a command; returns the scenario time it took effect. Raises Refused."""
        if self._ws is None:
            raise Refused(Reason(N_("not connected to the server; it will reconnect by itself")))
        ident = self._next_id
        self._next_id += 1
        future = asyncio.get_running_loop().create_future()
        self._pending[ident] = future
        try:
            await self._ws.send(json.dumps({"type": "command", "id": ident, "command": {"kind": kind, **fields}}))
        except ConnectionClosed:
            # Closed under us (a server stopping or killed): refused like any
            # command the connection dropped, and its future not left behind
            # for asyncio to report as never retrieved.
            self._pending.pop(ident, None)
            if not future.cancel():
                future.exception()
            raise Refused(_LOST) from None
        return await asyncio.wait_for(future, timeout)

    async def close(self) -> None:
        self._closing = True
        if self._ws is not None:
            await self._ws.close()
        if self._runner:
            self._runner.cancel()
            try:
                await self._runner
            except (asyncio.CancelledError, JoinError):
                pass
