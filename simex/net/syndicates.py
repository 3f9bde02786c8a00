"""Syndicates: several groups play the same scenario at once under one
facilitator (`simex serve SCENARIO --syndicates 3`). Each syndicate is an
exercise of its own, with its own journal, its own join codes and its own
ExerciseServer (so nothing one group does reaches another); one listener on
one port takes every connection and hands it to the syndicate whose code it
says hello with. Participants join the same address, whatever their group.
"""
from __future__ import annotations

import asyncio
import logging

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from simex.net import limits
from simex.net.protocol import Hello, ProtocolError, parse_client
from simex.net.server import STOP_GRACE, ExerciseServer, guarded, listen, stop_listening

log = logging.getLogger("simex.server")


class SyndicateRouter:
    """One port for several exercises: routes each connection by its join code."""

    def __init__(self, servers: list[ExerciseServer], host: str = "127.0.0.1", port: int = 8765, ssl=None,
                 sock=None, per_address: int = limits.PER_ADDRESS):
        self.servers = servers
        self.host, self.port, self.ssl, self.sock = host, port, ssl, sock
        if sock is not None:
            self.port = sock.getsockname()[1]
        # Counted once for all syndicates: a laptop's connections are its own, whatever its group.
        self.connections = limits.Connections(per_address * len(servers))
        self._server = None

    @property
    def address(self) -> str:
        return f"{'wss' if self.ssl else 'ws'}://{self.host}:{self.port}"

    async def start(self) -> None:
        where = {"sock": self.sock} if self.sock else {"host": self.host, "port": self.port}
        self._server = await listen(self._route, self.ssl, guarded(self.connections), where)
        self.port = next(iter(self._server.sockets)).getsockname()[1]
        for server in self.servers:
            server.host, server.port = self.host, self.port
            server.prepare()

    def syndicate_of(self, frame) -> ExerciseServer | None:
        """The syndicate whose codes know the hello's code, or None."""
        try:
            hello = parse_client(frame)
        except ProtocolError:
            return None
        if not isinstance(hello, Hello):
            return None
        return next((s for s in self.servers if s.codes.lookup(hello.code) is not None), None)

    async def _route(self, ws: ServerConnection) -> None:
        try:
            frame = await asyncio.wait_for(ws.recv(), limits.HELLO_TIMEOUT)
        except (ConnectionClosed, asyncio.TimeoutError):
            return
        # A code no syndicate knows (or no hello at all) gets the first
        # syndicate's answer, which is the one a single server gives: the
        # error, and the wrong-code throttle.
        server = self.syndicate_of(frame) or self.servers[0]
        await server._handle(ws, frame)

    def publish(self) -> None:
        for server in self.servers:
            server.publish()

    # The facilitator console's codes screen lists and reissues every
    # syndicate's codes, each label prefixed with its syndicate ("s2 participant:customs").

    @property
    def codes(self) -> "SyndicateCodes":
        return SyndicateCodes(self.servers)

    def disconnect_role(self, label: str) -> None:
        server, role = _split(self.servers, label)
        server.disconnect_role(role)

    async def stop(self, grace: float = STOP_GRACE) -> None:
        await stop_listening(self._server, self.sock, grace)
        for server in self.servers:
            await server.stop(grace)


def _split(servers: list[ExerciseServer], label: str) -> tuple[ExerciseServer, str]:
    prefix, _, role = label.partition(" ")
    return servers[int(prefix[1:]) - 1], role


class SyndicateCodes:
    def __init__(self, servers: list[ExerciseServer]):
        self.servers = servers

    def pretty(self) -> list[tuple[str, str]]:
        return [(f"s{n} {label}", code) for n, server in enumerate(self.servers, 1)
                for label, code in server.codes.pretty()]

    def reissue(self, label: str) -> str:
        server, role = _split(self.servers, label)
        return server.codes.reissue(role)
