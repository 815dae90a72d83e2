"""The dated rate tables in Settings: VAT rates per category and late-payment interest.

A rate is picked by the day of supply (VAT) or the issue date (interest), so a table
row holds from its valid-from date until the next row's. One row per category (VAT) or
per date (interest): saving a date that has a row replaces its rate.

Issued invoices keep the rates they used, and a credit note must be able to rely on
the table saying the same: a row valid from a day that issued invoices already cover
(VAT: the newest day of supply of any issued invoice; interest: the newest issue date)
can be neither changed nor deleted, and no new row may start on such a day. New rates
are added with a later valid-from date.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import InterestRateRow, VatRateRow
from jobcenter_desktop.db.records import choose, get
from jobcenter_desktop.db.store import Store, snapshot
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import VatTreatment
from jobcenter_desktop.domain.vat import RATED
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date
from jobcenter_desktop.queries.rates import (
    CATEGORY_NAMES,
    category_name,
    newest_issue_day,
    newest_supply_day,
)

VAT_ENTITY = "vat_rate"
INTEREST_ENTITY = "interest_rate"
MAX_PERCENT = Decimal("100")

LABELS = {
    "category": N_("VAT category"),
    "valid_from": N_("Valid from"),
    "rate": N_("Rate (%)"),
    "consumer": N_("Consumers (%)"),
    "business": N_("Businesses (%)"),
}

_PERCENT_RE = re.compile(r"([-+\u2212]?)([0-9]+)(?:[.,]([0-9]+))?")


def label(key: str) -> str:
    return _(LABELS[key])


def percentage(text: str) -> Decimal:
    """A rate as typed: ``25,5``, ``25.5`` or ``25,5 %``; 0 to 100 with at most two decimals."""
    cleaned = text.strip().removesuffix("%").strip()
    match = _PERCENT_RE.fullmatch(cleaned)
    if match is None:
        raise v.FieldError(_("is not a percentage, e.g. 25,5"))
    sign, whole, fraction = match[1], match[2], match[3] or ""
    if len(fraction) > 2:
        raise v.FieldError(_("give at most two decimals, e.g. 25,5"))
    value = Decimal(f"{whole}.{fraction or '0'}")
    if sign in ("-", "\u2212") and value:
        raise v.FieldError(_("cannot be negative"))
    if value > MAX_PERCENT:
        raise v.FieldError(_("must be at most 100"))
    # 25.50 and 25.5 are the same rate; "24" stays "24", not "2.4E+1".
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _category(checker: v.Checker, text: str) -> VatTreatment | None:
    """The rate category meant: a code, the category's label or its short name."""
    folded = text.strip().casefold()
    for category, name in CATEGORY_NAMES.items():
        if folded and folded in (name.casefold(), category_name(category).casefold()):
            return category
    found = choose(checker, "category", label("category"), VatTreatment, text)
    if found is not None and found not in RATED:
        checker.add(
            "category",
            label("category"),
            _("choose a VAT rate category: general, food or reduced"),
        )
        return None
    return found


def _late_date_problem(newest: date) -> str:
    return _(
        "must be after {day}: invoices have been issued up to that day and keep the rates "
        "they used. Add new rates with a later valid-from date."
    ).format(day=format_date(newest))


def _locked_error(newest: date) -> UserError:
    return UserError(
        _(
            "Invoices have been issued up to {day} and keep the rates they used, so a rate "
            "valid from that day or earlier cannot be changed or deleted. Add new rates with "
            "a later valid-from date."
        ).format(day=format_date(newest))
    )


