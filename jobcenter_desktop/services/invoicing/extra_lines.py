"""Manual lines on a customer's draft (materials, other): added and deleted while pending.

A pending line (no invoice yet) is billed on the customer's next invoice whose period
ends on or after its day (``pricing.drafts``). Once an invoice bills it, it can no
longer change: this service refuses, and so does the store (migration 0008).
"""

from __future__ import annotations

import re
from decimal import Decimal

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import Customer, ExtraLine
from jobcenter_desktop.db.records import choose, get
from jobcenter_desktop.db.store import Store, snapshot
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import VatTreatment
from jobcenter_desktop.domain.invoices import LineKind, Unit
from jobcenter_desktop.forms.invoicing import ExtraLineInput
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.invoicing.labels import line_kind_label, unit_label

#: The longest description an invoice line prints (the column's length).
MAX_DESCRIPTION = 300
#: A quantity larger than this is a typing mistake (e.g. a price typed as the quantity).
MAX_QUANTITY = Decimal("100000")
#: The kinds a manual line may be; the rest are priced from the hours.
EXTRA_KINDS = (LineKind.MATERIAL, LineKind.OTHER)

LABELS = {
    "customer": N_("Customer"),
    "day": N_("Date"),
    "kind": N_("Kind"),
    "description": N_("Description"),
    "quantity": N_("Quantity"),
    "unit": N_("Unit"),
    "unit_price": N_("Unit price"),
    "vat_treatment": N_("VAT"),
    "vat_reason": N_("Reason for no VAT"),
}

_QUANTITY_RE = re.compile(r"(?P<whole>\d+)(?:[.,](?P<fraction>\d{1,2}))?")


def label(key: str) -> str:
    return _(LABELS[key])


def quantity(text: str) -> Decimal:
    """A quantity greater than zero with at most two decimals (``2``, ``1,5``, ``0.25``)."""
    match = _QUANTITY_RE.fullmatch(text.strip().replace(" ", ""))
    if match is None:
        raise v.FieldError(_("is not a quantity, use e.g. 2 or 1,5 (at most two decimals)"))
    value = Decimal(f"{match['whole']}.{match['fraction'] or '0'}").quantize(Decimal("0.01"))
    if value <= 0:
        raise v.FieldError(_("must be greater than zero"))
    if value > MAX_QUANTITY:
        raise v.FieldError(
            _("is too large: at most {limit}").format(limit=f"{MAX_QUANTITY:,}".replace(",", " "))
        )
    return value


def _kind(text: str) -> LineKind:
    folded = text.strip().casefold()
    for kind in EXTRA_KINDS:
        if folded in (kind.value, line_kind_label(kind).casefold()):
            return kind
    raise v.FieldError(_("choose materials or other"))


def _unit(text: str) -> Unit:
    folded = text.strip().casefold()
    for unit in Unit:
        if folded in (unit.value.casefold(), unit_label(unit).casefold()):
            return unit
    raise v.FieldError(_("choose one of the options"))


def add_extra_line(store: Store, data: ExtraLineInput) -> int:
    """Add a pending line to the customer's next invoice; returns its id.

    Raises :class:`~jobcenter_desktop.domain.validation.ValidationError` naming each
    field that is wrong; nothing is saved then.
    """
    checker = v.Checker()
    with store.write() as tx:
        customer = tx.session.get(Customer, data.customer_id)
        if customer is None:
            checker.add("customer", label("customer"), _("choose the customer"))
        elif customer.archived_at is not None:
            checker.add("customer", label("customer"), _("the customer is archived"))
        day = None
        if checker.require("day", label("day"), data.day):
            day = checker.check("day", label("day"), v.date_value, data.day)
        kind = None
        if checker.require("kind", label("kind"), data.kind):
            kind = checker.check("kind", label("kind"), _kind, data.kind)
        description = checker.require("description", label("description"), data.description)
        if description is not None and len(description) > MAX_DESCRIPTION:
            problem = v.text_problem(description, MAX_DESCRIPTION)
            checker.add("description", label("description"), problem or "")
        amount = None
        if checker.require("quantity", label("quantity"), data.quantity):
            amount = checker.check("quantity", label("quantity"), quantity, data.quantity)
        unit = None
        if checker.require("unit", label("unit"), data.unit):
            unit = checker.check("unit", label("unit"), _unit, data.unit)
        price = None
        if checker.require("unit_price", label("unit_price"), data.unit_price):
            price = checker.check(
                "unit_price", label("unit_price"), v.money_amount, data.unit_price
            )
        vat = choose(
            checker, "vat_treatment", label("vat_treatment"), VatTreatment, data.vat_treatment
        )
        reason = checker.text("vat_reason", label("vat_reason"), data.vat_reason, 300)
        if vat is not None and vat.needs_reason and not reason and not checker.has("vat_reason"):
            checker.add("vat_reason", label("vat_reason"), _("is required when no VAT is charged"))
        checker.raise_if_any()
        assert day and kind and description and amount and unit and price is not None and vat
        row = ExtraLine(
            customer_id=data.customer_id,
            day=day,
            kind=kind,
            description=description,
            quantity=amount,
            unit=unit,
            unit_price=price,
            vat_treatment=vat,
            vat_reason=reason if vat.needs_reason else "",
        )
        tx.session.add(row)
        tx.session.flush()
        tx.record("extra_line", row.id, "create", None, snapshot(row))
        return row.id


def delete_extra_line(store: Store, line_id: int) -> None:
    """Delete a pending line; a line an invoice bills is refused (credit the invoice)."""
    with store.write() as tx:
        row = get(tx.session, ExtraLine, line_id)
        if row.invoice_id is not None:
            raise UserError(
                _(
                    "The line is already on an issued invoice, so it cannot be deleted. "
                    "Correct the invoice with a credit note."
                )
            )
        before = snapshot(row)
        tx.session.delete(row)
        tx.session.flush()
        tx.record("extra_line", line_id, "delete", before, None)
