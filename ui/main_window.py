"""The main window: navigation on the left, the chosen area in the middle.

Only the area shown is built at start; each other area is built the first time it is
reached (its row, its Ctrl+N, a jump from another area), so that the window is up at once
also on years of data. The F1 help, which lists every area's keys, builds the areas not
built yet without reading their data: each reads it when it is first shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, cast

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
from ui.backup_actions import BackupActions
from ui.file_actions import FileActions
from ui.navigation import AREAS, shortcut

if TYPE_CHECKING:
    from ui.attendance.view import AttendanceView
    from ui.centre.settings_view import SettingsView
    from ui.help_dialog import HelpDialog
    from ui.invoicing.view import InvoicingView
    from ui.pay.view import PayView
    from ui.planner.week_view import WeekView
    from ui.register_view import RegisterView
    from ui.timesheets.view import TimesheetsView

#: the register areas (one RegisterView each, built from the register's spec)
REGISTERS = ("participants", "customers", "contracts", "instructors")


def __getattr__(name: str) -> Any:
    """``CentreWizard`` is imported when first asked for (it is not needed to start)."""
    if name == "CentreWizard":
        from ui.centre.wizard import CentreWizard

        return CentreWizard
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _area_titles() -> dict[str, str]:
    """Each area's title in the UI language, in navigation order."""
    titles = {
        "week": _("Week"),
        "timesheets": _("Timesheets"),
        "attendance": _("Daily attendance"),
        "invoicing": _("Invoicing"),
        "pay": _("Pay runs"),
        "participants": _("Participants"),
        "customers": _("Customers"),
        "contracts": _("Contracts"),
        "instructors": _("Instructors"),
        "settings": _("Settings"),
    }
    return {area: titles[area] for area in AREAS}


def _new_area(area: str) -> QWidget:
    """The widget of ``area``, new; its module is imported here, not at start."""
    if area == "week":
        from ui.planner.week_view import WeekView

        return WeekView()
    if area == "timesheets":
        from ui.timesheets.view import TimesheetsView

        return TimesheetsView()
    if area == "attendance":
        from ui.attendance.view import AttendanceView

        return AttendanceView()
    if area == "invoicing":
        from ui.invoicing.view import InvoicingView

        return InvoicingView()
    if area == "pay":
        from ui.pay.view import PayView

        return PayView()
    if area == "settings":
        from ui.centre.settings_view import SettingsView

        return SettingsView()
    from ui.register_view import RegisterView

    return RegisterView(_register_spec(area))


def _register_spec(area: str) -> Any:
    if area == "participants":
        from ui.registers.participants import ParticipantsSpec

        return ParticipantsSpec()
    if area == "customers":
        from ui.registers.customers import CustomersSpec

        return CustomersSpec()
    if area == "contracts":
        from ui.registers.contracts import ContractsSpec

        return ContractsSpec()
    from ui.registers.instructors import InstructorsSpec

    return InstructorsSpec()


class _Areas(Mapping[str, tuple[str, QWidget]]):
    """Each area's title and widget, in navigation order; an area is built when asked for."""

    def __init__(self, titles: Mapping[str, str], build: Callable[[str], QWidget]) -> None:
        self._titles = titles
        self._build = build

    def __getitem__(self, area: str) -> tuple[str, QWidget]:
        return self._titles[area], self._build(area)

    def __iter__(self) -> Iterator[str]:
        return iter(self._titles)

    def __len__(self) -> int:
        return len(self._titles)


