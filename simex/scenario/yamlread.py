"""Read YAML into plain Python data while remembering where every value is.

Why not `yaml.compose` + a constructor: libyaml's composer recurses in C, so
a file of 100,000 nested `[` crashes the interpreter (a segfault, not an
exception), and nothing can be caught. Reading libyaml's flat event stream
with an explicit stack lets us stop at a depth limit, count what aliases
expand to, see duplicate keys (PyYAML silently keeps the last), and record
each value's line and column, in one pass that measures faster than
`yaml.load` with CSafeLoader.

Positions are kept beside the data, not inside it, so the data stays plain
dicts and lists for pydantic. Every position is `(line, col, children)`,
0-based as PyYAML marks are: `children` is None for a scalar, a list of
positions for a sequence, and `{key: (key_line, key_col, position)}` for a
mapping.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import (
    AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
    SequenceEndEvent, SequenceStartEvent, StreamEndEvent,
)
from yaml.nodes import ScalarNode

from simex.scenario.problems import Problem, format_path
from simex.words import N_, Say

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64                # a scenario nests about 8 deep; 64 is generous
MAX_ALIAS_VALUES = 200_000    # values that aliases may expand to ("billion laughs")

_TOO_DEEP = Say(N_("the file nests deeper than {depth} levels here; a scenario never needs that many"),
                depth=MAX_DEPTH)
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
# Tags a scenario may use explicitly. Others (!!binary, !!set, !!python/...)
# would hand the model bytes, sets or worse.
_ALLOWED_TAGS = {_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                 "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
                 "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:map",
                 "tag:yaml.org,2002:seq"}
_CONSTRUCTOR = SafeConstructor()
_SKIP = object()  # "drop the next value": its key was not a plain scalar


@dataclass
class Parsed:
    data: object = None
    pos: tuple | None = None
    problems: list[Problem] = field(default_factory=list)
    fatal: bool = False       # the data is incomplete: do not validate it
    empty: bool = False       # no document at all (only comments, or nothing)


class _Stop(Exception):
    """A limit was reached: stop reading (the problem is already recorded)."""


class _Frame:
    """A mapping or sequence being read."""

    __slots__ = ("value", "children", "key", "key_line", "key_col", "anchor",
                 "line", "col", "size", "merges", "segment", "is_key")

    def __init__(self, value, children, anchor, line, col, segment, is_key):
        self.value, self.children, self.anchor = value, children, anchor
        self.line, self.col, self.segment, self.is_key = line, col, segment, is_key
        self.key = None           # None: the next scalar is a key (mappings only)
        self.key_line = self.key_col = 0
        self.size = 1
        self.merges: list | None = None


class _Reader:
    def __init__(self, text: str):
        self.text = text
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[object, tuple, int]] = {}
        self.expanded = 0
        self.out = Parsed()

    # --- problems ---------------------------------------------------------------

    def path(self, *extra) -> str:
        segments = [f.segment for f in self.stack[1:]] + list(extra)
        return format_path(s for s in segments if s is not None and s is not _SKIP)

    def here(self) -> str:
        """The path of the value being read now."""
        return self.path(self._segment())

    def problem(self, line: int, col: int, path: str, message: Say) -> None:
        self.out.problems.append(Problem("", line + 1, col + 1, path, message))

    def stop(self, line: int, col: int, message: Say) -> None:
        path = self.here()
        self.problem(line, col, path if len(path) <= 60 else path[:57] + "...", message)
        self.out.fatal = True
        raise _Stop

    # --- reading ------------------------------------------------------------------

    def run(self) -> Parsed:
        loader = Loader(self.text)
        self.resolve = loader.resolve
        try:
            self._events(loader)
        except _Stop:
            pass
        finally:
            loader.dispose()
        return self.out

    def _events(self, loader) -> None:
        get = loader.get_event
        documents = 0
        while True:
            ev = get()
            kind = type(ev)
            if kind is ScalarEvent:
                self._scalar(ev)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self._start(ev, kind is MappingStartEvent)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self._end()
            elif kind is AliasEvent:
                self._alias(ev)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    m = ev.start_mark
                    self.problem(m.line, m.column, "", Say(N_("a second YAML document starts here ('---'): "
                                                              "a scenario is one document")))
                    return
            elif kind is StreamEndEvent:
                self.out.empty = documents == 0
                return

    def _segment(self) -> object:
        """Where the next value goes in its parent: an index, a key, or _SKIP."""
        if not self.stack:
            return None
        top = self.stack[-1]
        if type(top.value) is list:
            return len(top.value)
        return top.key  # None while a key is expected

    def _scalar(self, ev) -> None:
        m = ev.start_mark
        top = self.stack[-1] if self.stack else None
        if top is not None and top.key is None and type(top.value) is dict:
            # A mapping key: keep the author's spelling ("no", "1", "on"), never
            # YAML 1.1's booleans or numbers, since every key in the format is a word.
            top.key = ev.value
            top.key_line, top.key_col = m.line, m.column
            if ev.implicit[0] and ev.value == "<<":
                top.key = _MERGE
            return
        value = self._construct(ev)
        self._add(value, (m.line, m.column, None), 1, ev.anchor)

    def _construct(self, ev) -> object:
        tag = ev.tag
        explicit = tag is not None and tag != "!"
        if not explicit:
            tag = self.resolve(ScalarNode, ev.value, ev.implicit) if ev.implicit[0] else _STR
        if tag == _STR:
            return ev.value
        m = ev.start_mark
        if explicit and tag not in _ALLOWED_TAGS:
            self.problem(m.line, m.column, self.here(), _unsupported(ev.tag))
            return ev.value
        build = _CONSTRUCTOR.yaml_constructors.get(tag)
        if build is None:  # implicit tags with no safe constructor (e.g. '=') are text
            return ev.value
        try:
            return build(_CONSTRUCTOR, ScalarNode(tag, ev.value, m, ev.end_mark))
        except (ValueError, ConstructorError):
            # e.g. 2026-02-30 looks like a date but is not one
            what = {"timestamp": "date"}.get(tag.rsplit(":", 1)[-1], tag.rsplit(":", 1)[-1])
            shown = ev.value if len(ev.value) <= 60 else ev.value[:57] + "..."   # 5,000 digits help nobody
            why = Say(N_(" (too many digits)")) if what == "int" and len(ev.value) > 1000 else ""
            # Translators: {what} is a YAML type name as YAML spells it: int, float, bool, date
            self.problem(m.line, m.column, self.here(), Say(N_("{value} is not a valid {what}{why}"),
                                                            value=repr(shown), what=what, why=why))
            return ev.value

    def _start(self, ev, is_mapping: bool) -> None:
        m = ev.start_mark
        if ev.tag not in (None, "!") and ev.tag not in _ALLOWED_TAGS:
            self.problem(m.line, m.column, self.here(), _unsupported(ev.tag))
        top = self.stack[-1] if self.stack else None
        is_key = top is not None and type(top.value) is dict and top.key is None
        if is_key:
            self.problem(m.line, m.column, self.path(), Say(N_("a key must be a plain word, not a list or a mapping")))
        if len(self.stack) >= MAX_DEPTH:
            self.stop(m.line, m.column, _TOO_DEEP)
        value, children = ({}, {}) if is_mapping else ([], [])
        self.stack.append(_Frame(value, children, ev.anchor, m.line, m.column, self._segment(), is_key))

    def _end(self) -> None:
        frame = self.stack.pop()
        if frame.merges:
            self._merge(frame)
        if frame.is_key:
            self.stack[-1].key = _SKIP
            return
        self._add(frame.value, (frame.line, frame.col, frame.children), frame.size, frame.anchor)

    def _alias(self, ev) -> None:
        m = ev.start_mark
        found = self.anchors.get(ev.anchor)
        if found is None:
            # Also catches an alias inside its own anchor (`&a [*a]`): the anchor
            # is registered only once complete, so data can never be recursive.
            self.problem(m.line, m.column, self.here(),
                         Say(N_("'*{anchor}' refers to no anchor: define '&{anchor}' before using it"), anchor=ev.anchor))
            value, pos, size = None, (m.line, m.column, None), 1
        else:
            value, pos, size = found
            self.expanded += size
            if self.expanded > MAX_ALIAS_VALUES:
                self.stop(m.line, m.column, Say(N_("aliases here expand to more than {limit} values; "
                                                   "simplify the anchors (&) and aliases (*)"),
                                                limit=f"{MAX_ALIAS_VALUES:,}"))
        top = self.stack[-1] if self.stack else None
        if top is not None and type(top.value) is dict and top.key is None:
            self.problem(m.line, m.column, self.path(), Say(N_("a key must be a plain word, not an alias")))
            top.key = _SKIP
            return
        self._add(value, pos, size, None)

    def _add(self, value, pos, size, anchor) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, pos, size)
        if not self.stack:
            self.out.data, self.out.pos = value, pos
            return
        top = self.stack[-1]
        top.size += size
        if type(top.value) is list:
            top.value.append(value)
            top.children.append(pos)
            return
        key, top.key = top.key, None
        if key is _SKIP:
            return
        if key is _MERGE:
            top.merges = (top.merges or []) + [(value, pos)]
            return
        first = top.children.get(key)
        if first is not None:
            self.problem(top.key_line, top.key_col, self.path(key),
                         Say(N_("duplicate key '{key}' (first at line {line}); YAML would silently keep only this one"),
                             key=key, line=first[0] + 1))
        top.value[key] = value
        top.children[key] = (top.key_line, top.key_col, pos)

    def _merge(self, frame: _Frame) -> None:
        """`<<: *defaults` copies keys the mapping does not set itself (YAML merge key)."""
        sources = []
        for value, pos in frame.merges:
            if isinstance(value, dict):
                sources.append((value, pos))
            elif isinstance(value, list) and pos[2] is not None and all(isinstance(v, dict) for v in value):
                sources.extend(zip(value, pos[2]))
            else:
                self.problem(pos[0], pos[1], self.path(frame.segment),
                             Say(N_("'<<' merges a mapping or a list of mappings")))
        # The first source wins over later ones, and the mapping's own keys over all.
        own = set(frame.children)
        for value, pos in reversed(sources):
            for key, item in value.items():
                if key not in own:
                    frame.value[key] = item
                    frame.children[key] = pos[2][key]


def read_yaml(text: str) -> Parsed:
    """Data, positions and reading problems (syntax errors included) for a YAML text."""
    reader = _Reader(text)
    out = reader.out
    try:
        return reader.run()
    except yaml.MarkedYAMLError as exc:
        out.problems.append(_syntax_problem(exc))
    except yaml.reader.ReaderError as exc:
        # libyaml counts bytes of UTF-8; authors count characters.
        chars = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        line = text.count("\n", 0, chars)
        col = chars - (text.rfind("\n", 0, chars) + 1)
        code = f" U+{exc.character:04X}" if isinstance(exc.character, int) else ""
        # Translators: {code} is "" or " U+0007"; {reason} is the YAML library's English
        out.problems.append(Problem("", line + 1, col + 1, "",
                                    Say(N_("the file contains a character{code} that YAML does not allow ({reason})"),
                                        code=code, reason=exc.reason)))
    out.fatal = True
    return out


def _unsupported(tag: str) -> Say:
    return Say(N_("the YAML tag {tag} is not supported in a scenario"), tag=repr(tag))


# The YAML library's English, then what an author can do about it (translated).
_HINTS = (
    ("mapping values are not allowed", N_("is there an unquoted ':' inside a text? put the text in quotes")),
    ("tab character", N_("indent with spaces, not tabs")),
    ("cannot start any token", N_("indent with spaces, not tabs; quote text that starts with @ or `")),
    ("could not find expected ':'", N_("each line of a mapping is 'key: value'; quote a text that spans lines")),
    ("expected '-' indicator", N_("list items must line up, each starting with '- '")),
    ("expected <block end>", N_("check the indentation of this line against the lines above")),
)


def _syntax_problem(exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line, mark.column) if mark else (0, 0)
    if "nesting depth" in (exc.problem or ""):
        # libyaml >= 0.2.5 as bundled with PyYAML 6.0.4 stops deep flow nesting
        # (1,000 levels) in its scanner, which reads ahead of the events our
        # own limit counts: say the same thing as our limit does.
        return Problem("", line + 1, col + 1, "", _TOO_DEEP)
    # The YAML library's own words stay English (they are quoted as it says them);
    # simex's words around them, and the hint, are translated.
    what = exc.problem or exc.context or Say(N_("cannot read this"))
    context = ""
    if exc.context and exc.context_mark and exc.problem:
        context = Say(N_(" ({context} that starts at line {line})"), context=exc.context,
                      line=exc.context_mark.line + 1)
    english = f"{what}{context}"
    hint = next((Say(N_("; {hint}"), hint=Say(h)) for needle, h in _HINTS if needle in english), "")
    # Translators: {what} is the YAML library's English description, e.g. "found character that cannot start any token"
    return Problem("", line + 1, col + 1, "", Say(N_("YAML syntax error: {what}{context}{hint}"),
                                                  what=what, context=context, hint=hint))
