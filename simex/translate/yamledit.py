"""Targeted edits of a scenario's YAML text: add or change one language of a text.

Why not a ruamel.yaml round trip: re-emitting the whole file re-wraps folded
text, re-indents sequences and re-flows long flow mappings, so a file with
nothing to change would still come back different. Here only the characters
of the texts that change are rewritten, found from the node marks of the
YAML composer; everything else (comments, blank lines, quoting, key order)
stays byte for byte. With no change there is no edit at all.

How a language is added depends on how the text is written:
- `{en: "...", fr: "..."}` on one line, as a key's value in a block mapping
  or as a block list item, becomes a block mapping, one language a line
  (six languages would not fit on one line);
- any other mapping gets one more entry after its last one (a new line in a
  block mapping, `, ar: "..."` in a flow mapping);
- a plain string becomes a mapping with its English kept as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


class EditError(ValueError):
    """The file cannot be edited at this place (the text is not where the model says)."""


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    new: str


# libyaml's marks count code points, as Python's str does (tests/test_translate.py
# checks both composers agree on every bundled scenario), and it composes a
# scenario six times faster than the pure-Python composer.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(text: str) -> Node:
    """The node tree with character positions. `text` has no byte-order mark,
    and the file has already been read safely by the loader (which bounds
    nesting and aliases) before it is composed here."""
    return yaml.compose(text, Loader=_LOADER)


def find(root: Node, path: tuple) -> tuple[Node, Node | None, Node | None]:
    """The node at `path`, its parent and (for a mapping value) its key node."""
    node, parent, key = root, None, None
    for seg in path:
        parent = node
        if isinstance(node, MappingNode) and isinstance(seg, str):
            pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == seg), None)
            if pair is None:
                raise EditError(f"no key {seg!r} here")
            key, node = pair
        elif isinstance(node, SequenceNode) and isinstance(seg, int) and 0 <= seg < len(node.value):
            key, node = None, node.value[seg]
        else:
            raise EditError(f"nothing at {seg!r} here")
    return node, parent, key


def apply(text: str, edits: list[Edit]) -> str:
    """`text` with every edit made (they must not overlap)."""
    out, last = [], len(text)
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        if e.end > last:
            raise EditError("two edits overlap")
        out.append(text[e.end:last])
        out.append(e.new)
        last = e.start
    out.append(text[:last])
    return "".join(reversed(out))


# --- one language of one text ----------------------------------------------------


def set_text(text: str, root: Node, path: tuple, lang: str, value: str) -> Edit | None:
    """The edit that makes the text at `path` say `value` in `lang`; None if it already does."""
    node, parent, key = find(root, path)
    if isinstance(node, ScalarNode):
        if lang == "en":
            return None if node.value == value else Edit(node.start_mark.index, _end(text, node), quote(value))
        return _scalar_to_mapping(text, node, parent, key, [(lang, value)])
    if not isinstance(node, MappingNode):
        raise EditError("this text is neither a string nor a mapping of languages")
    for k, v in node.value:
        if isinstance(k, ScalarNode) and k.value == lang:
            if isinstance(v, ScalarNode) and v.value == value:
                return None
            return Edit(v.start_mark.index, _end(text, v), quote(value))
    return _add_entry(text, node, parent, key, lang, value)


def _add_entry(text: str, node: MappingNode, parent: Node | None, key: Node | None,
               lang: str, value: str) -> Edit:
    if not node.value:
        raise EditError("this text is an empty mapping")
    if node.flow_style and _block(parent) and _one_line(node):
        pairs = [(text[k.start_mark.index:_end(text, k)], text[v.start_mark.index:_end(text, v)])
                 for k, v in node.value] + [(lang, quote(value))]
        return _as_block(text, node, key, pairs)
    last = node.value[-1][1]
    if node.flow_style:
        at = _end(text, last)
        return Edit(at, at, f", {lang}: {quote(value)}")
    indent = node.value[0][0].start_mark.column
    at = _line_end(text, _end(text, last))
    return Edit(at, at, f"\n{' ' * indent}{lang}: {quote(value)}")


def _scalar_to_mapping(text: str, node: ScalarNode, parent: Node | None, key: Node | None,
                       added: list[tuple[str, str]]) -> Edit:
    source = text[node.start_mark.index:_end(text, node)]
    pairs = [("en", source)] + [(lang, quote(value)) for lang, value in added]
    if not _block(parent):
        inner = ", ".join(f"{k}: {v}" for k, v in pairs)
        return Edit(node.start_mark.index, _end(text, node), "{" + inner + "}")
    return _as_block(text, node, key, pairs)


def _as_block(text: str, node: Node, key: Node | None, pairs: list[tuple[str, str]]) -> Edit:
    """`node` (in block context) rewritten as a block mapping of `pairs`,
    whose values are kept as written (continuation lines indented to follow)."""
    end = _end(text, node)
    # A comment after the text on its line stays on the first line: it was about the text.
    comment = text[end:_line_end(text, end)]
    if comment.strip().startswith("#"):
        end += len(comment)
    else:
        comment = ""
    if key is not None:      # `title: ...` -> `title:` then one language a line below it
        indent = key.start_mark.column + 2
        start = _end(text, key)
        # ':' and any comment after it stay on the key's line
        head = text[start:node.start_mark.index].split("\n", 1)[0].rstrip() + comment
        lines = [f"\n{' ' * indent}{k}: {_shift(v, 2)}" for k, v in pairs]
        return Edit(start, end, head + "".join(lines))
    indent = node.start_mark.column   # a list item: `- en: ...` and the others under it
    first, *rest = pairs
    body = f"{first[0]}: {_shift(first[1], 2)}{comment}" + "".join(
        f"\n{' ' * indent}{k}: {_shift(v, 2)}" for k, v in rest)
    return Edit(node.start_mark.index, end, body)


def _shift(source: str, by: int) -> str:
    """A value's source with its continuation lines indented `by` more: a
    block scalar or a multi-line string keeps its value one level deeper."""
    return re.sub(r"\n(?=[^\r\n])", "\n" + " " * by, source)


def _block(parent: Node | None) -> bool:
    return parent is not None and not parent.flow_style


def _one_line(node: Node) -> bool:
    return node.start_mark.line == node.end_mark.line


def _end(text: str, node: Node) -> int:
    """Where a node's own characters end: a block scalar's mark runs on over
    the line breaks (and blank lines) after it."""
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _line_end(text: str, at: int) -> int:
    """The end of the line holding `at`, before its line break (after any comment)."""
    found = text.find("\n", at)
    if found < 0:
        return len(text)
    return found - 1 if found > 0 and text[found - 1] == "\r" else found


# --- exercise.languages ------------------------------------------------------------


def add_language(text: str, lang: str) -> Edit | None:
    """The edit that adds `lang` to `exercise.languages`; None if it is listed."""
    root = compose(text)
    exercise, _, _ = find(root, ("exercise",))
    if not isinstance(exercise, MappingNode) or not exercise.value:
        raise EditError("'exercise' is not a mapping")
    pair = next(((k, v) for k, v in exercise.value if isinstance(k, ScalarNode) and k.value == "languages"), None)
    if pair is None:    # the default is English alone
        last = exercise.value[-1][1]
        at = _line_end(text, _end(text, last))
        indent = exercise.value[0][0].start_mark.column
        return Edit(at, at, f"\n{' ' * indent}languages: [en, {lang}]")
    _, seq = pair
    if not isinstance(seq, SequenceNode):
        raise EditError("'exercise.languages' is not a list")
    if any(isinstance(item, ScalarNode) and item.value == lang for item in seq.value):
        return None
    if not seq.value:
        return Edit(seq.start_mark.index, _end(text, seq), f"[en, {lang}]" if lang != "en" else "[en]")
    last = seq.value[-1]
    if seq.flow_style:
        at = _end(text, last)
        return Edit(at, at, f", {lang}")
    line_start = text.rfind("\n", 0, last.start_mark.index) + 1
    at = _line_end(text, _end(text, last))
    return Edit(at, at, "\n" + text[line_start:last.start_mark.index] + lang)


# --- writing a string ------------------------------------------------------------------

# What a double-quoted YAML scalar cannot hold as it is: C0 and C1 controls,
# DEL, the Unicode line and paragraph separators and the byte-order mark.
_ESCAPE = re.compile("[\\\\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x85": "\\N",
          "\u2028": "\\L", "\u2029": "\\P"}


def quote(value: str) -> str:
    """`value` as a double-quoted YAML scalar (reads back exactly as `value`)."""
    return '"' + _ESCAPE.sub(lambda m: _NAMED.get(m[0]) or f"\\u{ord(m[0]):04x}", value) + '"'
