"""The exercise server: one process owns the exercise; every screen is a client.

Each connection says hello with a join code, gets its role's view of the
scenario and every event it may see since the `since` it gave (catch-up after
a closed laptop), then sends commands. Every command is checked against the
role, applied to the engine (which writes it to the journal) and
acknowledged only once committed, so an acknowledged command survives a
crash. The journal commits on a thread of its own (Journal.commit_behind):
while the disk takes its time over one command's fsync, the event loop
goes on answering pings, reading frames and delivering events already
committed; an event is published only once it is committed, so no screen
sees an event that a crash could lose and a resumed server renumber, and
the clock says the time, a pause or a speed only as of what is committed
(LocalSession.committed_clock), and a participant's view lists the
evidence its agency holds as the committed events show (evidence.Ledger).

Each event is encoded once per role that sees it and written to every
client of that role at once (`websockets.broadcast`, no compression: frames
are small). Nothing waits on a slow client: what it has not taken yet waits
in its connection's buffer, and only a client that takes nothing for a
while, or falls ever further behind, is let go (simex/net/backlog.py; it
rejoins and catches up) — never one that keeps up, however busy the
server's machine is. Connections, command rates
and text sizes are capped (simex/net/limits.py) so that no participant can
starve the others.
"""
from __future__ import annotations

import asyncio
import logging
import socket
import time
from dataclasses import dataclass, field

from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.exceptions import ConnectionClosed

from simex.net import limits
from simex.net.backlog import Backlog
from simex.net.media import MediaShelf

from simex.engine.commands import CommandError
from simex.events import EvidenceTransferred
from simex.net.codes import CodeBook
from simex.net.protocol import (
    MAX_FRAME, PROTOCOL, AttachmentRequest, CommandMsg, Hello, Ping, ProtocolError, build_command, dumps, event_item, event_pages,
    pages_of, parse_client,
)
from simex.net.roles import PARTICIPANT, Role, allowed, refusal, visible
from simex.evidence import Ledger, is_found
from simex.languages import N_
from simex.reasons import Reason
from simex.net.views import role_view

log = logging.getLogger("simex.server")
# How often each client's progress is checked (backlog.py): a stuck one is
# shed after backlog.STALLED checks in a row in which it took nothing.
WATCH_INTERVAL = 1.0
# A client with more than this waiting gets no clock frames until it catches
# up: the next one says the same, later.
CLOCK_SKIP = 64 * 1024
# A shed client gets this long to take the close frame (and its reason)
# before its connection is cut. A laptop asleep takes nothing, so it rarely
# sees that frame: the reason is also kept and told at the role's next hello.
SHED_GRACE = 30.0
# Stopping waits this long for clients to answer the goodbye, then drops them:
# a laptop gone to sleep never answers, and a server asked to stop must stop.
STOP_GRACE = 0.5


def listen_socket(host: str, port: int) -> socket.socket:
    """A socket listening on host:port (port 0: any free one). Made before the
    exercise, so a busy port fails before a journal or a join code exists.
    Raises OSError."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                         flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    try:
        # As asyncio does: a server restarted at once may bind beside its old connections.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(100)
    except OSError:
        sock.close()
        raise
    return sock


@dataclass(eq=False)  # identity: two connections of the same role are two clients
class Client:
    role: Role
    ws: ServerConnection
    backlog: Backlog = field(default_factory=Backlog)
    pending: list = field(default_factory=list)   # frames (bytes) to write at the end of this loop turn
    last_id: int = -1
    code: str = ""
    refused: int = 0          # commands refused in a row for going too fast

    @property
    def flooding(self) -> bool:
        return self.refused > limits.REFUSALS_BEFORE_DISCONNECT

    @property
    def waiting(self) -> int:
        """Bytes written for this client that the kernel has not yet taken."""
        transport = self.ws.transport
        return transport.get_write_buffer_size() if transport is not None else 0


class Throttle:
    """Slows down repeated wrong codes from one address: 0, 1, 2, 4 ... 30 s."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.failures: dict[str, tuple[int, float]] = {}

    def penalty(self, address: str) -> float:
        count, last = self.failures.get(address, (0, 0.0))
        if count and self.clock() - last > 600:
            self.failures.pop(address, None)
            return 0.0
        return 0.0 if count == 0 else min(30.0, 2.0 ** (count - 1))

    def failed(self, address: str) -> None:
        count, _ = self.failures.get(address, (0, 0.0))
        self.failures[address] = (count + 1, self.clock())

    def succeeded(self, address: str) -> None:
        self.failures.pop(address, None)


