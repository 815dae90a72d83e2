"""Documents made from the store: the data a printed sheet needs, gathered in one place."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from jobcenter_desktop.db.models import Centre, Contract, Customer, Gig, WorkSite
from jobcenter_desktop.documents.gig_sheet import GigSheet, build_gig_sheet, render_gig_sheet
from jobcenter_desktop.queries.gigs import list_gigs
from jobcenter_desktop.services.errors import NotFoundError
from jobcenter_desktop.services.store import Store


def gig_sheet(store: Store, gig_id: int) -> GigSheet:
    """The gig sheet of one gig, in the customer's invoice language."""
    with store.read() as session:
        found = session.execute(
            select(Gig.day, Contract.task_description, Customer.invoice_language, WorkSite)
            .join(Contract, Contract.id == Gig.contract_id)
            .join(Customer, Customer.id == Contract.customer_id)
            .outerjoin(WorkSite, WorkSite.id == Gig.work_site_id)
            .where(Gig.id == gig_id)
        ).one_or_none()
        centre = session.scalar(select(Centre.legal_name).order_by(Centre.id).limit(1))
    if found is None:
        raise NotFoundError()
    day, task_description, language, site = found
    row = next(g for g in list_gigs(store, day, day) if g.id == gig_id)
    address = ""
    if site is not None:
        address = ", ".join(
            part for part in (site.street, f"{site.postal_code} {site.city}".strip()) if part
        )
    return build_gig_sheet(
        row,
        centre_name=centre or "",
        site_address=address,
        task_description=task_description,
        language=language.value,
    )


def print_gig_sheet(store: Store, gig_id: int, target: Path) -> Path:
    """Write the gig sheet of ``gig_id`` as a PDF file."""
    render_gig_sheet(gig_sheet(store, gig_id), target)
    return target
