"""Load a scenario file, or say everything that is wrong with it.

`check_file` never raises and never stops at the first problem: it reads the
YAML (yamlread), checks the format version, validates the model (pydantic,
its errors rewritten by `messages`), then runs the whole-file checks, and
returns every problem located at a line and column. `load_scenario` is the
strict version for code that just needs a Scenario.
"""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from simex.scenario.checks import check_scenario
from simex.scenario.messages import explain
from simex.scenario.model import FORMAT_VERSION, Scenario
from simex.scenario.problems import Problem, format_path, format_text, parse_path, shorten_quoted
from simex.scenario.salvage import salvage
from simex.words import N_, Say
from simex.scenario.yamlread import read_yaml

MAX_BYTES = 5 * 1024 * 1024   # a large real scenario is ~200 KB


class ScenarioError(Exception):
    """A scenario that cannot be loaded; `problems` says why, all of them."""

    def __init__(self, problems: list[Problem]):
        super().__init__(format_text(problems))
        self.problems = problems

    def __str__(self) -> str:
        return format_text(self.problems)

    def text(self, t=None) -> str:
        """Every problem in the language of translator `t` (English without
        one), as `simex validate` shows them: whichever command met the broken
        file, its author reads the same lines."""
        return format_text(self.problems, t=t)


def load_scenario(path: str | os.PathLike) -> Scenario:
    """The scenario in `path`; raises ScenarioError listing every error."""
    scenario, problems = check_file(path)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def check_file(path: str | os.PathLike) -> tuple[Scenario | None, list[Problem]]:
    """The scenario (None if it has errors) and every problem in the file."""
    try:
        return _check_file(path)
    except Exception as exc:  # the one place a bug may land: report it, never a traceback
        return None, [_internal(str(path), exc)]


def check_text(text: str, filename: str = "<text>") -> tuple[Scenario | None, list[Problem]]:
    """Like `check_file`, for a scenario already in memory."""
    try:
        return _check(text, filename)
    except Exception as exc:  # as above
        return None, [_internal(filename, exc)]


def _internal(filename: str, exc: Exception) -> Problem:
    return Problem(filename, 1, 1, "", Say(N_("internal error while reading {file}: {error} (please report this)"),
                                           file=filename, error=f"{type(exc).__name__}: {exc}"))


def _check_file(path: str | os.PathLike) -> tuple[Scenario | None, list[Problem]]:
    name = str(path)
    try:
        file = Path(path)
        if file.is_dir():
            return None, [Problem(name, 1, 1, "", Say(N_("this is a directory, not a scenario file")))]
        size = file.stat().st_size
        if size > MAX_BYTES:
            return None, [_too_big(name, size)]
        raw = file.read_bytes()
    except FileNotFoundError:
        return None, [Problem(name, 1, 1, "", Say(N_("no such file")))]
    except PermissionError:
        return None, [Problem(name, 1, 1, "", Say(N_("cannot read the file: permission denied")))]
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        # Translators: {why} is the operating system's English
        return None, [Problem(name, 1, 1, "", Say(N_("cannot read the file: {why}"),
                                                  why=str(getattr(exc, "strerror", None) or exc)))]
    if len(raw) > MAX_BYTES:  # it grew between stat and read
        return None, [_too_big(name, len(raw))]
    text = _decode(raw, name)
    if isinstance(text, Problem):
        return None, [text]
    return _check(text, name, base=file.parent)


