"""The invoice run: pricing by contract, numbers in series, snapshots, locks, credit notes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.locks import GIG_INVOICED, INVOICE_ISSUED, OUT_OF_SERIES
from jobcenter_desktop.db.models import Centre, Invoice, InvoicedGig
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.invoices import DocumentKind, InvoiceStatus, LineKind
from jobcenter_desktop.domain.references import is_national_reference
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.queries.centre import load_centre
from jobcenter_desktop.queries.customers import load_customer
from jobcenter_desktop.queries.invoices import invoice_document, invoice_row, list_invoices
from jobcenter_desktop.services.invoicing.issuing import (
    RunCancelled,
    credit,
    draft_documents,
    issue_run,
    preview,
    reference_for,
)
from jobcenter_desktop.services.invoicing.pricing import Period
from jobcenter_desktop.services.planning.gigs import add_gig, cancel_gig
from jobcenter_desktop.services.registers.centre import save_centre
from jobcenter_desktop.services.registers.customers import save_customer
from jobcenter_desktop.services.timesheets.entries import reopen
from tests.invoicing_data import (
    People,
    approved_gig,
    company,
    household,
    invoicing_centre,
    priced_contract,
)

NOVEMBER = Period.month("2026-11")
ISSUED_ON = date(2026, 12, 1)


@pytest.fixture
def people(store: Store) -> People:
    invoicing_centre(store)
    return People(store)


def test_a_gig_is_priced_by_its_contract_and_the_totals_add_up(
    store: Store, people: People, finnish: None
) -> None:
    contract = priced_contract(store)
    approved_gig(store, contract, date(2026, 11, 2), people)
    [draft] = preview(store, NOVEMBER)
    kinds = [(line.kind, line.quantity, line.unit_price, line.net) for line in draft.lines]
    # Two participants 3 h at 35 €, the instructor 3 h at 45 €.
    assert kinds == [
        (LineKind.WORKER_HOURS, Decimal("6.00"), Decimal("35.00"), Decimal("210.00")),
        (LineKind.INSTRUCTOR_HOURS, Decimal("3.00"), Decimal("45.00"), Decimal("135.00")),
    ]
    totals = draft.totals
    assert (totals.net, totals.vat, totals.total) == (
        Decimal("345.00"),
        Decimal("87.98"),
        Decimal("432.98"),
    )
    assert [row.rate for row in totals.vat_rows] == [Decimal("25.5")]
    assert draft.lines[0].description == "Työ: Taukotilojen siivous"


def test_visit_price_minimum_charge_and_travel_fee_per_visit(store: Store, people: People) -> None:
    contract = priced_contract(
        store,
        worker_hour_price="10,00",
        instructor_hour_price="",
        visit_price="20,00",
        minimum_charge="150,00",
        travel_fee="7,50",
    )
    approved_gig(store, contract, date(2026, 11, 3), people, end="9")
    [draft] = preview(store, NOVEMBER)
    nets = {line.kind: line.net for line in draft.lines}
    # 2 h × 10 € + 20 € visit = 40 €, topped up to the 150 € minimum; travel on top.
    assert nets == {
        LineKind.WORKER_HOURS: Decimal("20.00"),
        LineKind.VISIT: Decimal("20.00"),
        LineKind.MINIMUM: Decimal("110.00"),
        LineKind.TRAVEL: Decimal("7.50"),
    }


def test_a_billable_cancellation_is_invoiced_once(store: Store, people: People) -> None:
    contract = priced_contract(store, minimum_charge="80,00")
    gig = add_gig(store, contract, date(2026, 11, 4), time(9), 120)
    cancel_gig(store, gig, "customer", "Tilaaja perui", billable=True)
    [draft] = preview(store, NOVEMBER)
    assert [(line.kind, line.net) for line in draft.lines] == [
        (LineKind.CANCELLATION, Decimal("80.00"))
    ]
    issue_run(store, NOVEMBER, issue_date=ISSUED_ON)
    assert preview(store, NOVEMBER) == []
    # The services only move planned gigs; the store itself keeps the invoiced one.
    with pytest.raises(DBAPIError, match=GIG_INVOICED), store.engine.begin() as connection:
        connection.execute(text(f"UPDATE gig SET cancel_billable = 0 WHERE id = {gig}"))


def test_lines_summarised_per_contract_and_month(store: Store, people: People) -> None:
    customer = company(store)
    data = load_customer(store, customer)
    save_customer(store, replace(data, invoice_detail="per_month"), customer)
    contract = priced_contract(store, customer)
    for day in (2, 9, 16):
        approved_gig(store, contract, date(2026, 11, day), people)
    [draft] = preview(store, NOVEMBER)
    assert [(line.kind, line.quantity) for line in draft.lines] == [
        (LineKind.WORKER_HOURS, Decimal("18.00")),
        (LineKind.INSTRUCTOR_HOURS, Decimal("9.00")),
    ]
    first = draft.lines[0]
    assert (first.period_start, first.period_end) == (date(2026, 11, 2), date(2026, 11, 16))
    assert "3 käyntiä" in first.description


def test_the_run_issues_in_series_and_a_rerun_invoices_nothing_twice(
    store: Store, people: People
) -> None:
    first = priced_contract(store, company(store))
    second = priced_contract(store, company(store, name="Seurakunta", business_id="0737546-2"))
    approved_gig(store, first, date(2026, 11, 2), people)
    approved_gig(store, second, date(2026, 11, 3), people)
    approved_gig(store, first, date(2026, 10, 30), people)  # another month
    issued = issue_run(store, NOVEMBER, issue_date=ISSUED_ON)
    assert [invoice.number for invoice in issued] == [1, 2]
    assert all(invoice.pdf.startswith(b"%PDF") for invoice in issued)
    assert all(invoice.finvoice is not None for invoice in issued)
    assert issue_run(store, NOVEMBER, issue_date=ISSUED_ON) == []
    row = invoice_row(store, 1, today=ISSUED_ON)
    assert row is not None
    assert row.status is InvoiceStatus.OPEN
    assert row.reference == reference_for(1) == "1000012"
    assert is_national_reference(row.reference)
    assert row.due_date == date(2026, 12, 15)
    # October's gig is still there for October's run; the series goes on.
    [october] = issue_run(store, Period.month("2026-10"), issue_date=ISSUED_ON)
    assert october.number == 3
    centre = load_centre(store)
    assert centre is not None and centre.next_invoice_number == "4"
    assert store.backups_dir is not None
    assert any("before-invoice-run" in p.name for p in store.backups_dir.iterdir())


def test_an_issued_invoice_is_a_snapshot_later_edits_change_nothing(
    store: Store, people: People
) -> None:
    customer = company(store)
    approved_gig(store, priced_contract(store, customer), date(2026, 11, 2), people)
    [invoice] = issue_run(store, NOVEMBER, issue_date=ISSUED_ON)
    data = load_customer(store, customer)
    save_customer(store, replace(data, name="Uusi Nimi Oy"), customer)
    document = invoice_document(store, invoice.number)
    assert document is not None
    assert document.buyer.party.name == "Korjaamo Virtanen Oy"


def test_the_store_refuses_changes_to_issued_invoices(store: Store, people: People) -> None:
    gig = approved_gig(store, priced_contract(store), date(2026, 11, 2), people)
    issue_run(store, NOVEMBER, issue_date=ISSUED_ON)
    statements = [
        (INVOICE_ISSUED, "UPDATE invoice SET total = 1 WHERE number = 1"),
        (INVOICE_ISSUED, "DELETE FROM invoice WHERE number = 1"),
        (INVOICE_ISSUED, "DELETE FROM invoiced_gig"),
        (INVOICE_ISSUED, "UPDATE invoiced_gig SET gig_id = gig_id + 1"),
        (OUT_OF_SERIES, "UPDATE centre SET next_invoice_number = 1"),
        (GIG_INVOICED, f"UPDATE timesheet_entry SET approved_at = NULL WHERE gig_id = {gig}"),
        (GIG_INVOICED, f"UPDATE gig SET day = '2026-11-20' WHERE id = {gig}"),
    ]
    for message, statement in statements:
        with pytest.raises(DBAPIError, match=message), store.engine.begin() as connection:
            connection.execute(text(statement))
    with pytest.raises(DBAPIError, match=OUT_OF_SERIES), store.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO invoice (number, kind, customer_id, releases_hours, issue_date,"
                " due_date, period_start, period_end, reference, net, vat, total, document,"
                " pdf, issued_at, issued_by, search) SELECT 7, kind, customer_id, 0, issue_date,"
                " due_date, period_start, period_end, '999', net, vat, total, document, pdf,"
                " issued_at, issued_by, search FROM invoice WHERE number = 1"
            )
        )
    with pytest.raises(UserError, match="laskulla 1"):
        reopen(store, gig, "korjaus")


def test_the_next_invoice_number_cannot_go_back(store: Store, people: People) -> None:
    approved_gig(store, priced_contract(store), date(2026, 11, 2), people)
    issue_run(store, NOVEMBER, issue_date=ISSUED_ON)
    centre = load_centre(store)
    assert centre is not None
    with pytest.raises(ValidationError, match="suurempi kuin 1"):
        save_centre(store, replace(centre, next_invoice_number="1"))
    save_centre(store, replace(centre, next_invoice_number="100"))
    with store.read() as session:
        assert session.scalar(select(Centre.next_invoice_number)) == 100


def test_a_cancelled_run_leaves_no_invoice_and_no_used_number(store: Store, people: People) -> None:
    for day in (2, 3, 4):
        approved_gig(
            store,
            priced_contract(store, company(store, name=f"Yritys {day}")),
            date(2026, 11, day),
            people,
        )
    seen: list[tuple[int, int]] = []
    with pytest.raises(RunCancelled):
        issue_run(
            store,
            NOVEMBER,
            issue_date=ISSUED_ON,
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) >= 2,
        )
    assert seen == [(1, 3), (2, 3)]
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Invoice)) == 0
        assert session.scalar(select(func.count()).select_from(InvoicedGig)) == 0
        assert session.scalar(select(Centre.next_invoice_number)) == 1
    assert [invoice.number for invoice in issue_run(store, NOVEMBER, issue_date=ISSUED_ON)] == [
        1,
        2,
        3,
    ]


def test_credit_notes_full_partial_and_releasing_the_hours(store: Store, people: People) -> None:
    contract = priced_contract(store)
    approved_gig(store, contract, date(2026, 11, 2), people)
    [invoice] = issue_run(store, NOVEMBER, issue_date=ISSUED_ON)
    part = credit(store, invoice.number, [2], issue_date=ISSUED_ON)
    assert part.kind is DocumentKind.CREDIT_NOTE
    assert part.number == 2
    assert part.total == Decimal("-169.43")  # -135.00 - 34.43 VAT
    document = invoice_document(store, part.number)
    assert document is not None
    assert document.credited_number == invoice.number
    assert document.barcode == ""
    with pytest.raises(UserError, match="on jo hyvitetty"):
        credit(store, invoice.number, issue_date=ISSUED_ON)
    with pytest.raises(UserError, match="ei ole riviä 5"):
        credit(store, invoice.number, [5], issue_date=ISSUED_ON)
    with pytest.raises(UserError, match="hyvityslasku"):
        credit(store, part.number, issue_date=ISSUED_ON)
    assert preview(store, NOVEMBER) == []


def test_a_full_credit_that_releases_the_hours_makes_them_invoiceable_again(
    store: Store, people: People
) -> None:
    approved_gig(store, priced_contract(store), date(2026, 11, 2), people)
    [invoice] = issue_run(store, NOVEMBER, issue_date=ISSUED_ON)
    credit(store, invoice.number, release_hours=True, issue_date=ISSUED_ON)
    row = invoice_row(store, invoice.number, today=ISSUED_ON)
    assert row is not None and row.status is InvoiceStatus.CREDITED
    [again] = issue_run(store, NOVEMBER, issue_date=ISSUED_ON)
    assert again.number == 3 and again.total == invoice.total
    statuses = {row.number: row.status for row in list_invoices(store, today=ISSUED_ON)}
    assert statuses == {
        1: InvoiceStatus.CREDITED,
        2: InvoiceStatus.CREDIT_NOTE,
        3: InvoiceStatus.OPEN,
    }


def test_household_work_share_only_in_the_prepayment_register(store: Store, people: People) -> None:
    customer = household(store)
    contract = priced_contract(store, customer, household_deduction="yes", travel_fee="10,00")
    approved_gig(store, contract, date(2026, 11, 5), people)
    [draft] = preview(store, NOVEMBER)
    # Work 345.00 + 25.5 % = 432.98; the travel fee is not work.
    assert draft.work_share == Decimal("432.98")
    assert draft.work_days == (date(2026, 11, 5),)
    centre = load_centre(store)
    assert centre is not None
    save_centre(store, replace(centre, prepayment_register=False))
    [draft] = preview(store, NOVEMBER)
    assert draft.work_share is None
    [invoice] = issue_run(store, NOVEMBER, issue_date=ISSUED_ON)
    assert invoice.finvoice is None  # a household gets paper


def test_a_centre_not_liable_for_vat_bills_no_vat_with_the_reason(
    store: Store, people: People, finnish: None
) -> None:
    centre = load_centre(store)
    assert centre is not None
    save_centre(store, replace(centre, vat_status="not_liable"))
    approved_gig(store, priced_contract(store), date(2026, 11, 2), people)
    [document] = [doc for _draft, doc in draft_documents(store, NOVEMBER, issue_date=ISSUED_ON)]
    assert document.totals.vat == 0
    assert document.vat_note == "Myyjä ei ole arvonlisäverovelvollinen (AVL 3 §)"
    assert {line.vat_reason for line in document.lines} == {document.vat_note}


def test_a_run_without_the_centre_is_refused_with_a_sentence(tmp_path: Path, finnish: None) -> None:
    empty = Store.open(tmp_path / "x.db", tmp_path / "backups")
    try:
        with pytest.raises(UserError, match="työkeskuksen tiedot"):
            issue_run(empty, NOVEMBER)
    finally:
        empty.close()


def test_check_finds_a_gap_in_the_series_and_sums_that_differ(store: Store, people: People) -> None:
    from jobcenter_desktop.services.integrity import check_store

    for day in (2, 3, 4):
        customer = company(store, name=f"Oy {day}")
        approved_gig(store, priced_contract(store, customer), date(2026, 11, day), people)
    issue_run(store, NOVEMBER, issue_date=ISSUED_ON)
    assert check_store(store) == []
    with store.engine.begin() as connection:  # a hand edit behind the program's back
        for trigger in (
            "invoice_issued_update",
            "invoice_issued_delete",
            "invoiced_gig_issued_delete",
        ):
            connection.execute(text(f"DROP TRIGGER {trigger}"))
        connection.execute(text("UPDATE invoice SET total = total + 100 WHERE number = 3"))
        connection.execute(text("DELETE FROM invoiced_gig WHERE invoice_id = 2"))
        connection.execute(text("DELETE FROM invoice WHERE number = 2"))
    found = check_store(store)
    assert "Laskunumerot 2 puuttuvat sarjasta." in found, found
    assert any(problem.startswith("Lasku 3:") for problem in found), found
    assert any("invoice_issued_update" in problem for problem in found), found
