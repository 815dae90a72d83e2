"""The pay area's layout: on one tab the period, the people the run would pay with the
totals and what to check, and the Confirm and Print buttons; on the other the confirmed
runs with their files."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.i18n import gettext as _
from ui.invoicing.drafts_panel import action, action_button, fit_columns, table_view
from ui.invoicing.period import PeriodPicker
from ui.pay.models import REASON, PeopleModel, RunsModel
from ui.table_model import SearchProxy


class PayPanel(QTabWidget):
    """Widgets only; :class:`~ui.pay.view.PayView` fills and wires them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.period = PeriodPicker()
        self.refresh_action = action(self, _("Refresh"), "F5")
        period_label = QLabel(_("&Period"))
        period_label.setBuddy(self.period.month)
        top = QHBoxLayout()
        top.addWidget(period_label)
        top.addWidget(self.period)
        top.addStretch(1)
        top.addWidget(action_button(self.refresh_action))

        self.people_model = PeopleModel(parent=self)
        self.people_proxy = SearchProxy(self)
        self.people_proxy.setSourceModel(self.people_model)
        self.people = table_view(_("The pay run's people"))
        self.people.setModel(self.people_proxy)
        self.people.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        fit_columns(self.people, 1)
        # A month's people are few: every row decides the widths, not only those in sight.
        self.people.horizontalHeader().setResizeContentsPrecision(-1)
        self.kind = QLabel()
        self.kind.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.messages = QLabel()
        self.messages.setWordWrap(True)
        self.messages.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.confirm_action = action(self, _("Confirm the pay run…"), "Ctrl+Shift+I")
        self.statements_action = action(self, _("Print the statements…"), "Ctrl+P")
        buttons = QHBoxLayout()
        confirm_button = action_button(self.confirm_action)
        confirm_button.setStyleSheet("font-weight: bold;")
        buttons.addWidget(confirm_button)
        buttons.addWidget(action_button(self.statements_action))
        buttons.addStretch(1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(top)
        left_layout.addWidget(self.kind)
        left_layout.addWidget(self.people, 1)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.messages)
        left_layout.addLayout(buttons)

        self.runs_box = QWidget()
        self.runs_model = RunsModel(parent=self)
        self.runs_proxy = SearchProxy(self)
        self.runs_proxy.setSourceModel(self.runs_model)
        self.runs = table_view(_("Confirmed pay runs"))
        self.runs.setModel(self.runs_proxy)
        self.runs.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        fit_columns(self.runs, REASON)
        self.runs_empty = QLabel(
            _("No pay runs yet: the first one is confirmed on the Pay run tab (Alt+1).")
        )
        self.runs_empty.setWordWrap(True)
        self.save_files_action = action(self, _("Save the run's files…"), "Ctrl+S")
        runs_buttons = QHBoxLayout()
        runs_buttons.addWidget(action_button(self.save_files_action))
        runs_buttons.addStretch(1)
        runs_layout = QVBoxLayout(self.runs_box)
        runs_layout.addWidget(self.runs_empty)
        runs_layout.addWidget(self.runs, 1)
        runs_layout.addLayout(runs_buttons)

        self.run_page = left
        self.addTab(left, _("Pay run (Alt+1)"))
        self.addTab(self.runs_box, _("Confirmed runs (Alt+2)"))

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 240)
