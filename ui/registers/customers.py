"""The customer register: who buys the work, where it is done and who to contact."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import CustomerType, InvoiceDetail, InvoiceLanguage
from jobcenter_desktop.domain.search import number_order
from jobcenter_desktop.forms.customers import ContactInput, CustomerInput, WorkSiteInput
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.customers import CustomerRow, list_customers, load_customer
from jobcenter_desktop.services.registers.customers import LABELS, label, save_customer
from ui.forms import FieldForm, enum_combo
from ui.register_view import RegisterSpec
from ui.rows_editor import RowField, RowsEditor
from ui.table_model import Column

#: fields that only an organisation (not a household) fills in
ORGANISATION_FIELDS = ("business_id", "einvoice_address", "einvoice_operator")


def number_sort_key(number: str) -> tuple[int, int, str]:
    """Numbers in numeric order (2 before 10); anything else after them, as text."""
    return number_order(number.strip())


def _type_label(row: CustomerRow) -> str:
    return row.type.label


class CustomersSpec(RegisterSpec):
    register = "customers"
    export_name = "customers"

    def __init__(self) -> None:
        self.form: FieldForm | None = None

    def columns(self) -> list[Column]:
        return [
            Column(
                N_("No."),
                lambda r: r.customer_number,
                sort=lambda r: number_sort_key(r.customer_number),
                numeric=True,
            ),
            Column(LABELS["name"], lambda r: r.name),
            Column(LABELS["type"], _type_label),
            Column(LABELS["business_id"], lambda r: r.business_id),
            Column(LABELS["city"], lambda r: r.city),
            Column(LABELS["phone"], lambda r: r.phone),
            Column(LABELS["email"], lambda r: r.email),
        ]

    def empty_text(self) -> str:
        return _("No customers yet. Add the first customer (Ctrl+N).")

    def make_form(self) -> FieldForm:
        form = FieldForm()
        form.section(_("Customer details"))
        number = QLineEdit()
        number.setPlaceholderText(_("assigned automatically"))
        number.setMaximumWidth(160)
        form.add("customer_number", label("customer_number"), number)
        kind = enum_combo(CustomerType)
        form.add("type", label("type"), kind)
        form.add("name", label("name"), QLineEdit())
        business_id = QLineEdit()
        business_id.setPlaceholderText(_("e.g. 0737546-2"))
        business_id.setMaximumWidth(160)
        form.add("business_id", label("business_id"), business_id)

        form.section(_("Billing address"))
        form.add("street", label("street"), QLineEdit())
        postal_code = QLineEdit()
        postal_code.setMaximumWidth(90)
        form.add("postal_code", label("postal_code"), postal_code)
        form.add("city", label("city"), QLineEdit())

        form.section(_("Contact information"))
        form.add("email", label("email"), QLineEdit())
        form.add("phone", label("phone"), QLineEdit())

        form.section(_("Invoicing"))
        form.add("invoice_language", label("invoice_language"), enum_combo(InvoiceLanguage))
        form.add("einvoice_address", label("einvoice_address"), QLineEdit())
        form.add("einvoice_operator", label("einvoice_operator"), QLineEdit())
        term = QLineEdit()
        term.setPlaceholderText(_("centre's default"))
        term.setMaximumWidth(160)
        form.add("payment_term_days", label("payment_term_days"), term)
        form.add("customer_reference", label("customer_reference"), QLineEdit())
        detail = enum_combo(InvoiceDetail)
        detail.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # whole choices
        form.add("invoice_detail", label("invoice_detail"), detail)

        form.section(_("Work sites"))
        sites = RowsEditor(
            WorkSiteInput,
            [
                RowField("name", label("name")),
                RowField("street", label("street")),
                RowField("postal_code", label("postal_code")),
                RowField("city", label("city")),
                RowField("notes", label("notes")),
            ],
        )
        sites.setAccessibleName(_("Work sites"))
        form.add("work_sites", "", sites)

        form.section(_("Contact persons"))
        contacts = RowsEditor(
            ContactInput,
            [
                RowField("name", label("name")),
                RowField("role", _("Role")),
                RowField("phone", label("phone")),
                RowField("email", label("email")),
            ],
        )
        contacts.setAccessibleName(_("Contact persons"))
        form.add("contacts", "", contacts)

        form.section(_("Other information"))
        notes = QPlainTextEdit()
        notes.setMaximumHeight(80)
        notes.setTabChangesFocus(True)
        form.add("notes", label("notes"), notes)

        kind.currentIndexChanged.connect(self._type_changed)
        self.form = form
        self._type_changed()
        return form

    def _type_changed(self, *_args: Any) -> None:
        """A household has no business ID and receives no e-invoices: those fields go grey."""
        assert self.form is not None
        kind = CustomerType(self.form.value("type"))
        for key in ORGANISATION_FIELDS:
            widget = self.form.widgets[key]
            assert isinstance(widget, QLineEdit)
            if not kind.is_organisation:
                widget.clear()
            widget.setEnabled(kind.is_organisation)

    def list_rows(self, store: Store, include_archived: bool) -> list[CustomerRow]:
        return list_customers(store, include_archived)

    def new_input(self) -> CustomerInput:
        return CustomerInput()

    def load_input(self, store: Store, record_id: int) -> CustomerInput:
        return load_customer(store, record_id)

    def save_input(self, store: Store, data: Any, record_id: int | None) -> int:
        return save_customer(store, data, record_id)

    def record_title(self, data: CustomerInput) -> str:
        return f"{data.name} ({data.customer_number})"

    def new_title(self) -> str:
        return _("New customer")

    def placeholder_text(self) -> str:
        return _("Choose a customer from the list, or add a new one (Ctrl+N).")

    def hide_order(self) -> list[int]:
        # email, business ID, phone, type, city
        return [6, 3, 5, 2, 4]
