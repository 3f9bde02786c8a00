"""The MSEL as a spreadsheet file: XLSX (openpyxl) or CSV (simex.csvtable).

Problems are located as a facilitator finds them in the spreadsheet: the
file, the sheet, the row as the spreadsheet numbers it (the header is row 1)
and the column's name.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path

from simex.csvtable import CsvError, Row, read_csv, write_csv
from simex.languages import translator

SHEET = "MSEL"
_WIDE = 60          # characters: player text, notes
_NARROW = 14


@dataclass(frozen=True)
class SheetProblem:
    file: str
    sheet: str          # "" for a CSV
    row: int            # 0: the whole file
    column: str         # "" when not one column
    message: str

    def __str__(self) -> str:
        t = translator("en")
        where = [self.file + (t.gettext(", sheet {sheet}").format(sheet=self.sheet) if self.sheet else "")]
        if self.row:
            where.append(t.gettext("row {row}").format(row=self.row))
        if self.column:
            where.append(t.gettext("column {column}").format(column=self.column))
        return f"{where[0]}: " + ", ".join(where[1:]) + (": " if len(where) > 1 else "") + self.message


class SheetError(Exception):
    def __init__(self, problems: list[SheetProblem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Sheet:
    file: str
    name: str           # the worksheet's name; "" for a CSV
    header: list[str]
    rows: list[Row]
    encoding: str = ""  # a CSV's, as detected (simex.csvtable); "" for a workbook

    def problem(self, row: int, column: str, message: str) -> SheetProblem:
        return SheetProblem(self.file, self.name, row, column, message)


def is_xlsx(path: str | Path) -> bool:
    return Path(path).suffix.lower() in (".xlsx", ".xlsm")


def _cell(value) -> str:
    """A cell as text: a spreadsheet may have turned '45' into 45 or '1:30' into a time."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.time):
        return f"{value.hour}h{value.minute:02d}m" if value.hour else f"{value.minute}m"
    if isinstance(value, dt.timedelta):
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60}h{minutes % 60:02d}m" if minutes >= 60 else f"{minutes}m"
    return str(value).replace("\r\n", "\n").strip()


def read(path: str | Path) -> Sheet:
    t = translator("en")
    name = str(path)
    if not is_xlsx(path):
        try:
            table = read_csv(path)
        except CsvError as exc:
            raise SheetError([SheetProblem(name, "", 0, "", str(exc).removeprefix(f"{name}: "))]) from None
        return Sheet(name, "", table.header, table.rows, table.encoding)
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise SheetError([SheetProblem(name, "", 0, "", t.gettext("no such file"))]) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise SheetError([SheetProblem(name, "", 0, "", t.gettext(
            "not an Excel workbook ({reason}); save it as .xlsx").format(reason=exc))]) from None
    try:
        ws = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        lines = list(ws.iter_rows(values_only=True))
    finally:
        book.close()
    if not lines:
        raise SheetError([SheetProblem(name, ws.title, 0, "", t.gettext(
            "the sheet is empty: the first row names the columns"))])
    header = [_cell(c).lower() for c in lines[0]]
    rows = []
    for n, values in enumerate(lines[1:], start=2):
        cells = {h: _cell(values[i]) if i < len(values) else "" for i, h in enumerate(header) if h}
        if any(cells.values()):
            rows.append(Row(n, cells))
    return Sheet(name, ws.title, header, rows)


def write(path: str | Path, header: list[str], rows: list[list[str]], wide: set[str]) -> None:
    """Write the sheet; `wide` names the columns of long text (wider, wrapped)."""
    if not is_xlsx(path):
        write_csv(path, header, rows)
        return
    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    t = translator("en")
    bad = [SheetProblem(str(path), SHEET, n, name, t.gettext(
        "holds a control character (U+{code:04X}) that an Excel workbook cannot store; remove it from the "
        "scenario, or export to CSV").format(code=ord(found.group()[0])))
        for n, row in enumerate(rows, start=2) for name, cell in zip(header, row)
        for found in [ILLEGAL_CHARACTERS_RE.search(cell)] if found]
    if bad:
        raise SheetError(bad)
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = SHEET
    ws.append(header)
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "B2"         # the header row and the inject number stay in view
    top = Alignment(vertical="top")
    wrap = Alignment(vertical="top", wrap_text=True)
    for i, name in enumerate(header, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = _WIDE if name in wide else max(_NARROW, len(name) + 2)
        for cell in ws[letter][1:]:
            cell.alignment = wrap if name in wide else top
    book.save(path)
