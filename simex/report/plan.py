"""The improvement plan as a CSV the facilitator edits.

`simex report JOURNAL --export-plan plan.csv` writes simex's suggestions; the
facilitator edits the rows in a spreadsheet (rewrite the corrective action,
name the responsible organisation and point of contact, set dates, delete
rows, add rows); `simex report JOURNAL --plan plan.csv` puts the edited plan in
the report instead of the suggestions. Columns are the HSEEP Appendix A ones.
Dates are ISO dates (YYYY-MM-DD, what a spreadsheet keeps unambiguous across
countries) and a completion date never comes before its start; a bad one is
refused with the file, the spreadsheet row and the column.
"""
from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from simex.scoring.improvement import PlanItem

COLUMNS = ("id", "objective", "capability", "issue", "corrective_action", "capability_element",
           "responsible", "point_of_contact", "start", "due", "benchmark", "sources")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class PlanError(ValueError):
    pass


def export_csv(plan: tuple[PlanItem, ...], path: str | Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for p in plan:
            w.writerow([p.id, p.objective, p.capability, p.issue, p.corrective_action, p.capability_element,
                        p.responsible, p.point_of_contact, p.start, p.due, p.benchmark, " ".join(p.sources)])


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
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    if rows and not {"issue", "corrective_action"} <= set(rows[0]):
        raise PlanError(f"{path}: an improvement plan needs at least the columns issue and corrective_action")
    out = []
    for n, row in enumerate(rows, start=1):
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        get = lambda k: (row.get(k) or "").strip()  # noqa: E731
        _check_dates(get("start"), get("due"), path, n + 1)   # row 1 is the header, as a spreadsheet counts
        out.append(PlanItem(get("id") or f"IP-{n:02d}", get("objective"), get("capability"), get("issue"),
                            get("corrective_action"), get("capability_element"), get("responsible"),
                            get("point_of_contact"), get("start"), get("due"), get("benchmark"),
                            tuple(get("sources").split())))
    return tuple(out)
