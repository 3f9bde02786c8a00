"""Every CSV simex reads comes from a spreadsheet: Excel on a French or
German Windows saves it in cp1252 with semicolons, a Mac in UTF-8 with a
byte-order mark, "Unicode text" as UTF-16 with tabs. simex reads all of them
through one reader (simex/csvtable.py) and writes its own CSVs with a BOM,
so Excel shows the accents."""
from __future__ import annotations

import pytest

from simex.csvtable import CsvError, read_csv, write_csv
from simex.feedback import load_form, load_responses
from simex.report.plan import load_csv as load_plan
from tests.conftest import ROOT

FEEDBACK = ROOT / "tests" / "data" / "feedback"
PLAN = ("id;issue;corrective_action;responsible;start;due\r\n"
        "IP-01;Le signalement à la police a tardé;Former les équipes de la douane;Douane générale;"
        "2026-04-01;2026-06-30\r\n")


def test_a_cp1252_plan_with_semicolons_is_read(tmp_path):
    """Excel in French saves 'CSV (séparateur : point-virgule)' in cp1252:
    this used to be a UnicodeDecodeError traceback."""
    f = tmp_path / "plan.csv"
    f.write_bytes(PLAN.encode("cp1252"))
    (item,) = load_plan(f)
    assert item.issue == "Le signalement à la police a tardé"
    assert item.responsible == "Douane générale" and item.due == "2026-06-30"


def test_a_utf8_semicolon_plan_does_not_claim_missing_columns(tmp_path):
    f = tmp_path / "plan.csv"
    f.write_text(PLAN, encoding="utf-8")
    (item,) = load_plan(f)
    assert item.corrective_action == "Former les équipes de la douane"


@pytest.mark.parametrize("encoding,delimiter", [("utf-8-sig", ","), ("cp1252", ";"), ("utf-16", "\t"),
                                                ("utf-8", "\t")])
def test_responses_in_any_spreadsheet_encoding_and_delimiter(tmp_path, encoding, delimiter):
    form = load_form(FEEDBACK / "border-feedback.yaml")
    text = (FEEDBACK / "border-responses.csv").read_text(encoding="utf-8").replace(",", delimiter)
    text = text.replace("Faster radio to police", "Radio plus rapide vers la police (accès réservé)")
    f = tmp_path / "r.csv"
    f.write_bytes(text.encode(encoding))
    rows = load_responses(f, form)
    assert len({r.code for r in rows}) == 12
    assert "Radio plus rapide vers la police (accès réservé)" in {r.answer for r in rows}


def test_the_reader_locates_rows_as_a_spreadsheet_counts_them(tmp_path):
    f = tmp_path / "t.csv"
    f.write_bytes("A;B\r\n1;é\r\n\r\n3;4\r\n".encode("cp1252"))
    table = read_csv(f)
    assert table.header == ["a", "b"] and table.delimiter == ";" and table.encoding == "cp1252"
    assert [(r.row, r["a"], r["b"]) for r in table.rows] == [(2, "1", "é"), (4, "3", "4")]


def test_what_cannot_be_read_is_one_located_line(tmp_path):
    f = tmp_path / "t.csv"
    f.write_bytes(b"\x00\x01binary")
    with pytest.raises(CsvError, match=r"t\.csv: .*not a CSV"):
        read_csv(f)
    f.write_text("", encoding="utf-8")
    with pytest.raises(CsvError, match="empty"):
        read_csv(f)
    f.write_text('a,b\n1,"never closed\n', encoding="utf-8")
    with pytest.raises(CsvError, match=r"row 2"):
        read_csv(f)
    with pytest.raises(CsvError, match="no such file"):
        read_csv(tmp_path / "missing.csv")


def test_written_csvs_carry_a_bom_and_read_back(tmp_path):
    f = tmp_path / "out.csv"
    write_csv(f, ["id", "texte"], [["1", "Évacuer la zone, puis « appeler »"]])
    assert f.read_bytes().startswith(b"\xef\xbb\xbfid,texte")
    assert read_csv(f).rows[0]["texte"] == "Évacuer la zone, puis « appeler »"
