"""The centre's pay settings from the command line, and what they change in a pay run.

``centre set --payroll-identity-code yes|no --pays-wages-itself yes|no
--benefit-limit-blocks yes|no`` (issue 10): saved and audited like the window's ticks,
and a pay run made after them has the identity code column in its payroll export and
the wages in its bank transfer file.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from jobcenter_desktop.cli import main
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.forms.centre import CentreInput
from jobcenter_desktop.interchange.sepa_transfer import schema_path
from jobcenter_desktop.queries.centre import load_centre

CUSTOMERS = """customer_number;type;name;business_id;street;postal_code;city;invoice_language
2001;company;Korjaamo Virtanen Oy;0737546-2;Teollisuustie 1;82900;Ilomantsi;fi
"""
CONTRACTS = (
    "contract_number;customer_number;title;task_type;worker_hour_price;instructor_hour_price;"
    "vat;household_deduction;weekdays;start_time;duration_minutes;valid_from;status\n"
    "S-1;2001;Taukotilojen siivous;cleaning;35,00;45,00;general;no;mon;8.00;180;2.11.2026;active\n"
)
PARTICIPANTS = (
    "participant_number;first_name;last_name;service_basis;pay_basis;hourly_pay;"
    "identity_code;iban\n"
    "501;Aino;Mäkinen;rehabilitative;wage;10,00;131052-308T;FI21 1234 5600 0007 85\n"
    "502;Eero;Aalto;rehabilitative;fee;12,00;;FI55 4234 5670 0000 81\n"
)
HOURS = """date;contract_number;participant_number;start;end;break_minutes
2026-11-02;S-1;501;8.00;11.00;0
2026-11-02;S-1;502;8.00;11.00;0
"""
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
FLAGS = ("payroll_identity_code", "pays_wages_itself", "benefit_limit_blocks")


def cli(folder: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


def centre(folder: Path) -> CentreInput:
    store = Store.open(folder / "jobcenter.db", folder / "backups", actor="tester")
    try:
        loaded = load_centre(store)
    finally:
        store.close()
    assert loaded is not None
    return loaded


def flags(folder: Path) -> tuple[bool, ...]:
    saved = centre(folder)
    return tuple(getattr(saved, flag) for flag in FLAGS)


def centre_audit_count(folder: Path) -> int:
    with sqlite3.connect(folder / "jobcenter.db") as db:
        return int(
            db.execute("SELECT COUNT(*) FROM audit_entry WHERE entity = 'centre'").fetchone()[0]
        )


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def transfers(path: Path) -> dict[str, Decimal]:
    """The bank file's payments by their end-to-end id, after checking it against pain.001."""
    document = etree.fromstring(path.read_bytes())
    etree.XMLSchema(etree.parse(str(schema_path()))).assertValid(document)
    return {
        str(tx.findtext("p:PmtId/p:EndToEndId", namespaces=NS)): Decimal(
            str(tx.findtext("p:Amt/p:InstdAmt", namespaces=NS))
        )
        for tx in document.iterfind(".//p:CdtTrfTxInf", namespaces=NS)
    }


