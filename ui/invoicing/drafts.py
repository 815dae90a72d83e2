"""What the invoice run's widgets do: price the drafts, preview the chosen one, add and
delete manual lines, and issue (ui/invoicing/run.py does the run itself)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QObject
from PySide6.QtWidgets import QMessageBox

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.invoices import InvoiceDocument
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.forms.invoicing import ExtraLineInput
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_money
from jobcenter_desktop.queries.customers import customer_choices
from jobcenter_desktop.queries.extra_lines import pending_extra_lines
from jobcenter_desktop.services.invoicing.extra_lines import add_extra_line, delete_extra_line
from jobcenter_desktop.services.invoicing.issuing import awaiting_count, draft_documents, preview
from jobcenter_desktop.services.invoicing.pricing import Draft
from ui.forms import fill_combo
from ui.invoicing.draft_models import customer_text
from ui.invoicing.drafts_panel import DraftsPanel
from ui.invoicing.extra_line_dialog import ExtraLineDialog
from ui.invoicing.run import IssueRun
from ui.print_actions import show_preview
from ui.print_preview import wait_cursor
from ui.table_model import ID_ROLE


class DraftsController(QObject):
    """Fills :class:`DraftsPanel` from the store; ``status`` says what happened and
    ``issued(count)`` is called after a run that issued invoices."""

    def __init__(
        self,
        panel: DraftsPanel,
        status: Callable[[str], None],
        issued: Callable[[int], None],
    ) -> None:
        super().__init__(panel)
        self.panel = panel
        self.status = status
        self.store: Store | None = None
        self.documents: dict[int, InvoiceDocument] = {}
        self.pdfs: dict[int, bytes] = {}
        self.preview_problem = ""
        self.current_customer: int | None = None
        self._loading = False
        self.run = IssueRun(panel, status, self._after_run, issued)
        panel.period.changed.connect(self.reload)
        panel.customer.currentIndexChanged.connect(lambda _index: self.reload())
        panel.refresh_action.triggered.connect(self.reload)
        panel.table.selectionModel().selectionChanged.connect(self._selection_changed)
        panel.issue_all_action.triggered.connect(self.issue_all)
        panel.issue_selected_action.triggered.connect(self.issue_selected)
        panel.add_line_action.triggered.connect(self.add_line)
        panel.delete_line_action.triggered.connect(self.delete_line)
        panel.lines_table.doubleClicked.connect(lambda _index: self.delete_line())
        panel.open_preview_action.triggered.connect(self.open_preview)

    def set_store(self, store: Store) -> None:
        self.store = store
        self.reload()

    def filter_customer(self) -> int | None:
        data = self.panel.customer.currentData()
        return None if data is None else int(data)

    # --- the drafts ---------------------------------------------------------------------------

    def reload(self) -> None:
        """Price the period's drafts again (what the run would issue now)."""
        store = self.store
        if store is None:
            return
        panel = self.panel
        fill_combo(panel.customer, ((c.id, c.text) for c in customer_choices(store)))
        panel.customer.setItemText(0, _("All customers"))
        period = panel.period.period()
        chosen = self.filter_customer()
        ids = None if chosen is None else [chosen]
        drafts: list[Draft] = []
        self.documents, self.pdfs, self.preview_problem = {}, {}, ""
        panel.message.hide()
        try:
            with wait_cursor():
                pairs = draft_documents(store, period, ids)
            drafts = [draft for draft, _document in pairs]
            self.documents = {draft.customer_id: document for draft, document in pairs}
        except UserError as error:
            # No centre or bank account yet: the drafts still show, the preview says why not.
            self.preview_problem = str(error)
            try:
                drafts = preview(store, period, ids)
            except UserError as problem:
                panel.message.setText(str(problem))
                panel.message.show()
        keep = self.current_customer
        panel.model.set_drafts(drafts)
        self._show_counts(drafts, awaiting_count(store, period, ids))
        row = panel.model.row_of_id(keep) if keep is not None else None
        if row is None and drafts:
            row = 0
        if row is not None:
            self._loading = True
            try:
                panel.table.selectRow(panel.proxy.mapFromSource(panel.model.index(row, 0)).row())
            finally:
                self._loading = False
        self._choose(panel.model.rows[row].id if row is not None else None)

    def _show_counts(self, drafts: list[Draft], awaiting: int) -> None:
        panel = self.panel
        period = panel.period.period()
        when = f"{format_date(period.start)}–{format_date(period.end)}"
        total = format_money(panel.model.total())
        if len(drafts) == 1:
            panel.summary.setText(
                _("1 draft invoice for {period}, total {total}").format(period=when, total=total)
            )
        elif drafts:
            panel.summary.setText(
                _("{count} draft invoices for {period}, total {total}").format(
                    count=len(drafts), period=when, total=total
                )
            )
        else:
            panel.summary.setText(
                _(
                    "Nothing to invoice for {period}: no approved, uninvoiced hours and no "
                    "manual lines. Approve the hours in Timesheets, or choose another month."
                ).format(period=when)
            )
        if awaiting:
            panel.awaiting.setText(
                _(
                    "{count} gigs of the period still have hours to record or approve; they "
                    "are not on these drafts. Approve them in Timesheets first."
                ).format(count=awaiting)
            )
        else:
            panel.awaiting.setText(_("Every gig of the period has its hours approved."))
        panel.issue_all_action.setEnabled(bool(drafts))

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes and not self._loading:
            self._choose(int(indexes[0].data(ID_ROLE)))

    def chosen_draft(self) -> Draft | None:
        row = self.panel.model.row_of_id(self.current_customer)
        return None if row is None else self.panel.model.rows[row].draft

    def _choose(self, customer_id: int | None) -> None:
        """Show the draft of ``customer_id`` (or nothing) and its customer's manual lines."""
        self.current_customer = customer_id
        draft = self.chosen_draft()
        self.panel.issue_selected_action.setEnabled(draft is not None)
        self._show_preview(draft)
        self.panel.open_preview_action.setEnabled(self.panel.preview.pdf is not None)
        self._show_lines()

    def _show_preview(self, draft: Draft | None) -> None:
        pane = self.panel.preview
        if draft is None:
            pane.show_message(_("Choose a draft to see it as it will print."))
            return
        title = _("Draft for {customer}").format(customer=customer_text(draft))
        document = self.documents.get(draft.customer_id)
        if document is None:
            pane.show_message(self.preview_problem, title)
            return
        pdf = self.pdfs.get(draft.customer_id)
        if pdf is None:
            from jobcenter_desktop.documents.invoice_pdf import invoice_pdf

            with wait_cursor():
                pdf = invoice_pdf(document)
            self.pdfs[draft.customer_id] = pdf
        pane.show_pdf(title, pdf)

    def open_preview(self) -> None:
        """The chosen draft in the print preview: larger, to print or save for checking."""
        draft, pdf = self.chosen_draft(), self.panel.preview.pdf
        if draft is None or pdf is None:
            return
        title = _("Draft for {customer}").format(customer=customer_text(draft))
        name = _("draft-invoice-{customer}.pdf").format(customer=draft.customer_number)
        show_preview(self.panel, title, name, lambda target, _language: target.write_bytes(pdf))

    # --- manual lines -------------------------------------------------------------------------

    def lines_customer(self) -> tuple[int, str] | None:
        """Whose manual lines are shown: the chosen draft's customer, else the filter's."""
        draft = self.chosen_draft()
        if draft is not None:
            return draft.customer_id, draft.customer_name
        chosen = self.filter_customer()
        if chosen is None:
            return None
        return chosen, self.panel.customer.currentText()

    def _show_lines(self) -> None:
        panel = self.panel
        whose = self.lines_customer()
        if whose is None or self.store is None:
            panel.lines_model.set_rows([])
            panel.lines_box.setTitle(_("Manual lines"))
            panel.lines_note.setText(
                _("Choose a draft, or a customer above, to add materials or other lines.")
            )
        else:
            lines = pending_extra_lines(self.store, whose[0])
            panel.lines_model.set_rows(lines)
            panel.lines_box.setTitle(_("Manual lines for {customer}").format(customer=whose[1]))
            panel.lines_note.setText(
                _("Materials and other charges billed with the next invoice (Ctrl+N adds one).")
                if not lines
                else _("Billed with the next invoice; delete a wrong one and add it again.")
            )
        panel.add_line_action.setEnabled(whose is not None)
        panel.delete_line_action.setEnabled(bool(panel.lines_model.rows))

    def add_line(self) -> None:
        store, whose = self.store, self.lines_customer()
        if store is None or whose is None:
            self.status(_("Choose a draft, or a customer above, to add a line for."))
            return
        start = ExtraLineInput(
            customer_id=whose[0],
            day=format_date(self.panel.period.period().end),
            quantity="1",
        )
        dialog = ExtraLineDialog(
            whose[1], start, lambda data: add_extra_line(store, data), self.panel
        )
        try:
            if not dialog.exec():
                return
        finally:
            dialog.deleteLater()
        self.current_customer = whose[0]
        self.reload()
        self.status(_("Line added; it is billed with the next invoice."))

    def delete_line(self) -> None:
        table = self.panel.lines_table
        if self.store is None or not self.panel.lines_model.rows:
            return
        row = table.currentIndex().row() if table.currentIndex().isValid() else 0
        line = self.panel.lines_model.rows[row]
        answer = QMessageBox.question(
            self.panel,
            _("Delete line"),
            _('Delete the line "{line}"? It is not billed then.').format(line=line.description),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_extra_line(self.store, line.id)
        except (UserError, ValidationError) as error:
            QMessageBox.warning(self.panel, _("Nothing was changed"), str(error))
            return
        self.reload()
        self.status(_("Line deleted."))

    # --- issuing ------------------------------------------------------------------------------

    def issue_all(self) -> None:
        if self.store is not None and self.panel.model.rows:
            chosen = self.filter_customer()
            drafts = [row.draft for row in self.panel.model.rows]
            self.run.confirm_and_start(
                self.store, self.panel.period.period(), None if chosen is None else [chosen], drafts
            )

    def issue_selected(self) -> None:
        draft = self.chosen_draft()
        if self.store is not None and draft is not None:
            self.run.confirm_and_start(
                self.store, self.panel.period.period(), [draft.customer_id], [draft]
            )

    def _after_run(self) -> None:
        self.current_customer = None
        self.reload()
