"""The boxes "Arvonlisäverokannat" and "Viivästyskorko" in the settings: the dated rate tables.

Every change is saved at once, like the closure days. A rate holds from its date until
the next row's; rows that issued invoices rely on are marked and cannot be deleted
(the service refuses, the box says why). New rates are added with a later date.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.domain.vat import RATED
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_percent
from jobcenter_desktop.queries.rates import (
    InterestRateRowView,
    VatRateRowView,
    category_name,
    interest_rates,
    vat_rates,
)
from jobcenter_desktop.services.invoicing.rates import (
    delete_interest_rate,
    delete_vat_rate,
    label,
    save_interest_rate,
    save_vat_rate,
)
from ui.forms import ERROR_STYLE, DateEdit, error_text, example, number_hint
from ui.table_model import Column, ColumnTableModel

Index = QModelIndex | QPersistentModelIndex
LOCKED_TIP = N_(
    "Issued invoices cover the days of this rate, so it can no longer be changed or "
    "deleted. Add new rates with a later valid-from date."
)


def state_text(row: VatRateRowView | InterestRateRowView) -> str:
    """Whether issued invoices use the row ("In use") or rely on it ("Locked")."""
    if row.in_use:
        return _("In use")
    return _("Locked") if row.locked else ""


def next_year_hint() -> str:
    """A new rate starts on a coming day: the hint is next New Year's Day, as the UI writes it."""
    return example(format_date(date(date.today().year + 1, 1, 1)))


