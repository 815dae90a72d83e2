"""The instructor register."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.forms.instructors import InstructorInput
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.instructors import InstructorRow, list_instructors, load_instructor
from jobcenter_desktop.services.registers.instructors import label, save_instructor
from ui.forms import FieldForm
from ui.register_view import RegisterSpec
from ui.table_model import Column


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


class InstructorsSpec(RegisterSpec):
    register = "instructors"

    def columns(self) -> list[Column]:
        return [
            Column(N_("Last name"), lambda r: r.last_name),
            Column(N_("First name"), lambda r: r.first_name),
            Column(N_("Phone"), lambda r: r.phone),
            Column(N_("Email"), lambda r: r.email),
            Column(N_("Active"), lambda r: _yes_no(r.active), sort=lambda r: r.active),
        ]

    def empty_text(self) -> str:
        return _("No instructors yet. Add the first instructor (Ctrl+N).")

    def make_form(self) -> FieldForm:
        form = FieldForm()
        for key in ("first_name", "last_name", "phone", "email"):
            form.add(key, label(key), QLineEdit())
        form.add("active", label("active"), QCheckBox(_("Leads crews")))
        return form

    def list_rows(self, store: Store, include_archived: bool) -> list[InstructorRow]:
        return list_instructors(store, include_archived)

    def new_input(self) -> InstructorInput:
        return InstructorInput()

    def load_input(self, store: Store, record_id: int) -> InstructorInput:
        return load_instructor(store, record_id)

    def save_input(self, store: Store, data: Any, record_id: int | None) -> int:
        return save_instructor(store, data, record_id)

    def record_title(self, data: InstructorInput) -> str:
        return f"{data.first_name} {data.last_name}"

    def new_title(self) -> str:
        return _("New instructor")

    def placeholder_text(self) -> str:
        return _("Choose an instructor from the list, or add a new one (Ctrl+N).")
