"""Seeded random mutants of the bundled scenarios, for the fuzz suite.

Each mutant is a bundled scenario with one to three mutations of the kind a
hurried author, a bad merge or a damaged disk produces: a key deleted, a value
of the wrong type, an extreme number (1e308, -1, 0, NaN, inf), a very long
string, a reference to an id that does not exist, a duplicated id, a list
where a mapping belongs, a truncated file, flipped bytes. Some mutations set
a number to the edge of its allowed range, so that many mutants still
validate and the engine has to run them.

`mutant(seed, index)` is a pure function of its arguments: a failure names
the seed and index that reproduce it.
"""
from __future__ import annotations

import copy
import random
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from simex.scenario.quantities import limits_of
from simex.scenario.schema import _models

SCENARIOS = sorted((Path(__file__).resolve().parent.parent / "scenarios").glob("*.yaml"))
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

EXTREMES = [1e308, -1e308, -1, 0, 0.0, float("nan"), float("inf"), float("-inf"), 1e-308, 5e-324,
            2**63, 2**64, -(2**63) - 1, 10**400, 1.5, True, None]
WEIRD_STRINGS = ["", " ", "-", "0", "1e308", "-1", "nan", ".inf", "null", "~", "yes", "no", "99999999999d",
                 "1e308s", "1.5.5", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-12:00", "../../etc/passwd",
                 "Europe/../../x", "\u202e\u0000x", "é" * 3, "x" * 81, "a.b >= 1e999", "x.y == -0",
                 "rpm.alarms >= " + "9" * 400, "{", "[", "'", '"', "&a", "*a", "!!python/object x", "%", "@", "`"]


@dataclass
class Mutant:
    name: str                      # which scenario, seed and index
    steps: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)   # the mutations applied, by name
    bots: str = "doctrine"         # how the simulated agencies play it if it validates
    text: str | None = None
    raw: bytes | None = None       # for byte-level mutants: what is on disk

    def describe(self) -> str:
        return f"{self.name}: " + "; ".join(self.steps)


@cache
def _source(path: Path) -> tuple[str, object]:
    text = path.read_text(encoding="utf-8")
    return text, yaml.load(text, Loader=_Loader)


@cache
def _boundaries() -> dict[str, list]:
    """Every numeric key of the format with the edges of its range (and just beyond)."""
    out: dict[str, list] = {}
    for model in _models().values():
        for name, info in model.model_fields.items():
            limits = limits_of(info.annotation, info.metadata)
            if limits is not None:
                low = limits.low + 1e-300 if limits.above else limits.low
                out.setdefault(info.alias or name, []).extend([low, low, limits.high, limits.high])
    out.setdefault("duration", []).extend(["366d", "0s", "1s"])
    for key in ("at", "within", "deadline", "warn_before", "delay", "preroll", "report_every", "found",
                "median", "low", "mode", "high", "value", "mean", "survey_time", "typical"):
        out.setdefault(key, []).extend(["0s", "366d", "365d23h59m", "1m", "1d", 0, 31622400, "7d"])
    out["startex"] = ["1900-01-01T00:00:00-12:00", "2200-12-31T23:59:59+14:00", "2026-03-29T01:30:00+01:00"]
    out["timezone"] = ["Pacific/Kiritimati", "Etc/GMT+12", "America/St_Johns", "Asia/Kathmandu", "UTC"]
    out["hours"] = ["00:00-24:00", "23:59-24:00", "00:00-00:01"]
    out["days"] = [["sun"], [], ["sat", "sun"]]
    out["availability"] = ["office_hours", {"hours": "23:59-24:00", "days": ["sun"]}]
    return out


def _beyond(value):
    """Just outside a range's edge (or a duration just past a year)."""
    if isinstance(value, (str, list, dict)):
        return "367d"
    return value * 1.0000001 if value > 0 else value - 1e-9


