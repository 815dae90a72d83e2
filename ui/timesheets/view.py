"""The timesheets area (Tuntikirjaukset): a week's gigs on the left, a gig's sheet on the right."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QItemSelection, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.timesheets import WeekGigRow, gig_timesheet, week_timesheets
from jobcenter_desktop.services.invoicing.amounts import billable_amounts
from ui.forms import area_shortcut
from ui.planner.day_board import monday_of
from ui.table_model import ID_ROLE
from ui.timesheets.actions import TimesheetActions
from ui.timesheets.gig_list import WORK, WeekGigsModel
from ui.timesheets.sheet_panel import SheetPanel
from ui.week_buttons import WeekButtons, WeekPaging

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _GigTable(QTableView):
    """The week's gigs; Enter goes to the chosen gig's grid."""

    def __init__(self, view: TimesheetsView) -> None:
        super().__init__()
        self.view = view

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER_KEYS:
            self.view.panel.focus_grid()
            return
        super().keyPressEvent(event)


class TimesheetsView(WeekPaging, TimesheetActions):
    """Record, check and approve the hours of a week's gigs. ``status`` says what happened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.monday = monday_of(date.today())
        self.gigs: list[WeekGigRow] = []
        #: gig id -> the net it is or will be billed (absent: no charge)
        self.amounts: dict[int, Decimal] = {}
        self.current_id: int | None = None
        self._selecting = False

        self.week_buttons = WeekButtons(self, self.previous_week, self.this_week, self.next_week)
        top = self.week_buttons.row()
        top.addStretch(1)

        self.list_model = WeekGigsModel(self)
        self.table = _GigTable(self)
        self.table.setModel(self.list_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        # Two lines a gig, cut with "…" rather than wrapped: the tooltip has the rest.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 10)
        self.table.setAccessibleName(_("Gigs of the week"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WORK, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #444444; padding: 6px;")
        self.empty_label.hide()

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.week_buttons.title)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label)

        self.panel = SheetPanel()
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        left.setMinimumWidth(340)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([430, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter, 1)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        panel = self.panel
        panel.save_button.clicked.connect(self.save)
        panel.add_button.clicked.connect(self.add_person)
        panel.remove_button.clicked.connect(self.remove_row)
        panel.done_button.clicked.connect(self.mark_done)
        panel.approve_button.clicked.connect(self.approve_gig)
        panel.approve_week_button.clicked.connect(self.approve_week)
        panel.reopen_button.clicked.connect(self.reopen)
        panel.feedback_button.clicked.connect(self.save)
        done, approve = _("Mark the gig done"), _("Approve the gig's hours")
        for keys, slot, description in (
            ("Ctrl+L", self.table.setFocus, _("Go to the list of the week's gigs")),
            ("Ctrl+S", self.save, _("Save the hours and the customer's feedback")),
            ("Ctrl+N", self.add_person, _("Add a person to the timesheet")),
            ("Ctrl+Del", self.remove_row, _("Remove the chosen row")),
            ("Ctrl+Return", self.mark_done, done),
            ("Ctrl+Enter", self.mark_done, done),
            ("Ctrl+Shift+Return", self.approve_gig, approve),
            ("Ctrl+Shift+Enter", self.approve_gig, approve),
            ("Ctrl+Shift+W", self.approve_week, _("Approve the week's gigs marked done")),
            ("Ctrl+R", self.reopen, _("Reopen approved hours for correction")),
        ):
            area_shortcut(self, keys, slot, description)
        self._update_title()

    def focus_start(self) -> None:
        """The week's gig list: arrows choose a gig, Enter goes to its grid."""
        self.table.setFocus()

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 240)

    # --- the store and the week ---------------------------------------------------------------

    def set_store(self, store: Store) -> None:
        self.store = store
        self.reload()

    def show_week(self, day: date) -> None:
        """Show the week of ``day``, after asking about unsaved changes."""
        if not self.confirm_discard():
            return
        self.monday = monday_of(day)
        self.current_id = None
        self.reload()

    def show_gig(self, gig_id: int) -> None:
        """Show the gig's week with the gig chosen and its grid focused (the planner calls it)."""
        if self.store is None or not self.confirm_discard():
            return
        try:
            day = gig_timesheet(self.store, gig_id).day
        except UserError as error:
            self.status.emit(str(error))
            return
        self.monday = monday_of(day)
        self.current_id = gig_id
        self.reload()
        self.panel.focus_grid()

    def _update_title(self) -> None:
        self.week_buttons.show(self.monday)

    def reload(self) -> None:
        """Read the week's list (a few queries) and the chosen gig's sheet again."""
        self._update_title()
        if self.store is None:
            return
        self.gigs = week_timesheets(self.store, self.monday, self.monday + timedelta(days=6))
        self.amounts = billable_amounts(self.store, [gig.id for gig in self.gigs])
        self._selecting = True
        try:
            self.list_model.set_rows(self.gigs, self.amounts)
            row = self.list_model.row_of_id(self.current_id) if self.current_id else None
            if row is None and self.gigs:
                row = 0
            if row is not None:
                self.table.selectRow(row)
        finally:
            self._selecting = False
        if self.gigs:
            self.empty_label.hide()
        else:
            self.empty_label.setText(
                _("No gigs this week. Plan them in the week planner, or go to another week.")
            )
            self.empty_label.show()
        self._open(self.list_model.rows[row].id if row is not None else None)

    def _open(self, gig_id: int | None) -> None:
        self.current_id = gig_id
        if gig_id is None or self.store is None:
            self.panel.show_sheet(None, _("No gig chosen."))
            return
        try:
            sheet = gig_timesheet(self.store, gig_id)
        except UserError as error:
            self.panel.show_sheet(None, str(error))
            return
        self.panel.show_sheet(sheet, amount=self.amounts.get(gig_id))

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._selecting:
            return
        indexes = selected.indexes()
        if not indexes:
            return
        gig_id = int(indexes[0].data(ID_ROLE))
        if gig_id == self.current_id:
            return
        if not self.confirm_discard():
            self._selecting = True
            previous = self.list_model.row_of_id(self.current_id) if self.current_id else None
            if previous is not None:
                self.table.selectRow(previous)
            self._selecting = False
            return
        self._open(gig_id)
