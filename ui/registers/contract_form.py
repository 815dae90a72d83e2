"""The contract's detail form and its own small widgets (weekdays, qualifications, yes/no)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import ContractStatus, TaskType, VatTreatment, Weekday
from jobcenter_desktop.domain.parsing import format_weekdays, parse_bool, parse_weekdays
from jobcenter_desktop.forms.contracts import PRICE_FIELDS, ContractInput
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.customers import customer_choices, load_customer, work_site_choices
from jobcenter_desktop.queries.participants import QualificationTypeRow, list_qualification_types
from jobcenter_desktop.services.registers.contracts import TASK_QUALIFICATIONS, label
from ui.forms import (
    DateEdit,
    FieldForm,
    TimeEdit,
    choice_combo,
    enum_combo,
    fill_combo,
    number_hint,
)

CODE_ROLE = Qt.ItemDataRole.UserRole + 1


class WeekdayPicker(QWidget):
    """Seven check boxes, Monday first; the value is the stored form, e.g. ``mon,thu``."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes: dict[Weekday, QCheckBox] = {}
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for day in Weekday:
            box = QCheckBox(day.label)
            box.toggled.connect(self._emit_changed)
            self.boxes[day] = box
            row.addWidget(box)
        row.addStretch()
        self.hint = QLabel(_("Leave the weekdays empty for a one-off job on the Valid from date."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.hint)

    def _emit_changed(self, *_args: Any) -> None:
        self.changed.emit()

    def value(self) -> str:
        return format_weekdays(day for day, box in self.boxes.items() if box.isChecked())

    def set_value(self, value: str | None) -> None:
        try:
            days = set(parse_weekdays(value or ""))
        except ValueError:
            days = set()
        for day, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(day in days)
            box.blockSignals(False)
        self.changed.emit()


class QualificationList(QListWidget):
    """The qualification catalogue as check boxes; the value is the list of ticked ids."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.itemChanged.connect(self._emit_changed)

    def _emit_changed(self, *_args: Any) -> None:
        self.changed.emit()

    def set_types(self, types: Sequence[QualificationTypeRow]) -> None:
        ticked = self.value()
        self.blockSignals(True)
        self.clear()
        for qualification in types:
            text = qualification.name
            if qualification.archived:
                text = _("{text} (archived)").format(text=text)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, qualification.id)
            item.setData(CODE_ROLE, qualification.code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            checked = qualification.id in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)
        rows = max(self.count(), 1)
        height = self.sizeHintForRow(0) if self.count() else 20
        self.setFixedHeight(min(rows, 7) * height + 2 * self.frameWidth() + 4)

    def _items(self) -> list[QListWidgetItem]:
        return [self.item(row) for row in range(self.count())]

    def value(self) -> list[int]:
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_value(self, ids: Sequence[int] | None) -> None:
        wanted = set(ids or ())
        self.blockSignals(True)
        for item in self._items():
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.blockSignals(False)
        self.changed.emit()

    def tick_codes(self, codes: Sequence[str], checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for item in self._items():
            if item.data(CODE_ROLE) in codes:
                item.setCheckState(state)


class YesNoBox(QWidget):
    """A check box whose value is the ``"yes"``/``"no"`` text the contract input takes."""

    changed = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checkbox = QCheckBox(text)
        self.checkbox.toggled.connect(self._emit_changed)
        self.setFocusProxy(self.checkbox)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.checkbox)

    def _emit_changed(self, *_args: Any) -> None:
        self.changed.emit()

    def value(self) -> str:
        return "yes" if self.checkbox.isChecked() else "no"

    def set_value(self, value: str | bool | None) -> None:
        if isinstance(value, str):
            try:
                checked = parse_bool(value)
            except ValueError:
                checked = False
        else:
            checked = bool(value)
        self.checkbox.setChecked(checked)


def _fit(combo: QComboBox, letters: int = 22) -> QComboBox:
    """A picker that fills its row but does not widen the form for its longest item."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)
    combo.setMaximumWidth(420)
    policy = combo.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
    combo.setSizePolicy(policy)
    return combo


def _line(width: int | None = None, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    if width is not None:
        edit.setMaximumWidth(width)
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def _text_box(height: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setMaximumHeight(height)
    box.setTabChangesFocus(True)
    return box


class ContractForm(FieldForm):
    """The contract form; its pickers follow the store, the customer and the task type."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.is_new = True
        self._task_type = TaskType.CLEANING

        self.section(_("Contract"))
        self.add(
            "contract_number", label("contract_number"), _line(160, _("assigned automatically"))
        )
        self.customer = _fit(choice_combo([]))
        self.add("customer_id", label("customer"), self.customer, error_key="customer")
        self.add("title", label("title"), _line())
        self.task_type = _fit(enum_combo(TaskType))
        self.add("task_type", label("task_type"), self.task_type)
        self.work_site = _fit(choice_combo([]))
        self.add("work_site_id", label("work_site"), self.work_site, error_key="work_site")
        self.add("task_description", label("task_description"), _text_box(70))

        self.section(_("Price"))
        for key in PRICE_FIELDS:
            example = number_hint("35.00") if key == "worker_hour_price" else ""
            self.add(key, label(key), _line(120, example))
        self.add("rounding_minutes", label("rounding_minutes"), _line(120))
        self.cancellation = YesNoBox(_("Invoice a gig the customer cancels"))
        self.cancellation.checkbox.setToolTip(
            _(
                "When ticked, a gig the customer cancels is invoiced as planned (at least the "
                "minimum charge). The tick is the default when a gig is cancelled; it can be "
                "changed for each gig."
            )
        )
        self.add("cancellation_billable", label("cancellation_billable"), self.cancellation)
        self.vat = _fit(enum_combo(VatTreatment))
        self.add("vat_treatment", label("vat_treatment"), self.vat)
        self.vat_reason = _line(None, _("e.g. the seller is not liable for VAT (VAT Act 3 §)"))
        self.add("vat_reason", label("vat_reason"), self.vat_reason)
        self.deduction = YesNoBox(_("The work qualifies for the deduction"))
        self.add("household_deduction", label("household_deduction"), self.deduction)

        self.section(_("Crew and qualifications"))
        self.add("planned_crew_size", label("planned_crew_size"), _line(120))
        self.qualifications = QualificationList()
        self.add(
            "required_qualification_ids",
            label("required_qualifications"),
            self.qualifications,
            error_key="required_qualifications",
        )

        self.section(_("Schedule"))
        self.weekdays = WeekdayPicker()
        self.add("weekdays", label("weekdays"), self.weekdays)
        self.add("every_weeks", label("every_weeks"), _line(120))
        self.add("start_time", label("start_time"), TimeEdit())
        self.add("duration_minutes", label("duration_minutes"), _line(120))

        self.section(_("Validity"))
        for key in ("valid_from", "valid_to", "signed_on"):
            date_edit = DateEdit()
            date_edit.setMaximumWidth(160)
            self.add(key, label(key), date_edit)
        self.add("status", label("status"), enum_combo(ContractStatus))

        self.section(_("Contract terms"))
        self.add("terms", label("terms"), _text_box(90))

        self.customer.currentIndexChanged.connect(self._customer_changed)
        self.task_type.currentIndexChanged.connect(self._task_type_changed)
        self.vat.currentIndexChanged.connect(self._vat_changed)
        self._vat_changed()

    # --- the store and the pickers ----------------------------------------------------------

    def set_store(self, store: Store) -> None:
        self.store = store
        # Archived types stay listed, so a contract that requires one keeps it when saved.
        self.qualifications.set_types(list_qualification_types(store, include_archived=True))
        self.refresh_customers()

    def refresh_customers(self) -> None:
        """Offer the customers in the store now (the archived ones only where already chosen)."""
        if self.store is None:
            return
        fill_combo(self.customer, [(c.id, c.text) for c in customer_choices(self.store)])
        self._customer_changed()

    def _ensure_customer(self, customer_id: int | None) -> None:
        """A contract of an archived customer still shows who the customer is."""
        if customer_id is None or self.store is None or self.customer.findData(customer_id) >= 0:
            return
        try:
            customer = load_customer(self.store, customer_id)
        except UserError:
            return
        text = _("{name} ({number}, archived)").format(
            name=customer.name, number=customer.customer_number
        )
        self.customer.blockSignals(True)
        self.customer.addItem(text, customer_id)
        self.customer.blockSignals(False)

    def _customer_changed(self, *_args: Any) -> None:
        customer_id = self.customer.currentData()
        sites = []
        if self.store is not None and customer_id is not None:
            sites = [(c.id, c.text) for c in work_site_choices(self.store, customer_id)]
        fill_combo(self.work_site, sites)
        self.work_site.setEnabled(bool(sites))

    def _task_type_changed(self, *_args: Any) -> None:
        """On a new contract, tick what the chosen kind of task usually needs."""
        new_type = TaskType(self.task_type.currentData())
        old_type, self._task_type = self._task_type, new_type
        if self._loading or not self.is_new:
            return
        self.qualifications.tick_codes(TASK_QUALIFICATIONS.get(old_type, ()), False)
        self.qualifications.tick_codes(TASK_QUALIFICATIONS.get(new_type, ()), True)

    def _vat_changed(self, *_args: Any) -> None:
        self.vat_reason.setEnabled(VatTreatment(self.vat.currentData()).needs_reason)

    # --- values -------------------------------------------------------------------------------

    def load(self, data: Any) -> None:
        assert isinstance(data, ContractInput)
        # A saved contract always has a number; a new one gets it when it is saved.
        self.is_new = not data.contract_number
        self.refresh_customers()
        self._ensure_customer(data.customer_id)
        super().load(data)
        self._task_type = TaskType(self.task_type.currentData())
