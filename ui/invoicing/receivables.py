"""The money coming in, from the issued list: reminder letters for overdue invoices, the
bank's payment file, and a household's yearly statement of paid work shares."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import CustomerType
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.customers import list_customers
from ui.background import BackgroundTask
from ui.invoicing.collection_dialogs import HouseholdDialog, PaymentReportDialog, RemindersDialog
from ui.pdf_printing import save_copy
from ui.print_actions import show_preview


class Receivables:
    """``refresh()`` after a change; ``store()`` gives the store (None before one is open)."""

    def __init__(
        self,
        parent: QWidget,
        status: Callable[[str], None],
        refresh: Callable[[], None],
        store: Callable[[], Store | None],
    ) -> None:
        self.parent = parent
        self.status = status
        self.refresh = refresh
        self.store = store

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, UserError | ValidationError):
            QMessageBox.warning(self.parent, _("Nothing was changed"), str(error))
            return
        raise error  # the error reporter logs it and shows the calm dialog

    # --- reminders ----------------------------------------------------------------------------

    def reminders(self) -> None:
        store = self.store()
        if store is None:
            return
        from jobcenter_desktop.services.invoicing.reminders import due_reminders, make_reminders

        due = due_reminders(store)
        if not due:
            QMessageBox.information(
                self.parent,
                _("Payment reminders"),
                _(
                    "No invoice is due a reminder now: none is overdue, or each was "
                    "reminded less than 14 days ago."
                ),
            )
            return
        dialog = RemindersDialog(due, self.parent)
        try:
            if not dialog.exec():
                return
            numbers = dialog.numbers()
        finally:
            dialog.deleteLater()
        if not numbers:
            self.status(_("No invoice was ticked; no reminders were made."))
            return
        folder = QFileDialog.getExistingDirectory(
            self.parent, _("Folder for the reminder letters"), str(Path.home())
        )
        if not folder:
            return
        try:
            made = make_reminders(store, numbers)
        except (UserError, ValidationError) as error:
            self._refused(error)
            return
        self.refresh()
        problems = []
        for reminder in made:
            name = _("reminder-{number}.pdf").format(number=reminder.invoice_number)
            try:
                save_copy(reminder.pdf, Path(folder) / name)
            except OSError as error:
                problems.append(f"{name}: {error.strerror or error}")
        if problems:
            QMessageBox.warning(
                self.parent,
                _("Not all letters were saved"),
                _(
                    "The reminders are recorded, but these letters could not be saved in "
                    "{folder}. Check the folder; the reasons:\n{files}"
                ).format(folder=folder, files="\n".join(problems)),
            )
        self.status(
            _("{count} reminder letters saved in {folder}").format(count=len(made), folder=folder)
        )

    # --- the bank's file ----------------------------------------------------------------------

    def import_payments(self) -> None:
        store = self.store()
        if store is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self.parent,
            _("Import the bank's payment file"),
            str(Path.home()),
            _("Bank payment files (*.txt *.dat *.xml);;All files (*)"),
        )
        if not path:
            return
        from jobcenter_desktop.interchange.payment_import import import_payments
        from jobcenter_desktop.services.invoicing.payments import PaymentReport

        def done(report: PaymentReport) -> None:
            self.refresh()
            self.status(str(report))
            dialog = PaymentReportDialog(report, self.parent)
            try:
                dialog.exec()
            finally:
                dialog.deleteLater()

        work = lambda: import_payments(store, Path(path))  # noqa: E731
        BackgroundTask(self.parent, _("Importing payments…"), work, done, self._refused).start()

    # --- the household statement --------------------------------------------------------------

    def household_statement(self) -> None:
        store = self.store()
        if store is None:
            return
        households = [
            (row.customer_number, f"{row.name} ({row.customer_number})")
            for row in list_customers(store)
            if row.type is CustomerType.HOUSEHOLD
        ]
        if not households:
            QMessageBox.information(
                self.parent,
                _("Household statement"),
                _("There are no household customers, so there is no statement to make."),
            )
            return
        dialog = HouseholdDialog(households, self.parent)
        try:
            if not dialog.exec():
                return
            number, year = dialog.chosen()
        finally:
            dialog.deleteLater()
        from jobcenter_desktop.services.invoicing.household import household_statement

        def write(target: Path, _language: str) -> None:
            target.write_bytes(household_statement(store, number, year))

        title = _("Household statement {year}, customer {number}").format(year=year, number=number)
        name = _("household-statement-{number}-{year}.pdf").format(number=number, year=year)
        show_preview(self.parent, title, name, write)
