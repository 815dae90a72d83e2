"""The bookkeeper's sales ledger: one row per invoice and VAT rate, as CSV or .xlsx."""

from __future__ import annotations

import csv
import zipfile
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import set_language
from jobcenter_desktop.interchange.sales_export import SALES_HEADERS, export_sales, sales_rows
from jobcenter_desktop.queries.invoices import invoice_document, invoice_row
from jobcenter_desktop.services.invoicing.issuing import credit
from jobcenter_desktop.services.invoicing.payments import record_payment
from tests.payments_data import COMPANY_INVOICE, HOUSEHOLD_INVOICE, two_invoices

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("fi")


@pytest.fixture
def ledger(store: Store) -> Store:
    """Invoice 1 at 25,5 % and 13,5 % (credited in part by note 3), invoice 2 at 25,5 %."""
    two_invoices(store, second_company_contract={"vat_treatment": "reduced", "title": "Ateriat"})
    record_payment(store, HOUSEHOLD_INVOICE, "100,00", date.today())
    record_payment(store, COMPANY_INVOICE, "50,00", date.today())
    credit(store, COMPANY_INVOICE, [1], issue_date=date(2026, 11, 21))
    return store


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        headers = next(reader)
        assert tuple(headers) == SALES_HEADERS
        return [dict(zip(headers, row, strict=True)) for row in reader]


def test_the_header_is_exactly_the_bookkeepers_columns() -> None:
    assert ",".join(SALES_HEADERS) == (
        "number,date,due_date,customer,customer_number,business_id,net,vat_rate,vat,total,"
        "status,paid"
    )


def test_one_row_per_invoice_and_rate_adding_up_to_the_invoices(
    ledger: Store, tmp_path: Path
) -> None:
    path = tmp_path / "myynti.csv"

    written = export_sales(ledger, *NOVEMBER, path)

    rows = read_csv(path)
    assert written == len(rows)
    assert [(row["number"], row["vat_rate"]) for row in rows] == [
        ("1", "25.5"),
        ("1", "13.5"),
        ("2", "25.5"),
        ("3", "25.5"),
    ]
    for number in (1, 2, 3):
        mine = [row for row in rows if row["number"] == str(number)]
        invoice = invoice_row(ledger, number)
        document = invoice_document(ledger, number)
        assert invoice is not None and document is not None
        for row in mine:
            assert Decimal(row["net"]) + Decimal(row["vat"]) == Decimal(row["total"])
            assert row["date"] == invoice.issue_date.isoformat()
            assert row["due_date"] == invoice.due_date.isoformat()
            assert row["customer"] == document.buyer.party.name
            assert row["customer_number"] == invoice.customer_number
            assert row["status"] == invoice.status.value
        assert sum(Decimal(row["net"]) for row in mine) == invoice.net
        assert sum(Decimal(row["vat"]) for row in mine) == invoice.vat
        assert sum(Decimal(row["total"]) for row in mine) == invoice.total
        # Paid once per invoice, on its first row: the column sums right.
        assert [row["paid"] for row in mine] == [f"{invoice.paid:.2f}"] + [""] * (len(mine) - 1)
    assert rows[0]["business_id"] == "0737546-2" and rows[2]["business_id"] == ""
    assert rows[0]["paid"] == "50.00" and rows[2]["paid"] == "100.00"
    assert rows[3]["status"] == "credit_note"
    assert rows[3]["total"].startswith("-") and Decimal(rows[3]["total"]) < 0


def test_amounts_are_written_with_a_dot_and_two_decimals(ledger: Store, tmp_path: Path) -> None:
    path = tmp_path / "myynti.csv"

    export_sales(ledger, *NOVEMBER, path)

    text = path.read_text(encoding="utf-8-sig")
    assert "432.98" in text and "432,98" not in text
    assert text.splitlines()[0] == ";".join(SALES_HEADERS)


