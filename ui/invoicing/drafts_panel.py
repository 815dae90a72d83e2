"""The invoice run's layout: the period and customer, the drafts with their totals, the
chosen draft's manual lines, the Issue buttons, and the chosen draft as it will print."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.i18n import gettext as _
from ui.forms import compact_combo
from ui.invoicing.draft_models import DraftsModel, ExtraLinesModel
from ui.invoicing.period import PeriodPicker
from ui.invoicing.preview_pane import PreviewPane
from ui.table_model import SearchProxy


def table_view(name: str) -> QTableView:
    """A read-only list of rows: one row chosen at a time, sorted by a header click."""
    table = QTableView()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setSortingEnabled(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().lineSpacing() + 10)
    table.setAccessibleName(name)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


#: how many rows beyond those in sight decide a column's width
MEASURED_ROWS = 0


def fit_columns(table: QTableView, stretch: int) -> None:
    """Numbers as wide as their contents, column ``stretch`` takes the rest."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    # Years of invoices: measure the rows in sight and a few more, not every row on
    # each keystroke and selection.
    header.setResizeContentsPrecision(MEASURED_ROWS)


def action(parent: QWidget, text: str, keys: str) -> QAction:
    """An action with its keys, working anywhere inside ``parent`` (the panel)."""
    found = QAction(text, parent)
    found.setShortcut(QKeySequence(keys))
    found.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    parent.addAction(found)
    return found


def action_button(found: QAction) -> QPushButton:
    """A button for ``found`` that shows its keys and follows its enabled state."""
    keys = found.shortcut().toString(QKeySequence.SequenceFormat.PortableText)
    button = QPushButton(f"{found.text()} ({keys})" if keys else found.text())
    button.clicked.connect(found.trigger)
    button.setEnabled(found.isEnabled())
    found.enabledChanged.connect(button.setEnabled)
    return button


class DraftsPanel(QWidget):
    """Widgets only; :class:`~ui.invoicing.drafts.DraftsController` fills and wires them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.period = PeriodPicker()
        self.customer = compact_combo()
        self.customer.setMinimumContentsLength(18)
        self.refresh_action = action(self, _("Refresh"), "F5")
        period_label = QLabel(_("&Period"))
        period_label.setBuddy(self.period.month)
        customer_label = QLabel(_("C&ustomer"))
        customer_label.setBuddy(self.customer)
        top = QHBoxLayout()
        top.addWidget(period_label)
        top.addWidget(self.period)
        top.addSpacing(12)
        top.addWidget(customer_label)
        top.addWidget(self.customer, 1)
        top.addWidget(action_button(self.refresh_action))

        self.model = DraftsModel(parent=self)
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = table_view(_("Draft invoices"))
        self.table.setModel(self.proxy)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        fit_columns(self.table, 0)
        self.awaiting = QLabel()
        self.awaiting.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        self.issue_all_action = action(self, _("Issue all…"), "Ctrl+Shift+I")
        self.issue_selected_action = action(self, _("Issue the chosen one…"), "Ctrl+I")
        issue_row = QHBoxLayout()
        self.issue_all_button = action_button(self.issue_all_action)
        self.issue_all_button.setStyleSheet("font-weight: bold;")
        issue_row.addWidget(self.issue_all_button)
        issue_row.addWidget(action_button(self.issue_selected_action))
        issue_row.addStretch(1)

        self.lines_box = QGroupBox(_("Manual lines"))
        self.lines_model = ExtraLinesModel(parent=self)
        self.lines_table = table_view(_("Manual lines"))
        self.lines_table.setSortingEnabled(False)
        self.lines_table.setModel(self.lines_model)
        fit_columns(self.lines_table, 2)
        # Room for a few lines: the drafts above get the rest of the height.
        rows = self.lines_table.verticalHeader().defaultSectionSize()
        self.lines_table.setMaximumHeight(
            4 * rows + self.lines_table.horizontalHeader().sizeHint().height() + 4
        )
        self.lines_note = QLabel()
        self.lines_note.setWordWrap(True)
        self.add_line_action = action(self, _("Add line…"), "Ctrl+N")
        self.delete_line_action = action(self, _("Delete line"), "Ctrl+Del")
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(action_button(self.add_line_action))
        line_buttons.addWidget(action_button(self.delete_line_action))
        line_buttons.addStretch(1)
        lines_layout = QVBoxLayout(self.lines_box)
        lines_layout.addWidget(self.lines_note)
        lines_layout.addWidget(self.lines_table, 1)
        lines_layout.addLayout(line_buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.awaiting)
        left_layout.addWidget(self.message)
        left_layout.addLayout(issue_row)
        left_layout.addWidget(self.lines_box)
        left.setMinimumWidth(420)

        self.preview = PreviewPane()
        self.open_preview_action = action(self, _("Larger, print…"), "Ctrl+P")
        self.preview.header.addWidget(action_button(self.open_preview_action))
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([640, 480])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 240)