class RatesModel(ColumnTableModel[Any]):
    """Rate rows of a query in, cells out; a locked row says why in its tooltip."""

    def extra_data(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and row.locked:
            return _(LOCKED_TIP)
        return None


class RatesBox(QGroupBox):
    """A dated rate table with Delete and a row of fields to add a rate (saved at once)."""

    #: a short message for the status bar ("Tallennettu" …)
    status = Signal(str)
    VISIBLE_ROWS = 4

    def __init__(
        self,
        title: str,
        note: str,
        columns: Sequence[Column[Any]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.store: Store | None = None
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.model = RatesModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(title)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        row_height = self.table.verticalHeader().defaultSectionSize()
        self.table.setFixedHeight(
            header.sizeHint().height()
            + self.VISIBLE_ROWS * row_height
            + 2 * self.table.frameWidth()
        )
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setToolTip(_("Deletes the chosen rate (Delete)."))
        self.add_button = QPushButton(_("Add"))
        self.add_button.setToolTip(_("Added at once; no need to save."))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        #: the fields of a new rate under their captions, left to right (a subclass fills it)
        self.add_row = QGridLayout()
        self.add_row.setVerticalSpacing(2)

        actions = QVBoxLayout()
        actions.addWidget(self.delete_button)
        actions.addStretch()
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(actions)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(body)
        layout.addLayout(self.add_row)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(self.add)
        self.delete_button.clicked.connect(self.delete)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.setWhatsThis(_("Delete the chosen row (in a table of rates)"))
        delete_key.activated.connect(self.delete)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)

    # --- what a subclass gives ----------------------------------------------------------------

    def fields(self) -> list[QWidget]:
        """The fields of a new rate, in the order Tab visits them."""
        raise NotImplementedError

    def rows(self, store: Store) -> Sequence[VatRateRowView | InterestRateRowView]:
        raise NotImplementedError

    def save_typed(self, store: Store) -> int:
        raise NotImplementedError

    def delete_row(self, store: Store, row_id: int) -> None:
        raise NotImplementedError

    # --- showing ------------------------------------------------------------------------------

    def finish_add_row(self) -> None:
        """Lay out the fields under their captions (their accessible names) and Add;
        Enter in a field moves on, in the last one adds."""
        fields = self.fields()
        for column, field in enumerate(fields):
            caption = QLabel(field.accessibleName())
            caption.setBuddy(field)
            self.add_row.addWidget(caption, 0, column)
            self.add_row.addWidget(field, 1, column)
            self.add_row.setColumnStretch(column, 1)
        self.add_row.addWidget(self.add_button, 1, len(fields))
        for field, following in pairwise(fields):
            if isinstance(field, QLineEdit):
                field.returnPressed.connect(following.setFocus)
        last = fields[-1]
        if isinstance(last, QLineEdit):
            last.returnPressed.connect(self.add)
        self._update_buttons()

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self._show_message("")
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        if select_id is None:
            select_id = self.current_id()
        self.model.set_rows(list(self.rows(self.store)) if self.store is not None else [])
        for number, row in enumerate(self.model.rows):
            if row.id == select_id:
                self.table.selectRow(number)
        self._fit_width()
        self._update_buttons()

    def _fit_width(self) -> None:
        """At least as wide as its columns (headings and figures), so none is cut short
        and no sideways scroll bar appears; a wider form gives the first column the rest."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        scroll_bar = self.table.verticalScrollBar().sizeHint().width()
        self.table.setMinimumWidth(header.length() + 2 * self.table.frameWidth() + scroll_bar)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return int(self.model.rows[index.row()].id)

    def current_row(self) -> Any:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= len(self.model.rows):
            return None
        return self.model.rows[index.row()]

    def texts(self) -> list[list[str]]:
        """What the table shows, row by row."""
        return [
            [str(self.model.index(r, c).data()) for c in range(self.model.columnCount())]
            for r in range(self.model.rowCount())
        ]

    def cancel_typing(self) -> bool:
        """Esc: clear the rate being typed; True if the focus was in this box."""
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            return False
        for field in self.fields():
            if isinstance(field, QLineEdit):
                field.clear()
        self._show_message("")
        return True

    def _update_buttons(self, *_args: object) -> None:
        has_store = self.store is not None
        for widget in [*self.fields(), self.add_button]:
            widget.setEnabled(has_store)
        row = self.current_row()
        self.delete_button.setEnabled(has_store and row is not None and not row.locked)

    def _show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(error_text(text) if error and text else text)
        self.message.setVisible(bool(text))

    # --- actions ------------------------------------------------------------------------------

    def add(self) -> None:
        if self.store is None:
            return
        try:
            row_id = self.save_typed(self.store)
        except (ValidationError, UserError) as error:
            self._show_message(str(error), error=True)
            self.status.emit(str(error).split("\n")[0])
            self.fields()[0].setFocus()
            return
        for field in self.fields():
            if isinstance(field, QLineEdit):
                field.clear()
        self._show_message("")
        self.reload(row_id)
        self.status.emit(_("Saved"))
        self.fields()[0].setFocus()

    def delete(self) -> None:
        row = self.current_row()
        if self.store is None or row is None:
            return
        number = self.table.currentIndex().row()
        try:
            self.delete_row(self.store, row.id)
        except UserError as error:
            self._show_message(str(error), error=True)
            self.status.emit(str(error))
            self.reload()
            return
        self._show_message("")
        self.reload()
        if self.model.rows:
            self.table.selectRow(min(number, len(self.model.rows) - 1))
        self._update_buttons()
        self.status.emit(_("Deleted"))


class VatRatesBox(RatesBox):
    """VAT rates per category by the date of supply."""

    VISIBLE_ROWS = 7

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("VAT rates"),
            _(
                "A line is billed at the rate of its category on the day the work was done. "
                "A rate holds until the next one of the same category."
            ),
            [
                Column(N_("VAT category"), lambda r: r.category_label),
                Column(N_("Valid from"), lambda r: format_date(r.valid_from), numeric=True),
                Column(N_("Rate"), lambda r: format_percent(r.rate), numeric=True),
                Column(N_("State"), state_text),
            ],
            parent,
        )
        self.category = QComboBox()
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.category.setAccessibleName(label("category"))
        for category in RATED:
            self.category.addItem(category_name(category), category.value)
        self.valid_from = DateEdit()
        self.valid_from.setPlaceholderText(next_year_hint())
        self.valid_from.setAccessibleName(label("valid_from"))
        self.rate = QLineEdit()
        self.rate.setPlaceholderText(number_hint("25.5", 1))
        self.rate.setAccessibleName(label("rate"))
        self.finish_add_row()

    def fields(self) -> list[QWidget]:
        return [self.category, self.valid_from, self.rate]

    def rows(self, store: Store) -> Sequence[VatRateRowView]:
        return vat_rates(store)

    def save_typed(self, store: Store) -> int:
        return save_vat_rate(
            store, self.category.currentData(), self.valid_from.text(), self.rate.text()
        )

    def delete_row(self, store: Store, row_id: int) -> None:
        delete_vat_rate(store, row_id)


class InterestRatesBox(RatesBox):
    """Late-payment interest (the Interest Act's rate) by the invoice's date."""

    VISIBLE_ROWS = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Late-payment interest"),
            _(
                "Printed on invoices and reminders: the reference rate + 7 points for "
                "consumers, + 8 for businesses, from each half-year's first day."
            ),
            [
                Column(N_("Valid from"), lambda r: format_date(r.valid_from), numeric=True),
                Column(N_("Consumers"), lambda r: format_percent(r.consumer), numeric=True),
                Column(N_("Businesses"), lambda r: format_percent(r.business), numeric=True),
                Column(N_("State"), state_text),
            ],
            parent,
        )
        self.valid_from = DateEdit()
        self.valid_from.setPlaceholderText(next_year_hint())
        self.valid_from.setAccessibleName(label("valid_from"))
        self.consumer = QLineEdit()
        self.consumer.setPlaceholderText(number_hint("9.5", 1))
        self.consumer.setAccessibleName(label("consumer"))
        self.business = QLineEdit()
        self.business.setPlaceholderText(number_hint("10.5", 1))
        self.business.setAccessibleName(label("business"))
        self.finish_add_row()

    def fields(self) -> list[QWidget]:
        return [self.valid_from, self.consumer, self.business]

    def rows(self, store: Store) -> Sequence[InterestRateRowView]:
        return interest_rates(store)

    def save_typed(self, store: Store) -> int:
        return save_interest_rate(
            store, self.valid_from.text(), self.consumer.text(), self.business.text()
        )

    def delete_row(self, store: Store, row_id: int) -> None:
        delete_interest_rate(store, row_id)
