"""The command line's pay, import payments, reminders, household-statement and invoices export."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from jobcenter_desktop.cli import main
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.references import national_reference
from jobcenter_desktop.i18n import set_language
from jobcenter_desktop.interchange.sales_export import SALES_HEADERS
from tests.payments_data import two_invoices

BANK = Path(__file__).resolve().parents[1] / "data" / "bank"
TODAY = date.today().isoformat()


@pytest.fixture(autouse=True)
def _finnish_afterwards() -> Iterator[None]:
    """``--lang`` switches the whole program; put the tests' language back."""
    yield
    set_language("fi")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with invoice 1 (company 1001) and 2 (household 2001), 432,98 € each."""
    folder = tmp_path / "data"
    folder.mkdir()
    store = Store.open(folder / "jobcenter.db", folder / "backups", actor="tester")
    try:
        two_invoices(store)
    finally:
        store.close()
    return folder


def run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def output(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """What was printed, with the no-break spaces of formatted amounts as plain spaces."""
    captured = capsys.readouterr()
    return tuple(  # type: ignore[return-value]
        text.replace("\u00a0", " ").replace("\u202f", " ") for text in (captured.out, captured.err)
    )


def test_pay_prints_the_invoices_new_state(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data, "pay", "1", "--amount", "100,00", "--date", TODAY) == 0
    assert output(capsys)[0].strip() == "Lasku 1: maksettu 100,00 €, avoinna 332,98 €"

    assert run(data, "pay", "1", "--amount", "332.98", "--date", TODAY) == 0
    assert output(capsys)[0].strip() == "Lasku 1: maksettu kokonaan (432,98 €)."

    assert run(data, "--lang", "en", "pay", "1", "--amount", "5", "--date", TODAY) == 0
    assert "Invoice 1: overpaid by €5.00 (paid €437.98)" in output(capsys)[0]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["pay", "1", "--amount", "0", "--date", TODAY], "more than zero"),
        (["pay", "1", "--amount", "-5", "--date", TODAY], "cannot be negative"),
        (["pay", "1", "--amount", "lots", "--date", TODAY], "not an amount of money"),
        (["pay", "1", "--amount", "5", "--date", "2999-01-01"], "in the future"),
        (["pay", "7", "--amount", "5", "--date", TODAY], "No invoice with the number 7"),
    ],
)
def test_a_refused_payment_is_a_sentence_and_exit_code_2(
    data: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    assert run(data, "--lang", "en", *args) == 2
    out, err = output(capsys)
    assert words in err and "Traceback" not in err
    assert out == ""


def test_import_payments_lists_each_payment_then_the_summary(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "--lang", "en", "import", "payments", str(BANK / "camt054.xml")) == 0

    lines = output(capsys)[0].strip().splitlines()
    assert lines[0].startswith("20261110CAMT0001") and lines[0].endswith("matched invoice 1")
    assert "reference RF551000025" in lines[1] and lines[1].endswith("matched invoice 2")
    assert lines[2].startswith("2 payments matched an invoice (€186.00), 0 matched no invoice")

    assert run(data, "import", "payments", str(BANK / "camt054.xml")) == 0

    out = output(capsys)[0]
    assert out.count("tuotu jo aiemmin, ei lisätty uudelleen") == 2
    assert "Laskuille kohdistui 0 maksua (0,00 €), 0 ei kohdistunut" in out


def test_import_payments_with_unmatched_ones_still_succeeds_and_lists_them(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "viite.txt"
    unknown = national_reference(777777)
    text = (BANK / "viitesiirto.txt").read_bytes().replace(b"1000025", unknown.encode())
    path.write_bytes(text)

    assert run(data, "--lang", "en", "import", "payments", str(path)) == 0

    out = output(capsys)[0]
    assert "matched invoice 1" in out
    assert f"not matched: No invoice has the reference {unknown}." in out
    assert "1 payments matched an invoice (€124.00), 1 matched no invoice" in out


@pytest.mark.parametrize("content", [None, b"", b"not a bank file at all\n"])
def test_an_unreadable_payment_file_is_exit_code_2(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None
) -> None:
    path = tmp_path / "viite.txt"
    if content is not None:
        path.write_bytes(content)

    assert run(data, "--lang", "en", "import", "payments", str(path)) == 2

    err = output(capsys)[1]
    assert err.strip() and "Traceback" not in err


def test_reminders_are_written_once_in_14_days(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "muistutukset"

    assert run(data, "reminders", "--out", str(out), "--date", "2026-12-04") == 0
    assert output(capsys)[0].strip() == "Mikään lasku ei tarvitse muistutusta."
    assert not out.exists()

    assert run(data, "reminders", "--out", str(out), "--date", "2026-12-14") == 0

    printed = output(capsys)[0].strip().splitlines()
    assert sorted(path.name for path in out.iterdir()) == ["reminder-1.pdf", "reminder-2.pdf"]
    assert (out / "reminder-1.pdf").read_bytes().startswith(b"%PDF")
    assert printed[0].startswith("Muistutus laskusta 1: Korjaamo Virtanen Oy, maksettava 440,98 €")
    assert "maksettava 437,98 € (muistutusmaksu 5,00 €)" in printed[1]

    assert run(data, "reminders", "--out", str(out), "--date", "2026-12-27") == 0
    assert output(capsys)[0].strip() == "Mikään lasku ei tarvitse muistutusta."


def test_household_statement_writes_the_pdf(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "pay", "2", "--amount", "432,98", "--date", TODAY) == 0
    capsys.readouterr()
    pdf = tmp_path / "todistus" / "2001.pdf"

    year = str(date.today().year)
    assert (
        run(data, "household-statement", "--customer", "2001", "--year", year, "--out", str(pdf))
        == 0
    )

    assert pdf.read_bytes().startswith(b"%PDF")
    assert str(pdf) in output(capsys)[0]

    assert (
        run(data, "household-statement", "--customer", "1001", "--year", year, "--out", str(pdf))
        == 2
    )
    assert "ei ole kotitalous" in output(capsys)[1]


def test_invoices_export_writes_the_sales_ledger(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "myynti.csv"

    assert (
        run(
            data,
            "invoices",
            "export",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--out",
            str(path),
        )
        == 0
    )

    assert output(capsys)[0].strip() == f"Vietiin 2 riviä tiedostoon {path}."
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert tuple(rows[0]) == SALES_HEADERS
    assert [(row[0], row[9]) for row in rows[1:]] == [("1", "432.98"), ("2", "432.98")]

    bad = tmp_path / "myynti.ods"
    assert (
        run(
            data,
            "invoices",
            "export",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-30",
            "--out",
            str(bad),
        )
        == 2
    )
    assert ".csv" in output(capsys)[1]
