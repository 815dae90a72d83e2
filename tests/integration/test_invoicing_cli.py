"""Invoicing from the command line on a fresh store, with the names the issue gives."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from jobcenter_desktop.cli import main
from jobcenter_desktop.domain.bank_barcode import bank_barcode
from jobcenter_desktop.domain.references import is_national_reference, is_rf_reference

XSD = Path(__file__).resolve().parents[3] / "shared" / "finvoice" / "Finvoice3.0.xsd"

CUSTOMERS = """customer_number;type;name;business_id;street;postal_code;city;invoice_language
2001;company;Korjaamo Virtanen Oy;0737546-2;Teollisuustie 1;82900;Ilomantsi;fi
2002;household;Maija Koskinen;;Koivutie 5;82900;Ilomantsi;sv
"""
CONTRACTS = (
    "contract_number;customer_number;title;task_type;worker_hour_price;instructor_hour_price;"
    "vat;household_deduction;weekdays;start_time;duration_minutes;valid_from;status\n"
    """S-1;2001;Taukotilojen siivous;cleaning;35,00;45,00;general;no;mon;8.00;180;2.11.2026;active
S-2;2002;Pihatyöt;yard_work;30,00;;general;yes;tue;9.00;120;3.11.2026;active
"""
)
PARTICIPANTS = """participant_number;first_name;last_name;service_basis;pay_basis
501;Aino;Mäkinen;rehabilitative;wage
502;Eero;Aalto;rehabilitative;wage
"""
HOURS = """date;contract_number;participant_number;start;end;break_minutes
2026-11-02;S-1;501;8.00;11.00;0
2026-11-02;S-1;502;8.00;11.00;0
2026-11-03;S-2;501;9.00;11.00;0
"""


def cli(folder: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def centre_with_hours(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "data"
    assert cli(folder, capsys, "init")[0] == 0
    code, _out, err = cli(
        folder,
        capsys,
        "centre",
        "set",
        "--name",
        "Työkeskus Kipinä",
        "--business-id",
        "2077474-0",
        "--iban",
        "FI79 4405 2020 0360 82",
        "--bic",
        "OKOYFIHH",
        "--vat-status",
        "registered",
        "--prepayment-register",
        "yes",
        "--address",
        "Pajakatu 3, 82100 Ilomantsi",
        "--next-invoice-number",
        "1000",
    )
    assert code == 0, err
    for register, text in (
        ("customers", CUSTOMERS),
        ("contracts", CONTRACTS),
        ("participants", PARTICIPANTS),
        ("timesheets", HOURS),
    ):
        path = tmp_path / f"{register}.csv"
        path.write_text(text, encoding="utf-8")
        code, _out, err = cli(folder, capsys, "import", register, str(path))
        assert code == 0, err
    assert cli(folder, capsys, "approve", "--to", "2026-11-30")[0] == 0
    return folder


def test_drafts_then_the_run_then_list_show_and_credit(
    centre_with_hours: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = centre_with_hours
    drafts = tmp_path / "drafts"
    code, out, err = cli(folder, capsys, "invoice-run", "--period", "2026-11", "--out", str(drafts))
    assert code == 0, err
    assert sorted(p.name for p in drafts.iterdir()) == [
        "draft-2001.pdf",
        "draft-2001.xml",
        "draft-2002.pdf",
    ]
    assert cli(folder, capsys, "invoices", "list", "--json")[1].strip() == "[]"

    out_dir = tmp_path / "out"
    code, out, err = cli(
        folder, capsys, "invoice-run", "--period", "2026-11", "--issue", "--out", str(out_dir)
    )
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "invoice-1000.pdf",
        "invoice-1000.xml",
        "invoice-1001.pdf",
    ]
    # A second run finds nothing left to invoice.
    code, out, _err = cli(
        folder, capsys, "invoice-run", "--period", "2026-11", "--issue", "--out", str(out_dir)
    )
    assert code == 0 and "Jaksolla 1.11.2026–30.11.2026 ei ole" in out

    listed = json.loads(cli(folder, capsys, "invoices", "list", "--json")[1])
    assert [(row["number"], row["customer_number"]) for row in listed] == [
        (1001, "2002"),
        (1000, "2001"),
    ]
    assert set(listed[0]) >= {
        "number",
        "customer_number",
        "date",
        "due_date",
        "net",
        "vat",
        "total",
        "status",
    }
    company = next(row for row in listed if row["number"] == 1000)
    # 6 h × 35,00 = 210,00 + 25,5 % = 53,55.
    assert (company["net"], company["vat"], company["total"], company["status"]) == (
        "210.00",
        "53.55",
        "263.55",
        "open",
    )

    code, out, err = cli(folder, capsys, "invoice", "show", "1000", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert set(shown) >= {
        "number",
        "reference",
        "rf_reference",
        "virtual_barcode",
        "net",
        "vat",
        "total",
        "paid",
        "status",
        "work_share",
        "lines",
        "vat_summary",
    }
    assert is_national_reference(shown["reference"])
    assert is_rf_reference(shown["rf_reference"])
    due = date.fromisoformat(shown["due_date"])
    assert shown["virtual_barcode"] == bank_barcode(
        "FI7944052020036082", shown["reference"], Decimal("263.55"), due
    )
    assert (shown["paid"], shown["work_share"]) == ("0.00", None)
    assert shown["vat_summary"] == [
        {"vat_rate": "25.5", "net": "210.00", "vat": "53.55", "total": "263.55", "reason": ""}
    ]
    household = json.loads(cli(folder, capsys, "invoice", "show", "1001", "--json")[1])
    # 2 h × 30,00 = 60,00 + 15,30 VAT: the whole invoice is work for the deduction.
    assert household["work_share"] == "75.30"
    if XSD.exists():
        schema = etree.XMLSchema(etree.parse(str(XSD)))
        assert schema.validate(etree.parse(str(out_dir / "invoice-1000.xml")))

    reprint = tmp_path / "reprint"
    assert cli(folder, capsys, "invoice", "print", "1000", "--out", str(reprint))[0] == 0
    for name in ("invoice-1000.pdf", "invoice-1000.xml"):
        assert (reprint / name).read_bytes() == (out_dir / name).read_bytes()

    code, out, err = cli(folder, capsys, "credit", "1000", "--lines", "1", "--out", str(out_dir))
    assert code == 0, err
    assert (out_dir / "invoice-1002.pdf").exists() and (out_dir / "invoice-1002.xml").exists()
    credited = json.loads(cli(folder, capsys, "invoice", "show", "1000", "--json")[1])
    assert credited["status"] == "credited"
    note = json.loads(cli(folder, capsys, "invoice", "show", "1002", "--json")[1])
    assert (note["total"], note["status"], note["virtual_barcode"]) == (
        "-263.55",
        "credit_note",
        "",
    )
    code, _out, err = cli(folder, capsys, "credit", "1000")
    assert code == 2 and "hyvitetty" in err


def test_refusals_are_sentences(
    centre_with_hours: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = centre_with_hours
    code, _out, err = cli(folder, capsys, "invoice", "show", "99999", "--json")
    assert code == 2 and "Laskua numerolla 99999 ei ole." in err
    code, _out, err = cli(
        folder, capsys, "invoice-run", "--period", "2026-11", "--customer", "9999", "--out", "x"
    )
    assert code == 2 and "Tilaajaa numerolla 9999 ei ole." in err
    with pytest.raises(SystemExit):
        main(["--data-dir", str(folder), "invoice-run", "--period", "11/2026", "--out", "x"])
    code, _out, err = cli(folder, capsys, "credit", "1000")
    assert code == 2 and "Laskua numerolla 1000 ei ole." in err


def test_the_next_number_cannot_be_set_at_or_below_an_issued_one(
    centre_with_hours: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = centre_with_hours
    cli(folder, capsys, "invoice-run", "--period", "2026-11", "--issue", "--out", str(tmp_path))
    code, _out, err = cli(folder, capsys, "centre", "set", "--next-invoice-number", "1001")
    assert code == 2 and "1001" in err
    code, _out, err = cli(folder, capsys, "centre", "set", "--next-invoice-number", "1500")
    assert code == 0, err
