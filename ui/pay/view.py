"""The pay area (Palkat): a month's pay run previewed person by person, confirmed after a
question that states what it pays, its files saved into a folder, the confirmed runs
with their files, and the participants' statements of the month printed in one batch.

Confirming is one transaction in the core (``services.pay.runs.confirm``): the run is
numbered, its hours and days are marked paid, and a second run of the month is an
adjusting run with a reason. It runs off the GUI thread behind a busy dialog.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelection, QSize, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import current_language
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_money
from jobcenter_desktop.interchange.pay_run_overview import RunOverview, overview, write_saved_run
from jobcenter_desktop.interchange.payroll_export import PayRunResult, confirm_pay_run
from jobcenter_desktop.queries.pay_runs import list_pay_runs
from jobcenter_desktop.services.pay.runs import ADJUSTMENT
from ui.background import BackgroundTask
from ui.forms import area_shortcut
from ui.pay.panel import PayPanel
from ui.print_actions import show_preview
from ui.print_preview import wait_cursor
from ui.table_model import ID_ROLE


def summary_text(found: RunOverview) -> str:
    """The run's totals in one line: people, wages, fees, allowances, by bank transfer."""
    plan = found.plan
    return _(
        "{people} people: wages {wages}, fees {fees}, allowances {allowances}; "
        "by bank transfer {transfers}."
    ).format(
        people=len(found.people),
        wages=format_money(plan.wages),
        fees=format_money(plan.fees),
        allowances=format_money(plan.allowance_total),
        transfers=format_money(found.transfers),
    )


def kind_text(found: RunOverview) -> str:
    """What kind of run confirming makes: the month's run, or an adjusting one."""
    month = f"{found.plan.start.month}/{found.plan.start.year}"
    if found.plan.is_empty:
        return _(
            "Nothing to pay for {month}: every approved hour and day present is paid "
            "already, or none is approved yet (Timesheets, Attendance)."
        ).format(month=month)
    if found.plan.kind == ADJUSTMENT:
        return _(
            "{month} has pay run {number} already: confirming makes an adjusting run of "
            "what was approved or re-priced after it."
        ).format(month=month, number=found.plan.corrects)
    return _(
        "The pay run of {month}, not confirmed yet: nothing is saved until you confirm."
    ).format(month=month)


def confirmation_text(found: RunOverview) -> str:
    plan = found.plan
    when = f"{format_date(plan.start)}–{format_date(plan.end)}"
    return "\n\n".join(
        (
            _("Confirm the pay run of {period} for {people} people?").format(
                period=when, people=len(found.people)
            ),
            summary_text(found),
            _(
                "The run gets the next number and its hours and days present are marked "
                "paid: they can no longer be changed, and a correction is a new adjusting "
                "run. The data file is backed up first. Next you choose the folder for the "
                "run's files."
            ),
        )
    )


def choose_folder(parent: QWidget, title: str, start: Path) -> Path | None:
    """A folder the user picks, or None when they cancel."""
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(chosen) if chosen else None


