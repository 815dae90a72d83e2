"""Dialogs for gigs on the planner: move one, cancel one, add a one-off gig.

Each dialog saves through its service when the user presses Save (or Enter). A
refusal is shown in words in the dialog, at its field where it has one, the
dialog stays open and nothing is changed; Esc closes it without saving.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_time
from jobcenter_desktop.queries.contract_choices import ContractChoice
from jobcenter_desktop.queries.gigs import GigRow
from jobcenter_desktop.services.planning.gigs import add_gig, cancel_gig, label, move_gig
from ui.forms import ERROR_STYLE, DateEdit, FieldForm, TimeEdit, compact_combo, error_text
from ui.planner.gig_card import time_range


def gig_heading(gig: GigRow) -> str:
    """The gig in three lines: customer, work, and when."""
    return (
        f"<b>{gig.customer_name}</b><br>{gig.contract_title}<br>"
        f"{format_date(gig.day)} {time_range(gig)}"
    )


class GigDialog(QDialog):
    """A heading, a form, a line for problems that belong to no field, Save and Cancel."""

    def __init__(self, store: Store, title: str, heading: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        self.form = FieldForm()
        self.problem = QLabel()
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        """Each dialog saves through its service here (move, cancel or add); it raises
        what the service or the parsing refuses, which :meth:`try_save` shows."""

    def accept(self) -> None:
        if self.try_save():
            super().accept()

    def try_save(self) -> bool:
        """Save, or show why not; True if saved."""
        self.problem.hide()
        self.form.clear_errors()
        try:
            self.save()
        except ValidationError as error:
            unplaced = self.form.show_errors(error.errors)
            if unplaced:
                self.show_problem("\n".join(unplaced))
            self.adjustSize()  # room for the messages
            return False
        except UserError as error:
            self.show_problem(str(error))
            self.adjustSize()
            return False
        return True

    def show_problem(self, message: str) -> None:
        self.problem.setText(error_text(message))
        self.problem.show()

    def problems(self) -> list[str]:
        """What the dialog shows as wrong, at the fields and under them."""
        shown = list(self.form.error_messages())
        if not self.problem.isHidden():
            shown.append(self.problem.text())
        return shown


def _duration_field() -> QLineEdit:
    field = QLineEdit()
    field.setMaximumWidth(90)
    return field


class _When:
    """The date, start and duration fields that moving and adding a gig share."""

    def __init__(self, form: FieldForm) -> None:
        self.day = DateEdit()
        self.day.setMaximumWidth(160)
        self.start = TimeEdit()
        self.duration = _duration_field()
        form.add("day", label("day"), self.day)
        form.add("start_time", label("start_time"), self.start)
        form.add("duration_minutes", label("duration_minutes"), self.duration)

    def fill(self, day: date | None, start: time | None, minutes: int | None) -> None:
        if day is not None:
            self.day.setText(format_date(day))
        self.start.setText(format_time(start) if start is not None else "")
        self.duration.setText(str(minutes) if minutes is not None else "")

    def read(self, checker: v.Checker) -> tuple[date | None, time | None, int | None]:
        """What is typed, read the Finnish way; the problems go to ``checker``."""
        values = []
        for key, field, parse in (
            ("day", self.day, v.date_value),
            ("start_time", self.start, v.time_value),
            ("duration_minutes", self.duration, v.positive_int),
        ):
            text = checker.require(key, label(key), field.text())
            values.append(checker.check(key, label(key), parse, text))
        day, start, minutes = values
        return day, start, minutes  # type: ignore[return-value]


class MoveGigDialog(GigDialog):
    """Another day, start or duration for a planned gig."""

    def __init__(self, store: Store, gig: GigRow, parent: QWidget | None = None) -> None:
        super().__init__(store, _("Move the gig"), gig_heading(gig), parent)
        self.gig = gig
        self.moved_to = gig.day
        self.when = _When(self.form)
        self.when.fill(gig.day, gig.start_time, gig.duration_minutes)
        self.when.day.setFocus()
        self.when.day.selectAll()

    def save(self) -> None:
        checker = v.Checker()
        day, start, minutes = self.when.read(checker)
        checker.raise_if_any()
        assert day is not None and start is not None and minutes is not None
        move_gig(self.store, self.gig.id, day, start, minutes)
        self.moved_to = day


CUSTOMER = "customer"
CENTRE = "centre"


class CancelGigDialog(GigDialog):
    """Who cancelled (the customer, billable or not, or the centre) and why.

    ``bills`` is the contract's "customer's cancellation is billable": the billable tick's
    default when the customer cancels; the user can still change it for this gig.
    """

    def __init__(
        self, store: Store, gig: GigRow, bills: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(store, _("Cancel the gig"), gig_heading(gig), parent)
        self.gig = gig
        self.by_customer = QRadioButton(_("The customer"))
        self.by_centre = QRadioButton(_("The centre"))
        self.by_group = QButtonGroup(self)
        who = QWidget()
        row = QHBoxLayout(who)
        row.setContentsMargins(0, 0, 0, 0)
        for button in (self.by_customer, self.by_centre):
            self.by_group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        self.billable = QCheckBox(_("the customer pays for the gig"))
        self.billable.setToolTip(
            _("Ticked at first: the contract says a customer's cancellation is billable.")
            if bills
            else _("Not ticked at first: the contract says a customer's cancellation is free.")
        )
        self.reason = QLineEdit()
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(_("e.g. the customer's premises closed for a repair"))
        self.form.add("cancelled_by", label("cancelled_by"), who)
        self.form.add("cancel_billable", label("cancel_billable"), self.billable)
        self.form.add("cancel_reason", label("cancel_reason"), self.reason)
        # "Cancel" would be ambiguous here: the buttons say what they do.
        self.save_button.setText(_("Cancel the gig"))
        self.close_button.setText(_("Close"))
        self._bills = bills
        self.by_customer.toggled.connect(self._who_changed)
        self.by_customer.setChecked(True)
        self._who_changed()
        self.reason.setFocus()

    def _who_changed(self) -> None:
        customer = self.by_customer.isChecked()
        self.billable.setEnabled(customer)
        self.billable.setChecked(customer and self._bills)

    def save(self) -> None:
        by = CUSTOMER if self.by_customer.isChecked() else CENTRE
        billable = by == CUSTOMER and self.billable.isChecked()
        cancel_gig(self.store, self.gig.id, by, self.reason.text(), billable)  # type: ignore[arg-type]


class NewGigDialog(GigDialog):
    """A one-off gig of an active contract: when, and the contract's site and crew size."""

    def __init__(
        self,
        store: Store,
        contracts: list[ContractChoice],
        day: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            store,
            _("New gig"),
            _("A one-off gig of a contract, besides the ones its schedule makes."),
            parent,
        )
        self.contracts = {choice.id: choice for choice in contracts}
        self.setMinimumWidth(640)
        self.contract = compact_combo()
        self.contract.setMinimumContentsLength(40)
        for choice in contracts:
            self.contract.addItem(choice.text, choice.id)
        self.form.add("contract", label("contract"), self.contract)
        self.when = _When(self.form)
        self.site = QLabel()
        self.site.setWordWrap(True)
        self.form.add("site", _("Work site"), self.site)
        self.note = QLineEdit()
        self.form.add("note", _("Note"), self.note)
        self.when.day.setText(format_date(day))
        self.gig_id: int | None = None
        self.day: date = day
        self.contract.currentIndexChanged.connect(self._contract_changed)
        self._contract_changed()
        if not contracts:
            self.show_problem(_("No active contracts. Add a contract or make one active first."))
            self.save_button.setEnabled(False)
        self.contract.setFocus()

    def chosen(self) -> ContractChoice | None:
        return self.contracts.get(self.contract.currentData())

    def _contract_changed(self) -> None:
        choice = self.chosen()
        if choice is None:
            self.site.setText("")
            return
        self.when.fill(None, choice.start_time, choice.duration_minutes)
        self.site.setText(choice.site_name or _("No site on the contract"))

    def save(self) -> None:
        checker = v.Checker()
        choice = self.chosen()
        if choice is None:
            checker.add("contract", label("contract"), _("choose one of the options"))
        day, start, minutes = self.when.read(checker)
        checker.raise_if_any()
        assert choice is not None and day is not None and start is not None
        assert minutes is not None
        self.gig_id = add_gig(self.store, choice.id, day, start, minutes, self.note.text())
        self.day = day
