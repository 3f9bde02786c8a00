"""The wire protocol, version 1: JSON text frames, validated on arrival.

Client -> server
  {"type": "hello", "protocol": 1, "code": "...", "since": -1}
  {"type": "command", "id": 7, "command": {"kind": "send_message", ...}}
  {"type": "ping"}
  {"type": "attachment", "sha256": "...", "offset": 0}   (a piece of an inject's file: simex/net/media.py)
Server -> client
  {"type": "welcome", "protocol": 1, "role": {...}, "view": {...}, "notice": "..."}
    (`notice`, only after the server let this role's screen go: why)
  {"type": "events", "items": [{"seq": 12, "kind": "...", "t": 60.0, "data": {...}}]}
  {"type": "clock", "now": 60.0, "status": "running", "speed": 5.0}
  {"type": "ack", "id": 7, "t": 60.0}
  {"type": "error", "id": 7, "message": "..."}
  {"type": "attachment", "sha256": "...", "offset": 0, "size": N, "data": "<base64>"}  (or "error" / "wait")

`seq` is the event's position in the exercise's event list. A client that
reconnects says `since` = the last seq it saw and receives what it missed.
Command ids must increase: a repeated or older id is answered with an error
(out of order), so a replayed frame can never be applied twice. Every frame
gets one answer and an error never closes the connection; the message names
the field (`take_action.params must be a map ...`), and the server tells a
player only what its role may know (docs/architecture.md lists the errors).
"""
from __future__ import annotations

import json
from dataclasses import fields as dataclass_fields
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from simex.engine import commands as c
from simex.engine import orders
from simex.events import Event
from simex.languages import N_
from simex.reasons import Listed, Refusal

PROTOCOL = 1
MAX_FRAME = 64 * 1024      # bytes a client may send; a command is a few hundred
# Bytes a server frame may have: the client refuses larger ones. Events are
# sent in pages of at most PAGE_BYTES (a single event is far smaller, its
# text being bounded by MAX_FRAME), so a catch-up after a long absence is
# many frames, never one the client cannot take.
MAX_SERVER_FRAME = 16 * 1024 * 1024
PAGE_BYTES = 1024 * 1024


class _Msg(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Hello(_Msg):
    type: Literal["hello"]
    protocol: int
    code: str = Field(min_length=4, max_length=64)
    since: int = -1


class CommandMsg(_Msg):
    type: Literal["command"]
    id: int = Field(ge=0)
    command: dict[str, Any]


class Ping(_Msg):
    type: Literal["ping"]


class AttachmentRequest(_Msg):
    type: Literal["attachment"]
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    offset: int = Field(0, ge=0)


ClientMessage = TypeAdapter(Annotated[Union[Hello, CommandMsg, Ping, AttachmentRequest],
                                      Field(discriminator="type")])


class ProtocolError(Refusal):
    """A frame the server rejects; the message is sent back to that client only."""


def parse_client(frame: str | bytes) -> Hello | CommandMsg | Ping | AttachmentRequest:
    if isinstance(frame, bytes):
        raise ProtocolError(N_("binary frames are not part of the protocol; send JSON text"))
    try:
        return ClientMessage.validate_json(frame)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "message"
        raise ProtocolError(N_("malformed message: {where}: {problem}"), where=where, problem=first["msg"]) from None


# Commands a client may name; the facilitator's own commands are not in this list.
_REMOTE = (c.AcknowledgeInject, c.TakeAction, c.SendMessage, c.RecordDecision, c.TransferEvidence,
           c.RecordObservation, c.RecordRating, c.RecordAnnotation, c.AnswerQuestionnaire)
REMOTE_COMMANDS = {cls.kind: cls for cls in _REMOTE}
_FIELDS = {cls: frozenset(f.name for f in dataclass_fields(cls)) - {"t", "actor"} for cls in _REMOTE}


def build_command(data: dict[str, Any], now: float, actor: str) -> c.Command:
    """A command object from a client's fields, stamped by the server.
    The server sets the time and the actor; the client cannot. Every field
    is checked against its type here, so a refusal names the field."""
    if "kind" not in data:
        raise ProtocolError(N_("command.kind is missing: name the command (send_message, take_action, ...)"))
    kind = data["kind"]
    if not isinstance(kind, str):
        raise ProtocolError(N_("command.kind must be text, not {kind}"), kind=orders.kind_of(kind))
    cls = REMOTE_COMMANDS.get(kind)
    if cls is None:
        raise ProtocolError(N_("unknown or forbidden command {kind!r}"), kind=kind)
    fields = {k: v for k, v in data.items() if k not in ("kind", "t", "actor")}
    unknown = sorted(set(fields) - _FIELDS[cls])
    if unknown:
        raise ProtocolError(N_("{kind} has no field {field!r}; its fields: {fields}"), kind=kind, field=unknown[0],
                            fields=Listed(sorted(_FIELDS[cls])))
    command = cls(t=now, actor=actor, **fields)
    try:
        orders.check_types(command)
    except c.CommandError as exc:
        raise ProtocolError(exc.reason) from None
    return command


def event_item(seq: int, event: Event) -> dict[str, Any]:
    return {"seq": seq, "kind": event.kind, "t": event.t, "data": event.payload()}


def dumps(message: dict[str, Any]) -> str:
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False)


_PAGE_OPEN, _PAGE_CLOSE = '{"type":"events","items":[', "]}"


def event_pages(items: list[dict[str, Any]]) -> list[str]:
    """`events` frames of at most PAGE_BYTES each (one item per frame at the
    least), in order: what dumps({"type": "events", "items": items}) would
    say, split so that no frame is more than a client takes."""
    return pages_of([dumps(item) for item in items])


def pages_of(texts: list[str]) -> list[str]:
    """event_pages of items already encoded (dumps of each), so an event seen
    alike by several roles is encoded once."""
    pages, page, size = [], [], len(_PAGE_OPEN) + len(_PAGE_CLOSE)
    empty = size
    for text in texts:
        n = len(text.encode("utf-8")) + 1   # and its comma
        if page and size + n > PAGE_BYTES:
            pages.append(_PAGE_OPEN + ",".join(page) + _PAGE_CLOSE)
            page, size = [], empty
        page.append(text)
        size += n
    if page:
        pages.append(_PAGE_OPEN + ",".join(page) + _PAGE_CLOSE)
    return pages
