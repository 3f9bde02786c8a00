"""The MSEL as the spreadsheet facilitators keep: `simex msel export` writes
one row per inject (XLSX or CSV), the facilitator edits it in Excel,
`simex msel import` puts the edits back into the scenario file: in the right
inject, with the author's comments and layout kept, and byte for byte
unchanged when nothing was edited. A mistake in the sheet is refused with
the sheet, row and column, and the scenario is left as it was."""
from __future__ import annotations

import csv
import difflib
import io
import shutil

import openpyxl
import pytest

from simex.msel import SheetError, export, import_sheet
from simex.scenario.loader import load_scenario
from tests.conftest import BORDER, ROOT, simex_cli

SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "border.yaml"
    shutil.copy(BORDER, path)
    return path


def _book(path):
    book = openpyxl.load_workbook(path)
    ws = book["MSEL"]
    head = [c.value for c in ws[1]]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    return book, ws, head, rows


def _edited(tmp_path, scenario, *edits) -> dict:
    """Export to m.xlsx, set each (inject, column, value) as Excel would, save; the rows by inject."""
    export(scenario, tmp_path / "m.xlsx")
    book, ws, head, rows = _book(tmp_path / "m.xlsx")
    for number, column, value in edits:
        ws.cell(rows[number], head.index(column) + 1).value = value
    book.save(tmp_path / "m.xlsx")
    return rows


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_export_then_import_leaves_every_bundled_scenario_byte_for_byte(tmp_path, path, suffix):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    n = export(copy, tmp_path / f"msel{suffix}")
    assert n == len(load_scenario(path).injects)
    outcome = import_sheet(tmp_path / f"msel{suffix}", copy)
    assert not outcome.changed and not outcome.added
    assert copy.read_bytes() == path.read_bytes()


def test_edits_in_excel_land_in_the_right_inject_and_keep_the_layout(tmp_path, scenario):
    _edited(tmp_path, scenario,
            ("I02", "player text (fr)", "Point de contact norvalien : une jauge « volée » cette nuit."),
            ("I02", "time", "2h"), ("I03", "to", "customs, police"),
            ("I03", "expected action (fr)", "Orienter le camion vers l'inspection secondaire"),
            ("I01", "controller notes", "Hand out the shift roster too."), ("C01", "controller notes", None),
            ("I01", "synopsis (en)", "STARTEX: a busy Tuesday shift"))
    before = scenario.read_text(encoding="utf-8")
    outcome = import_sheet(tmp_path / "m.xlsx", scenario)
    assert outcome.changed == {"I01": ["controller notes", "synopsis"], "I02": ["time", "player text"],
                               "I03": ["to", "expected action"], "C01": ["controller notes"]}
    after = scenario.read_text(encoding="utf-8")
    injects = {i.id: i for i in load_scenario(scenario).injects}
    assert injects["I02"].text["fr"] == "Point de contact norvalien : une jauge « volée » cette nuit."
    assert injects["I02"].text["en"].startswith("Norvalia's liaison point") and injects["I02"].at == 7200
    assert injects["I03"].to == ["customs", "police"] and injects["C01"].notes is None
    original = {i.id: i for i in load_scenario(BORDER).injects}
    assert injects["I03"].expected_actions[0] == {**original["I03"].expected_actions[0],
                                                  "fr": "Orienter le camion vers l'inspection secondaire"}
    assert injects["I01"].notes == "Hand out the shift roster too." and injects["C02"] == \
        {i.id: i for i in load_scenario(BORDER).injects}["C02"]
    # Only the edited lines moved; every comment is still there.
    changed = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0)
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert len(changed) == 12, "\n".join(changed)   # 5 lines replaced, 1 added, 1 removed
    comments = lambda text: [line for line in text.splitlines() if line.lstrip().startswith("#")]  # noqa: E731
    assert comments(after) == comments(before)