def can_write(folder: Path) -> bool:
    """Whether files can be made in ``folder`` (or, not there yet, in the folder it goes in)."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return os.access(folder, os.W_OK)


def ask_reason(parent: QWidget, suggested: str) -> str | None:
    """Why an adjusting run is made (a sentence is required), or None when cancelled."""
    text, accepted = QInputDialog.getText(
        parent,
        _("Adjusting pay run"),
        _("Why is an adjusting run made? The reason is kept with the run."),
        QLineEdit.EchoMode.Normal,
        suggested,
    )
    if not accepted:
        return None
    return text.strip() or None


def files_text(count: int, folder: Path) -> str:
    if count == 1:
        return _("1 file in {folder}").format(folder=folder)
    return _("{count} files in {folder}").format(count=count, folder=folder)


class PayView(QWidget):
    """Preview, confirm and save pay runs; print the month's statements. ``status`` says
    what just happened ("Palkka-ajo 3 vahvistettu")."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = PayPanel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.store: Store | None = None
        self.found: RunOverview | None = None
        self.task: BackgroundTask | None = None
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        #: where the folder dialog starts: the last folder chosen, else the documents
        self.last_folder = Path(documents) if documents else Path.home()
        panel = self.panel
        panel.period.changed.connect(self.reload)
        panel.refresh_action.triggered.connect(self.reload)
        panel.confirm_action.triggered.connect(self.confirm)
        panel.statements_action.triggered.connect(self.print_statements)
        panel.save_files_action.triggered.connect(self.save_files)
        panel.runs.selectionModel().selectionChanged.connect(self._run_chosen)
        area_shortcut(self, "Alt+1", self.show_run, _("Show the pay run"))
        area_shortcut(self, "Alt+2", self.show_runs, _("Show the confirmed pay runs"))

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 240)

    def set_store(self, store: Store) -> None:
        self.store = store
        self.reload()

    def focus_start(self) -> None:
        if self.panel.currentWidget() is self.panel.runs_box:
            self.panel.runs.setFocus()
        else:
            self.panel.people.setFocus()

    def show_run(self) -> None:
        self.panel.setCurrentWidget(self.panel.run_page)
        self.panel.people.setFocus()

    def show_runs(self) -> None:
        self.panel.setCurrentWidget(self.panel.runs_box)
        self.panel.runs.setFocus()

    def period(self) -> tuple[date, date]:
        """The first and last day of the month chosen."""
        chosen = self.panel.period.period()
        return chosen.start, chosen.end

    # --- the preview and the list -------------------------------------------------------

    def reload(self) -> None:
        """Read the period's run and the confirmed runs again (hours may have changed)."""
        if self.store is None:
            return
        start, end = self.period()
        with wait_cursor():
            self.found = found = overview(self.store, start, end)
            runs = list_pay_runs(self.store)
        panel = self.panel
        panel.people_model.set_rows(found.people)
        panel.kind.setText(kind_text(found))
        panel.summary.setText("" if found.plan.is_empty else summary_text(found))
        panel.summary.setVisible(not found.plan.is_empty)
        panel.messages.setText("\n".join(f"⚠ {text}" for text in found.messages))
        panel.messages.setVisible(bool(found.messages))
        panel.confirm_action.setEnabled(not found.plan.is_empty and self.task is None)
        chosen = self._chosen_run()
        panel.runs_model.set_rows(runs)
        panel.runs_empty.setVisible(not runs)
        self._choose_run(chosen if chosen is not None else (runs[0].number if runs else None))

    def _chosen_run(self) -> int | None:
        index = self.panel.runs.currentIndex()
        return None if not index.isValid() else index.data(ID_ROLE)

    def _choose_run(self, number: int | None) -> None:
        row = None if number is None else self.panel.runs_model.row_of_id(number)
        if row is None:
            self.panel.runs.clearSelection()
        else:
            source = self.panel.runs_model.index(row, 0)
            self.panel.runs.selectRow(self.panel.runs_proxy.mapFromSource(source).row())
        self._run_chosen()

    def _run_chosen(self, *_args: QItemSelection) -> None:
        self.panel.save_files_action.setEnabled(self._chosen_run() is not None)

    # --- confirm ------------------------------------------------------------------------

    def confirm(self) -> None:
        found = self.found
        if self.store is None or found is None or found.plan.is_empty or self.task is not None:
            return
        reason: str | None = None
        if found.plan.kind == ADJUSTMENT:
            reason = ask_reason(self, found.plan.reason)
            if reason is None:
                self.status.emit(_("Nothing was confirmed."))
                return
        answer = QMessageBox.question(self, _("Confirm the pay run"), confirmation_text(found))
        if answer != QMessageBox.StandardButton.Yes:
            self.status.emit(_("Nothing was confirmed."))
            return
        folder = choose_folder(self, _("Folder for the pay run's files"), self.last_folder)
        if folder is None:
            self.status.emit(_("Nothing was confirmed."))
            return
        if not can_write(folder):
            self.status.emit(_("Nothing was confirmed."))
            QMessageBox.warning(
                self,
                _("Nothing was confirmed"),
                _("Files cannot be saved in {folder}. Choose another folder.").format(
                    folder=folder
                ),
            )
            return
        self.last_folder = folder
        store = self.store
        start, end = found.plan.start, found.plan.end

        def work() -> PayRunResult:
            return confirm_pay_run(store, start, end, folder, reason)

        self.panel.confirm_action.setEnabled(False)
        self.task = BackgroundTask(
            self, _("Confirming the pay run…"), work, self._confirmed, self._failed
        )
        self.task.start()

    def _confirmed(self, result: PayRunResult) -> None:
        self.task = None
        self.reload()
        number = result.plan.number
        self._choose_run(number)
        self.show_runs()
        folder = result.files[0].parent if result.files else self.last_folder
        said = _("Pay run {number} confirmed; {files}.").format(
            number=number, files=files_text(len(result.files), folder)
        )
        self.status.emit(said)
        to_check = (*result.problems, *result.not_payable)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(_("Pay run confirmed"))
        box.setText(said)
        box.setInformativeText(
            "\n\n".join(to_check)
            if to_check
            else _("Print the statements for the participants next (Ctrl+P).")
        )
        open_folder = box.addButton(_("Open the folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()
        if box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self.reload()
        if isinstance(error, UserError | ValidationError):
            self.status.emit(_("Nothing was confirmed."))
            QMessageBox.warning(self, _("Nothing was confirmed"), str(error))
            return
        if isinstance(error, OSError):  # the run may be confirmed: the store keeps its files
            QMessageBox.warning(
                self,
                _("The files were not saved"),
                _(
                    "The run's files could not be written: {error}. If the run is in the "
                    "list of confirmed runs, save its files from there (Ctrl+S)."
                ).format(error=error),
            )
            return
        raise error  # the error reporter logs it and shows the calm dialog

    # --- a confirmed run's files, and the statements -----------------------------------

    def save_files(self) -> None:
        number = self._chosen_run()
        if self.store is None or number is None:
            return
        title = _("Folder for the files of pay run {number}").format(number=number)
        folder = choose_folder(self, title, self.last_folder)
        if folder is None:
            return
        self.last_folder = folder
        try:
            written = write_saved_run(self.store, number, folder)
        except (UserError, OSError) as error:
            QMessageBox.warning(self, _("The files were not saved"), str(error))
            return
        self.status.emit(
            _("Pay run {number}: {files}.").format(
                number=number, files=files_text(len(written), folder)
            )
        )

    def print_statements(self) -> None:
        if self.store is None:
            return
        store = self.store
        start, _end = self.period()
        year, month = start.year, start.month

        def write(target: Path, language: str) -> None:
            from jobcenter_desktop.services.pay.statements_files import month_statements_pdf

            target.write_bytes(month_statements_pdf(store, year, month, language))

        title = _("Statements {month}/{year}").format(month=month, year=year)
        name = _("statements-{year}-{month}.pdf").format(year=year, month=f"{month:02}")
        show_preview(self, title, name, write, current_language())
