"""What the issued list's actions do: reprint, Finvoice, payment, credit note, and (in
ui/invoicing/receivables.py) reminders, the bank's file and the household statement."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QItemSelection, QObject, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.invoices import DocumentKind, InvoiceStatus
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_money
from jobcenter_desktop.queries.invoices import (
    InvoiceRow,
    invoice_document,
    list_invoices,
    stored_files,
)
from jobcenter_desktop.services.invoicing.issuing import credit
from jobcenter_desktop.services.invoicing.labels import status_label
from jobcenter_desktop.services.invoicing.payments import record_payment
from ui.invoicing.credit_dialog import CreditDialog
from ui.invoicing.issued_panel import IssuedPanel
from ui.invoicing.payment_dialog import PaymentDialog
from ui.invoicing.receivables import Receivables
from ui.pdf_printing import save_copy
from ui.print_actions import show_preview
from ui.table_model import ID_ROLE


def documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def document_name(row: InvoiceRow) -> str:
    if row.kind is DocumentKind.CREDIT_NOTE:
        return _("Credit note {number}").format(number=row.number)
    return _("Invoice {number}").format(number=row.number)


def save_file(data: bytes, target: Path) -> str | None:
    """Write ``data`` whole to ``target``; the problem as a sentence, or None when saved."""
    try:
        save_copy(data, target)
    except PermissionError:
        return _("The folder {folder} cannot be written to. Choose another folder.").format(
            folder=target.parent
        )
    except OSError as error:
        return _("The file {file} could not be saved ({reason}). Choose another folder.").format(
            file=target, reason=error.strerror or error
        )
    return None


class IssuedController(QObject):
    """Fills :class:`IssuedPanel` from the store and runs its actions."""

    def __init__(self, panel: IssuedPanel, status: Callable[[str], None]) -> None:
        super().__init__(panel)
        self.panel = panel
        self.status = status
        self.store: Store | None = None
        self.receivables = Receivables(panel, status, self.reload, lambda: self.store)
        panel.search.textChanged.connect(lambda _text: self._show_matches())
        panel.filter.currentIndexChanged.connect(lambda _index: self.reload())
        panel.table.selectionModel().selectionChanged.connect(self._selection_changed)
        panel.table.doubleClicked.connect(lambda _index: self.print_pdf())
        panel.find_action.triggered.connect(self.focus_search)
        panel.print_action.triggered.connect(self.print_pdf)
        panel.finvoice_action.triggered.connect(self.save_finvoice)
        panel.payment_action.triggered.connect(self.record_payment)
        panel.credit_action.triggered.connect(self.credit_note)
        panel.reminders_action.triggered.connect(self.receivables.reminders)
        panel.import_action.triggered.connect(self.receivables.import_payments)
        panel.household_action.triggered.connect(self.receivables.household_statement)
        self._update_actions()

    def set_store(self, store: Store) -> None:
        self.store = store
        self.reload()

    def focus_search(self) -> None:
        self.panel.search.setFocus()
        self.panel.search.selectAll()

    def reload(self, keep: int | None = None) -> None:
        """Read the list again with the filter, show the search's matches; keep the chosen
        invoice. The search itself is applied in memory (:meth:`_show_matches`): a
        keystroke reads nothing from the store, however many years of invoices there are."""
        store = self.store
        if store is None:
            return
        keep = keep if keep is not None else self._current_number()
        statuses = self.panel.statuses()
        rows = list_invoices(store, statuses=None if statuses is None else set(statuses))
        self.panel.model.set_rows(rows)
        self._show_matches(keep)

    def _show_matches(self, keep: int | None = None) -> None:
        """Show the rows the search matches, with their count and what is open of them."""
        panel = self.panel
        keep = keep if keep is not None else self._current_number()
        panel.proxy.set_query(panel.search.text())
        shown = panel.shown_rows()
        panel.empty.setVisible(not shown)
        if not shown:
            panel.empty.setText(
                _("No invoices match the search and filter.")
                if panel.search.text().strip() or panel.statuses() is not None
                else _("No invoices yet: issue the month's drafts under Invoice run.")
            )
        owed = sum(
            (
                r.open_amount
                for r in shown
                if r.status in (InvoiceStatus.OPEN, InvoiceStatus.OVERDUE)
            ),
            Decimal("0.00"),
        )
        panel.summary.setText(
            _("{count} shown, open {amount}").format(count=len(shown), amount=format_money(owed))
            if shown
            else ""
        )
        row = panel.model.row_of_id(keep) if keep is not None else None
        chosen = panel.proxy.mapFromSource(panel.model.index(row, 0)) if row is not None else None
        if chosen is None or not chosen.isValid():
            chosen = panel.proxy.index(0, 0)
        if chosen.isValid():
            panel.table.selectRow(chosen.row())
        else:
            panel.table.clearSelection()
        self._update_actions()

    def _current_number(self) -> int | None:
        index = self.panel.table.currentIndex()
        selected = self.panel.table.selectionModel().selectedRows()
        if selected:
            index = selected[0]
        return int(index.data(ID_ROLE)) if index.isValid() else None

    def current(self) -> InvoiceRow | None:
        number = self._current_number()
        row = None if number is None else self.panel.model.row_of_id(number)
        return None if row is None else self.panel.model.rows[row]

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.current()
        panel = self.panel
        invoice = row is not None and row.kind is DocumentKind.INVOICE
        panel.print_action.setEnabled(row is not None)
        panel.finvoice_action.setEnabled(row is not None and not row.household)
        panel.payment_action.setEnabled(invoice)
        panel.credit_action.setEnabled(
            invoice and row is not None and row.status is not InvoiceStatus.CREDITED
        )
        for found in panel.general_actions:
            found.setEnabled(self.store is not None)

    # --- the chosen invoice -------------------------------------------------------------------

    def _files(self, row: InvoiceRow) -> tuple[bytes, bytes | None] | None:
        assert self.store is not None
        files = stored_files(self.store, row.number)
        if files is None:
            self.status(
                _("Invoice {number} is no longer in the data file.").format(number=row.number)
            )
        return files

    def print_pdf(self) -> None:
        row = self.current()
        if self.store is None or row is None:
            return
        files = self._files(row)
        if files is None:
            return
        pdf = files[0]
        name = _("invoice-{number}.pdf").format(number=row.number)
        show_preview(
            self.panel, document_name(row), name, lambda target, _language: target.write_bytes(pdf)
        )

    def save_finvoice(self) -> None:
        row = self.current()
        if self.store is None or row is None:
            return
        files = self._files(row)
        if files is None:
            return
        if files[1] is None:
            QMessageBox.information(
                self.panel,
                _("No Finvoice file"),
                _(
                    "Invoice {number} has no Finvoice file: a household gets its invoice "
                    "on paper or as PDF."
                ).format(number=row.number),
            )
            return
        suggested = documents_folder() / _("invoice-{number}-finvoice.xml").format(
            number=row.number
        )
        path, _filter = QFileDialog.getSaveFileName(
            self.panel, _("Save Finvoice file"), str(suggested), _("Finvoice files (*.xml)")
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".xml":
            target = target.with_name(target.name + ".xml")
        problem = save_file(files[1], target)
        if problem is not None:
            QMessageBox.warning(self.panel, _("Not saved"), problem)
            return
        self.status(_("Saved to {file}").format(file=target))

    def record_payment(self) -> None:
        row, store = self.current(), self.store
        if store is None or row is None or row.kind is not DocumentKind.INVOICE:
            return
        dialog = PaymentDialog(
            row,
            lambda amount, paid_on: record_payment(store, row.number, amount, paid_on),
            self.panel,
        )
        try:
            if not dialog.exec():
                return
        finally:
            dialog.deleteLater()
        self.reload(keep=row.number)
        after = self.current()
        state = after.status if after is not None else row.status
        self.status(
            _("Payment recorded: invoice {number} is now {state}.").format(
                number=row.number, state=status_label(state).lower()
            )
        )

    def credit_note(self) -> None:
        row, store = self.current(), self.store
        if store is None or row is None or row.kind is not DocumentKind.INVOICE:
            return
        document = invoice_document(store, row.number)
        if document is None:
            return
        made: list[int] = []

        def save(positions: list[int] | None, release: bool) -> None:
            issued = credit(store, row.number, positions, release_hours=release)
            made.append(issued.number)

        dialog = CreditDialog(document, save, self.panel)
        try:
            if not dialog.exec():
                return
        finally:
            dialog.deleteLater()
        self.reload(keep=made[0] if made else row.number)
        if made:
            self.status(
                _("Credit note {number} issued for invoice {invoice}.").format(
                    number=made[0], invoice=row.number
                )
            )
