"""The contract register: what is done for a customer, at what price, on what schedule."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import Weekday
from jobcenter_desktop.domain.parsing import parse_weekdays
from jobcenter_desktop.forms.contracts import ContractInput
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_money
from jobcenter_desktop.queries.contracts import ContractRow, list_contracts, load_contract
from jobcenter_desktop.services.registers.contracts import LABELS, save_contract
from ui.forms import FieldForm
from ui.register_view import RegisterSpec
from ui.registers.contract_form import ContractForm
from ui.registers.customers import number_sort_key
from ui.table_model import Column


def _weekday_numbers(row: ContractRow) -> tuple[int, ...]:
    try:
        return tuple(day.number for day in parse_weekdays(row.weekdays))
    except ValueError:
        return ()


def _day_runs(days: Sequence[Weekday]) -> list[str]:
    """Weekdays as short text, three or more days in a row as a range: ``ma–pe, su``."""
    runs: list[list[Weekday]] = []
    for day in days:
        if runs and runs[-1][-1].number + 1 == day.number:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{run[0].label}–{run[-1].label}")
        else:
            parts.extend(day.label for day in run)
    return parts


def schedule_text(row: ContractRow) -> str:
    """``ma, to`` or ``ma–pe`` for weekly work, ``kertakeikka 5.10.2026`` for a one-off job."""
    try:
        days = parse_weekdays(row.weekdays)
    except ValueError:
        return row.weekdays
    if days and row.every_weeks > 1:
        return _("{days}, every {weeks} weeks").format(
            days=", ".join(_day_runs(days)), weeks=row.every_weeks
        )
    if days:
        return ", ".join(_day_runs(days))
    return _("one-off {date}").format(date=format_date(row.valid_from))


def _schedule_sort(row: ContractRow) -> tuple[int, Any]:
    numbers = _weekday_numbers(row)
    return (0, numbers) if numbers else (1, row.valid_from.toordinal())


def validity_text(row: ContractRow) -> str:
    if not row.weekdays.strip():
        return format_date(row.valid_from)
    return f"{format_date(row.valid_from)}–{format_date(row.valid_to)}"


class ContractsSpec(RegisterSpec):
    register = "contracts"
    export_name = "contracts"

    def __init__(self) -> None:
        self.form: ContractForm | None = None

    def columns(self) -> list[Column]:
        return [
            Column(
                N_("No."),
                lambda r: r.contract_number,
                sort=lambda r: number_sort_key(r.contract_number),
                numeric=True,
            ),
            Column(LABELS["title"], lambda r: r.title),
            Column(LABELS["customer"], lambda r: r.customer_name),
            Column(LABELS["task_type"], lambda r: r.task_type.label),
            Column(N_("Schedule"), schedule_text, sort=_schedule_sort),
            Column(N_("Valid"), validity_text, sort=lambda r: r.valid_from),
            Column(LABELS["status"], lambda r: r.status.label),
            Column(
                N_("€ per worker-hour"),
                lambda r: format_money(r.worker_hour_price),
                sort=lambda r: r.worker_hour_price,
                numeric=True,
            ),
        ]

    def empty_text(self) -> str:
        return _("No contracts yet. Add the first contract (Ctrl+N).")

    def make_form(self) -> FieldForm:
        self.form = ContractForm()
        return self.form

    def store_changed(self, store: Store) -> None:
        if self.form is not None:
            self.form.set_store(store)

    def list_rows(self, store: Store, include_archived: bool) -> list[ContractRow]:
        # The view reloads after every save and archive: the customer picker follows.
        if self.form is not None:
            self.form.refresh_customers()
        return list_contracts(store, include_archived)

    def new_input(self) -> ContractInput:
        return ContractInput()

    def load_input(self, store: Store, record_id: int) -> ContractInput:
        return load_contract(store, record_id)

    def collect(self, form: FieldForm) -> ContractInput:
        # The household deduction box (YesNoBox) already gives the input's "yes"/"no" text,
        # and loads it back, so the form's own collect is enough.
        return form.collect(ContractInput())

    def save_input(self, store: Store, data: Any, record_id: int | None) -> int:
        return save_contract(store, data, record_id)

    def record_title(self, data: ContractInput) -> str:
        return f"{data.contract_number} {data.title}"

    def new_title(self) -> str:
        return _("New contract")

    def placeholder_text(self) -> str:
        return _("Choose a contract from the list, or add a new one (Ctrl+N).")

    def hide_order(self) -> list[int]:
        # price, task type, validity, status, schedule, customer
        return [7, 3, 5, 6, 4, 2]
