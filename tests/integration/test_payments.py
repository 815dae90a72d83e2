"""Payments: by hand (partial, full, overpaid, refused) and from the bank's files."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import AuditEntry, Payment
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.invoices import InvoiceStatus
from jobcenter_desktop.domain.limits import MAX_BYTES_VARIABLE
from jobcenter_desktop.domain.references import national_reference, rf_reference
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import set_language
from jobcenter_desktop.interchange.payment_import import import_payments
from jobcenter_desktop.queries.invoices import invoice_row
from jobcenter_desktop.services.invoicing.issuing import credit
from jobcenter_desktop.services.invoicing.payments import (
    CORRECTION_SUFFIX,
    PaymentLine,
    match_reference,
    record_payment,
)
from tests.payments_data import (
    COMPANY_INVOICE,
    HOUSEHOLD_INVOICE,
    TOTAL,
    count,
    counts,
    two_invoices,
)
from tests.store_files import command
from tests.unit.test_bank_payments import (
    batch_line,
    camt,
    entry,
    ktl,
    payment_line,
    sum_line,
    tx,
)

BANK = Path(__file__).resolve().parents[1] / "data" / "bank"
REF_1 = national_reference(100001)  # invoice 1
REF_2 = national_reference(100002)  # invoice 2
TODAY = date.today()


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("fi")


@pytest.fixture
def invoiced(store: Store) -> Store:
    two_invoices(store)
    return store


def payments(store: Store) -> list[tuple[int | None, str | None, Decimal, str]]:
    """(invoice number, archive id, amount, source) of every stored payment, in order."""
    from jobcenter_desktop.db.models import Invoice

    with store.read() as session:
        rows = session.execute(
            select(Invoice.number, Payment.archive_id, Payment.amount, Payment.source)
            .outerjoin(Invoice, Invoice.id == Payment.invoice_id)
            .order_by(Payment.id)
        ).all()
    return [(number, archive, amount, source) for number, archive, amount, source in rows]


# --- by hand ----------------------------------------------------------------------------------


def test_partial_then_full_then_over_payment_by_hand(invoiced: Store) -> None:
    first = record_payment(invoiced, COMPANY_INVOICE, "100,00", TODAY)
    assert (first.paid, first.open_amount) == (Decimal("100.00"), TOTAL - 100)
    assert first.status in (InvoiceStatus.OPEN, InvoiceStatus.OVERDUE)

    full = record_payment(invoiced, COMPANY_INVOICE, Decimal("332.98"), TODAY)
    assert (full.paid, full.open_amount, full.status) == (TOTAL, 0, InvoiceStatus.PAID)

    over = record_payment(invoiced, COMPANY_INVOICE, "10", TODAY - timedelta(days=1))
    assert over.open_amount == Decimal("-10.00")
    assert over.status is InvoiceStatus.PAID
    assert payments(invoiced) == [
        (COMPANY_INVOICE, None, Decimal("100.00"), "manual"),
        (COMPANY_INVOICE, None, Decimal("332.98"), "manual"),
        (COMPANY_INVOICE, None, Decimal("10.00"), "manual"),
    ]
    # The other invoice is untouched.
    other = invoice_row(invoiced, HOUSEHOLD_INVOICE)
    assert other is not None and other.paid == 0


def test_a_payment_by_hand_is_audited(invoiced: Store) -> None:
    record_payment(invoiced, HOUSEHOLD_INVOICE, "1 234,50 €", TODAY)

    with invoiced.read() as session:
        entry_ = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "payment").order_by(AuditEntry.id)
        ).one()
    assert entry_.action == "create" and entry_.actor == "tester"
    assert entry_.after is not None
    assert entry_.after["invoice"] == HOUSEHOLD_INVOICE
    assert entry_.after["amount"] == "1234.50"
    assert entry_.after["source"] == "manual"


@pytest.mark.parametrize(
    ("number", "amount", "day", "error", "words"),
    [
        (1, "0", TODAY, ValidationError, "more than zero"),
        (1, "0,00", TODAY, ValidationError, "more than zero"),
        (1, "-5,00", TODAY, ValidationError, "cannot be negative"),
        (1, "abc", TODAY, ValidationError, "not an amount of money"),
        (1, "12,345", TODAY, ValidationError, "not an amount of money"),
        (1, "", TODAY, ValidationError, "required"),
        (1, Decimal("0.001"), TODAY, ValidationError, "not an amount of money"),
        (1, "10", TODAY + timedelta(days=1), ValidationError, "in the future"),
        (99, "10", TODAY, UserError, "No invoice with the number 99"),
    ],
)
def test_refused_payments_change_nothing(
    invoiced: Store,
    number: int,
    amount: str | Decimal,
    day: date,
    error: type[Exception],
    words: str,
) -> None:
    before = counts(invoiced)

    with pytest.raises(error, match=words):
        record_payment(invoiced, number, amount, day)

    assert counts(invoiced) == before


def test_a_credit_note_is_not_paid(invoiced: Store) -> None:
    note = credit(invoiced, COMPANY_INVOICE, issue_date=date(2026, 11, 21))
    before = counts(invoiced)

    with pytest.raises(UserError, match="credit note"):
        record_payment(invoiced, note.number, "10", TODAY)

    assert counts(invoiced) == before


# --- references --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reference", "national"),
    [
        ("1000012", "1000012"),
        ("00000000000001000012", "1000012"),
        ("10 00012", "1000012"),
        (rf_reference("1000025"), "1000025"),
        ("rf55 1000 025", "1000025"),
        ("RF55000001000025", "1000025"),
        ("1000013", None),  # a wrong check digit
        ("RF56 1000 025", None),
        ("RF551000026", None),  # the RF checks out only for the right body
        ("", None),
        ("ABC", None),
    ],
)
def test_a_reference_matches_in_its_compact_national_form(
    reference: str, national: str | None
) -> None:
    found, reason = match_reference(reference)

    assert found == national
    assert (reason == "") == (national is not None)


# --- bank files --------------------------------------------------------------------------------


def test_the_sample_viitesiirto_file_pays_both_invoices_and_twice_adds_nothing(
    invoiced: Store,
) -> None:
    report = import_payments(invoiced, BANK / "viitesiirto.txt")

    assert report.format == "ktl"
    assert [(line.invoice_number, line.amount, line.outcome) for line in report.lines] == [
        (COMPANY_INVOICE, Decimal("124.00"), "matched"),
        (HOUSEHOLD_INVOICE, Decimal("62.00"), "matched"),
    ]
    assert report.lines[0] == PaymentLine(
        archive_id="2611101234AB0001",
        reference="1000012",
        amount=Decimal("124.00"),
        paid_on=date(2026, 11, 9),
        payer="MÄKINEN AINO",
        invoice_number=COMPANY_INVOICE,
        outcome="matched",
        reason="",
    )
    assert (report.matched, report.unmatched, report.duplicates) == (2, 0, 0)
    assert report.matched_total == Decimal("186.00")
    assert str(report).startswith("2 payments matched an invoice (€186.00)")
    row = invoice_row(invoiced, COMPANY_INVOICE)
    assert row is not None and row.paid == Decimal("124.00")
    stored = payments(invoiced)
    audits = count(invoiced, AuditEntry)

    again = import_payments(invoiced, BANK / "viitesiirto.txt")

    assert [line.outcome for line in again.lines] == ["duplicate", "duplicate"]
    assert [line.invoice_number for line in again.lines] == [COMPANY_INVOICE, HOUSEHOLD_INVOICE]
    assert "imported before" in again.lines[0].reason
    assert (again.matched, again.unmatched, again.duplicates) == (0, 0, 2)
    assert again.matched_total == 0
    assert payments(invoiced) == stored
    assert [source for *_, source in stored] == ["ktl", "ktl"]
    # Only the import's own audit entry: what it did, not a payment.
    assert count(invoiced, AuditEntry) == audits + 1


def test_the_sample_camt054_file_matches_finnish_and_rf_references(invoiced: Store) -> None:
    report = import_payments(invoiced, BANK / "camt054.xml")

    assert report.format == "camt.054"
    assert [(line.archive_id, line.reference, line.invoice_number) for line in report.lines] == [
        ("20261110CAMT0001", "1000012", COMPANY_INVOICE),
        ("20261110CAMT0002", "RF551000025", HOUSEHOLD_INVOICE),
    ]
    assert payments(invoiced) == [
        (COMPANY_INVOICE, "20261110CAMT0001", Decimal("124.00"), "camt.054"),
        (HOUSEHOLD_INVOICE, "20261110CAMT0002", Decimal("62.00"), "camt.054"),
    ]
    assert import_payments(invoiced, BANK / "camt054.xml").duplicates == 2
    assert len(payments(invoiced)) == 2


def test_the_import_is_audited_with_its_counts_and_file(invoiced: Store) -> None:
    import_payments(invoiced, BANK / "viitesiirto.txt")
    import_payments(invoiced, BANK / "viitesiirto.txt")

    with invoiced.read() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "payment", AuditEntry.action == "import")
            .order_by(AuditEntry.id)
        ).all()
    assert len(entries) == 2
    first, second = (e.after or {} for e in entries)
    assert first["file"] == second["file"] == "viitesiirto.txt"
    assert first["format"] == "ktl" and first["payments"] == 2
    assert (first.get("matched", 0), first.get("duplicates", 0)) == (2, 0)
    assert first["matched_total"] == "186.00"
    assert (second.get("matched", 0), second.get("duplicates", 0)) == (0, 2)


def test_unmatched_payments_are_kept_with_the_reason(invoiced: Store, tmp_path: Path) -> None:
    unknown = national_reference(777777)
    path = tmp_path / "viite.txt"
    path.write_bytes(
        ktl(
            batch_line(),
            payment_line(archive_id="A1", reference="1000012", cents=1000),
            payment_line(archive_id="A2", reference=unknown, cents=2000),
            payment_line(archive_id="A3", reference="1000013", cents=3000),
            payment_line(archive_id="A4", reference="", cents=4000),
            sum_line(4, 10000),
        )
    )

    report = import_payments(invoiced, path)

    assert [(line.archive_id, line.outcome, line.invoice_number) for line in report.lines] == [
        ("A1", "matched", COMPANY_INVOICE),
        ("A2", "unmatched", None),
        ("A3", "unmatched", None),
        ("A4", "unmatched", None),
    ]
    reasons = [line.reason for line in report.lines]
    assert reasons[0] == ""
    assert reasons[1] == f"No invoice has the reference {unknown}."
    assert "not a valid Finnish or RF reference" in reasons[2]
    assert "without a reference" in reasons[3]
    assert (report.matched, report.unmatched, report.duplicates) == (1, 3, 0)
    assert report.matched_total == Decimal("10.00")
    assert payments(invoiced) == [
        (COMPANY_INVOICE, "A1", Decimal("10.00"), "ktl"),
        (None, "A2", Decimal("20.00"), "ktl"),
        (None, "A3", Decimal("30.00"), "ktl"),
        (None, "A4", Decimal("40.00"), "ktl"),
    ]
    assert import_payments(invoiced, path).duplicates == 4
    assert len(payments(invoiced)) == 4


def test_a_payment_to_a_credit_notes_reference_is_not_matched(
    invoiced: Store, tmp_path: Path
) -> None:
    note = credit(invoiced, COMPANY_INVOICE, issue_date=date(2026, 11, 21))
    path = tmp_path / "camt.xml"
    path.write_bytes(camt(entry(tx("C1", "5.00", national_reference(100000 + note.number)))))

    report = import_payments(invoiced, path)

    assert report.lines[0].outcome == "unmatched"
    assert f"credit note {note.number}" in report.lines[0].reason


def test_a_correction_with_the_payments_archive_id_is_stored_negative_beside_it(
    invoiced: Store, tmp_path: Path
) -> None:
    path = tmp_path / "korjaus.txt"
    path.write_bytes(
        ktl(
            batch_line(),
            payment_line(archive_id="X1", reference="1000012", cents=12400),
            payment_line(kind="5", archive_id="X1", reference="1000012", cents=12400),
            payment_line(archive_id="X2", reference="1000025", cents=5000),
            sum_line(2, 17400, 1, 12400),
        )
    )

    report = import_payments(invoiced, path)

    assert [(line.archive_id, line.amount, line.outcome) for line in report.lines] == [
        ("X1", Decimal("124.00"), "matched"),
        ("X1", Decimal("-124.00"), "matched"),
        ("X2", Decimal("50.00"), "matched"),
    ]
    assert report.matched_total == Decimal("50.00")
    assert payments(invoiced) == [
        (COMPANY_INVOICE, "X1", Decimal("124.00"), "ktl"),
        (COMPANY_INVOICE, "X1" + CORRECTION_SUFFIX, Decimal("-124.00"), "ktl"),
        (HOUSEHOLD_INVOICE, "X2", Decimal("50.00"), "ktl"),
    ]
    row = invoice_row(invoiced, COMPANY_INVOICE)
    assert row is not None and row.paid == 0 and row.open_amount == TOTAL

    again = import_payments(invoiced, path)

    assert [line.outcome for line in again.lines] == ["duplicate"] * 3
    assert len(payments(invoiced)) == 3


def test_a_camt_reversal_in_a_later_file_undoes_the_payment(
    invoiced: Store, tmp_path: Path
) -> None:
    paid, reversed_ = tmp_path / "1.xml", tmp_path / "2.xml"
    paid.write_bytes(camt(entry(tx("R1", "62.00", rf_reference("1000025")), amount="62.00")))
    reversed_.write_bytes(
        camt(entry(tx("R1", "62.00", rf_reference("1000025")), amount="62.00", reversal=True))
    )

    import_payments(invoiced, paid)
    report = import_payments(invoiced, reversed_)

    assert [(line.amount, line.outcome) for line in report.lines] == [
        (Decimal("-62.00"), "matched")
    ]
    row = invoice_row(invoiced, HOUSEHOLD_INVOICE)
    assert row is not None and row.paid == 0
    # The payment's file imported again is still a duplicate, the reversal too.
    assert import_payments(invoiced, paid).duplicates == 1
    assert import_payments(invoiced, reversed_).duplicates == 1


def test_lines_the_reader_cannot_read_are_reported_and_the_rest_imported(
    invoiced: Store, tmp_path: Path
) -> None:
    path = tmp_path / "viite.txt"
    path.write_bytes(
        ktl(
            batch_line(),
            payment_line(archive_id="G1", reference="1000012", cents=1000),
            payment_line(archive_id="G2", reference="1000012", cents=1000)[:80],
            sum_line(1, 1000),
        )
    )

    report = import_payments(invoiced, path)

    assert [line.archive_id for line in report.lines] == ["G1"]
    assert report.problems and report.problems[0].startswith("Line 3")


@pytest.mark.parametrize("kind", ["missing", "folder", "not a bank file", "empty"])
def test_a_file_that_cannot_be_read_is_refused_and_nothing_stored(
    invoiced: Store, tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "file.txt"
    if kind == "folder":
        path.mkdir()
    elif kind == "not a bank file":
        path.write_text("number;name\n1;Aino\n", encoding="utf-8")
    elif kind == "empty":
        path.write_bytes(b"")
    before = counts(invoiced)

    with pytest.raises(UserError):
        import_payments(invoiced, path)

    assert counts(invoiced) == before


def test_a_file_over_the_import_limit_is_refused(
    invoiced: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MAX_BYTES_VARIABLE, "100")
    path = tmp_path / "viite.txt"
    shutil.copy(BANK / "viitesiirto.txt", path)

    with pytest.raises(UserError, match="larger than"):
        import_payments(invoiced, path)

    assert count(invoiced, Payment) == 0


def test_two_processes_importing_the_same_file_at_once_add_it_once(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    store = Store.open(folder / "jobcenter.db", folder / "backups", actor="tester")
    try:
        two_invoices(store)
    finally:
        store.close()
    runs = [
        subprocess.Popen(
            command(folder, "--lang", "en", "import", "payments", str(BANK / "viitesiirto.txt")),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]

    for code, out, err in results:
        assert code == 0, (out, err)
        assert "Traceback" not in err
    outputs = [out for _code, out, _err in results]
    assert sum("matched invoice 1" in out for out in outputs) == 1
    assert sum("already imported" in out for out in outputs) == 1
    store = Store.open(folder / "jobcenter.db", folder / "backups", actor="tester")
    try:
        assert [archive for _n, archive, *_ in payments(store)] == [
            "2611101234AB0001",
            "2611101234AB0002",
        ]
    finally:
        store.close()
