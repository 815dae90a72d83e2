"""Contracts: what is done for a customer, where, at what price and on what schedule."""

from __future__ import annotations

from collections.abc import Container
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.models import Contract, Customer, QualificationType, WorkSite
from jobcenter_desktop.db.records import choose, claim_number, saving
from jobcenter_desktop.db.store import Store, Transaction, snapshot
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import ContractStatus, CustomerType, TaskType, VatTreatment
from jobcenter_desktop.domain.parsing import format_weekdays, parse_bool, parse_weekdays
from jobcenter_desktop.domain.search import search_text
from jobcenter_desktop.forms.contracts import PRICE_FIELDS, ContractInput
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _

# Qualifications a task type usually needs; the form proposes them for a new contract.
TASK_QUALIFICATIONS: dict[TaskType, tuple[str, ...]] = {
    TaskType.KITCHEN_LAUNDRY: ("hygiene_passport",),
    TaskType.PROPERTY_MAINTENANCE: ("safety_card",),
    TaskType.YARD_WORK: ("safety_card",),
}

LABELS = {
    "contract_number": N_("Contract number"),
    "customer": N_("Customer"),
    "title": N_("Title"),
    "task_description": N_("Task description"),
    "work_site": N_("Work site"),
    "task_type": N_("Task type"),
    "required_qualifications": N_("Required qualifications"),
    "worker_hour_price": N_("Price per worker-hour"),
    "instructor_hour_price": N_("Price per instructor-hour"),
    "visit_price": N_("Fixed price per visit"),
    "minimum_charge": N_("Minimum charge per visit"),
    "travel_fee": N_("Travel fee per visit"),
    "rounding_minutes": N_("Billing rounding (minutes)"),
    "vat_treatment": N_("VAT"),
    "vat_reason": N_("Reason for no VAT"),
    "household_deduction": N_("Household deduction"),
    "cancellation_billable": N_("Customer's cancellation is billable"),
    "planned_crew_size": N_("Planned crew size"),
    "weekdays": N_("Weekdays"),
    "every_weeks": N_("Every N weeks"),
    "start_time": N_("Start time"),
    "duration_minutes": N_("Duration (minutes)"),
    "valid_from": N_("Valid from"),
    "valid_to": N_("Valid to"),
    "signed_on": N_("Signed on"),
    "status": N_("Status"),
    "terms": N_("Terms"),
}


def label(key: str) -> str:
    return _(LABELS[key])


def _rounding(text: str) -> int:
    minutes = v.positive_int(text)
    if minutes > 240:
        raise v.FieldError(_("must be between 1 and 240 minutes"))
    return minutes


def _every_weeks(text: str) -> int:
    weeks = v.positive_int(text)
    if weeks > 52:
        raise v.FieldError(_("must be between 1 and 52"))
    return weeks


def _weekdays(text: str) -> str:
    try:
        return format_weekdays(parse_weekdays(text))
    except ValueError as error:
        raise v.FieldError(_("use weekday abbreviations, e.g. mon,thu")) from error


def _yes_no(text: str) -> bool:
    try:
        return parse_bool(text)
    except ValueError as error:
        raise v.FieldError(_("answer yes or no")) from error


