"""Problems found in a scenario file, and how they are shown.

Checking and presenting are kept apart (as check-jsonschema does): the loader
and the checks produce `Problem`s; the command line, the TUI or an editor
integration choose how to show them. The text format reads like a linter's,
`file:line:col: path: message`, and shows the offending line with a caret
under the column, as strictyaml does, so an author finds the spot without
counting lines.
"""
from __future__ import annotations

import difflib
import itertools
import json
import re
from dataclasses import dataclass, field
from typing import Iterable, Literal

Severity = Literal["error", "warning"]
Path = tuple[str | int, ...]

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_SEGMENT = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_\-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


@dataclass(frozen=True)
class Problem:
    """One thing wrong (error) or worth a look (warning) in a scenario file.

    `line` and `col` are 1-based; 0 means "not located yet" (the checks work
    on the validated model and leave locating to the loader). `path` is the
    dotted path in the file, e.g. `injects[3].to`. `source` is the offending
    line of the file, kept so the text report can show it with a caret.
    """

    file: str
    line: int
    col: int
    path: str
    message: str
    severity: Severity = "error"
    source: str = field(default="", compare=False, repr=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        return format_problem(self, show_source=False)

    def to_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "col": self.col, "path": self.path,
                "severity": self.severity, "message": self.message}


_LONG_QUOTE = re.compile(r"""'([^'\n]{61,}?)'(?=[\s;:,.)?]|$)|"([^"\n]{61,}?)"(?=[\s;:,.)?]|$)""")


MAX_MESSAGE = 500


def shorten_quoted(message: str) -> str:
    """Messages quote the author's values ('customs'); a value of thousands of
    characters is shown by its first 57, so the problem stays one readable
    line. Whatever is still too long (a list of long choices) is cut."""
    def cut(m: re.Match) -> str:
        quote = "'" if m[1] is not None else '"'
        text = m[1] if m[1] is not None else m[2]
        return f"{quote}{text[:57]}...{quote}"
    if len(message) > 200:
        message = _LONG_QUOTE.sub(cut, message)
    return message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE - 3] + "..."


def format_path(path: Iterable[str | int]) -> str:
    """('injects', 3, 'to') -> 'injects[3].to'. Keys that are not plain words
    (a `where:` key with a dot, a space) are quoted: `where["a.b"]`."""
    out = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _PLAIN_KEY.match(str(part)):
            out.append(f".{part}" if out else str(part))
        else:
            out.append(f"[{json.dumps(str(part), ensure_ascii=False)}]")
    return "".join(out)


def parse_path(text: str) -> Path:
    """The inverse of `format_path`: 'injects[3].to' -> ('injects', 3, 'to')."""
    parts: list[str | int] = []
    for m in _SEGMENT.finditer(text):
        if m[1] is not None:
            parts.append(m[1])
        elif m[2] is not None:
            parts.append(int(m[2]))
        else:
            parts.append(json.loads(m[3]))
    return tuple(parts)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Errors first, then warnings; each in file order."""
    return sorted(problems, key=lambda p: (not p.is_error, p.file, p.line, p.col, p.path))


def format_problem(problem: Problem, *, show_source: bool = True) -> str:
    where = f"{problem.file}:{problem.line}:{problem.col}: "
    path = f"{problem.path}: " if problem.path else ""
    kind = "" if problem.is_error else "warning: "
    text = f"{where}{path}{kind}{problem.message}"
    if show_source and problem.is_error and problem.source:
        text += "\n" + _caret(problem.source, problem.col)
    return text


def _caret(source: str, col: int, width: int = 100) -> str:
    line, col = source.rstrip("\r\n"), max(col - 1, 0)
    if len(line) > width:  # show a window around the column of a very long line
        start = max(0, min(col - width // 2, len(line) - width))
        line = ("..." if start else "") + line[start:start + width] + ("..." if start + width < len(line) else "")
        col = col - start + (3 if start else 0)
    # Keep tabs as tabs so the caret lands under the right character.
    pad = "".join("\t" if ch == "\t" else " " for ch in line[:col])
    return f"    {line}\n    {pad}^"


def format_text(problems: Iterable[Problem], *, show_source: bool = True) -> str:
    """All problems, errors first, one per line (plus the source line and a caret for errors)."""
    return "\n".join(format_problem(p, show_source=show_source) for p in sort_problems(problems))


def format_json(problems: Iterable[Problem]) -> str:
    """A JSON list of {file, line, col, path, severity, message}, errors first."""
    return json.dumps([p.to_dict() for p in sort_problems(problems)], indent=2, ensure_ascii=False)


def summary(file: str, problems: Iterable[Problem]) -> str:
    """'scenarios/x.yaml: ok (2 warnings)' or 'scenarios/x.yaml: 3 errors, 1 warning'."""
    problems = list(problems)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors

    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not errors:
        return f"{file}: ok" + (f" ({count(warnings, 'warning')})" if warnings else "")
    return f"{file}: {count(errors, 'error')}" + (f", {count(warnings, 'warning')}" if warnings else "")


def did_you_mean(word: object, options: Iterable[str]) -> str:
    """'; did you mean 'trigger'?' for a near miss among `options`, else ''."""
    close = near_miss(word, options)
    return f"; did you mean '{close}'?" if close else ""


def near_miss(word: object, options: Iterable[str]) -> str:
    """The option `word` was probably meant to be, or ''."""
    if not isinstance(word, str):
        return ""
    options = [o for o in options if isinstance(o, str)]
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        # Case slips ("Customs" for "customs") score low with difflib.
        close = [o for o in options if o.lower() == word.lower()][:1]
    return close[0] if close else ""


def one_of(options: Iterable[str], limit: int = 12) -> str:
    """'a, b, c' (or 'a, b, ... and 9 more' for long lists)."""
    if not isinstance(options, (list, tuple, dict, set, frozenset)):
        options = list(options)
    # Only the first few are shown: no copy of a list of thousands per message.
    shown = ", ".join(str(o) for o in itertools.islice(options, limit))
    return shown + (f" ... and {len(options) - limit} more" if len(options) > limit else "")