def test_a_french_excel_csv_in_cp1252_with_semicolons_imports(tmp_path, scenario):
    """French Excel's "CSV (point-virgule)" is Windows-1252: it turns the Arabic,
    Chinese and Russian columns into '?'. Those columns are left out, so the
    scenario keeps its translations, and the French edit still lands."""
    export(scenario, tmp_path / "m.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "m.csv").read_text(encoding="utf-8-sig"))))
    head = rows[0]
    i02 = next(r for r in rows if r[0] == "I02")
    i02[head.index("synopsis (fr)")] = "La Norvalie signale le vol d'une jauge (élevé)"
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    (tmp_path / "fr.csv").write_bytes(out.getvalue().encode("cp1252", errors="replace"))   # as Excel does
    outcome = import_sheet(tmp_path / "fr.csv", scenario)
    assert outcome.changed == {"I02": ["synopsis"]} and sorted(outcome.kept) == ["ar", "ru", "zh"]
    inject = next(i for i in load_scenario(scenario).injects if i.id == "I02")
    before = next(i for i in load_scenario(BORDER).injects if i.id == "I02")
    assert inject.synopsis == {**before.synopsis, "fr": "La Norvalie signale le vol d'une jauge (élevé)"}


def test_exported_csv_has_a_bom_and_xlsx_is_ready_to_edit(tmp_path, scenario):
    export(scenario, tmp_path / "m.csv")
    assert (tmp_path / "m.csv").read_bytes().startswith(b"\xef\xbb\xbfnumber,time,from,to,channel,type")
    export(scenario, tmp_path / "m.xlsx")
    book, ws, head, rows = _book(tmp_path / "m.xlsx")
    assert head[:6] == ["number", "time", "from", "to", "channel", "type"]
    assert {"player text (en)", "player text (fr)", "expected action (fr)", "objective", "controller notes"} <= set(head)
    assert ws.freeze_panes == "B2" and ws["A1"].font.bold
    text = openpyxl.utils.get_column_letter(head.index("player text (en)") + 1)
    assert ws.column_dimensions[text].width >= 50 and ws[f"{text}2"].alignment.wrap_text
    # The MSEL's "to" is every recipient (I01 goes to three agencies).
    assert ws.cell(rows["I01"], head.index("to") + 1).value == "customs, regulator, police"
    assert ws.cell(rows["I03"], head.index("time") + 1).value.startswith("trigger {event: rpm.alarm")


def test_mistakes_are_refused_by_sheet_row_and_column_and_nothing_is_written(tmp_path, scenario):
    rows = _edited(tmp_path, scenario, ("I02", "to", "polise"), ("I02", "channel", "radoi"), ("I01", "time", "90"),
                   ("I03", "time", "30m"), ("I01", "objective", "OBJ9"))
    before = scenario.read_bytes()
    with pytest.raises(SheetError) as err:
        import_sheet(tmp_path / "m.xlsx", scenario)
    text = str(err.value)
    assert f"{tmp_path / 'm.xlsx'}, sheet MSEL: row {rows['I02']}, column to: 'polise' is not an agency; " \
           "did you mean 'police'?" in text
    assert f"row {rows['I02']}, column channel: 'radoi' is not one of" in text and "did you mean 'radio'?" in text
    assert f"row {rows['I01']}, column time: '90' is not a time: write it with its unit" in text
    assert f"row {rows['I03']}, column time: I03 is delivered by a trigger" in text
    assert f"row {rows['I01']}, column objective: 'OBJ9' is not an objective" in text
    assert scenario.read_bytes() == before


def test_unknown_columns_say_which_they_were_meant_to_be(tmp_path, scenario):
    (tmp_path / "m.csv").write_text("number;notes;player text (en)\nI01;x;y\n", encoding="utf-8")
    with pytest.raises(SheetError, match=r"m\.csv: row 1, column notes: not an MSEL column; did you mean "
                                         r"'controller notes'\?"):
        import_sheet(tmp_path / "m.csv", scenario)


def test_a_new_row_adds_a_timed_inject(tmp_path, scenario):
    export(scenario, tmp_path / "m.xlsx")
    book, ws, head, rows = _book(tmp_path / "m.xlsx")
    new = {"number": "I09", "time": "3h30m", "from": "control", "to": "customs, police", "channel": "phone",
           "type": "informational", "synopsis (en)": "Shift change", "player text (en)": "The night shift arrives.",
           "player text (fr)": "L'équipe de nuit arrive.", "objective": "OBJ1"}
    ws.append([new.get(h) for h in head])
    book.save(tmp_path / "m.xlsx")
    assert import_sheet(tmp_path / "m.xlsx", scenario).added == ["I09"]
    inject = load_scenario(scenario).injects[-1]
    assert (inject.id, inject.at, inject.to, inject.text["fr"]) == ("I09", 12600, ["customs", "police"],
                                                                    "L'équipe de nuit arrive.")


def test_cli_export_import_and_a_located_refusal(tmp_path, scenario):
    out = simex_cli("msel", "export", scenario, "-o", tmp_path / "m.csv")
    assert out.returncode == 0 and "12 injects written" in out.stderr
    out = simex_cli("msel", "import", tmp_path / "m.csv", "--into", scenario)
    assert out.returncode == 0 and "no change" in out.stderr
    text = (tmp_path / "m.csv").read_text(encoding="utf-8-sig").replace("I02,1h45m,norvalia-lp,police,liaison",
                                                                       "I02,1h45m,norvalia-lp,polise,liaison")
    (tmp_path / "m.csv").write_text(text, encoding="utf-8-sig")
    out = simex_cli("msel", "import", tmp_path / "m.csv", "--into", scenario)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "m.csv: row 3, column to: 'polise' is not an agency; did you mean 'police'?" in out.stderr
    assert scenario.read_bytes() == BORDER.read_bytes()


def test_what_excel_does_to_cells_and_rows_is_understood_or_located(tmp_path, scenario):
    import datetime as dt

    rows = _edited(tmp_path, scenario, ("I02", "time", dt.time(2, 15)))   # Excel made "2:15" a clock time
    assert import_sheet(tmp_path / "m.xlsx", scenario).changed == {"I02": ["time"]}
    assert next(i for i in load_scenario(scenario).injects if i.id == "I02").at == 8100
    shutil.copy(BORDER, scenario)
    rows = _edited(tmp_path, scenario, ("I01", "number", "I02"), ("C01", "number", None))
    with pytest.raises(SheetError) as err:
        import_sheet(tmp_path / "m.xlsx", scenario)
    assert f"row {rows['I02']}, column number: I02 is also in row {rows['I01']}" in str(err.value)
    assert f"row {rows['C01']}, column number: every row needs its inject's number" in str(err.value)
    (tmp_path / "fake.xlsx").write_text("number,time\n", encoding="utf-8")
    with pytest.raises(SheetError, match=r"fake\.xlsx: not an Excel workbook"):
        import_sheet(tmp_path / "fake.xlsx", scenario)
    (tmp_path / "new.csv").write_text("number,time,to\nI77,2h,customs\n", encoding="utf-8")
    with pytest.raises(SheetError, match=r"row 2, column synopsis \(en\): a new inject \(I77\) needs this column"):
        import_sheet(tmp_path / "new.csv", scenario)
    assert scenario.read_bytes() == BORDER.read_bytes()


def test_a_scenario_saved_on_windows_keeps_its_line_ends(tmp_path):
    scenario = tmp_path / "crlf.yaml"
    scenario.write_bytes(BORDER.read_bytes().replace(b"\n", b"\r\n"))
    _edited(tmp_path, scenario, ("I01", "controller notes", "Roster."), ("C01", "controller notes", None),
            ("I02", "player text (fr)", "Jauge volée."))
    import_sheet(tmp_path / "m.xlsx", scenario)
    raw = scenario.read_bytes()
    assert raw.count(b"\n") == raw.count(b"\r\n") == BORDER.read_bytes().count(b"\n")
    injects = {i.id: i for i in load_scenario(scenario).injects}
    assert (injects["I01"].notes, injects["C01"].notes, injects["I02"].text["fr"]) == ("Roster.", None, "Jauge volée.")


def test_a_control_character_excel_cannot_store_is_located_not_a_traceback(tmp_path):
    scenario = tmp_path / "bell.yaml"
    scenario.write_text(BORDER.read_text(encoding="utf-8").replace('notes: "Information alert.',
                                                                 'notes: "Information\\x07 alert.'), encoding="utf-8")
    out = simex_cli("msel", "export", scenario, "-o", tmp_path / "m.xlsx")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "m.xlsx, sheet MSEL: row 3, column controller notes: holds a control character (U+0007)" in out.stderr
    assert simex_cli("msel", "export", scenario, "-o", tmp_path / "m.csv").returncode == 0
