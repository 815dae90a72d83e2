"""A contract as typed in its form or read from an import file."""

from __future__ import annotations

from dataclasses import dataclass, field

from jobcenter_desktop.domain.enums import ContractStatus, TaskType, VatTreatment

PRICE_FIELDS = (
    "worker_hour_price",
    "instructor_hour_price",
    "visit_price",
    "minimum_charge",
    "travel_fee",
)


@dataclass
class ContractInput:
    """A contract as typed in the form or read from an import file."""

    customer_id: int | None = None
    title: str = ""
    task_type: str = TaskType.CLEANING.value
    contract_number: str = ""
    task_description: str = ""
    work_site_id: int | None = None
    required_qualification_ids: list[int] = field(default_factory=list)
    worker_hour_price: str = ""
    instructor_hour_price: str = ""
    visit_price: str = ""
    minimum_charge: str = ""
    travel_fee: str = ""
    rounding_minutes: str = "15"
    vat_treatment: str = VatTreatment.GENERAL.value
    vat_reason: str = ""
    household_deduction: str = "no"
    cancellation_billable: str = "no"
    planned_crew_size: str = "1"
    weekdays: str = ""
    every_weeks: str = "1"
    start_time: str = ""
    duration_minutes: str = ""
    valid_from: str = ""
    valid_to: str = ""
    signed_on: str = ""
    status: str = ContractStatus.DRAFT.value
    terms: str = ""
