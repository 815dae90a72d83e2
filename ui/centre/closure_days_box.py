"""The box "Sulkupäivät" in the settings: the centre's own closed days (training, summer break).

Every change is saved at once. Gig generation skips these days (and public holidays);
gigs already created on a day that is closed later stay in the plan until an
instructor cancels them, so adding such a day says how many there are.
"""

from __future__ import annotations

from datetime import date

from babel import dates as babel_dates
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import current_locale, format_date
from jobcenter_desktop.queries.gigs import list_gigs
from jobcenter_desktop.services.registers.closure_days import (
    ClosureDayRow,
    add_closure_day,
    label,
    list_closure_days,
    remove_closure_day,
)
from ui.forms import ERROR_STYLE, DateEdit, error_text

ID_ROLE = Qt.ItemDataRole.UserRole
VISIBLE_ROWS = 4


def closure_text(row: ClosureDayRow) -> str:
    """``ma 5.10.2026 · Henkilöstön koulutus``"""
    weekday = babel_dates.format_date(row.day, "ccc", locale=current_locale())
    text = f"{weekday} {format_date(row.day)}"
    return f"{text} · {row.reason}" if row.reason else text


class ClosureDaysBox(QGroupBox):
    """The closure days as a list, with a date and a reason to add and Remove."""

    #: a short message for the status bar ("Tallennettu" …)
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Closure days"), parent)
        self.store: Store | None = None

        note = QLabel(
            _(
                "No gigs are created on these days (nor on public holidays). Gigs already "
                "created on a day you close stay in the plan: cancel them in the week planner."
            )
        )
        note.setWordWrap(True)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(_("Closure days"))
        self.empty_note = QLabel(_("No closure days coming. Add one below."))
        self.remove_button = QPushButton(_("Remove"))
        self.show_past = QCheckBox(_("Show past days"))
        self.date_edit = DateEdit()
        self.date_edit.setMaximumWidth(120)
        self.date_edit.setAccessibleName(_("Closure day"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(_("Reason, e.g. staff training"))
        self.reason_edit.setAccessibleName(_("Reason"))
        self.add_button = QPushButton(_("Add"))
        self.add_button.setToolTip(_("Added at once; no need to save."))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()

        actions = QVBoxLayout()
        actions.addWidget(self.remove_button)
        actions.addStretch()
        actions.addWidget(self.show_past)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(actions)
        add_row = QHBoxLayout()
        add_row.addWidget(self.date_edit)
        add_row.addWidget(self.reason_edit, 1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(body)
        layout.addWidget(self.empty_note)
        layout.addLayout(add_row)
        layout.addWidget(self.message)

        self.add_button.clicked.connect(self.add)
        self.date_edit.returnPressed.connect(self.reason_edit.setFocus)
        self.reason_edit.returnPressed.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.show_past.toggled.connect(lambda _checked: self.reload())
        self.list.currentItemChanged.connect(self._update_buttons)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.setWhatsThis(_("Remove the chosen closure day"))
        delete_key.activated.connect(self.remove)
        row = self.list.fontMetrics().height() + 4
        self.list.setFixedHeight(VISIBLE_ROWS * row + 2 * self.list.frameWidth())
        self._update_buttons()

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self._show_message("")
        self.reload()

    def cancel_typing(self) -> bool:
        """Esc: clear the day being typed; True if the focus was in this box."""
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            return False
        self.date_edit.clear()
        self.reason_edit.clear()
        self._show_message("")
        return True

    # --- the list -----------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Show the coming closure days (and the past ones when asked), earliest first."""
        if select_id is None:
            select_id = self.current_id()
        self.list.clear()
        if self.store is not None:
            start = None if self.show_past.isChecked() else date.today()
            for row in list_closure_days(self.store, start=start):
                item = QListWidgetItem(closure_text(row))
                item.setData(ID_ROLE, row.id)
                self.list.addItem(item)
                if row.id == select_id:
                    self.list.setCurrentItem(item)
        self.empty_note.setVisible(self.store is not None and not self.list.count())
        self._update_buttons()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def texts(self) -> list[str]:
        """What the list shows, top to bottom."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _update_buttons(self, *_args: object) -> None:
        has_store = self.store is not None
        for widget in (self.date_edit, self.reason_edit, self.add_button, self.show_past):
            widget.setEnabled(has_store)
        self.remove_button.setEnabled(has_store and self.list.currentItem() is not None)

    def _show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(error_text(text) if error and text else text)
        self.message.setVisible(bool(text))

    # --- actions ------------------------------------------------------------------------------

    def add(self) -> None:
        if self.store is None:
            return
        checker = v.Checker()
        text = checker.require("day", label("day"), self.date_edit.text())
        day = checker.check("day", label("day"), v.date_value, text)
        try:
            checker.raise_if_any()
            assert day is not None
            closure_id = add_closure_day(self.store, day, self.reason_edit.text())
        except (v.ValidationError, UserError) as error:
            message = str(error)
            self._show_message(message, error=True)
            self.status.emit(message)
            self.date_edit.setFocus()
            return
        self.date_edit.clear()
        self.reason_edit.clear()
        if day < date.today() and not self.show_past.isChecked():
            self.show_past.setChecked(True)  # so that the day just added is seen
        self.reload(closure_id)
        self._show_message(self._existing_gigs(day))
        self.status.emit(_("Saved"))
        self.date_edit.setFocus()

    def _existing_gigs(self, day: date) -> str:
        """Say how many gigs are already planned on the newly closed day, if any."""
        assert self.store is not None
        count = sum(not gig.status.is_cancelled for gig in list_gigs(self.store, day, day))
        if not count:
            return ""
        return _(
            "Gigs already on {day}: {count}. They were not removed: cancel them in the "
            "week planner if they will not be done."
        ).format(day=format_date(day), count=count)

    def remove(self) -> None:
        closure_id = self.current_id()
        if self.store is None or closure_id is None:
            return
        row = self.list.currentRow()
        try:
            remove_closure_day(self.store, closure_id)
        except UserError as error:
            self._show_message(str(error), error=True)
            self.reload()
            return
        self._show_message("")
        self.reload()
        self.list.setCurrentRow(min(row, self.list.count() - 1))
        self.status.emit(_("Removed: gigs are created on the day again from the next run on."))