def _nodes(data, path=()):
    """(container, key, path) of every value in the data."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield data, key, path + (key,)
            yield from _nodes(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield data, i, path + (i,)
            yield from _nodes(value, path + (i,))


def _ids(data) -> list[str]:
    return [v for c, k, _ in _nodes(data) if k == "id" and isinstance(v := c[k], str)]


def _show(path) -> str:
    return ".".join(str(p) for p in path) or "<root>"


# --- mutations on the data -----------------------------------------------------------


def delete_key(rng, data):
    nodes = [(c, k, p) for c, k, p in _nodes(data) if isinstance(c, dict)]
    c, k, p = rng.choice(nodes)
    del c[k]
    return f"delete {_show(p)}"


def change_type(rng, data):
    c, k, p = rng.choice(list(_nodes(data)))
    old = c[k]
    choices = ["text", 42, 3.5, True, None, [], {}, ["a", 1], {"x": 1}]
    new = rng.choice([v for v in choices if type(v) is not type(old)])
    c[k] = copy.deepcopy(new)
    return f"{_show(p)} = {new!r} (was a {type(old).__name__})"


def extreme_number(rng, data):
    nodes = [(c, k, p) for c, k, p in _nodes(data)
             if isinstance(c[k], (int, float, str)) and not isinstance(c[k], bool)]
    numeric = [n for n in nodes if isinstance(n[0][n[1]], (int, float))]
    c, k, p = rng.choice(numeric if numeric and rng.random() < 0.7 else nodes)
    c[k] = rng.choice(EXTREMES)
    return f"{_show(p)} = {c[k]!r:.40}"


def boundary_number(rng, data):
    """A number at the edge of its range: many of these still validate, and must run."""
    edges = _boundaries()
    nodes = [(c, k, p) for c, k, p in _nodes(data) if isinstance(k, str) and k in edges]
    if not nodes:
        return extreme_number(rng, data)
    if rng.random() < 0.2:   # no bundled scenario has a pre-roll; the engine runs it unbounded by the horizon
        data["exercise"]["preroll"] = rng.choice(["7d", "1d", "1h", "0s"])
    for c, k, p in rng.sample(nodes, min(len(nodes), rng.randint(1, 4))):
        c[k] = copy.deepcopy(rng.choice(edges[k]))
        if rng.random() < 0.1:
            c[k] = _beyond(c[k])
    return f"edge values at {_show(p)} and others"


def long_string(rng, data):
    nodes = [(c, k, p) for c, k, p in _nodes(data) if isinstance(c[k], str)]
    c, k, p = rng.choice(nodes)
    size = rng.choice([100, 5000, 100_000])
    c[k] = (c[k] or "x") * (size // max(1, len(c[k] or "x")) + 1) if rng.random() < 0.5 else \
        "".join(chr(rng.randint(32, 0x2FFF)) for _ in range(min(size, 5000)))
    return f"{_show(p)} = a string of {len(c[k])} characters"


def weird_string(rng, data):
    nodes = [(c, k, p) for c, k, p in _nodes(data) if not isinstance(c[k], (dict, list))]
    c, k, p = rng.choice(nodes)
    c[k] = rng.choice(WEIRD_STRINGS)
    return f"{_show(p)} = {c[k]!r:.40}"


def unknown_reference(rng, data):
    ids = set(_ids(data))
    refs = [(c, k, p) for c, k, p in _nodes(data) if k != "id" and isinstance(c[k], str) and c[k] in ids]
    if not refs:
        return weird_string(rng, data)
    c, k, p = rng.choice(refs)
    c[k] = rng.choice([c[k] + "x", "nobody", c[k].upper(), rng.choice(sorted(ids))])
    return f"{_show(p)} = {c[k]!r} (a reference)"


def duplicate_item(rng, data):
    lists = [(c, k, p) for c, k, p in _nodes(data) if isinstance(c[k], list) and c[k]]
    c, k, p = rng.choice(lists)
    item = rng.choice(c[k])
    for _ in range(rng.choice([1, 1, 2, 50])):
        c[k].insert(rng.randint(0, len(c[k])), copy.deepcopy(item) if rng.random() < 0.8 else item)
    return f"duplicate an item of {_show(p)}"


def clone_item(rng, data):
    """One more of something (a portal, an inject, a team) under a new id: still valid, more to run."""
    lists = [(c, k, p) for c, k, p in _nodes(data)
             if isinstance(c[k], list) and c[k] and all(isinstance(i, dict) and "id" in i for i in c[k])]
    c, k, p = rng.choice(lists)
    for n in range(rng.choice([1, 1, 3, 20])):
        item = copy.deepcopy(rng.choice(c[k]))
        item["id"] = f"{item['id']}-copy{n}"
        c[k].append(item)
    return f"more items in {_show(p)}"


def swap_shape(rng, data):
    nodes = [(c, k, p) for c, k, p in _nodes(data) if isinstance(c[k], (list, dict))]
    c, k, p = rng.choice(nodes)
    old = c[k]
    c[k] = {f"k{i}": v for i, v in enumerate(old)} if isinstance(old, list) else \
        rng.choice([list(old.values()), list(old), [old]])
    return f"{_show(p)}: {'list -> mapping' if isinstance(old, list) else 'mapping -> list'}"


def move_value(rng, data):
    """A value from one place put in another (an agency where a duration goes...)."""
    nodes = list(_nodes(data))
    (c, k, p), (c2, k2, _) = rng.choice(nodes), rng.choice(nodes)
    c[k] = copy.deepcopy(c2[k2])
    return f"{_show(p)} = the value of another key"


def empty_list(rng, data):
    lists = [(c, k, p) for c, k, p in _nodes(data) if isinstance(c[k], list)]
    c, k, p = rng.choice(lists)
    c[k] = []
    return f"{_show(p)} = []"


DATA_MUTATIONS = [delete_key, change_type, extreme_number, boundary_number, boundary_number, long_string,
                  weird_string, unknown_reference, duplicate_item, swap_shape, move_value, empty_list, clone_item]
VALID_MUTATIONS = [boundary_number, boundary_number, clone_item]   # mostly still valid


# --- mutations on the text -----------------------------------------------------------


def truncate(rng, text):
    cut = rng.randint(0, len(text))
    return text[:cut], f"truncated at character {cut} of {len(text)}"


def edit_lines(rng, text):
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    how = rng.choice(["delete", "duplicate", "indent", "dedent", "tab", "swap"])
    if how == "delete":
        del lines[i]
    elif how == "duplicate":
        lines.insert(i, lines[i])
    elif how == "indent":
        lines[i] = "  " + lines[i]
    elif how == "dedent":
        lines[i] = lines[i][2:]
    elif how == "tab":
        lines[i] = "\t" + lines[i]
    else:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines), f"{how} line {i + 1}"


def number_in_text(rng, text):
    spots = list(re.finditer(r"(?<=: )-?\d+(\.\d+)?\b", text))
    if not spots:
        return truncate(rng, text)
    m = rng.choice(spots)
    new = rng.choice(["1e308", "-1", "0", ".nan", ".inf", "-.inf", "1e-320", "9" * rng.choice([30, 400, 5000]),
                      "0x1F", "1_000", "+12", "0o17", "1e400", "12:30", "2e-300"])
    return text[:m.start()] + new + text[m.end():], f"number on line {text.count(chr(10), 0, m.start()) + 1} = {new:.20}"


def flip_bytes(rng, raw: bytes):
    data = bytearray(raw)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(data))
        data[i] ^= 1 << rng.randrange(8)
    return bytes(data), "flipped bits"


TEXT_MUTATIONS = [truncate, edit_lines, number_in_text, number_in_text]


def mutant(seed: int, index: int) -> Mutant:
    rng = random.Random(f"simex-fuzz/{seed}/{index}")
    path = rng.choice(SCENARIOS)
    text, data = _source(path)
    m = Mutant(f"{path.stem} (seed {seed}, mutant {index})", bots=rng.choice(["doctrine", "weak"]))
    roll = rng.random()
    if roll < 0.1:
        m.raw, step = flip_bytes(rng, text.encode("utf-8"))
        m.steps.append(step)
        m.kinds.append(flip_bytes.__name__)
    elif roll < 0.3:
        for _ in range(rng.randint(1, 2)):
            mutation = rng.choice(TEXT_MUTATIONS)
            text, step = mutation(rng, text)
            m.steps.append(step)
            m.kinds.append(mutation.__name__)
        m.text = text
    else:
        data = copy.deepcopy(data)
        # A third of these stay within the allowed ranges, so the engine runs them.
        mutations = VALID_MUTATIONS if roll < 0.55 else DATA_MUTATIONS
        for _ in range(rng.randint(1, 3)):
            mutation = rng.choice(mutations)
            m.steps.append(mutation(rng, data))
            m.kinds.append(mutation.__name__)
        m.text = _dump(data)
    return m


def _dump(data) -> str:
    try:
        return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    except (ValueError, yaml.YAMLError) as exc:   # an int too long to write: write the error instead
        return f"simex: 1\n# {exc}\n"
