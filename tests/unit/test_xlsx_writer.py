"""The streamed .xlsx writer: what a spreadsheet program and the program's own reader see."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.interchange import xlsx_writer
from jobcenter_desktop.interchange.tabular import read_table, write_table

HEADERS = ["name", "note", "formula", "text", "long", "number", "date", "phone", "empty", "last"]
AWKWARD = [
    "Mäkelä Åsa ☃ 𝄞",
    "<b>Smith & Sons</b> &amp; >",
    "=SUM(A1)",
    "tab\there, line\nbreak and\r\nWindows line end",
    "ä<&>" * 250,  # 1,000 characters
    "00123",
    "2026-10-05",
    "+358 40 123 4567",
    "",
    "-5",
]


def test_awkward_text_reads_back_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "awkward.xlsx"

    write_table(path, HEADERS, [AWKWARD, ["second", *[""] * 8, "x"]])

    table = read_table(path)
    assert table.headers == HEADERS
    assert [number for number, _ in table.rows] == [2, 3]
    assert list(table.rows[0][1].values()) == AWKWARD
    assert table.rows[1][1] == {header: "" for header in HEADERS} | {"name": "second", "last": "x"}


def test_characters_xml_forbids_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "controls.xlsx"

    write_table(path, ["a", "b"], [["bell\x07 and\x00 escape\x1b", "\ufffeend\x0c"]])

    assert list(read_table(path).rows[0][1].values()) == ["bell and escape", "end"]


def test_a_spreadsheet_sees_a_bold_frozen_heading_and_text_cells(tmp_path: Path) -> None:
    path = tmp_path / "styled.xlsx"

    write_table(path, HEADERS, [AWKWARD, ["  indented  ", "x"], ["a", "trailing "]])

    sheet = load_workbook(path).worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert not any(cell.font.bold for cell in sheet[2])
    # Every value is text: the formula does not run, the zeros and the date stay as typed.
    assert all(cell.data_type == "s" for cell in sheet[2] if cell.value is not None)
    assert sheet["C2"].value == "=SUM(A1)"
    assert sheet["F2"].value == "00123"
    assert sheet["G2"].value == "2026-10-05"
    assert sheet["D2"].value == "tab\there, line\nbreak and\r\nWindows line end"
    assert sheet["I2"].value is None  # an empty value is no cell at all
    assert sheet["A3"].value == "  indented  "  # kept whole, spaces and all
    assert sheet["B4"].value == "trailing "
    # Wide enough for the contents, but never wider than 50 characters (+2).
    assert sheet.column_dimensions["A"].width == len("Mäkelä Åsa ☃ 𝄞") + 2
    assert sheet.column_dimensions["E"].width == 52
    assert sheet.column_dimensions["I"].width == len("empty") + 2


def test_read_only_loading_streams_the_same_cells(tmp_path: Path) -> None:
    path = tmp_path / "streamed.xlsx"
    rows = [[f"{n:05d}", f"=A{n}", "ä" * (n % 7)] for n in range(1, 2_001)]

    write_table(path, ["number", "formula", "text"], rows)

    workbook = load_workbook(path, read_only=True)
    try:
        sheet = workbook.worksheets[0]
        assert (sheet.max_row, sheet.max_column) == (2_001, 3)
        values = [[value or "" for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    assert values == [["number", "formula", "text"], *rows]


def test_the_workbook_has_only_the_parts_it_needs_and_the_same_table_gives_the_same_bytes(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "1.xlsx", tmp_path / "2.xlsx"

    write_table(first, HEADERS, [AWKWARD])
    write_table(second, HEADERS, [AWKWARD])

    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == [
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
        ]


def test_more_rows_than_a_sheet_holds_are_refused_and_nothing_is_written(
    tmp_path: Path, english: None
) -> None:
    path = tmp_path / "huge.xlsx"
    rows = [["x"]] * (xlsx_writer.MAX_DATA_ROWS + 1)

    with pytest.raises(UserError, match=r"at most 1,048,575 rows.*has 1,048,576.*CSV"):
        write_table(path, ["a"], rows)

    assert list(tmp_path.iterdir()) == []