@pytest.fixture
def hours(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A centre with a bank account; Aino (wage) and Eero (fee) with 3 h approved in November."""
    folder = tmp_path / "data"
    assert cli(folder, capsys, "init")[0] == 0
    code, _out, err = cli(
        folder, capsys, "centre", "set", "--name", "Työkeskus Kipinä",
        "--business-id", "2077474-0", "--iban", "FI79 4405 2020 0360 82", "--bic", "OKOYFIHH",
        "--vat-status", "registered", "--address", "Pajakatu 3, 82100 Ilomantsi",
    )  # fmt: skip
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


def test_centre_set_switches_the_pay_settings_one_by_one(
    hours: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = centre(hours)
    assert flags(hours) == (False, False, False)  # off until the centre says so
    audited = centre_audit_count(hours)

    code, out, err = cli(
        hours, capsys, "centre", "set", "--payroll-identity-code", "yes",
        "--pays-wages-itself", "kyllä", "--benefit-limit-blocks", "on",
    )  # fmt: skip
    assert code == 0, err
    assert "Työkeskuksen tiedot on tallennettu." in out
    after = centre(hours)
    assert flags(hours) == (True, True, True)
    # Nothing else changes.
    for name in ("legal_name", "business_id", "street", "bank_accounts", "prepayment_register"):
        assert getattr(after, name) == getattr(before, name), name
    assert centre_audit_count(hours) == audited + 1

    # Only the options given change.
    assert cli(hours, capsys, "centre", "set", "--pays-wages-itself", "no")[0] == 0
    assert flags(hours) == (True, False, True)
    assert cli(hours, capsys, "centre", "set", "--phone", "013 123 456")[0] == 0
    assert flags(hours) == (True, False, True)
    code, _out, err = cli(
        hours, capsys, "centre", "set", "--payroll-identity-code", "ei",
        "--benefit-limit-blocks", "n",
    )  # fmt: skip
    assert code == 0, err
    assert flags(hours) == (False, False, False)
    with sqlite3.connect(hours / "jobcenter.db") as db:
        last = db.execute(
            "SELECT before, after FROM audit_entry WHERE entity = 'centre' ORDER BY id DESC"
        ).fetchone()
    assert json.loads(last[0]) == dict.fromkeys(
        ("payroll_identity_code", "benefit_limit_blocks"), True
    )
    assert json.loads(last[1]) == dict.fromkeys(
        ("payroll_identity_code", "benefit_limit_blocks"), False
    )


def test_a_word_that_is_not_yes_or_no_is_refused_and_changes_nothing(
    hours: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    audited = centre_audit_count(hours)
    with pytest.raises(SystemExit) as refused:
        main(["--data-dir", str(hours), "centre", "set", "--pays-wages-itself", "maybe"])
    assert refused.value.code == 2
    assert "vastaa yes tai no, ei maybe" in capsys.readouterr().err
    assert flags(hours) == (False, False, False)
    assert centre_audit_count(hours) == audited


def test_the_pay_run_follows_the_settings(
    hours: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Off: no identity codes; the bank file would pay no wages (and there are no allowances).
    code, out, err = cli(
        hours, capsys, "pay-run", "--period", "2026-11", "--out", str(tmp_path / "off")
    )
    assert code == 0, err
    payroll = rows(tmp_path / "off" / "payroll-2026-11-preview.csv")
    assert [r["name"] for r in payroll] == ["Aino Mäkinen"]
    assert "identity_code" not in payroll[0]
    assert "131052-308T" not in (tmp_path / "off" / "payroll-2026-11-preview.csv").read_text(
        encoding="utf-8-sig"
    )
    assert not (tmp_path / "off" / "transfers-2026-11-preview.xml").exists()

    code, _out, err = cli(
        hours, capsys, "centre", "set", "--payroll-identity-code", "yes",
        "--pays-wages-itself", "yes",
    )  # fmt: skip
    assert code == 0, err

    code, out, err = cli(
        hours, capsys, "pay-run", "--period", "2026-11", "--out", str(tmp_path / "on")
    )
    assert code == 0, err
    payroll = rows(tmp_path / "on" / "payroll-2026-11-preview.csv")
    assert [(r["name"], r["identity_code"], r["gross"]) for r in payroll] == [
        ("Aino Mäkinen", "131052-308T", "30.00")
    ]
    # Wages only: Eero's fee goes through the invoicing service, not the bank file.
    assert transfers(tmp_path / "on" / "transfers-2026-11-preview.xml") == {
        "PRDRAFT-W-501": Decimal("30.00")
    }

    code, out, err = cli(
        hours, capsys, "pay-run", "--period", "2026-11", "--confirm", "--out",
        str(tmp_path / "run"),
    )  # fmt: skip
    assert code == 0, err
    assert "30,00" in out
    confirmed = rows(tmp_path / "run" / "payroll-2026-11-run-1.csv")
    assert [(r["identity_code"], r["gross"]) for r in confirmed] == [("131052-308T", "30.00")]
    assert transfers(tmp_path / "run" / "transfers-2026-11-run-1.xml") == {
        "PR1-W-501": Decimal("30.00")
    }
