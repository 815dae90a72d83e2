"""The manual lines waiting for a customer's next invoice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from jobcenter_desktop.db.models import ExtraLine
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import VatTreatment
from jobcenter_desktop.domain.invoices import LineKind, Unit, line_net


@dataclass(frozen=True, slots=True)
class ExtraLineRow:
    id: int
    customer_id: int
    day: date
    kind: LineKind
    description: str
    quantity: Decimal
    unit: Unit
    unit_price: Decimal
    vat_treatment: VatTreatment
    vat_reason: str

    @property
    def net(self) -> Decimal:
        return line_net(self.quantity, self.unit_price)


def pending_extra_lines(store: Store, customer_id: int) -> list[ExtraLineRow]:
    """The customer's lines no invoice bills yet, by day."""
    query = (
        select(ExtraLine)
        .where(ExtraLine.customer_id == customer_id, ExtraLine.invoice_id.is_(None))
        .order_by(ExtraLine.day, ExtraLine.id)
    )
    with store.read() as session:
        return [
            ExtraLineRow(
                id=row.id,
                customer_id=row.customer_id,
                day=row.day,
                kind=row.kind,
                description=row.description,
                quantity=row.quantity,
                unit=row.unit,
                unit_price=row.unit_price,
                vat_treatment=row.vat_treatment,
                vat_reason=row.vat_reason,
            )
            for row in session.scalars(query)
        ]
