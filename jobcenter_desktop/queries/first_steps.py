"""How far a new centre is with the steps before the first week can be planned.

The planner's empty week shows the steps (customers, contracts, participants, then
gigs) with a button for each; this read model says which are done, in one query.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from jobcenter_desktop.db.models import Contract, Customer, Gig, Participant
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import ContractStatus, ParticipantStatus


@dataclass(frozen=True, slots=True)
class FirstSteps:
    """Counts of what planning needs: kept customers, active contracts and participants."""

    customers: int
    active_contracts: int
    participants: int
    #: whether any gig exists, in any week: then the steps are behind the centre
    has_gigs: bool


def first_steps(store: Store) -> FirstSteps:
    """The counts of the first steps (archived records do not count)."""
    customers = (
        select(func.count()).select_from(Customer).where(Customer.archived_at.is_(None))
    ).scalar_subquery()
    contracts = (
        select(func.count())
        .select_from(Contract)
        .where(Contract.archived_at.is_(None), Contract.status == ContractStatus.ACTIVE)
    ).scalar_subquery()
    participants = (
        select(func.count())
        .select_from(Participant)
        .where(Participant.archived_at.is_(None), Participant.status == ParticipantStatus.ACTIVE)
    ).scalar_subquery()
    # Whether a gig exists is enough: a LIMIT 1 read, however many years are stored.
    gigs = select(Gig.id).limit(1).scalar_subquery()
    query = select(customers, contracts, participants, func.coalesce(gigs, 0))
    with store.read() as session:
        row = session.execute(query).one()
    return FirstSteps(int(row[0]), int(row[1]), int(row[2]), bool(row[3]))
