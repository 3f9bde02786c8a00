"""The improvement plan as a CSV the facilitator edits.

`simex report JOURNAL --export-plan plan.csv` writes simex's suggestions; the
facilitator edits the rows in a spreadsheet (rewrite the corrective action,
name the responsible organisation and point of contact, set dates, delete
rows, add rows); `simex report JOURNAL --plan plan.csv` puts the edited plan in
the report instead of the suggestions. Columns are the HSEEP Appendix A ones.
Dates are ISO dates (YYYY-MM-DD, what a spreadsheet keeps unambiguous across
countries) and a completion date never comes before its start; a bad one is
refused with the file, the spreadsheet row and the column. The file is read
and written through simex.csvtable (any spreadsheet's encoding and delimiter).
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from simex.csvtable import CsvError, read_csv, write_csv
from simex.scoring.improvement import PlanItem

COLUMNS = ("id", "objective", "capability", "issue", "corrective_action", "capability_element",
           "responsible", "point_of_contact", "start", "due", "benchmark", "sources")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class PlanError(ValueError):
    pass


def export_csv(plan: tuple[PlanItem, ...], path: str | Path) -> None:
    write_csv(path, list(COLUMNS), [[p.id, p.objective, p.capability, p.issue, p.corrective_action,
                                     p.capability_element, p.responsible, p.point_of_contact, p.start, p.due,
                                     p.benchmark, " ".join(p.sources)] for p in plan])


def _date(text: str, where: str) -> date | None:
    if not text:
        return None
    try:
        if _ISO_DATE.fullmatch(text):   # fromisoformat alone also takes 20260401 and week dates
            return date.fromisoformat(text)
    except ValueError:                  # 2026-02-30
        pass
    raise PlanError(f"{where}: {text!r} is not a date (YYYY-MM-DD)") from None


def _check_dates(start: str, due: str, path, row: int) -> None:
    began = _date(start, f"{path}: row {row}, column start")
    ends = _date(due, f"{path}: row {row}, column due")
    if began and ends and ends < began:
        raise PlanError(f"{path}: row {row}, column due: the completion date {due} is before "
                        f"the start date {start}")


def load_csv(path: str | Path) -> tuple[PlanItem, ...]:
    try:
        table = read_csv(path)
    except CsvError as exc:
        raise PlanError(str(exc)) from None
    if not {"issue", "corrective_action"} <= set(table.header):
        raise PlanError(f"{path}: an improvement plan needs at least the columns issue and corrective_action")
    out = []
    for n, row in enumerate(table.rows, start=1):
        _check_dates(row["start"], row["due"], path, row.row)
        out.append(PlanItem(row["id"] or f"IP-{n:02d}", row["objective"], row["capability"], row["issue"],
                            row["corrective_action"], row["capability_element"], row["responsible"],
                            row["point_of_contact"], row["start"], row["due"], row["benchmark"],
                            tuple(row["sources"].split())))
    return tuple(out)