class _Registers(Mapping[str, "RegisterView"]):
    """The four register views by area name; a register is built when asked for."""

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        self._build = build

    def __getitem__(self, area: str) -> RegisterView:
        if area not in REGISTERS:
            raise KeyError(area)
        return cast("RegisterView", self._build(area))

    def __iter__(self) -> Iterator[str]:
        return iter(REGISTERS)

    def __len__(self) -> int:
        return len(REGISTERS)


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

        #: the areas built so far (the one shown at start; the others on their first visit)
        self.built: dict[str, QWidget] = {}
        #: areas built for the F1 help, not visited yet: they read the store on their visit
        self.unread: set[str] = set()
        self.titles = titles = _area_titles()
        #: each area's title and widget, in navigation order
        self.areas: Mapping[str, tuple[str, QWidget]] = _Areas(titles, self.area)
        self.registers: Mapping[str, RegisterView] = _Registers(self.area)
        for row, area in enumerate(AREAS):
            title = titles[area]
            self.nav.addItem(f"{title}   {shortcut(area)}")
            self.stack.addWidget(QWidget())  # the area's place, until it is built
            jump = QShortcut(QKeySequence(shortcut(area)), self)
            jump.setWhatsThis(_("Go to {area}").format(area=title))
            jump.activated.connect(lambda row=row: self.nav.setCurrentRow(row))
        # As wide as the longest area name with its keys, and no wider.
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 4)
        self.nav.currentRowChanged.connect(self._switch_area)

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

    # --- the areas, each built on its first visit ---------------------------------------------

    def area(self, name: str) -> QWidget:
        """The widget of area ``name``, built now (with the open store) if it has not been."""
        widget = self.built.get(name)
        if widget is None:
            return self._build_area(name)
        if name in self.unread and self.store is not None:
            self.unread.discard(name)
            cast(Any, widget).set_store(self.store)
        return widget

    def _build_area(self, name: str, with_store: bool = True) -> QWidget:
        """Build an area in its place, as every area was once built at start: its status
        line, its signals, its remembered layout and the open store (not ``with_store``:
        the area reads it when it is first shown)."""
        widget = _new_area(name)
        self.built[name] = widget
        row = AREAS.index(name)
        place = self.stack.widget(row)  # the empty widget that kept the area's place
        assert place is not None
        self.stack.insertWidget(row, widget)
        self.stack.removeWidget(place)
        place.deleteLater()
        status = getattr(widget, "status", None)
        if status is not None:
            status.connect(self.show_status)
        if name == "settings":
            settings_view = cast("SettingsView", widget)
            settings_view.set_settings(self.settings)
            settings_view.set_data_folder(self.folder)
            settings_view.centre_saved.connect(self._refresh_header)
            settings_view.qualifications_changed.connect(self._refresh_pickers)
        elif name == "week":
            week_view = cast("WeekView", widget)
            week_view.record_hours.connect(self.record_hours)
            week_view.start_record.connect(self.start_record)
        elif name in REGISTERS:
            self._restore_register_layout(name, cast("RegisterView", widget))
        if self.store is not None:
            if with_store:
                cast(Any, widget).set_store(self.store)
            else:
                self.unread.add(name)
        return widget

    @property
    def week_view(self) -> WeekView:
        return cast("WeekView", self.area("week"))

    @property
    def timesheets_view(self) -> TimesheetsView:
        return cast("TimesheetsView", self.area("timesheets"))

    @property
    def attendance_view(self) -> AttendanceView:
        return cast("AttendanceView", self.area("attendance"))

    @property
    def invoicing_view(self) -> InvoicingView:
        return cast("InvoicingView", self.area("invoicing"))

    @property
    def pay_view(self) -> PayView:
        return cast("PayView", self.area("pay"))

    @property
    def settings_view(self) -> SettingsView:
        return cast("SettingsView", self.area("settings"))

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
        from ui.help_dialog import HANDLED_KEYS, HelpDialog
        from ui.shortcuts import window_keys

        shown = self.stack.currentWidget()
        current = next((name for name, w in self.built.items() if w is shown), None)
        for area in AREAS:  # every area's keys, also of those not visited yet
            if area not in self.built:
                self._build_area(area, with_store=False)  # its data is read on its visit
        if self.help_dialog is not None:
            self.help_dialog.close()  # read again: the keys follow the language and areas
        areas = {area: (self.titles[area], self.built[area]) for area in AREAS}
        dialog = HelpDialog(window_keys(self, areas, HANDLED_KEYS), current, self)
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
        for area in AREAS:  # the areas built so far; the others get it when shown
            if area in self.built and area not in self.unread:
                cast(Any, self.built[area]).set_store(store)
        self._refresh_header()

    def refresh_all(self) -> None:
        if self.store is not None:
            self.set_store(self.store)

    def _refresh_pickers(self) -> None:
        # The open forms keep what is typed; only the choices they offer change.
        if self.store is not None:
            for area in REGISTERS:
                view = self.built.get(area)
                if view is not None and area not in self.unread:
                    cast("RegisterView", view).spec.store_changed(self.store)

    def run_first_start(self) -> None:
        """Once the window has started on its store: the day's automatic backup (in the
        background) and the first-run wizard when the centre has not been set up yet."""
        self.backup_actions.start_daily_backup()
        if self.store is None or centre_name(self.store) is not None:
            return
        from ui.centre.wizard import CentreWizard

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
        area = AREAS[row]
        if area not in self.built:
            self._build_area(area, with_store=False)  # built on its first visit
        widget = self.built[area]
        first_load = area in self.unread and self.store is not None
        self.stack.setCurrentIndex(row)
        if first_load:
            self.unread.discard(area)
            cast(Any, widget).set_store(self.store)  # read once, now that it is shown
        if area in REGISTERS:
            cast("RegisterView", widget).search.setFocus()
            return
        reload = getattr(widget, "reload", None)
        if reload is not None and not first_load:
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
        # Each register's splitter and columns are restored when the register is built.

    def _restore_register_layout(self, name: str, view: RegisterView) -> None:
        state = self.settings.value(f"{name}/splitter")
        if isinstance(state, QByteArray):
            view.splitter.restoreState(state)
        header = self.settings.value(f"{name}/columns")
        if isinstance(header, QByteArray):
            view.columns_sized = view.table.horizontalHeader().restoreState(header)

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        for name in REGISTERS:  # a register not built keeps the layout saved before
            if name not in self.built:
                continue
            view = cast("RegisterView", self.built[name])
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