def guarded(connections: limits.Connections) -> type[ServerConnection]:
    """Connections counted by source address from the moment TCP accepts
    them, before any handshake: over the caps, one is closed at once, so
    idle sockets cannot use up the descriptors a real join needs."""
    class Guarded(ServerConnection):
        peer = None

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            peer = transport.get_extra_info("peername")
            address = peer[0] if peer else "?"
            if connections.admit(address):
                self.peer = address
            else:
                log.warning("refusing a connection from %s: too many open", address)
                transport.abort()

        def connection_lost(self, exc) -> None:
            if self.peer is not None:
                connections.release(self.peer)
                self.peer = None
            super().connection_lost(exc)

    return Guarded


async def stop_listening(listener, sock, grace: float) -> None:
    """Close a listener (from `listen`) and its connections within about
    `grace` seconds; or a socket bound but never served."""
    if listener:
        listener.close()
        try:
            await asyncio.wait_for(listener.wait_closed(), grace)
        except asyncio.TimeoutError:
            # Still closing: a client that does not answer the goodbye, or a
            # connection held back by the wrong-code throttle. Drop them.
            for connection in list(listener.all_connections):
                connection.transport.abort()
            for task in list(listener.handler_tasks):
                task.cancel()
    elif sock:
        sock.close()           # bound, never served


async def listen(handler, ssl, connection_class, where: dict):
    """A websocket listener with the protocol's limits (frame size, pings, handshake time)."""
    return await serve(handler, ssl=ssl, max_size=MAX_FRAME, compression=None, ping_interval=20,
                       ping_timeout=20, open_timeout=limits.OPEN_TIMEOUT, create_connection=connection_class,
                       **where)