def _too_big(name: str, size: int) -> Problem:
    return Problem(name, 1, 1, "", Say(N_("the file is {size} MB; scenario files are limited to {limit} MB "
                                          "(is this the right file?)"),
                                       size=f"{size / 1048576:.1f}", limit=MAX_BYTES // 1048576))


def _decode(raw: bytes, name: str) -> str | Problem:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(name, 1, 1, "", Say(N_("the file is saved as UTF-16; save it as UTF-8")))
    nul = raw.find(b"\0")
    if nul >= 0:
        line, col = _line_col(raw, nul)
        return Problem(name, line, col, "", _BINARY)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        return Problem(name, line, col, "", Say(N_("the file is not UTF-8 text (byte {byte} here); save it as UTF-8 "
                                                   "(it may be Latin-1 or Windows-1252)"),
                                                byte=f"0x{raw[exc.start]:02X}"))


_BINARY = Say(N_("this is a binary file, not a text file (it contains a NUL byte)"))


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[start:offset].decode("utf-8", "ignore")) + 1


def _check(text: str, filename: str, base: Path | None = None) -> tuple[Scenario | None, list[Problem]]:
    if len(text) > MAX_BYTES or (len(text) > MAX_BYTES // 4 and len(text.encode("utf-8")) > MAX_BYTES):
        return None, [_too_big(filename, len(text.encode("utf-8")))]
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        return None, [Problem(filename, line, 1, "", _BINARY)]
    parsed = read_yaml(text)
    where = _Locator(parsed.pos, text, filename)
    problems = [where.finish(p) for p in parsed.problems]
    if parsed.fatal:
        return None, problems
    data = parsed.data
    if parsed.empty or data is None:
        return None, problems + [where.at((), Say(N_("the file is empty: a scenario starts with 'simex: 1' "
                                                     "and has an 'exercise:' section")))]
    if not isinstance(data, dict):
        shape = N_("the file must be a mapping of sections (simex:, exercise:, agencies:, ...), not a list") \
            if isinstance(data, list) else \
            N_("the file must be a mapping of sections (simex:, exercise:, agencies:, ...), not a value")
        return None, problems + [where.at((), Say(shape))]
    version = data.get("simex")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        # A newer format may mean anything: say only what the author can do.
        return None, [where.at(("simex",), Say(N_("this file is simex format {version}; this version of simex "
                                                  "reads format {known}: upgrade simex"),
                                               version=version, known=FORMAT_VERSION))]
    problems += _version(version, where)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        errors = [e for e in exc.errors(include_url=False) if tuple(e["loc"][:1]) != ("simex",)]
        # A value the reader already complained about (a bad date, an unsupported
        # tag) reaches the model as raw text: say it once.
        seen = {(p.line, p.col) for p in problems}
        for e in explain(errors, data):
            problem = where.at(e.path, e.message, at_key=e.at_key)
            if (problem.line, problem.col) not in seen:
                problems.append(problem)
        located = {(p.line, p.col) for p in problems}
        # Still run the whole-file checks on a repaired copy, so every problem
        # is reported in one run (not: fix the keys, then learn about the ids).
        repaired, dropped = salvage(data, errors)
        if repaired is not None:
            for p in check_scenario(repaired):
                if not dropped.isdisjoint(_quoted(p.message)):   # before finish() shortens long names
                    continue
                p = where.finish(p)
                if (p.line, p.col) in located:
                    continue
                if p.is_error or p.severity == "warning":
                    problems.append(p)
        return None, problems
    problems += [where.finish(p) for p in check_scenario(scenario)]
    if base is not None and any(inject.attachments for inject in scenario.injects):
        # Files handed out with injects: only a scenario read from a file has
        # a folder they can be beside. Their module (a frozen dataclass) loads
        # only for a scenario that has some.
        from simex.scenario.attachments import read_all

        files, missing = read_all(scenario, base)
        problems += [where.at(path, message) for path, message in missing]   # message: a Say
        scenario._attachment_files = files
    return (None if any(p.is_error for p in problems) else scenario), problems


def _quoted(message: str) -> list[str]:
    """Every text between two neighbouring quotes: the names a message cites
    ('customs'), found without testing each dropped name against each message."""
    parts = message.split("'")
    return parts[1:-1]


def _version(version: object, where: "_Locator") -> list[Problem]:
    if version is None:
        return [Problem(where.file, 1, 1, "simex", Say(N_("missing format version: add 'simex: 1' at the top")),
                        source=where.line(1))]
    if not isinstance(version, int) or isinstance(version, bool):
        return [where.at(("simex",), Say(N_("the format version is a whole number: write 'simex: {known}'"),
                                         known=FORMAT_VERSION))]
    if version < 1:
        return [where.at(("simex",), Say(N_("there is no format version {version}; "
                                            "this version of simex reads format {known}"),
                                         version=version, known=FORMAT_VERSION))]
    return []


class _Locator:
    """Turns a path in the data into the line and column it came from."""

    def __init__(self, pos: tuple | None, text: str, file: str):
        self.pos, self.text, self.file = pos, text, file
        self._lines: list[str] | None = None

    def line(self, number: int) -> str:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines[number - 1] if 0 < number <= len(self._lines) else ""

    def locate(self, path: tuple, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the deepest part of `path` in the file.

        A mapping or list reached through a key is shown at its key (the line
        that says `trigger:`), since its own start is the line below; unknown
        keys (`at_key`) are shown at the key too.
        """
        if self.pos is None:
            return 1, 1
        entry, key = self.pos, None
        for seg in path:
            children = entry[2]
            if isinstance(children, dict) and seg in children:
                line, col, entry = children[seg]
                key = (line, col)
            elif isinstance(children, list) and isinstance(seg, int) and 0 <= seg < len(children):
                entry, key = children[seg], None
            else:
                break
        if key is not None and (at_key or entry[2] is not None):
            return key[0] + 1, key[1] + 1
        return entry[0] + 1, entry[1] + 1

    def at(self, path: tuple, message: Say | str, at_key: bool = False, severity: str = "error") -> Problem:
        line, col = self.locate(path, at_key)
        problem = Problem(self.file, line, col, format_path(path), message, severity, self.line(line))
        return replace(problem, message=shorten_quoted(problem.message))

    def finish(self, problem: Problem) -> Problem:
        """File, source line and (if not yet known) position for a problem from the reader or the checks."""
        line, col = (problem.line, problem.col) if problem.line else self.locate(parse_path(problem.path))
        return replace(problem, file=self.file, line=line, col=col, source=self.line(line),
                       message=shorten_quoted(problem.message))
