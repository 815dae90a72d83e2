"""The contracts a gig can be added to: what the planner's gig dialogs offer and default from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select

from jobcenter_desktop.db.models import Contract, Customer, WorkSite
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import ContractStatus


@dataclass(frozen=True, slots=True)
class ContractChoice:
    id: int
    number: str
    title: str
    customer_name: str
    site_name: str
    start_time: time | None
    duration_minutes: int | None
    valid_from: date
    valid_to: date | None
    #: the contract's "customer's cancellation is billable": the cancel dialog's default
    bills_cancellations: bool

    @property
    def text(self) -> str:
        return f"{self.customer_name} – {self.title} ({self.number})"


def active_contracts(store: Store) -> list[ContractChoice]:
    """The active, non-archived contracts, by customer and title: where a one-off gig can go."""
    query = (
        select(Contract, Customer.name, WorkSite.name)
        .join(Customer, Customer.id == Contract.customer_id)
        .outerjoin(WorkSite, WorkSite.id == Contract.work_site_id)
        .where(Contract.status == ContractStatus.ACTIVE, Contract.archived_at.is_(None))
        .order_by(Customer.name, Contract.title, Contract.contract_number)
    )
    with store.read() as session:
        return [_choice(row, customer, site) for row, customer, site in session.execute(query)]


def contract_choice(store: Store, contract_id: int) -> ContractChoice | None:
    """One contract (whatever its state), for a gig's dialogs."""
    query = (
        select(Contract, Customer.name, WorkSite.name)
        .join(Customer, Customer.id == Contract.customer_id)
        .outerjoin(WorkSite, WorkSite.id == Contract.work_site_id)
        .where(Contract.id == contract_id)
    )
    with store.read() as session:
        found = session.execute(query).one_or_none()
        return None if found is None else _choice(*found)


def _choice(row: Contract, customer: str, site: str | None) -> ContractChoice:
    return ContractChoice(
        id=row.id,
        number=row.contract_number,
        title=row.title,
        customer_name=customer,
        site_name=site or "",
        start_time=row.start_time,
        duration_minutes=row.duration_minutes,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        bills_cancellations=row.cancellation_billable,
    )
