"""The results table on disk: a CSV appended to as chunks finish.

Rows land in the file the moment their chunk is done (one write and a flush
per chunk), so Ctrl-C, a killed process or a lost worker never loses a
finished replication. Beside the CSV, `<name>.meta.json` records the sweep
(scenario text included), so `--resume` needs only the CSV's name: it reads
the rows already there and runs the missing (grid point, replication) pairs.
A truncated last line (the process died mid-write) is ignored and re-run.

When the sweep completes, the file is rewritten sorted by (grid point,
replication): the same sweep gives byte-identical files whatever the number
of workers, the runner or the interruptions.
"""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from simex.batch.overrides import Override
from simex.batch.plan import Sweep


class ResultsError(Exception):
    """A results file that cannot be used (not ours, another sweep's, unreadable)."""


def meta_path(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.json")


def summary_path(path: Path) -> Path:
    return path.with_name(path.stem + ".summary.csv")


def save_meta(path: Path, sweep: Sweep, columns: list[str]) -> None:
    meta = {"simex_sweep": 1, **sweep.to_dict(), "columns": columns, "scenario_text": sweep.scenario_text}
    _atomic_write(meta_path(path), json.dumps(meta, indent=1, ensure_ascii=False) + "\n")


def load_meta(path: Path) -> tuple[Sweep, list[str]]:
    """The sweep a results file was made by (for --resume)."""
    try:
        meta = json.loads(meta_path(path).read_text(encoding="utf-8"))
        sweep = Sweep(scenario_text=meta["scenario_text"], replications=int(meta["replications"]),
                      seed=int(meta["seed"]), bots=meta["bots"],
                      sets=tuple(Override(*s.split("=", 1)) for s in meta["sets"]),
                      grid=tuple((p, tuple(v)) for p, v in meta["grid"]),
                      scenario_name=meta.get("scenario_name", "<scenario>"))
        return sweep, list(meta["columns"])
    except FileNotFoundError:
        raise ResultsError(f"{path}: no {meta_path(path).name} beside it, so it cannot be resumed "
                           "(was it written by simex sweep?)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ResultsError(f"{meta_path(path)}: unreadable ({exc})") from None


def read_rows(path: Path, columns: list[str]) -> list[list[str]]:
    """Complete rows already in the file; a truncated last line is dropped."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header is None:
                return []
            if header != columns:
                raise ResultsError(f"{path}: its columns are not the ones this sweep writes; "
                                   "start a new results file")
            return [row for row in reader if len(row) == len(columns)]
    except FileNotFoundError:
        return []
    except (OSError, csv.Error, UnicodeDecodeError) as exc:
        raise ResultsError(f"{path}: unreadable ({exc})") from None


def done_pairs(rows: list[list[str]]) -> set[tuple[int, int]]:
    return {(int(r[0]), int(r[1])) for r in rows}


class Writer:
    """Appends rows to the CSV as chunks arrive."""

    def __init__(self, path: Path, columns: list[str], fresh: bool):
        self.path = path
        self.columns = columns
        if fresh:
            _atomic_write(path, _lines([columns]))
        else:
            _drop_partial_line(path)
        self._file = open(path, "a", newline="", encoding="utf-8")

    def append(self, rows: list[list[str]]) -> None:
        self._file.write(_lines(rows))   # one write per chunk: a crash cuts at most one line
        self._file.flush()

    def close(self) -> None:
        self._file.close()

    def finalize(self) -> list[list[str]]:
        """Rewrite the file sorted by (grid point, replication), one row each; the rows."""
        self.close()
        rows = read_rows(self.path, self.columns)
        unique: dict[tuple[int, int], list[str]] = {}
        for row in rows:
            unique.setdefault((int(row[0]), int(row[1])), row)
        ordered = [unique[k] for k in sorted(unique)]
        _atomic_write(self.path, _lines([self.columns, *ordered]))
        return ordered


def _lines(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _drop_partial_line(path: Path) -> None:
    """A process killed mid-write leaves a line without its newline: cut it off."""
    with open(path, "rb+") as f:
        data = f.read()
        if data and not data.endswith(b"\n"):
            f.truncate(data.rfind(b"\n") + 1)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)


def write_parquet(csv_file: Path, parquet_file: Path) -> bool:
    """Also write Parquet when pyarrow is installed (it is not a dependency)."""
    try:
        from pyarrow import csv as pacsv, parquet as pq
    except ImportError:
        return False
    pq.write_table(pacsv.read_csv(csv_file), parquet_file)
    return True
