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
import re
from dataclasses import dataclass, field
from typing import Iterable, Literal

from simex.words import NN_, N_, Say

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

    `message` is English (JSON output, tests). A message built from simex's
    words is given as a `Say` (simex.words): `message` is then its
    English, and `words` keeps the template and parameters so `text(t)` can
    say it in the reader's language when it is shown.
    """

    file: str
    line: int
    col: int
    path: str
    message: str
    severity: Severity = "error"
    source: str = field(default="", compare=False, repr=False)
    words: Say | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if isinstance(self.message, Say):
            object.__setattr__(self, "words", self.message)
            object.__setattr__(self, "message", str(self.message))

    @property
    def template(self) -> str:
        """The catalog msgid of the message ('' for a message not in simex's words)."""
        return self.words.template if self.words is not None else ""

    @property
    def params(self) -> dict:
        return self.words.params if self.words is not None else {}

    def text(self, t=None) -> str:
        """The message in the language of translator `t` (English without one)."""
        if t is None or self.words is None:
            return self.message
        return shorten_quoted(self.words(t))

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
            import json   # only for the rare quoted key: json is 0.5 % of a fresh `simex validate`

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
            import json

            parts.append(json.loads(m[3]))
    return tuple(parts)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Errors first, then warnings; each in file order."""
    return sorted(problems, key=lambda p: (not p.is_error, p.file, p.line, p.col, p.path))


def format_problem(problem: Problem, *, show_source: bool = True, t=None) -> str:
    """`file:line:col: path: message`, the message in the language of
    translator `t` (English without one); the location and the caret stay."""
    where = f"{problem.file}:{problem.line}:{problem.col}: "
    path = f"{problem.path}: " if problem.path else ""
    message = problem.text(t)
    if not problem.is_error:
        # Translators: a warning in `simex validate`'s list of problems (the location comes before it)
        message = Say(N_("warning: {message}"), message=message)(t)
    text = f"{where}{path}{message}"
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


def format_text(problems: Iterable[Problem], *, show_source: bool = True, t=None) -> str:
    """All problems, errors first, one per line (plus the source line and a caret for errors)."""
    return "\n".join(format_problem(p, show_source=show_source, t=t) for p in sort_problems(problems))


def format_json(problems: Iterable[Problem]) -> str:
    """A JSON list of {file, line, col, path, severity, message}, errors first."""
    import json

    return json.dumps([p.to_dict() for p in sort_problems(problems)], indent=2, ensure_ascii=False)


def summary(file: str, problems: Iterable[Problem], t=None) -> str:
    """'scenarios/x.yaml: ok (2 warnings)' or 'scenarios/x.yaml: 3 errors, 1 warning',
    in the language of translator `t` (English without one)."""
    problems = list(problems)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    counted = {"file": file,
               "errors": Say(NN_("{n} error", "{n} errors"), n=errors),
               "warnings": Say(NN_("{n} warning", "{n} warnings"), n=warnings)}
    if not errors:
        # Translators: `simex validate`'s line for a file without errors; {warnings} is e.g. "2 warnings"
        template = N_("{file}: ok ({warnings})") if warnings else N_("{file}: ok")
    else:
        template = N_("{file}: {errors}, {warnings}") if warnings else N_("{file}: {errors}")
    return Say(template, **counted)(t)


def did_you_mean(word: object, options: Iterable[str]) -> str:
    """'; did you mean 'trigger'?' for a near miss among `options`, else '' (English; see `suggest`)."""
    return str(suggest(word, options))


def suggest(word: object, options: Iterable[str]) -> Say | str:
    """`did_you_mean` in simex's words, for a message said in the reader's language."""
    close = near_miss(word, options)
    # Translators: appended to a problem with a near miss among the known names, e.g. "unknown agency 'custom'"
    return Say(N_("; did you mean '{word}'?"), word=close) if close else ""


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
    """'a, b, c' (or 'a, b, ... and 9 more' for long lists), in English (see `some_of`)."""
    return str(some_of(options, limit))


def some_of(options: Iterable[str], limit: int = 12) -> Say | str:
    """`one_of` in simex's words, for a message said in the reader's language."""
    if not isinstance(options, (list, tuple, dict, set, frozenset)):
        options = list(options)
    # Only the first few are shown: no copy of a list of thousands per message.
    shown = ", ".join(str(o) for o in itertools.islice(options, limit))
    if len(options) <= limit:
        return shown
    return Say(NN_("{shown} ... and {n} more", "{shown} ... and {n} more"), shown=shown, n=len(options) - limit)
