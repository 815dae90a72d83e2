"""The participant register (Tekijät)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.forms.participants import ParticipantInput
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.participants import (
    ParticipantRow,
    list_participants,
    list_qualification_types,
    load_participant,
)
from jobcenter_desktop.services.registers.participants import LABELS, save_participant
from ui.forms import FieldForm
from ui.print_actions import ask_month, preview_month
from ui.register_view import RegisterSpec
from ui.registers.money_tab import MoneyTab
from ui.registers.participant_form import ParticipantForm
from ui.table_model import Column


def number_sort_key(row: ParticipantRow) -> tuple[int, int | str]:
    """Numeric numbers in numeric order (2 before 10), any other numbers after them."""
    number = row.participant_number
    return (0, int(number)) if number.isdigit() else (1, number.casefold())


class ParticipantsSpec(RegisterSpec):
    register = "participants"
    export_name = "participants"

    def __init__(self) -> None:
        self.form: ParticipantForm | None = None
        self.store: Store | None = None
        #: pay, bank account, benefits and consent: the only place benefits are shown
        self.money_tab: MoneyTab | None = None

    def columns(self) -> list[Column]:
        return [
            Column(N_("No."), lambda r: r.participant_number, sort=number_sort_key),
            Column(LABELS["last_name"], lambda r: r.last_name),
            Column(LABELS["first_name"], lambda r: r.first_name),
            Column(LABELS["service_basis"], lambda r: r.service_basis.label),
            Column(LABELS["pay_basis"], lambda r: r.pay_basis.label),
            Column(LABELS["status"], lambda r: r.status.label),
            Column(LABELS["city"], lambda r: r.city),
            Column(LABELS["phone"], lambda r: r.phone),
        ]

    def empty_text(self) -> str:
        return _("No participants yet. Add the first participant (Ctrl+N).")

    def make_form(self) -> FieldForm:
        self.form = ParticipantForm()
        self.form.print_month_requested.connect(self.print_month)
        return self.form

    def record_tabs(self) -> list[tuple[str, QWidget]]:
        self.money_tab = MoneyTab()
        return [(_("Money"), self.money_tab)]

    def record_shown(self, store: Store | None, record_id: int | None, archived: bool) -> None:
        if self.money_tab is not None:
            self.money_tab.show_participant(store, record_id, archived)

    def record_actions(self) -> list[QWidget]:
        # Also for an archived participant: their last month still needs signing.
        return [self.form.print_month_button] if self.form is not None else []

    def print_month(self, participant_number: str) -> None:
        """Ask for the month, then preview the participant's month timesheet."""
        if self.form is None or self.store is None:
            return
        chosen = ask_month(self.form)
        if chosen is not None:
            preview_month(self.form, self.store, participant_number, *chosen)

    def store_changed(self, store: Store) -> None:
        self.store = store
        if self.form is not None:
            self.form.set_qualification_types(list_qualification_types(store))

    def collect(self, form: FieldForm) -> ParticipantInput:
        assert isinstance(form, ParticipantForm)
        return form.collect_participant(self.new_input())

    def list_rows(self, store: Store, include_archived: bool) -> list[ParticipantRow]:
        return list_participants(store, include_archived)

    def new_input(self) -> ParticipantInput:
        return ParticipantInput()

    def load_input(self, store: Store, record_id: int) -> ParticipantInput:
        return load_participant(store, record_id)

    def save_input(self, store: Store, data: Any, record_id: int | None) -> int:
        return save_participant(store, data, record_id)

    def record_title(self, data: ParticipantInput) -> str:
        name = f"{data.first_name} {data.last_name}".strip()
        if not data.participant_number:
            return name
        return _("{name} (no. {number})").format(name=name, number=data.participant_number)

    def new_title(self) -> str:
        return _("New participant")

    def placeholder_text(self) -> str:
        return _("Choose a person from the list, or add a new one (Ctrl+N).")

    def hide_order(self) -> list[int]:
        # phone, city, pay basis, service basis, status, first name
        return [7, 6, 4, 3, 5, 2]