def save_vat_rate(store: Store, category: str, valid_from: str, rate: str) -> int:
    """Add ``rate`` percent for ``category`` (general, food or reduced: code, label or name)
    from ``valid_from`` (typed the Finnish way), or replace the rate of that date.

    Returns the row's id. Raises ``ValidationError`` for what is typed wrong, and for a
    date that issued invoices already cover.
    """
    with store.write() as tx:
        checker = v.Checker()
        found = _category(checker, category)
        day = checker.check(
            "valid_from",
            label("valid_from"),
            v.date_value,
            checker.require("valid_from", label("valid_from"), valid_from),
        )
        value = checker.check(
            "rate", label("rate"), percentage, checker.require("rate", label("rate"), rate)
        )
        checker.raise_if_any()
        assert found is not None and day is not None and value is not None
        row = tx.session.scalar(
            select(VatRateRow).where(VatRateRow.category == found, VatRateRow.valid_from == day)
        )
        if row is not None and row.rate == value:
            return row.id
        newest = newest_supply_day(tx.session)
        if newest is not None and day <= newest:
            checker.add("valid_from", label("valid_from"), _late_date_problem(newest))
            checker.raise_if_any()
        if row is None:
            row = VatRateRow(category=found, valid_from=day, rate=value)
            tx.session.add(row)
            tx.session.flush()
            tx.record(VAT_ENTITY, row.id, "create", None, snapshot(row))
        else:
            before = snapshot(row)
            row.rate = value
            tx.session.flush()
            tx.record(VAT_ENTITY, row.id, "update", before, snapshot(row))
        return row.id


def delete_vat_rate(store: Store, row_id: int) -> None:
    """Delete a VAT rate row; refused for a row issued invoices rely on, and for the
    category's only row (every day of supply needs a rate)."""
    with store.write() as tx:
        row = get(tx.session, VatRateRow, row_id)
        newest = newest_supply_day(tx.session)
        if newest is not None and row.valid_from <= newest:
            raise _locked_error(newest)
        count = tx.session.scalar(
            select(func.count()).select_from(VatRateRow).where(VatRateRow.category == row.category)
        )
        if count == 1:
            raise UserError(
                _(
                    "This is the only rate of “{category}”. Add the rate that replaces it "
                    "first, then delete this one."
                ).format(category=row.category.label)
            )
        before = snapshot(row)
        tx.session.delete(row)
        tx.session.flush()
        tx.record(VAT_ENTITY, row_id, "delete", before, None)


def save_interest_rate(store: Store, valid_from: str, consumer: str, business: str) -> int:
    """Add the late-payment interest (percent a year) for consumers and businesses from
    ``valid_from``, or replace the rates of that date. Returns the row's id."""
    with store.write() as tx:
        checker = v.Checker()
        day = checker.check(
            "valid_from",
            label("valid_from"),
            v.date_value,
            checker.require("valid_from", label("valid_from"), valid_from),
        )
        rates = {
            key: checker.check(key, label(key), percentage, checker.require(key, label(key), text))
            for key, text in (("consumer", consumer), ("business", business))
        }
        checker.raise_if_any()
        assert day is not None and rates["consumer"] is not None and rates["business"] is not None
        row = tx.session.scalar(select(InterestRateRow).where(InterestRateRow.valid_from == day))
        if row is not None and (row.consumer, row.business) == (
            rates["consumer"],
            rates["business"],
        ):
            return row.id
        newest = newest_issue_day(tx.session)
        if newest is not None and day <= newest:
            checker.add("valid_from", label("valid_from"), _late_date_problem(newest))
            checker.raise_if_any()
        if row is None:
            row = InterestRateRow(
                valid_from=day, consumer=rates["consumer"], business=rates["business"]
            )
            tx.session.add(row)
            tx.session.flush()
            tx.record(INTEREST_ENTITY, row.id, "create", None, snapshot(row))
        else:
            before = snapshot(row)
            row.consumer, row.business = rates["consumer"], rates["business"]
            tx.session.flush()
            tx.record(INTEREST_ENTITY, row.id, "update", before, snapshot(row))
        return row.id


def delete_interest_rate(store: Store, row_id: int) -> None:
    """Delete a late-payment interest row; refused for a row issued invoices rely on."""
    with store.write() as tx:
        row = get(tx.session, InterestRateRow, row_id)
        newest = newest_issue_day(tx.session)
        if newest is not None and row.valid_from <= newest:
            raise _locked_error(newest)
        before = snapshot(row)
        tx.session.delete(row)
        tx.session.flush()
        tx.record(INTEREST_ENTITY, row_id, "delete", before, None)
