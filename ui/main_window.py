"""The main window: navigation on the left, the chosen area in the middle."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop import APP_NAME
from jobcenter_desktop.db.damage import DamagedStoreError
from jobcenter_desktop.db.errors import UserError, os_error_text
from jobcenter_desktop.db.migrate import StoreTooNewError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date
from jobcenter_desktop.paths import DataFolder
from jobcenter_desktop.queries.centre import centre_name
from ui.attendance.view import AttendanceView
from ui.backup_actions import BackupActions
from ui.centre.settings_view import SettingsView
from ui.centre.wizard import CentreWizard
from ui.file_actions import FileActions
from ui.help_dialog import HANDLED_KEYS, HelpDialog
from ui.invoicing.view import InvoicingView
from ui.navigation import AREAS, shortcut
from ui.planner.week_view import WeekView
from ui.register_view import RegisterView
from ui.registers.contracts import ContractsSpec
from ui.registers.customers import CustomersSpec
from ui.registers.instructors import InstructorsSpec
from ui.registers.participants import ParticipantsSpec
from ui.shortcuts import window_keys
from ui.timesheets.view import TimesheetsView


class MainWindow(QMainWindow):
    def __init__(self, folder: DataFolder, settings: QSettings) -> None:
        super().__init__()
        self.folder = folder
        self.settings = settings
        self.store: Store | None = None
        self.help_dialog: HelpDialog | None = None
        self.setWindowTitle(APP_NAME)
        self.resize(1280, 760)

        self.header = QLabel()
        self.header.setStyleSheet("font-size: 16px; font-weight: bold; padding: 4px;")
        self.nav = QListWidget()
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 14px; } QListWidget::item { padding: 6px; }"
        )
        self.stack = QStackedWidget()

        self.registers: dict[str, RegisterView] = {
            "participants": RegisterView(ParticipantsSpec()),
            "customers": RegisterView(CustomersSpec()),
            "contracts": RegisterView(ContractsSpec()),
            "instructors": RegisterView(InstructorsSpec()),
        }
        self.week_view = WeekView()
        self.timesheets_view = TimesheetsView()
        self.attendance_view = AttendanceView()
        self.invoicing_view = InvoicingView()
        self.settings_view = SettingsView()
        self.settings_view.set_settings(settings)
        self.settings_view.set_data_folder(folder)
        widgets: dict[str, tuple[str, QWidget]] = {
            "week": (_("Week"), self.week_view),
            "timesheets": (_("Timesheets"), self.timesheets_view),
            "attendance": (_("Daily attendance"), self.attendance_view),
            "invoicing": (_("Invoicing"), self.invoicing_view),
            "participants": (_("Participants"), self.registers["participants"]),
            "customers": (_("Customers"), self.registers["customers"]),
            "contracts": (_("Contracts"), self.registers["contracts"]),
            "instructors": (_("Instructors"), self.registers["instructors"]),
            "settings": (_("Settings"), self.settings_view),
        }
        #: each area's title and widget, in navigation order (the F1 help reads them)
        self.areas = {area: widgets[area] for area in AREAS}
        for row, area in enumerate(AREAS):
            title, widget = widgets[area]
            self.nav.addItem(f"{title}   {shortcut(area)}")
            self.stack.addWidget(widget)
            jump = QShortcut(QKeySequence(shortcut(area)), self)
            jump.setWhatsThis(_("Go to {area}").format(area=title))
            jump.activated.connect(lambda row=row: self.nav.setCurrentRow(row))
            status = getattr(widget, "status", None)
            if status is not None:
                status.connect(self.show_status)
        # As wide as the longest area name with its keys, and no wider.
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 4)
        self.nav.currentRowChanged.connect(self._switch_area)
        self.settings_view.centre_saved.connect(self._refresh_header)
        self.settings_view.qualifications_changed.connect(self._refresh_pickers)
        self.week_view.record_hours.connect(self.record_hours)
        self.week_view.start_record.connect(self.start_record)

        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)

        self.data_label = QLabel(_("Data: {path}").format(path=folder.database))
        self.statusBar().addPermanentWidget(self.data_label)
        self.file_actions = FileActions(self)
        self.backup_actions = BackupActions(self)
        self._build_menus()
        self._refresh_header()
        self._restore_layout()
        self.nav.setCurrentRow(0)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        for action in self.file_actions.actions():
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in self.backup_actions.actions():
            file_menu.addAction(action)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu(_("&Help"))
        self.help_action = QAction(_("&Keys and help"), self)
        self.help_action.setShortcut(QKeySequence("F1"))
        self.help_action.setWhatsThis(_("Show this help: every area's keys"))
        self.help_action.triggered.connect(self.show_help)
        help_menu.addAction(self.help_action)
        about = QAction(_("&About"), self)
        about.triggered.connect(self.file_actions.about)
        help_menu.addAction(about)

    def show_help(self) -> HelpDialog:
        """The keys of the whole window and of every area (F1), the shown area's at hand."""
        current = next(
            (name for name, (_t, w) in self.areas.items() if w is self.stack.currentWidget()),
            None,
        )
        if self.help_dialog is not None:
            self.help_dialog.close()  # read again: the keys follow the language and areas
        dialog = HelpDialog(window_keys(self, self.areas, HANDLED_KEYS), current, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "help_dialog", None))
        self.help_dialog = dialog
        dialog.show()
        return dialog

    # --- the store ------------------------------------------------------------------------------

    def open_store(self) -> bool:
        """Open (and, after a backup, upgrade) the data file; False if it cannot be used."""
        try:
            store = Store.open(self.folder.database, self.folder.backups)
        except DamagedStoreError as error:
            return self._offer_restore(error)
        except (StoreTooNewError, UserError, OSError) as error:
            # A newer program's file, or a busy, read-only or full disk: said in words.
            text = os_error_text(error) if isinstance(error, OSError) else str(error)
            QMessageBox.critical(self, APP_NAME, text)
            QTimer.singleShot(0, self.close)
            return False
        self.set_store(store)
        if store.backup is not None:
            self.show_status(
                _("Data file upgraded; backup saved to {path}").format(path=store.backup)
            )
        return True

    def _offer_restore(self, error: DamagedStoreError) -> bool:
        """The file cannot be used: say why and offer the newest whole backup."""
        self.store = None
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, error.reason, parent=self)
        box.setInformativeText(error.advice)
        restore = None
        if error.backup is not None:
            restore = box.addButton(_("Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(restore)
        box.addButton(_("Close the program"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if restore is not None and error.backup is not None and box.clickedButton() is restore:
            self.backup_actions.restore_from(error.backup, ask=False)
            return False
        QTimer.singleShot(0, self.close)
        return False

    def set_store(self, store: Store) -> None:
        self.store = store
        for view in self.registers.values():
            view.set_store(store)
        self.settings_view.set_store(store)
        self.week_view.set_store(store)
        self.timesheets_view.set_store(store)
        self.attendance_view.set_store(store)
        self.invoicing_view.set_store(store)
        self._refresh_header()

    def refresh_all(self) -> None:
        if self.store is not None:
            self.set_store(self.store)

    def _refresh_pickers(self) -> None:
        # The open forms keep what is typed; only the choices they offer change.
        if self.store is not None:
            for view in self.registers.values():
                view.spec.store_changed(self.store)

    def run_first_start(self) -> None:
        """Once the window has started on its store: the day's automatic backup (in the
        background) and the first-run wizard when the centre has not been set up yet."""
        self.backup_actions.start_daily_backup()
        if self.store is None or centre_name(self.store) is not None:
            return
        wizard = CentreWizard(self.store, self)
        if wizard.exec():
            self.refresh_all()
            self.show_status(_("The centre is set up."))
        else:
            self.show_status(
                _("The centre is not set up yet: see Settings ({keys}).").format(
                    keys=shortcut("settings")
                )
            )

    # --- look and feel ------------------------------------------------------------------------

    def _current_confirms_discard(self) -> bool:
        current = self.stack.currentWidget()
        confirm = getattr(current, "confirm_discard", None)
        return confirm is None or bool(confirm())

    def _switch_area(self, row: int) -> None:
        if not self._current_confirms_discard():
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(self.stack.currentIndex())
            self.nav.blockSignals(False)
            return
        self.stack.setCurrentIndex(row)
        widget = self.stack.currentWidget()
        if isinstance(widget, RegisterView):
            widget.search.setFocus()
            return
        reload = getattr(widget, "reload", None)
        if reload is not None:
            reload()  # people and gigs may have changed in the other areas
        focus_start = getattr(widget, "focus_start", None)
        if focus_start is not None:
            focus_start()  # the keyboard goes on where the area's work starts

    def start_record(self, area: str) -> None:
        """Open a register with a new, empty record (the empty week's first steps)."""
        self.nav.setCurrentRow(AREAS.index(area))
        view = self.registers.get(area)
        if view is not None and self.stack.currentWidget() is view:
            view.new_record()

    def record_hours(self, gig_id: int) -> None:
        """Open the gig's timesheet (the planner's "Record hours")."""
        self.nav.setCurrentRow(AREAS.index("timesheets"))
        if self.stack.currentWidget() is self.timesheets_view:
            self.timesheets_view.show_gig(gig_id)

    def _refresh_header(self) -> None:
        name = centre_name(self.store) if self.store is not None else None
        today = format_date(date.today())
        self.header.setText(f"{name or APP_NAME}  ·  {today}")

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for name, view in self.registers.items():
            state = self.settings.value(f"{name}/splitter")
            if isinstance(state, QByteArray):
                view.splitter.restoreState(state)
            header = self.settings.value(f"{name}/columns")
            if isinstance(header, QByteArray):
                view.columns_sized = view.table.horizontalHeader().restoreState(header)

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        for name, view in self.registers.items():
            self.settings.setValue(f"{name}/splitter", view.splitter.saveState())
            self.settings.setValue(f"{name}/columns", view.table.horizontalHeader().saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._current_confirms_discard():
            event.ignore()
            return
        self.save_layout()
        if self.store is not None:
            self.store.close()
        event.accept()
