"""Manual lines on a draft: typed the Finnish way, checked field by field, billed once by the
next invoice, deletable only while pending (the service and the store both refuse)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import delete, select
from sqlalchemy.exc import DBAPIError

from jobcenter_desktop.db.errors import NotFoundError, UserError
from jobcenter_desktop.db.models import AuditEntry, Customer, ExtraLine
from jobcenter_desktop.db.records import set_archived
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import VatTreatment
from jobcenter_desktop.domain.invoices import LineKind, Unit
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.forms.invoicing import ExtraLineInput
from jobcenter_desktop.queries.extra_lines import pending_extra_lines
from jobcenter_desktop.services.invoicing.extra_lines import add_extra_line, delete_extra_line
from jobcenter_desktop.services.invoicing.issuing import issue_run, preview
from jobcenter_desktop.services.invoicing.pricing import Period
from tests.invoicing_data import (
    NOVEMBER,
    People,
    approved_gig,
    company,
    invoicing_centre,
    priced_contract,
)

pytestmark = pytest.mark.usefixtures("finnish")


def _line(customer_id: int, **overrides: str) -> ExtraLineInput:
    data = ExtraLineInput(
        customer_id=customer_id,
        day="12.11.2026",
        description="Jätesäkit, 10 kpl",
        quantity="2",
        unit_price="4,50",
    )
    return replace(data, **overrides)


def test_a_line_typed_the_finnish_way_is_pending_and_audited(store: Store) -> None:
    customer = company(store)
    line_id = add_extra_line(
        store, _line(customer, day="12.11.2026", quantity="1,5", unit="h", kind="Muu")
    )
    [row] = pending_extra_lines(store, customer)
    assert row.id == line_id
    assert row.day == date(2026, 11, 12)
    assert row.kind is LineKind.OTHER
    assert row.quantity == Decimal("1.50") and row.unit is Unit.HOUR
    assert row.unit_price == Decimal("4.50") and row.net == Decimal("6.75")
    assert row.vat_treatment is VatTreatment.GENERAL and row.vat_reason == ""
    with store.read() as session:
        entry = session.scalar(select(AuditEntry).where(AuditEntry.entity == "extra_line"))
        assert entry is not None and entry.action == "create" and entry.entity_id == line_id
        assert entry.after is not None and entry.after["description"] == "Jätesäkit, 10 kpl"


@pytest.mark.parametrize(
    ("field", "overrides", "words"),
    [
        ("day", {"day": ""}, "Päivämäärä"),
        ("day", {"day": "31.2.2026"}, "Päivämäärä"),
        ("kind", {"kind": "worker_hours"}, "Laji"),
        ("description", {"description": "  "}, "Kuvaus"),
        ("description", {"description": "x" * 301}, "Kuvaus"),
        ("quantity", {"quantity": "0"}, "Määrä"),
        ("quantity", {"quantity": "-1"}, "Määrä"),
        ("quantity", {"quantity": "1,234"}, "Määrä"),
        ("quantity", {"quantity": "kaksi"}, "Määrä"),
        ("quantity", {"quantity": "100000,01"}, "Määrä"),
        ("unit", {"unit": "litra"}, "Yks."),
        ("unit_price", {"unit_price": ""}, "À-hinta"),
        ("unit_price", {"unit_price": "-5"}, "À-hinta"),
        ("unit_price", {"unit_price": "4,505"}, "À-hinta"),
        ("vat_treatment", {"vat_treatment": "luxury"}, "Arvonlisävero"),
        ("vat_reason", {"vat_treatment": "exempt", "vat_reason": ""}, "Verottomuuden"),
    ],
)
def test_a_wrong_field_is_named_and_nothing_is_saved(
    store: Store, field: str, overrides: dict[str, str], words: str
) -> None:
    customer = company(store)
    with pytest.raises(ValidationError) as raised:
        add_extra_line(store, _line(customer, **overrides))
    assert list(raised.value.errors) == [field]
    assert raised.value.errors[field].startswith(words)
    assert pending_extra_lines(store, customer) == []


def test_all_the_problems_of_a_form_are_told_at_once(store: Store) -> None:
    customer = company(store)
    with pytest.raises(ValidationError) as raised:
        add_extra_line(store, _line(customer, day="huomenna", quantity="", unit_price="abc"))
    assert set(raised.value.errors) == {"day", "quantity", "unit_price"}


def test_a_missing_or_archived_customer_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError) as raised:
        add_extra_line(store, _line(9999))
    assert list(raised.value.errors) == ["customer"]
    customer = company(store)
    set_archived(store, Customer, customer, True)
    with pytest.raises(ValidationError) as raised:
        add_extra_line(store, _line(customer))
    assert "arkistoitu" in raised.value.errors["customer"]


def test_an_exempt_line_keeps_its_reason_and_a_general_one_drops_it(store: Store) -> None:
    customer = company(store)
    add_extra_line(store, _line(customer, vat_treatment="exempt", vat_reason="AVL 34 §"))
    add_extra_line(store, _line(customer, vat_reason="ei tarvita"))
    exempt, general = pending_extra_lines(store, customer)
    assert exempt.vat_treatment is VatTreatment.EXEMPT and exempt.vat_reason == "AVL 34 §"
    assert general.vat_reason == ""


def test_the_next_draft_bills_pending_lines_up_to_the_periods_end(store: Store) -> None:
    invoicing_centre(store)
    customer = company(store)
    contract = priced_contract(store, customer)
    approved_gig(store, contract, date(2026, 11, 4), People(store))
    add_extra_line(store, _line(customer, day="12.11.2026"))  # 2 × 4,50
    add_extra_line(store, _line(customer, day="1.12.2026", description="Joulukuun tarvikkeet"))
    [draft] = preview(store, Period.month(NOVEMBER))
    materials = [line for line in draft.lines if line.kind is LineKind.MATERIAL]
    assert [line.description for line in materials] == ["Jätesäkit, 10 kpl"]
    assert materials[0].net == Decimal("9.00") and materials[0].vat_rate == Decimal("25.5")
    # 6 worker-hours at 35 € and 3 instructor-hours at 45 €, and the materials.
    assert draft.totals.net == Decimal("354.00")


def test_a_line_alone_makes_a_draft(store: Store) -> None:
    customer = company(store)
    add_extra_line(store, _line(customer))
    [draft] = preview(store, Period.month(NOVEMBER))
    assert draft.customer_id == customer and len(draft.lines) == 1
    assert draft.totals.total == Decimal("11.30")  # 9,00 + 25,5 % VAT (2,295 -> 2,30)


def test_a_billed_line_is_no_longer_pending_and_cannot_be_deleted(store: Store) -> None:
    invoicing_centre(store)
    customer = company(store)
    line_id = add_extra_line(store, _line(customer))
    [issued] = issue_run(store, Period.month(NOVEMBER), issue_date=date(2026, 12, 1))
    assert issued.total == Decimal("11.30")
    assert pending_extra_lines(store, customer) == []
    with pytest.raises(UserError, match="hyvityslaskulla"):
        delete_extra_line(store, line_id)
    # Around the service, the store itself refuses.
    with pytest.raises((DBAPIError, UserError)), store.write() as tx:
        tx.session.execute(delete(ExtraLine).where(ExtraLine.id == line_id))
    assert preview(store, Period.month(NOVEMBER)) == []  # and it is never billed twice


def test_a_pending_line_is_deleted_and_the_deletion_audited(store: Store) -> None:
    customer = company(store)
    line_id = add_extra_line(store, _line(customer))
    delete_extra_line(store, line_id)
    assert pending_extra_lines(store, customer) == []
    with store.read() as session:
        actions = session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.entity == "extra_line", AuditEntry.entity_id == line_id)
            .order_by(AuditEntry.id)
        ).all()
    assert actions == ["create", "delete"]
    with pytest.raises(NotFoundError):
        delete_extra_line(store, line_id)


def test_pending_lines_are_the_customers_own(store: Store) -> None:
    first = company(store)
    second = company(store, name="Toinen Oy", business_id="2077474-0")
    add_extra_line(store, _line(first))
    assert pending_extra_lines(store, second) == []