def test_the_period_is_by_issue_date(ledger: Store, tmp_path: Path) -> None:
    assert [row[0] for row in sales_rows(ledger, date(2026, 11, 21), date(2026, 11, 30))] == ["3"]
    assert sales_rows(ledger, date(2026, 12, 1), date(2026, 12, 31)) == []
    path = tmp_path / "tyhja.csv"
    assert export_sales(ledger, date(2026, 12, 1), date(2026, 12, 31), path) == 0
    assert read_csv(path) == []


def test_the_xlsx_file_has_the_same_rows_with_numbers_for_amounts(
    ledger: Store, tmp_path: Path
) -> None:
    csv_path, xlsx_path = tmp_path / "myynti.csv", tmp_path / "myynti.xlsx"
    export_sales(ledger, *NOVEMBER, csv_path)

    assert export_sales(ledger, *NOVEMBER, xlsx_path) == 4

    expected = read_csv(csv_path)
    with zipfile.ZipFile(xlsx_path) as archive:
        sheet = etree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    rows = sheet.findall(f".//{MAIN}row")
    assert len(rows) == 1 + len(expected)
    for row, wanted in zip(rows[1:], expected, strict=True):
        cells = {}
        for cell in row.findall(f"{MAIN}c"):
            column = "".join(char for char in cell.get("r", "") if char.isalpha())
            value = cell.find(f"{MAIN}v")
            text = cell.find(f"{MAIN}is/{MAIN}t")
            cells[column] = (cell.get("t"), (value if value is not None else text).text)
        for letter, header in zip("ABCDEFGHIJKL", SALES_HEADERS, strict=True):
            if not wanted[header]:
                assert letter not in cells
            elif header in ("number", "net", "vat_rate", "vat", "total", "paid"):
                assert cells[letter] == (None, wanted[header]), header  # a number cell
            else:
                assert cells[letter] == ("inlineStr", wanted[header]), header
    # A spreadsheet program sees numbers, shown with two decimals in the amounts.
    sheet_ = load_workbook(xlsx_path).worksheets[0]
    assert [cell.value for cell in sheet_[1]] == list(SALES_HEADERS)
    assert sheet_["G2"].data_type == "n" and sheet_["G2"].number_format == "0.00"
    assert sheet_["H2"].data_type == "n" and sheet_["H2"].number_format == "General"
    assert sheet_["D2"].data_type == "s"


@pytest.mark.parametrize("name", ["myynti.txt", "myynti.xlsm", "myynti.pdf", "myynti"])
def test_another_file_type_is_refused_naming_csv_and_xlsx(
    ledger: Store, tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()

    with pytest.raises(UserError, match=r"\.csv.*\.xlsx"):
        export_sales(ledger, *NOVEMBER, folder / name)

    assert list(folder.iterdir()) == []


def test_a_period_ending_before_it_starts_is_refused(ledger: Store, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="before the first day"):
        export_sales(ledger, date(2026, 11, 30), date(2026, 11, 1), tmp_path / "m.csv")


def test_a_number_column_keeps_what_is_not_a_plain_number_as_text(tmp_path: Path) -> None:
    from jobcenter_desktop.interchange.tabular import write_table

    path = tmp_path / "n.xlsx"
    write_table(
        path,
        ["a", "b"],
        [["12", "1.5"], ["=1+1", "-3.25"], ["1 000", ""]],
        numbers=(0,),
        money=(1,),
    )

    sheet = load_workbook(path).worksheets[0]
    assert [(cell.data_type, cell.number_format) for cell in sheet["A"][1:]] == [
        ("n", "General"),
        ("s", "General"),
        ("s", "General"),
    ]
    assert sheet["A3"].value == "=1+1" and sheet["A4"].value == "1 000"
    assert [(cell.data_type, cell.number_format) for cell in sheet["B"][1:3]] == [
        ("n", "0.00"),
        ("n", "0.00"),
    ]
