"""What gigs will be billed, for the timesheet area: the instructor sees the money before
the invoice run (approved hours at their copied terms, others at the contract's now)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.services.invoicing.pricing import gig_amounts


def billable_amounts(store: Store, gig_ids: Sequence[int]) -> dict[int, Decimal]:
    """The net (VAT excluded) each gig is or will be billed; gigs with no charge are absent."""
    if not gig_ids:
        return {}
    with store.read() as session:
        return gig_amounts(session, gig_ids)
