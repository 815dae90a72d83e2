"""The invoice run from the window: a confirmation that states how many invoices and what
total, then the run off the GUI thread with "x / y" and a Cancel that saves nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from PySide6.QtWidgets import QMessageBox, QWidget

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_money
from jobcenter_desktop.services.invoicing.issuing import Issued, RunCancelled, issue_run
from jobcenter_desktop.services.invoicing.pricing import Draft, Period
from ui.cancellable_task import CancellableTask, Cancelled, Progress


def issued_text(count: int) -> str:
    """The status line after a run: "3 laskua luotu"."""
    if count == 1:
        return _("1 invoice issued")
    return _("{count} invoices issued").format(count=count)


def confirmation_text(drafts: Sequence[Draft], period: Period) -> str:
    total = sum((draft.totals.total for draft in drafts), Decimal("0.00"))
    when = f"{format_date(period.start)}–{format_date(period.end)}"
    if len(drafts) == 1:
        first = _("Issue 1 invoice to {customer} for {period}, total {total}?").format(
            customer=drafts[0].customer_name, period=when, total=format_money(total)
        )
    else:
        first = _("Issue {count} invoices for {period}, total {total}?").format(
            count=len(drafts), period=when, total=format_money(total)
        )
    return "\n\n".join(
        (
            first,
            _(
                "The invoices get the next numbers of the series and can no longer be "
                "changed: a mistake is corrected with a credit note. The data file is "
                "backed up first."
            ),
        )
    )


class IssueRun:
    """Asks, runs and reports. ``refresh()`` after every run (also a cancelled one),
    ``issued(count)`` after one that issued invoices."""

    def __init__(
        self,
        parent: QWidget,
        status: Callable[[str], None],
        refresh: Callable[[], None],
        issued: Callable[[int], None],
    ) -> None:
        self.parent = parent
        self.status = status
        self.refresh = refresh
        self.issued = issued
        self.task: CancellableTask | None = None

    def confirm_and_start(
        self,
        store: Store,
        period: Period,
        customer_ids: Sequence[int] | None,
        drafts: Sequence[Draft],
    ) -> None:
        if self.task is not None or not drafts:
            return
        answer = QMessageBox.question(
            self.parent, _("Issue invoices"), confirmation_text(drafts, period)
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.start(store, period, customer_ids)

    def start(self, store: Store, period: Period, customer_ids: Sequence[int] | None) -> None:
        def work(progress: Progress, cancelled: Cancelled) -> list[Issued]:
            return issue_run(store, period, customer_ids, progress=progress, cancelled=cancelled)

        self.task = CancellableTask(
            self.parent, _("Issuing the invoices…"), work, self._done, self._failed
        )
        self.task.start()

    def _done(self, issued: list[Issued]) -> None:
        self.task = None
        self.refresh()
        self.status(issued_text(len(issued)))
        if issued:
            self.issued(len(issued))

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self.refresh()
        if isinstance(error, RunCancelled):
            self.status(str(error))
            return
        if isinstance(error, UserError | ValidationError):
            self.status(_("Nothing was issued."))
            QMessageBox.warning(self.parent, _("Nothing was issued"), str(error))
            return
        raise error  # the error reporter logs it and shows the calm dialog
