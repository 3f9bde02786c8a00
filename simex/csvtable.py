"""CSV files as spreadsheets save them, read and written in one place.

Every CSV simex reads (improvement plans, participants' answers, the MSEL)
has been through a spreadsheet: Excel on a French or German Windows saves
cp1252 with semicolons, Excel on a Mac UTF-8 with a byte-order mark,
"Unicode text" UTF-16 with tabs. So the encoding is detected (BOMs, then
UTF-8, then cp1252, which decodes every byte a Western European Excel
writes), the delimiter is taken from the header line (comma, semicolon or
tab), and anything unreadable is one `CsvError` naming the file and row,
never a traceback. Rows keep the number a spreadsheet shows (the header is
row 1), so callers can say "row 7, column due". simex writes UTF-8 with a
BOM, without which Excel shows "Ã©" for "é".
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from simex.languages import translator

DELIMITERS = (",", ";", "\t")
MAX_BYTES = 20 * 1024 * 1024   # a workshop's sheet is a few hundred KB
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


class CsvError(ValueError):
    """A CSV file that cannot be read; the message names the file and, where
    it can, the row."""


@dataclass(frozen=True)
class Row:
    row: int                 # as the spreadsheet numbers it: the header is row 1
    cells: dict[str, str]    # header (lower case, stripped) -> cell (stripped)

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    def get(self, column: str, default: str = "") -> str:
        return self.cells.get(column, default)


@dataclass(frozen=True)
class Table:
    path: str
    header: list[str]
    rows: list[Row]
    encoding: str
    delimiter: str


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the encoding it was in."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding), encoding
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined; Latin-1 reads them, so no file fails here.
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1"


def sniff(text: str) -> str:
    """The delimiter the header line uses most (comma on a tie or none)."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])   # max keeps the first (comma) on ties
    return best if counts[best] else ","


def read_csv(path: str | Path) -> Table:
    """The file's header (lower case, stripped) and its non-empty rows."""
    t = translator("en")
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise CsvError(t.gettext("{file}: no such file").format(file=name)) from None
    except OSError as exc:
        raise CsvError(t.gettext("{file}: cannot read the file: {reason}").format(
            file=name, reason=exc.strerror or exc)) from None
    if len(raw) > MAX_BYTES:
        raise CsvError(t.gettext("{file}: the file is {mb:.1f} MB; is this the right file?").format(
            file=name, mb=len(raw) / 1048576))
    text, encoding = decode(raw)
    if "\0" in text:
        raise CsvError(t.gettext("{file}: this is not a CSV file (it contains binary data); in the "
                                 "spreadsheet, save as CSV").format(file=name))
    if not text.strip():
        raise CsvError(t.gettext("{file}: the file is empty: the first row names the columns").format(file=name))
    delimiter = sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[Row] = []
    header: list[str] = []
    record = 0   # a spreadsheet row is a CSV record, even when a cell holds line breaks
    try:
        for cells in reader:
            record += 1
            if record == 1:
                header = [c.strip().lower() for c in cells]
                continue
            if not any(c.strip() for c in cells):
                continue   # skipped, but counted: the spreadsheet numbers it
            values = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h}
            rows.append(Row(record, values))
    except csv.Error as exc:
        raise CsvError(t.gettext("{file}: row {row}: {reason}").format(
            file=name, row=record + 1, reason=exc)) from None
    return Table(name, header, rows, encoding, delimiter)


def write_csv(path: str | Path, header: list[str], rows: list[list[str]]) -> None:
    """UTF-8 with a BOM and CRLF line ends, as Excel writes and reads."""
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)
