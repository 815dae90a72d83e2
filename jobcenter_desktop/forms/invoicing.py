"""A manual line typed onto a customer's draft invoice (materials, other)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ExtraLineInput:
    """An extra line as typed: billed with the customer's next invoice.

    ``day`` is the date of supply typed the Finnish way; ``kind`` ``material`` or
    ``other``; ``unit`` a code of :class:`~jobcenter_desktop.domain.invoices.Unit`;
    ``vat_reason`` is needed only for an exempt or out-of-scope line.
    """

    customer_id: int
    day: str
    kind: str = "material"
    description: str = ""
    quantity: str = "1"
    unit: str = "pcs"
    unit_price: str = ""
    vat_treatment: str = "general"
    vat_reason: str = ""
