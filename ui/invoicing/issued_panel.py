"""The issued invoices' layout: search and filter, the list, and the actions as buttons,
a context menu and keys."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.domain.invoices import InvoiceStatus
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.invoices import InvoiceRow
from ui.forms import compact_combo
from ui.invoicing.drafts_panel import action, action_button, fit_columns, table_view
from ui.invoicing.issued_model import CUSTOMER, NUMBER, IssuedModel
from ui.table_model import SearchProxy

#: The list's filters: key, label (an English msgid), the statuses shown (None: all).
FILTERS: tuple[tuple[str, str, frozenset[InvoiceStatus] | None], ...] = (
    ("all", N_("All"), None),
    ("open", N_("Open (unpaid)"), frozenset({InvoiceStatus.OPEN, InvoiceStatus.OVERDUE})),
    ("overdue", N_("Overdue"), frozenset({InvoiceStatus.OVERDUE})),
    ("paid", N_("Paid"), frozenset({InvoiceStatus.PAID})),
    (
        "credited",
        N_("Credited and credit notes"),
        frozenset({InvoiceStatus.CREDITED, InvoiceStatus.CREDIT_NOTE}),
    ),
)


class IssuedPanel(QWidget):
    """Widgets only; :class:`~ui.invoicing.issued.IssuedController` fills and wires them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by number or customer (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search the invoices"))
        self.filter = compact_combo()
        for key, text, _statuses in FILTERS:
            self.filter.addItem(_(text), key)
        show_label = QLabel(_("&Show"))
        show_label.setBuddy(self.filter)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(show_label)
        top.addWidget(self.filter)

        self.model = IssuedModel(parent=self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = table_view(_("Issued invoices"))
        self.table.setModel(self.proxy)
        self.table.sortByColumn(NUMBER, Qt.SortOrder.DescendingOrder)  # the newest on top
        fit_columns(self.table, CUSTOMER)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #444444; padding: 6px;")
        self.summary = QLabel()

        self.find_action = action(self, _("Search"), "Ctrl+F")
        self.print_action = action(self, _("Print or save PDF…"), "Ctrl+P")
        self.finvoice_action = action(self, _("Save Finvoice file…"), "Ctrl+E")
        self.payment_action = action(self, _("Record payment…"), "Ctrl+M")
        self.credit_action = action(self, _("Credit note…"), "Ctrl+K")
        self.reminders_action = action(self, _("Reminders…"), "Ctrl+R")
        self.import_action = action(self, _("Import bank payments…"), "Ctrl+B")
        self.household_action = action(self, _("Household statement…"), "Ctrl+H")
        self.row_actions = (
            self.print_action,
            self.finvoice_action,
            self.payment_action,
            self.credit_action,
        )
        self.general_actions = (self.reminders_action, self.import_action, self.household_action)
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(QLabel(_("Chosen invoice:")))
        for found in self.row_actions:
            chosen_row.addWidget(action_button(found))
        chosen_row.addStretch(1)
        general_row = QHBoxLayout()
        general_row.addWidget(QLabel(_("All invoices:")))
        for found in self.general_actions:
            general_row.addWidget(action_button(found))
        general_row.addStretch(1)
        general_row.addWidget(self.summary)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(chosen_row)
        layout.addLayout(general_row)

    def shown_rows(self) -> list[InvoiceRow]:
        """The invoices the search and filter show, top to bottom."""
        proxy = self.proxy
        return [
            self.model.rows[proxy.mapToSource(proxy.index(n, 0)).row()]
            for n in range(proxy.rowCount())
        ]

    def statuses(self) -> frozenset[InvoiceStatus] | None:
        key = self.filter.currentData()
        return next((statuses for found, _text, statuses in FILTERS if found == key), None)

    def set_filter(self, key: str) -> None:
        self.filter.setCurrentIndex(max(self.filter.findData(key), 0))

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        for found in self.row_actions:
            menu.addAction(found)
        menu.addSeparator()
        for found in self.general_actions:
            menu.addAction(found)
        return menu

    def _context_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()

    def actions_list(self) -> list[QAction]:
        return [*self.row_actions, *self.general_actions]

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 240)