class CustomerFacts(Protocol):
    """What a contract's checks read of its customer (a ``Customer`` row has it all)."""

    @property
    def id(self) -> int: ...
    @property
    def customer_number(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def type(self) -> CustomerType: ...
    @property
    def archived_at(self) -> datetime | None: ...


def _checked(
    checker: v.Checker,
    data: ContractInput,
    customer: CustomerFacts | None,
    current_customer_id: int | None,
    site: WorkSite | None,
    qualifications: list[QualificationType | None],
) -> dict[str, Any]:
    """The contract's own column values from ``data`` and the rows it names (looked up
    by the caller), its problems added to ``checker`` (the values are meaningful only
    when the checker has none)."""
    if customer is None:
        checker.add("customer", label("customer"), _("choose the customer"))
    elif customer.archived_at is not None and current_customer_id != customer.id:
        checker.add("customer", label("customer"), _("the customer is archived"))
    title = checker.require("title", label("title"), data.title)
    task_type = choose(checker, "task_type", label("task_type"), TaskType, data.task_type)
    vat = choose(checker, "vat_treatment", label("vat_treatment"), VatTreatment, data.vat_treatment)
    status = choose(checker, "status", label("status"), ContractStatus, data.status)
    vat_reason = data.vat_reason.strip()
    if vat is not None and vat.needs_reason and not vat_reason:
        checker.add("vat_reason", label("vat_reason"), _("is required when no VAT is charged"))
    prices = {
        key: checker.check(key, label(key), v.money_amount, getattr(data, key))
        for key in PRICE_FIELDS
    }
    if not any(prices[key] is not None for key in PRICE_FIELDS[:3]):
        checker.add(
            "worker_hour_price",
            label("worker_hour_price"),
            _("give at least one price: per worker-hour, per instructor-hour or per visit"),
        )
    rounding = checker.check(
        "rounding_minutes", label("rounding_minutes"), _rounding, data.rounding_minutes or "15"
    )
    deduction = checker.check(
        "household_deduction", label("household_deduction"), _yes_no, data.household_deduction
    )
    if deduction and customer is not None and customer.type is not CustomerType.HOUSEHOLD:
        checker.add(
            "household_deduction",
            label("household_deduction"),
            _("only a household customer can use the household deduction"),
        )
    cancellation_billable = checker.check(
        "cancellation_billable",
        label("cancellation_billable"),
        _yes_no,
        data.cancellation_billable,
    )
    crew = checker.check(
        "planned_crew_size",
        label("planned_crew_size"),
        v.positive_int,
        data.planned_crew_size or "1",
    )
    weekdays = checker.check("weekdays", label("weekdays"), _weekdays, data.weekdays) or ""
    every = checker.check(
        "every_weeks", label("every_weeks"), _every_weeks, data.every_weeks or "1"
    )
    start = checker.check("start_time", label("start_time"), v.time_value, data.start_time)
    if start is None and not checker.has("start_time"):
        checker.add("start_time", label("start_time"), _("is required"))
    duration = checker.check(
        "duration_minutes", label("duration_minutes"), v.positive_int, data.duration_minutes
    )
    if duration is None and not checker.has("duration_minutes"):
        checker.add("duration_minutes", label("duration_minutes"), _("is required"))
    elif duration is not None and duration > 24 * 60:
        checker.add("duration_minutes", label("duration_minutes"), _("is longer than a day"))
    valid_from = None
    if checker.require("valid_from", label("valid_from"), data.valid_from):
        valid_from = checker.check("valid_from", label("valid_from"), v.date_value, data.valid_from)
    valid_to = checker.check("valid_to", label("valid_to"), v.date_value, data.valid_to)
    v.check_date_order(
        checker,
        "valid_from",
        label("valid_from"),
        valid_from,
        "valid_to",
        label("valid_to"),
        valid_to,
    )
    if not weekdays and valid_to is not None and valid_from is not None and valid_to != valid_from:
        checker.add(
            "weekdays",
            label("weekdays"),
            _("choose the weekdays, or leave Valid to empty for a one-off job"),
        )
    signed = checker.check("signed_on", label("signed_on"), v.date_value, data.signed_on)
    if data.work_site_id and (site is None or customer is None or site.customer_id != customer.id):
        checker.add("work_site", label("work_site"), _("choose a work site of this customer"))
    if any(q is None for q in qualifications):
        checker.add(
            "required_qualifications",
            label("required_qualifications"),
            _("choose one of the options"),
        )
    return {
        "customer_id": customer.id if customer is not None else None,
        "title": title,
        "task_description": data.task_description.strip(),
        "work_site_id": site.id if site else None,
        "task_type": task_type,
        **prices,
        "rounding_minutes": rounding or 15,
        "vat_treatment": vat,
        "vat_reason": vat_reason if vat is not None and vat.needs_reason else "",
        "household_deduction": bool(deduction),
        "cancellation_billable": bool(cancellation_billable),
        "planned_crew_size": crew or 1,
        "weekdays": weekdays,
        "every_weeks": every or 1,
        "start_time": start,
        "duration_minutes": duration,
        "valid_from": valid_from,
        "valid_to": valid_to if weekdays else None,
        "signed_on": signed,
        "status": status,
        "terms": data.terms.strip(),
    }


def _search(
    number: str, values: dict[str, Any], customer: CustomerFacts, site: WorkSite | None
) -> str:
    return search_text(
        number,
        values["title"],
        customer.name,
        customer.customer_number,
        site.name if site else "",
        site.city if site else "",
    )


def _apply(checker: v.Checker, session: Session, row: Contract, data: ContractInput) -> None:
    customer = session.get(Customer, data.customer_id) if data.customer_id else None
    site = session.get(WorkSite, data.work_site_id) if data.work_site_id else None
    qualifications = [session.get(QualificationType, q) for q in data.required_qualification_ids]
    values = _checked(checker, data, customer, row.customer_id, site, qualifications)
    checker.raise_if_any()

    assert customer is not None
    for key, value in values.items():
        setattr(row, key, value)
    row.required_qualifications = [q for q in qualifications if q is not None]
    row.search = _search(row.contract_number, values, customer, site)


def save_contract(store: Store, data: ContractInput, contract_id: int | None = None) -> int:
    """Create (``contract_id`` None) or update a contract; returns its id."""
    with store.write() as tx:
        return save_contract_in(tx, data, contract_id)


def save_contract_in(
    tx: Transaction,
    data: ContractInput,
    contract_id: int | None = None,
    *,
    checker: v.Checker | None = None,
    taken_numbers: Container[str] | None = None,
    batch: bool = False,
) -> int:
    """:func:`save_contract` inside the caller's transaction (e.g. one import of many rows).

    ``checker`` may already hold problems the caller found (they are raised together with
    the form's own); ``taken_numbers``, when given, are the contract numbers already in use
    by others and replace the per-row uniqueness query.
    """
    checker = checker if checker is not None else v.Checker()
    with saving(tx, Contract, contract_id, contract_snapshot, batch=batch) as row:
        row.contract_number, taken = claim_number(
            tx.session,
            Contract.contract_number,
            data.contract_number,
            contract_id,
            taken_numbers,
        )
        if taken:
            checker.add(
                "contract_number",
                label("contract_number"),
                _("is already used by another contract"),
            )
        _apply(checker, tx.session, row, data)
    return row.id


def new_contract_values(
    data: ContractInput,
    customer: CustomerFacts | None,
    *,
    checker: v.Checker,
    taken_numbers: Container[str],
) -> dict[str, Any]:
    """The column values of a new contract without a work site or required qualifications
    (an import row) for ``customer`` (``data.customer_id``'s, looked up by the caller),
    checked as :func:`save_contract_in` checks them, for a bulk insert: no ORM object, no
    query. ``data.contract_number`` must be given; ``taken_numbers`` are those in use.

    Raises :class:`~jobcenter_desktop.domain.validation.ValidationError` with the
    problems (and those already in ``checker``).
    """
    if data.work_site_id or data.required_qualification_ids:
        raise ValueError(
            "a contract with a work site or qualifications is saved by save_contract_in"
        )
    number = data.contract_number.strip()
    if not number:
        raise ValueError("new_contract_values needs the contract number")
    if number in taken_numbers:
        checker.add(
            "contract_number",
            label("contract_number"),
            _("is already used by another contract"),
        )
    values = _checked(checker, data, customer, None, None, [])
    checker.raise_if_any()
    assert customer is not None
    values["contract_number"] = number
    values["search"] = _search(number, values, customer, None)
    return values


def contract_snapshot(row: Contract) -> dict[str, Any]:
    return contract_audit(snapshot(row), [q.code for q in row.required_qualifications])


def contract_audit(
    values: dict[str, Any], qualification_codes: list[str] | None = None
) -> dict[str, Any]:
    """What the audit log keeps of a contract: its snapshot (``store.snapshot``, or
    ``bulk.Snapshots`` of a bulk insert) with the codes of its required qualifications."""
    values["required_qualifications"] = qualification_codes or []
    return values


def default_qualification_ids(session: Session, task_type: TaskType) -> list[int]:
    codes = TASK_QUALIFICATIONS.get(task_type, ())
    if not codes:
        return []
    return list(
        session.scalars(select(QualificationType.id).where(QualificationType.code.in_(codes)))
    )
