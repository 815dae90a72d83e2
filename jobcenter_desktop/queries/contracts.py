"""Contract list rows and form contents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from jobcenter_desktop.db.models import Contract, Customer
from jobcenter_desktop.db.records import get
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import ContractStatus, TaskType
from jobcenter_desktop.forms.contracts import PRICE_FIELDS, ContractInput
from jobcenter_desktop.i18n.formatting import format_date, format_decimal, format_time


@dataclass(frozen=True, slots=True)
class ContractRow:
    id: int
    contract_number: str
    title: str
    customer_name: str
    task_type: TaskType
    weekdays: str
    every_weeks: int
    valid_from: date
    valid_to: date | None
    status: ContractStatus
    worker_hour_price: Decimal | None
    archived: bool
    search: str


def list_contracts(store: Store, include_archived: bool = False) -> list[ContractRow]:
    k = Contract
    query = (
        select(
            k.id,
            k.contract_number,
            k.title,
            Customer.name,
            k.task_type,
            k.weekdays,
            k.every_weeks,
            k.valid_from,
            k.valid_to,
            k.status,
            k.worker_hour_price,
            k.archived_at.isnot(None),
            k.search,
        )
        .join(Customer, Customer.id == k.customer_id)
        .order_by(k.contract_number)
    )
    if not include_archived:
        query = query.where(k.archived_at.is_(None))
    with store.read() as session:
        rows: list[tuple[Any, ...]] = [tuple(row) for row in session.execute(query)]
        return [ContractRow(*row) for row in rows]


def load_contract(store: Store, contract_id: int) -> ContractInput:
    with store.read() as session:
        row = get(session, Contract, contract_id)
        prices = {
            key: format_decimal(value) if (value := getattr(row, key)) is not None else ""
            for key in PRICE_FIELDS
        }
        return ContractInput(
            customer_id=row.customer_id,
            title=row.title,
            task_type=row.task_type.value,
            contract_number=row.contract_number,
            task_description=row.task_description,
            work_site_id=row.work_site_id,
            required_qualification_ids=[q.id for q in row.required_qualifications],
            rounding_minutes=str(row.rounding_minutes),
            vat_treatment=row.vat_treatment.value,
            vat_reason=row.vat_reason,
            household_deduction="yes" if row.household_deduction else "no",
            cancellation_billable="yes" if row.cancellation_billable else "no",
            planned_crew_size=str(row.planned_crew_size),
            weekdays=row.weekdays,
            every_weeks=str(row.every_weeks),
            start_time=format_time(row.start_time) if row.start_time else "",
            duration_minutes=str(row.duration_minutes or ""),
            valid_from=format_date(row.valid_from),
            valid_to=format_date(row.valid_to) if row.valid_to else "",
            signed_on=format_date(row.signed_on) if row.signed_on else "",
            status=row.status.value,
            terms=row.terms,
            **prices,
        )