class ExerciseServer:
    def __init__(self, session, codes: CodeBook, host: str = "127.0.0.1", port: int = 8765, ssl=None,
                 sock: socket.socket | None = None,
                 per_address: int = limits.PER_ADDRESS, per_code: int = limits.PER_CODE,
                 backlog=Backlog, watch_interval: float = WATCH_INTERVAL, shed_grace: float = SHED_GRACE):
        self.session = session
        self.codes = codes
        self.host, self.port, self.ssl = host, port, ssl
        self.sock = sock                # from listen_socket(), or bound by start()
        if sock is not None:
            self.port = sock.getsockname()[1]
        self.backlog = backlog          # makes each client's Backlog (tests pass smaller limits)
        self.watch_interval = watch_interval
        self.shed_grace = shed_grace
        self.shed: list[tuple[str, str]] = []   # (role label, why) of each client let go for not reading
        # Why a role's screen was last let go, told at its next hello: the close
        # frame carrying it waits behind all the client did not take, and a
        # laptop that wakes after the grace finds its connection cut without it.
        self.untold: dict[str, Reason] = {}
        self.clients: set[Client] = set()
        self.published = 0
        self._found: set[str] = set()   # evidence items already announced to their holders
        # Custody and finds as the published (committed) events show them: a
        # view lists what the journal holds, not the exercise's live state.
        self._evidence = Ledger(session.scenario)
        self.throttle = Throttle()
        self.connections = limits.Connections(per_address)
        self.per_code = per_code
        self.buckets: dict[str, limits.TokenBucket] = {}   # by role: reconnecting does not refill it
        self.bucket_factory = limits.TokenBucket
        self.media = MediaShelf(session.scenario)   # inject attachments, handed to whom they were sent
        self._server = None
        self._clock_task = None
        self._watch_task = None
        self._flush_due = False
        self._clock_sent = ""          # the last clock frame published (a joining client gets its own)

    # --- lifecycle ------------------------------------------------------------------

    async def start(self) -> None:
        where = {"sock": self.sock} if self.sock else {"host": self.host, "port": self.port}
        self._server = await listen(self._handle, self.ssl, guarded(self.connections), where)
        sock = next(iter(self._server.sockets))
        self.port = sock.getsockname()[1]
        self.prepare()

    def prepare(self) -> None:
        """Ready to take connections handed over by whoever listens (start(),
        or simex.net.syndicates routing several exercises on one port)."""
        loop = asyncio.get_running_loop()
        self.session.commit_behind(lambda: self._committed(loop))
        self.published = self.session.committed_events
        self._evidence = Ledger(self.session.scenario, self.session.events[:self.published])
        found = self._evidence.found
        self._found = {item.id for item in self.session.scenario.evidence
                       if is_found(item.id, found, self.session.committed_clock[0])}
        self._watch_task = asyncio.get_running_loop().create_task(self._watch())

    @property
    def address(self) -> str:
        scheme = "wss" if self.ssl else "ws"
        return f"{scheme}://{self.host}:{self.port}"

    def _committed(self, loop: asyncio.AbstractEventLoop) -> None:
        """Called on the journal's thread after each commit: publish what it made durable."""
        try:
            loop.call_soon_threadsafe(self.publish)
        except RuntimeError:   # the loop is closed: the server has stopped
            pass

    async def stop(self, grace: float = STOP_GRACE) -> None:
        """Stop listening and close every connection, within about `grace` seconds."""
        journal = getattr(self.session, "journal", None)
        if journal is not None:
            journal.on_commit = None
        for task in (self._clock_task, self._watch_task):
            if task:
                task.cancel()
        await stop_listening(self._server, self.sock, grace)

    def run_clock(self, interval: float = 0.1) -> None:
        """Drive the exercise clock from the server (when no console does)."""
        async def loop():
            last = time.monotonic()
            while True:
                await asyncio.sleep(interval)
                now = time.monotonic()
                self.session.tick(now - last)
                last = now
                self.publish()
        self._clock_task = asyncio.get_running_loop().create_task(loop())

    # --- fan-out ----------------------------------------------------------------------

    def publish(self) -> None:
        """Send every new event committed to the journal to the clients allowed
        to see it, and the clock."""
        # The clock as of what is committed (LocalSession.committed_clock), read
        # before the count of events committed: a commit landing in between
        # then adds events, never a clock past events not published here.
        now, status, speed = self.session.committed_clock
        events, committed = self.session.events, self.session.committed_events
        if committed > self.published:
            fresh = list(enumerate(events[self.published:committed], start=self.published))
            self.published = committed
            for _, event in fresh:
                self._evidence.learn(event)
            encoded: dict[int, list[tuple[object, str]]] = {}   # seq -> (view, its JSON): once per view
            for role, group in self._by_role().items():
                frames = pages_of([self._encoded(encoded, seq, v) for seq, e in fresh
                                   if (v := visible(role, e)) is not None])
                if role.kind == PARTICIPANT and any(
                        isinstance(e, EvidenceTransferred) and role.agency in (e.sender, e.recipient)
                        for _, e in fresh):
                    frames.append(self._view_frame(role, now))   # custody changed: its view lists other items
                for frame in frames:
                    self._broadcast(group, frame)
        self._announce_found(now)
        clock = clock_frame(now, status, speed)
        if clock != self._clock_sent:   # an unchanged clock tells no one anything
            # A client far behind skips clocks: the next one says the same, later
            # (and while one is skipped, the next publish sends the clock again).
            keeping_up = [c for c in self.clients if c.waiting <= CLOCK_SKIP]
            self._clock_sent = clock if len(keeping_up) == len(self.clients) else ""
            self._broadcast(keeping_up, clock)

    def _by_role(self) -> dict[Role, list[Client]]:
        groups: dict[Role, list[Client]] = {}
        for client in self.clients:
            groups.setdefault(client.role, []).append(client)
        return groups

    @staticmethod
    def _encoded(cache: dict[int, list[tuple[object, str]]], seq: int, view) -> str:
        """The item for `view` of event `seq`, encoded once for all the roles
        that see the same view (the whole event, or the same redaction)."""
        seen = cache.setdefault(seq, [])
        for other, text in seen:
            if other is view or other == view:
                return text
        text = dumps(event_item(seq, view))
        seen.append((view, text))
        return text

    def _announce_found(self, now: float) -> None:
        """An evidence item appears in its holder's view once it is found, as
        of `now` (committed: a crash cannot take its finding back)."""
        custody, found = self._evidence.custody, self._evidence.found
        newly = [item for item in self.session.scenario.evidence
                 if item.id not in self._found and is_found(item.id, found, now)]
        if not newly:
            return
        self._found.update(item.id for item in newly)
        holders = {custody.get(item.id) for item in newly}
        for client in list(self.clients):
            if client.role.kind == PARTICIPANT and client.role.agency in holders:
                self._send(client, self._view_frame(client.role, now))

    def _broadcast(self, clients: list[Client], frame: str) -> None:
        """Queue one frame, encoded once, for several clients. Everything a
        client gets goes this way, so it arrives in order; it is written at
        the end of this turn of the event loop, waiting for no one."""
        if not clients:
            return
        data = frame.encode("utf-8")
        for client in clients:
            client.pending.append(data)
        if not self._flush_due:
            self._flush_due = True
            asyncio.get_running_loop().call_soon(self._flush)

    def _send(self, client: Client, frame: str) -> None:
        """Queue one frame for one client, in order with everything broadcast to it."""
        self._broadcast([client], frame)

    def _flush(self) -> None:
        """Write what this turn queued (websockets.broadcast: no back-pressure,
        no compression); a client past the ceiling is let go."""
        self._flush_due = False
        for client in list(self.clients):   # one let go since the frame was queued gets nothing more
            frames, client.pending = client.pending, []
            for data in frames:
                broadcast([client.ws], data, text=True)
                client.backlog.wrote(len(data))
            if frames and client.backlog.over_ceiling(client.waiting):
                self._shed(client, client.backlog.check(client.waiting))

    def _shed(self, client: Client, why: Reason) -> None:
        """Let a stuck client go, saying why; it may rejoin and resume."""
        if client not in self.clients:
            return
        log.warning("disconnecting %s: %s", client.role.label, why)
        self.clients.discard(client)
        self.shed.append((client.role.label, why.english()))
        self.untold[client.role.label] = why
        asyncio.get_running_loop().create_task(self._close_stuck(client.ws, why.english(), self.shed_grace))

    @staticmethod
    async def _close_stuck(ws: ServerConnection, why: str, grace: float) -> None:
        # The close frame waits behind what the client has not taken: it sees
        # the reason if it reads again within the grace; otherwise the
        # connection is cut (and the welcome at its rejoin says why). The
        # grace bounds the whole close: websockets' close_timeout only starts
        # once the frame is written, and a client that takes nothing never
        # lets it be written, so it alone would hold the connection until
        # the keepalive gave up. A timer, not a cancelled close: cutting the
        # transport is what must happen, whatever the close is waiting on.
        cut = asyncio.get_running_loop().call_later(grace, ws.transport.abort)
        try:
            await ws.close(1013, why)
        except ConnectionClosed:
            pass
        finally:
            cut.cancel()

    async def _watch(self) -> None:
        """Check every client's progress; let go of the ones stuck."""
        while True:
            await asyncio.sleep(self.watch_interval)
            for client in list(self.clients):
                why = client.backlog.check(client.waiting)
                if why:
                    self._shed(client, why)

    def _view_frame(self, role: Role, now: float) -> str:
        return dumps({"type": "view", "view": self._view(role, now)})

    def _view(self, role: Role, now: float) -> dict:
        """What `role` sees of the scenario: the evidence its agency holds and
        has found by `now`, as the published events show (committed: the
        Ledger follows them, `now` is LocalSession.committed_clock's)."""
        return role_view(self.session.scenario, role, self._evidence.custody, now, self._evidence.found)

    def disconnect_role(self, label: str) -> None:
        """After a code is revoked: drop whoever is connected with it."""
        for client in list(self.clients):
            if client.role.label == label:
                self.clients.discard(client)
                asyncio.get_running_loop().create_task(client.ws.close(1008, "code revoked"))

    # --- one connection -------------------------------------------------------------------

    async def _handle(self, ws: ServerConnection, hello_frame: str | bytes | None = None) -> None:
        """One connection, to its end. `hello_frame`: its first frame, when a
        router already read it to learn which exercise the code belongs to."""
        address = ws.remote_address[0] if ws.remote_address else "?"
        try:
            client = await self._hello(ws, address, hello_frame)
        except (ConnectionClosed, asyncio.TimeoutError):
            return
        if client is None:
            return
        try:
            async for frame in ws:
                if client not in self.clients:   # dropped (too slow, code revoked): read no more
                    break
                await self._receive(client, frame)
                if client.flooding:
                    # Still sending while refused: a script, not a person. Let it go.
                    log.warning("disconnecting %s: too many commands", client.role.label)
                    self.clients.discard(client)
                    client.pending.clear()   # replies it is not reading: the close frame goes first
                    ws.close_timeout = 1.0   # its unread frames may hide the close reply: do not wait long
                    await ws.close(1008, "too many commands: wait, then rejoin")
                    break
        except ConnectionClosed:
            pass
        finally:
            self.clients.discard(client)

    async def _hello(self, ws: ServerConnection, address: str, frame: str | bytes | None = None) -> Client | None:
        if frame is None:
            frame = await asyncio.wait_for(ws.recv(), limits.HELLO_TIMEOUT)
        try:
            hello = parse_client(frame)
        except ProtocolError as exc:
            await ws.send(dumps(error_frame(exc.reason)))
            await ws.close(1002, "say hello first")
            return None
        if not isinstance(hello, Hello):
            await ws.send(dumps(error_frame(Reason(N_("say hello with your join code first")))))
            await ws.close(1002, "say hello first")
            return None
        if hello.protocol != PROTOCOL:
            await ws.send(dumps(error_frame(Reason(N_("this server speaks protocol {server}, the client {client}: "
                                                      "update simex"), server=PROTOCOL, client=hello.protocol))))
            await ws.close(1002, "protocol version")
            return None
        await asyncio.sleep(self.throttle.penalty(address))
        role = self.codes.lookup(hello.code)
        if role is None:
            self.throttle.failed(address)
            await ws.send(dumps(error_frame(Reason(N_("unknown join code")))))
            await ws.close(1008, "unknown join code")
            return None
        self.throttle.succeeded(address)
        if sum(1 for other in self.clients if other.role.label == role.label) >= self.per_code:
            await ws.send(dumps(error_frame(Reason(N_("this code is already in use on {n} screens; close one and join "
                                                      "again"), n=self.per_code))))
            await ws.close(1008, "code in use")
            return None
        client = Client(role, ws, backlog=self.backlog())
        welcome = {"type": "welcome", "protocol": PROTOCOL,
                   "role": {"kind": role.kind, "agency": role.agency, "name": role.name},
                   "view": self._view(role, self.session.committed_clock[0])}
        if role.label in self.untold:
            why = self.untold[role.label]   # why its last connection was cut: English, and told in its language
            welcome["notice"], welcome["notice_reason"] = why.english(), why.to_wire()
        await ws.send(dumps(welcome))
        self.untold.pop(role.label, None)   # told once the welcome is written, not before
        # Catch-up and registration happen without an await in between, so no
        # event can fall between what was sent and what will be published.
        events = self.session.events[:self.published]
        missed = [event_item(seq, v) for seq, e in enumerate(events)
                  if seq > hello.since and (v := visible(role, e)) is not None]
        pages = event_pages(missed)   # pages: a long absence never makes a frame too large to take
        for page in pages:
            self._send(client, page)
        self.clients.add(client)
        self._send(client, clock_frame(*self.session.committed_clock))
        return client

    async def _receive(self, client: Client, frame) -> None:
        ident = None
        try:
            message = parse_client(frame)
            if isinstance(message, Ping):
                self._send(client, dumps({"type": "pong"}))
                return
            if isinstance(message, Hello):
                raise ProtocolError(N_("already joined; hello is only sent once"))
            if isinstance(message, AttachmentRequest):
                role = client.role
                reply = self.media.answer(role.label, message.sha256, message.offset,
                                          self.session.events[:self.published], lambda e: visible(role, e))
                # Refused requests count like refused commands: a client fishing
                # for files it was never sent is let go like one that floods.
                if "error" in reply:
                    client.refused += 1
                self._send(client, dumps(reply))
                return
            assert isinstance(message, CommandMsg)
            ident = message.id
            if message.id <= client.last_id:
                raise ProtocolError(N_("out of order: command id {id} after {last}"), id=message.id, last=client.last_id)
            client.last_id = message.id
            self._check_limits(client, message.command)
            command = build_command(message.command, self.session.now, client.role.label)
            forbidden = allowed(client.role, command)
            if forbidden:
                raise ProtocolError(forbidden)
            applied = await self.apply(command)
        except ProtocolError as exc:
            await self._reply(client, error_frame(exc.reason, ident))
            return
        except CommandError as exc:
            await self._reply(client, error_frame(refusal(client.role, exc), ident))
            return
        await self._reply(client, {"type": "ack", "id": message.id, "t": applied.t})
        self.publish()

    async def apply(self, command):
        """Apply a command to the exercise; return it, as journaled, once it is
        committed. Other connections are served while the commit is under way
        (several commands waiting together share one commit). Raises CommandError."""
        applied = self.session.exercise.apply(command)
        await self.committed()
        return applied

    async def committed(self) -> None:
        """Return once everything the exercise has recorded is committed (and so published)."""
        await asyncio.wrap_future(self.session.committing())

    def _check_limits(self, client: Client, command: dict) -> None:
        """Raises ProtocolError for a command too long or too soon after the others."""
        # The rate first: a flood of refused (oversized, malformed) commands
        # costs the server as much as accepted ones.
        bucket = self.buckets.get(client.role.label)
        if bucket is None:
            bucket = self.buckets[client.role.label] = self.bucket_factory()
        wait = bucket.take()
        if not wait:
            client.refused = 0
            too_long = limits.oversized(command)
            if too_long:
                raise ProtocolError(too_long)
            return
        client.refused += 1
        raise ProtocolError(N_("too many commands from {who}: wait {wait:.0f} s and send again"),
                            who=client.role.label, wait=wait)

    async def _reply(self, client: Client, message: dict) -> None:
        self._send(client, dumps(message))


def clock_frame(now: float, status: str, speed: float) -> str:
    return dumps({"type": "clock", "now": now, "status": status, "speed": speed})


def error_frame(reason: Reason, ident: int | None = None) -> dict:
    """A refusal as the client reads it: `message` in English (what clients
    before protocol reasons read, and logs), `reason` the template and
    parameters a console shows in its own language (simex.reasons)."""
    return {"type": "error", "id": ident, "message": reason.english(), "reason": reason.to_wire()}
