"""The dated rate tables of Settings (services/invoicing/rates.py, queries/rates.py), VAT by
the date of supply through the pricing, and the billable amount of each gig."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest
from sqlalchemy import select

from jobcenter_desktop.db.errors import NotFoundError, UserError
from jobcenter_desktop.db.models import AuditEntry, InterestRateRow, VatRateRow
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import VatTreatment
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.queries.rates import interest_rates, vat_rates
from jobcenter_desktop.services.invoicing.amounts import billable_amounts
from jobcenter_desktop.services.invoicing.issuing import issue_run, preview
from jobcenter_desktop.services.invoicing.pricing import Period, gig_amount
from jobcenter_desktop.services.invoicing.rates import (
    delete_interest_rate,
    delete_vat_rate,
    percentage,
    save_interest_rate,
    save_vat_rate,
)
from jobcenter_desktop.services.planning.gigs import add_gig, assign, cancel_gig
from jobcenter_desktop.services.timesheets.entries import EntryInput, record_entries
from tests.builders import make_customer
from tests.invoicing_data import People, approved_gig, invoicing_centre, priced_contract

pytestmark = pytest.mark.usefixtures("finnish")

GENERAL, FOOD, REDUCED = VatTreatment.GENERAL, VatTreatment.FOOD, VatTreatment.REDUCED
# Two workers at 35 €/h and an instructor at 45 €/h for three hours.
GIG_NET = Decimal("345.00")


def table(store: Store) -> list[tuple[VatTreatment, date, Decimal]]:
    return [(row.category, row.valid_from, row.rate) for row in vat_rates(store)]


def audit(store: Store, entity: str) -> list[tuple[str, object, object]]:
    with store.read() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
        )
        return [(row.action, row.before, row.after) for row in rows]


# --- the seeded tables and the rows as shown ----------------------------------------------------


def test_the_tables_start_with_the_rates_of_finnish_rules(store: Store) -> None:
    assert table(store) == [
        (GENERAL, date(2013, 1, 1), Decimal("24")),
        (GENERAL, date(2024, 9, 1), Decimal("25.5")),
        (FOOD, date(2013, 1, 1), Decimal("14")),
        (FOOD, date(2026, 1, 1), Decimal("13.5")),
        (REDUCED, date(2013, 1, 1), Decimal("10")),
        (REDUCED, date(2025, 1, 1), Decimal("14")),
        (REDUCED, date(2026, 1, 1), Decimal("13.5")),
    ]
    rows = vat_rates(store)
    assert [row.category_label for row in rows[1:6:2]] == [
        "Yleinen verokanta",
        "Elintarvikkeet ja ravintolat",
        "Alennettu verokanta",
    ]
    assert not any(row.in_use or row.locked for row in rows)
    [interest] = interest_rates(store)
    assert (interest.valid_from, interest.consumer, interest.business) == (
        date(2026, 1, 1),
        Decimal("9.5"),
        Decimal("10.5"),
    )


# --- saving and deleting VAT rates --------------------------------------------------------------


def test_a_new_rate_is_added_by_code_or_label_with_a_finnish_date(store: Store) -> None:
    added = save_vat_rate(store, "general", "1.7.2027", "26,5")
    by_label = save_vat_rate(
        store, "ALV, elintarvikkeiden ja ravintolapalvelujen verokanta", "1.7.2027", "12.5 %"
    )
    rows = {row.id: row for row in vat_rates(store)}
    assert (rows[added].category, rows[added].valid_from, rows[added].rate) == (
        GENERAL,
        date(2027, 7, 1),
        Decimal("26.5"),
    )
    assert (rows[by_label].category, rows[by_label].rate) == (FOOD, Decimal("12.5"))
    # The short name shown in Settings is understood too.
    by_name = save_vat_rate(store, "alennettu verokanta", "1.7.2027", "13")
    assert vat_rates(store)[-1].id == by_name
    assert (vat_rates(store)[-1].category, vat_rates(store)[-1].rate) == (REDUCED, Decimal("13"))
    # The general rows stay together, in date order.
    assert [row.valid_from for row in vat_rates(store) if row.category is GENERAL] == [
        date(2013, 1, 1),
        date(2024, 9, 1),
        date(2027, 7, 1),
    ]
    assert audit(store, "vat_rate")[0] == (
        "create",
        None,
        {"category": "general", "valid_from": "2027-07-01", "rate": "26.5"},
    )


def test_saving_a_date_again_replaces_its_rate(store: Store) -> None:
    first = save_vat_rate(store, "reduced", "1.1.2027", "14")
    again = save_vat_rate(store, "reduced", "01.01.2027", "13,5")
    assert again == first
    assert [r for r in table(store) if r[1] == date(2027, 1, 1)] == [
        (REDUCED, date(2027, 1, 1), Decimal("13.5"))
    ]
    # Saving the same rate once more changes nothing and writes no audit entry.
    assert save_vat_rate(store, "reduced", "2027-01-01", "13.50") == first
    assert [action for action, _before, _after in audit(store, "vat_rate")] == [
        "create",
        "update",
    ]
    assert audit(store, "vat_rate")[1][1:] == ({"rate": "14"}, {"rate": "13.5"})


@pytest.mark.parametrize(
    ("category", "valid_from", "rate", "field", "message"),
    [
        ("", "1.1.2027", "24", "category", "ALV-luokka: valitse"),
        ("exempt", "1.1.2027", "24", "category", "ALV-luokka: valitse verokannan luokka"),
        ("general", "", "24", "valid_from", "Voimassa alkaen: on pakollinen"),
        ("general", "31.2.2027", "24", "valid_from", "Voimassa alkaen: ei ole päivämäärä"),
        ("general", "1.1.2027", "", "rate", "Verokanta (%): on pakollinen"),
        ("general", "1.1.2027", "kaksikymmentä", "rate", "Verokanta (%): ei ole prosentti"),
        ("general", "1.1.2027", "25,555", "rate", "Verokanta (%): anna enintään kaksi desimaalia"),
        ("general", "1.1.2027", "-1", "rate", "Verokanta (%): ei voi olla negatiivinen"),
        ("general", "1.1.2027", "100,01", "rate", "Verokanta (%): saa olla enintään 100"),
    ],
)
def test_what_is_typed_wrong_is_named_and_nothing_is_saved(
    store: Store, category: str, valid_from: str, rate: str, field: str, message: str
) -> None:
    before = table(store)
    with pytest.raises(ValidationError) as error:
        save_vat_rate(store, category, valid_from, rate)
    assert error.value.errors[field].startswith(message), error.value.errors
    assert table(store) == before


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("25,5", "25.5"),
        ("25.5", "25.5"),
        (" 25,50 % ", "25.5"),
        ("24", "24"),
        ("0", "0"),
        ("0,01", "0.01"),
        ("100", "100"),
        ("14,0", "14"),
    ],
)
def test_a_percentage_is_read_as_typed(typed: str, value: str) -> None:
    result = percentage(typed)
    assert result == Decimal(value)
    assert str(result) == value  # stored and shown without an exponent or trailing zeros


def test_a_rate_is_deleted_with_an_audit_entry(store: Store) -> None:
    added = save_vat_rate(store, "food", "1.1.2030", "12")
    delete_vat_rate(store, added)
    assert (FOOD, date(2030, 1, 1), Decimal("12")) not in table(store)
    action, before, after = audit(store, "vat_rate")[-1]
    assert (action, before["rate"], after) == ("delete", "12", None)
    with pytest.raises(NotFoundError):
        delete_vat_rate(store, added)


def test_the_only_rate_of_a_category_is_not_deleted(store: Store) -> None:
    general = [row.id for row in vat_rates(store) if row.category is GENERAL]
    delete_vat_rate(store, general[1])
    with pytest.raises(UserError, match="ainoa verokanta"):
        delete_vat_rate(store, general[0])
    assert [row.category for row in vat_rates(store)].count(GENERAL) == 1


# --- rates issued invoices rely on ---------------------------------------------------------------


def issue_november(store: Store) -> None:
    invoicing_centre(store)
    contract = priced_contract(store)
    approved_gig(store, contract, date(2026, 11, 4), People(store))
    [issued] = issue_run(store, Period.month("2026-11"), issue_date=date(2026, 12, 1))
    assert issued.number == 1


def test_rates_issued_invoices_rely_on_are_locked(store: Store) -> None:
    later = save_vat_rate(store, "general", "1.12.2026", "26")
    issue_november(store)

    rows = {(row.category, row.valid_from): row for row in vat_rates(store)}
    # In force in November 2026: used; the 2013 rate is not, but it is fixed all the same.
    assert rows[GENERAL, date(2024, 9, 1)].in_use and rows[GENERAL, date(2024, 9, 1)].locked
    assert not rows[GENERAL, date(2013, 1, 1)].in_use and rows[GENERAL, date(2013, 1, 1)].locked
    assert rows[FOOD, date(2026, 1, 1)].in_use  # in force then, whatever the lines' category
    assert not rows[GENERAL, date(2026, 12, 1)].in_use
    assert not rows[GENERAL, date(2026, 12, 1)].locked

    locked = rows[GENERAL, date(2024, 9, 1)].id
    with pytest.raises(UserError, match=r"30\.11\.2026") as error:
        delete_vat_rate(store, locked)
    assert "myöhemmällä voimaantulopäivällä" in str(error.value)
    with pytest.raises(ValidationError) as refused:
        save_vat_rate(store, "general", "1.9.2024", "30")
    assert "30.11.2026" in refused.value.errors["valid_from"]
    # Nor can a new rate start on a day already invoiced.
    with pytest.raises(ValidationError):
        save_vat_rate(store, "reduced", "30.11.2026", "12")
    # The rate after the invoiced days can still change or go, and new ones are added.
    save_vat_rate(store, "general", "1.12.2026", "25")
    delete_vat_rate(store, later)
    save_vat_rate(store, "reduced", "1.12.2026", "12")
    assert (GENERAL, date(2024, 9, 1), Decimal("25.5")) in table(store)

    interest = {row.valid_from: row for row in interest_rates(store)}
    assert interest[date(2026, 1, 1)].in_use and interest[date(2026, 1, 1)].locked
    with pytest.raises(UserError):
        delete_interest_rate(store, interest[date(2026, 1, 1)].id)
    with pytest.raises(ValidationError) as interest_refused:
        save_interest_rate(store, "1.12.2026", "9", "10")  # the issue date itself
    assert "1.12.2026" in interest_refused.value.errors["valid_from"]
    save_interest_rate(store, "2.12.2026", "9", "10")


# --- late-payment interest -----------------------------------------------------------------------


def test_interest_rates_are_added_replaced_and_deleted(store: Store) -> None:
    added = save_interest_rate(store, "1.7.2026", "9,25", "10.25")
    assert save_interest_rate(store, "1.7.2026", "9", "10") == added
    rows = interest_rates(store)
    assert [(r.valid_from, r.consumer, r.business) for r in rows] == [
        (date(2026, 1, 1), Decimal("9.5"), Decimal("10.5")),
        (date(2026, 7, 1), Decimal("9"), Decimal("10")),
    ]
    with pytest.raises(ValidationError) as error:
        save_interest_rate(store, "1.1.2027", "", "101")
    assert set(error.value.errors) == {"consumer", "business"}
    delete_interest_rate(store, added)
    assert len(interest_rates(store)) == 1
    assert [action for action, _b, _a in audit(store, "interest_rate")] == [
        "create",
        "update",
        "delete",
    ]
    with store.read() as session:
        assert len(session.scalars(select(InterestRateRow)).all()) == 1
        assert len(session.scalars(select(VatRateRow)).all()) == 7


# --- VAT by the date of supply through the pricing ----------------------------------------------


def line_rates(store: Store, start: date, end: date) -> dict[tuple[str, date], Decimal]:
    """``(contract number, day) -> VAT rate`` of the lines of the drafts of [start, end]."""
    found: dict[tuple[str, date], Decimal] = {}
    for draft in preview(store, Period(start, end)):
        for line in draft.lines:
            assert line.day is not None
            found[line.contract_number, line.day] = line.vat_rate
    return found


@pytest.mark.parametrize(
    ("category", "days"),
    [
        ("general", {date(2024, 8, 31): "24", date(2024, 9, 1): "25.5"}),
        ("food", {date(2025, 12, 31): "14", date(2026, 1, 1): "13.5"}),
        (
            "reduced",
            {
                date(2024, 12, 31): "10",
                date(2025, 1, 1): "14",
                date(2025, 12, 31): "14",
                date(2026, 1, 1): "13.5",
            },
        ),
    ],
)
def test_each_gig_is_billed_at_the_rate_of_its_day(
    store: Store, category: str, days: dict[date, str]
) -> None:
    invoicing_centre(store)
    contract = priced_contract(store, vat_treatment=category, valid_from="1.1.2024")
    people = People(store)
    gigs = {day: approved_gig(store, contract, day, people) for day in days}
    found = line_rates(store, min(days), max(days))
    assert {day for _number, day in found} == set(days)
    for (_number, day), rate in found.items():
        assert rate == Decimal(days[day]), day
    # Each of the gig's lines (worker and instructor hours) carries the day's rate.
    for draft in preview(store, Period(min(days), max(days))):
        assert len(draft.lines) == 2 * len(days)
        vat = draft.totals
        assert vat.net == GIG_NET * len(days)
    assert billable_amounts(store, list(gigs.values())) == dict.fromkeys(gigs.values(), GIG_NET)


def test_a_new_rate_in_the_table_prices_the_next_draft(store: Store) -> None:
    invoicing_centre(store)
    contract = priced_contract(store, valid_from="1.1.2024")
    approved_gig(store, contract, date(2026, 11, 30), People(store))
    save_vat_rate(store, "general", "30.11.2026", "26")
    [draft] = preview(store, Period.month("2026-11"))
    assert {line.vat_rate for line in draft.lines} == {Decimal("26")}
    assert draft.totals.vat == Decimal("89.70")  # 26 % of 345,00


def test_a_day_the_table_does_not_cover_is_a_sentence_saying_what_to_add(store: Store) -> None:
    invoicing_centre(store)
    contract = priced_contract(store, vat_treatment="food", valid_from="1.1.2024")
    approved_gig(store, contract, date(2026, 3, 4), People(store))
    with store.write() as tx:
        for row in tx.session.scalars(select(VatRateRow).where(VatRateRow.category == FOOD)):
            row.valid_from = date(2027, 1, 1) if row.rate == Decimal("14") else date(2028, 1, 1)
    with pytest.raises(UserError, match=r"4\.3\.2026.*Asetuksissa \(arvonlisäverokannat\)"):
        preview(store, Period.month("2026-03"))


# --- the billable amount of each gig (the timesheet area) ----------------------------------------


def test_the_amount_of_a_gig_follows_its_state(store: Store) -> None:
    contract = priced_contract(store, minimum_charge="120,00")
    people = People(store)
    approved = approved_gig(store, contract, date(2026, 3, 2), people)
    recorded = approved_gig(store, contract, date(2026, 3, 3), people, end="9", approved=False)
    planned = add_gig(store, contract, date(2026, 3, 4), time(8), 180)
    assign(store, planned, [people.aino], [])
    by_customer = add_gig(store, contract, date(2026, 3, 5), time(8), 180)
    assign(store, by_customer, [people.aino, people.eero], [])
    cancel_gig(store, by_customer, "customer", "Asiakas perui", billable=True)
    free = add_gig(store, contract, date(2026, 3, 6), time(8), 180)
    cancel_gig(store, free, "customer", "Asiakas perui ajoissa", billable=False)
    by_centre = add_gig(store, contract, date(2026, 3, 9), time(8), 180)
    cancel_gig(store, by_centre, "centre", "Ohjaaja sairas")
    hours_only = add_gig(store, priced_contract(store), date(2026, 3, 10), time(8), 180)

    amounts = billable_amounts(
        store, [approved, recorded, planned, by_customer, free, by_centre, hours_only]
    )
    assert amounts == {
        approved: GIG_NET,
        # 2 × 1 h × 35 € + 1 h × 45 € = 115 €, topped up to the minimum charge.
        recorded: Decimal("120.00"),
        # Nothing recorded yet: the minimum charge per visit is what it will at least be.
        planned: Decimal("120.00"),
        # A billable cancellation is charged the minimum charge.
        by_customer: Decimal("120.00"),
    }
    assert gig_amount_of(store, approved) == GIG_NET
    assert gig_amount_of(store, free) is None
    assert gig_amount_of(store, by_centre) is None
    assert billable_amounts(store, []) == {}


def test_unapproved_hours_are_priced_at_the_contract_s_terms_rounded(store: Store) -> None:
    contract = priced_contract(store)
    people = People(store)
    gig = add_gig(store, contract, date(2026, 3, 2), time(8), 180)
    assign(store, gig, [people.aino], [])
    # 2 h 5 min -> 2 h at the 15-minute step, at 35 €/h.
    record_entries(store, gig, [EntryInput(participant_id=people.aino, start="8", end="10.05")])
    assert billable_amounts(store, [gig]) == {gig: Decimal("70.00")}


def test_amounts_of_many_gigs_come_in_one_call(store: Store) -> None:
    contract = priced_contract(store, visit_price="50,00", worker_hour_price="")
    other = priced_contract(store, make_customer(store, name="Toinen Oy"), visit_price="80,00")
    gigs = [add_gig(store, contract, date(2026, 3, day), time(8), 60) for day in range(2, 7)]
    gigs.append(add_gig(store, other, date(2026, 3, 9), time(8), 60))
    amounts = billable_amounts(store, gigs * 2)
    assert amounts == {**dict.fromkeys(gigs[:5], Decimal("50.00")), gigs[5]: Decimal("80.00")}


def gig_amount_of(store: Store, gig_id: int) -> Decimal | None:
    with store.read() as session:
        return gig_amount(session, gig_id)
