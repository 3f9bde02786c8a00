"""Edit values in a YAML file in place, keeping everything else as it was.

An author's scenario has comments, flow mappings for short translations,
quoting and line breaks chosen by hand. Loading and dumping it again (even
with ruamel.yaml's round trip) rewraps long lines and respaces flow
mappings; a facilitator who changed one synopsis in the spreadsheet would
get back a file whose every line differs. So edits are made on the text:
the file is parsed once (PyYAML's pure-Python parser, whose marks are
character offsets into the text), every node's span is recorded, and an
edit replaces, inserts or deletes exactly one span. Nothing else moves.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import yaml
from yaml.events import (
    AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent,
)

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]*$")
_NOT_PLAIN = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


@dataclass
class Node:
    kind: str                  # "scalar", "map" or "seq"
    start: int
    end: int                   # just past the node's last character (block collections: its last value)
    flow: bool = True
    value: str | None = None   # scalars
    keys: dict = field(default_factory=dict)    # map: key -> (key start, key end, Node)
    items: list = field(default_factory=list)   # seq: Nodes


def parse(text: str) -> Node:
    """The tree of spans of the first document in `text`."""
    stack: list[tuple[Node, list]] = []      # (collection, pending key for maps)
    root: Node | None = None

    def add(node: Node, key_event=None) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent, pending = stack[-1]
        if parent.kind == "seq":
            parent.items.append(node)
        elif not pending:
            pending.append(node)        # a key
        else:
            key = pending.pop()
            parent.keys[key.value] = (key.start, key.end, node)

    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, ScalarEvent):
            add(Node("scalar", event.start_mark.index, event.end_mark.index, value=event.value))
        elif isinstance(event, AliasEvent):
            add(Node("scalar", event.start_mark.index, event.end_mark.index))
        elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            kind = "map" if isinstance(event, MappingStartEvent) else "seq"
            node = Node(kind, event.start_mark.index, event.end_mark.index, flow=bool(event.flow_style))
            add(node)
            stack.append((node, []))
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            node, _ = stack.pop()
            if node.flow:
                node.end = event.end_mark.index
            else:   # a block collection's end mark is the next token: stop at its last value instead
                last = [n for _, _, n in node.keys.values()] if node.kind == "map" else node.items
                node.end = max((n.end for n in last), default=node.start)
    assert root is not None
    return root


def scalar(value: str) -> str:
    """`value` as a YAML scalar: plain for an id, double-quoted otherwise."""
    if _PLAIN.match(value) and value.lower() not in _NOT_PLAIN:
        return value
    return json.dumps(value, ensure_ascii=False)   # a JSON string is a YAML double-quoted scalar


def quoted(value: str) -> str:
    """Text as a double-quoted scalar, as authors write sentences."""
    return json.dumps(value, ensure_ascii=False)


def flow(value) -> str:
    """A list, a mapping or a string in YAML flow style, one line."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(str(value)) if _PLAIN.match(str(value)) and len(str(value)) < 40 else quoted(str(value))


class Editor:
    """Edits to one text, applied together (spans refer to the original text)."""

    def __init__(self, text: str):
        self.text = text
        self.root = parse(text)
        self.nl = "\r\n" if "\r\n" in text else "\n"   # a file saved on Windows keeps its line ends
        self._edits: list[tuple[int, int, str]] = []

    def result(self) -> str:
        out = self.text
        for start, end, new in sorted(self._edits, key=lambda e: (e[0], e[1]), reverse=True):
            out = out[:start] + new + out[end:]
        return out

    def _line_end(self, index: int) -> int:
        nl = self.text.find("\n", index)
        if nl < 0:
            return len(self.text)
        return nl - 1 if nl > 0 and self.text[nl - 1] == "\r" else nl

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def replace(self, mapping: Node, key: str, rendered: str) -> None:
        """The value of `key` in `mapping` becomes `rendered` (YAML text, one line)."""
        key_start, key_end, node = mapping.keys[key]
        if node.kind == "scalar" or node.flow:
            # A block scalar (| or >) ends after its last line break: keep one.
            tail = "\n" if self.text[node.end - 1:node.end] == "\n" else ""
            self._edits.append((node.start, node.end, rendered + tail))
        else:   # a block collection: its text starts on a later line; the whole value goes after the colon
            colon = self.text.index(":", key_end) + 1
            self._edits.append((colon, node.end, " " + rendered))

    def replace_node(self, node: Node, rendered: str) -> None:
        """A scalar or flow node (a sequence's item) becomes `rendered`."""
        tail = "\n" if node.kind == "scalar" and self.text[node.end - 1:node.end] == "\n" else ""
        self._edits.append((node.start, node.end, rendered + tail))

    def insert(self, mapping: Node, key: str, rendered: str) -> None:
        """Add `key: rendered` at the end of `mapping`."""
        if mapping.flow:
            close = mapping.end - 1      # the "}"
            sep = ", " if mapping.keys else ""
            self._edits.append((close, close, f"{sep}{key}: {rendered}"))
            return
        first = min(start for start, _, _ in mapping.keys.values())
        indent = first - self._line_start(first)
        at = self._line_end(mapping.end - 1 if mapping.end > mapping.start else mapping.end)
        self._edits.append((at, at, self.nl + " " * indent + f"{key}: {rendered}"))

    def delete(self, mapping: Node, key: str) -> None:
        key_start, _, node = mapping.keys[key]
        if mapping.flow:
            before = self.text.rfind(",", mapping.start, key_start)
            if before >= 0:
                self._edits.append((before, node.end, ""))
            else:
                after = self.text.find(",", node.end, mapping.end)
                stop = after + 1 if after >= 0 else node.end
                while after >= 0 and stop < mapping.end and self.text[stop] == " ":
                    stop += 1
                self._edits.append((key_start, stop, ""))
            return
        start = self._line_start(key_start)
        end = self._line_end(node.end - 1 if node.end > node.start else node.end)
        self._edits.append((start, min(end + len(self.nl), len(self.text)), ""))

    def set(self, mapping: Node, key: str, rendered: str | None) -> None:
        """Replace, insert or (rendered None) delete `key`."""
        if rendered is None:
            if key in mapping.keys:
                self.delete(mapping, key)
        elif key in mapping.keys:
            self.replace(mapping, key, rendered)
        else:
            self.insert(mapping, key, rendered)

    def append_item(self, sequence: Node, rendered_lines: list[str]) -> None:
        """Add a block mapping (its `key: value` lines) as the last item of a block sequence."""
        first = sequence.items[0].start if sequence.items else sequence.start
        dash = self.text.rfind("-", 0, first + 1) if sequence.items else sequence.start
        indent = dash - self._line_start(dash)
        at = self._line_end(sequence.end - 1)
        body = (self.nl + " " * (indent + 2)).join(rendered_lines)
        self._edits.append((at, at, self.nl + " " * indent + "- " + body))
